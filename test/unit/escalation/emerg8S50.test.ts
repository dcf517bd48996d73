/**
 * Session 50 (emerg8, hostile s50 H1, H2, M1, M7; /work/coord/s50/hostile/report.md): a "not now / past / maybe / over"
 * word counts only when it is about the emergency (its clause, its verb), and a figure of speech is read as one. The set
 * (emerg8S50Set.ts) was written before the code; the held-out wordings after it.
 */
import { describe, expect, it } from 'vitest';
import { detectUrgency } from '../../../shared/escalation/detectors/detectUrgency';
import { fires, policy } from './facts';
import { HELD_OUT_NEGATIVES, HELD_OUT_POSITIVES, NEGATIVES, POSITIVES, REPORTED_NEGATIVES, REPORTED_POSITIVES } from './emerg8S50Set';

const urgency = (text: string) => fires(detectUrgency, text, policy());

describe('an emergency now, with an everyday word of "not now" elsewhere, is an emergency', () => {
  it.each([...REPORTED_POSITIVES, ...POSITIVES, ...HELD_OUT_POSITIVES])('%j', (text) => {
    const s = urgency(text);
    expect(s?.reason).toBe('urgency');
    expect(s?.emergency).toBe(true);
  });
});
describe('past, over, asked, a figure of speech: no emergency', () => {
  it.each([...REPORTED_NEGATIVES, ...NEGATIVES, ...HELD_OUT_NEGATIVES])('%j', (text) => {
    expect(urgency(text)?.emergency ?? false).toBe(false);
  });
});
