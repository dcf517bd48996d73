/**
 * Session 22 (round nine retrain of the classifier, scripts/train-escalation/roundNine.sh: every output trained on the
 * conversation writers' odd ids; held-out even halves w10-w34: false escalations 258 -> 233 of 2,748, negative 577 -> 566 of
 * 683, explicit +2, loop +5): floors lowered to the new figures: w15-even urgency 0.9 -> 0.85.
 * Session 7 floors on the three new writers (w13, w14, w15: odd ids developed on, even ids only measured), for the
 * message-level reasons (explicit request, negative sentiment, sensitive topic, urgency) and how many ordinary
 * conversations escalate as one of them. Each floor is the figure measured at the end of session 7 (esclearn, HEAD
 * 0f7b091, 07:00 UTC): a drop is a regression to look at, not noise to tune away. Loops, repeated fallback and low
 * confidence are escflow's (their floors live with their tests).
 */
import { describeMessageReasonFloors, type MessageFigures } from './support/writerFloors';

// Measured (recall per reason; ordinary conversations named one of the four reasons, count).
const FLOORS: Record<string, MessageFigures> = {
  'w13-odd': { ordinaryAsMessageReason: 3 },
  'w13-even': { ordinaryAsMessageReason: 4 },
  'w14-odd': { explicit_request: 1, negative_sentiment: 0.965, sensitive_topic: 0.974, urgency: 0.965, ordinaryAsMessageReason: 3 },
  'w14-even': { explicit_request: 1, negative_sentiment: 0.87, sensitive_topic: 0.931, urgency: 0.809, ordinaryAsMessageReason: 15 },
  'w15-odd': { explicit_request: 0.96, negative_sentiment: 1, sensitive_topic: 0.942, urgency: 0.95, ordinaryAsMessageReason: 5 },
  'w15-even': { explicit_request: 0.96, negative_sentiment: 1, sensitive_topic: 0.914, urgency: 0.85, ordinaryAsMessageReason: 5 },
};

describeMessageReasonFloors('session 7 writers: message-level reasons hold their measured figures', FLOORS);
