/**
 * `baton serve --workers N` (session 6, issue 8): conversations spread over N worker threads ("shards"), each owning
 * the conversations whose id hashes to it (shardProtocol.ts `ownerOf`) with their hot state, store handle and
 * engine (shardWorker.ts). The main thread keeps HTTP (the lean message route, Fastify for everything else), push,
 * timers, the outbox, flows and metrics; what crosses is small: a customer message goes in as
 * {id, token, body, idempotency key} and comes back as the answer's JSON text.
 *
 * `ShardedStore` is the main thread's `RuntimeStore`: everything about one conversation (read, log, commit, the
 * per-conversation lock, push subscriptions) is a call to its owner, so a conversation has one writer and one
 * cache and its messages stay in order; what spans conversations (timers, outbox, handoffs, records, flows, counts)
 * is read from the same lmdb environment by a store of the main thread, which writes only outbox results and flows.
 * Every guarantee of the embedded store holds: a commit is acknowledged after its owner's lmdb commit and flush.
 *
 * With --agents (session 7) the hub stays on the main thread (agent API, assignment, the agents' steps through
 * ShardedStore); shards get its presence and queue snapshot before a message when it changed (attachAgents).
 * Limits: embedded store only (not with --redis).
 */
import { envWhole } from '../serve/envCheck';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, workerData } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { QueuedHandoff } from '../../shared/engine/types';
import type { AgentPresence } from '../../shared/handoff/types';
import type { ServeConfig } from '../serve/config';
import { withSemiFloor } from '../serve/idleGc';
import { RawJson } from '../server/leanRoute';
import type { RuntimeMetrics } from '../server/metrics';
import { EmbeddedStore } from '../store/embeddedStore';
import type { CommitResult, ConversationRecord, FlowRevisionRecord, HandoffRecord, LogEntry, RuntimeStore, StepWrite } from '../store/types';
import { errorFromWire, ownerOf, type ShardReply, type ShardRequest } from './shardProtocol';
import { releasesYoung, runShardWorker, type ShardWorkerData } from './shardWorker';

// As a shard: this module is the worker's entry (in the bundle, dist/runtime/main.mjs is loaded by the worker and
// its modules' top-level code runs; this line then starts the shard).
if (!isMainThread && (workerData as { batonShard?: boolean } | null)?.batonShard) void runShardWorker(workerData as ShardWorkerData);

/** What the engine reads about agents at each step, as the hub answers it (presenceList, queueForEstimate). */
export interface AgentsSnapshot {
  /** null: not known yet (the hub's start-up grace: agentHub presenceForEngine); the engine then requests the handoff. */
  agents: AgentPresence[] | null;
  queue: QueuedHandoff[];
}

/** Deep equality of JSON-like data (the agents snapshot), without serialising it. */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const key of ka) if (!sameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  return true;
}

/** How long closing waits for a shard to close its store before the worker is stopped anyway. */
const CLOSE_WAIT_MS = 5000;

type Pending = { resolve: (v: unknown) => void; reject: (e: unknown) => void };
type Req = ShardRequest extends infer R ? (R extends { n: number } ? Omit<R, 'n'> : never) : never;

/**
 * A shard's young generation, MB (session 10, issue 8): V8 sizes it 3 x its semi-space, so 64 lets the semi-space grow
 * to ~21 MB instead of V8's 16. A shard allocates ~23 KB per message and keeps each conversation's new state (its
 * `hot` entry) until that conversation's next message: with 1,000 conversations talking at once, a 16 MB semi-space
 * is collected before most of them speak again, so their states survive two scavenges and are promoted (copied twice,
 * then left to a full collection). Measured in one process (messagePath: 1,000 conversations at once, lmdb inline,
 * 30,000 messages, --trace-gc-nvp; same minutes): promoted 268-274 MB at V8's default semi-space (16 MB), 115 MB at
 * 21 MB, 111 MB at 32 MB; scavenges 105-106 / 78 / 66. With 10,000 idle conversations (test/bench/rtlatIdleYoung.ts)
 * 32 MB cost ~25 MB more RSS 2 s after their creation, so 21: +10-28 MB at 2 s, and 30-40 MB LESS 10 s after
 * (195/197 against 227/236 MB: less was promoted). `BATON_SHARD_YOUNG_MB` overrides it (0: V8's default), to compare.
 */
