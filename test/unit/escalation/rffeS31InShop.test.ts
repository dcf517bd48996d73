// Session 31 (rffe, issue 11): a fallback streak whose messages ALL read as about the shop (the learned in-domain score at
// least IN_SHOP_STREAK) is a customer asking the shop's questions in their own words, not one the bot cannot serve:
// it hands over no more as repeated fallbacks (detectRepeatedFallback.questionsForTheShop, EscalationMemory.inShopStreak).
// One message that does not read so (off-topic, a key mash, a question about who is answering, an answer that does not
// fit the block's own question) and the streak counts as before. Sentences made up for this test.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { escalationOrClarify, playConversation } from '../../../shared/simulator/playConversation';
import { nextInShopStreak } from '../../../shared/escalation/detectors/detectRepeatedFallback';
import { evaluateEscalation, initialEscalationMemory } from '../../../shared/escalation/evaluateEscalation';
import { analyzeText } from '../../../shared/nlu/analyzeText';
import type { EscalationMemory, TurnFacts } from '../../../shared/escalation/types';

const shipped = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const now = Date.parse('2026-11-24T10:00:00Z');
const reason = (turns: string[]) => escalationOrClarify(playConversation(shipped, 'c', ['Something else', ...turns], now), turns.length + 1)?.reason ?? 'none';

describe('a streak of messages that all read as about the shop', () => {
  it.each([
    [['got a promo code', 'where do I enter it']],
    [['no order confirmation email yet', 'looked in junk too']],
    [['Hello, order NW-301122 went out Friday', 'can you tell me where it is now']],
  ])('%j stays with the bot', (turns) => {
    expect(reason(turns)).toBe('none');
  });
});

describe('one message that does not read as about the shop still counts', () => {
  it.each([
    // Off-topic after a shop message, and before one.
    [['got a promo code', 'what is the capital of Peru?']],
    [['who will win the cup final?', 'got a promo code']],
    // A key mash around a shop word (it scores 1.00: the words check, not the score, keeps it out).
    [['got a promo code', 'where do I enter it', 'order zxcvbnm qwrtyp']],
    // A question about who is answering.
    [['got a promo code', 'are you a robot?']],
    // A filler.
    [['no order confirmation email yet', 'hmm']],
    // Gibberish and off-topic questions, as before.
    [['asdf qwer', 'zxcv uiop']],
    [['how many legs does a spider have?', 'is a tomato a fruit?']],
  ])('%j hands over as repeated fallbacks', (turns) => {
    expect(reason(turns)).toBe('repeated_fallback');
  });
});

describe('the memory keeps whether the streak is all about the shop', () => {
  const facts = (text: string, turn: number, ownQuestion = false): TurnFacts => ({
    text, analysis: analyzeText(text), turn, now, variables: {}, intent: null, fallback: true, ownQuestion,
  });
  const after = (texts: string[], ownQuestion = false): EscalationMemory => {
    let m = initialEscalationMemory();
    texts.forEach((t, i) => { m = evaluateEscalation(shipped.escalation, facts(t, i, ownQuestion && i === texts.length - 1), m).memory; });
    return m;
  };
  it('set by a message of the shop, kept by the next, dropped by one that is not', () => {
    expect(after(['got a promo code']).inShopStreak).toBe(true);
    expect(after(['got a promo code', 'where do I enter it']).inShopStreak).toBe(true);
    expect(after(['who will win the cup final?']).inShopStreak).toBeUndefined();
  });
  it('an answer that does not fit the block\'s own question is not one of the shop; a question asked back there is', () => {
    expect(after(['Yes, correct, change the address'], true).inShopStreak).toBeUndefined();
    expect(nextInShopStreak(analyzeText('how will I know when the parcel is sent, do you email?'), initialEscalationMemory(), 1, true)).toBe(true);
  });
  it('a message that counts nothing keeps the flag as it was; a streak of none has no flag', () => {
    const m: EscalationMemory = { ...initialEscalationMemory(), fallbacksInRow: 1, inShopStreak: true };
    expect(nextInShopStreak(analyzeText('thanks'), m, 1)).toBe(true);
    expect(nextInShopStreak(analyzeText('got a promo code'), m, 0)).toBe(false);
    // A stale flag after the engine reset the streak is not read: the streak starts again from this message.
    const reset: EscalationMemory = { ...m, fallbacksInRow: 0 };
    expect(nextInShopStreak(analyzeText('who will win the cup final?'), reset, 1)).toBe(false);
  });
});

// Step 2: the customer's opening words before any request ("Salaam", "Good day to you"), which the bot cannot use, open
// the streak as one about the shop; the next message decides, and after an opener alone it must name the shop's business.
describe('an opener before the request', () => {
  it.each([
    [['Salaam', 'about my order from Tuesday']],
    [['Good day to you', 'the lamp I ordered arrived this morning']],
  ])('%j stays with the bot', (turns) => {
    expect(reason(turns)).toBe('none');
  });
  it.each([
    // The learned score reads the Latin as the shop's (0.98): after an opener the request must name the shop's business.
    [['lorem ipsum dolor', 'sit amet consectetur']],
    [['Jambo', 'what is the capital of Peru?']],
    [['Jambo', 'order zxcvbnm qwrtyp']],
  ])('%j still hands over as repeated fallbacks', (turns) => {
    expect(reason(turns)).toBe('repeated_fallback');
  });
});
