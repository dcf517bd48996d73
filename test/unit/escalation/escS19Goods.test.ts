// Session 19 (esc): a question whether the shop has, sells or stocks a kind of goods a home and clothing shop sells
// ("hey do you sell desk lamps", "do you have the dinosaur pyjamas in age 6-7") is a clear question about the shop's range
// and counts half towards repeated fallback, whatever the product is called; things such a shop does not sell (car tyres,
// concert tickets, phone credit) and services made to order (printing with a logo, rental, selling the customer's sofa)
// are still plain misses, so two of them hand over.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import type { Flow } from '../../../shared/flow/schema';
import { playConversation } from '../../../shared/simulator/playConversation';
import { analyzeText } from '../../../shared/nlu/analyzeText';
import { canonicalTokens } from '../../../shared/escalation/canonicalTokens';
import { asksAfterGoods } from '../../../shared/escalation/shopTopics';

const shipped = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow as Flow;
const now = Date.parse('2026-12-01T10:00:00Z');
const play = (...turns: string[]) => playConversation(shipped, 'c', ['Something else', ...turns], now).escalation;
const goods = (text: string) => asksAfterGoods(canonicalTokens(analyzeText(text)));

describe('asking after the goods the shop sells is a question about the shop', () => {
  it('two calm questions about goods in the range do not hand over', () => {
    for (const turns of [
      ['hey do you sell desk lamps', 'the little clip on ones'],
      ['do you do school uniform? grey trousers age 7-8', 'what about the white polo shirts in packs'],
      ['do you sell bedside tables', 'any in oak or walnut?'],
    ]) {
      expect(play(...turns)?.reason ?? 'none', turns.join(' / ')).toBe('none');
    }
  });
  it('things a home and clothing shop does not sell still hand over as repeated fallback', () => {
    for (const turns of [
      ['Do you sell car tyres?', 'what about concert tickets'],
      ['do u sell ps5 codes', 'or phone credit'],
    ]) {
      expect(play(...turns)?.reason, turns.join(' / ')).toBe('repeated_fallback');
    }
  });
  it('reads the frame and the kind of goods, not a product name alone', () => {
    expect(goods('do you sell desk lamps')).toBe(true);
    expect(goods('have you got any cushions in mustard')).toBe(true);
    expect(goods('Do you sell car tyres?')).toBe(false);
    expect(goods('my lamp arrived yesterday')).toBe(false);
    expect(goods('can you do the band t-shirts with our logo then')).toBe(false);
    expect(goods('can you sell my old sofa for me')).toBe(false);
    expect(goods('Do you do moving boxes rental')).toBe(false);
  });
});
