/**
 * Session 22 floors for writer w36 (700 single customer messages in texting voices, written this session by a writer who
 * read no code; committed as test/fixtures/escalation-corpus/w36-conversations.jsonl after its blind measurement), at the
 * figures measured at 67a1028 (round nine's classifier) before anything was tuned on it (recall rounded down; ordinary =
 * ordinary conversations named a message-level reason, a ceiling). Odd ids may be trained or tuned on from now on; even ids
 * stay held out (measured, never read). Blind figures of the whole file (README): explicit 98.9%, negative 91.4%,
 * sensitive 80.7%, urgency 85.0%, false escalations 10.0% (26 of 259, any reason).
 * Session 24: w36-odd negative 0.903 -> 0.887 (one conversation, w36-119 "hahahaha typical. paid for express..."): the
 * classifier counts each character gram of a word once (hostile s23 #1), and the laugh's repeated grams had carried it.
 */
import { describeMessageReasonFloors, type MessageFigures } from './support/writerFloors';

const FLOORS: Record<string, MessageFigures> = {
  'w36-odd': { explicit_request: 0.979, negative_sentiment: 0.887, sensitive_topic: 0.758, urgency: 0.836, ordinaryAsMessageReason: 15 },
  'w36-even': { explicit_request: 1, negative_sentiment: 0.925, sensitive_topic: 0.849, urgency: 0.862, ordinaryAsMessageReason: 9 },
};

describeMessageReasonFloors('session 22: blind writer w36 holds its measured figures', FLOORS);
