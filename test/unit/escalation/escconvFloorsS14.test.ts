/**
 * Session 14 floors (escconv) for the conversation-level reasons (loop, repeated fallback, low confidence) on session
 * 14's blind development corpora: w32 (conversation-level; odd ids developed on, even ids only measured) and w31
 * (message-level: only its ordinary conversations named a conversation-level reason, a ceiling), with
 * flows/customer-support.json as escalationReport plays it (a conversation ending on the one clarifying question counts
 * as the low confidence it read). Measured 05:15 UTC by escrfEval on b158364 + escconv's session 14 rules (w32
 * untouched at the session start 687abfc: RF 88.0%, loop 53.1%, LC 70.0%, false escalations 17.9% of 240). At b158364
 * Session 25 (loopfb): lowered where a second unusable message that the learned same-request model links to the first
 * (detectLoop.failedAskingAgainByModel) now waits one message for a third asking: w32-odd RF 43 -> 42 (w32-485, "how I send barrel to St Lucia" / "shipping barrel, for Christmas": no third message, so no handoff). All labelled corpora, this change:
 * won 34, lost 18 (odd 15/6, even 19/12), false escalations 665 -> 658 (w1-w40, blind sets, labelled, heldout).
 * without them: w32-odd loop 36, RF 43, LC 13, ordinary named one of them 12; w32-even 39, 45, 8, 19. A drop is a
 * regression to look at; the ordinary count is a ceiling.
 */
import { describeConversationReasonFloors, type ConversationFloor } from './support/writerFloors';

const FLOORS: Record<string, ConversationFloor> = {
  'w32-even': { loop: 40, repeated_fallback: 45, low_confidence: 8, ordinaryAsConversationReason: 17, of: { loop: 64, repeated_fallback: 54, low_confidence: 12, none: 120 } },
  // Session 25 (shopq): a clear shop question counts nothing towards the streak now (all labelled corpora: won 79, lost 9; false escalations 657 -> 588): w32-odd RF 42 -> 41 (w32-039, marigold seeds / "my neighbour is saying September, is true?" / "how much water give them every day": the last two read as questions in a shop chat).
  'w32-odd': { loop: 37, repeated_fallback: 41, low_confidence: 13, ordinaryAsConversationReason: 10, of: { loop: 66, repeated_fallback: 46, low_confidence: 18, none: 120 } },
  'w31-even': { loop: 0, repeated_fallback: 0, low_confidence: 0, ordinaryAsConversationReason: 3, of: { loop: 0, repeated_fallback: 0, low_confidence: 0, none: 118 } },
  'w31-odd': { loop: 0, repeated_fallback: 0, low_confidence: 0, ordinaryAsConversationReason: 1, of: { loop: 0, repeated_fallback: 0, low_confidence: 0, none: 102 } },
};

describeConversationReasonFloors('session 14: loop, repeated fallback and low confidence hold their measured counts on w32 (and w31\'s ordinary)', FLOORS);