const SHARD_YOUNG_MB = 64;

/**
 * The floor of a shard's semi-space (V8's --min-semi-space-size: its initial size and what a shrink goes back to; V8's
 * default is 1 MB): the whole of it, half the young generation (SHARD_YOUNG_MB). Session 17 (issue 8: 10,000 idle
 * conversations < 300 MB in every run): an idle shard's first collection is V8's
 * memory-reducing one (idleGc.ts memoryReducingCollection), because a burst had left the young generation at 64 MB,
 * 52 MB of it resident while empty. With the floor at the full size, that collection gives the empty pages back (~0.7
 * MB resident after it) and keeps the size: the next burst pays the page faults of touching it again (~16,000 minor
 * faults for 64 MB; what that costs: shardWorker.ts releasesYoung), not more promotions. A lower floor (16 MB)
 * did shrink it: in runtimeCpu's alternating rounds (each server idle while the others are measured) the worker then
 * made 0.6 full collections per 1,000 messages instead of 0.2 (load 19-22). Only while an idle collection is on
 * (`baton serve`), by default since session 18 (`BATON_IDLE_RELEASE=0`: no floor, no release).
 */
export function shardSemiFloorMb(youngMb: number): number {
  return youngMb > 0 ? youngMb / 2 : 16; // V8 (node 20) sizes the young generation as two semi-spaces; its default is 16 MB each
}


/**
 * The semi-space floor a shard is created with, MB (0: V8's default): shardSemiFloorMb's full size when its idle
 * collection gives the young generation back (`baton serve`: by default since session 18), else none.
 */
export function shardFloorMb(data: Pick<ShardWorkerData, 'idleGc' | 'env'>, youngMb: number): number {
  return data.idleGc && releasesYoung(data.env) ? shardSemiFloorMb(youngMb) : 0;
}

/** BATON_SHARD_YOUNG_MB as envCheck reads it (review s19 R10: "" was 0, V8's default, where the check said 64). */
export function shardYoungMb(env: Record<string, string | undefined>): number {
  return envWhole(env.BATON_SHARD_YOUNG_MB, SHARD_YOUNG_MB);
}

/**
 * Where a shard's code is. Sources (tsx, vitest): shardEntry.ts, after registering tsx's loader in the worker. The
 * bundle: dist/runtime/shard.mjs when the build made it (only the shard's modules), else the whole bundle
 * (main.mjs: this module's first lines start the shard).
 */
function shardWorker(data: ShardWorkerData): Worker {
  const url = import.meta.url;
  const young = shardYoungMb(process.env);
  const resourceLimits = young > 0 ? { maxYoungGenerationSizeMb: young } : undefined;
  const floor = shardFloorMb(data, young);
  if (url.endsWith('.ts')) {
    const tsx = import.meta.resolve('tsx/esm/api');
    const entry = new URL('./shardEntry.ts', url).href;
    return withSemiFloor(floor, () => new Worker(`import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`, { eval: true, workerData: data, execArgv: [], resourceLimits }));
  }
  const own = new URL('./shard.mjs', url);
  return withSemiFloor(floor, () => new Worker(existsSync(fileURLToPath(own)) ? own : new URL(url), { workerData: data, execArgv: [], resourceLimits }));
}

class ShardChannel {
  private worker: Worker | null = null;
  private next = 1;
  private waiting = new Map<number, Pending>();
  private outgoing: ShardRequest[] = [];
  private scheduled = false;
  private ready: Promise<void> | null = null;

  constructor(
    private readonly data: ShardWorkerData,
    private readonly onMessage: (r: ShardReply) => void,
    /** A new worker started after one stopped: the pool re-sends its push subscriptions. */
    private readonly onRestart: () => void,
    /** The main thread's clock, sent with each batch (used by shards started with clock 'main'). */
    private readonly now: () => number,
  ) {}

