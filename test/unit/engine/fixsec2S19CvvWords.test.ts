/**
 * Session 19 (hostile s19 #4, LOW): a card security code described in words was shown: "the security code on the back
 * is 123", "the 3 digits on the back are 737". The digits after such words are hidden like after "cvv:"; words about
 * the code ("is scratched", "are worn off") and the words alone stay.
 */
import { describe, expect, it } from 'vitest';
import { maskCustomerSecrets } from '../../../shared/engine/customerSecrets';

describe('hostile s19 #4: a CVV described in words', () => {
  it('the digits are hidden', () => {
    for (const [input, want] of [
      ['the security code on the back is 123', 'the security code on the back is [hidden]'],
      ['the 3 digits on the back are 737', 'the 3 digits on the back are [hidden]'],
      ['the three digits on the back of my card are 737', 'the three digits on the back of my card are [hidden]'],
      ['the code on the back is 1234', 'the code on the back is [hidden]'],
    ]) expect(maskCustomerSecrets(input), input).toEqual({ text: want, hidden: ['pin'] });
  });

  it('words about the code stay', () => {
    for (const kept of ['the security code on the back is scratched', 'the 3 digits on the back are worn off', 'there are 3 digits on the back', 'the number on the back is faded, order 123456']) {
      expect(maskCustomerSecrets(kept), kept).toEqual({ text: kept, hidden: [] });
    }
  });
});
