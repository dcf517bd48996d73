/**
 * Session 18 (fixengine), the two HIGH findings of the session's hostile pass in the engine:
 * H#8: "yes. hold on", "Yes, cancel it — actually, hold on", "yes hang on", "yes, one sec", "yes, just a sec", "Yes,
 *      cancel it. Let me check with my wife first" CANCELLED the order: a pause after the yes takes it back (asked again).
 * H#27: "cancel NW-230918 not NW-230919" offered to cancel NW-230919, the order the customer said to keep (the last
 *      order number in the message won whatever the words around it); the same for an address change and a return.
 */
import { describe, expect, it } from 'vitest';
import { first } from '../nlu/supportRouter';
import { answerVerdict } from '../../../shared/engine/answeringWord';

const CONFIRM = 'Just to check: shall I cancel order NW-230918?';
function atConfirmation() {
  const c = first('cancel NW-230918');
  expect(c.lastBotText()).toBe(CONFIRM);
  return c;
}
const cancelled = (c: ReturnType<typeof first>) => c.botTexts().some((t) => /stop order/.test(t));

describe('a pause after the yes takes it back (H#8)', () => {
  it.each([
    'yes. hold on',
    'Yes, cancel it \u2014 actually, hold on',
    'yes hang on',
    'yes, one sec',
    'yes, just a sec',
    'Yes, cancel it. Let me check with my wife first',
    'yes, give me a minute',
  ])('"%s" cancels nothing and asks again', (line) => {
    const c = atConfirmation();
    c.say(line);
    expect(cancelled(c)).toBe(false);
    expect(c.lastBotText()).toBe(`No rush. ${CONFIRM}`);
  });
  it.each(['yes', 'Yes, cancel it', 'yes please, go ahead'])('"%s" still cancels', (line) => {
    const c = atConfirmation();
    c.say(line);
    expect(c.botTexts().join(' ')).toMatch(/stop order NW-230918/);
  });
  it('words that only look like a pause take nothing back ("a second week" is no "a second")', () => {
    expect(answerVerdict('yes, cancel it, I have been waiting a second week', 'yes', ['yes'])).not.toBe('retracted');
    expect(answerVerdict('yes, hold on', 'yes', ['yes'])).toBe('retracted');
    expect(answerVerdict('yes. let me think', 'yes', ['yes'])).toBe('retracted');
  });
});

describe('an order the customer excludes is never the one acted on (H#27)', () => {
  it('"cancel NW-230918 not NW-230919" confirms NW-230918', () => {
    expect(first('cancel NW-230918 not NW-230919').lastBotText()).toBe(CONFIRM);
  });
  it.each([
    ['send NW-230918 to my new address, not NW-230919', 'NW-230918'],
    ['I want to return NW-230918 but not NW-230919', 'NW-230918'],
    ['where is NW-230918? not NW-230919', 'NW-230918'],
    ["don't cancel NW-230918, cancel NW-230919", 'NW-230919'],
  ])('"%s" takes %s', (line, order) => {
    expect(first(line).variables().orderNumber).toBe(order);
  });
  it('with no excluding word the last order written is taken as before', () => {
    expect(first('cancel NW-230919').variables().orderNumber).toBe('NW-230919');
    expect(first("where is my order NW-230918, it's not arrived").variables().orderNumber).toBe('NW-230918');
  });
});
