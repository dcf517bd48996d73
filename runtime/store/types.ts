/**
 * The runtime's storage contract. `baton serve` talks to storage only through `RuntimeStore`; the embedded
 * implementation (lmdb, `embeddedStore.ts`) and the Redis one both pass `runStoreContract` in
 * test/server/storeContract.ts.
 *
 * Rules every implementation keeps:
 * - `commit` is atomic and durable: when its promise resolves, everything in the `StepWrite` is on disk (or in
 *   Redis with its persistence), or nothing is. Group commit is allowed (many commits, one fsync).
 * - Transcript/push entries get consecutive `seq` numbers per conversation, starting at 1, assigned by the
 *   store inside the commit; never reused, never reordered.
 * - `runExclusive(conversationId, fn)` runs `fn` while no other `runExclusive` for the same conversation runs,
 *   in this process or (Redis) any other instance. Callers read, step the engine and commit inside it.
 * - Everything is plain JSON: states are opaque to the store (it never looks inside `state`).
 */

/** A message or status event in a conversation's append-only log (what the API and push channel return). */
export interface LogEntry {
  /** Unique id: `${conversationId}:${seq}`. */
  id: string;
  seq: number;
  /** 'system' for status events and system notes. */
  from: 'bot' | 'customer' | 'agent' | 'system';
  text: string;
  buttons?: Array<{ id: string; label: string }>;
  /** Agent display name. */
  name?: string;
  /** ms since epoch. */
  at: number;
  /** Present on status events (mode changes, handoff updates). */
  /** `handoff.joined`: false while an automatically assigned agent has not opened the chat, true once she has (newcomer s28 N6). */
  status?: { mode: string; handoff?: { id: string; status: string; reason: string; joined?: boolean; ended?: 'handback' | 'closed'; /** Session 46 (inbox11): back in the queue by this transfer. */ transfer?: { by: string; to: string } } };
  /** The customer's answer to a Rating block (the engine's transcript mark, session 16). */
  rating?: true;
  /** A customer message the bot did not understand (the engine's transcript mark, session 26: the handoff summary's "Also unanswered"). */
  unanswered?: true;
  /** An agent's message in which a card number, password or PIN was masked: the kinds (session 19, newcomer s17 #7). */
  secretsHidden?: string[];
}

/** A log entry before the store numbers it. */
export type NewLogEntry = Omit<LogEntry, 'id' | 'seq'>;

export interface ConversationRecord {
  id: string;
  flowId: string;
  /** The flow revision this conversation is pinned to (see `FlowRevisionRecord`). */
  flowRevision: string;
  /** sha256 hex of the customer token (the token itself is never stored). */
  tokenHash: string;
  /** Engine state (JSON), opaque to the store. */
  state: unknown;
  mode: 'bot' | 'waiting' | 'agent' | 'closed';
  /** Last seq appended to the log (0 when empty). Maintained by the store. */
  lastSeq: number;
  createdAt: number;
  updatedAt: number;
  /** Set when mode became 'closed'; used by `pruneClosed`. */
  closedAt: number | null;
  /** Channel-specific key (e.g. `rasa:<sender>`) mapped to this conversation; unique. */
  externalKey?: string;
  /** Channels that deliver on the customer's next call (Rasa REST): last seq already delivered. */
  channelCursor?: number;
  /**
   * The customer of the chat's agent was told she is away (runtime/agents/agentHub.ts requeueLeftChats): which handoff
   * and agent, when, and whether it was the restart's "reconnecting" line. Absent once she is back. Read after a
   * restart (or by another leader) so the line is not said twice and the away grace counts from it (hostile s28 H12).
   */
  agentAway?: { handoffId: string; agentId: string; at: number; reconnecting: boolean };
  /**
   * Session 47 (apisec2): what the page said about the visitor when the chat started, and whether a signed identity
   * token vouched for it (runtime/server/startDetails.ts). The agent inbox marks a variable verified while its value is
   * still the signed one. Absent: the page passed nothing.
   */
  visitor?: VisitorDetails;
}

