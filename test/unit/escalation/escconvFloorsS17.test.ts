/**
 * Session 17 floors (escconv) for the conversation-level reasons where session 17's rules moved them: a first message
 * that names nothing is low confidence (4f3da0e, 7195388), and a request about the customer's own order in any grammar
 * counts like a clear shop question, its detail nothing (5077137). Measured 14:19 UTC by escrfEval on 52b2b01 +
 * escconv's s17 files (at 52b2b01 alone: w33 odd loop 36, low confidence 12, ordinary 28; w33 even low confidence 12,
 * ordinary 17; w32 odd ordinary 7; w32 even ordinary 13). A drop is a regression to look at; the ordinary count is a
 * ceiling.
 * Session 25 (loopfb): lowered where a second unusable message that the learned same-request model links to the first
 * (detectLoop.failedAskingAgainByModel) now waits one message for a third asking: w32-odd RF 43 -> 42 (w32-485, "how I send barrel to St Lucia" / "shipping barrel, for Christmas": no third message, so no handoff); w33-even RF 37 -> 36 (w33-016, held out, not read: now handed over as an explicit request at a later message). All labelled corpora, this change:
 * won 34, lost 18 (odd 15/6, even 19/12), false escalations 665 -> 658 (w1-w40, blind sets, labelled, heldout).
 * Session 18 (lead): w32-odd loop 38 -> 37. 841e90e (the intent matcher reads a negated verb as a word of its own: hostile
 * s17 H#12 "don't cancel NW-..., just tell me where it is" is no cancellation, newcomer s17 N#15 "send my order
 * elsewhere" is an address change) turns w32-255 from a loop into a repeated fallback: a lost conversation the session's
 * note counts (fixengine's escrfEval on every corpus: 10 won, 8 lost).
 */
import { describeConversationReasonFloors, type ConversationFloor } from './support/writerFloors';

const FLOORS: Record<string, ConversationFloor> = {
  'w33-odd': { loop: 37, repeated_fallback: 34, low_confidence: 17, ordinaryAsConversationReason: 24, of: { loop: 46, repeated_fallback: 48, low_confidence: 20, none: 136 } },
  // Session 26 (shopfb): RF 36 -> 35, w33-380 (held out, not read): no handoff now (a follow-up in a shop chat that the in-domain
  // score reads as the shop's counts nothing; docs/escalation.md "Session 26 (shopfb)").
// Session 27 (loops): RF 35 -> 34: w33-078 (held out, not read) is now named a loop (a restated asking, detectLoop.restatedRun / restatementOpener); the handoff stays.
  'w33-even': { loop: 54, repeated_fallback: 34, low_confidence: 14, ordinaryAsConversationReason: 16, of: { loop: 64, repeated_fallback: 52, low_confidence: 20, none: 114 } },
  // Session 25 (shopq): a clear shop question counts nothing towards the streak now (all labelled corpora: won 79, lost 9; false escalations 657 -> 588): w32-odd RF 42 -> 41 (w32-039, see escconvFloorsS14).
  'w32-odd': { loop: 37, repeated_fallback: 41, low_confidence: 13, ordinaryAsConversationReason: 7, of: { loop: 66, repeated_fallback: 46, low_confidence: 18, none: 120 } },
  'w32-even': { loop: 41, repeated_fallback: 45, low_confidence: 8, ordinaryAsConversationReason: 12, of: { loop: 64, repeated_fallback: 54, low_confidence: 12, none: 120 } },
};

describeConversationReasonFloors('session 17: a first message that names nothing is low confidence; a request about the own order counts half', FLOORS);
