/**
 * hot_lead: the collected variables say this is a buyer worth a person's time (e.g. budget >= 5000, or
 * plan = "enterprise"). Off unless the designer enables it; the explanation lists every rule that held.
 */
import type { EscalationPolicy } from '../../flow/schema';
import type { EscalationMemory, Signal, TurnFacts } from '../types';
import { evaluateRule, evaluateRuleGroup } from '../../flow/rules';
import { describeRule } from '../describeRule';

export function detectHotLead(facts: TurnFacts, policy: EscalationPolicy, _memory: EscalationMemory): Signal | null {
  const cfg = policy.hotLead;
  if (!cfg.enabled || !evaluateRuleGroup(cfg.rules, facts.variables, facts.now)) return null;
  const held = cfg.rules.rules
    .filter((r) => evaluateRule(r, facts.variables, facts.now))
    .map((r) => describeRule(r, facts.variables, facts.now));
  return {
    reason: 'hot_lead',
    score: 1,
    threshold: 1,
    evidence: held,
    turn: facts.turn,
    explanation: `Hot lead (${held.join(cfg.rules.combinator === 'and' ? ' and ' : '; ')}).`,
  };
}
