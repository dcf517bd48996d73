import { describe, it, expect } from 'vitest';
import { evaluateRuleSignals } from '../../../shared/escalation/evaluateRuleSignals';
import type { Value } from '../../../shared/flow/schema';
import { NOW, policy } from './facts';

const LEAD = policy({
  hotLead: {
    enabled: true,
    rules: {
      combinator: 'or',
      rules: [
        { variable: 'budget', op: 'gte', value: 5000 },
        { variable: 'plan', op: 'eq', value: 'enterprise' },
        { variable: 'seats', op: 'gt', value: 50 },
      ],
    },
  },
});
const URGENT = policy({ urgency: { rules: [{ variable: 'departureTime', op: 'within_minutes', value: 20 }] } });
type Vars = Record<string, Value | undefined>;
const step = (p = LEAD, before: Vars = {}, after: Vars = before, t0 = NOW, t1 = NOW) =>
  evaluateRuleSignals(p, { variables: before, now: t0 }, { variables: after, now: t1 }, 3);

describe('evaluateRuleSignals: hot lead', () => {
  it.each<Vars>([{ budget: 5000 }, { budget: '7,500' }, { plan: 'Enterprise ' }, { seats: '200' }, { budget: 100, plan: 'enterprise' }])(
    'signals when the group becomes true: %j',
    (after) => {
      const [s] = step(LEAD, {}, after);
      expect(s.reason).toBe('hot_lead');
      expect(s.score).toBe(1);
      expect(s.turn).toBe(3);
    },
  );

  it.each<Vars>([{}, { budget: 4999 }, { budget: 'lots' }, { plan: 'starter' }, { seats: 50 }, { budget: null }])(
    'stays quiet when it does not hold: %j',
    (after) => {
      expect(step(LEAD, {}, after)).toEqual([]);
    },
  );

  it('stays quiet when it was already true before the step (no second handoff after a handback)', () => {
    expect(step(LEAD, { budget: 9000 }, { budget: 9000, lastMessage: 'thanks' })).toEqual([]);
    expect(step(LEAD, { budget: 9000 }, { budget: 12000 })).toEqual([]);
  });

  it('signals again only after it went false and came back', () => {
    expect(step(LEAD, { budget: 9000 }, { budget: 100 })).toEqual([]);
    expect(step(LEAD, { budget: 100 }, { budget: 9000 })).toHaveLength(1);
  });

  it('names every rule that holds after the step, with the values', () => {
    const [s] = step(LEAD, {}, { budget: 12000, plan: 'enterprise', seats: 2 });
    expect(s.evidence).toEqual(['budget >= 5000 (budget = 12000)', 'plan = "enterprise" (plan = "enterprise")']);
    expect(s.explanation).toBe('Hot lead (budget >= 5000 (budget = 12000); plan = "enterprise" (plan = "enterprise")).');
  });

  it('is off unless enabled, needs every rule with "and", and is silent when the policy is off', () => {
    expect(step(policy({ hotLead: { enabled: false, rules: LEAD.hotLead.rules } }), {}, { budget: 9000 })).toEqual([]);
    const both = policy({ hotLead: { enabled: true, rules: { combinator: 'and', rules: LEAD.hotLead.rules.rules.slice(0, 2) } } });
    expect(step(both, {}, { budget: 9000 })).toEqual([]);
    expect(step(both, { budget: 9000 }, { budget: 9000, plan: 'enterprise' })).toHaveLength(1);
    expect(step(policy({ enabled: false, hotLead: LEAD.hotLead }), {}, { budget: 9000 })).toEqual([]);
  });
});

describe('evaluateRuleSignals: urgency rules', () => {
  const at = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();

  it('signals when the clock brings a departure inside the window', () => {
    const vars = { departureTime: at(25) };
    expect(step(URGENT, vars, vars, NOW, NOW + 4 * 60_000)).toEqual([]); // 21 minutes left
    const [s] = step(URGENT, vars, vars, NOW, NOW + 6 * 60_000); // 19 minutes left
    expect(s.reason).toBe('urgency');
    expect(s.explanation).toBe('Urgency (departureTime is within 20 minutes (in 19 min)).');
  });

  it('signals when the customer gives a departure that is already close', () => {
    expect(step(URGENT, {}, { departureTime: at(12) })[0].reason).toBe('urgency');
  });

  it('does not signal again while it stays urgent', () => {
    const vars = { departureTime: at(12) };
    expect(step(URGENT, vars, vars, NOW, NOW + 60_000)).toEqual([]);
  });

  it('treats several urgency rules as alternatives and can signal with a hot lead in the same step', () => {
    const both = policy({
      urgency: { rules: [{ variable: 'departureTime', op: 'within_minutes', value: 20 }, { variable: 'vip', op: 'eq', value: true }] },
      hotLead: LEAD.hotLead,
    });
    const signals = step(both, {}, { vip: true, budget: 9000 });
    expect(signals.map((s) => s.reason)).toEqual(['urgency', 'hot_lead']);
  });

  it('ignores rules when urgency is switched off or has no rules', () => {
    expect(step(policy({ urgency: { enabled: false, rules: URGENT.urgency.rules } }), {}, { departureTime: at(5) })).toEqual([]);
    expect(step(policy(), {}, { departureTime: at(5) })).toEqual([]);
  });
});
