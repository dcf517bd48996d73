/**
 * Session 20 (fixengine, brief items 1 and 2): several orders in one message, and a clear request with a negative word
 * elsewhere (hostile s18 #28, s19 #9, #10, #18; newcomer s19 F3, F4).
 * - Several orders named together are handled one at a time, the FIRST written first, and the customer is told which
 *   one comes first and to ask about the others (the last one won and the first was dropped without a word); an order
 *   number alone afterwards ("NW-300222", "and NW-300222?") is the same request again for that order.
 * - An order excluded ("NW-230919 not", "instead of NW-230919", "rather than") is never the one offered, and the words
 *   that exclude it do not spoil the request ("cancel X instead of Y" fell back).
 * - A negation that reports a problem ("I didn't get my order", "can't track", "I can't find my order, cancel it",
 *   "the address on ... is not right") is read as the request it is; a request NOT to do something is still negated.
 */
import { describe, expect, it } from 'vitest';
import { first, understood } from '../nlu/supportRouter';

const texts = (c: ReturnType<typeof first>) => c.botTexts().join(' | ');
const lookedUp = (c: ReturnType<typeof first>) =>
  c.effects().filter((e) => e.type === 'http_request').map((e) => (e as { url: string }).url);

describe('several orders in one message', () => {
  it.each([
    ['cancel NW-300111 and NW-300222', 'NW-300111', ['NW-300222']],
    ['please cancel NW-300111 & NW-300222', 'NW-300111', ['NW-300222']],
    ['cancel NW-300111, NW-300222 and NW-300333', 'NW-300111', ['NW-300222', 'NW-300333']],
    ['can you cancel both NW-300111 and NW-300222?', 'NW-300111', ['NW-300222']],
    ['cancel NW-300111 or NW-300222, whichever has not shipped', 'NW-300111', ['NW-300222']],
  ])('"%s": the first is confirmed, the others named', (line, firstRef, others) => {
    const c = first(line);
    const t = texts(c);
    expect(t).toMatch(new RegExp(`I'll start with ${firstRef}\\.`));
    for (const o of others) expect(t).toMatch(new RegExp(`Ask me about [^|]*${o}[^|]* after that`));
    expect(c.lastBotText()).toBe(`Just to check: shall I cancel order ${firstRef}?`);
  });

  it.each([
    'where are NW-300111 and NW-300222?',
    'I have two orders NW-300111 and NW-300222, where are they?',
    'Hi, I have two orders NW-300111 and NW-300222 - where are they both?',
    'Hi, where are my orders NW-300111 and NW-300222?',
  ])('"%s": the first is looked up, the second named, then looked up when asked', (line) => {
    const c = first(line);
    expect(texts(c)).toMatch(/I'll start with NW-300111\. Ask me about NW-300222 after that/);
    expect(texts(c)).not.toMatch(/Hello there/);
    expect(lookedUp(c).at(-1)).toMatch(/NW-300111$/);
    c.http(true, { status: 'shipped', eta: 'Friday' });
    expect(texts(c)).toMatch(/Order NW-300111 is shipped/);
    c.say('and NW-300222?');
    expect(lookedUp(c).at(-1)).toMatch(/NW-300222$/);
  });

  it('after a cancel, the other order alone is the cancel again (confirmed first)', () => {
    const c = first('cancel NW-300111 and NW-300222');
    c.say('yes');
    c.say('kim@example.com');
    expect(texts(c)).toMatch(/stop order NW-300111 \(ticket/);
    c.say('NW-300222');
    expect(c.lastBotText()).toBe('Just to check: shall I cancel order NW-300222?');
  });

  it.each([
    ['cancel NW-230918, NW-230919 not', 'NW-230918'],
    ['cancel NW-230918, but NW-230919 not though', 'NW-230918'],
    ['cancel NW-230918 instead of NW-230919', 'NW-230918'],
    ['cancel NW-230918 rather than NW-230919', 'NW-230918'],
    ['instead of NW-230918, cancel NW-230919', 'NW-230919'],
    ['cancel NW-230918. Not NW-230919 though, that one I want', 'NW-230918'],
    ['cancel NW-230918 not NW-230919', 'NW-230918'],
  ])('"%s": only %s is offered, nothing listed', (line, ref) => {
    const c = first(line);
    expect(c.lastBotText()).toBe(`Just to check: shall I cancel order ${ref}?`);
    expect(texts(c)).not.toMatch(/one at a time|didn't get that/);
  });

  it('negatives: one order, a correction, a repeated number and a first message of a bare number are as before', () => {
    expect(texts(first('cancel NW-230918'))).not.toMatch(/one at a time/);
    // A correction: the last one written is meant, nothing listed.
    const fixed = first('cancel order NW-230918, sorry, NW-230919');
    expect(texts(fixed)).not.toMatch(/one at a time/);
    expect(fixed.lastBotText()).toBe('Just to check: shall I cancel order NW-230919?');
    expect(texts(first('cancel NW-230918, yes NW-230918'))).not.toMatch(/one at a time/);
    // No request understood before: since session 29 (newcomer s28 N10) a bare number means "this order" and is looked
    // up (fixflowS29OrderAlone.test.ts), not "Sorry, I didn't get that".
    expect(lookedUp(first('NW-300222')).at(-1)).toMatch(/NW-300222$/);
    // "No, <other order>" at the confirmation corrects it.
    const c = first('cancel NW-230918');
    c.say('no, NW-230919');
    expect(c.lastBotText()).toBe('Just to check: shall I cancel order NW-230919?');
  });
});

describe('a request with a negative word elsewhere', () => {
  it.each([
    ["I can't find my order NW-230918, cancel it", /shall I cancel order NW-230918\?/],
    ['the address on NW-230918 is not right', /new delivery address/],
  ])('"%s"', (line, answer) => {
    const t = texts(first(line));
    expect(t).toMatch(answer);
    expect(t).not.toMatch(/didn't get that/);
  });

  it.each(["I didn't get my order NW-230918", "can't track NW-230918", 'I never got my parcel NW-230918', 'I still haven\'t got my order NW-230918'])(
    '"%s" looks the order up',
    (line) => {
      const c = first(line);
      expect(lookedUp(c).at(-1)).toMatch(/NW-230918$/);
      expect(texts(c)).not.toMatch(/cancel|didn't get that/);
    },
  );

  it.each([
    ["I didn't get my order", 'track_order'],
    ['I never got my parcel', 'track_order'],
    ["I can't track my parcel", 'track_order'],
    ['i did not receive my package', 'track_order'],
    ['wrong address on my order', 'change_address'],
  ])('understood: "%s" -> %s', (line, intent) => {
    expect(understood(line)).toBe(intent);
  });

  it.each([
    // A request NOT to do something stays negated (session 18): no cancel, no address change.
    ["I don't want to cancel", 'cancel_order'],
    ['never send my order elsewhere', 'change_address'],
  ])('still negated: "%s" is not %s', (line, intent) => {
    expect(understood(line)).not.toBe(intent);
  });

  it.each(["I don't get it", "I can't believe this", 'it does not matter'])('no topic made up: "%s" is not understood', (line) => {
    expect(understood(line)).toBeNull();
  });

  it("a refusal is still acknowledged: \"Don't cancel order NW-104233 please\"", () => {
    expect(texts(first("Don't cancel order NW-104233 please"))).toMatch(/I won't cancel anything/);
    expect(understood("don't send my order")).toBe('cancel_order');
  });
});

describe('"how does X work" at the router (newcomer s19 F5)', () => {
  it.each([
    ['how do returns work?', 'return_item'],
    ['how does delivery work', 'shipping_info'],
  ])('understood: "%s" -> %s', (line, intent) => {
    expect(understood(line)).toBe(intent);
  });

  it('at "What\'s your question?" after "Something else" it is the returns answer', () => {
    const c = first('Something else');
    c.say('how do returns work?');
    expect(texts(c)).toMatch(/You can return unused items within 30 days/);
    expect(texts(c)).not.toMatch(/didn't get that/);
  });

  it('"work" as a place is still the address: "can it go to my work address instead"', () => {
    expect(understood('can it go to my work address instead')).toBe('change_address');
  });
});

describe('the same order typed again is no new request', () => {
  it('"#280612" after tracking NW-280612 is not looked up again', () => {
    const c = first('please track NW-280612');
    c.http(false, {}, 500);
    const before = lookedUp(c).length;
    c.say('No thanks');
    c.say('#280612');
    expect(lookedUp(c).length).toBe(before);
  });
});
