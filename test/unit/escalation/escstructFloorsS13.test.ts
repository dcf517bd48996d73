/**
 * Session 13 floors (escstruct) for the conversation-level reasons (loop, repeated fallback, low confidence) on session
 * 13's blind development corpus w29 (odd ids developed on, even ids only measured), flows/customer-support.json as
 * escalationReport plays it (a conversation ending on the one clarifying question counts as the low confidence it read).
 * Measured 01:20 UTC by escrfEval on the shared tree after 5e1fdda (w29 untouched at the session start b3e55ef, whole
 * corpus: RF 70.0%, loop 76.2%, LC 70.0%, false escalations 11.7% of 240). A drop is a regression to look at; the
 * ordinary count is a ceiling (ordinary conversations named loop, repeated fallback or low confidence).
 */
import { describeConversationReasonFloors, type ConversationFloor } from './support/writerFloors';

const FLOORS: Record<string, ConversationFloor> = {
  'w29-even': { loop: 50, repeated_fallback: 35, low_confidence: 9, ordinaryAsConversationReason: 11, of: { loop: 65, repeated_fallback: 50, low_confidence: 15, none: 120 } },
  'w29-odd': { loop: 50, repeated_fallback: 34, low_confidence: 12, ordinaryAsConversationReason: 16, of: { loop: 65, repeated_fallback: 50, low_confidence: 15, none: 120 } },
};

describeConversationReasonFloors('session 13: loop, repeated fallback and low confidence hold their measured counts on w29', FLOORS);
