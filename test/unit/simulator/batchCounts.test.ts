/**
 * The batch counts, one definition for `baton simulate` and the studio's Batch tab (shared/simulator/batchCounts.ts;
 * review debt of session 13: the studio's headline and the CLI counted in two places).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { flowSchema } from '../../../shared/flow/schema';
import { batchCounts, batchRates, countedOf, guidanceBand, HANDOFF_GUIDANCE, totalsOf, type CountedConversation } from '../../../shared/simulator/batchCounts';
import { runBatch } from '../../../shared/simulator/batchWhatIf';

describe('batchCounts', () => {
  it('sums escalations, offers, clarifying questions, reasons, handoffs, answering and the causes of no handoff', () => {
    const list: CountedConversation[] = [
      { id: 'h', escalation: { reason: 'explicit_request', action: 'handoff' }, outcome: 'handed_over' },
      { id: 'a', escalation: { reason: 'negative_sentiment', action: 'handoff' }, outcome: 'answering' },
      { id: 'o', escalation: { reason: 'repeated_fallback', action: 'offer' }, outcome: 'none' },
      { id: 'q', escalation: { reason: 'low_confidence', action: 'clarify' }, outcome: 'none' },
      { id: 'n', escalation: { reason: 'negative_sentiment', action: 'handoff' }, outcome: 'none' },
      { id: 'z', escalation: null, outcome: 'none' },
      // A flow handoff (a takeover reached by the path, no escalation) is handed over and not escalated.
      { id: 'p', escalation: null, outcome: 'handed_over' },
    ];
    const c = batchCounts(list);
    expect(c.played).toBe(list.length);
    expect(c.escalated).toBe(list.filter((x) => x.escalation).length);
    expect(c.offered).toBe(1);
    expect(c.clarified).toBe(1);
    expect(Object.fromEntries(c.byReason)).toEqual({ explicit_request: ['h'], negative_sentiment: ['a', 'n'], repeated_fallback: ['o'], low_confidence: ['q'] });
    expect(c.handedOver).toEqual(['h', 'p']);
    expect(c.answering).toEqual(['a']);
    expect(c.notHanded).toEqual({ offer: ['o'], clarify: ['q'], handoff: ['n'] });
    const r = batchRates(totalsOf(c));
    expect(r.escalationRate).toBeCloseTo(5 / 7);
    expect(r.handoffRate).toBeCloseTo(2 / 7);
    expect(r.reachedRate).toBeCloseTo(3 / 7);
    expect(r.handoffBand).toBe('above');
  });

  it('no conversation: rates are 0, not NaN', () => {
    const r = batchRates(totalsOf(batchCounts([])));
    expect(r).toEqual({ escalationRate: 0, handoffRate: 0, handoffBand: 'below', reachedRate: 0, reachedBand: 'below' });
  });

  it('the band edges are the guidance', () => {
    expect(guidanceBand(HANDOFF_GUIDANCE.min)).toBe('within');
    expect(guidanceBand(HANDOFF_GUIDANCE.max)).toBe('within');
    expect(guidanceBand(HANDOFF_GUIDANCE.min - 1e-9)).toBe('below');
    expect(guidanceBand(HANDOFF_GUIDANCE.max + 1e-9)).toBe('above');
  });

  it('the batch runner reports exactly the counts of its own conversations', () => {
    const flow = flowSchema.parse(JSON.parse(readFileSync('flows/customer-support.json', 'utf8')));
    const lines = readFileSync('test/fixtures/escalation-corpus/w32-conversations.jsonl', 'utf8').split('\n').filter(Boolean).slice(0, 60);
    const conversations = lines.map((l) => JSON.parse(l) as { id: string; turns: string[] });
    const run = runBatch(flow, conversations, { now: Date.parse('2026-03-02T10:00:00Z') });
    const c = batchCounts(run.conversations.map(countedOf));
    expect(run.total).toBe(c.played);
    expect(run.escalated).toBe(c.escalated);
    expect(run.offered).toBe(c.offered);
    expect(run.clarified).toBe(c.clarified);
    expect(run.handoffIds).toEqual(c.handedOver);
    expect(run.answeringIds).toEqual(c.answering);
    for (const r of run.byReason) expect(r.conversationIds).toEqual(c.byReason.get(r.reason) ?? []);
    expect(run.escalated).toBeGreaterThan(0);
    expect(run.answering + run.handoffs).toBeGreaterThan(0);
  });
});
