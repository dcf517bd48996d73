/**
 * Session 17 review: referenceShapes cut the words after a question's example with /[ ]+(?:[A-Za-z]+[ ]*)*$/, which
 * backtracks exponentially on a long word followed by a digit ("e.g. X aaaa...a1": 2 s at 28 letters, doubling with each
 * letter). The pattern can no longer backtrack; examples are read as before.
 */
import { describe, expect, it } from 'vitest';
import { referenceShapes } from '../../../shared/engine/questionValidators';

describe('referenceShapes on a long word after the example (session 17 review)', () => {
  it('40 and 2,000 letters then a digit: read at once (was exponential)', () => {
    for (const n of [40, 2000]) {
      const t0 = performance.now();
      referenceShapes(['Your reference, e.g. X ' + 'a'.repeat(n) + '1']);
      expect(performance.now() - t0, `${n} letters`).toBeLessThan(5000);
    }
  });
  it('ordinary examples are still read', () => {
    expect(referenceShapes(['Which order? (e.g. NW-104233)']).map((s) => s.example)).toEqual(['NW-104233']);
    expect(referenceShapes(['Your policy number (e.g. HM-2231-0457) please']).map((s) => s.example)).toEqual(['HM-2231-0457']);
  });
});
