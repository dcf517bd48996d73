import { describe, it, expect } from 'vitest';
import {
  HandoffTransitionError,
  canTransition,
  createHandoff,
  terminalStatuses,
  transitionHandoff,
} from '../../../shared/handoff/lifecycle';
import type { Handoff, HandoffAction, HandoffStatus } from '../../../shared/handoff/types';

const T0 = Date.UTC(2026, 0, 5, 9, 0);
const statuses: HandoffStatus[] = ['pending', 'assigned', 'resolved', 'expired', 'rejected', 'cancelled'];
const actions: Record<HandoffAction['type'], HandoffAction> = {
  assign: { type: 'assign', agentId: 'a1', agentName: 'Alice' },
  requeue: { type: 'requeue', note: 'wrong team' },
  resolve: { type: 'resolve', note: 'refund issued' },
  expire: { type: 'expire' },
  reject: { type: 'reject', note: 'out of hours' },
  cancel: { type: 'cancel', note: 'customer left' },
};
const legal: Record<string, HandoffStatus> = {
  'pending/assign': 'assigned',
  'pending/expire': 'expired',
  'pending/reject': 'rejected',
  'pending/cancel': 'cancelled',
  'assigned/resolve': 'resolved',
  'assigned/requeue': 'pending',
  'assigned/cancel': 'cancelled',
};

function fresh(): Handoff {
  return createHandoff({
    id: 'h1',
    conversationId: 'c1',
    blockId: 'takeover',
    assignation: 'custom',
    reason: 'explicit_request',
    priority: 'high',
    now: T0,
    timeoutMinutes: 10,
  });
}

/** A handoff in the given status, reached through legal moves only. */
function inStatus(status: HandoffStatus): Handoff {
  const h = fresh();
  const at = T0 + 1000;
  switch (status) {
    case 'pending':
      return h;
    case 'assigned':
      return transitionHandoff(h, actions.assign, at, 'system');
    case 'resolved':
      return transitionHandoff(inStatus('assigned'), actions.resolve, at + 1, 'agent:a1');
    case 'expired':
      return transitionHandoff(h, actions.expire, at, 'system');
    case 'rejected':
      return transitionHandoff(h, actions.reject, at, 'system');
    case 'cancelled':
      return transitionHandoff(h, actions.cancel, at, 'customer');
  }
}

describe('createHandoff', () => {
  it('starts pending, with no agent, a deadline timeoutMinutes away and a first transition', () => {
    const h = fresh();
    expect(h.status).toBe('pending');
    expect(h.agentId).toBeNull();
    expect(h.agentName).toBeNull();
    expect(h.requestedAt).toBe(T0);
    expect(h.deadline).toBe(T0 + 10 * 60_000);
    expect(h.transitions).toEqual([{ from: null, to: 'pending', at: T0, actor: 'bot' }]);
    expect(h).toMatchObject({ id: 'h1', conversationId: 'c1', blockId: 'takeover', assignation: 'custom', priority: 'high' });
  });

  it('records the given actor and supports fractional minute timeouts', () => {
    const h = createHandoff({
      id: 'h2', conversationId: 'c', blockId: 'b', assignation: 'simple', reason: 'flow',
      priority: 'normal', now: T0, timeoutMinutes: 0.5, actor: 'customer',
    });
    expect(h.transitions[0].actor).toBe('customer');
    expect(h.deadline).toBe(T0 + 30_000);
    expect(h.reason).toBe('flow');
  });
});

describe('transition table', () => {
  const pairs = statuses.flatMap((s) => (Object.keys(actions) as HandoffAction['type'][]).map((a) => [s, a] as const));

  it('covers all 36 (status, action) pairs, 7 of them legal', () => {
    expect(pairs).toHaveLength(36);
    expect(pairs.filter(([s, a]) => canTransition(s, a))).toHaveLength(7);
  });

  for (const [status, action] of pairs) {
    const to = legal[`${status}/${action}`];
    if (to) {
      it(`${status} --${action}--> ${to}`, () => {
        const before = inStatus(status);
        const snapshot = structuredClone(before);
        const after = transitionHandoff(before, actions[action], T0 + 5000, 'agent:a1');
        expect(canTransition(status, action)).toBe(true);
        expect(after.status).toBe(to);
        expect(after).not.toBe(before);
        expect(before).toEqual(snapshot); // input untouched
        expect(after.transitions).toHaveLength(before.transitions.length + 1);
        const last = after.transitions[after.transitions.length - 1];
        expect(last).toMatchObject({ from: status, to, at: T0 + 5000, actor: 'agent:a1' });
        if ('note' in actions[action] && (actions[action] as { note?: string }).note) {
          expect(last.note).toBe((actions[action] as { note?: string }).note);
        }
      });
    } else {
      it(`${status} --${action}--> throws`, () => {
        const before = inStatus(status);
        const snapshot = structuredClone(before);
        expect(canTransition(status, action)).toBe(false);
        let error: unknown;
        try {
          transitionHandoff(before, actions[action], T0 + 5000, 'agent:a1');
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(HandoffTransitionError);
        const err = error as HandoffTransitionError;
        expect(err.from).toBe(status);
        expect(err.action).toBe(action);
        expect(err.message).toMatch(new RegExp(`^Cannot ${action} a handoff that is ${status}: `));
        expect(before).toEqual(snapshot); // no silent change either
      });
    }
  }
});

describe('transition details', () => {
  it('assign sets the agent and notes who took it', () => {
    const h = transitionHandoff(fresh(), actions.assign, T0 + 1, 'system');
    expect(h.agentId).toBe('a1');
    expect(h.agentName).toBe('Alice');
    expect(h.transitions[1].note).toContain('Alice');
  });

  it('requeue clears the agent so the next assignment starts clean, and a second agent can take it', () => {
    const assigned = inStatus('assigned');
    const requeued = transitionHandoff(assigned, actions.requeue, T0 + 2, 'agent:a1');
    expect(requeued.status).toBe('pending');
    expect(requeued.agentId).toBeNull();
    expect(requeued.agentName).toBeNull();
    expect(assigned.agentId).toBe('a1'); // the old object still says who had it
    const reassigned = transitionHandoff(requeued, { type: 'assign', agentId: 'b2', agentName: 'Bob' }, T0 + 3, 'system');
    expect(reassigned.agentName).toBe('Bob');
    expect(reassigned.transitions.map((t) => t.to)).toEqual(['pending', 'assigned', 'pending', 'assigned']);
  });

  it('resolve keeps the agent who resolved it', () => {
    const h = inStatus('resolved');
    expect(h.agentId).toBe('a1');
    expect(h.transitions.map((t) => `${t.from}->${t.to}`)).toEqual(['null->pending', 'pending->assigned', 'assigned->resolved']);
  });

  it('terminal statuses are exactly the four with no way out', () => {
    expect([...terminalStatuses].sort()).toEqual(['cancelled', 'expired', 'rejected', 'resolved']);
    for (const s of statuses) {
      const anyMove = (Object.keys(actions) as HandoffAction['type'][]).some((a) => canTransition(s, a));
      expect(anyMove).toBe(!terminalStatuses.includes(s));
    }
  });

  it('the error tells the user what the handoff can still do', () => {
    expect(() => transitionHandoff(fresh(), actions.resolve, T0, 'agent:a1')).toThrow(/can only be: assign, expire, reject, cancel/);
    expect(() => transitionHandoff(inStatus('expired'), actions.assign, T0, 'system')).toThrow(/final/);
  });
});
