// Hostile s9 #8: the escalation memory keeps 6 earlier questions and sentiments, so a loop count or a sentiment trend
// longer than 7 could never fire, and validation said nothing: a designer who made a reason more lenient had switched
// it off. Validation now warns, naming the field and the largest count that can fire; 7 itself fires.
import { describe, expect, it } from 'vitest';
import { validateFlow } from '../../../shared/flow/validateFlow';
import { evaluateEscalation, initialEscalationMemory } from '../../../shared/escalation/evaluateEscalation';
import { tinyFlow } from '../../component/support/sampleFlow';
import { facts, policy } from '../escalation/facts';

function warnings(edit: (esc: any) => void) {
  const flow: any = structuredClone(tinyFlow());
  flow.escalation = { ...(flow.escalation ?? {}), enabled: true };
  edit(flow.escalation);
  return validateFlow(flow).problems.filter((p) => p.code === 'loop_count_never_reached' || p.code === 'trend_turns_never_reached');
}

describe('loop counts and sentiment trends the memory cannot reach', () => {
  it('warns about a loop count above 7 and a trend longer than 7, naming the field and what to set', () => {
    const w = warnings((esc) => {
      esc.loop = { enabled: true, count: 10, similarity: 0.8 };
      esc.negativeSentiment = { enabled: true, threshold: -0.5, trendThreshold: -0.2, trendTurns: 8, phrases: [], examples: [] };
    });
    expect(w.map((p) => [p.code, p.path, p.severity])).toEqual([
      ['loop_count_never_reached', '$.escalation.loop.count', 'warning'],
      ['trend_turns_never_reached', '$.escalation.negativeSentiment.trendTurns', 'warning'],
    ]);
    expect(w[0].message).toBe('A loop is counted over the message and the 6 questions before it, so a count of 10 can never be reached: the loop reason never fires.');
    expect(w[0].hint).toBe('Set the count to 7 or less.');
  });

  it('says nothing at 7, or when the reason is switched off', () => {
    expect(warnings((esc) => (esc.loop = { enabled: true, count: 7, similarity: 0.8 }))).toEqual([]);
    expect(warnings((esc) => (esc.loop = { enabled: false, count: 12, similarity: 0.8 }))).toEqual([]);
  });

  it('a count of 7 does fire at the seventh asking', () => {
    const p = policy({ enabled: true, loop: { enabled: true, count: 7, similarity: 0.8 } });
    let mem = initialEscalationMemory();
    const reasons: (string | null)[] = [];
    for (let turn = 0; turn < 7; turn++) {
      const r = evaluateEscalation(p, { ...facts('where is my order NW-104233?'), turn }, mem);
      reasons.push(r.decision.action === 'none' ? null : r.decision.reason);
      mem = r.memory;
    }
    expect(reasons.slice(0, 6).every((r) => r !== 'loop')).toBe(true);
    expect(reasons[6]).toBe('loop');
  });
});
