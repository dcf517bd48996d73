import { describe, it, expect } from 'vitest';
import { converse, makeFlow, deepFreeze, DEFAULT_NOW, type Conversation, plain } from './harness';
import { receive, start } from '../../../shared/engine/engine';
import { conversationStateSchema } from '../../../shared/engine/conversationStateSchema';
import type { Flow } from '../../../shared/flow/schema';

/** A customer-support-like flow touching most block kinds. */
function supportFlow(target: string | null = 'ht'): Flow {
  return makeFlow(
    [
      { id: 'hello', kind: 'message', data: { text: 'Hi! I am the Acme bot.' } },
      {
        id: 'ir',
        kind: 'intent_router',
        data: {
          prompt: 'What can I do for you?',
          intents: [
            { id: 'track', name: 'track_order', examples: ['where is my order', 'track my package', 'my parcel has not arrived'] },
            { id: 'refund', name: 'refund', examples: ['I want a refund', 'give me my money back'] },
          ],
        },
      },
      { id: 'q', kind: 'question', data: { text: 'Your order number?', inputType: 'number', variable: 'order' } },
      { id: 'b', kind: 'buttons', data: { text: 'Anything else?', options: [{ id: 'yes', label: 'Yes' }, { id: 'no', label: 'No' }] } },
      { id: 'ht', kind: 'human_takeover', data: { assignation: 'default' } },
      { id: 'csat', kind: 'csat' },
      { id: 'bye', kind: 'end', data: { text: 'Bye!' } },
    ],
    [
      ['hello', 'next', 'ir'],
      ['ir', 'track', 'q'],
      ['ir', 'refund', 'ht'],
      ['ir', 'fallback', 'ht'],
      ['q', 'next', 'b'],
      ['b', 'yes', 'ir'],
      ['b', 'no', 'csat'],
      ['ht', 'resolved', 'csat'],
      ['ht', 'no_agent', 'bye'],
      ['ht', 'timeout', 'bye'],
      ['csat', 'next', 'bye'],
    ],
    { escalation: { targetBlockId: target } },
  );
}

function script(c: Conversation): void {
  c.say('where is my order');
  c.say('12345');
  c.click('yes');
  c.say('I want a refund, this is ridiculous');
  c.say('Ana');
  c.say('ana@example.com');
  c.say('refund for order 12345');
  c.wait('2m');
  c.agent.accept('a7', 'Ana');
  c.say('hello');
  c.agent.say('Hi! Refund done.');
  c.agent.handback();
  c.click('5');
}

describe('engine purity', () => {
  it('is deterministic: the same inputs and clock give deep-equal steps', () => {
    const a = converse(supportFlow());
    const b = converse(supportFlow());
    script(a);
    script(b);
    expect(a.steps.length).toBeGreaterThan(10);
    expect(b.steps).toEqual(a.steps);
    expect(a.lastBotText()).toBe('Bye!');
  });

  it('never mutates its inputs (states and flow are deep-frozen between steps)', () => {
    // The harness freezes every state and the flow: any write would throw in strict mode.
    const c = converse(supportFlow());
    expect(() => script(c)).not.toThrow();
    expect(Object.isFrozen(c.steps[0].state.recentTranscript)).toBe(true);
    // And the caller's snapshot of an earlier state is unchanged afterwards.
    const flow = supportFlow();
    const first = start(flow, { now: DEFAULT_NOW, conversationId: 'c1' });
    const snapshot = JSON.stringify(first.state);
    receive(flow, first.state, { type: 'text', text: 'where is my order' }, { now: DEFAULT_NOW + 1000 });
    expect(JSON.stringify(first.state)).toBe(snapshot);
  });

  it('refuses input that does not fit the state: same state object, no messages, no effects, and a reason', () => {
    const c = converse(supportFlow());
    const s = c.state;
    const ids = { handoffId: 'c1:h1', eventId: 'e1' };
    for (const input of [
      { type: 'text', text: '   ' },
      { type: 'choice', buttonId: 'yes' },
      { type: 'timer', timerId: 't99' },
      { type: 'agent_accepted', agentId: 'a1', agentName: 'Ana', ...ids },
      { type: 'agent_message', agentId: 'a1', text: 'hi', ...ids },
      { type: 'agent_handback', agentId: 'a1', ...ids },
      { type: 'http_result', requestId: 'r1', ok: true, status: 200, body: {} },
    ] as const) {
      const step = c.send(input);
      expect(step.state).toBe(s);
      expect(step.messages).toEqual([]);
      expect(plain(step.effects)).toEqual([]);
      expect(step.transcript).toEqual([]);
      expect(step.rejected?.reason).toMatch(/\w/);
    }
  });

  it('every state is plain JSON matching the persisted-state schema, and resumes from JSON identically', () => {
    const c = converse(supportFlow());
    script(c);
    const flow = c.flow;
    for (const step of c.steps) {
      const parsed = conversationStateSchema.safeParse(step.state);
      expect(parsed.success ? null : parsed.error.issues).toBeNull();
    }
    // Resume mid-conversation (after the refund message) from a JSON copy: same next step.
    const mid = c.steps[4].state;
    const revived = JSON.parse(JSON.stringify(mid));
    const input = { type: 'text', text: 'Ana' } as const;
    expect(receive(flow, revived, input, { now: DEFAULT_NOW })).toEqual(receive(flow, mid, input, { now: DEFAULT_NOW }));
  });

  it('keeps a 10-turn conversation under 2 KB of JSON without the transcript', () => {
    const flow = makeFlow(
      [
        { id: 'ir', kind: 'intent_router', data: { prompt: 'Hi?', intents: [{ id: 'x', name: 'greet', examples: ['hello there', 'hi'] }] } },
        { id: 'again', kind: 'jump', data: { target: 'ir' } },
      ],
      [['ir', 'x', 'again'], ['ir', 'fallback', 'again']],
    );
    const c = converse(flow);
    const texts = ['hello there', 'my order 12345 is late', 'email me at a@b.co', 'call +44 20 7946 0958', 'hi', 'what about order 99881?', 'hello there', 'hmm', 'ok thanks', 'bye now'];
    for (const t of texts) c.say(t);
    expect(c.state.turn).toBe(10);
    const { recentTranscript: _w, ...rest } = c.state;
    expect(JSON.stringify(rest).length).toBeLessThan(2048);
    expect(c.state.intents.length).toBeLessThanOrEqual(10);
  });

  it('keeps remembered intents bounded over a long conversation', () => {
    const flow = supportFlow(null);
    const c = converse(flow, { freeze: false });
    for (let i = 0; i < 300; i++) {
      c.say('where is my order');
      c.say(String(1000 + i));
      c.click('yes');
    }
    expect(c.state.turn).toBe(900);
    expect(c.state.intents).toHaveLength(10);
  });

  it('deepFreeze helper really freezes nested data (so the mutation test can fail)', () => {
    const o = deepFreeze({ a: { b: [1] } });
    expect(() => {
      (o.a.b as number[]).push(2);
    }).toThrow();
  });
});
