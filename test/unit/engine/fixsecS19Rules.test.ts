/**
 * Session 19 (hostile s18 #30 rest, #3 rest, #6 rest, #5 rest): the masker's rules for what was still kept or wrongly
 * masked. Each case failed before: a PIN followed by an address request was read as a postcode; a password's trailing
 * "!" stayed visible; Polish "hasło to X" was kept; a card in superscript or circled digits was kept; two 8-digit
 * numbers were masked as a card about one time in ten (seeded property test: now none without a card word).
 */
import { describe, expect, it } from 'vitest';
import { luhnValid, maskCustomerSecrets } from '../../../shared/engine/customerSecrets';

/** mulberry32: a small seeded generator, so a failure names a reproducible case. */
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
const digits = (r: () => number, n: number) => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');
/** A Luhn-valid 16-digit number with this prefix. */
function card16(r: () => number, prefix: string): string {
  const body = prefix + digits(r, 15 - prefix.length);
  for (let d = 0; d < 10; d++) if (luhnValid(body + d)) return body + d;
  throw new Error('no check digit');
}

describe('hostile s18 #30 rest: a PIN before an address request; a password ending in "!"', () => {
  it('"my PIN is 482910, please update my address" hides the PIN; a written address keeps its postal PIN', () => {
    expect(maskCustomerSecrets('my PIN is 482910, please update my address')).toEqual({ text: 'my PIN is [hidden], please update my address', hidden: ['pin'] });
    expect(maskCustomerSecrets('My PIN: 482910. Also I moved, new address below').text).toBe('My PIN: [hidden]. Also I moved, new address below');
    for (const kept of ['Flat 4, MG Road, Bengaluru, PIN 560001', 'PIN 560001 India', 'Flat 4\nMG Road\nBengaluru\nPIN 560001', 'pin code 560001 please']) {
      expect(maskCustomerSecrets(kept), kept).toEqual({ text: kept, hidden: [] });
    }
  });

  it('the "!" a password ends with is hidden with it; a full stop after it stays', () => {
    expect(maskCustomerSecrets('my password is Zebra!Zebra99!').text).toBe('my password is [hidden]');
    expect(maskCustomerSecrets('password: Tulip2291! can you check').text).toBe('password: [hidden] can you check');
    expect(maskCustomerSecrets('pwd Summer2024! thanks').text).toBe('pwd [hidden] thanks');
    expect(maskCustomerSecrets('password is hunter2.').text).toBe('password is [hidden].');
    expect(maskCustomerSecrets('my password is wrong!')).toEqual({ text: 'my password is wrong!', hidden: [] });
  });
});

describe('hostile s18 #3 rest: Polish "hasło to X"', () => {
  it('hides the password after "hasło to" / "haslo to"; "to" after other words is no label', () => {
    expect(maskCustomerSecrets('hasło to Tulip-2291')).toEqual({ text: 'hasło to [hidden]', hidden: ['password'] });
    expect(maskCustomerSecrets('moje haslo to kwiatek99 dzięki').text).toBe('moje haslo to [hidden] dzięki');
    expect(maskCustomerSecrets('I want to change my password to something stronger').hidden).toEqual([]);
  });
});

describe('hostile s18 #6 rest: a card in superscript or circled digits', () => {
  it('is masked like one in ASCII digits; the characters around it are kept', () => {
    expect(maskCustomerSecrets('card ⁴¹¹¹ ¹¹¹¹ ¹¹¹¹ ¹¹¹¹ thanks')).toEqual({ text: 'card •••• 1111 thanks', hidden: ['card'] });
    expect(maskCustomerSecrets('④①①① ①①①① ①①①① ①①①①').text).toBe('•••• 1111');
    expect(maskCustomerSecrets('my card is ₅₅₅₅ ₅₅₅₅ ₅₅₅₅ ₄₄₄₄').text).toBe('my card is •••• 4444');
    expect(maskCustomerSecrets('➎➎➎➎ ➎➎➎➎ ➎➎➎➎ ➍➍➍➍').text).toBe('•••• 4444');
    // Superscripts in ordinary text stay as typed.
    for (const kept of ['area 12 m² ok', 'x² + y² = 25', 'step ① then ② then ③', 'E = mc² 😀']) expect(maskCustomerSecrets(kept), kept).toEqual({ text: kept, hidden: [] });
  });
});

describe('hostile s18 #5 rest: two 8-digit numbers are no card (seeded property test)', () => {
  it('2,000 pairs of card-prefixed 8-digit numbers in messages without a card word: none masked; a card typed in halves after "card": all masked', () => {
    const r = rng(20261203);
    const templates = ['orders {a} {b}', 'refs {a} / {b}', 'My two orders are {a} {b}, where are they?', '{a} {b}', 'tracking {a} - {b}'];
    let masked = 0;
    let cardShapedPairs = 0;
    for (let k = 0; k < 2000; k++) {
      const a = String(2 + Math.floor(r() * 5)) + digits(r, 7); // 2xxxxxxx-6xxxxxxx: card issuer prefixes
      const b = digits(r, 8);
      if (luhnValid(a + b)) cardShapedPairs++;
      const text = templates[k % templates.length].replace('{a}', a).replace('{b}', b);
      if (maskCustomerSecrets(text).hidden.length > 0) masked++;
    }
    expect(cardShapedPairs).toBeGreaterThan(100); // the test would have caught the old rule (about one in ten)
    expect(masked).toBe(0);
    for (let k = 0; k < 200; k++) {
      const c = card16(r, k % 2 === 0 ? '4' : '51');
      const text = `my card is ${c.slice(0, 8)} ${c.slice(8)}`;
      expect(maskCustomerSecrets(text).text, text).toBe(`my card is •••• ${c.slice(-4)}`);
    }
  });
});
