/**
 * Session 10 (newcomer s9 #27): "Ask once before handing over" (escalation.lowConfidence.clarifyFirst). In immediate mode
 * one vague first message ("hmm the thing with the stuff from last time") went straight to a person, while nonsense got
 * a second chance from the router's fallback. A team measured on deflection wants one clarifying question first, then a
 * person if the customer is still not understood. With the option on, the first low-confidence handoff of a conversation
 * becomes that question (the decision is kept, as a rephrase step, with an explanation saying so); the next
 * low-confidence message hands over as before. Other reasons (an explicit request, a sensitive topic...) never wait.
 * Graduated mode already asks first (its step 1), so the option does nothing there. Pure (shared/): no I/O.
 */
import type { EscalationPolicy } from '../flow/schema';
import type { EscalationDecision } from '../escalation/types';

export const defaultClarifyText = 'Could you tell me a bit more about what you need? A few words about it are enough.';

/** The clarifying question: the designer's (Low confidence > clarify text) or the built-in one. */
export function clarifyText(policy: EscalationPolicy): string {
  return policy.lowConfidence.clarifyText?.trim() || defaultClarifyText;
}

/** Whether this decision is the first low-confidence handoff and the policy asks once before it. */
export function clarifiesFirst(policy: EscalationPolicy, decision: EscalationDecision, last: EscalationDecision | null): boolean {
  if (policy.lowConfidence.clarifyFirst !== true || policy.mode === 'graduated') return false;
  if (decision.action !== 'handoff' || decision.reason !== 'low_confidence') return false;
  // Asked already: the last step the bot took was this question.
  return !(last !== null && last.action === 'rephrase' && last.reason === 'low_confidence');
}

/** How a clarifying step's explanation opens (so batch tools can tell it from the graduated ladder's rephrase). */
const ASKED_ONCE = 'Low confidence: asked once before handing over';

/** The decision as recorded (debug drawer, simulator): the same signals, the clarifying step instead of the handoff. */
export function clarifyDecision(decision: EscalationDecision): EscalationDecision {
  return {
    ...decision,
    action: 'rephrase',
    explanation: `${ASKED_ONCE} (Flow settings > Escalation > Low confidence): not handed over yet; a second unclear message hands over. ${notHandedOver(decision.explanation)}`,
  };
}

/**
 * Session 12 (newcomer s12 #16): the policy's explanation of the handoff this question replaces began "Handed over: ...",
 * so the Debug entry of a turn that did NOT hand over said "asked once" and "Handed over". What the policy read is kept,
 * without the verdict.
 */
function notHandedOver(explanation: string): string {
  const m = /^Handed over(?: at once)?(?: \([^)]*\))?: /.exec(explanation);
  if (!m) return explanation;
  const rest = explanation.slice(m[0].length);
  return `What it read: ${rest}`;
}

/**
 * Session 11 (escconv): whether a recorded decision is the clarifying question asked instead of a low-confidence
 * handoff (clarifyDecision), e.g. for batch runs that must tell "asked once" from "understood".
 */
export function isClarifyDecision(decision: Pick<EscalationDecision, 'action' | 'reason' | 'explanation'>): boolean {
  return decision.action === 'rephrase' && decision.reason === 'low_confidence' && decision.explanation.startsWith(ASKED_ONCE);
}
