/**
 * Session 9 floors on the three new development writers (w19, w20, w21: odd ids developed on, even ids only measured),
 * for the message-level reasons (explicit request, negative sentiment, sensitive topic, urgency) and how many ordinary
 * conversations escalate as one of them. Each floor is the figure measured at the end of escmsg's work (session 9,
 * HEAD c53eed4 + the shared tree at 13:00 UTC): a drop is a regression to look at, not noise to tune away. Loops,
 * repeated fallback and low confidence are escpair's and escrf's.
 */
import { describeMessageReasonFloors, type MessageFigures } from './support/writerFloors';

// Measured (recall per reason, rounded down; ordinary conversations named one of the four reasons, count).
const FLOORS: Record<string, MessageFigures> = {
  'w19-odd': { ordinaryAsMessageReason: 2 },
  'w19-even': { ordinaryAsMessageReason: 2 },
  'w20-odd': { explicit_request: 1, negative_sentiment: 0.875, sensitive_topic: 0.968, urgency: 1, ordinaryAsMessageReason: 5 },
  'w20-even': { explicit_request: 0.952, negative_sentiment: 0.861, sensitive_topic: 0.903, urgency: 1, ordinaryAsMessageReason: 6 },
  'w21-odd': { ordinaryAsMessageReason: 4 },
  'w21-even': { ordinaryAsMessageReason: 6 },
};

describeMessageReasonFloors('session 9 writers: message-level reasons hold their measured figures', FLOORS);
