/**
 * What the bot says at the first two steps of a graduated escalation (newcomer s7 #12/#12b). The first step used to be
 * "Sorry, I'm not sure I understood" whatever the reason, which answers an angry customer (or one who named a
 * sensitive topic, or an urgent matter) as if the bot had not understood them, while it had. Now:
 *  - the bot did not follow (repeated fallback, low confidence, a loop): the rephrase text;
 *  - it understood and the customer is upset, on a sensitive topic or in a hurry: the acknowledge text;
 *  - the second step: the offer question before the "Talk to a person" / "Keep chatting" buttons.
 * Each text is the designer's (policy.texts, edited in Flow settings > Escalation) when set, else the built-in one.
 * Pure (shared/): no I/O.
 */
import type { EscalationPolicy, EscalationReason } from '../flow/schema';

export const defaultGraduatedTexts = {
  rephrase: "Sorry, I'm not sure I understood. Could you put it another way?",
  acknowledge: 'Sorry about that. Can you tell me a bit more so I can help?',
  offer: 'Would you like to talk to a person?',
  personButton: 'Talk to a person',
  botButton: 'Keep chatting with the bot',
} as const;

/** The offer's buttons' ids: stable whatever the wording (scenarios and clicks name them). */
export const OFFER_PERSON_ID = 'escalation:person';
export const OFFER_BOT_ID = 'escalation:bot';

/** The designer's label of an offer button (Flow settings > Escalation, newcomer s8 #27), else the built-in one. */
export function offerLabel(policy: EscalationPolicy, which: 'person' | 'bot'): string {
  const key = which === 'person' ? 'personButton' : 'botButton';
  return policy.texts?.[key]?.trim() || defaultGraduatedTexts[key];
}

/** The two buttons under the graduated offer: "Talk to a person" and "Keep chatting with the bot", or the designer's words. */
export function offerButtons(policy: EscalationPolicy): { id: string; label: string }[] {
  return [
    { id: OFFER_PERSON_ID, label: offerLabel(policy, 'person') },
    { id: OFFER_BOT_ID, label: offerLabel(policy, 'bot') },
  ];
}

/** The graduated texts' names as Flow settings > Escalation shows them (validation warnings name the field). */
export const graduatedTextTitles = {
  rephrase: 'Step 1 when the bot did not understand',
  acknowledge: 'Step 1 when the customer is upset or on a sensitive topic',
  offer: 'Step 2: offering a person',
  personButton: 'Step 2 button: talk to a person',
  botButton: 'Step 2 button: keep chatting with the bot',
} as const;

/** Reasons where the bot has understood the message: asking to rephrase would be wrong. */
const UNDERSTOOD: ReadonlySet<EscalationReason> = new Set<EscalationReason>(['negative_sentiment', 'sensitive_topic', 'urgency', 'explicit_request', 'hot_lead']);

export type GraduatedStep = 'rephrase' | 'offer';

/** Which text a first step uses for this reason: 'acknowledge' when the bot understood the message, else 'rephrase'. */
export function firstStepText(reason: EscalationReason | null): 'rephrase' | 'acknowledge' {
  return reason !== null && UNDERSTOOD.has(reason) ? 'acknowledge' : 'rephrase';
}

/**
 * The message of a graduated step for the deciding reason, the designer's wording first. `understood`: the block could use
 * the message (the flow carries on after the first step, see engine.ts inputText), so the first step acknowledges
 * whatever the reason: asking to rephrase a message the bot understood would be wrong (newcomer s8 #32).
 */
export function graduatedText(policy: EscalationPolicy, step: GraduatedStep, reason: EscalationReason | null, understood = false): string {
  const key: 'offer' | 'rephrase' | 'acknowledge' = step === 'offer' ? 'offer' : understood ? 'acknowledge' : firstStepText(reason);
  const own = policy.texts?.[key]?.trim();
  return own ? own : defaultGraduatedTexts[key];
}
