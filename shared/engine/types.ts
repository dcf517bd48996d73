/**
 * Contract of the conversation engine. `start(flow, ctx)` and `receive(flow, state, input, ctx)` are pure:
 * they return a `Step` (new state, messages, effects) and never do I/O. Every type here is plain JSON.
 */
import type { Assignation, EscalationReason, Priority, Value } from '../flow/schema';
import type { EscalationDecision, EscalationMemory, Signal } from '../escalation/types';
import type { AgentPresence, Handoff, RequeueCause } from '../handoff/types';
import type { Entity } from '../nlu/types';

import type { z } from 'zod';
import type {
  conversationStateSchema,
  timerSchema,
  transcriptEntrySchema,
  waitingSchema,
} from './conversationStateSchema';

/** The state types are inferred from the strict schema in conversationStateSchema.ts: one source of truth. */
export type ConversationState = z.infer<typeof conversationStateSchema>;
export type ConversationMode = ConversationState['mode'];
export type Waiting = z.infer<typeof waitingSchema>;
export type Timer = z.infer<typeof timerSchema>;
export type TranscriptEntry = z.infer<typeof transcriptEntrySchema>;
export type IntentRecord = ConversationState['intents'][number];

export interface Button {
  id: string;
  label: string;
}

/** A message to show, produced by a step (also returned as a transcript entry). */
export interface OutMessage {
  from: 'bot' | 'agent' | 'system';
  text: string;
  blockId?: string;
  name?: string;
  buttons?: Button[];
}

/**
 * Every agent/runtime event about a handoff names the handoff it is about and carries a unique event id:
 * an event for an older handoff, or one already applied (a retried delivery), is refused (`Step.rejected`).
 */
export interface HandoffEventIds {
  handoffId: string;
  eventId: string;
}

export type Input =
  | { type: 'text'; text: string }
  /** A button click: the id of a button shown by the last bot message. */
  | { type: 'choice'; buttonId: string }
  | { type: 'timer'; timerId: string }
  | { type: 'http_result'; requestId: string; ok: boolean; status: number; body: unknown }
  /**
   * An agent has the chat: she accepted it, or (`auto: true`) the runtime's automatic assignment gave it to her. Session
   * 29 (newcomer s28 N6): an automatic assignment does not mean she has seen it yet, so the customer is told the block's
   * assignedSoonMessage ("Ann will be with you shortly.") and the handoff records `joined: false`, until `agent_joined`
   * (she opened the chat) or her first message says the block's assignedMessage ("Ann has joined the chat.").
   */
  | ({ type: 'agent_accepted'; agentId: string; agentName: string; auto?: boolean } & HandoffEventIds)
  /** Session 29 (newcomer s28 N6): the agent an automatic assignment chose opened the chat (once; see `auto` above). */
  | ({ type: 'agent_joined'; agentId: string } & HandoffEventIds)
  /**
   * Session 46 (ui10, newcomer s45 N4): the agent a chat was given to (automatically, or by a transfer) opened it in her
   * inbox: recorded (`opened`), nothing said to the customer; the joined line comes with her first message.
   */
  | ({ type: 'agent_opened'; agentId: string } & HandoffEventIds)
  /** `secretsHidden`: what the server already masked in `text` (runtime/agents/agentWords.ts), kept on its transcript entry. */
  | ({ type: 'agent_message'; agentId: string; agentName?: string; text: string; secretsHidden?: ('card' | 'password' | 'pin')[] } & HandoffEventIds)
  /** The agent declines or transfers the chat back to the queue. */
  /** `transfer`: a deliberate transfer; the customer is told who moves them where (not "finding someone else"). */
  /**
   * Session 38: `cause`, why it went back (stored on the transition; absent: `transfer` when `transfer` is given, else
   * `declined`); `team`, the team a transfer sends it to (stored too, so the team survives a restart).
   */
  /**
   * Session 41 (newcomer s40 N2): `nobodyElse`, set by the runtime when the agent gives the chat back (went offline,
   * signed out) and nobody else signed in may take it: the customer is not told "finding someone else"; the chat leaves
   * the queue at once by the block's No agent exit (its Timeout exit when No agent is not wired), as a takeover that
   * finds nobody at request time does.
   */
  | ({ type: 'agent_declined'; agentId: string; note?: string; transfer?: { by: string; to: string; byId?: string; from?: string }; cause?: RequeueCause; team?: string; nobodyElse?: true } & HandoffEventIds)
  /** The agent hands the conversation back to the bot: the flow follows `resolved`. */
  /**
   * `closes` (session 39): the agent resolved the chat and the block rates resolved chats, so it goes back to the bot's
   * Rating and then ends: recorded as closed by the agent (the handoff's `ended`), not handed back.
   */
  | ({ type: 'agent_handback'; agentId: string; note?: string; closes?: true } & HandoffEventIds)
  /** The agent closes the conversation. */
  | ({ type: 'agent_closed'; agentId: string; note?: string } & HandoffEventIds)
  /**
   * An agent takes over a live bot conversation that never asked for a person (bot mode only): a handoff is
   * created and assigned to this agent at once, the bot pauses. Handback resumes the block the bot waited at.
   */
  | { type: 'agent_takeover'; agentId: string; agentName: string; eventId: string }
  /** The runtime found no agent who can take the chat. */
  | ({ type: 'no_agent'; note?: string } & HandoffEventIds)
  /** The customer left (closed the widget, timed out on the channel). */
  | { type: 'customer_left' };

