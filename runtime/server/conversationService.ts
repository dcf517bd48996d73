/**
 * Drives `shared/engine` for the runtime: one conversation's inputs run one at a time (`store.runExclusive`),
 * each Step is committed atomically and durably before anyone is answered, then effects that leave the process
 * are carried out (HTTP request blocks at once, notifications through the outbox).
 */
import { hash, randomBytes, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { receive, start } from '../../shared/engine/engine';
import type { Input, QueuedHandoff } from '../../shared/engine/types';
import type { AgentPresence } from '../../shared/handoff/types';
import { parseConversationState, STATE_VERSION, WINDOW_SIZE } from '../../shared/engine/conversationStateSchema';
import { builtinVariables } from '../../shared/flow/builtinVariables';
import { pageVariableRules } from '../../shared/flow/pageVariables';
import { startDetails, type IdentitySettings } from './startDetails';

/** No identity secret: a token is refused as not checkable, unsigned details are the visitor's word (as before session 47). */
const NO_IDENTITY: IdentitySettings = { secrets: [], unsigned: 'keep' };
import type { Flow, Value } from '../../shared/flow/schema';
import { planStep, requestedHandoffs, type EngineStep, type HttpJob } from '../effects/planStep';
import type { ConversationRecord, HandoffRecord, LogEntry, RuntimeStore, StepWrite } from '../store/types';
import { StoreConflictError } from '../store/types';
import type { DeployedFlow, FlowCatalog } from './flowCatalog';
import type { RuntimeMetrics } from './metrics';
import { engineFailureStep, isCustomerInput } from './engineFailure';

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface HttpPerformer {
  /** Carries out an HTTP request block's call; never throws (failures are `ok: false`). */
  performHttp(job: HttpJob): Promise<{ ok: boolean; status: number; body: unknown }>;
  /** New outbox items were committed: send them soon. */
  kick(): void;
}

export interface PublicHandoff {
  id: string;
  status: string;
  reason: string;
}

export interface StepOutcome {
  mode: ConversationRecord['mode'];
  /** Entries this request appended (customer's own message excluded). */
  messages: LogEntry[];
  handoff: PublicHandoff | null;
  lastSeq: number;
}

// One-shot hashing (crypto.hash, Node >= 20.12): no Hash object per request. createHash() made a native-backed
// object on every message (~1.5% of baton serve's CPU under load with the GC work it leaves behind).
const hashToken = (token: string) => hash('sha256', token, 'hex');
export const hashBody = (body: unknown) => hash('sha256', JSON.stringify(body ?? null), 'hex');

/**
 * Equality of two hex digests in constant time: every character is compared whatever differs first (the lengths
 * are public: a sha256 hex digest is always 64 characters). Same guarantee as crypto.timingSafeEqual on the
 * decoded bytes, without decoding both digests into Buffers on every request.
 */
export function sameDigest(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** A step's outcome as the API answers it (without the HTTP jobs to carry out). */
function answerOf(o: StepOutcome): StepOutcome {
  return { mode: o.mode, messages: o.messages, handoff: o.handoff, lastSeq: o.lastSeq };
}

export function publicHandoff(state: unknown): PublicHandoff | null {
  const h = (state as { handoff?: { id: string; status: string; reason: string } | null }).handoff;
  return h ? { id: h.id, status: h.status, reason: String(h.reason) } : null;
}

/** Label sets of the messages counter, made once (prom-client keeps them as given and never changes them). */
const FROM_LABELS: Record<string, { from: string }> = {
  bot: { from: 'bot' },
  customer: { from: 'customer' },
  agent: { from: 'agent' },
  system: { from: 'system' },
};

/**
 * Counts appended transcript entries (not status lines) in the messages counter, by sender. Session 36 (perf): a run of
 * entries from the same sender is one inc by its length, not one inc per entry (prom-client hashes the labels on every
 * inc: ~1% of the closed path's CPU in messagePath). Same counts, and label sets first met in the same order.
 */
export function countAppended(messages: Pick<RuntimeMetrics['messages'], 'inc'>, appended: readonly { from: string; status?: unknown }[]): void {
  for (let i = 0; i < appended.length; ) {
    const from = appended[i]!.from;
    let n = 0;
    for (; i < appended.length && appended[i]!.from === from; i++) if (!appended[i]!.status) n++;
    if (n > 0) messages.inc(FROM_LABELS[from] ?? { from }, n);
  }
}

/** Waiting kinds that are a question the customer answers by typing. */
const QUESTION_KINDS = new Set(['input', 'offer', 'takeover_question', 'ticket_question']);

/**
 * The engine judged a text a wrong answer: the conversation stays in bot mode at the same question (asked again, or
 * re-entered through its fallback edge, or asked to rephrase), with no hand over or offer of a person. Anything else (an answer taken, another block
 * reached, a hand over or an offer of a person) is not.
 */
function wrongAnswerToSameQuestion(before: unknown, step: EngineStep): boolean {
  const w0 = (before as { waiting?: { kind?: string; blockId?: string } | null }).waiting;
  const w1 = (step.state as { waiting?: { kind?: string; blockId?: string } | null }).waiting;
  const d = step.decision as { action?: string } | null;
  if (d && (d.action === 'handoff' || d.action === 'offer')) return false;
  if (step.state.mode !== 'bot' || !w0 || !w1) return false;
  if (step.effects.length > 0) return false;
  return w1.kind === w0.kind && w1.blockId === w0.blockId;
}

/** No extra writes (a customer message's step); planStep only reads it. */
const NO_EXTRA: Partial<StepWrite> = Object.freeze({});

/** The handoffs a step's `handoff_update` effects refer to, when it has none (most steps): never written to. */
const NO_HANDOFFS: ReadonlyMap<string, HandoffRecord> = new Map();

/** Pinned revisions remembered by the service (a revision id names fixed flow logic, so an entry never goes stale). */
const PINNED_CACHE_LIMIT = 256;
/**
 * How long a stored idempotent answer marked `pending` (its HTTP request blocks not answered yet, on another instance)
 * makes a retry wait (409 + Retry-After) rather than get the step's part: longer than an HTTP request block's longest
 * timeout (120 s, shared/flow/blocks/httpRequest.ts). After it (that instance stopped mid-request), a retry gets the part
 * that was stored.
 */
const IDEMPOTENCY_PENDING_MS = 130_000;

export class ConversationService {
  private http: HttpPerformer | null = null;
  /**
   * `${flowId}@${revision}` -> the deployed flow, as the catalog answered it: a message then steps the engine without
   * waiting for `catalog.pinned` (an async call, a promise and a microtask per message). Bounded; a miss asks the
   * catalog, which reads the store after a restart or a redeploy by another instance.
   */
  private pinnedFlows = new Map<string, DeployedFlow>();
  /**
   * Idempotent sends still waiting for their HTTP request blocks (after the step's commit, outside the lock), by
   * `${conversationId}:${key}`: a retry with the same key waits for that answer instead of reading the stored one, which
   * is only the step's part (hostile s45 M9: three concurrent retries, two answered with no messages). A conversation's
   * messages are all handled by one service (its shard), so this covers one instance; for other instances the stored
   * record is marked `pending` (see `send`).
   */
  private idemInFlight = new Map<string, { requestHash: string; answer: Promise<StepOutcome> }>();
  constructor(
    private deps: {
      store: RuntimeStore;
      catalog: FlowCatalog;
      metrics: RuntimeMetrics;
      logger: Logger;
      now: () => number;
      /** Signed identity (session 47): the secrets tokens are checked with, and what unsigned details get. */
      identity?: IdentitySettings;
    },
  ) {}

  setHttpPerformer(p: HttpPerformer) {
    this.http = p;
  }

  /** Agents' presence for the engine (`ctx.agents`: no_agent at once when nobody can answer, wait estimate). */
  /** Undefined from it: who is online is not known yet (the hub's start-up grace): the engine is given no list. */
  private agents: (() => AgentPresence[] | undefined) | null = null;
  /** Handoffs already waiting (`ctx.queue`: the wait estimate counts the ones ahead, like the hub's queue updates). */
  private queue: (() => QueuedHandoff[]) | null = null;
  /** Told the handoffs each step wrote, once durable (the hub's estimate counts them before it reads them back: hostile s15 H#7). */
  private onHandoffs: ((records: HandoffRecord[]) => void) | null = null;
  setAgentPresence(fn: () => AgentPresence[] | undefined, queue?: () => QueuedHandoff[], onHandoffs?: (records: HandoffRecord[]) => void) {
    this.agents = fn;
    this.queue = queue ?? null;
    this.onHandoffs = onHandoffs ?? null;
  }

  /** The agents and queue the engine reads at a step; nothing when not known (no hub, or its start-up grace). */
  private agentsContext(): { agents?: AgentPresence[]; queue?: QueuedHandoff[] } {
    const agents = this.agents?.();
    if (agents === undefined) return {};
    return { agents, ...(this.queue ? { queue: this.queue() } : {}) };
  }

  /** Checks a customer token against a conversation in constant time. */
  authorize(record: ConversationRecord, token: string | undefined): boolean {
    if (!token) return false;
    return sameDigest(hashToken(token), record.tokenHash);
  }

  async getAuthorized(id: string, token: string | undefined): Promise<ConversationRecord> {
    const rec = await this.deps.store.getConversation(id);
    // Unknown conversation and wrong token look alike to a caller without the token? No: unknown is 404 (the
    // issue says so); a wrong token is 401 and reveals only that the id exists (ids are random UUIDs).
    if (!rec) throw new ApiError(404, 'conversation_not_found', `No conversation "${id}": start one with POST /api/v1/flows/{flowId}/conversations.`);
    if (!this.authorize(rec, token)) {
      throw new ApiError(401, 'invalid_token', 'Send the token you got when the conversation started: "Authorization: Bearer <token>".', 'authorization');
    }
    return rec;
  }

  async create(
    flowId: string,
    opts: { variables?: Record<string, Value>; profile?: { name?: string; email?: string; phone?: string }; identityToken?: string; externalKey?: string } = {},
  ): Promise<StepOutcome & { conversationId: string; token: string }> {
    const deployed = this.deps.catalog.active(flowId);
    if (!deployed) {
      throw new ApiError(404, 'flow_not_found', `No flow "${flowId}" is served here; served flows: ${this.deps.catalog.flowIds().join(', ') || 'none'}.`, 'flowId');
    }
    const now = this.deps.now();
    // Session 47 (apisec2): a signed identity token checked, unsigned details kept or refused (runtime/server/startDetails.ts).
    const details = startDetails(deployed.flow, opts, this.deps.identity ?? NO_IDENTITY, now);
    const flow = withInitialVariables(deployed.flow, details.variables, details.profile);
    // Session 48 (apisec3): a signed identity token starts one chat. Claimed only once everything else about the start
    // was accepted (a refused start does not use the token up), across instances and restarts (the store keeps it
    // until the token expires).
    if (details.tokenUse && !(await this.deps.store.claimOnce(details.tokenUse.key, details.tokenUse.until, now))) {
      throw new ApiError(
        400,
        'identity_used',
        'identityToken: this token has already started a chat; a token starts one chat (a copied token cannot be used again). Nothing was started: start the chat with a new token from your server (one per page view; see docs/runtime.md "Signed identity"), or without one.',
        'identityToken',
      );
    }
    const id = randomUUID();
    const token = randomBytes(24).toString('base64url');
    const step = start(flow, { now, conversationId: id, ...this.agentsContext() } as Parameters<typeof start>[1]) as EngineStep;
    // Initial variables made a derived flow: the conversation still runs on the deployed revision, so the engine
    // must not mistake the difference for a redeploy on the next message.
    if (flow !== deployed.flow) (step.state as { flowRevision?: string }).flowRevision = deployed.revision;
    const record: ConversationRecord = {
      id,
      flowId,
      flowRevision: deployed.revision,
      tokenHash: hashToken(token),
      state: step.state,
      mode: step.state.mode,
      lastSeq: 0,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      ...(opts.externalKey !== undefined ? { externalKey: opts.externalKey } : {}),
      ...(details.visitor ? { visitor: details.visitor } : {}),
    };
    this.noteRequested(step, id, flowId, now, details.visitor);
    const outcome = await this.deps.store.runExclusive(id, () => this.commitStep(record, null, step, now, { create: true }));
    const collected = [...outcome.messages];
    const final = await this.followHttp(id, outcome, collected);
    return { ...final, messages: collected, conversationId: id, token };
  }

  /**
   * A customer message or button click (token already checked by the caller via `getAuthorized`).
   *
   * `channel` (channels that deliver on the customer's next call, the Rasa REST one): the conversation's
   * `channelCursor`, the last entry the customer was shown. A text that arrives while the bot waits for an answer to a
   * question asked after that (it came while the customer was away: the rating question after an agent hands back) was
   * written before the customer saw the question. When the engine would judge it a wrong answer (the same question
   * again, nothing else happening), it is kept in the transcript only: no re-ask, no retry counted, the question
   * stands and goes out with this answer. A text that answers the question, or that the escalation policy acts on
   * ("I want a person"), is applied as usual.
   */
  async send(id: string, input: Input, idempotency?: { key: string; requestHash: string }, channel?: { unseenQuestions: true }): Promise<StepOutcome> {
    const idemKey = idempotency ? `${id}:${idempotency.key}` : null;
    const first = await this.deps.store.runExclusive(id, async () => {
      if (idemKey) {
        const prior = await this.deps.store.getIdempotency(idemKey);
        if (prior) {
          if (prior.requestHash !== idempotency!.requestHash) {
            throw new ApiError(422, 'idempotency_key_reused', `Idempotency-Key "${idempotency!.key}" was already used with a different body; use a new key for a new message.`, 'idempotency-key');
          }
          const inFlight = this.idemInFlight.get(idemKey);
          if (inFlight) return { wait: inFlight.answer };
          if (prior.pending && this.deps.now() - prior.at < IDEMPOTENCY_PENDING_MS) {
            // Answered by another instance that still waits for an HTTP request block: its whole answer is not stored yet.
            throw new ApiError(409, 'idempotency_in_progress', `The first request with Idempotency-Key "${idempotency!.key}" is still being answered (it waits for an HTTP request block); retry it in a moment with the same key.`, 'idempotency-key', { 'Retry-After': '1' });
          }
          return { replay: prior.response as StepOutcome };
        }
      }
      const rec = await this.deps.store.getConversation(id);
      if (!rec) throw new ApiError(404, 'conversation_not_found', `No conversation "${id}".`);
      // A closed conversation is not refused: the engine starts it over (the flow's restart message).
      const hold = channel && input.type === 'text' && (await this.questionUnseen(rec)) ? wrongAnswerToSameQuestion : undefined;
      const outcome = await this.stepAndCommit(rec, input, NO_EXTRA, idemKey ? { key: idemKey, requestHash: idempotency!.requestHash } : undefined, hold);
      return { outcome };
    });
    if ('replay' in first && first.replay) return first.replay;
    if ('wait' in first && first.wait) return first.wait;
    if (!('outcome' in first) || !first.outcome) throw new Error('unreachable');
    // Most messages start no HTTP request block: answer with the step's own outcome (no copies, no extra await).
    if (first.outcome.http.length === 0 || !this.http) return answerOf(first.outcome);
    return this.answerWithHttp(id, first.outcome, idemKey ? { key: idemKey, requestHash: idempotency!.requestHash } : undefined);
  }

  /** The step's answer with its HTTP request blocks' messages; with `idem`, retries wait for it and it is stored. */
  private async answerWithHttp(id: string, outcome: StepOutcome & { http: HttpJob[] }, idem?: { key: string; requestHash: string }): Promise<StepOutcome> {
    const collected = [...outcome.messages];
    const whole = this.followHttp(id, outcome, collected).then((final) => ({ ...final, messages: collected }));
    if (!idem) return whole;
    this.idemInFlight.set(idem.key, { requestHash: idem.requestHash, answer: whole });
    try {
      const answer = await whole;
      // The step's commit stored the answer known then (marked pending): store the whole answer, so a retry gets what
      // this request got.
      await this.deps.store.runExclusive(id, async () => {
        const rec = await this.deps.store.getConversation(id);
        if (rec) await this.deps.store.commit({ conversation: rec, idempotency: { key: idem.key, requestHash: idem.requestHash, response: answer, at: this.deps.now() } });
      });
      return answer;
    } finally {
      this.idemInFlight.delete(idem.key);
    }
  }

  /**
   * Applies a non-customer input (timer fired, HTTP result, agent event) under the conversation's lock.
   * `extra` is merged into the write (e.g. the fired timer's removal). Returns null when the conversation is gone.
   */
  async apply(id: string, input: Input, extra: Partial<StepWrite> = {}): Promise<StepOutcome | null> {
    const outcome = await this.deps.store.runExclusive(id, async () => {
      const rec = await this.deps.store.getConversation(id);
      if (!rec) return null;
      return this.stepAndCommit(rec, input, extra);
    });
    if (!outcome) return null;
    if (outcome.http.length === 0 || !this.http) return answerOf(outcome);
    const collected = [...outcome.messages];
    const final = await this.followHttp(id, outcome, collected);
    return { ...final, messages: collected };
  }

  /**
   * The bot waits for an answer to a question the customer has not been shown (a bot entry after `channelCursor`).
   * Read only for channel messages in bot mode at a question, so the web API's path is unchanged.
   */
  private async questionUnseen(rec: ConversationRecord): Promise<boolean> {
    const st = rec.state as { mode?: string; waiting?: { kind?: string } | null };
    if (rec.mode !== 'bot' || st.mode !== 'bot' || !st.waiting || !QUESTION_KINDS.has(st.waiting.kind ?? '')) return false;
    const cursor = rec.channelCursor ?? 0;
    if (rec.lastSeq <= cursor) return false;
    const unseen = await this.deps.store.readLog(rec.id, cursor, 1000);
    return unseen.some((e) => e.from === 'bot');
  }

  private async stepAndCommit(
    rec: ConversationRecord,
    input: Input,
    extra: Partial<StepWrite>,
    idem?: { key: string; requestHash: string },
    hold?: (before: unknown, step: EngineStep) => boolean,
  ): Promise<StepOutcome & { http: HttpJob[] }> {
    const key = `${rec.flowId}@${rec.flowRevision}`;
    const deployed = this.pinnedFlows.get(key) ?? (await this.pinned(key, rec.flowId, rec.flowRevision));
    if (!deployed) {
      throw new ApiError(409, 'flow_revision_missing', `The flow revision this conversation runs on (${rec.flowId}@${rec.flowRevision}) is no longer stored; start a new conversation.`);
    }
    if ((rec.state as { v?: number }).v !== STATE_VERSION) {
      // Stored by an older engine: migrate (checked against the strict state schema) before stepping.
      const parsed = parseConversationState(rec.state);
      if (!parsed.ok) throw new ApiError(409, 'state_unreadable', `This conversation's stored state cannot be resumed (${parsed.error}); start a new conversation.`);
      rec = { ...rec, state: parsed.state };
    }
    const now = this.deps.now();
    let step: EngineStep;
    try {
      step = receive(deployed.flow, rec.state as never, input, { now, conversationId: rec.id, ...this.agentsContext() } as Parameters<typeof receive>[3]) as EngineStep;
    } catch (err) {
      // The engine failed on a customer message (a bug): the customer gets an apology, their message is kept in the
      // transcript and the state is left as it was (runtime/server/engineFailure.ts); other inputs keep their error.
      if (!isCustomerInput(input)) throw err;
      this.deps.logger.error({ err, conversationId: rec.id, flowId: rec.flowId, flowRevision: rec.flowRevision, input: input.type }, 'engine failed on a customer message');
      step = engineFailureStep(deployed.flow, rec.state, input, now);
    }
    if (step.rejected) {
      if (extra.cancelTimers?.length) await this.deps.store.commit({ conversation: rec, cancelTimers: extra.cancelTimers });
      throw new ApiError(409, 'input_rejected', step.rejected.reason);
    }
    if (hold?.(rec.state, step)) {
      // Written before the customer saw the question (see `send`): kept in the transcript, the step discarded.
      const held = (step.transcript ?? []).filter((e) => e.from === 'customer');
      const own = held.map((e) => ({ from: 'customer' as const, text: e.text, at: e.at }));
      // Hostile s9 #11: also in the state's recent transcript, the one a later handoff's context carries to the agent,
      // email, webhooks and tickets (one turn per customer entry, as the handoff context lines them up); nothing else.
      const prior = rec.state as { recentTranscript: unknown[]; turn: number };
      const state = { ...prior, recentTranscript: [...prior.recentTranscript, ...held].slice(-WINDOW_SIZE), turn: prior.turn + held.length };
      const result = await this.deps.store.commit({ conversation: { ...rec, state, updatedAt: now }, append: own });
      for (let i = 0; i < result.appended.length; i++) this.deps.metrics.messages.inc(FROM_LABELS.customer ?? { from: 'customer' });
      return { mode: rec.mode, messages: [], handoff: publicHandoff(rec.state as never), lastSeq: result.lastSeq, http: [] };
    }
    this.noteRequested(step, rec.id, rec.flowId, now, rec.visitor);
    return this.commitStep(rec, rec.state as never, step, now, { extra, idem });
  }

  /**
   * The handoffs a step opens, told to the hub (onHandoffs) as soon as the step is computed, before its commit (and
   * again with the rest after it): steps of customers asking at the same moment are computed while the earlier ones
   * commit, and each read a queue without the others: ten at once were all told "under a minute" (hostile s16 H#13).
   * Called synchronously after the engine step, so the next step computed counts it. A commit that then fails leaves
   * the hub counting it until its next read of the store (at most 30 s, agentHub `written`).
   */
  private noteRequested(step: EngineStep, conversationId: string, flowId: string, now: number, visitor: ConversationRecord['visitor']) {
    if (!this.onHandoffs) return;
    const opened = requestedHandoffs(step, conversationId, flowId, now, visitor);
    if (opened.length > 0) this.onHandoffs(opened);
  }

  private async pinned(key: string, flowId: string, revision: string): Promise<DeployedFlow | null> {
    const d = await this.deps.catalog.pinned(flowId, revision);
    if (d) {
      if (this.pinnedFlows.size >= PINNED_CACHE_LIMIT) this.pinnedFlows.clear();
      this.pinnedFlows.set(key, d);
    }
    return d;
  }

  private async commitStep(
    record: ConversationRecord,
    priorState: Parameters<typeof planStep>[0]['priorState'],
    step: EngineStep,
    now: number,
    opts: { create?: boolean; extra?: Partial<StepWrite>; idem?: { key: string; requestHash: string } },
  ): Promise<StepOutcome & { http: HttpJob[] }> {
    let known: ReadonlyMap<string, HandoffRecord> = NO_HANDOFFS;
    for (const e of step.effects) {
      if (e.type === 'handoff_update' && !known.has(e.handoff.id)) {
        const h = await this.deps.store.getHandoff(e.handoff.id);
        if (h) known = new Map(known).set(h.id, h);
      }
    }
    const planned = planStep({ record, priorState, step, now, create: opts.create, knownHandoffs: known, extra: opts.extra });
    const mode = step.state.mode;
    const handoff = publicHandoff(step.state);
    let result;
    if (opts.idem) {
      // The stored response is what a retry gets: computed from the seqs this commit will assign.
      let seq = record.lastSeq;
      const messages = (planned.write.append ?? [])
        .map((e) => {
          // Not `{ ...e, seq, id }`: on node 20 a spread's copy given fields its source lacks costs ~1 us more per
          // entry (runtime/store/embeddedStore.ts copyOf). Same fields, same order (toLogEntry's entries, then seq, id).
          const m = Object.assign({}, e) as LogEntry;
          m.seq = ++seq;
          m.id = `${record.id}:${seq}`;
          return m;
        })
        .filter((e) => e.from !== 'customer');
      const response: StepOutcome = { mode, messages, handoff, lastSeq: seq };
      planned.write.idempotency = { key: opts.idem.key, requestHash: opts.idem.requestHash, response, at: now };
      // HTTP request blocks will add to this answer after the commit (send's answerWithHttp stores the whole one).
      if (planned.http.length > 0) planned.write.idempotency.pending = true;
    }
    try {
      result = await this.deps.store.commit(planned.write);
    } catch (err) {
      if (err instanceof StoreConflictError) throw new ApiError(409, 'conflict', err.message);
      throw err;
    }
    this.count(step, result.appended, planned.handoffChanges, now);
    if (planned.write.handoffs?.length) this.onHandoffs?.(planned.write.handoffs);
    if (planned.hasOutbox) this.http?.kick();
    return {
      mode,
      messages: result.appended.filter((e) => e.from !== 'customer'),
      handoff,
      lastSeq: result.lastSeq,
      http: planned.http,
    };
  }

  /** Carries out HTTP request blocks at once and feeds their results back, collecting the messages. */
  private async followHttp(id: string, outcome: StepOutcome & { http?: HttpJob[] }, collected: LogEntry[]): Promise<StepOutcome> {
    let current = outcome;
    for (let hops = 0; hops < 10 && current.http && current.http.length > 0 && this.http; hops++) {
      const jobs: HttpJob[] = current.http;
      let next: (StepOutcome & { http?: HttpJob[] }) | null = null;
      for (const job of jobs) {
        const res = await this.http.performHttp(job);
        next = await this.deps.store.runExclusive(id, async () => {
          const rec = await this.deps.store.getConversation(id);
          if (!rec) return null;
          try {
            return await this.stepAndCommit(rec, { type: 'http_result', requestId: job.effect.requestId, ok: res.ok, status: res.status, body: res.body }, {});
          } catch (err) {
            if (err instanceof ApiError && err.code === 'input_rejected') return null; // already timed out
            throw err;
          }
        });
        await this.deps.store.completeOutbox(job.outboxId, this.deps.now());
        if (next) collected.push(...next.messages);
      }
      if (!next) break;
      current = next;
    }
    const { http: _unused, ...rest } = current;
    return rest;
  }

  private count(step: EngineStep, appended: LogEntry[], changes: Array<{ status: string; requestedAt: number; from: string | null }>, now: number) {
    const m = this.deps.metrics;
    countAppended(m.messages, appended);
    const d = step.decision;
    if (d && (d.action === 'handoff' || d.action === 'offer') && d.reason) m.escalations.inc({ reason: d.reason });
    for (const c of changes) {
      m.handoffs.inc({ status: c.status });
      if (c.from === 'pending' && c.status !== 'pending') m.waitSeconds.observe(Math.max(0, now - c.requestedAt) / 1000);
    }
  }
}

/**
 * The flow with the caller's initial variables as defaults (declared variables and the built-in customer ones),
 * so the very first messages can use them. Unknown names and wrong types are refused with the field named.
 */
export function withInitialVariables(flow: Flow, variables: Record<string, Value>, profile: { name?: string; email?: string; phone?: string }): Flow {
  const given: Record<string, Value> = { ...variables };
  if (profile.name !== undefined) given.customerName = profile.name;
  if (profile.email !== undefined) given.customerEmail = profile.email;
  if (profile.phone !== undefined) given.customerPhone = profile.phone;
  const names = Object.keys(given);
  if (names.length === 0) return flow;
  const declared = new Map(flow.variables.map((v) => [v.name, v]));
  // Session 46 (hostile s46 H3): only the variables a page may set (shared/flow/pageVariables.ts); the engine's own
  // and the ones the flow computes are refused, the field named, with the list a page may pass.
  const rules = pageVariableRules(flow);
  const mayPass = () => `a page may pass: ${rules.settable.join(', ')} (what a page passes is the visitor's word: anybody can send it)`;
  const vars = flow.variables.map((v) => (Object.hasOwn(given, v.name) ? { ...v, default: given[v.name] } : v));
  for (const name of names) {
    const v = declared.get(name);
    const value = given[name];
    const verdict = rules.verdict(name);
    if (!verdict.settable) {
      const field = Object.hasOwn(variables, name) ? `variables.${name}` : `profile`;
      if (verdict.why === 'unknown') {
        throw new ApiError(400, 'unknown_variable', `${field}: the flow "${flow.id}" declares no variable "${name}"; ${mayPass()}.`, field);
      }
      const what = verdict.why === 'engine'
        ? `"${name}" is set by Baton itself during the conversation (${builtinVariables[name as keyof typeof builtinVariables] ?? 'a built-in variable'})`
        : `"${name}" is computed by the flow (set by ${verdict.by})`;
      throw new ApiError(400, 'variable_not_settable', `${field}: ${what}, so a page may not preset it; leave it out. ${mayPass().replace(/^a/, 'A')}.`, field);
    }
    if (v && value !== null) {
      const t = v.type;
      const ok = t === 'number' ? typeof value === 'number' : t === 'boolean' ? typeof value === 'boolean' : typeof value === 'string';
      if (!ok) throw new ApiError(400, 'invalid_variable', `variables.${name}: expected a ${t === 'date' ? 'date string' : t}, got ${typeof value}.`, `variables.${name}`);
    }
    if (!v) vars.push({ name, type: 'string', default: value } as Flow['variables'][number]);
  }
  return { ...flow, variables: vars };
}
