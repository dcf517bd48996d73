/**
 * Session 8 floors on the three new writers (w16, w17, w18: odd ids developed on, even ids only measured), for the
 * message-level reasons (explicit request, negative sentiment, sensitive topic, urgency) and how many ordinary
 * conversations escalate as one of them. Each floor is the figure measured at the end of escmsg's work (session 8,
 * HEAD 98310ff + the shared tree at 10:03 UTC): a drop is a regression to look at, not noise to tune away. Loops,
 * repeated fallback and low confidence are escloop's.
 */
import { describeMessageReasonFloors, type MessageFigures } from './support/writerFloors';

// Measured (recall per reason, rounded down; ordinary conversations named one of the four reasons, count).
const FLOORS: Record<string, MessageFigures> = {
  'w16-odd': { ordinaryAsMessageReason: 2 },
  'w16-even': { ordinaryAsMessageReason: 1 },
  'w17-odd': { explicit_request: 1, negative_sentiment: 0.771, sensitive_topic: 0.92, urgency: 0.962, ordinaryAsMessageReason: 8 },
  'w17-even': { explicit_request: 1, negative_sentiment: 0.771, sensitive_topic: 0.902, urgency: 1, ordinaryAsMessageReason: 13 },
  'w18-odd': { explicit_request: 1, negative_sentiment: 0.777, sensitive_topic: 0.911, urgency: 1, ordinaryAsMessageReason: 2 },
  'w18-even': { explicit_request: 0.966, negative_sentiment: 0.852, sensitive_topic: 0.896, urgency: 0.956, ordinaryAsMessageReason: 7 },
};

describeMessageReasonFloors('session 8 writers: message-level reasons hold their measured figures', FLOORS);
