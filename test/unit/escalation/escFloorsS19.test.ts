/**
 * Session 19 floors (esc) for the writer halves whose message-level figures session 19's rules raised, each at the figure
 * measured at the end (clean worktree of c441268, 07:35 UTC; recall rounded down; ordinary = ordinary conversations named
 * a message-level reason). What moved, start (3d758e0) -> end:
 *  - w34-even (held out: measured, never read) sensitive 44 -> 46/51, ordinary 13 -> 12; w34-odd sensitive 49 -> 53/57
 *    (a formal complaint is the complaints topic; money is not 112; "only asking" marks a general question);
 *  - w28-odd sensitive 44 -> 45/45, w28-even 41 -> 42/45, w17-even 66 -> 67/72 and ordinary 8 -> 6, w12-even 55 -> 56/65.
 * Every other figure of these halves is the start's. A drop is a regression to look at; the ordinary count is a ceiling.
 */
import { describeMessageReasonFloors, type MessageFigures } from './support/writerFloors';

const FLOORS: Record<string, MessageFigures> = {
  'w34-even': { explicit_request: 0.913, negative_sentiment: 0.654, sensitive_topic: 0.901, urgency: 0.911, ordinaryAsMessageReason: 12 },
  'w34-odd': { explicit_request: 0.941, negative_sentiment: 0.8, sensitive_topic: 0.929, urgency: 0.961, ordinaryAsMessageReason: 15 },
  'w28-odd': { explicit_request: 1, negative_sentiment: 0.92, sensitive_topic: 1, urgency: 0.95, ordinaryAsMessageReason: 5 },
  'w28-even': { explicit_request: 1, negative_sentiment: 0.78, sensitive_topic: 0.933, urgency: 0.75, ordinaryAsMessageReason: 9 },
  'w17-even': { explicit_request: 1, negative_sentiment: 0.828, sensitive_topic: 0.93, urgency: 1, ordinaryAsMessageReason: 6 },
  'w12-even': { sensitive_topic: 0.861, urgency: 0.964, ordinaryAsMessageReason: 19 },
};

describeMessageReasonFloors('session 19 (esc): the writer halves its rules raised hold their measured figures', FLOORS);
