/**
 * Session 45 (ui9, blind re-test s44 finding 2): on Northwind's damaged-item path the flow says "A colleague will arrange a
 * replacement for you right away" and its wiring reaches the Human Takeover. An agent who handed that chat back without a
 * word sent the customer to Resolved, the template's Rating: "Before you go: how would you rate this chat". Now the bot
 * says nobody could answer in the chat and the chat goes on by the block's No agent path (Northwind: a ticket answered by
 * email), as when nobody took it. Negative: after the agent wrote, Resolved as before. The "did the agent write" reading is
 * a flag in the handoff (agentWrote), not the 30-entry transcript window.
 */
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { MONDAY_10_LONDON, template } from '../nlu/supportRouter';

const damagedHandedOver = () => {
  const c = converse(template(), { now: MONDAY_10_LONDON });
  c.say('I want to return something');
  for (let i = 0; i < 3 && !(c.lastBotText() ?? '').includes('Why are you sending it back?'); i++) c.say('NW-104233');
  expect(c.lastBotText()).toContain('Why are you sending it back?');
  c.click('damaged');
  expect(c.botTexts().join(' | ')).toContain('A colleague will arrange a replacement for you right away.');
  for (let i = 0; i < 3 && c.mode() === 'bot'; i++) c.say('lee@example.com');
  expect(c.mode()).toBe('waiting');
  expect(c.state.handoff).toMatchObject({ reason: 'flow', blockId: 'human_agent' });
  c.agent.accept('a2', 'Bob');
  return c;
};

describe('hand back with no word on a takeover the flow reached (retest s44 #2)', () => {
  it('no rating: the bot says nobody answered and the flow goes on by No agent (the ticket, answered by email)', () => {
    const c = damagedHandedOver();
    const before = c.botTexts().length;
    c.agent.handback(undefined);
    const after = c.botTexts().slice(before);
    expect(after.join(' | ')).not.toMatch(/rate this chat/);
    expect(after[0]).toBe("I'm sorry nobody from our team could answer you in the chat this time.");
    // Northwind's No agent: opening hours (open on Monday 10:00) -> the follow-up ticket. Its email is known and its issue
    // is what the customer chose before the takeover: the ticket is opened at once, nothing asked again.
    expect(after.join(' | ')).not.toMatch(/What should our team help you with/);
    expect(after.join(' | ')).toMatch(/We've opened ticket .+ and will reply by email/);
    const ticket = c.effects('create_ticket').at(-1) as unknown as { ticket: { issue?: string; email?: string } };
    expect(JSON.stringify(ticket)).toContain('Damaged or faulty');
    expect(JSON.stringify(ticket)).toContain('lee@example.com');
    expect(c.mode()).toBe('closed');
  });

  it('negative: the agent wrote, then handed back: Resolved as before (the rating)', () => {
    const c = damagedHandedOver();
    c.agent.say('So sorry, a replacement is on its way.', 'a2');
    expect(c.state.handoff?.agentWrote).toBe(true);
    const before = c.botTexts().length;
    c.agent.handback(undefined);
    expect(c.botTexts().slice(before).join(' | ')).toMatch(/rate this chat/);
  });

  it('the flag, not the transcript window: the agent wrote once, 32 customer lines pushed it out of the window; still Resolved', () => {
    // A request for a person. Read from the window (session 44), the agent's words and the menu the request came from are
    // both gone, so this chat would now leave by No agent (a ticket) although the agent answered: the flag keeps Resolved.
    const c = converse(template(), { now: MONDAY_10_LONDON });
    c.say('I need a person, my parcel NW-104233 arrived broken');
    for (let i = 0; i < 4 && c.mode() === 'bot'; i++) c.say(i === 0 ? 'Lee' : 'lee@example.com');
    expect(c.state.handoff?.reason).toBe('explicit_request');
    c.agent.accept('a2', 'Bob');
    c.agent.say('A replacement is on its way: tell me everything that is wrong with it.', 'a2');
    for (let i = 0; i < 32; i++) c.say(`and another thing, number ${i}`);
    // Only the window's last 30 entries are kept: the agent's one message is no longer in it.
    expect(c.state.recentTranscript.some((e) => e.from === 'agent')).toBe(false);
    const before = c.botTexts().length;
    c.agent.handback(undefined);
    expect(c.botTexts().slice(before).join(' | ')).toMatch(/rate this chat/);
  });

  it('a takeover the flow reached with neither No agent nor Timeout wired: Resolved as before', () => {
    const flow = template();
    flow.edges = flow.edges.filter((e) => !(e.from === 'human_agent' && (e.exit === 'no_agent' || e.exit === 'timeout')));
    const c = converse(flow, { now: MONDAY_10_LONDON });
    c.say('I want to return something');
    for (let i = 0; i < 3 && !(c.lastBotText() ?? '').includes('Why are you sending it back?'); i++) c.say('NW-104233');
    c.click('damaged');
    for (let i = 0; i < 3 && c.mode() === 'bot'; i++) c.say('lee@example.com');
    c.agent.accept('a2', 'Bob');
    const before = c.botTexts().length;
    c.agent.handback(undefined);
    const after = c.botTexts().slice(before);
    expect(after.join(' | ')).toMatch(/rate this chat/);
    expect(after.join(' | ')).not.toMatch(/nobody from our team/);
  });
});
