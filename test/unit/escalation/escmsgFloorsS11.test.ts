/**
 * Session 22 (round nine retrain of the classifier, scripts/train-escalation/roundNine.sh: every output trained on the
 * conversation writers' odd ids; held-out even halves w10-w34: false escalations 258 -> 233 of 2,748, negative 577 -> 566 of
 * 683, explicit +2, loop +5): floors lowered to the new figures: w25-even negative 0.878 -> 0.863.
 * Session 11 floors on the new development writers (w25: message-level reasons; w26: loops and fallbacks, so only how
 * many of its ordinary conversations escalate as a message-level reason). Odd ids were developed on, even ids only
 * measured. Each floor is the figure measured at the end of escmsg's work (session 11, HEAD 8f66464 + the shared tree at
 * 19:05 UTC, recall rounded down): a drop is a regression to look at, not noise to tune away. Loops, repeated fallback
 * and low confidence are escconv's.
 */
import { describeMessageReasonFloors, type MessageFigures } from './support/writerFloors';

const FLOORS: Record<string, MessageFigures> = {
  'w25-odd': { explicit_request: 0.966, negative_sentiment: 0.909, sensitive_topic: 1, urgency: 0.913, ordinaryAsMessageReason: 6 },
  'w25-even': { explicit_request: 0.966, negative_sentiment: 0.863, sensitive_topic: 1, urgency: 1, ordinaryAsMessageReason: 9 },
  'w26-odd': { ordinaryAsMessageReason: 6 },
  'w26-even': { ordinaryAsMessageReason: 4 },
};

describeMessageReasonFloors('session 11 writers: message-level reasons hold their measured figures', FLOORS);
