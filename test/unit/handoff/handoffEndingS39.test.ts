/**
 * Session 39 (review debt of session 38): how a handoff ended (handed back, closed by the agent, withdrawn by the
 * customer in the queue) is recorded on its last transition (`ended`), not read back from the note's words, so an
 * agent's own note no longer hides it; handoffs stored before keep being read by the engine's default notes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { createHandoff, handoffEnding, transitionHandoff, WITHDRAWN_NOTE } from '../../../shared/handoff/lifecycle';
import { conversationStateSchema } from '../../../shared/engine/conversationStateSchema';
import { converse } from '../engine/harness';

const NOW = Date.parse('2026-03-09T11:30:00Z'); // Monday, Northwind open
const northwind = () => loadFlowText(readFileSync('flows/customer-support.json', 'utf8')).flow!;

describe('handoffEnding', () => {
  const h0 = createHandoff({ id: 'h1', conversationId: 'c1', blockId: 'b1', assignation: 'simple', reason: 'flow', priority: 'normal', now: 1, timeoutMinutes: 5 } as any);
  const assigned = transitionHandoff(h0, { type: 'assign', agentId: 'ann', agentName: 'Ann' }, 2, 'system');
  it('reads the structured ending whatever the note says', () => {
    const back = transitionHandoff(assigned, { type: 'resolve', note: 'sorted, over to the bot', ended: 'handback' }, 3, 'agent:ann');
    expect(back.transitions.at(-1)).toMatchObject({ to: 'resolved', ended: 'handback', note: 'sorted, over to the bot' });
    expect(handoffEnding(back.status, back.transitions)).toBe('handback');
    const closed = transitionHandoff(assigned, { type: 'resolve', note: 'Handed back to the bot', ended: 'closed' }, 3, 'agent:ann');
    expect(handoffEnding(closed.status, closed.transitions)).toBe('closed');
    const withdrawn = transitionHandoff(h0, { type: 'cancel', note: 'anything', ended: 'withdrawn' }, 3, 'customer');
    expect(handoffEnding(withdrawn.status, withdrawn.transitions)).toBe('withdrawn');
  });
  it('falls back to the default notes for transitions stored before session 39; null otherwise', () => {
    const old = (to: string, note?: string) => [{ to: 'pending' }, { to, ...(note ? { note } : {}) }];
    expect(handoffEnding('resolved', old('resolved', 'Handed back to the bot'))).toBe('handback');
    expect(handoffEnding('resolved', old('resolved', 'Closed by the agent'))).toBe('closed');
    expect(handoffEnding('resolved', old('resolved', 'my own note'))).toBeNull();
    expect(handoffEnding('cancelled', old('cancelled', WITHDRAWN_NOTE))).toBe('withdrawn');
    expect(handoffEnding('cancelled', old('cancelled', 'The customer left'))).toBeNull();
    expect(handoffEnding('pending', old('pending'))).toBeNull();
    expect(handoffEnding('expired', old('expired'))).toBeNull();
  });
});

describe('the engine records the ending', () => {
  function assignedChat() {
    const c = converse(northwind(), { now: NOW });
    c.say('I want to talk to a person');
    for (const a of ['ada@example.com', 'Ada', 'my parcel never came']) if (c.state.mode !== 'waiting') c.say(a);
    expect(c.state.handoff?.status).toBe('pending');
    const ids = { handoffId: c.state.handoff!.id };
    c.send({ type: 'agent_accepted', agentId: 'ann', agentName: 'Ann', ...ids, eventId: 'e1' } as any);
    expect(c.state.handoff?.status).toBe('assigned');
    return { c, ids };
  }
  it('hand back with an own note: handback; resolve that asks the rating first (closes): closed; close: closed', () => {
    for (const [input, want] of [
      [{ type: 'agent_handback', agentId: 'ann', note: 'done here' }, 'handback'],
      [{ type: 'agent_handback', agentId: 'ann', closes: true }, 'closed'],
      [{ type: 'agent_closed', agentId: 'ann', note: 'refund issued' }, 'closed'],
    ] as const) {
      const { c, ids } = assignedChat();
      c.send({ ...input, ...ids, eventId: 'e2' } as any);
      expect(c.state.handoff?.status).toBe('resolved');
      expect(c.state.handoff?.transitions.at(-1)?.ended).toBe(want);
      expect(handoffEnding('resolved', c.state.handoff?.transitions)).toBe(want);
      // The stored state with the new field still passes the state schema (a restart reads it back).
      expect(conversationStateSchema.safeParse(c.state).success).toBe(true);
    }
  });
  it('a request withdrawn in the queue: withdrawn', () => {
    const c = converse(northwind(), { now: NOW });
    c.say('I want to talk to a person');
    for (const a of ['ada@example.com', 'Ada', 'my parcel never came']) if (c.state.mode !== 'waiting') c.say(a);
    c.say("I don't need a person anymore");
    expect(c.state.handoff?.transitions.at(-1)).toMatchObject({ to: 'cancelled', ended: 'withdrawn' });
  });
});
