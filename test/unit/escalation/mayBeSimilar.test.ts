import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { mayBeSimilar } from '../../../shared/escalation/mayBeSimilar';
import { similarity } from '../../../shared/nlu/similarity';
import { normalizeText } from '../../../shared/nlu/normalizeText';

const questions = [
  'where is my order',
  'how do i return a jacket',
  'what are your opening hours',
  'i want to change my delivery address',
  'can i pay by card',
  'is my parcel late',
  'how can i reset my password',
  'my package never arrived',
  'when will my refund be processed',
  'do you ship to canada',
  'refund',
  'cancel',
];

/** A typo-ish edit of one character: delete, insert, replace or swap. */
const mutate = (s: string, kind: number, at: number, ch: string) => {
  const i = at % Math.max(1, s.length);
  if (kind === 0) return s.slice(0, i) + s.slice(i + 1);
  if (kind === 1) return s.slice(0, i) + ch + s.slice(i);
  if (kind === 2) return s.slice(0, i) + ch + s.slice(i + 1);
  return s.slice(0, i) + (s[i + 1] ?? '') + s[i] + s.slice(i + 2);
};

describe('mayBeSimilar', () => {
  it('never rejects a pair the NLU similarity accepts (typos, dropped and reordered words)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...questions),
        fc.constantFrom(...questions),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.nat(60), fc.constantFrom('a', 'e', 'r', 's', 'x', ' ')), { maxLength: 4 }),
        fc.boolean(),
        fc.constantFrom(0.5, 0.6, 0.7, 0.8, 0.9),
        (q, other, edits, reorder, t) => {
          let b = q;
          for (const [k, at, ch] of edits) b = mutate(b, k, at, ch);
          if (reorder) b = b.split(' ').reverse().join(' ');
          const a = normalizeText(q);
          for (const x of [normalizeText(b), normalizeText(other)]) {
            if (x === '') continue;
            if (similarity(a, x) >= t) expect(mayBeSimilar(a, x, t)).toBe(true);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('rejects clearly different questions', () => {
    expect(mayBeSimilar('where is my order', 'what are your opening hours', 0.8)).toBe(false);
    expect(mayBeSimilar('can i get a refund for the blue jacket', 'how do i return a jacket', 0.8)).toBe(false);
  });
});