/** Where the details a chat started with came from (ConversationRecord.visitor). */
export interface VisitorDetails {
  /** The website's id of the visitor (the token's `sub`); absent without a valid token. */
  subject?: string;
  /** The token's signed values, by variable name. */
  signed?: Record<string, string | number | boolean | null>;
  /** When the token expired (ms); the facts stay verified for this conversation. */
  expiresAt?: number;
  /** Values the page passed without a signature (the visitor's word), by variable name. */
  unsigned?: Record<string, string | number | boolean | null>;
}

/** A timer stored by deadline. `key` is unique (e.g. `${conversationId}:${timerId}`). */
export interface TimerRecord {
  key: string;
  conversationId: string;
  /** The engine's timer id, or a runtime id such as `http:<requestId>`. */
  timerId: string;
  /** Deadline, ms since epoch. */
  at: number;
  /** What to feed the engine when it fires (runtime-defined JSON). */
  payload?: unknown;
}

/** An effect that leaves the process (notify, webhook, HTTP request), retried with backoff. */
export interface OutboxItem {
  /** The effect's idempotency key: enqueueing an id that exists (or existed and was done) is a no-op. */
  id: string;
  conversationId: string;
  kind: string;
  payload: unknown;
  attempts: number;
  /** Next attempt not before this time (ms since epoch). */
  nextAt: number;
  lastError: string | null;
  status: 'pending' | 'done' | 'dead';
  createdAt: number;
}

/** A handoff in the queue (the live-handoff issue builds agents on this). `handoff` is the engine's record. */
export interface HandoffRecord {
  id: string;
  conversationId: string;
  flowId: string;
  status: string;
  priority: string;
  requestedAt: number;
  updatedAt: number;
  /** The engine's handoff request effect (context, skill, language...) and latest handoff record, as JSON. */
  request: unknown;
  handoff: unknown;
}

/** Tickets and CSAT scores, listed by the admin API. */
export interface RecordItem {
  id: string;
  kind: 'ticket' | 'csat';
  conversationId: string;
  flowId: string;
  at: number;
  data: unknown;
}

/** A stored response for a client idempotency key, scoped by the caller (e.g. `${conversationId}:${key}`). */
export interface IdempotencyRecord {
  key: string;
  /** Hash of the request body, so a reused key with another body is refused. */
  requestHash: string;
  response: unknown;
  at: number;
  /**
   * The response is the step's part only: HTTP request blocks the step started are still being called (the whole
   * answer replaces this record when they are done). A retry on another instance is asked to wait (409 + Retry-After).
   */
  pending?: boolean;
}

export interface FlowRevisionRecord {
  flowId: string;
  revision: string;
  /** The flow document (JSON). */
  flow: unknown;
  deployedAt: number;
}

/** Everything one engine step changes, written atomically by `commit`. */
export interface StepWrite {
  /** The conversation after the step. `lastSeq` is ignored (the store maintains it). */
  conversation: ConversationRecord;
  /** True when creating: the commit fails with `StoreConflictError` if the id (or externalKey) exists. */
  create?: boolean;
  append?: NewLogEntry[];
  setTimers?: TimerRecord[];
  /** Timer keys to remove (fired or cancelled). Unknown keys are ignored. */
  cancelTimers?: string[];
  outbox?: Array<Omit<OutboxItem, 'attempts' | 'lastError' | 'status'>>;
  handoffs?: HandoffRecord[];
  records?: RecordItem[];
  idempotency?: IdempotencyRecord;
}

export interface CommitResult {
  /** The appended entries with their seq numbers. */
  appended: LogEntry[];
  lastSeq: number;
}

export class StoreConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreConflictError';
  }
}

export interface RuntimeStore {
  /** Human-readable name for logs, e.g. "lmdb at ./baton-data". */
  readonly description: string;

  /* flows */
  putFlowRevision(rec: FlowRevisionRecord): Promise<void>;
  getFlowRevision(flowId: string, revision: string): Promise<FlowRevisionRecord | null>;
  /** The revision new conversations use. */
  setActiveRevision(flowId: string, revision: string): Promise<void>;
  getActiveRevision(flowId: string): Promise<string | null>;

