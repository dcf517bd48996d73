import { describe, it, expect } from 'vitest';
import { converse, makeFlow } from './harness';

// newcomer s8 #15b: a hot-lead rule already true at the first customer message (a cart value passed when the chat
// starts, a variable prefilled in the simulator) never fired: rules fired only when they "became" true.

function shopFlow(cartValue: number | undefined) {
  return makeFlow(
    [
      { id: 'q', kind: 'question', data: { text: 'How can I help?', variable: 'topic' } },
      { id: 'q2', kind: 'question', data: { text: 'Anything else?', variable: 'more' } },
      { id: 'done', kind: 'end', data: { text: 'Thanks!' } },
      { id: 'ht', kind: 'human_takeover', data: { askName: false, askEmail: false, askReason: false } },
    ],
    [['q', 'next', 'q2'], ['q2', 'next', 'done']],
    {
      variables: cartValue === undefined ? [] : [{ name: 'cartValue', type: 'number', default: cartValue }],
      escalation: {
        targetBlockId: 'ht',
        hotLead: { enabled: true, rules: { combinator: 'or', rules: [{ variable: 'cartValue', op: 'gte', value: 500 }] } },
      },
    },
  );
}

describe('a variable rule already true when the conversation starts (newcomer s8 #15b)', () => {
  it('a cart value of 600 passed at the start hands over as a hot lead at the first message, once', () => {
    const c = converse(shopFlow(600));
    const step = c.say('do you take paypal');
    expect(step.decision).toMatchObject({ action: 'handoff', reason: 'hot_lead' });
    expect(c.mode()).toBe('waiting');
    expect(c.effects('handoff_request').map((e) => e.handoff.reason)).toEqual(['hot_lead']);
    // After the agent hands back, the same (still true) rule does not hand over again.
    c.agent.accept();
    c.agent.handback();
    c.say('thanks, and how long is delivery?');
    expect(c.effects('handoff_request')).toHaveLength(1);
  });

  it('a cart under the threshold does not hand over', () => {
    const c = converse(shopFlow(100));
    expect(c.say('do you take paypal').decision?.action ?? 'none').not.toBe('handoff');
    expect(c.mode()).toBe('bot');
  });

  it('a rule true only from the second message on still fires when it becomes true (unchanged)', () => {
    const c = converse(shopFlow(undefined));
    c.say('do you take paypal');
    expect(c.mode()).toBe('bot');
    expect(c.effects('handoff_request')).toHaveLength(0);
  });
});
