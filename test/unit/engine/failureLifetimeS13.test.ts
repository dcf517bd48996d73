/**
 * Session 13 review debt: ONE lifetime rule for "a failed HTTP call the agent should hear about"
 * (shared/engine/failureMemory.ts). The engine used to refresh the failure with its own `<= 2` checks in two places
 * and the handoff summary had its own `<= 1` age check; these tests pin the rule's edges, both on the module and
 * through whole conversations.
 */
import { describe, expect, it } from 'vitest';
import { flowSchema, type Flow } from '../../../shared/flow/schema';
import type { ConversationState } from '../../../shared/engine/types';
import { FAILURE_HEARD_TURNS, forgetToldFailure, heardFailure, keepFailureCurrent, rememberHttpOutcome } from '../../../shared/engine/failureMemory';
import { converse } from './harness';

function stateAt(turn: number): ConversationState {
  return { turn } as unknown as ConversationState;
}

describe('failureMemory: the rule on its own', () => {
  it('a failure is heard for FAILURE_HEARD_TURNS (1) customer messages after it was last current, not 2', () => {
    expect(FAILURE_HEARD_TURNS).toBe(1);
    const s = stateAt(3);
    rememberHttpOutcome(s, { id: 'lookup', label: '  Look up  ' }, false, 503, 1000);
    expect(s.lastFailure).toEqual({ blockId: 'lookup', label: 'Look up', status: 503, at: 1000, turn: 3 });
    expect(heardFailure(s)).toBe(s.lastFailure);
    expect(heardFailure({ ...s, turn: 4 })).toBe(s.lastFailure);
    expect(heardFailure({ ...s, turn: 5 })).toBeNull();
  });

  it('a block without a label is named by its id; a later success forgets the failure', () => {
    const s = stateAt(0);
    rememberHttpOutcome(s, { id: 'lookup', label: ' ' }, false, 0, 5);
    expect(s.lastFailure?.label).toBe('lookup');
    rememberHttpOutcome(s, { id: 'other' }, true, 200, 6);
    expect(s.lastFailure).toBeUndefined();
    expect(heardFailure(s)).toBeNull();
  });

  it('an answer to what the failure led to keeps it current only while it was still heard before that answer', () => {
    const s = stateAt(2);
    rememberHttpOutcome(s, { id: 'lookup' }, false, 500, 0);
    // One answer later (turn 3): it was heard at turn 2, so it is current again at 3, and heard at 4.
    let before = s.lastFailure;
    s.turn = 3;
    keepFailureCurrent(s, before);
    expect(s.lastFailure?.turn).toBe(3);
    expect(heardFailure({ ...s, turn: 4 })).not.toBeNull();
    // Aged out: last current at 3, two messages went by (turn 5 after the answer, 4 before it = heard; 6 = not).
    before = s.lastFailure;
    s.turn = 6;
    keepFailureCurrent(s, before);
    expect(s.lastFailure?.turn).toBe(3); // not revived
    expect(heardFailure(s)).toBeNull();
  });

  it('a failure replaced or cleared in the same step is not brought back', () => {
    const s = stateAt(1);
    rememberHttpOutcome(s, { id: 'a' }, false, 500, 0);
    const before = s.lastFailure;
    rememberHttpOutcome(s, { id: 'b' }, false, 404, 0);
    s.turn = 2;
    keepFailureCurrent(s, before);
    expect(s.lastFailure).toMatchObject({ blockId: 'b', turn: 1 });
    rememberHttpOutcome(s, { id: 'c' }, true, 200, 0);
    keepFailureCurrent(s, before);
    expect(s.lastFailure).toBeUndefined();
  });

  it('a handoff forgets it (told once); a step with no handoff keeps it', () => {
    const s = stateAt(1);
    rememberHttpOutcome(s, { id: 'a' }, false, 500, 0);
    forgetToldFailure(s, false);
    expect(s.lastFailure).toBeDefined();
    forgetToldFailure(s, true);
    expect(s.lastFailure).toBeUndefined();
  });
});

/**
 * Ask the order number -> look it up -> error: `questions` Question blocks in a row -> takeover (`takeover` data).
 */
function failThenAsk(questions: number, takeover: Record<string, unknown> = { assignation: 'simple' }): Flow {
  const qs = Array.from({ length: questions }, (_, i) => ({ id: `q${i}`, kind: 'question', data: { text: `Question ${i + 1}?`, variable: `v${i}` } }));
  const chain = ['lookup', ...qs.map((q) => q.id), 'ht'];
  const edges: string[][] = [
    ['start', 'next', 'ask'],
    ['ask', 'next', 'lookup'],
    ['lookup', 'success', 'bye'],
    ...chain.slice(0, -1).map((from, i) => [from, i === 0 ? 'error' : 'next', chain[i + 1]]),
    ['ht', 'resolved', 'bye'],
    ['ht', 'no_agent', 'bye'],
    ['ht', 'timeout', 'bye'],
  ];
  return flowSchema.parse({
    version: 1,
    id: 'orders',
    name: 'Orders',
    blocks: [
      { id: 'start', kind: 'start', data: {} },
      { id: 'ask', kind: 'question', data: { text: 'What is your order number?', variable: 'order' } },
      { id: 'lookup', kind: 'http_request', label: 'Look up the order', data: { method: 'GET', url: 'https://api.example.com/orders/{{order}}' } },
      ...qs,
      { id: 'ht', kind: 'human_takeover', data: takeover },
      { id: 'bye', kind: 'end', data: { text: 'Bye' } },
    ],
    edges: edges.map(([from, exit, to], i) => ({ id: `e${i}`, from, exit, to })),
  }) as Flow;
}

function summaryOf(c: ReturnType<typeof converse>): string {
  const req = c.effects('handoff_request').at(-1);
  if (!req) throw new Error('no handoff request');
  return req.context.summary;
}

describe('the rule through whole conversations', () => {
  it('one message between the failure and the takeover: named', () => {
    const c = converse(failThenAsk(1));
    c.say('NW-104233');
    c.http(false, null, 502);
    c.say('it was a blue jumper');
    expect(c.mode()).toBe('waiting');
    expect(summaryOf(c)).toContain('after "Look up the order" failed (HTTP 502).');
  });

  it('two messages elsewhere between the failure and the takeover: not named', () => {
    const c = converse(failThenAsk(2));
    c.say('NW-104233');
    c.http(false, null, 502);
    c.say('it was a blue jumper');
    c.say('size M');
    expect(c.mode()).toBe('waiting');
    const summary = summaryOf(c);
    expect(summary).toContain('Handed over because the flow reached a human takeover.');
    expect(summary).not.toContain('failed');
  });

  it("the takeover's own questions (email, reason) keep a heard failure current: named after three answers", () => {
    const c = converse(failThenAsk(1, { assignation: 'custom', askEmail: true, askReason: true }));
    c.say('NW-104233');
    c.http(false, null, 0);
    c.say('it was a blue jumper');
    expect(c.mode()).toBe('bot');
    c.say('jane@example.com');
    c.say('it never came');
    expect(c.mode()).toBe('waiting');
    expect(summaryOf(c)).toContain('after "Look up the order" failed (no answer).');
  });

  it("an aged failure is not revived by the takeover's own questions", () => {
    const c = converse(failThenAsk(2, { assignation: 'custom', askEmail: true }));
    c.say('NW-104233');
    c.http(false, null, 500);
    c.say('it was a blue jumper');
    c.say('size M');
    c.say('jane@example.com');
    expect(c.mode()).toBe('waiting');
    expect(summaryOf(c)).not.toContain('failed');
  });
});