export interface HandoffContext {
  /** The recent transcript (the state's window); the runtime may attach its full log instead. */
  transcript: TranscriptEntry[];
  intents: IntentRecord[];
  entities: Entity[];
  variables: Record<string, Value>;
  reason: EscalationReason | 'flow';
  signals: Signal[];
  /** A short summary an agent can read in five seconds. */
  summary: string;
  /** What the agent will probably need to do. */
  suggestedResolution: string;
}

/**
 * What the runtime must carry out. Every effect has an `idempotencyKey`, stable when the same input is
 * replayed on the same persisted state (`${conversationId}:${state.step}:${index}`): a runtime that crashed
 * between carrying out an effect and recording it skips keys it has already done, so nothing is sent twice.
 */
export type Effect = EffectBody & { idempotencyKey: string };

/**
 * ASSIGNMENT: the runtime assigns, the engine requests. `handoff_request` says who may take the chat
 * (assignation, teams, agents, skill, language, and `autoAssign` when the block wants the runtime to pick
 * an online agent itself); the runtime answers with `agent_accepted` (or `no_agent`). Emails and Slack
 * messages about a handoff are ONLY `notify` effects (one source of truth).
 *
 * SECRETS: `{{secrets.NAME}}` in an HTTP block's url/headers or a notify target is left verbatim; the
 * effect lists the names in `secretRefs` and the runtime fills them with `fillSecrets` (secrets.ts).
 */
export type EffectBody =
  | {
      type: 'handoff_request';
      handoff: Handoff;
      context: HandoffContext;
      assignation: Assignation;
      priority: Priority;
      skill: string;
      language: string;
      teams: string[];
      agents: string[];
      autoAssign: { strategy: 'round_robin' | 'least_busy'; maxChatsPerAgent: number } | null;
    }
  /** The handoff record changed (assigned, requeued, resolved, expired, rejected, cancelled). */
  | {
      type: 'handoff_update';
      handoff: Handoff;
      /**
       * Session 43 (policy1, hostile s42 L6): the handoff's context made again, when what the agent is told changed while
       * the chat waits or is with a person (a reference the customer typed then). The runtime stores it in place of the
       * request's context. Absent: the context is as requested.
       */
      context?: HandoffContext;
    }
  /** A customer message to pass to the agent (or queue) while waiting / with an agent. */
  | { type: 'relay_to_agent'; handoffId: string; text: string }
  | { type: 'notify'; channel: 'email' | 'slack' | 'webhook'; to: string[]; subject: string; text: string; secretRefs: string[] }
  | { type: 'set_timer'; timer: Timer }
  | { type: 'cancel_timer'; timerId: string }
  | {
      type: 'http_request';
      requestId: string;
      method: string;
      /** Template values are percent-encoded where they land (path segment, query value). */
      url: string;
      /** Header values never contain line breaks. */
      headers: Record<string, string>;
      /** For a JSON body, built as JSON (template values are JSON string values). */
      body: string;
      /** How `body` was built from its template (and how a secret in it is escaped). */
      bodyFormat: 'json' | 'form' | 'text';
      timeoutMs: number;
      /** `{{secrets.NAME}}` names left verbatim in url/headers/body, for the runtime to fill. */
      secretRefs: string[];
    }
  | {
      type: 'create_ticket';
      /** Unique id (`<conversation id>:T<n>`): the store's key. */
      ticketId: string;
      /** What the customer is told and quotes back, e.g. "T-12184D37" (the `ticketId` variable). */
      number: string;
      contact: { name: string | null; email: string | null; phone: string | null };
      issue: string;
      priority: Priority;
      summary: string;
    }
  | {
      type: 'record_csat';
      score: number;
      blockId: string;
      /**
       * Session 16 (hostile s15 H#9 rest): the agent who held the chat when the score was given, when one did. The rating
       * is theirs; the state after the step may already hold a new handoff ("1 star, get me a human").
       */
      agentId?: string;
      agentName?: string;
    }
  | { type: 'end'; reason: 'flow_end' | 'agent_closed' | 'customer_left' };

export interface Step {
  state: ConversationState;
  messages: OutMessage[];
  effects: Effect[];
  /** The escalation decision for this input when one was evaluated (customer text in bot mode). */
  decision: EscalationDecision | null;
  /** Blocks visited during this step, in order (for the simulator's trace). */
  visited: string[];
  /** Transcript entries this step adds, in order: the runtime appends them to its log (the state keeps a window). */
  transcript: TranscriptEntry[];
  /** Set when the input was refused (stale or duplicate event, wrong state): nothing was applied. */
  rejected: { reason: string } | null;
}

export interface EngineContext {
  /** Current time, ms since epoch. The engine never reads a clock. */
  now: number;
  /** Conversation id for `start` (ignored by `receive`): globally unique, given by the runtime. */
  conversationId?: string;
  /**
   * Agents' presence, when the caller knows it: lets a Human Takeover block leave by `no_agent` at once and
   * estimate the wait. The engine never assigns from it (the runtime assigns; see `handoff_request`).
   */
  agents?: AgentPresence[];
  /**
   * Handoffs already waiting for a person (any flow), when the caller knows them: the wait estimate counts the
   * ones in the same pool (teams overlap) with the same or a higher priority, like the runtime's queue updates.
   */
  queue?: QueuedHandoff[];
}

/** A waiting handoff, as far as the wait estimate needs it. */
export interface QueuedHandoff {
  teams: string[];
  priority: string;
}

/** Thrown for programming errors (e.g. a flow that did not pass validation); never for customer input. */
export class EngineError extends Error {
  constructor(
    message: string,
    readonly blockId?: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}
