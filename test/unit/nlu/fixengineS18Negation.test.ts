/**
 * Session 18 (fixengine): a negated request is no request (hostile s17 H#12, newcomer s17 N#15 rest).
 * - "don't cancel NW-230918, just tell me where it is" asked "shall I cancel order NW-230918?": the clause "don't cancel"
 *   matched "cancel my order" (the matcher dropped "don't"). A request negated before another clause is not read; the
 *   clause after it is ("tell me where it is" is read as "where is it").
 * - "send my order elsewhere" was not understood: the cancel example "don't send my order" matched it as well as the
 *   address change did (a tie). A verb under "do not" / "never" is now a word of its own: negated examples match negated
 *   text only, and the reverse.
 */
import { describe, expect, it } from 'vitest';
import { first, understood } from './supportRouter';

describe('a verb under a negation is another word', () => {
  it('"send my order elsewhere" is an address change (it tied with the cancel example "don\'t send my order")', () => {
    expect(understood('send my order elsewhere')).toBe('change_address');
    expect(first('send my order elsewhere').lastBotText()).toMatch(/^Which order should go to a new address\?/);
  });
  it('the negated example still matches negated text ("don\'t send my order", "please don\'t ship my order": cancel)', () => {
    expect(understood("don't send my order")).toBe('cancel_order');
    expect(understood("please don't ship my order")).toBe('cancel_order');
  });
  it('"don\'t cancel" alone asks for nothing: not a cancellation', () => {
    expect(understood("don't cancel NW-230918")).not.toBe('cancel_order');
  });
  it('un-negated requests read as before', () => {
    expect(understood('cancel my order')).toBe('cancel_order');
    expect(understood('I no longer want what I ordered')).toBe('cancel_order');
    // "is not my address" is no verb's negation: still about the address.
    expect(understood('that is not my address on the order')).toBe('change_address');
  });
});

describe('a request negated before another clause is not read (H#12)', () => {
  it.each([
    "don't cancel NW-230918, just tell me where it is",
    "don't send NW-230918 elsewhere, just tell me where it is",
    "don't redirect NW-230918, just tell me where it is",
    'please don\'t move NW-230918, I just want to know when it arrives',
  ])('"%s" -> tracking, never the cancel confirmation', (line) => {
    const c = first(line);
    expect(c.botTexts().some((t) => /shall I cancel/.test(t))).toBe(false);
    expect(c.variables().intent).toBe('track_order');
    expect(c.effects('http_request').length).toBeGreaterThan(0);
  });
  it('"tell me where it is" asks where it is (the framing verb carries no topic)', () => {
    expect(understood('just tell me where it is')).toBe('track_order');
  });
  it('a negation inside a later clause does not drop the first ("cancel NW-230918, don\'t send it")', () => {
    expect(first("cancel NW-230918, don't send it").lastBotText()).toBe('Just to check: shall I cancel order NW-230918?');
  });
});
