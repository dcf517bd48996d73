/**
 * What the escalation policy makes of a message read on its own (fresh memory), for the engine's places that must know
 * before the message is given to a block. Pure.
 */
import type { TurnFacts } from '../escalation/types';
import type { EscalationReason } from '../flow/schema';
import { analyzeText } from '../nlu/analyzeText';
import { evaluateEscalation, initialEscalationMemory } from '../escalation/evaluateEscalation';
import { escalationTarget } from './ruleSignals';
import { analysedPart } from './analysedPart';
import type { Run } from './run';

/**
 * Whether the escalation policy, reading `text` on its own (fresh memory), asks for a person: an explicit request, or
 * (session 24, hostile s24 #6) any handover ("thanks, someone used my card", "thanks, my son swallowed a magnet" after
 * the end only restarted the menu, where the same line mid-conversation hands over; "1, my son swallowed a magnet" at the
 * rating prompt: csat.ts).
 */
export function policyActsOn(run: Run, text: string, analysis = analyzeText(analysedPart(text)), except?: ReadonlySet<EscalationReason>): boolean {
  if (!run.flow.escalation.enabled || escalationTarget(run) === null) return false;
  const facts: TurnFacts = { text, analysis, turn: Math.max(0, run.s.turn - 1), now: run.now, variables: run.s.variables, intent: null, fallback: false, timezone: run.flow.settings.timezone };
  const { decision } = evaluateEscalation(run.flow.escalation, facts, initialEscalationMemory());
  if (decision.signals.some((x) => x.reason === 'explicit_request')) return true;
  return decision.action === 'handoff' && (except === undefined || decision.signals.some((x) => !except.has(x.reason)));
}
