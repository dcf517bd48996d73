/** A question, an end, and a Default-mode Human takeover as the escalation target: the name-question tests' flow. */
import { makeFlow } from './harness';

export function defaultTakeoverFlow() {
  return makeFlow(
    [
      { id: 'q', kind: 'question', data: { text: 'How can I help?', variable: 'topic' } },
      { id: 'done', kind: 'end', data: { text: 'Thanks!' } },
      { id: 'ht', kind: 'human_takeover', data: { assignation: 'default' } },
    ],
    [['q', 'next', 'done']],
    { escalation: { targetBlockId: 'ht' } },
  );
}
