/**
 * Session 12 floors on the new development writer w28 (message-level reasons). Odd ids were developed on, even ids only
 * measured (held out). Each floor is the figure measured at the end of escmsg's work (session 12, my files at b5ee182 in
 * the shared tree at 22:25 UTC, recall rounded down; ordinary = ordinary conversations escalated as a message-level
 * reason): a drop is a regression to look at, not noise to tune away.
 */
import { describeMessageReasonFloors, type MessageFigures } from './support/writerFloors';

const FLOORS: Record<string, MessageFigures> = {
  'w28-odd': { explicit_request: 1, negative_sentiment: 0.88, sensitive_topic: 0.955, urgency: 0.95, ordinaryAsMessageReason: 5 },
  'w28-even': { explicit_request: 0.95, negative_sentiment: 0.76, sensitive_topic: 0.911, urgency: 0.75, ordinaryAsMessageReason: 10 },
};

describeMessageReasonFloors('session 12 writer w28: message-level reasons hold their measured figures', FLOORS);
