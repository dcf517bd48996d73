/**
 * Session 19 (hostile s19 #23, MEDIUM): common English ways of giving a password were kept whole: "I set my password to
 * Qwerty12", "Qwerty12 is my password", "use Qwerty12 as the password", "password - it's Qwerty12", "password? it is
 * Qwerty12", "pass: Qwerty12", "my pass code is 4829". They are masked; the value must look like a password (a digit,
 * symbol or inner capital), so talk about a password ("change my password to something stronger") stays as typed.
 */
import { describe, expect, it } from 'vitest';
import { maskCustomerSecrets } from '../../../shared/engine/customerSecrets';

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

describe('hostile s19 #23: English ways of giving a password', () => {
  it("the hostile's messages are masked", () => {
    for (const [input, want] of [
      ['I set my password to Qwerty12', 'I set my password to [hidden]'],
      ['changed the password to Qwerty12 yesterday', 'changed the password to [hidden] yesterday'],
      ['Qwerty12 is my password', '[hidden] is my password'],
      ['use Qwerty12 as the password', 'use [hidden] as the password'],
      ["password - it's Qwerty12", "password - it's [hidden]"],
      ['password? it is Qwerty12', 'password? it is [hidden]'],
      ['pass: Qwerty12', 'pass: [hidden]'],
      ['my pass code is 4829', 'my pass code is [hidden]'],
    ]) expect(maskCustomerSecrets(input), input).toEqual({ text: want, hidden: ['password'] });
  });

  it('talk about a password, and kinds of pass, stay as typed', () => {
    for (const kept of [
      'I want to change my password to something stronger',
      'reset my password to default',
      'I changed my password to 8 characters',
      'I changed the password to my account',
      'What is my password',
      'This is my password reset email',
      'use this as the password',
      "my password - it's not working",
      'password? it is wrong',
      'password... it was fine yesterday',
      "I forgot my password - it's been ages",
      'boarding pass: AB1234',
      'season pass: Ab12cd',
      'Pass: 2 adults',
      'pass me to a human',
      'how do I change my pass code',
    ]) expect(maskCustomerSecrets(kept), kept).toEqual({ text: kept, hidden: [] });
  });

  it('seeded: 1,000 ordinary sentences with "to", "is my" and "as the" around order numbers and dates are kept', () => {
    const r = rng(1923);
    const pick = <T,>(xs: T[]) => xs[Math.floor(r() * xs.length)];
    for (let i = 0; i < 1000; i++) {
      const n = String(100000 + Math.floor(r() * 900000));
      const msg = pick([
        `I changed my address to 12 High St on ${1 + Math.floor(r() * 28)}/0${1 + Math.floor(r() * 9)}`,
        `NW-${n} is my order, please send it to Flat ${1 + Math.floor(r() * 9)}`,
        `use NW-${n} as the reference`,
        `I set my delivery to Mon-Fri, order ${n}`,
        `pass: ${pick(['2 adults', 'AB' + n, 'none', 'n/a', 'TKT-' + n])}`,
        `my password reset link for order ${n} - it's expired`,
      ]);
      expect(maskCustomerSecrets(msg), msg).toEqual({ text: msg, hidden: [] });
    }
  });
});
