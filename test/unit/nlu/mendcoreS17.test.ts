/**
 * Session 17 (mendcore), review revcore items 5 and 6: two quadratic scans on hostile text.
 * Item 5: courtesyOf's trailing-thanks pattern was tried at every position of a run of emoji or spaces ('a' + 25,000
 * emoji: 5 s). Item 6: meaningIn looked for an order word across the whole message once per "late" ("late " x 20,000:
 * 5 s). Both are linear now; what they find is unchanged. The time limits are generous (runs are noisy on a shared
 * machine): before the fix each case took 1.2-5 s, after it well under 50 ms.
 */
import { describe, expect, it } from 'vitest';
import { courtesyOf } from '../../../shared/nlu/courtesy';
import { meaningIn } from '../../../shared/nlu/synonyms';
import { createIntentMatcher } from '../../../shared/nlu/createIntentMatcher';

const ms = (f: () => unknown): number => {
  const s = performance.now();
  f();
  return performance.now() - s;
};

describe('courtesyOf on long runs (revcore item 5)', () => {
  it('is linear on emoji and spaces', () => {
    expect(ms(() => courtesyOf('a' + '😊'.repeat(25_000)))).toBeLessThan(3000); // ~20 ms quiet; a guard against quadratic backtracking, not a speed target (session 34: loaded CI runs were 30x slower)
    expect(ms(() => courtesyOf('a' + ' '.repeat(50_000) + 'x'))).toBeLessThan(3000); // ~20 ms quiet; a guard against quadratic backtracking, not a speed target (session 34: loaded CI runs were 30x slower)
  });

  it('still finds thanks at the end, after emoji and after a long message', () => {
    expect(courtesyOf('where is my order 😊 thanks 😊')).toEqual({ greeting: null, thanks: true, apology: false, rest: 'where is my order' });
    const long = `${'my parcel went to the wrong house and '.repeat(30)}where is it`;
    expect(courtesyOf(`${long}, thank you so much!`)).toEqual({ greeting: null, thanks: true, apology: false, rest: long });
    expect(courtesyOf(`${long} ${'😊'.repeat(300)}`)).toBeNull();
  });
});

describe('meaningIn once per message (revcore item 6)', () => {
  it('reads "late" as not arrived only in a message about an order, as before', () => {
    expect(meaningIn('late', ['my', 'order', 'is', 'late'])).toEqual(['arrive']);
    expect(meaningIn('late', ['the', 'late', 'turn', 'at', 'the', 'garage'])).toEqual(['late']);
    const grown = ['it', 'is', 'late'];
    expect(meaningIn('late', grown)).toEqual(['late']);
    grown.push('order');
    expect(meaningIn('late', grown)).toEqual(['arrive']);
  });

  it('is linear in the number of "late" words', () => {
    const m = createIntentMatcher([
      { id: 'a', name: 'track', examples: ['where is my order', 'track my parcel'] },
      { id: 'b', name: 'cancel', examples: ['cancel my order'] },
    ]);
    expect(ms(() => m.match('late '.repeat(20_000)))).toBeLessThan(1500);
  });
});
