// Session 46 (tidy3): detectLoop's newNumber (a number the earlier askings did not have ends a restatement chain) read a
// number as a substring, so "1" was "in" an earlier "12" and "5" in "2025". A number is a whole run of digits.
// Written just after the fix (not before it), then run on the old code: every shorter-number case failed there.
import { describe, expect, it } from 'vitest';
import { newNumber } from '../../../shared/escalation/detectors/detectLoop';

describe('newNumber: a number is a whole run of digits', () => {
  it('a shorter number inside an earlier longer one is new', () => {
    expect(newNumber('is order 1 shipped', ['is order 12 shipped'])).toBe(true);
    expect(newNumber('what about size 2', ['do you have size 12', 'the 12 one in blue'])).toBe(true);
    expect(newNumber('table for 4 then', ['a table for 14 people'])).toBe(true);
  });
  it('the same number again is not new, a longer one is', () => {
    expect(newNumber('order 12 where is it', ['where is order 12'])).toBe(false);
    expect(newNumber('order 123 where is it', ['where is order 12'])).toBe(true);
    expect(newNumber('where is my parcel', ['where is order 12'])).toBe(false);
  });
  it('held out: rooms, years, zeros, several numbers', () => {
    expect(newNumber('room 4 please', ['is room 14 free'])).toBe(true);
    expect(newNumber('i ordered on the 5th', ['i ordered in 2025'])).toBe(true);
    expect(newNumber('10 items', ['i have 0 items', 'still 0'])).toBe(true);
    expect(newNumber('flat 3 at 22 high street', ['flat 3', '22 high street'])).toBe(false);
    expect(newNumber('flat 3 at 2 high street', ['flat 3', '22 high street'])).toBe(true);
  });
});
