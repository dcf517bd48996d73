/**
 * Session 15 floors on the new development writer w34 (message-level reasons, written blind, committed untouched by the
 * lead at 4433f44). Odd ids were developed on, even ids only measured (held out). Each floor is the figure measured at
 * the end of escmsg's work (HEAD f33579f + escmsg's files = ddab995's escalation code, escrfEval in a worktree, 08:00 UTC;
 * recall rounded down; ordinary = ordinary conversations escalated as a message-level reason): a drop is a regression to
 * look at, not noise to tune away. The untouched start (995d639's code) had w34-odd explicit 32/34, negative 37/55,
 * sensitive 46/57, urgency 24/26, ordinary (any reason) 23/78; w34-even explicit 42/46, negative 35/55, sensitive 44/51,
 * urgency 31/34, ordinary (any reason) 18/64.
 * One exception, said here so it is not silent: w34-even explicit is 42/46 (0.913) at the end, and its floor is 41/46
 * (0.891) because the hunk posted for escconv (/work/coord/s15/escmsg-topic-before-classifier-request.patch: a topic the
 * customer's words name is named before a request for a person only the classifier reads) measured one held-out explicit
 * conversation lost against two held-out sensitive ones won; with the hunk, sensitive is 50/57 (odd) and 46/51 (even).
 */
import { describeMessageReasonFloors, type MessageFigures } from './support/writerFloors';

const FLOORS: Record<string, MessageFigures> = {
  'w34-odd': { explicit_request: 0.941, negative_sentiment: 0.745, sensitive_topic: 0.807, urgency: 0.923, ordinaryAsMessageReason: 16 },
  'w34-even': { explicit_request: 0.891, negative_sentiment: 0.654, sensitive_topic: 0.862, urgency: 0.911, ordinaryAsMessageReason: 14 },
};

describeMessageReasonFloors('session 15 writer w34: message-level reasons hold their measured figures', FLOORS);