  start(): Promise<void> {
    if (this.ready) return this.ready;
    const w = shardWorker(this.data);
    this.worker = w;
    let first = true;
    this.ready = new Promise<void>((resolve, reject) => {
      w.on('message', (batch: ShardReply[]) => {
        for (const r of batch) {
          if ('n' in r) {
            const p = this.waiting.get(r.n);
            if (!p) continue;
            this.waiting.delete(r.n);
            if ('err' in r) p.reject(errorFromWire(r.err));
            else p.resolve(r.ok);
          } else if (r.t === 'ready') {
            if (first) {
              first = false;
              resolve();
            }
          } else if (r.t === 'fail') reject(new Error(`shard ${this.data.index}: ${r.message}`));
          else this.onMessage(r);
        }
      });
      const died = (why: string) => {
        if (this.worker !== w) return;
        this.worker = null;
        this.ready = null;
        reject(new Error(`shard ${this.data.index} stopped before it was ready (${why})`));
        const pending = [...this.waiting.values()];
        this.waiting.clear();
        // It may have made a commit durable just before it stopped: say so (a retry with the same Idempotency-Key
        // is answered from what was saved, without storing the message twice).
        const err = Object.assign(new Error(`A worker thread of this server stopped (${why}) while answering; the request may or may not have been saved. Retry it with the same Idempotency-Key header.`), { name: 'StoreWriteError', statusCode: 503 });
        for (const p of pending) p.reject(err);
      };
      w.on('error', (err) => died(err.message));
      w.on('exit', (code) => died(`exit code ${code}`));
    });
    return this.ready;
  }

  /** Posts a request (batched per event turn) and resolves with the shard's answer. */
  call<T>(req: Req): Promise<T> {
    const n = this.next++;
    (req as ShardRequest).n = n;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(n, { resolve: resolve as (v: unknown) => void, reject });
      this.post(req);
    });
  }

  /** Posts a request with no answer (unlock, watch, unwatch). */
  post(req: Req): void {
    if (!('n' in req)) (req as ShardRequest).n = 0;
    if (this.closed) {
      // After close: nothing is started again; a call gets the store's "closed" error.
      const p = this.waiting.get((req as ShardRequest).n);
      this.waiting.delete((req as ShardRequest).n);
      p?.reject(new Error('store is closed'));
      return;
    }
    if (!this.worker) {
      // Stopped (crashed): start a new one; its requests go once it is ready. What the old one was told (push
      // subscriptions, the agents' presence) is sent again first, ahead of this request.
      const had = this.ready === null;
      void this.start().catch(() => undefined);
      if (had && this.worker) this.onRestart();
    }
    this.outgoing.push(req as ShardRequest);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.flush);
    }
  }

  private flush = (): void => {
    this.scheduled = false;
    if (!this.worker || this.outgoing.length === 0) return;
    const batch = this.outgoing;
    this.outgoing = [];
    this.worker.postMessage({ now: this.now(), reqs: batch });
  };

  private closed = false;

  async close(): Promise<void> {
    const w = this.worker;
    if (!w || this.closed) return;
    // The shard closes its store (its last writes flushed). Bounded: on a full disk lmdb's flush promise of a failed
    // batch never settles, and a drain (SIGTERM) must still end; what was acknowledged is already durable.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.call({ t: 'close' }).catch(() => undefined), new Promise<void>((r) => (timer = setTimeout(r, CLOSE_WAIT_MS)))]);
    clearTimeout(timer);
    this.closed = true;
    this.worker = null;
    await w.terminate();
  }
}

export interface ShardPoolOptions {
  dir: string;
  workers: number;
  config: ServeConfig;
  logger: Logger;
  /** Where each shard's store writes: on the shard's own thread (default) or on a writer thread of its own. */
  writer?: 'thread' | 'inline';
  /** The runtime's clock when it is not the real one (tests): shards then step with it too. */
  now?: () => number;
  /** Where secrets come from (the runtime's `env`). */
  env: NodeJS.ProcessEnv;
  /** Each shard gives its garbage back when it goes idle (runtime/serve/idleGc.ts). */
  idleGc?: boolean;
}

export class ShardPool {
  readonly store: ShardedStore;
  private metrics: RuntimeMetrics | null = null;
  private kick: (() => void) | null = null;

