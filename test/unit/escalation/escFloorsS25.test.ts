/**
 * Session 25 floors for the six blind writers of this session (w37-w42, 2,800 conversations written from the reasons'
 * definitions alone, by writers who read no code; README "Session 25" has their blind figures at the session's start).
 * Measured at the session's end (5efc569: round ten's classifier, which trained on their odd ids; loopfb's and shopq's
 * fallback rules; polish's and crisis's rules): recall rounded down, ordinary conversations named a reason as ceilings.
 * Odd ids may be read and tuned on from now on; even ids stay held out (measured, never read).
 */
import { describeConversationReasonFloors, describeMessageReasonFloors, type ConversationFloor, type MessageFigures } from './support/writerFloors';

const MESSAGE_FLOORS: Record<string, MessageFigures> = {
  'w37-odd': {explicit_request: 1, negative_sentiment: 0.883, sensitive_topic: 0.926, urgency: 0.888, ordinaryAsMessageReason: 3},
  'w37-even': {explicit_request: 0.96, negative_sentiment: 0.851, sensitive_topic: 0.897, urgency: 0.826, ordinaryAsMessageReason: 7},
  'w38-odd': {explicit_request: 1, negative_sentiment: 1, ordinaryAsMessageReason: 2},
  'w38-even': {explicit_request: 1, negative_sentiment: 1, ordinaryAsMessageReason: 6},
  'w39-odd': {explicit_request: 1, negative_sentiment: 0.966, sensitive_topic: 0.96, urgency: 1, ordinaryAsMessageReason: 10},
  'w39-even': {explicit_request: 1, negative_sentiment: 0.86, sensitive_topic: 0.9, urgency: 0.954, ordinaryAsMessageReason: 7},
  'w40-odd': {explicit_request: 0.8, negative_sentiment: 0.9, ordinaryAsMessageReason: 3},
  'w40-even': {explicit_request: 0.7, negative_sentiment: 0.85, ordinaryAsMessageReason: 6},
  'w41-odd': {explicit_request: 1, negative_sentiment: 0.975, sensitive_topic: 1, urgency: 1, ordinaryAsMessageReason: 2},
  // Session 40 (fe): negative 0.885 -> 0.873, one held-out message the classifier read under 0.9 with a plain question
  // (detectNegativeSentiment askingThreshold; docs/escalation.md "Session 40 (fe)").
  'w41-even': {explicit_request: 1, negative_sentiment: 0.873, sensitive_topic: 0.923, urgency: 1, ordinaryAsMessageReason: 10},
  'w42-odd': {explicit_request: 1, sensitive_topic: 0.945, urgency: 0.962, ordinaryAsMessageReason: 13},
  'w42-even': {explicit_request: 0.964, sensitive_topic: 0.838, urgency: 0.928, ordinaryAsMessageReason: 12},
};

const CONVERSATION_FLOORS: Record<string, ConversationFloor> = {
  'w37-odd': { loop: 0, repeated_fallback: 2, low_confidence: 0, ordinaryAsConversationReason: 6, of: { loop: 5, repeated_fallback: 3, low_confidence: 0, none: 106 } },
  'w37-even': { loop: 4, repeated_fallback: 8, low_confidence: 0, ordinaryAsConversationReason: 1, of: { loop: 10, repeated_fallback: 12, low_confidence: 0, none: 84 } },
  // Session 26 (shopfb): RF 21 -> 20, w38-091 ("Is the Vertex desk in stock in walnut?" / "Book me a table for four at 7:30." /
  // "Then order a taxi to the restaurant."): the second, right after a shop question, reads in-domain (>= 0.9) and counts
  // nothing as a follow-up in a shop chat, so the streak stays under the limit (README Known problems).
  'w38-odd': { loop: 23, repeated_fallback: 20, low_confidence: 12, ordinaryAsConversationReason: 11, of: { loop: 47, repeated_fallback: 35, low_confidence: 15, none: 84 } },
// Session 27 (loops): RF 20 -> 19: w38-116 (held out, not read) is now named a loop (a restated asking, detectLoop.restatedRun / restatementOpener); the handoff stays.
  'w38-even': { loop: 26, repeated_fallback: 19, low_confidence: 9, ordinaryAsConversationReason: 19, of: { loop: 43, repeated_fallback: 35, low_confidence: 15, none: 86 } },
  'w39-odd': { loop: 3, repeated_fallback: 4, low_confidence: 0, ordinaryAsConversationReason: 0, of: { loop: 5, repeated_fallback: 4, low_confidence: 0, none: 99 } },
  'w39-even': { loop: 3, repeated_fallback: 5, low_confidence: 0, ordinaryAsConversationReason: 1, of: { loop: 5, repeated_fallback: 6, low_confidence: 0, none: 101 } },
  'w40-odd': { loop: 17, repeated_fallback: 25, low_confidence: 3, ordinaryAsConversationReason: 20, of: { loop: 40, repeated_fallback: 32, low_confidence: 9, none: 89 } },
// Session 27 (loops): RF 21 -> 20: w40-032 (held out, not read) is now named a loop (a restated asking, detectLoop.restatedRun / restatementOpener); the handoff stays.
  // Session 31 (rffe): a fallback streak whose messages all read as about the shop (in-domain score >= 0.9) hands over no more (detectRepeatedFallback.IN_SHOP_STREAK); every labelled corpus won 91, lost 10 (odd 43/0, even 48/10), ordinary handed over 518 -> 449. w40-even RF 20 -> 19 (w40-222, held out, not read).
  'w40-even': { loop: 21, repeated_fallback: 19, low_confidence: 1, ordinaryAsConversationReason: 24, of: { loop: 40, repeated_fallback: 28, low_confidence: 11, none: 91 } },
  'w41-odd': { loop: 0, repeated_fallback: 0, low_confidence: 0, ordinaryAsConversationReason: 1, of: { loop: 0, repeated_fallback: 0, low_confidence: 0, none: 129 } },
  'w41-even': { loop: 0, repeated_fallback: 0, low_confidence: 0, ordinaryAsConversationReason: 0, of: { loop: 0, repeated_fallback: 0, low_confidence: 0, none: 121 } },
  'w42-odd': { loop: 3, repeated_fallback: 5, low_confidence: 0, ordinaryAsConversationReason: 2, of: { loop: 5, repeated_fallback: 5, low_confidence: 0, none: 108 } },
  'w42-even': { loop: 4, repeated_fallback: 4, low_confidence: 0, ordinaryAsConversationReason: 2, of: { loop: 5, repeated_fallback: 5, low_confidence: 0, none: 122 } },
};

describeMessageReasonFloors('session 25: blind writers w37-w42 hold their measured message-level figures', MESSAGE_FLOORS);
describeConversationReasonFloors('session 25: blind writers w37-w42 hold their measured loops, fallbacks and ordinary chats', CONVERSATION_FLOORS);
