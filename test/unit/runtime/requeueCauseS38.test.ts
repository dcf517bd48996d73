/**
 * Session 38 (review debt of session 37): who declined a chat, why it went back to the queue and a transfer's team are
 * written on the handoff's requeue transition as structured fields (`cause`, `team`) and read from them (agentHub
 * causeOf / declinedOf / putBackOf / queuedSince / heldBefore / transferOf / transferTeamOf). Transitions stored before
 * session 38 have no `cause`: they are still read from the notes the hub wrote then.
 */
import { describe, expect, it } from 'vitest';
import {
  AWAY_TOO_LONG_NOTE,
  NOT_ANSWERED_NOTE,
  NOT_OPENED_NOTE,
  causeOf,
  declinedOf,
  heldBefore,
  notRefusedNotes,
  putBackOf,
  queuedSince,
  transferOf,
  transferTeamOf,
} from '../../../runtime/agents/agentHub';
import { createHandoff, requeueOf, transitionHandoff } from '../../../shared/handoff/lifecycle';
import { handoffSchema } from '../../../shared/engine/conversationStateSchema';
import { requeueIsRefusal, requeueCauses, type Handoff, type HandoffTransition, type RequeueCause } from '../../../shared/handoff/types';

const T0 = Date.UTC(2026, 0, 5, 9, 0);
function fresh(): Handoff {
  return createHandoff({ id: 'h1', conversationId: 'c1', blockId: 'takeover', assignation: 'custom', reason: 'explicit_request', priority: 'normal', now: T0, timeoutMinutes: 10 });
}
/** Assigned to `agent`, then back to the queue with `requeue` (a session-38 action, or an old one: a note only). */
function putBack(agent: string, requeue: { note?: string; cause?: RequeueCause; team?: string }, h = fresh(), at = T0 + 1_000): Handoff {
  const assigned = transitionHandoff(h, { type: 'assign', agentId: agent, agentName: agent }, at, `agent:${agent}`);
  return transitionHandoff(assigned, { type: 'requeue', ...requeue }, at + 1_000, `agent:${agent}`);
}
const rec = (h: Handoff) => ({ status: h.status, requestedAt: h.requestedAt, handoff: h });
const last = (h: Handoff): HandoffTransition => h.transitions[h.transitions.length - 1];

describe('the requeue transition carries its cause and team (shared/handoff)', () => {
  it('transitionHandoff writes cause and team on the requeue transition only', () => {
    const h = putBack('ann', { note: 'Transferred to team billing', cause: 'transfer', team: 'billing' });
    expect(last(h)).toEqual({ from: 'assigned', to: 'pending', at: T0 + 2_000, actor: 'agent:ann', note: 'Transferred to team billing', cause: 'transfer', team: 'billing' });
    expect(h.transitions[1]).toEqual({ from: 'pending', to: 'assigned', at: T0 + 1_000, actor: 'agent:ann', note: 'Assigned to ann' });
    // The stored state's schema takes both fields (a state with them reloads after a restart).
    expect(handoffSchema.safeParse(h).success).toBe(true);
    expect(handoffSchema.safeParse({ ...h, transitions: [...h.transitions.slice(0, -1), { ...last(h), cause: 'bored' }] }).success).toBe(false);
  });

  it("requeueOf (the engine's agent_declined): the cause given, else transfer for a transfer, else declined", () => {
    expect(requeueOf({ note: 'n' })).toEqual({ type: 'requeue', note: 'n', cause: 'declined' });
    // Session 46 (inbox11): a transfer's requeue also keeps who transferred it to whom.
    expect(requeueOf({ transfer: { by: 'Ann', to: 'Bob' } })).toEqual({ type: 'requeue', note: undefined, cause: 'transfer', transfer: { by: 'Ann', to: 'Bob' } });
    expect(requeueOf({ cause: 'away', note: AWAY_TOO_LONG_NOTE })).toEqual({ type: 'requeue', note: AWAY_TOO_LONG_NOTE, cause: 'away' });
    expect(requeueOf({ cause: 'transfer', team: 'billing', transfer: { by: 'Ann', to: 'the billing team' } })).toMatchObject({ cause: 'transfer', team: 'billing' });
  });

  it('refusals: declined, transfer, not opened, not answered; the others are put-backs she may get again', () => {
    expect(requeueCauses.filter(requeueIsRefusal)).toEqual(['declined', 'transfer', 'not_opened', 'not_answered']);
  });
});

