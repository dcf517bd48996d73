/**
 * Contract of the conversation engine. `start(flow, ctx)` and `receive(flow, state, input, ctx)` are pure:
 * they return a `Step` (new state, messages, effects) and never do I/O. Every type here is plain JSON.
 */
import type { Assignation, EscalationReason, Priority, Value } from '../flow/schema';
import type { EscalationDecision, EscalationMemory, Signal } from '../escalation/types';
import type { AgentPresence, Handoff } from '../handoff/types';
import type { Entity } from '../nlu/types';

export type ConversationMode = 'bot' | 'waiting' | 'agent' | 'closed';

export interface Button {
  id: string;
  label: string;
}

export interface TranscriptEntry {
  from: 'customer' | 'bot' | 'agent' | 'system';
  text: string;
  at: number;
  blockId?: string;
  /** Agent's display name for `from: 'agent'`. */
  name?: string;
  buttons?: Button[];
}

/** A message to show, produced by a step (also appended to the transcript). */
export interface OutMessage {
  from: 'bot' | 'agent' | 'system';
  text: string;
  blockId?: string;
  name?: string;
  buttons?: Button[];
}

/** What the engine is waiting for at `blockId`. */
export type Waiting =
  | { kind: 'input'; blockId: string; retries: number }
  /** Graduated escalation offered a person: buttons 'person' / 'bot'. */
  | { kind: 'offer'; blockId: string; retries: number; reason: EscalationReason }
  /** Human takeover is collecting details before handing over (default/custom modes). */
  | {
      kind: 'takeover_question';
      blockId: string;
      field: 'name' | 'email' | 'reason';
      retries: number;
      /** The escalation reason that brought the conversation here (absent when the flow simply reached the block). */
      reason?: EscalationReason;
    }
  /** Ticket block collecting details. */
  | { kind: 'ticket_question'; blockId: string; field: 'email' | 'issue'; retries: number }
  /** Human takeover: in the queue or with an agent. */
  | { kind: 'handoff'; blockId: string }
  /** HTTP request effect issued; waiting for its result. */
  | { kind: 'http'; blockId: string; requestId: string }
  /** After the chat ended with restart buttons. */
  | { kind: 'restart'; blockId: string };

export interface Timer {
  id: string;
  purpose: 'queue_timeout' | 'waiting_email';
  at: number;
}

export interface IntentRecord {
  name: string;
  confidence: number;
  turn: number;
}

export interface ConversationState {
  /** State format version (for persisted conversations). */
  v: 1;
  id: string;
  flowId: string;
  mode: ConversationMode;
  waiting: Waiting | null;
  variables: Record<string, Value>;
  transcript: TranscriptEntry[];
  /** Number of customer messages so far (the next customer turn's 0-based index). */
  turn: number;
  intents: IntentRecord[];
  entities: Entity[];
  escalation: EscalationMemory;
  /** The last decision that did something (rephrase, offer, handoff). */
  lastEscalation: EscalationDecision | null;
  handoff: Handoff | null;
  timers: Timer[];
  /** Counter used to make ids (handoffs, timers, requests) deterministic. */
  seq: number;
  startedAt: number;
  updatedAt: number;
}

export type Input =
  | { type: 'text'; text: string }
  /** A button click: the id of a button shown by the last bot message. */
  | { type: 'choice'; buttonId: string }
  | { type: 'timer'; timerId: string }
  | { type: 'http_result'; requestId: string; ok: boolean; status: number; body: unknown }
  | { type: 'agent_accepted'; agentId: string; agentName: string }
  | { type: 'agent_message'; agentId: string; agentName?: string; text: string }
  /** The agent declines or transfers the chat back to the queue. */
  | { type: 'agent_declined'; agentId: string; note?: string }
  /** The agent hands the conversation back to the bot: the flow follows `resolved`. */
  | { type: 'agent_handback'; agentId: string; note?: string }
  /** The agent closes the conversation. */
  | { type: 'agent_closed'; agentId: string; note?: string }
  /** The runtime found no agent who can take the chat. */
  | { type: 'no_agent'; note?: string }
  /** The customer left (closed the widget, timed out on the channel). */
  | { type: 'customer_left' };

export interface HandoffContext {
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

export type Effect =
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
      notifyEmails: string[];
      autoAssign: { strategy: 'round_robin' | 'least_busy'; maxChatsPerAgent: number } | null;
    }
  /** The handoff record changed (assigned, requeued, resolved, expired, rejected, cancelled). */
  | { type: 'handoff_update'; handoff: Handoff }
  /** A customer message to pass to the agent (or queue) while waiting / with an agent. */
  | { type: 'relay_to_agent'; handoffId: string; text: string }
  | { type: 'notify'; channel: 'email' | 'slack' | 'webhook'; to: string[]; subject: string; text: string }
  | { type: 'set_timer'; timer: Timer }
  | { type: 'cancel_timer'; timerId: string }
  | {
      type: 'http_request';
      requestId: string;
      method: string;
      url: string;
      headers: Record<string, string>;
      body: string;
      timeoutMs: number;
    }
  | {
      type: 'create_ticket';
      ticketId: string;
      contact: { name: string | null; email: string | null; phone: string | null };
      issue: string;
      priority: Priority;
      summary: string;
    }
  | { type: 'record_csat'; score: number; blockId: string }
  | { type: 'end'; reason: 'flow_end' | 'agent_closed' | 'customer_left' };

export interface Step {
  state: ConversationState;
  messages: OutMessage[];
  effects: Effect[];
  /** The escalation decision for this input when one was evaluated (customer text in bot mode). */
  decision: EscalationDecision | null;
  /** Blocks visited during this step, in order (for the simulator's trace). */
  visited: string[];
}

export interface EngineContext {
  /** Current time, ms since epoch. The engine never reads a clock. */
  now: number;
  /** Conversation id for `start` (ignored by `receive`). */
  conversationId?: string;
  /** Agents' presence, when the caller knows it: enables `no_agent` at once and auto-assignment. */
  agents?: AgentPresence[];
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
