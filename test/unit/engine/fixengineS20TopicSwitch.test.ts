/**
 * Session 20 (fixengine, brief item 3; newcomer s19 F5, F7):
 * - at an order question, a topic switch typed without a question's form ("opening hours", "payment methods") is that
 *   request when the flow's router reads it confidently: answered, and the order question asked again (it was asked
 *   again as a failed answer, then handed over);
 * - at a Buttons block, the request the customer is already in ("returns" at the return's "Why are you sending it
 *   back?") asks the question again and is no miss (it was "Please choose one of the options", counted as a miss).
 * Negatives: an answer that is no topic ("the blue one") is asked again as before; "I don't have it" still gives up.
 */
import { describe, expect, it } from 'vitest';
import { first } from '../nlu/supportRouter';

const texts = (c: ReturnType<typeof first>) => c.botTexts().join(' | ');

describe('a topic switch at an order question', () => {
  it.each([
    ['Returns', 'opening hours', /Monday to Friday 8am-8pm/, /Which order is the return for\?/],
    ['Returns', 'payment methods', /We accept Visa/, /Which order is the return for\?/],
    ['Track my order', 'opening hours', /Monday to Friday 8am-8pm/, /What's your order number\?/],
  ])('%s, then "%s": answered, the order asked again', (button, line, answer, again) => {
    const c = first(button);
    c.say(line);
    const said = c.botTexts().slice(-2).join(' | ');
    expect(said).toMatch(answer);
    expect(c.lastBotText()).toMatch(again);
    expect(c.mode()).toBe('bot');
    expect(texts(c)).not.toMatch(/Order numbers look like/);
  });

  it.each([
    ['the blue one', /Order numbers look like NW-104233/],
    ["I don't have it", /a colleague can find your order by your email address/],
  ])('negative: "%s" is read as before', (line, answer) => {
    const c = first('Returns');
    c.say(line);
    expect(texts(c)).toMatch(answer);
    expect(texts(c)).not.toMatch(/Monday to Friday/);
  });
});

describe('the request the customer is already in, at a Buttons block', () => {
  it('"returns" at "Why are you sending it back?" asks the reason again, no miss', () => {
    const c = first('return NW-410010');
    expect(c.lastBotText()).toBe('Why are you sending it back?');
    // One miss first: a second would hand over for repeated fallback.
    c.say('purple elephants');
    c.say('returns');
    expect(c.lastBotText()).toBe("Yes, that's what we're doing. Why are you sending it back?");
    expect(c.mode()).toBe('bot');
    c.say('too small');
    expect(texts(c)).toMatch(/prepaid return label for order NW-410010/);
  });

  it('negative: text that is no request is still "Please choose"', () => {
    const c = first('return NW-410010');
    c.say('purple elephants');
    expect(c.lastBotText()).not.toMatch(/that's what we're doing/);
  });
});
