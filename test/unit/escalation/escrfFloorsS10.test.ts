/**
 * Session 10 floors (escrf) for the conversation-level reasons (loop, repeated fallback, low confidence) on session 10's
 * blind development corpora w22, w23, w24 (odd ids developed on, even ids only measured), flows/customer-support.json as
 * escalationReport plays it. Measured at 16:15-16:20 UTC by escrfEval on HEAD 760109c + escrf's 65c5927 and on the shared
 * tree (everyone's work at 16:17); each floor is the lower of the two (w23-odd loop 50 in the shared tree, 51 at
 * 760109c + 65c5927), each ordinary count the higher. A drop is a regression to look at. w22 has no conversation-level
 * reason: only its ordinary conversations named loop / repeated fallback / low confidence are held.
 */
import { describeConversationReasonFloors, type ConversationFloor } from './support/writerFloors';

const FLOORS: Record<string, ConversationFloor> = {
  'w22-even': { loop: 0, repeated_fallback: 0, low_confidence: 0, ordinaryAsConversationReason: 6, of: { loop: 0, repeated_fallback: 0, low_confidence: 0, none: 114 } },
  'w22-odd': { loop: 0, repeated_fallback: 0, low_confidence: 0, ordinaryAsConversationReason: 5, of: { loop: 0, repeated_fallback: 0, low_confidence: 0, none: 120 } },
  'w23-even': { loop: 48, repeated_fallback: 37, low_confidence: 7, ordinaryAsConversationReason: 10, of: { loop: 54, repeated_fallback: 46, low_confidence: 17, none: 133 } },
  'w23-odd': { loop: 50, repeated_fallback: 35, low_confidence: 11, ordinaryAsConversationReason: 7, of: { loop: 66, repeated_fallback: 44, low_confidence: 23, none: 117 } },
  'w24-even': { loop: 10, repeated_fallback: 9, low_confidence: 7, ordinaryAsConversationReason: 4, of: { loop: 13, repeated_fallback: 9, low_confidence: 7, none: 108 } },
  'w24-odd': { loop: 14, repeated_fallback: 13, low_confidence: 7, ordinaryAsConversationReason: 5, of: { loop: 17, repeated_fallback: 16, low_confidence: 8, none: 107 } },
};

describeConversationReasonFloors('session 10: loop, repeated fallback and low confidence hold their measured counts on w22, w23 and w24', FLOORS);
