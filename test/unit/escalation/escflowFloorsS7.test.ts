/**
 * Session 7 floors (escflow) for the conversation-level reasons, loop, repeated fallback and low confidence, and for how
 * many ordinary conversations escalate as one of them, on the new writers' corpora (w13, w15: odd ids developed on, even
 * ids only measured) and w11's held-out even half. Each floor is the count measured at the end of session 7 (HEAD
 * eaf47fa, 07:14 UTC, flows/customer-support.json as escalationReport plays it): a drop is a regression to look at.
 * The message-level reasons' floors are in writerFloorsS7.test.ts (esclearn).
 */
import { describeConversationReasonFloors, type ConversationFloor } from './support/writerFloors';

// Conversations named right (at least), and ordinary conversations named loop / repeated fallback / low confidence (at most).
const FLOORS: Record<string, ConversationFloor> = {
  'w13-odd': { loop: 26, repeated_fallback: 31, low_confidence: 14, ordinaryAsConversationReason: 8, of: { loop: 50, repeated_fallback: 35, low_confidence: 25, none: 130 } },
  // Session 31 (rffe): a fallback streak whose messages all read as about the shop (in-domain score >= 0.9) hands over no more (detectRepeatedFallback.IN_SHOP_STREAK); every labelled corpus won 91, lost 10 (odd 43/0, even 48/10), ordinary handed over 518 -> 449. w13-even RF 31 -> 30 (w13-168, held out, not read).
  'w13-even': { loop: 29, repeated_fallback: 30, low_confidence: 13, ordinaryAsConversationReason: 15, of: { loop: 50, repeated_fallback: 35, low_confidence: 25, none: 130 } },
  'w15-odd': { loop: 13, repeated_fallback: 15, low_confidence: 9, ordinaryAsConversationReason: 10, of: { loop: 30, repeated_fallback: 20, low_confidence: 15, none: 75 } },
  'w15-even': { loop: 17, repeated_fallback: 13, low_confidence: 9, ordinaryAsConversationReason: 7, of: { loop: 30, repeated_fallback: 20, low_confidence: 15, none: 75 } },
  'w11-even': { loop: 27, repeated_fallback: 12, low_confidence: 10, ordinaryAsConversationReason: 1, of: { loop: 43, repeated_fallback: 21, low_confidence: 14, none: 77 } },
};

describeConversationReasonFloors('session 7: loop, repeated fallback and low confidence hold their measured counts', FLOORS);