  private constructor(
    readonly channels: ShardChannel[],
    main: EmbeddedStore,
  ) {
    this.store = new ShardedStore(this, main);
  }

  static async start(o: ShardPoolOptions): Promise<ShardPool> {
    // The main thread's store takes the data folder's lock first (one process per folder) and reads what spans
    // conversations; its few writes (outbox results, flows) are done inline.
    const main = new EmbeddedStore({ dir: o.dir, writer: 'inline' });
    const channels: ShardChannel[] = [];
    let pool: ShardPool | null = null;
    for (let k = 0; k < o.workers; k++) {
      const data: ShardWorkerData = { batonShard: true, index: k, count: o.workers, dir: o.dir, config: o.config, writer: o.writer ?? 'inline', clock: o.now ? 'main' : 'real', env: { ...o.env }, logLevel: o.logger.level, idleGc: o.idleGc === true };
      channels.push(new ShardChannel(data, (r) => pool?.onShardMessage(r), () => pool?.restarted(k), o.now ?? Date.now));
    }
    pool = new ShardPool(channels, main);
    try {
      await Promise.all(channels.map((c) => c.start()));
    } catch (err) {
      await Promise.allSettled(channels.map((c) => c.close()));
      await main.close();
      throw err;
    }
    return pool;
  }

  /**
   * Every shard runs a throwaway conversation of each served flow (shardWorker.ts `warm`) so that the first
   * customers after a start do not pay for V8's first compilation of the engine and the classifier's decoding.
   */
  async warm(flows: Array<[string, string]>): Promise<void> {
    await Promise.all(this.channels.map((c) => c.call({ t: 'warm', flows })));
  }

  /** Metrics and the outbox loop of the main thread: shards' counter updates and "new outbox items" go there. */
  attach(o: { metrics: RuntimeMetrics; kick: () => void }) {
    this.metrics = o.metrics;
    this.kick = o.kick;
  }

  /**
   * `--agents`: the hub's presence and queue (what the engine reads as ctx.agents / ctx.queue at each step). A shard
   * steps a customer message with the snapshot it was last sent; before each message the pool compares the hub's
   * current one with what that shard has and posts it first when it changed, so a step sees every presence or
   * queue change made before its message arrived (the same as unsharded, where the engine reads the hub).
   */
  attachAgents(snapshot: () => AgentsSnapshot, version: () => number, onHandoffs?: (records: HandoffRecord[]) => void) {
    this.agentsNow = snapshot;
    this.agentsVersion = version;
    this.onHandoffs = onHandoffs ?? null;
    for (let k = 0; k < this.channels.length; k++) this.syncAgents(k);
  }
  private agentsNow: (() => AgentsSnapshot) | null = null;
  /** The hub's noteHandoffs: the handoffs a shard's step wrote (message 'h', posted before that step's answer). */
  private onHandoffs: ((records: HandoffRecord[]) => void) | null = null;
  private agentsVersion: () => number = () => 0;
  private agentsSent: (AgentsSnapshot | null)[] = [];
  /** The hub's snapshot version each shard's snapshot was checked at: the same version, nothing to build or compare. */
  private agentsChecked: (number | null)[] = [];

  private syncAgents(k: number) {
    if (!this.agentsNow) return;
    // A long queue made building and comparing the snapshot before every message cost the main thread O(queue)
    // (hostile s7): it is done only when the hub says something it answers from changed.
    const v = this.agentsVersion();
    if (this.agentsChecked[k] === v && this.agentsSent[k]) return;
    this.agentsChecked[k] = v;
    const snap = this.agentsNow();
    if (sameData(snap, this.agentsSent[k])) return;
    // A copy: the hub's objects may be changed in place later, and the comparison must see the change.
    this.agentsSent[k] = structuredClone(snap);
    this.channels[k].post({ t: 'agents', agents: snap.agents, queue: snap.queue });
  }

  /** A shard's worker was started again: it has no snapshot; the next sync sends it. */
  restarted(k: number) {
    this.agentsSent[k] = null;
    this.agentsChecked[k] = null;
    this.syncAgents(k);
    this.store.resubscribe(k);
  }

  channelOf(id: string): ShardChannel {
    return this.channels[ownerOf(id, this.channels.length)];
  }

