/**
 * Session 12 floors (escloop) for the conversation-level reasons (loop, repeated fallback, low confidence) on session 12's
 * blind development corpora w27 and w28 (odd ids developed on, even ids only measured), flows/customer-support.json as
 * escalationReport plays it (a conversation ending on the one clarifying question counts as the low confidence it read).
 * Measured 22:15 UTC by escrfEval on HEAD b49acb2 (same run, the session start ccee99c: w27-even loop 47, RF 36, LC 10,
 * ordinary named one of them 8; w27-odd loop 52, RF 32, LC 16, ordinary 4; w28-even ordinary 10, w28-odd 3). A drop is a
 * regression to look at. w28 has no conversation-level reason: only its ordinary conversations named loop / repeated
 * fallback / low confidence are held (w28-even 10 -> 11 came with escmsg's 76f1b43, not with escloop's files).
 */
import { describeConversationReasonFloors, type ConversationFloor } from './support/writerFloors';

const FLOORS: Record<string, ConversationFloor> = {
  'w27-even': { loop: 48, repeated_fallback: 37, low_confidence: 10, ordinaryAsConversationReason: 8, of: { loop: 64, repeated_fallback: 52, low_confidence: 14, none: 120 } },
  'w27-odd': { loop: 53, repeated_fallback: 35, low_confidence: 16, ordinaryAsConversationReason: 4, of: { loop: 66, repeated_fallback: 48, low_confidence: 16, none: 120 } },
  'w28-even': { loop: 0, repeated_fallback: 0, low_confidence: 0, ordinaryAsConversationReason: 11, of: { loop: 0, repeated_fallback: 0, low_confidence: 0, none: 115 } },
  'w28-odd': { loop: 0, repeated_fallback: 0, low_confidence: 0, ordinaryAsConversationReason: 3, of: { loop: 0, repeated_fallback: 0, low_confidence: 0, none: 115 } },
};

describeConversationReasonFloors('session 12: loop, repeated fallback and low confidence hold their measured counts on w27 and w28', FLOORS);
