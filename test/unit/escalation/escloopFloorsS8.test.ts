/**
 * Session 8 floors (escloop) for the conversation-level reasons, loop, repeated fallback and low confidence, and for how
 * many ordinary conversations escalate as one of them, on session 8's new writers' corpora with those reasons (w16, w18:
 * odd ids developed on, even ids only measured). Each floor is the count measured at escloop's last code commit
 * (be43671 on top of 49f2f93's corpora, 10:08 UTC, flows/customer-support.json as escalationReport plays it; the lower of
 * that commit alone and the shared tree with the other helpers' work at the same time): a drop is a regression to look at.
 */
import { describeConversationReasonFloors, type ConversationFloor } from './support/writerFloors';

// Conversations named right (at least), and ordinary conversations named loop / repeated fallback / low confidence (at most).
const FLOORS: Record<string, ConversationFloor> = {
  'w16-odd': { loop: 46, repeated_fallback: 37, low_confidence: 12, ordinaryAsConversationReason: 10, of: { loop: 52, repeated_fallback: 42, low_confidence: 25, none: 131 } },
  // Session 25 (shopq): a clear shop question counts nothing towards the streak now (all labelled corpora: won 79, lost 9; false escalations 657 -> 588): w16-even RF 33 -> 31 (w16-032, w16-122, held out, not read).
  'w16-even': { loop: 54, repeated_fallback: 31, low_confidence: 12, ordinaryAsConversationReason: 7, of: { loop: 68, repeated_fallback: 38, low_confidence: 25, none: 119 } },
  'w18-odd': { loop: 18, repeated_fallback: 19, low_confidence: 8, ordinaryAsConversationReason: 5, of: { loop: 31, repeated_fallback: 24, low_confidence: 14, none: 74 } },
  'w18-even': { loop: 19, repeated_fallback: 17, low_confidence: 6, ordinaryAsConversationReason: 3, of: { loop: 29, repeated_fallback: 21, low_confidence: 8, none: 76 } },
};

describeConversationReasonFloors('session 8: loop, repeated fallback and low confidence hold their measured counts on w16 and w18', FLOORS);
