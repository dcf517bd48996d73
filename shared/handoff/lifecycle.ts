/**
 * The lifecycle of one handoff (one transfer of a conversation to a person), as pure functions.
 *
 * The only legal moves:
 *   pending  --assign-->  assigned      pending  --expire--> expired
 *   pending  --reject-->  rejected      pending  --cancel--> cancelled
 *   assigned --resolve--> resolved      assigned --requeue--> pending (the agent is cleared)
 *   assigned --cancel-->  cancelled (the customer left)
 * Anything else throws: a silent no-op would hide bugs such as an agent resolving a chat that already
 * timed out, and the runtime must be able to tell the agent "too late" instead of pretending it worked.
 */
import type { Assignation, EscalationReason, Priority } from '../flow/schema';
import type { Handoff, HandoffAction, HandoffEnding, HandoffStatus, HandoffTransition, RequeueCause, TransferWho } from './types';

/** Statuses a handoff never leaves. */
export const terminalStatuses: HandoffStatus[] = ['resolved', 'expired', 'rejected', 'cancelled'];

type ActionType = HandoffAction['type'];

/** from-status -> action -> to-status. A missing entry is an illegal move. */
const moves: Record<HandoffStatus, Partial<Record<ActionType, HandoffStatus>>> = {
  pending: { assign: 'assigned', expire: 'expired', reject: 'rejected', cancel: 'cancelled' },
  assigned: { resolve: 'resolved', requeue: 'pending', cancel: 'cancelled' },
  resolved: {},
  expired: {},
  rejected: {},
  cancelled: {},
};

/** Past-tense words used in error messages ("a handoff that is already resolved"). */
const why: Record<HandoffStatus, string> = {
  pending: 'still waiting in the queue, so no agent has it yet',
  assigned: 'already with an agent',
  resolved: 'already resolved and closed',
  expired: 'already expired after waiting too long',
  rejected: 'already rejected (no one could take it)',
  cancelled: 'already cancelled (the customer left)',
};

export class HandoffTransitionError extends Error {
  readonly from: HandoffStatus;
  readonly action: ActionType;
  constructor(from: HandoffStatus, action: ActionType, handoffId: string) {
    const allowed = Object.keys(moves[from]);
    const hint = allowed.length
      ? `a ${from} handoff can only be: ${allowed.join(', ')}`
      : `a ${from} handoff is final; start a new handoff instead`;
    super(`Cannot ${action} a handoff that is ${from}: handoff ${handoffId} is ${why[from]}; ${hint}.`);
    this.name = 'HandoffTransitionError';
    this.from = from;
    this.action = action;
  }
}

export function canTransition(status: HandoffStatus, action: ActionType): boolean {
  return moves[status]?.[action] !== undefined;
}

export function createHandoff(p: {
  id: string;
  conversationId: string;
  blockId: string;
  assignation: Assignation;
  reason: EscalationReason | 'flow';
  priority: Priority;
  now: number;
  timeoutMinutes: number;
  actor?: string;
}): Handoff {
  return {
    id: p.id,
    conversationId: p.conversationId,
    blockId: p.blockId,
    assignation: p.assignation,
    status: 'pending',
    agentId: null,
    agentName: null,
    reason: p.reason,
    priority: p.priority,
    requestedAt: p.now,
    deadline: p.now + Math.round(p.timeoutMinutes * 60_000),
    transitions: [{ from: null, to: 'pending', at: p.now, actor: p.actor ?? 'bot' }],
  };
}

/** Default notes so the timeline in the inbox reads well even when the caller gave none. */
function noteFor(action: HandoffAction): string | undefined {
  switch (action.type) {
    case 'assign':
      return `Assigned to ${action.agentName}`;
    case 'expire':
      return 'Waited past the queue timeout';
    default:
      return action.note;
  }
}

/** Applies one action and returns a new handoff; the input is never changed. */
/**
 * Session 46 (ui10): given to its agent (automatically or by a transfer) and not opened by her yet: nobody reads the chat.
 * `joined: false` alone no longer says so: a chat she opened stays not joined for the customer until she writes (`opened`).
 */
export function notOpenedYet(h: Pick<Handoff, 'joined' | 'opened'> | null | undefined): boolean {
  return h?.joined === false && h.opened !== true;
}

