/**
 * Session 11 floors (escconv) for the conversation-level reasons (loop, repeated fallback, low confidence) on session 11's
 * blind development corpora w25 and w26 (odd ids developed on, even ids only measured), flows/customer-support.json as
 * escalationReport plays it (a conversation ending on the one clarifying question counts as the low confidence it read).
 * Measured 19:12-19:17 UTC by escrfEval on HEAD 64332fc + escconv's files (same run, HEAD alone: w26-even loop 52,
 * RF 37, LC 11, ordinary 22; w26-odd loop 52, RF 43, LC 14, ordinary 15). A drop is a regression to look at. w25 has no
 * conversation-level reason: only its ordinary conversations named loop / repeated fallback / low confidence are held.
 */
import { describeConversationReasonFloors, type ConversationFloor } from './support/writerFloors';

const FLOORS: Record<string, ConversationFloor> = {
  'w25-even': { loop: 0, repeated_fallback: 0, low_confidence: 0, ordinaryAsConversationReason: 2, of: { loop: 0, repeated_fallback: 0, low_confidence: 0, none: 106 } },
  'w25-odd': { loop: 0, repeated_fallback: 0, low_confidence: 0, ordinaryAsConversationReason: 0, of: { loop: 0, repeated_fallback: 0, low_confidence: 0, none: 114 } },
  // Session 25 (shopq): a clear shop question counts nothing towards the streak now (all labelled corpora: won 79, lost 9; false escalations 657 -> 588): w26-even RF 42 -> 41 (w26-138, held out, not read).
  // Session 31 (rffe): a fallback streak whose messages all read as about the shop (in-domain score >= 0.9) hands over no more (detectRepeatedFallback.IN_SHOP_STREAK); every labelled corpus won 91, lost 10 (odd 43/0, even 48/10), ordinary handed over 518 -> 449. w26-even RF 41 -> 40 (w26-034, held out, not read).
  'w26-even': { loop: 53, repeated_fallback: 40, low_confidence: 11, ordinaryAsConversationReason: 21, of: { loop: 69, repeated_fallback: 50, low_confidence: 13, none: 118 } },
  'w26-odd': { loop: 58, repeated_fallback: 45, low_confidence: 15, ordinaryAsConversationReason: 13, of: { loop: 61, repeated_fallback: 50, low_confidence: 17, none: 122 } },
};

describeConversationReasonFloors('session 11: loop, repeated fallback and low confidence hold their measured counts on w25 and w26', FLOORS);
