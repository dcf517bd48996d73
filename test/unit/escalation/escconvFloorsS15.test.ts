/**
 * Session 15 floors (escconv) for the conversation-level reasons (loop, repeated fallback, low confidence) on session
 * 15's blind development corpora: w33 (conversation-level; odd ids developed on, even ids only measured) and w34
 * (message-level: only its ordinary conversations named a conversation-level reason, a ceiling), with
 * flows/customer-support.json as escalationReport plays it (a conversation ending on the one clarifying question counts
 * as the low confidence it read). Measured 08:27 UTC by escrfEval on 413b595 + escconv's 18e7a93 rules and the acknowledgement clause (ordinary 34 -> 28 odd, 18 -> 17 even). w33 untouched
 * (413b595 without them): odd loop 36/46, RF 32/48, LC 12/20, ordinary named one of them 42/136; even 54/64, 36/52,
 * 12/20, 24/114. A drop is a regression to look at; the ordinary count is a ceiling.
 */
import { describeConversationReasonFloors, type ConversationFloor } from './support/writerFloors';

const FLOORS: Record<string, ConversationFloor> = {
  // Session 26 (shopfb): RF 36 -> 35, w33-380 (held out, not read): no handoff now (a follow-up in a shop chat that the in-domain
  // score reads as the shop's counts nothing; docs/escalation.md "Session 26 (shopfb)").
// Session 27 (loops): RF 35 -> 34: w33-078 (held out, not read) is now named a loop (a restated asking, detectLoop.restatedRun / restatementOpener); the handoff stays.
  'w33-even': { loop: 54, repeated_fallback: 34, low_confidence: 12, ordinaryAsConversationReason: 17, of: { loop: 64, repeated_fallback: 52, low_confidence: 20, none: 114 } },
  'w33-odd': { loop: 36, repeated_fallback: 32, low_confidence: 12, ordinaryAsConversationReason: 28, of: { loop: 46, repeated_fallback: 48, low_confidence: 20, none: 136 } },
  'w34-even': { loop: 0, repeated_fallback: 0, low_confidence: 0, ordinaryAsConversationReason: 2, of: { loop: 0, repeated_fallback: 0, low_confidence: 0, none: 64 } },
  'w34-odd': { loop: 0, repeated_fallback: 0, low_confidence: 0, ordinaryAsConversationReason: 3, of: { loop: 0, repeated_fallback: 0, low_confidence: 0, none: 78 } },
};

describeConversationReasonFloors('session 15: loop, repeated fallback and low confidence hold their measured counts on w33 (and w34\'s ordinary)', FLOORS);