export function transitionHandoff(h: Handoff, action: HandoffAction, at: number, actor: string): Handoff {
  const to = moves[h.status]?.[action.type];
  if (to === undefined) throw new HandoffTransitionError(h.status, action.type, h.id);

  const transition: HandoffTransition = { from: h.status, to, at, actor };
  const note = noteFor(action);
  if (note !== undefined) transition.note = note;
  if (action.type === 'requeue') {
    if (action.cause !== undefined) transition.cause = action.cause;
    if (action.team !== undefined) transition.team = action.team;
    if (action.transfer !== undefined) transition.transfer = transferWho(action.transfer)!;
  }
  if ((action.type === 'resolve' || action.type === 'cancel') && action.ended !== undefined) transition.ended = action.ended;

  const next: Handoff = { ...h, status: to, transitions: [...h.transitions, transition] };
  // Session 46 (ui10): who opened it is of the agent who held it (a new agent, or none, has not).
  delete next.opened;
  if (action.type === 'assign') {
    next.agentId = action.agentId;
    next.agentName = action.agentName;
  } else if (action.type === 'requeue') {
    // Back in the queue: no agent owns it any more, so the next assignment starts clean.
    next.agentId = null;
    next.agentName = null;
    delete next.joined; // whoever takes it next joins (or is told to come) afresh
  }
  return next;
}

/**
 * Session 38: the requeue an agent's decline makes (engine input `agent_declined`), with its structured cause: the one
 * given, else `transfer` for a transfer, else `declined` (the agent's own decline: the API, the inbox, the chat CLI,
 * the simulator); and the team a transfer sends it to.
 */
export function requeueOf(input: { note?: string; transfer?: unknown; cause?: RequeueCause; team?: string }): Extract<HandoffAction, { type: 'requeue' }> {
  const action: Extract<HandoffAction, { type: 'requeue' }> = { type: 'requeue', note: input.note, cause: input.cause ?? (input.transfer ? 'transfer' : 'declined') };
  if (input.team !== undefined) action.team = input.team;
  // Session 46 (inbox11): who transferred it to whom, kept on the transition (only when both are names).
  const t = transferWho(input.transfer);
  if (t) action.transfer = t;
  return action;
}

/**
 * A transfer's who as stored (only when `by` and `to` are names): `byId` and `from` (session 47, hostile s47 L2) only
 * when given as text, so older inputs keep their exact shape.
 */
export function transferWho(input: unknown): TransferWho | undefined {
  const t = input as { by?: unknown; to?: unknown; byId?: unknown; from?: unknown } | null | undefined;
  if (!t || typeof t !== 'object' || typeof t.by !== 'string' || typeof t.to !== 'string') return undefined;
  const out: TransferWho = { by: t.by, to: t.to };
  if (typeof t.byId === 'string' && t.byId !== '') out.byId = t.byId;
  if (typeof t.from === 'string' && t.from.trim() !== '') out.from = t.from;
  return out;
}

/** The note on a handoff the customer withdrew while it waited in the queue (the inbox and simulator name it so). */
export const WITHDRAWN_NOTE = 'The customer withdrew the request';

/**
 * How a handoff ended (newcomer s7 #3; session 38's withdrawal): read from the structured `ended` of its last move to
 * resolved or cancelled (session 39), or, for transitions stored before, from the engine's default notes ("Handed back
 * to the bot", "Closed by the agent", WITHDRAWN_NOTE: an agent's own note there hid it). Null while open, for a
 * customer who left, an expired or rejected handoff, or an old one closed with the agent's own note.
 */
export function handoffEnding(status: string, transitions: ReadonlyArray<{ to: string; note?: string; ended?: HandoffEnding }> | undefined): HandoffEnding | null {
  if (status !== 'resolved' && status !== 'cancelled') return null;
  const last = [...(transitions ?? [])].reverse().find((x) => x.to === status);
  if (!last) return null;
  if (last.ended !== undefined) return last.ended;
  if (status === 'cancelled') return last.note === WITHDRAWN_NOTE ? 'withdrawn' : null;
  return last.note === 'Handed back to the bot' ? 'handback' : last.note === 'Closed by the agent' ? 'closed' : null;
}
