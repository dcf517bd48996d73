/**
 * Session 19 (hostile s19 #3, MEDIUM): 'my card is 4111, 1111, 1111, 1111' (", " between the groups, after a card word)
 * was shown whole: ", " ends a run of digits (a list of numbers). In a message that names a card, groups joined by ", "
 * that are card-shaped in a card's grouping are the card; lists of numbers without a card word stay as typed.
 */
import { describe, expect, it } from 'vitest';
import { luhnValid, maskCustomerSecrets } from '../../../shared/engine/customerSecrets';

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function card16(r: () => number, prefix: string): string {
  const body = prefix + Array.from({ length: 15 - prefix.length }, () => Math.floor(r() * 10)).join('');
  for (let d = 0; d < 10; d++) if (luhnValid(body + d)) return body + d;
  throw new Error('no check digit');
}
const commas = (c: string) => c.match(/\d{4}/g)!.join(', ');

describe('hostile s19 #3: card groups separated by ", "', () => {
  it("the hostile's message and its relatives are masked", () => {
    expect(maskCustomerSecrets('my card is 4111, 1111, 1111, 1111')).toEqual({ text: 'my card is •••• 1111', hidden: ['card'] });
    expect(maskCustomerSecrets('visa 5555, 5555, 5555, 4444 please').text).toBe('visa •••• 4444 please');
    expect(maskCustomerSecrets('my card is 4111, 1111, 1111, 1111, exp 12/27, cvv 123').text).toBe('my card is •••• 1111, exp [hidden], cvv [hidden]');
  });

  it('lists of numbers stay: no card word, a grouping no card has, or groups not card-shaped', () => {
    for (const kept of [
      'orders 4111, 1111, 1111, 1111',
      'my credit card was charged on orders 1001, 1002, 1003, 1004',
      'card orders 4111, 1111, 1111, 1111, 1234',
      'card charged 411, 111, 111, 111, 1111',
    ]) expect(maskCustomerSecrets(kept), kept).toEqual({ text: kept, hidden: [] });
  });

  it('seeded: 1,000 Luhn-valid cards written with ", " after a card word are masked; the same lists without one are kept', () => {
    const r = rng(1903);
    for (let i = 0; i < 1000; i++) {
      const c = card16(r, ['4', '51', '55', '6011'][i % 4]);
      const list = commas(c);
      expect(maskCustomerSecrets(`my card is ${list}`).text).toBe(`my card is •••• ${c.slice(-4)}`);
      const plain = `the order numbers are ${list}`;
      expect(maskCustomerSecrets(plain), plain).toEqual({ text: plain, hidden: [] });
    }
  });
});
