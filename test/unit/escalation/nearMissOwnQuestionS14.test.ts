/**
 * Session 14 (rtfast's finding, lead): at a Human takeover's or Ticket's own questions the engine evaluates with
 * ownQuestionPolicy, which switches the message-level readings off for that answer. Near misses used to re-run those
 * detectors and say "negative sentiment is switched off in this flow" although the flow has it on (and cost 5.5-6.5% of
 * the runtime worker's time). Near misses name only the flow's own switches: evaluateEscalation's `flowPolicy`.
 */
import { describe, expect, it } from 'vitest';
import { evaluateEscalation } from '../../../shared/escalation/evaluateEscalation';
import { ownQuestionPolicy } from '../../../shared/engine/engine';
import { policy as policyOf, facts as factsOf, memory as memoryOf } from './facts';

const upset = 'this is a joke. three emails and no answer';

describe('near misses at a block\'s own questions name only the flow\'s switches (session 14)', () => {
  it('the flow has negative sentiment on: no "switched off in this flow" near miss when the engine turned it off', () => {
    const flow = policyOf({});
    const own = ownQuestionPolicy(flow);
    const d = evaluateEscalation(own, factsOf(upset), memoryOf(), flow).decision;
    expect(d.action).toBe('none');
    expect((d.nearMisses ?? []).filter((n) => /switched off in this flow/.test(n.explanation))).toEqual([]);
    // Without the flow's policy the same call reports the engine's own switch as the flow's (the old words).
    const old = evaluateEscalation(own, factsOf(upset), memoryOf()).decision;
    expect(old.nearMisses?.some((n) => /negative sentiment is switched off in this flow/.test(n.explanation))).toBe(true);
  });

  it('the flow itself has negative sentiment off: the near miss still says so at the own question', () => {
    const flow = policyOf({ negativeSentiment: { enabled: false } });
    const d = evaluateEscalation(ownQuestionPolicy(flow), factsOf(upset), memoryOf(), flow).decision;
    expect(d.nearMisses?.some((n) => n.reason === 'negative_sentiment' && /switched off in this flow/.test(n.explanation))).toBe(true);
  });

  it('decisions are the same with or without the flow policy (only near misses differ)', () => {
    const flow = policyOf({});
    for (const text of [upset, 'I want to talk to a person', 'my card was charged twice', 'ann@example.com']) {
      const a = evaluateEscalation(ownQuestionPolicy(flow), factsOf(text), memoryOf(), flow).decision;
      const b = evaluateEscalation(ownQuestionPolicy(flow), factsOf(text), memoryOf()).decision;
      expect([a.action, a.reason, a.signals.map((s) => s.reason)]).toEqual([b.action, b.reason, b.signals.map((s) => s.reason)]);
    }
  });
});