  /**
   * The customer message route (POST /api/v1/conversations/:id/messages), run by the conversation's shard: the
   * token check, the per-conversation limit, the idempotency key and the step, in the route's order. Answers the
   * response's JSON text.
   */
  async sendMessage(id: string, body: { text?: string; choice?: string }, headers: Record<string, string | string[] | undefined>): Promise<RawJson> {
    const h = headers.authorization;
    const m = typeof h === 'string' ? /^Bearer\s+(\S+)$/i.exec(h.trim()) : null;
    const key = headers['idempotency-key'];
    if (this.agentsNow) this.syncAgents(ownerOf(id, this.channels.length));
    const text = await this.channelOf(id).call<string>({ t: 'send', id, token: m ? m[1] : undefined, body, ...(typeof key === 'string' ? { idem: key } : {}) });
    return new RawJson(text);
  }

  private onShardMessage(r: ShardReply) {
    if (!('t' in r)) return;
    if (r.t === 'e') this.store.deliver(r.id, r.entries as LogEntry[]);
    else if (r.t === 'kick') this.kick?.();
    else if (r.t === 'h') this.onHandoffs?.(r.handoffs as HandoffRecord[]);
    else if (r.t === 'm' && this.metrics) {
      const m = this.metrics as unknown as Record<string, { inc(l?: object | number, n?: number): void; observe(v: number): void }>;
      for (const op of r.ops) {
        const metric = m[op[0]];
        if (!metric) continue;
        if (op[1] === 'inc') {
          if (op[2]) metric.inc(op[2], op[3]);
          else metric.inc(op[3]);
        } else metric.observe(op[2]);
      }
    }
  }
}

/** The main thread's store in sharded serving (see the file comment). */
export class ShardedStore implements RuntimeStore {
  readonly description: string;
  private events = new EventEmitter();
  private watchers = new Map<string, number>();

  constructor(
    private readonly pool: ShardPool,
    private readonly main: EmbeddedStore,
  ) {
    this.description = `${main.description}, ${pool.channels.length} worker thread${pool.channels.length === 1 ? '' : 's'}`;
    this.events.setMaxListeners(0);
  }

  /* flows: the main thread deploys; shards read pinned revisions from the same environment */
  putFlowRevision(rec: FlowRevisionRecord) {
    return this.main.putFlowRevision(rec);
  }
  getFlowRevision(flowId: string, revision: string) {
    return this.main.getFlowRevision(flowId, revision);
  }
  setActiveRevision(flowId: string, revision: string) {
    return this.main.setActiveRevision(flowId, revision);
  }
  getActiveRevision(flowId: string) {
    return this.main.getActiveRevision(flowId);
  }

  /* one conversation: its owner */
  getConversation(id: string): Promise<ConversationRecord | null> {
    return this.pool.channelOf(id).call({ t: 'get', id });
  }
  async findByExternalKey(externalKey: string): Promise<ConversationRecord | null> {
    const id = this.main.idOfExternalKey(externalKey);
    return id === null ? null : this.getConversation(id);
  }
  readLog(conversationId: string, afterSeq: number, limit = 1000): Promise<LogEntry[]> {
    return this.pool.channelOf(conversationId).call({ t: 'log', id: conversationId, after: afterSeq, limit });
  }
  commit(write: StepWrite): Promise<CommitResult> {
    return this.pool.channelOf(write.conversation.id).call({ t: 'commit', w: write });
  }
  /** The owner's lock for this conversation, held while `fn` runs here (its calls go to the owner too). */
  async runExclusive<T>(conversationId: string, fn: () => Promise<T>): Promise<T> {
    const ch = this.pool.channelOf(conversationId);
    const req = { t: 'lock' as const, id: conversationId };
    await ch.call(req);
    try {
      return await fn();
    } finally {
      ch.post({ t: 'unlock', k: (req as unknown as { n: number }).n });
    }
  }

