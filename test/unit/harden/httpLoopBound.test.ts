/**
 * Hostile report, CRITICAL: a validator-clean flow (set_variable x = "{{x}}{{x}}" -> HTTP request to a dead
 * API -> error exit -> back to the set_variable) looped without bound: memory ran out in `baton simulate`,
 * `baton serve` called the API forever and filled the disk. These tests pin the bounds.
 */
import { describe, expect, it } from 'vitest';
import { converse } from '../engine/harness';
import { validateFlow } from '../../../shared/flow/validateFlow';
import { MAX_HTTP_CALLS_PER_TURN, MAX_VARIABLE_LENGTH } from '../../../shared/flow/limits';
import { parseConversationState } from '../../../shared/engine/conversationStateSchema';
import type { FlowInput } from '../../../shared/flow/schema';

const boom = (errorTo: string, extra: FlowInput['blocks'] = []): FlowInput =>
  ({
    version: 1,
    id: 'boom2',
    name: 'boom2',
    blocks: [
      { id: 'start', kind: 'start', data: {} },
      { id: 'dbl', kind: 'set_variable', data: { assignments: [{ variable: 'x', op: 'set', value: '{{x}}{{x}}' }] } },
      { id: 'h', kind: 'http_request', data: { method: 'GET', url: 'http://127.0.0.1:9/x', timeoutMs: 100 } },
      { id: 'ask', kind: 'question', data: { text: 'Anything else?', variable: 'answer' } },
      { id: 'end', kind: 'end', data: {} },
      ...extra,
    ],
    edges: [
      { id: 'e1', from: 'start', exit: 'next', to: 'dbl' },
      { id: 'e2', from: 'dbl', exit: 'next', to: 'h' },
      { id: 'e3', from: 'h', exit: 'error', to: errorTo },
      { id: 'e4', from: 'h', exit: 'success', to: 'end' },
      { id: 'e5', from: 'ask', exit: 'next', to: 'dbl' },
    ],
    variables: [
      { name: 'x', type: 'string', default: 'abcdefgh' },
      { name: 'answer', type: 'string', default: '' },
    ],
    escalation: { enabled: false },
  }) as unknown as FlowInput;

/** Plays a runtime whose every HTTP call fails, until the engine stops asking (bounded by `limit`). */
function failEveryCall(c: ReturnType<typeof converse>, limit = 1000): number {
  let answered = 0;
  while (c.state.waiting?.kind === 'http' && answered < limit) {
    c.http(false);
    answered++;
  }
  return answered;
}

describe('a retry loop through an HTTP error exit is bounded', () => {
  it('stops after MAX_HTTP_CALLS_PER_TURN calls, tells the customer and closes', () => {
    const c = converse(boom('dbl'));
    const answered = failEveryCall(c);
    expect(c.effects('http_request')).toHaveLength(MAX_HTTP_CALLS_PER_TURN);
    expect(answered).toBe(MAX_HTTP_CALLS_PER_TURN);
    expect(c.mode()).toBe('closed');
    expect(c.state.waiting).toBeNull();
    expect(c.state.timers).toEqual([]); // no timer left to drive it again
    const last = c.messages().at(-1)!;
    expect(last.from).toBe('system');
    expect(last.text).toMatch(/something went wrong on our side/);
    expect(last.text).toContain('Block "h"');
    // The doubling variable is capped, so the state stays small.
    const x = c.variables().x as string;
    expect(x.length).toBeLessThanOrEqual(MAX_VARIABLE_LENGTH);
    expect(x).toMatch(/cut: longer than 10,000 characters\]$/);
    expect(JSON.stringify(c.state).length).toBeLessThan(3 * MAX_VARIABLE_LENGTH);
    expect(parseConversationState(JSON.parse(JSON.stringify(c.state))).ok).toBe(true);
  });

  it('the http_timeout deadline path (API never answers) is bounded the same way', () => {
    const c = converse(boom('dbl'));
    c.wait('10m'); // every deadline timer fires: the block takes its error exit each time
    expect(c.effects('http_request')).toHaveLength(MAX_HTTP_CALLS_PER_TURN);
    expect(c.mode()).toBe('closed');
  });

  it('a customer message gives a new budget: a flow that asks between calls is never stopped', () => {
    const c = converse(boom('ask'));
    for (let i = 0; i < MAX_HTTP_CALLS_PER_TURN + 5; i++) {
      expect(c.state.waiting?.kind).toBe('http');
      c.http(false); // error -> question
      expect(c.lastBotText()).toBe('Anything else?');
      c.say(`try again ${i}`); // -> dbl -> h again
    }
    expect(c.effects('http_request')).toHaveLength(MAX_HTTP_CALLS_PER_TURN + 6);
    expect(c.mode()).toBe('bot');
  });

  it('after the stop, writing again starts over with a fresh budget (still bounded)', () => {
    const c = converse(boom('dbl'));
    failEveryCall(c);
    c.say('hello?');
    failEveryCall(c);
    expect(c.effects('http_request')).toHaveLength(2 * MAX_HTTP_CALLS_PER_TURN);
    expect(c.mode()).toBe('closed');
  });
});

describe('the validator warns about a loop whose only wait is an HTTP error exit', () => {
  it('flags boom2 with http_error_loop on the HTTP block', () => {
    const v = validateFlow(boom('dbl'));
    const p = v.problems.find((x) => x.code === 'http_error_loop');
    expect(p).toBeDefined();
    expect(p!.severity).toBe('warning');
    expect(p!.blockId).toBe('h');
    expect(p!.message).toContain(String(MAX_HTTP_CALLS_PER_TURN));
  });

  it('also through a chain of HTTP blocks failing into each other', () => {
    const flow = boom('h2', [{ id: 'h2', kind: 'http_request', data: { method: 'GET', url: 'http://127.0.0.1:9/y' } }] as never);
    (flow.edges as unknown[]).push({ id: 'e6', from: 'h2', exit: 'error', to: 'dbl' }, { id: 'e7', from: 'h2', exit: 'success', to: 'end' });
    const codes = validateFlow(flow).problems.filter((x) => x.code === 'http_error_loop').map((x) => x.blockId);
    expect(codes).toContain('h');
  });

  it('does not flag a loop that waits for the customer', () => {
    const v = validateFlow(boom('ask'));
    expect(v.problems.some((x) => x.code === 'http_error_loop')).toBe(false);
  });
});
