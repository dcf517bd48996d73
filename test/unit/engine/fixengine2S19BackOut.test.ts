/**
 * Session 19 (fixengine2): the customer can always back out.
 * newcomer s19 F23 HIGH: after "can I speak to an agent please", "actually never mind, I found the tracking link in my
 * email. sorry!" / "no really, I don't need anyone now" at the email question got "That doesn't look like an email
 * address" twice, and "cancel" handed the chat to Ann anyway.
 * hostile s19 #11: at the cancel ticket's email question "never mind" / "nevermind" / "Oops" were thanked as names and
 * "Stop" looped on the email retry.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import type { AgentPresence } from '../../../shared/handoff/types';
import { backsOut } from '../../../shared/engine/backOut';

const template = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const NOW = Date.parse('2026-12-02T11:00:00Z');
const ann: AgentPresence[] = [{ id: 'ann', name: 'Ann', status: 'online', activeChats: 0, skills: [], languages: ['en'], teams: [], lastAssignedAt: null }];
const RETRY = /doesn't look like an email/;

describe('F23: backing out of a handover at its email question', () => {
  it.each([
    'actually never mind, I found the tracking link in my email. sorry!',
    "no really, I don't need anyone now",
    'cancel',
    'forget it',
    'nevermind',
  ])('"%s": nothing handed over, the bot says so and asks what it can help with', (words) => {
    const c = converse(template(), { now: NOW, agents: ann });
    c.say('can I speak to an agent please');
    expect(c.lastBotText()).toMatch(/email address/);
    const step = c.say(words);
    const said = step.messages.map((m) => m.text).join('\n');
    expect(said).not.toMatch(RETRY);
    expect(said).toMatch(/won't connect you with anyone/);
    expect(said).toMatch(/What can I help you with/);
    expect(c.effects('handoff_request')).toHaveLength(0);
    expect(c.mode()).toBe('bot');
  });

  it('after backing out, the next message is read as a request again (not as the email)', () => {
    const c = converse(template(), { now: NOW, agents: ann });
    c.say('can I speak to an agent please');
    c.say("I don't need anyone now");
    c.say('what are your delivery times?');
    expect(c.lastBotText()).not.toMatch(RETRY);
    expect(c.variables().customerEmail ?? null).toBeNull();
    expect(c.effects('handoff_request')).toHaveLength(0);
  });

  it('an address, a refusal to give one, or a wrong address are unchanged', () => {
    const c = converse(template(), { now: NOW, agents: ann });
    c.say('can I speak to an agent please');
    c.say('sam at example');
    expect(c.lastBotText()).toMatch(RETRY);
    c.say('sam@example.com');
    expect(c.variables().customerEmail).toBe('sam@example.com');
    expect(c.effects('handoff_request')).toHaveLength(1);
  });
});

describe('hostile #11: backing out at the cancel ticket email question', () => {
  it.each(['never mind', 'nevermind', 'Oops', 'Stop', 'forget it'])('"%s": no ticket, no name, the bot says nothing was passed on', (words) => {
    const c = converse(template(), { now: NOW, agents: [] });
    c.say('cancel my order NW-230918');
    c.say('yes');
    expect(c.lastBotText()).toMatch(/What email address should we reply to/);
    const step = c.say(words);
    const said = step.messages.map((m) => m.text).join('\n');
    expect(said).not.toMatch(RETRY);
    expect(said).not.toMatch(/^Thanks,/m);
    expect(said).toMatch(/nothing was passed on/);
    expect(c.variables().customerName ?? null).toBeNull();
    expect(c.effects('create_ticket')).toHaveLength(0);
  });

  it('a bare "cancel" there is not a back-out (the customer is cancelling an order); an address still opens the ticket', () => {
    const c = converse(template(), { now: NOW, agents: [] });
    c.say('cancel my order NW-230918');
    c.say('yes');
    c.say('cancel');
    expect(c.botTexts().join('\n')).not.toMatch(/nothing was passed on/);
    c.say('kim@example.com');
    expect(c.effects('create_ticket')).toHaveLength(1);
  });
});

describe('what backs out', () => {
  it('withdrawals', () => {
    for (const t of ['never mind', 'Never mind!', 'nvm', 'forget about it', 'I changed my mind', "I don't need anyone now", 'no longer need help', 'Oops', 'stop', 'cancel that'])
      expect(backsOut(t), t).toBe(true);
  });
  it('answers and other words are not', () => {
    // Review s19 R21 (lead): at an email question 'no thanks' and 'never mind the email, just ...' decline the email.
    for (const t of ['kim@example.com', 'never mind, use kim@example.com', 'Kim', 'no', 'no thanks', 'never mind the email, just get me someone', 'never mind the email, just cancel it', 'I need help with my order', "I don't have an email", 'stop order NW-230918', 'why do you need it?', 'Mindy Forgetson'])
      expect(backsOut(t), t).toBe(false);
    expect(backsOut('cancel', false)).toBe(false);
    expect(backsOut('cancel, never mind', false)).toBe(true);
  });
});
