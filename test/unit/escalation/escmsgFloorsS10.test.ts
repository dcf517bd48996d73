/**
 * Session 10 floors on the three new development writers (w22, w23, w24: odd ids developed on, even ids only measured),
 * for the message-level reasons (explicit request, negative sentiment, sensitive topic, urgency) and how many ordinary
 * conversations escalate as one of them. Each floor is the figure measured at the end of escmsg's work (session 10,
 * HEAD b3293ef + the shared tree at 16:25 UTC, recall rounded down): a drop is a regression to look at, not noise to
 * tune away. (w24-odd negative: 0.846 at 16:07, 0.82 from 16:15 with other helpers' work in the tree; the lower figure is the floor.) Loops, repeated fallback and low confidence are escloop's and escrf's.
 */
import { describeMessageReasonFloors, type MessageFigures } from './support/writerFloors';

const FLOORS: Record<string, MessageFigures> = {
  'w22-odd': { explicit_request: 1, negative_sentiment: 0.894, sensitive_topic: 0.921, urgency: 0.935, ordinaryAsMessageReason: 7 },
  'w22-even': { explicit_request: 0.928, negative_sentiment: 0.904, sensitive_topic: 0.838, urgency: 0.846, ordinaryAsMessageReason: 14 },
  'w23-odd': { ordinaryAsMessageReason: 4 },
  'w23-even': { ordinaryAsMessageReason: 3 },
  'w24-odd': { explicit_request: 0.96, negative_sentiment: 0.82, sensitive_topic: 0.95, urgency: 0.944, ordinaryAsMessageReason: 2 },
  'w24-even': { explicit_request: 0.914, negative_sentiment: 0.804, sensitive_topic: 0.84, urgency: 1, ordinaryAsMessageReason: 8 },
};

describeMessageReasonFloors('session 10 writers: message-level reasons hold their measured figures', FLOORS);
