import { describe, it, expect } from 'vitest';
import { detectLowConfidence } from '../../../shared/escalation/detectors/detectLowConfidence';
import { facts, intent, memory, policy } from './facts';

const run = (conf: number | null, name: string | null = 'billing', p = policy()) =>
  detectLowConfidence(facts('something about my bill', { intent: conf === null ? null : intent(name, conf) }), p, memory());

describe('detectLowConfidence', () => {
  it.each([0.1, 0.15, 0.2, 0.25, 0.3, 0.34, 0.349])('fires at confidence %s (default threshold 0.35)', (c) => {
    const s = run(c)!;
    expect(s.reason).toBe('low_confidence');
    expect(s.threshold).toBe(0.35);
    expect(s.evidence).toEqual(['billing', c.toFixed(2)]);
  });

  it.each([0.35, 0.36, 0.5, 0.7, 0.9, 0.99, 1])('does not fire at confidence %s', (c) => {
    expect(run(c)).toBeNull();
  });

  it('does not fire when no intent router classified the message', () => {
    expect(run(null)).toBeNull();
  });

  it('explains with the best intent and its confidence', () => {
    expect(run(0.21)!.explanation).toBe('Low intent confidence (best intent "billing" at 0.21 < 0.35).');
  });

  it('leaves messages that match nothing at all to repeated_fallback (the bot did not understand; it is not unsure)', () => {
    expect(run(0, null)).toBeNull();
    expect(run(0)).toBeNull();
    expect(run(0.05)).toBeNull();
  });

  it('uses the designer threshold', () => {
    expect(run(0.5, 'billing', policy({ lowConfidence: { threshold: 0.6 } }))).not.toBeNull();
    expect(run(0.3, 'billing', policy({ lowConfidence: { threshold: 0.2 } }))).toBeNull();
  });
});
