/**
 * What the escalation policy makes of what a message says, for the engine's places where a message goes somewhere only
 * if the policy acts on it. Pure.
 *
 * Session 25 (review of session 24): two places asked, and both evaluated the whole policy on the message alone (fresh
 * memory, no intent, not a fallback) besides the engine's own evaluation of the turn:
 *  - A message after the end that the restarted block does not understand (engine.ts readAfterRestart): the restart
 *    clears the escalation memory, so the turn's own reading (engine.ts inputText) is made from fresh memory too; it is
 *    now the one reading, and `actsOnMessage` asks it (differences: the block's intent and the fallback flag, measured
 *    on every labelled text after the end: no outcome changed).
 *  - A comment beside a rating score (csat.ts rateThen, `policyActsOn`): kept as a second reading, on purpose. The
 *    question is whether the comment by itself is a problem to act on; the turn's reading carries the conversation's
 *    memory and answers another one. Reusing it was tried: "5 Not disappointed in the slightest, lovely quality" became a
 *    loop (a correction of the earlier "where is my order") and was handed over, and leaving loops out of it lost the
 *    score of "5 I find it rather insulting to be told ... for the third time". It runs only for a score with words
 *    beside it that are not a request already (notARating), and costs one policy evaluation: p50 29 µs, p99 285 µs
 *    (Northwind's policy, every 10th labelled text, best of 5, load 9).
 */
import type { EscalationDecision, TurnFacts } from '../escalation/types';
import type { EscalationReason } from '../flow/schema';
import { analyzeText } from '../nlu/analyzeText';
import { evaluateEscalation, initialEscalationMemory } from '../escalation/evaluateEscalation';
import { detectExplicitRequest } from '../escalation/detectors/detectExplicitRequest';
import { escalationTarget } from './ruleSignals';
import { analysedPart } from './analysedPart';
import type { Run } from './run';

/**
 * Reasons born of the block failing to read the message, not of what the message says: the engine's turn reading sets
 * `fallback` and the block's intent, which the message-alone reading never did.
 */
const FAILED_READING: ReadonlySet<EscalationReason> = new Set<EscalationReason>(['low_confidence', 'repeated_fallback']);

/**
 * Whether a decision of the policy acts on what the message says: an explicit request for a person, or (session 24,
 * hostile s24 #6) a handover for another reason of the message ("thanks, someone used my card", "thanks, my son
 * swallowed a magnet" after the end; "1, my son swallowed a magnet" at the rating prompt), other than the block's
 * failing to read it and other than the reasons `beside` (a rating's comment may be unhappy: csat.ts).
 */
export function actsOnMessage(decision: EscalationDecision, beside?: ReadonlySet<EscalationReason>): boolean {
  if (decision.signals.some((x) => x.reason === 'explicit_request')) return true;
  return decision.action === 'handoff' && decision.signals.some((x) => !FAILED_READING.has(x.reason) && (beside === undefined || !beside.has(x.reason)));
}

/**
 * The facts the escalation policy reads for a message taken on its own, outside a block's classification (no intent,
 * not a fallback): a comment beside a rating, a message at a closed conversation, a message held during an HTTP call.
 */
export function messageFacts(run: Run, text: string, analysis: TurnFacts['analysis'], turn: number): TurnFacts {
  return { text, analysis, turn, now: run.now, variables: run.s.variables, intent: null, fallback: false, timezone: run.flow.settings.timezone };
}

/**
 * Whether the escalation policy, reading `text` on its own (fresh memory, no intent, not a fallback), acts on it
 * (actsOnMessage) and a Human takeover is there to act: the reading of a comment beside a rating score (csat.ts).
 */
export function policyActsOn(run: Run, text: string, analysis = analyzeText(analysedPart(text)), beside?: ReadonlySet<EscalationReason>): boolean {
  if (!run.flow.escalation.enabled || escalationTarget(run) === null) return false;
  const facts = messageFacts(run, text, analysis, Math.max(0, run.s.turn - 1));
  return actsOnMessage(evaluateEscalation(run.flow.escalation, facts, initialEscalationMemory()).decision, beside);
}

/**
 * Whether the flow's explicit-request detector reads `text` as a request for a person, on its own (a fresh escalation
 * memory): for the engine's places that must honour a request outside the policy's own reading (a "no" to the offer of a
 * person, a withdrawal in the queue, the takeover's own questions). `analysis` defaults to the text's analysed part.
 */
export function readsAsRequestForPerson(run: Run, text: string, analysis = analyzeText(analysedPart(text))): boolean {
  return detectExplicitRequest(messageFacts(run, text, analysis, run.s.turn), run.flow.escalation, initialEscalationMemory()) !== null;
}
