/**
 * Session 43 (fe, issue 11): a follow-up that leans on the shop question before it reads as about the shop in the fallback
 * streak (detectRepeatedFallback followsUpShopQuestion), when the question it leans on reads as a request to the shop on the
 * shop-request score too (inDomainScore.shopRequestScoreOfTokens). Sentences made up for the tests (not the corpora's).
 */
import { describe, expect, it } from 'vitest';
import { detectRepeatedFallback, nextInShopStreak } from '../../../shared/escalation/detectors/detectRepeatedFallback';
import { inDomainScore, inDomainScoreOfTokens, shopRequestScoreOfTokens, useShopRequestModel } from '../../../shared/escalation/inDomain/inDomainScore';
import { analyzeText } from '../../../shared/nlu/analyzeText';
import { facts, memory, policy } from './facts';

const rf = policy();
/** One failed message so far, a product question that read as about the shop (the streak is the shop's). */
const afterShopMiss = (recent = 'is the walnut sideboard solid wood') => memory({ fallbacksInRow: 1, inShopStreak: true, recent: [recent] });
/** One failed message so far that read off-topic (the streak is not the shop's). */
const afterOffTopicMiss = memory({ fallbacksInRow: 1, recent: ['whats the weather in york on friday'] });
const miss = (text: string) => facts(text, { fallback: true, turn: 2 });

describe('a follow-up leaning on a shop question keeps the streak the shop\'s (followsUpShopQuestion)', () => {
  // Follow-ups the in-domain score reads off-topic on their own words (under 0.5): without the rule the second failed
  // message hands over at once.
  const lowFollowUps = ['what about mustard', 'with drawers?', 'what about tomorrow'];
  // Follow-ups it reads between 0.5 and the streak cut 0.9: a clear shop question in a shop chat already (counts half),
  // but without the rule the streak stops being the shop's, so the next failed message would hand over.
  const midFollowUps = ['In sage?', 'Max load?', 'how wide is it', 'do they fold', 'is that one heavy', 'and the legs, metal?', 'what about the round one'];

  it.each([...lowFollowUps, ...midFollowUps])('%j reads under the streak cut on its own words', (text) => {
    expect(inDomainScore(analyzeText(text))).toBeLessThan(0.9);
  });

  it.each(lowFollowUps)('%j after a failed shop question does not hand over as repeated fallbacks', (text) => {
    expect(detectRepeatedFallback(miss(text), rf, afterShopMiss())).toBeNull();
  });

  it.each([...lowFollowUps, ...midFollowUps])('%j after a failed shop question keeps the streak the shop\'s', (text) => {
    expect(nextInShopStreak(analyzeText(text), afterShopMiss(), 2)).toBe(true);
  });

  it.each([...lowFollowUps, ...midFollowUps])('%j after a failed off-topic request: the streak is not the shop\'s', (text) => {
    expect(nextInShopStreak(analyzeText(text), afterOffTopicMiss, 2)).toBe(false);
  });

  it.each(lowFollowUps)('%j after a failed off-topic request hands over as before', (text) => {
    expect(detectRepeatedFallback(miss(text), rf, afterOffTopicMiss)?.reason).toBe('repeated_fallback');
  });

  it('opens the streak as the shop\'s right after a shop question the bot answered, not after an off-topic one or none', () => {
    const answeredShop = memory({ fallbacksInRow: 0, recent: ['how much is delivery to france'] });
    const answeredOff = memory({ fallbacksInRow: 0, recent: ['who won the rugby last night'] });
    expect(nextInShopStreak(analyzeText('what about mustard'), answeredShop, 1)).toBe(true);
    expect(nextInShopStreak(analyzeText('what about mustard'), answeredOff, 1)).toBe(false);
    expect(nextInShopStreak(analyzeText('what about mustard'), memory({ fallbacksInRow: 0, recent: [] }), 1)).toBe(false);
  });

  it.each([
    // Not a follow-up in form: a new request with its own subject, too long to lean on anything.
    'Tell me a joke about cats',
    'who won the rugby last night',
    'and can you tell me who won the rugby last night and what the score was and who scored the tries',
    'what is the score',
    // Upset (readsAsShop's guard), a key mash.
    'and this is absolutely useless, terrible awful service?',
    'and qwrtzp xkcdvb?',
  ])('%j after a failed shop question still hands over, and ends the shop streak', (text) => {
    expect(detectRepeatedFallback(miss(text), rf, afterShopMiss())?.reason).toBe('repeated_fallback');
    expect(nextInShopStreak(analyzeText(text), afterShopMiss(), 2)).toBe(false);
  });

  it('about who answers ends the shop streak even as a follow-up', () =>
    expect(nextInShopStreak(analyzeText('and is it a bot I am talking to?'), afterShopMiss(), 2)).toBe(false));

  it('at a block\'s own question a fragment that asks nothing ends the shop streak (an answer that did not fit)', () =>
    expect(nextInShopStreak(analyzeText('and the grey one'), afterShopMiss(), 2, true)).toBe(false));

  it('an off-topic question the in-domain score reads as the shop\'s lends nothing: the shop-request score reads it too', () => {
    // The in-domain score reads "bitcoin price" 1.00, so the streak is the shop's; the follow-up leans on it only when
    // the shop-request score (the in-domain recipe retrained with fe-s43.jsonl) reads it as a request to the shop too.
    const misread = memory({ fallbacksInRow: 1, inShopStreak: true, recent: ['bitcoin price'] });
    expect(inDomainScoreOfTokens(['bitcoin', 'price'])).toBeGreaterThanOrEqual(0.9);
    expect(shopRequestScoreOfTokens(['bitcoin', 'price'])).toBeLessThan(0.5);
    expect(nextInShopStreak(analyzeText('what about tomorrow'), misread, 2)).toBe(false);
    expect(detectRepeatedFallback(miss('what about tomorrow'), rf, misread)?.reason).toBe('repeated_fallback');
  });

  it('with a shop-request model that reads nothing as the shop\'s, no follow-up leans on anything', () => {
    useShopRequestModel({ bias: -20, weights: new Float32Array(8192) });
    try {
      for (const text of lowFollowUps) expect(detectRepeatedFallback(miss(text), rf, afterShopMiss())?.reason).toBe('repeated_fallback');
    } finally {
      useShopRequestModel(null);
    }
  });
});
