import { describe, it, expect } from 'vitest';
import { converse, makeFlow } from './harness';

// newcomer s8 #22: with escalation on and no "Hand over to" block, Debug said "Handed over" while nothing happened.
describe('escalation with no Human Takeover block set (newcomer s8 #22)', () => {
  it('Debug says nothing happened and why, and the conversation stays with the bot', () => {
    const c = converse(makeFlow([{ id: 'q', kind: 'question', data: { text: 'How can I help?', variable: 'topic' } }, { id: 'done', kind: 'end' }], [['q', 'next', 'done']]));
    const step = c.say('I want to talk to a human');
    expect(step.decision?.reason).toBe('explicit_request');
    expect(step.decision?.explanation).toMatch(/^Nothing happened: the policy would hand over, but no Human Takeover block is set/);
    expect(c.mode()).not.toBe('waiting');
    expect(c.effects('handoff_request')).toHaveLength(0);
  });
});
