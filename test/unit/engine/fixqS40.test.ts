/**
 * Session 40 (fixq): small hostile s40 findings.
 * L8: the hot-lead summary read "Handed over because a promising sales lead." (every other reason is a sentence).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { reasonPhrases } from '../../../shared/engine/handoffContext';

const leadGen = () => loadFlowText(readFileSync(new URL('../../../flows/lead-gen.json', import.meta.url), 'utf8')).flow!;

describe('hostile s40 L8: the hot-lead summary is a sentence', () => {
  it('says "because the customer is a promising sales lead"', () => {
    const c = converse(leadGen(), { now: Date.parse('2026-03-09T15:30:00Z') });
    for (const t of ['201+', 'yes', 'bob@acme.com', '50000', 'Bob', 'x']) c.say(t);
    const all = JSON.stringify(c.effects());
    expect(all).toContain('Handed over because the customer is a promising sales lead.');
    expect(all).not.toContain('because a promising');
  });

  it('every reason phrase reads after "because" as a clause (has a verb)', () => {
    for (const [reason, phrase] of Object.entries(reasonPhrases)) {
      expect(phrase, reason).toMatch(/\b(?:is|are|was|asked|reached|came|kept|could)\b/);
    }
  });
});
