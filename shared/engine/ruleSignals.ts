/**
 * Edge-triggered variable rules (hot lead, urgency rules): a rule group that became true in this step
 * (the customer just gave their budget, the departure time came within 20 minutes) hands over at once,
 * even in graduated mode (a buyer or a customer in a hurry must not be asked to rephrase). A rule that was
 * already true before does nothing, so a conversation an agent handed back is not handed over again for
 * the same reason.
 *
 * When: once per step, at the first of these moments: just before the bot would show a block that waits
 * for the customer (so a customer about to be handed over is never asked a question first, and the flow's
 * own blocks before that point, such as a Slack notify for hot leads, have run), or at the end of the step.
 */
import type { EscalationDecision, Signal } from '../escalation/types';
import { evaluateRuleSignals, type RuleSnapshot } from '../escalation/evaluateRuleSignals';
import { initialEscalationMemory } from '../escalation/evaluateEscalation';
import type { Run } from './run';
import { getBlockDefinition } from '../flow/blockRegistry';

export interface RuleHandoff {
  targetId: string;
  reason: Signal['reason'];
  signals: Signal[];
}

/** The Human Takeover block escalations go to, when the policy names one that exists. */
export function escalationTarget(run: Run): string | null {
  const id = run.flow.escalation.targetBlockId;
  if (!id) return null;
  const block = run.c.blocks.get(id);
  return block && getBlockDefinition(block.kind).isHandoffTarget ? id : null;
}

/**
 * Evaluates the rules against `run.rulesBefore` (then clears it: once per step). Records the decision;
 * returns where to hand over, or null (nothing fired, no target, or this step already hands over).
 */
export function ruleHandoff(run: Run): RuleHandoff | null {
  const before: RuleSnapshot | null = run.rulesBefore;
  run.rulesBefore = null;
  const s = run.s;
  if (before === null || s.mode !== 'bot' || s.waiting?.kind === 'takeover_question' || run.decision?.action === 'handoff') return null;
  const turn = Math.max(0, s.turn - 1);
  const signals = evaluateRuleSignals(run.flow.escalation, before, { variables: s.variables, now: run.now, timeZone: run.flow.settings.timezone }, turn);
  if (signals.length === 0) return null;
  const deciding = signals[0];
  const also = [...signals.slice(1), ...(run.decision?.signals ?? [])];
  const clause = (x: Signal) => x.explanation.charAt(0).toLowerCase() + x.explanation.slice(1).replace(/\.$/, '');
  const decision: EscalationDecision = {
    action: 'handoff',
    reason: deciding.reason,
    signals: [...signals, ...(run.decision?.signals ?? [])],
    explanation:
      `Handed over at once (a variable rule became true): ${clause(deciding)}.` +
      (also.length > 0 ? ` Also seen: ${also.map(clause).join('; ')}.` : ''),
    turn,
  };
  run.decision = decision;
  const targetId = escalationTarget(run);
  if (targetId === null) return null;
  s.lastEscalation = decision;
  // A person takes over: the streaks and repeats that led here must not fire again after a handback.
  s.escalation = initialEscalationMemory();
  s.waiting = null;
  return { targetId, reason: deciding.reason, signals: decision.signals };
}
