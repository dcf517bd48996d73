/**
 * Session 26 (shopfb, issue 11 product): what the bot says to a clear question about the shop that the flow has no
 * answer for ("do the led strips work w alexa", "is the sofa cover machine washable"). The escalation policy reads such
 * a message as a clear shop question (detectRepeatedFallback: calmShopQuestion; EscalationDecision.shopQuestion); the
 * bot understood what was asked and has no data for it, so "Sorry, I didn't get that" was untrue. An intent or keyword
 * router that does not understand the message says the flow's settings.shopQuestionMessage instead of its
 * fallbackMessage (runBlocks.routerFallback). Absent: the built-in English sentence; empty: the fallback message, as
 * before. A template like the fallback message.
 */
import { bot, type Run } from './run';
import { clearInStreak } from '../escalation/detectors/detectRepeatedFallback';
import { escalationTarget } from './ruleSignals';
import { graduatedText, offerButtons } from './escalationWording';

export const DEFAULT_SHOP_QUESTION_MESSAGE = "Sorry, I can't see product details here, so I can't answer that myself. A person from our team can: just ask for one.";

/**
 * Session 48 (studio16, newcomer s47 N8): a BLANK flow's reply there, in words for any business (a bike workshop, a
 * clinic): "product details" spoke of a shop. Stored in the new flow's settings; templates keep the built-in line.
 */
export const NEUTRAL_UNANSWERABLE_MESSAGE = "Sorry, I can't look that up here, so I can't answer it myself. A person from our team can: just ask for one.";

/** The line for an unanswerable shop question, or null when the flow wants its fallback message there (an empty line). */
export function shopQuestionLine(run: Run): string | null {
  if (run.decision?.shopQuestion !== true || run.decision.action !== 'none') return null;
  const line = run.flow.settings.shopQuestionMessage ?? DEFAULT_SHOP_QUESTION_MESSAGE;
  return line.trim() === '' ? null : line;
}

/**
 * Session 26 (lead; newcomer s26 F16): clear shop questions the flow cannot answer count nothing towards the
 * repeated-fallback limit (they are understood, not misunderstood), so a customer who kept asking them was told "a person
 * can: just ask for one" every time and never offered one, while two lines of gibberish reached a person at once. Every
 * `repeatedFallback.offerAfterUnanswered` such questions in a row (absent: 3; 0: never) the bot now also OFFERS a person
 * with the graduated offer's question and buttons (Flow settings > Escalation texts): "Talk to a person" hands over
 * (reason repeated_fallback: the bot could not help), "Keep chatting with the bot" goes back to the question and the
 * count starts over, anything else is read as the next message. An offer is not a handover: the policy's decision for
 * the message stays "none" (Debug says why the offer was made).
 */
export const DEFAULT_OFFER_AFTER_UNANSWERED = 3;

/** How many unanswered clear shop questions in a row the streak holds now (the memory after this message). */
export function unansweredInRow(run: Run): number {
  return clearInStreak(run.s.escalation);
}

/** Whether this unanswerable shop question is the one at which the bot offers a person (see above). */
export function offersPersonNow(run: Run): boolean {
  const policy = run.flow.escalation;
  if (policy.enabled === false || policy.repeatedFallback.enabled === false) return false;
  if (run.decision?.shopQuestion !== true || run.decision.action !== 'none') return false;
  const every = policy.repeatedFallback.offerAfterUnanswered ?? DEFAULT_OFFER_AFTER_UNANSWERED;
  const n = unansweredInRow(run);
  return every > 0 && n > 0 && n % every === 0 && escalationTarget(run) !== null;
}

/** Offers a person at `blockId` (the router that could not answer): the graduated offer's question and buttons. */
export function offerPerson(run: Run, blockId: string): void {
  const policy = run.flow.escalation;
  const w = run.s.waiting;
  const retries = w !== null && 'retries' in w ? w.retries : 0;
  const n = unansweredInRow(run);
  bot(run, graduatedText(policy, 'offer', 'repeated_fallback'), blockId, offerButtons(policy));
  run.s.waiting = { kind: 'offer', blockId, retries, reason: 'repeated_fallback' };
  const d = run.decision;
  if (!d) return;
  const why = `Offered a person: ${n} clear questions about the shop in a row that the flow cannot answer (Flow settings > Escalation > Repeated fallback > "Offer a person after unanswered questions").`;
  run.decision = { ...d, explanation: `${d.explanation} ${why}` };
  // What a "Talk to a person" click hands over with (engine.takeoverFromOffer reads the last step the bot took).
  run.s.lastEscalation = { action: 'offer', reason: 'repeated_fallback', signals: d.signals, explanation: why, turn: d.turn };
}
