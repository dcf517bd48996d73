// Session 29 (rffe, issue 11): a question asking whether the shop has a thing, put in the SHAPE "do you sell / stock / have
// X", "you got any X", "is X in stock / available", "does X come in ...", is a clear question about the shop whatever X
// is called, when the learned in-domain score reads the message as the shop's (shopTopics.asksWhetherShopHasIt,
// HAS_IT_IN_SHOP). Before, only the shop's vocabulary of goods (GOODS) was read, so a product it does not know ("bird
// feeders") made an ordinary product chat hand over as repeated fallbacks at its second message. Off-topic requests in
// the same shape ("do you sell car tyres?", "do you have a recipe for banana bread") still count as not understood.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { escalationOrClarify, playConversation } from '../../../shared/simulator/playConversation';
import { asksWhetherShopHasIt, isShopQuestion } from '../../../shared/escalation/shopTopics';
import { analyzeText } from '../../../shared/nlu/analyzeText';
import { canonicalTokens } from '../../../shared/escalation/canonicalTokens';

const shipped = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const now = Date.parse('2026-11-24T10:00:00Z');
const reason = (turns: string[]) => escalationOrClarify(playConversation(shipped, 'c', turns, now), turns.length)?.reason ?? 'none';
const shopQuestion = (text: string) => isShopQuestion(analyzeText(text), []);
const shape = (text: string) => asksWhetherShopHasIt(canonicalTokens(analyzeText(text)));

describe('asking whether the shop has a thing its vocabulary does not know', () => {
  it.each([
    'do you sell bird feeders',
    'you got any draught stoppers?',
    'unu sell baby walker?',
  ])('"%s" is a clear shop question', (text) => {
    expect(shape(text)).toBe(true);
    expect(shopQuestion(text)).toBe(true);
  });
  it.each([
    // The shape, but off-topic for the shop (a low in-domain score).
    'do you sell car tyres?',
    'do you have a recipe for banana bread',
    'you sell phone credit?',
    'do you sell train tickets to Leeds',
  ])('"%s" is not', (text) => {
    expect(shape(text)).toBe(true);
    expect(shopQuestion(text)).toBe(false);
  });
  it.each([
    // Not asking after a thing, nor something made to order.
    'do you have time to chat',
    'do you have any idea what time it is',
    'can you print my band logo on 50 hoodies',
    'can you get me a taxi',
  ])('"%s" does not have the shape', (text) => {
    expect(shape(text)).toBe(false);
  });
});

describe('conversations', () => {
  it('a product chat about a product the vocabulary does not know stays with the bot', () => {
    expect(reason(['Something else', 'do you sell bird feeders', 'the hanging ones'])).toBe('none');
    expect(reason(['Something else', 'you got any draught stoppers?', 'for a back door'])).toBe('none');
  });
  it('off-topic requests in the same shape still hand over as repeated fallbacks', () => {
    expect(reason(['Something else', 'do you sell train tickets to Leeds', 'or coach tickets to York'])).toBe('repeated_fallback');
    expect(reason(['Something else', 'do you have a recipe for banana bread', 'or flapjacks'])).toBe('repeated_fallback');
  });
});