  /* spanning conversations: read here */
  countByMode() {
    return this.main.countByMode();
  }
  async listByMode(mode: ConversationRecord['mode']): Promise<ConversationRecord[]> {
    const byShard = new Map<number, string[]>();
    for (const id of this.main.idsByMode(mode)) {
      const k = ownerOf(id, this.pool.channels.length);
      byShard.set(k, [...(byShard.get(k) ?? []), id]);
    }
    const parts = await Promise.all([...byShard].map(([k, ids]) => this.pool.channels[k].call<ConversationRecord[]>({ t: 'getMany', ids })));
    return parts.flat();
  }
  async pruneClosed(before: number): Promise<number> {
    const counts = await Promise.all(this.pool.channels.map((c) => c.call<number>({ t: 'prune', before })));
    return counts.reduce((a, b) => a + b, 0);
  }
  getIdempotency(key: string) {
    return this.main.getIdempotency(key);
  }
  /** Presence, notes (stored: newcomer s50 N6) and assignment inputs: the main thread's (it runs the agent hub). */
  sharedState() {
    return this.main.sharedState();
  }
  /** Spans conversations: the main thread's store writes it (the same lmdb environment as the shards'). */
  claimOnce(key: string, until: number, now: number) {
    return this.main.claimOnce(key, until, now);
  }
  claimDueTimers(now: number, limit: number, leaseMs: number) {
    return this.main.claimDueTimers(now, limit, leaseMs);
  }
  nextTimerAt() {
    return this.main.nextTimerAt();
  }
  claimOutbox(now: number, limit: number, leaseMs: number) {
    return this.main.claimOutbox(now, limit, leaseMs);
  }
  completeOutbox(id: string, now: number) {
    return this.main.completeOutbox(id, now);
  }
  failOutbox(id: string, error: string, nextAt: number | null) {
    return this.main.failOutbox(id, error, nextAt);
  }
  getOutbox(id: string) {
    return this.main.getOutbox(id);
  }
  getHandoff(id: string) {
    return this.main.getHandoff(id);
  }
  listHandoffs(filter?: { status?: string; flowId?: string }) {
    return this.main.listHandoffs(filter);
  }
  listRecords(kind: 'ticket' | 'csat', filter?: { flowId?: string }) {
    return this.main.listRecords(kind, filter);
  }
  /** /readyz: the first write problem of the main thread's store or of any shard's (each writes its own commits). */
  async writeProblem(): Promise<string | null> {
    const all = await Promise.all([this.main.writeProblem(), ...this.pool.channels.map((c) => c.call<string | null>({ t: 'problem' }).catch((err: Error) => err.message))]);
    return all.find((p) => p !== null) ?? null;
  }

  /** Test hook (as EmbeddedStore's): the next `failures` writes of the main thread's store and of each shard fail as a full disk. */
  async simulateCommitFailures(failures: number): Promise<void> {
    this.main.simulateCommitFailures(failures);
    await Promise.all(this.pool.channels.map((c) => c.call({ t: 'failWrites', count: failures })));
  }

  /* push: the owner forwards a conversation's new entries while someone here listens */
  subscribe(conversationId: string, listener: (entries: LogEntry[]) => void): () => void {
    this.events.on(conversationId, listener);
    const n = (this.watchers.get(conversationId) ?? 0) + 1;
    this.watchers.set(conversationId, n);
    // Posted before any read the caller makes next (readLog goes the same way, in order): nothing falls in between.
    if (n === 1) this.pool.channelOf(conversationId).post({ t: 'watch', id: conversationId });
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.events.off(conversationId, listener);
      const left = (this.watchers.get(conversationId) ?? 1) - 1;
      if (left > 0) this.watchers.set(conversationId, left);
      else {
        this.watchers.delete(conversationId);
        this.pool.channelOf(conversationId).post({ t: 'unwatch', id: conversationId });
      }
    };
  }
  /** Entries a shard made durable, for this thread's listeners. */
  deliver(id: string, entries: LogEntry[]) {
    this.events.emit(id, entries);
  }
  /** A shard's worker was started again: its push subscriptions are sent again. */
  resubscribe(k: number) {
    for (const id of this.watchers.keys()) if (ownerOf(id, this.pool.channels.length) === k) this.pool.channels[k].post({ t: 'watch', id });
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.pool.channels.map((c) => c.close()));
    await this.main.close();
  }
}
