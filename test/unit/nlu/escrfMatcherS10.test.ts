// Session 10 (escrf, issue 11): what the intent matcher rests a match on, and one vocabulary of bare replies.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createIntentMatcher } from '../../../shared/nlu/createIntentMatcher';
import { BARE_REPLY, FILLER, isBareReply, offerAnswer } from '../../../shared/nlu/bareReplies';

const json = JSON.parse(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8'));
const router = createIntentMatcher(json.blocks.find((b: { id: string }) => b.id === 'router').data.intents);
const THRESHOLD = 0.5;
const routed = (t: string) => {
  const m = router.match(t);
  return m.confidence >= THRESHOLD ? m.intentId : null;
};

describe('numbers and references in examples are values, not topics', () => {
  it('an order number written like the one in a cancel example does not make a tracking question a cancellation', () => {
    // The example "cancel order NW-104233" made "where is my order NW-104233" cancel_order (0.78).
    expect(routed('where is my order NW-104233')).toBe('track_order');
    expect(routed('where is my order 55123')).toBe('track_order');
    expect(routed('cancel order NW-104233')).toBe('cancel_order');
  });
  it('a number in a message still dilutes it: arithmetic is not an opening-hours question', () => {
    expect(routed("what's 17 times 23")).toBeNull();
    expect(routed('8834 2291 00')).toBeNull();
  });
  it('a flow whose examples name one reference does not send every message with a number there', () => {
    const m = createIntentMatcher([
      { id: 'refund', name: 'refund', examples: ['refund for booking AB-1234', 'I want my money back', 'refund please'] },
      { id: 'book', name: 'book', examples: ['book a table', 'reserve a table for two', 'table for four tonight'] },
    ] as never);
    expect(m.match('table for two, booking AB-1234').intentId).toBe('book');
  });
});

describe('a clause that asks is the request', () => {
  it('a greeting in front of a question the bot can answer no longer answers "Hello there!"', () => {
    // Each was greeting 0.95 from its first clause.
    expect(routed('Hi there, I bought a lamp and it is lovely but too big, can I return it?')).toBe('return_item');
    expect(routed('Hello, hope you are well, I moved house last month, can I change the address on my order?')).toBe('change_address');
    expect(routed('Good morning, lovely weather today, do you take PayPal?')).toBe('payment_methods');
  });
  it('a greeting alone, and a question in its own clause, still match', () => {
    expect(routed('Hello!')).toBe('greeting');
    expect(routed('hiya')).toBe('greeting');
    expect(routed('I love your products! do you ship to Ireland?')).toBe('shipping_info');
  });
});

describe('one vocabulary of bare replies (nlu/bareReplies.ts)', () => {
  it('the intent matcher, the offer and the fallback detector read the same yes words', () => {
    for (const w of ['yes', 'yeah', 'yep', 'yup', 'ya', 'ye', 'yea', 'yeh']) {
      expect(BARE_REPLY.has(w)).toBe(true);
      expect(FILLER.has(w)).toBe(true);
      expect(offerAnswer(w)).toBe(true);
    }
    for (const w of ['no', 'nope', 'nah', 'na']) {
      expect(BARE_REPLY.has(w)).toBe(true);
      expect(offerAnswer(w)).toBe(false);
    }
  });
  it('answers to an offer of a person', () => {
    expect(offerAnswer('no thanks')).toBe(false);
    expect(offerAnswer('yes please')).toBe(true);
    expect(offerAnswer('a person')).toBe(true);
    expect(offerAnswer('keep chatting with the bot')).toBe(false);
    expect(offerAnswer('nothing')).toBeNull();
    expect(offerAnswer('yesterday my parcel')).toBeNull();
    expect(offerAnswer('where is my order')).toBeNull();
  });
  it('a bare reply is a few bare words, not a request containing one', () => {
    expect(isBareReply(['nah', "that's", 'all'])).toBe(true);
    expect(isBareReply(['no', 'longer', 'want', 'it'])).toBe(false);
    expect(isBareReply([])).toBe(false);
    expect(routed('yea')).toBeNull();
  });
});
