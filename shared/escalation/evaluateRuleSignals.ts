/**
 * Signals from the designer's variable rules (`hotLead.rules`, `urgency.rules`), edge-triggered: a rule
 * group signals once, on the step where it turns from false to true, e.g. right after the customer answers
 * the budget question, or when a departure time comes within 20 minutes as the clock moves on.
 *
 * Why edges and not levels: the variables stay hot after a handoff. Evaluated per message, a hot lead that
 * an agent handed back to the bot was handed over again on the next message, forever; and a rule read the
 * variables before the block stored the answer, so it fired one message late.
 *
 * `before` is the state before the step (its variables and its `updatedAt`), `after` the state after it
 * (new variables, the step's `now`). Pure: no clock, inputs are not changed.
 */
import type { EscalationPolicy, Rule, RuleGroup, Value } from '../flow/schema';
import type { Signal } from './types';
import { evaluateRule, evaluateRuleGroup } from '../flow/rules';
import { describeRule } from './describeRule';

export interface RuleSnapshot {
  variables: Record<string, Value | undefined>;
  now: number;
  /** The flow's time zone: a date-time without an offset ("2026-11-24T10:15") is wall-clock time there. UTC when absent. */
  timeZone?: string;
}

function held(rules: readonly Rule[], at: RuleSnapshot): string[] {
  return rules.filter((r) => evaluateRule(r, at.variables, at.now, at.timeZone)).map((r) => describeRule(r, at.variables, at.now, at.timeZone));
}

function rose(group: RuleGroup, before: RuleSnapshot, after: RuleSnapshot): boolean {
  return (
    group.rules.length > 0 &&
    evaluateRuleGroup(group, after.variables, after.now, after.timeZone) &&
    !evaluateRuleGroup(group, before.variables, before.now, before.timeZone)
  );
}

export function evaluateRuleSignals(policy: EscalationPolicy, before: RuleSnapshot, after: RuleSnapshot, turn: number): Signal[] {
  // A switched-off policy only honours explicit requests, which are words, not rules.
  if (!policy.enabled) return [];
  const signals: Signal[] = [];
  // Urgency rules are alternatives: any one of them makes the conversation urgent.
  const urgency: RuleGroup = { combinator: 'or', rules: policy.urgency.rules };
  if (policy.urgency.enabled && rose(urgency, before, after)) {
    const what = held(urgency.rules, after);
    signals.push({
      reason: 'urgency',
      score: 1,
      threshold: 1,
      evidence: what,
      turn,
      explanation: `Urgency (${what.join('; ')}).`,
    });
  }
  const lead = policy.hotLead;
  if (lead.enabled && rose(lead.rules, before, after)) {
    const what = held(lead.rules.rules, after);
    signals.push({
      reason: 'hot_lead',
      score: 1,
      threshold: 1,
      evidence: what,
      turn,
      explanation: `Hot lead (${what.join(lead.rules.combinator === 'and' ? ' and ' : '; ')}).`,
    });
  }
  return signals;
}
