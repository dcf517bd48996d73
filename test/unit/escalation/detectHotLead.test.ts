import { describe, it, expect } from 'vitest';
import { detectHotLead } from '../../../shared/escalation/detectors/detectHotLead';
import { fires, policy } from './facts';
import type { Value } from '../../../shared/flow/schema';

const P = policy({
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
const run = (vars: Record<string, Value | undefined>, p = P) => fires(detectHotLead, 'tell me about pricing', p, undefined, vars);

describe('detectHotLead', () => {
  it.each<Record<string, Value>>([
    { budget: 5000 },
    { budget: 12000 },
    { budget: '7,500' },
    { plan: 'enterprise' },
    { plan: 'Enterprise ' },
    { seats: 51 },
    { seats: '200' },
    { budget: 100, plan: 'enterprise' },
  ])('fires on %j', (vars) => {
    const s = run(vars)!;
    expect(s.reason).toBe('hot_lead');
    expect(s.score).toBe(1);
  });

  it.each<Record<string, Value | undefined>>([
    {},
    { budget: 4999 },
    { budget: 'lots' },
    { plan: 'starter' },
    { seats: 50 },
    { budget: null },
    { budget: undefined },
    { seats: 3, plan: 'pro', budget: 10 },
  ])('does not fire on %j', (vars) => {
    expect(run(vars)).toBeNull();
  });

  it('names every rule that held and the values', () => {
    const s = run({ budget: 12000, plan: 'enterprise', seats: 2 })!;
    expect(s.evidence).toEqual(['budget >= 5000 (budget = 12000)', 'plan = "enterprise" (plan = "enterprise")']);
    expect(s.explanation).toBe('Hot lead (budget >= 5000 (budget = 12000); plan = "enterprise" (plan = "enterprise")).');
  });

  it('is off unless enabled, and needs every rule with "and"', () => {
    expect(run({ budget: 9000 }, policy({ hotLead: { enabled: false, rules: P.hotLead.rules } }))).toBeNull();
    const both = policy({ hotLead: { enabled: true, rules: { combinator: 'and', rules: P.hotLead.rules.rules.slice(0, 2) } } });
    expect(run({ budget: 9000 }, both)).toBeNull();
    expect(run({ budget: 9000, plan: 'enterprise' }, both)).not.toBeNull();
  });
});
