import { describe, it, expect } from 'vitest';
import { detectRepeatedFallback } from '../../../shared/escalation/detectors/detectRepeatedFallback';
import { facts, memory, policy } from './facts';

const run = (inRow: number, fallback: boolean, count = 2) =>
  detectRepeatedFallback(facts('blah', { fallback }), policy({ repeatedFallback: { count } }), memory({ fallbacksInRow: inRow }));

describe('detectRepeatedFallback', () => {
  it.each([
    [1, 2],
    [2, 2],
    [5, 2],
    [0, 1],
    [2, 3],
    [3, 3],
    [9, 10],
    [19, 20],
  ])('fires after %i earlier fallbacks with a limit of %i', (inRow, count) => {
    const s = run(inRow, true, count)!;
    expect(s.reason).toBe('repeated_fallback');
    expect(s.threshold).toBe(count);
    expect(s.explanation).toContain(`${inRow + 1} messages in a row`);
  });

  it.each([
    [0, 2],
    [1, 3],
    [0, 3],
    [8, 10],
  ])('does not fire after %i earlier fallbacks with a limit of %i', (inRow, count) => {
    expect(run(inRow, true, count)).toBeNull();
  });

  it.each([0, 1, 2, 5])('does not fire when this message was understood (%i fallbacks before)', (inRow) => {
    expect(run(inRow, false)).toBeNull();
  });
});