  /* conversations */
  getConversation(id: string): Promise<ConversationRecord | null>;
  findByExternalKey(externalKey: string): Promise<ConversationRecord | null>;
  /** Log entries with seq > afterSeq, in order, at most `limit` (default 1000). */
  readLog(conversationId: string, afterSeq: number, limit?: number): Promise<LogEntry[]>;
  commit(write: StepWrite): Promise<CommitResult>;
  /** Serialises work on one conversation (see file comment). */
  runExclusive<T>(conversationId: string, fn: () => Promise<T>): Promise<T>;
  /** Conversations by mode (for metrics and readiness). */
  countByMode(): Promise<Record<'bot' | 'waiting' | 'agent' | 'closed', number>>;
  /** Every conversation in one mode (unordered; the agent live list sorts and pages them). */
  listByMode(mode: ConversationRecord['mode']): Promise<ConversationRecord[]>;
  /**
   * Deletes conversations closed before `before` with their log, timers and handoffs; also idempotency records and
   * finished (done/dead) outbox items older than `before`. Tickets and CSAT are kept. Returns how many conversations.
   */
  pruneClosed(before: number): Promise<number>;

  /* idempotency */
  getIdempotency(key: string): Promise<IdempotencyRecord | null>;

  /**
   * Session 48 (apisec3): a key that may be used once until `until` (ms), such as a signed identity token's id (a token
   * starts one chat). True when the key was free (never used, or used with a time now past) and is now held until
   * `until`; false when it is held: across every instance sharing the store, and across restarts. Keys past their
   * time are dropped by the store itself (embedded: a few at each claim; Redis: key expiry).
   */
  claimOnce(key: string, until: number, now: number): Promise<boolean>;

  /* timers */
  /**
   * Timers due at `now` (at <= now), earliest first, at most `limit`, that no one has claimed in the last
   * `leaseMs`. Claimed timers are hidden from other callers until the lease runs out (a crashed claimer's
   * timers come back). A fired timer is removed by the commit of its step (`cancelTimers`).
   */
  claimDueTimers(now: number, limit: number, leaseMs: number): Promise<TimerRecord[]>;
  /** Earliest deadline of any timer, or null. */
  nextTimerAt(): Promise<number | null>;

  /* outbox */
  /** Pending items with nextAt <= now, claimed like timers. */
  claimOutbox(now: number, limit: number, leaseMs: number): Promise<OutboxItem[]>;
  completeOutbox(id: string, now: number): Promise<void>;
  /** Records a failed attempt: retry at `nextAt`, or mark dead when `nextAt` is null. */
  failOutbox(id: string, error: string, nextAt: number | null): Promise<void>;
  getOutbox(id: string): Promise<OutboxItem | null>;

  /* handoffs and records */
  getHandoff(id: string): Promise<HandoffRecord | null>;
  listHandoffs(filter?: { status?: string; flowId?: string }): Promise<HandoffRecord[]>;
  listRecords(kind: 'ticket' | 'csat', filter?: { flowId?: string }): Promise<RecordItem[]>;

  /* push */
  /** Called with entries appended to this conversation after they are durable (any instance, for Redis). */
  subscribe(conversationId: string, listener: (entries: LogEntry[]) => void): () => void;

  close(): Promise<void>;

  /* ---- added by helper "shared" (session 3): what several instances share beyond this contract ---- */
  /**
   * Agent presence, notes, assignment inputs, leadership and agent events shared by every instance using this
   * store (runtime/store/sharedState.ts). Optional: without it the runtime keeps them in this process
   * (`MemorySharedState`), which is right for a store only one process uses (the embedded one).
   */
  sharedState?(): import('./sharedState').SharedState;
}

/** Every conversation mode, in lifecycle order (stores keep one index or set per mode). */
export const conversationModes: ConversationRecord['mode'][] = ['bot', 'waiting', 'agent', 'closed'];
