/**
 * Contract of the handoff layer: the lifecycle of one transfer to a person, and agent assignment.
 */
import type { Assignation, EscalationReason, Priority } from '../flow/schema';

export type HandoffStatus = 'pending' | 'assigned' | 'resolved' | 'expired' | 'rejected' | 'cancelled';

export interface HandoffTransition {
  from: HandoffStatus | null;
  to: HandoffStatus;
  at: number;
  /** 'bot', 'customer', 'system', or 'agent:<id>'. */
  actor: string;
  note?: string;
  /**
   * Session 38 (review debt: who declined a chat was read from the note's words): why a chat went from its agent back
   * to the queue (assigned -> pending). Absent on transitions stored before session 38 (readers fall back to the note)
   * and on every other move.
   */
  cause?: RequeueCause;
  /** Session 38: a transfer to a team names the team here, so it is kept wherever the handoff is stored (a restart). */
  team?: string;
  /**
   * Session 46 (inbox11, newcomer s46 N11): a transfer names who transferred it and to whom (a colleague's name or "the
   * X team"), so the inbox's timeline says "Transferred by Ann to Bob" rather than a new handoff. Absent before.
   * Session 47 (hostile s47 L2): `byId`, the id of the agent who did it (an admin's rescue: the admin, while the move's
   * actor is the agent the chat left), and `from`, the name of that agent when it is not the one who did it.
   */
  transfer?: TransferWho;
  /**
   * Session 39 (review debt of session 38: how a chat ended was read from the note's words, so an agent's own note
   * hid it): on the move to resolved or cancelled, how it ended (handoffEnding). Absent on transitions stored before
   * session 39 (handoffEnding falls back to the engine's default notes) and on every other move.
   */
  ended?: HandoffEnding;
}

/**
 * How a handoff ended: the agent handed the customer back to the bot (the conversation goes on), the agent closed the
 * chat (the rating first, when the block asks one), or the customer withdrew the request while it waited in the queue.
 */
export const handoffEndings = ['handback', 'closed', 'withdrawn'] as const;
export type HandoffEnding = (typeof handoffEndings)[number];

/**
 * Why a chat went back to the queue from its agent. Refusals (requeueIsRefusal): she declined it, transferred it, or
 * did not open or answer it in time: it is not given to her again automatically. The others are put-backs that are no
 * refusal: she went offline (chosen, or inactive), signed out giving her chats back, was removed from the team, or
 * stayed away past the grace: once back she may be given the chat again.
 */
/**
 * Who transferred a chat, to whom (names), and (session 47, hostile s47 L2) the id of who did it and, for an admin's
 * rescue of a chat another agent held, that agent's name (`from`).
 */
export interface TransferWho {
  by: string;
  to: string;
  byId?: string;
  from?: string;
}

export const requeueCauses = ['declined', 'transfer', 'not_opened', 'not_answered', 'away', 'went_offline', 'signed_out', 'removed'] as const;
export type RequeueCause = (typeof requeueCauses)[number];
export function requeueIsRefusal(cause: RequeueCause): boolean {
  return cause === 'declined' || cause === 'transfer' || cause === 'not_opened' || cause === 'not_answered';
}

/** What makes a handoff move. */
export type HandoffAction =
  | { type: 'assign'; agentId: string; agentName: string }
  /** The agent declines, or transfers the chat back to the queue. */
  | { type: 'requeue'; note?: string; cause?: RequeueCause; team?: string; transfer?: TransferWho }
  /** The agent finished (handed back to the bot or closed the chat). */
  | { type: 'resolve'; note?: string; ended?: 'handback' | 'closed' }
  /** Waited too long. */
  | { type: 'expire' }
  /** No one can take it (no agent, out of hours). */
  | { type: 'reject'; note?: string }
  /** The customer left. */
  | { type: 'cancel'; note?: string; ended?: 'withdrawn' };

export interface Handoff {
  id: string;
  conversationId: string;
  blockId: string;
  assignation: Assignation;
  status: HandoffStatus;
  agentId: string | null;
  agentName: string | null;
  /** Why the bot handed over: an escalation reason, or 'flow' when the flow reached the block. */
  reason: EscalationReason | 'flow';
  priority: Priority;
  requestedAt: number;
  /** When the queue timeout fires (ms since epoch). */
  deadline: number;
  transitions: HandoffTransition[];
  /**
   * Session 29 (newcomer s28 N6): false while an automatically assigned agent has not opened the chat yet (the customer
   * was told she "will be with you shortly"); true once she has. Absent: she accepted the chat herself (or a state
   * saved before this field), so she is there.
   */
  joined?: boolean;
  /**
   * Session 46 (ui10, newcomer s45 N4): the agent holding the chat opened it (read it in her inbox) while `joined` is
   * still false: she has seen it, but the customer is not told she joined until she writes (Chatwoot and Intercom say
   * nothing to the customer when an agent opens or is given a chat; the agent's first reply is her arrival). Opening then
   * declining no longer reads "Bob has joined the chat" then "I am finding someone else". Absent: not opened, or joined.
   */
  opened?: true;
  /**
   * Session 45 (ui9): an agent wrote to the customer during this handoff (set at the first agent message; absent until
   * then, and in a state saved before this field). A hand back with no word from the agent is not a resolved chat.
   */
  agentWrote?: true;
}

export interface AgentPresence {
  id: string;
  name: string;
  status: 'online' | 'away' | 'offline';
  skills: string[];
  languages: string[];
  teams: string[];
  /** Chats this agent is handling now. */
  activeChats: number;
  /** When this agent was last given a chat (ms since epoch); round robin prefers the longest idle. */
  lastAssignedAt: number | null;
}

export interface AssignmentRequest {
  strategy: 'round_robin' | 'least_busy';
  maxChatsPerAgent: number;
  /** Empty string = any. */
  skill: string;
  language: string;
  /** Allowed teams / agent ids (empty = any). */
  teams: string[];
  agents: string[];
}

export interface AssignmentResult {
  agent: AgentPresence | null;
  /** Why this agent, or why no one (e.g. "2 online agents have the skill 'billing' but both are at their limit of 3 chats"). */
  explanation: string;
}
