/**
 * Session 26 (shopfb, issue 11 product): what the bot says to a clear question about the shop that the flow has no
 * answer for ("do the led strips work w alexa", "is the sofa cover machine washable"). The escalation policy reads such
 * a message as a clear shop question (detectRepeatedFallback: calmShopQuestion; EscalationDecision.shopQuestion); the
 * bot understood what was asked and has no data for it, so "Sorry, I didn't get that" was untrue. An intent or keyword
 * router that does not understand the message says the flow's settings.shopQuestionMessage instead of its
 * fallbackMessage (runBlocks.routerFallback). Absent: the built-in English sentence; empty: the fallback message, as
 * before. A template like the fallback message.
 */
import type { Run } from './run';

export const DEFAULT_SHOP_QUESTION_MESSAGE = "Sorry, I can't see product details here, so I can't answer that myself. A person from our team can: just ask for one.";

/** The line for an unanswerable shop question, or null when the flow wants its fallback message there (an empty line). */
export function shopQuestionLine(run: Run): string | null {
  if (run.decision?.shopQuestion !== true || run.decision.action !== 'none') return null;
  const line = run.flow.settings.shopQuestionMessage ?? DEFAULT_SHOP_QUESTION_MESSAGE;
  return line.trim() === '' ? null : line;
}
