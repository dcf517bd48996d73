/**
 * Session 44 (ui8, newcomer s44 N12): an agent handed a Human Takeover chat back without writing a word, and the block's
 * Resolved exit (the template's Rating) asked the customer, whose broken parcel nobody answered, to rate the chat. Now the
 * bot says nobody could answer and takes up where the customer was. Negative: after the agent replied, Resolved as before.
 */
import { describe, expect, it } from 'vitest';
import { first } from '../nlu/supportRouter';

const handedOver = () => {
  const c = first('I need a person, my parcel NW-104233 arrived broken');
  // The template's takeover asks name / email first when it does not know them.
  for (let i = 0; i < 4 && c.mode() === 'bot'; i++) c.say(i === 0 ? 'Lee' : 'lee@example.com');
  expect(c.mode()).toBe('waiting');
  c.agent.accept('a2', 'Bob');
  return c;
};

describe('hand back with no word from the agent (N12)', () => {
  it('no rating: the customer is told nobody answered and is back at the menu', () => {
    const c = handedOver();
    const before = c.botTexts().length;
    c.agent.handback(undefined);
    const after = c.botTexts().slice(before);
    expect(after.join(' | ')).not.toMatch(/rate this chat/);
    expect(after).toContain("I'm sorry nobody from our team could answer you this time. Let's carry on from where we were; you can ask for a person again at any time.");
    expect(c.lastBotText()).toBe('What can I help you with? Pick an option or just type your question.');
    expect(c.mode()).toBe('bot');
    expect(c.state.waiting).toMatchObject({ kind: 'input', blockId: 'main_menu' });
    // The customer can ask again and is handed over again.
    c.say('a person please');
    expect(c.effects('handoff_request').length).toBeGreaterThanOrEqual(2);
  });

  it('negative: the agent answered, then handed back: Resolved as before (the rating)', () => {
    const c = handedOver();
    c.agent.say('So sorry about that, a replacement is on its way.', 'a2');
    const before = c.botTexts().length;
    c.agent.handback(undefined);
    expect(c.botTexts().slice(before).join(' | ')).toMatch(/rate this chat/);
  });
});
