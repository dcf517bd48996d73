/**
 * Newcomer s19 F10: the words listed to agents as a classifier signal's evidence included function words ("i", "on",
 * "a", "with", "who"), which push a score up but say nothing. They are left out of the evidence and the explanation.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NEGATIVE_STOP_WORDS } from '../../../shared/escalation/classifier/features';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { playConversation } from '../../../shared/simulator/playConversation';

const shipped = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const FUNCTION_WORDS = new Set(NEGATIVE_STOP_WORDS);

describe('evidence words of a classifier signal', () => {
  it('names the words that carry the meaning, not function words', () => {
    const played = playConversation(shipped, 'ev', ['Something else', 'there is a payment on my statement with a shop I have never been to, who took it'], Date.parse('2026-03-02T10:00:00Z'));
    const signal = played.escalation!.signals.find((s) => s.source === 'classifier')!;
    expect(signal).toBeDefined();
    const words = signal.evidence.filter((w) => !w.startsWith('classifier ') && w !== 'fraud');
    expect(words).toContain('payment');
    expect(words.filter((w) => FUNCTION_WORDS.has(w))).toEqual([]);
    expect(signal.explanation).not.toMatch(/"(i|on|a|with|who)"/);
  });
});
