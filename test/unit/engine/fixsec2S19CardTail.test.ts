/**
 * Session 19 (hostile s19 #1, MEDIUM): the expiry and the security code written right after a masked card with words or
 * other separators stayed visible ('card 4111-1111-1111-1111, expires 12/2027, code 123' -> 'expires 12/2027, code
 * 123'), and reached tickets and team emails. They are hidden with the card; a date or number after other words is kept.
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

describe('hostile s19 #1: expiry and code after a card', () => {
  it("the hostile's three messages hide the expiry and the code", () => {
    expect(maskCustomerSecrets('card 4111-1111-1111-1111, expires 12/2027, code 123, name JOHN DOE')).toEqual({
      text: 'card •••• 1111, expires [hidden], code [hidden], name JOHN DOE',
      hidden: ['card'],
    });
    expect(maskCustomerSecrets('4111111111111111 1227 123').text).toBe('•••• 1111 [hidden] [hidden]');
    expect(maskCustomerSecrets('4111111111111111|12|27|123').text).toBe('•••• 1111|[hidden]|[hidden]');
    expect(maskCustomerSecrets('my card 4111-1111-1111-1111, expires 12/27, code 123 was charged twice').text).toBe(
      'my card •••• 1111, expires [hidden], code [hidden] was charged twice',
    );
    expect(maskCustomerSecrets('card 5555 5555 5555 4444 cvv 737 exp 03/29').text).toBe('card •••• 4444 cvv [hidden] exp [hidden]');
    expect(maskCustomerSecrets('card 4111111111111111, valid thru 11/26').text).toBe('card •••• 1111, valid thru [hidden]');
  });

  it('a date, amount or number after other words stays; a card typed as text is not a mask', () => {
    for (const [input, want] of [
      ['card 4111 1111 1111 1111 on 12/05 I was charged', 'card •••• 1111 on 12/05 I was charged'],
      ['card 4111 1111 1111 1111 and order 1234 please', 'card •••• 1111 and order 1234 please'],
      ['card 4111 1111 1111 1111, 2 items missing', 'card •••• 1111, 2 items missing'],
      ['my card ending •••• 1111, 12/27 is fine', 'my card ending •••• 1111, 12/27 is fine'],
    ]) expect(maskCustomerSecrets(input).text, input).toBe(want);
  });

  it('seeded: 1,000 ordinary messages with dates, times and order numbers and no card are kept', () => {
    const r = rng(1901);
    const pick = <T,>(xs: T[]) => xs[Math.floor(r() * xs.length)];
    for (let i = 0; i < 1000; i++) {
      const mm = String(1 + Math.floor(r() * 12)).padStart(2, '0');
      const yy = String(Math.floor(r() * 100)).padStart(2, '0');
      const n = String(100 + Math.floor(r() * 9900));
      const msg = pick([
        `order ${n}, delivered ${mm}/${yy}, code ${n}`,
        `ref 12345678 ${mm}/${yy} ${n}`,
        `my order NW-${n}${n} | ${mm}|${yy}|${n}`,
        `call 07700 900${n.slice(0, 3)}, ${mm}/20${yy}, ${n}`,
      ]);
      expect(maskCustomerSecrets(msg), msg).toEqual({ text: msg, hidden: [] });
    }
  });

  it('seeded: 500 Luhn-valid cards with expiry and code in varied forms: none of the three shown', () => {
    const r = rng(1902);
    for (let i = 0; i < 500; i++) {
      let body = '4' + Array.from({ length: 14 }, () => Math.floor(r() * 10)).join('');
      for (let d = 0; d < 10; d++) if (luhnValid(body + d)) { body += d; break; }
      const mm = String(1 + Math.floor(r() * 12)).padStart(2, '0');
      const yy = String(26 + Math.floor(r() * 10));
      const cvv = String(100 + Math.floor(r() * 900));
      const forms = [`card ${body}, expires ${mm}/20${yy}, code ${cvv}`, `${body} ${mm}${yy} ${cvv}`, `${body}|${mm}|${yy}|${cvv}`, `${body} exp ${mm}/${yy} cvv ${cvv}`];
      const msg = forms[i % forms.length];
      const out = maskCustomerSecrets(msg).text;
      expect(out, msg).not.toContain(body.slice(0, 12));
      expect(out, msg).not.toContain(cvv);
      expect(out, msg).not.toMatch(new RegExp(`${mm}\\D?(20)?${yy}`));
    }
  });
});
