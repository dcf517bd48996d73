/**
 * Session 19 (hostile s19 #6, LOW): masks ate brackets and arrows ("password (Tulip-2291)" -> "password [hidden])",
 * "password => Tulip-2291" -> "password =[hidden]", "password: (I'll tell you later)" -> "password: [hidden]'ll tell you
 * later)"), and words that give no password were masked ("password: none", "password: I don't have one"). The mask
 * covers the value only; the brackets and arrows stay; "none" and "I don't have one" are kept.
 */
import { describe, expect, it } from 'vitest';
import { maskCustomerSecrets } from '../../../shared/engine/customerSecrets';

describe('hostile s19 #6: brackets, arrows and no-password words', () => {
  it('brackets and arrows around a password stay; the value is hidden', () => {
    for (const [input, want] of [
      ['password (Tulip-2291)', 'password ([hidden])'],
      ['password => Tulip-2291', 'password => [hidden]'],
      ['new password -> Tulip-2291', 'new password -> [hidden]'],
      ['password → Tulip-2291', 'password → [hidden]'],
      ['password: [Tulip-2291]', 'password: [[hidden]]'],
      ['password is (Rex1) thanks', 'password is ([hidden]) thanks'],
    ]) expect(maskCustomerSecrets(input), input).toEqual({ text: want, hidden: ['password'] });
  });

  it('words that give no password are kept; a passphrase after a label is still hidden', () => {
    for (const kept of ["password: (I'll tell you later)", 'password: none', "password: I don't have one", 'password: n/a', 'password: not sure', 'password: none of your business']) {
      expect(maskCustomerSecrets(kept), kept).toEqual({ text: kept, hidden: [] });
    }
    expect(maskCustomerSecrets('password: I love you 3000').text).toBe('password: [hidden]');
    expect(maskCustomerSecrets('password: nothing123').text).toBe('password: [hidden]');
  });
});