describe('the readers use the cause, not the note (runtime/agents/agentHub)', () => {
  it("an agent's decline note that reads like a put-back is still a refusal (read from the cause)", () => {
    // Session 37 accepted this: an agent typing "The agent went offline." as her decline note was not remembered.
    const h = putBack('ann', { note: notRefusedNotes.wentOffline, cause: 'declined' });
    expect(causeOf(last(h))).toBe('declined');
    expect([...declinedOf(rec(h))]).toEqual(['ann']);
    expect(putBackOf(rec(h))).toMatchObject({ byId: 'ann', why: 'other', note: notRefusedNotes.wentOffline });
  });

  it("a put-back whose note is an agent's words is no refusal when its cause says so", () => {
    const h = putBack('ann', { note: 'whatever the note says', cause: 'signed_out' });
    expect(declinedOf(rec(h)).size).toBe(0);
    const away = putBack('ann', { note: 'whatever', cause: 'away' });
    expect(putBackOf(rec(away))).toMatchObject({ why: 'away' });
    // Away too long: the chat keeps the place it had before it was assigned.
    expect(queuedSince(rec(away))).toBe(T0);
    const notOpened = putBack('ann', { note: 'x', cause: 'not_opened' });
    expect(putBackOf(rec(notOpened))).toMatchObject({ why: 'not_opened' });
    expect([...declinedOf(rec(notOpened))]).toEqual(['ann']);
    // Session 41 (queue, hostile s40 M9): a chat put back because it was not opened in time keeps its place in the queue.
    expect(queuedSince(rec(notOpened))).toBe(T0);
  });

  it('a transfer: its team is read from the transition, transferOf and heldBefore from the cause', () => {
    const h = putBack('ann', { note: 'Transferred to team billing: VIP', cause: 'transfer', team: 'billing' });
    expect(transferTeamOf(rec(h))).toBe('billing');
    expect(transferOf(rec(h), () => 'Ann')).toEqual({ byId: 'ann', by: 'Ann', note: 'VIP', at: T0 + 2_000 });
    // Given back to Ann by the team: a transfer is no "held before".
    const again = transitionHandoff(h, { type: 'assign', agentId: 'ann', agentName: 'Ann' }, T0 + 3_000, 'agent:ann');
    expect(heldBefore(rec(again))).toBe(false);
    // A later transfer to an agent keeps the team of the last transfer to a team.
    const toBob = transitionHandoff(again, { type: 'requeue', note: 'Transferred to Bob', cause: 'transfer' }, T0 + 4_000, 'agent:ann');
    expect(transferTeamOf(rec(toBob))).toBe('billing');
    // A decline whose note starts like a transfer is no transfer.
    const declined = putBack('ann', { note: 'Transferred to nobody, I am busy', cause: 'declined' });
    expect(transferOf(rec(declined), () => 'Ann')).toBeNull();
    expect(transferTeamOf(rec(declined))).toBeUndefined();
  });
});

describe('records stored before session 38 (no cause): read from the note as before', () => {
  const old = (note: string | undefined) => putBack('ann', note === undefined ? {} : { note });
  it.each([
    [NOT_OPENED_NOTE, 'not_opened', true, 'not_opened'],
    [NOT_ANSWERED_NOTE, 'not_answered', true, 'not_answered'],
    [AWAY_TOO_LONG_NOTE, 'away', false, 'away'],
    [notRefusedNotes.wentOffline, 'went_offline', false, 'other'],
    [notRefusedNotes.removed, 'removed', false, 'other'],
    [notRefusedNotes.signedOut('Ann'), 'signed_out', false, 'other'],
    [notRefusedNotes.choseOffline('Ann'), 'went_offline', false, 'other'],
    ['Transferred to team billing by Boss (admin): VIP', 'transfer', true, 'transfer'],
    ['not my area', 'declined', true, 'other'],
    [undefined, 'declined', true, 'other'],
  ] as const)('note %j: cause %s, refusal %s, put-back why %s', (note, cause, refused, why) => {
    const h = old(note);
    expect(last(h).cause).toBeUndefined();
    expect(causeOf(last(h))).toBe(cause);
    expect(declinedOf(rec(h)).has('ann')).toBe(refused);
    expect(putBackOf(rec(h))?.why).toBe(why);
    // Session 41 (queue, hostile s40 M9): not opened / not answered in time keep their place, as away does.
    expect(queuedSince(rec(h))).toBe(cause === 'away' || cause === 'not_opened' || cause === 'not_answered' ? T0 : T0 + 2_000);
  });

  it('an old transfer has no stored team (the memory, or Redis, had it): the block keeps its teams', () => {
    const h = old('Transferred to team billing');
    expect(transferTeamOf(rec(h))).toBeUndefined();
    expect(transferOf(rec(h), () => 'Ann')).toMatchObject({ byId: 'ann', by: 'Ann', note: '' });
  });
});
