import { describe, expect, it } from 'vitest';
import { converse, makeFlow } from './harness';

/** welcome buttons -> (escalation) custom takeover that asks the email first. */
const flow = makeFlow(
  [
    { id: 'menu', kind: 'buttons', data: { text: 'How can I help?', options: [{ id: 'o_track', label: 'Track my order' }] } },
    { id: 'ht', kind: 'human_takeover', data: { assignation: 'custom', askEmail: true } },
    { id: 'bye', kind: 'end', data: { text: 'Bye' } },
  ],
  [['menu', 'o_track', 'bye'], ['menu', 'fallback', 'bye'], ['ht', 'resolved', 'bye'], ['ht', 'no_agent', 'bye'], ['ht', 'timeout', 'bye']],
  { escalation: { targetBlockId: 'ht' } },
);

describe('handoff context', () => {
  it('gives the agent the message that caused the handoff, not the answer to the email question', () => {
    const c = converse(flow);
    c.say('My order #A-55213 never came and I want to speak to a real person');
    c.say('jane@example.com');
    const request = c.effects('handoff_request')[0];
    expect(request).toBeDefined();
    if (request?.type !== 'handoff_request') throw new Error('no handoff request');
    const { context } = request;
    expect(context.reason).toBe('explicit_request');
    expect(context.summary).toContain('jane@example.com');
    expect(context.summary).toContain('Key message: "My order #A-55213 never came and I want to speak to a real person"');
    expect(context.summary).not.toContain('Last message: "jane@example.com"');
    expect(context.summary).toContain('Handed over because the customer asked for a person.');
    expect(context.entities.map((e) => e.type)).toContain('order_id');
    expect(context.variables.customerEmail).toBe('jane@example.com');
    expect(context.transcript.filter((t) => t.from === 'customer').map((t) => t.text)).toEqual([
      'My order #A-55213 never came and I want to speak to a real person',
      'jane@example.com',
    ]);
    expect(context.signals[0]).toMatchObject({ reason: 'explicit_request', turn: 0 });
  });
});
