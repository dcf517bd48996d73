/**
 * The Redis store (`baton serve --redis URL`): several `baton serve` processes behind any load balancer share
 * every conversation, log, handoff queue, timer and outbox item through one Redis server.
 *
 * - `commit` is ONE Lua script (atomic: all of the step or nothing). It also PUBLISHes the appended entries on
 *   one channel, so every instance hears them (push fans out: an SSE client on instance B sees a message that
 *   instance A processed). Each instance SUBSCRIBEs once, before the store is returned (`RedisStore.connect`),
 *   so no subscription can race a backlog read.
 * - Durability: Redis must run with `appendonly yes` and `appendfsync always`. Then Redis writes and fsyncs the
 *   AOF before it replies to the commands of one event-loop pass (group commit across all clients), so a commit
 *   that resolved is on disk. `connect` checks the server's settings and reports (warn, or refuse with
 *   `requireDurable`) when they are weaker. `everysec` is faster but an acknowledged message can be lost in the
 *   last second before a crash of the Redis host; Redis 7.0 (Debian 12) has no WAITAOF to wait per write.
 * - `runExclusive` takes a per-conversation lock in Redis (SET NX PX with a random token, renewed while the
 *   work runs), and commits made inside it are FENCED: the commit script checks that the token still holds the
 *   lock, so an instance that stalled past its lease cannot overwrite the newer state of another instance.
 *   Inside one process calls are first queued in memory, so an instance never polls against itself.
 * - Timers and outbox items are claimed with a lease by a Lua script: with every instance running its timer
 *   loop, a due timer is handed to exactly one of them; if that instance dies (its presence key lapses within
 *   10 s) or its lease runs out, another fires it. A timer fired twice anyway (an instance paused for longer
 *   than that) is refused by the engine the second time, because the first firing removed it from the state.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Redis, type RedisOptions } from 'ioredis';
import {
  StoreConflictError,
  conversationModes,
  type CommitResult,
  type ConversationRecord,
  type FlowRevisionRecord,
  type HandoffRecord,
  type IdempotencyRecord,
  type LogEntry,
  type OutboxItem,
  type RecordItem,
  type RuntimeStore,
  type StepWrite,
  type TimerRecord,
} from './types';
import { CLAIM, COMMIT, EXTEND, FINISH_OUTBOX, PRUNE, UNLOCK } from './redis/scripts';
import { RedisSharedState } from './redis/sharedState';

type Mode = ConversationRecord['mode'];
const MODES = conversationModes;
/**
 * How long an instance's claims outlive it: each instance renews a presence key every PRESENCE_MS/3; a claim
 * (timer or outbox lease) is honoured only while its owner's key exists, so the timers and deliveries of an
 * instance that crashed are picked up by the others within PRESENCE_MS, not after the full lease.
 */
const PRESENCE_MS = 10_000;

export interface RedisStoreOptions {
  /** redis://[user:pass@]host:port[/db] */
  url: string;
  /** Key prefix (default `baton:`); several deployments can share one Redis with different prefixes. */
  prefix?: string;
  /** Lock lease for `runExclusive` (default 10 s); renewed every lease/3 while the work runs. */
  lockLeaseMs?: number;
  /** Refuse to start when Redis is not configured for durable writes (appendonly yes + appendfsync always). */
  requireDurable?: boolean;
  /** Told about weak durability settings and lost connections (default: stderr). */
  warn?: (message: string) => void;
}

interface LockHold {
  id: string;
  token: string;
}

export class RedisStore implements RuntimeStore {
  readonly description: string;
  /** What `connect` found about the server's persistence settings. */
  durability = { appendonly: 'unknown', appendfsync: 'unknown', durable: false };
  private p: string;
  private leaseMs: number;
  private queues = new Map<string, Promise<unknown>>();
  private releasing = new Map<string, Promise<void>>();
  private events = new EventEmitter();
  private holds = new AsyncLocalStorage<LockHold[]>();
  private closed = false;
  /** This instance's id: its claims count only while its presence key `inst:<owner>` lives (renewed). */
  private owner = randomBytes(9).toString('base64url');
  private presence: NodeJS.Timeout | null = null;
  /** Agent presence, notes, assignment inputs, leadership and agent events shared by every instance. */
  private shared!: RedisSharedState;

  private constructor(
    private redis: Redis,
    private sub: Redis,
    private opts: RedisStoreOptions,
  ) {
    this.p = opts.prefix ?? 'baton:';
    this.leaseMs = opts.lockLeaseMs ?? 10_000;
    this.description = `redis at ${redactUrl(opts.url)} (prefix ${this.p})`;
    this.events.setMaxListeners(0);
    redis.defineCommand('batonCommit', { numberOfKeys: 0, lua: COMMIT });
    redis.defineCommand('batonClaim', { numberOfKeys: 0, lua: CLAIM });
    redis.defineCommand('batonFinishOutbox', { numberOfKeys: 0, lua: FINISH_OUTBOX });
    redis.defineCommand('batonUnlock', { numberOfKeys: 0, lua: UNLOCK });
    redis.defineCommand('batonExtend', { numberOfKeys: 0, lua: EXTEND });
    redis.defineCommand('batonPrune', { numberOfKeys: 0, lua: PRUNE });
    redis.defineCommand('batonHit', {
      numberOfKeys: 1,
      lua: `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local t = redis.call('PTTL', KEYS[1])
if t < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); t = tonumber(ARGV[1]) end
return {n, t}`,
    });
  }

  /** Connects (main + subscriber connection), checks persistence settings, subscribes to push events. */
  static async connect(opts: RedisStoreOptions): Promise<RedisStore> {
    let url: URL;
    try {
      url = new URL(opts.url);
    } catch {
      throw new Error(`--redis ${opts.url}: not a URL; use redis://host:6379 (or redis://user:password@host:6379/0)`);
    }
    if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
      throw new Error(`--redis ${redactUrl(opts.url)}: use a redis:// or rediss:// URL`);
    }
    const warn = opts.warn ?? ((m: string) => process.stderr.write(`baton: ${m}\n`));
    const base: RedisOptions = { lazyConnect: true, maxRetriesPerRequest: 3, enableOfflineQueue: true, connectTimeout: 5000 };
    const redis = new Redis(opts.url, base);
    const sub = new Redis(opts.url, base);
    let connected = false;
    // ioredis reconnects by itself; after start-up a lost connection is reported (once per error), not thrown.
    for (const c of [redis, sub]) c.on('error', (err: Error) => connected && warn(`redis connection error: ${err.message}`));
    const fail = async (err: Error): Promise<never> => {
      redis.disconnect();
      sub.disconnect();
      throw new Error(`cannot reach Redis at ${redactUrl(opts.url)}: ${err.message}; is redis-server running there?`);
    };
    // ioredis retries forever by default; at start-up we want a clear answer instead.
    await Promise.all([redis.connect(), sub.connect()]).catch(fail);
    await redis.ping().catch(fail);
    connected = true;
    const store = new RedisStore(redis, sub, opts);
    try {
      const cfg = (await redis.call('CONFIG', 'GET', 'append*')) as string[];
      const m = new Map<string, string>();
      for (let i = 0; i + 1 < cfg.length; i += 2) m.set(cfg[i], cfg[i + 1]);
      const appendonly = m.get('appendonly') ?? 'unknown';
      const appendfsync = m.get('appendfsync') ?? 'unknown';
      store.durability = { appendonly, appendfsync, durable: appendonly === 'yes' && appendfsync === 'always' };
    } catch {
      /* CONFIG is disabled on some managed services: durability stays unknown */
    }
    if (!store.durability.durable) {
      const d = store.durability;
      const msg =
        `Redis at ${redactUrl(opts.url)} has appendonly=${d.appendonly}, appendfsync=${d.appendfsync}: acknowledged messages are durable ` +
        `only with appendonly yes and appendfsync always (redis-server --appendonly yes --appendfsync always)`;
      if (opts.requireDurable) {
        await store.close();
        throw new Error(msg);
      }
      warn(msg + '; continuing');
    }
    await store.beat();
    store.presence = setInterval(() => void store.beat().catch(() => undefined), PRESENCE_MS / 3);
    store.presence.unref?.();
    store.shared = new RedisSharedState(redis, store.p, store.owner);
    const shared = store.shared;
    sub.on('message', (channel: string, message: string) => {
      if (channel === shared.channel) shared.onMessage(message);
      else store.onPush(message);
    });
    await sub.subscribe(store.p + 'push', shared.channel);
    return store;
  }

  /* ------------------------------------------------------------ beyond the RuntimeStore contract */

  /** What the agent side of every instance shares (runtime/store/sharedState.ts). */
  sharedState(): RedisSharedState {
    return this.shared;
  }

  /**
   * The store's command connection, for plugins that keep their own keys in the same Redis (the per-address rate
   * limit of @fastify/rate-limit, so the limit counts requests to every instance).
   */
  get client(): Redis {
    return this.redis;
  }

  /**
   * Counts one hit in a fixed window shared by every instance (`rl:<key>`, expiring with the window): the
   * per-conversation message limit with --redis. Returns the count in the window and the ms until it ends.
   */
  async hit(key: string, windowMs: number): Promise<{ count: number; ttlMs: number }> {
    const [count, ttl] = (await (this.redis as unknown as { batonHit(k: string, ms: string): Promise<[number, number]> }).batonHit(this.k('rl:' + key), String(windowMs))) as [number, number];
    return { count: Number(count), ttlMs: Math.max(0, Number(ttl)) };
  }

  private beat() {
    return this.redis.set(this.k('inst:' + this.owner), '1', 'PX', PRESENCE_MS);
  }

  private onPush(message: string) {
    let m: { c: string; s: number; e: NewEntryJson[] };
    try {
      m = JSON.parse(message);
    } catch {
      return;
    }
    if (this.events.listenerCount(m.c) === 0) return;
    const entries: LogEntry[] = m.e.map((e, i) => ({ ...e, id: `${m.c}:${m.s + i}`, seq: m.s + i }));
    this.events.emit(m.c, entries);
  }

  private k(name: string) {
    return this.p + name;
  }

  private check() {
    if (this.closed) throw new Error('store is closed');
  }

  /* flows */
  async putFlowRevision(rec: FlowRevisionRecord): Promise<void> {
    this.check();
    await this.redis.hset(this.k('flows'), `${rec.flowId}\n${rec.revision}`, JSON.stringify(rec));
  }
  async getFlowRevision(flowId: string, revision: string) {
    const v = await this.redis.hget(this.k('flows'), `${flowId}\n${revision}`);
    return v === null ? null : (JSON.parse(v) as FlowRevisionRecord);
  }
  async setActiveRevision(flowId: string, revision: string): Promise<void> {
    this.check();
    await this.redis.hset(this.k('active'), flowId, revision);
  }
  async getActiveRevision(flowId: string) {
    return this.redis.hget(this.k('active'), flowId);
  }
  /** Every deployed flow's active revision (flowId -> revision): an instance serves the flows others deployed. */
  async activeRevisions(): Promise<Record<string, string>> {
    return this.redis.hgetall(this.k('active'));
  }

  /* conversations */
  async getConversation(id: string): Promise<ConversationRecord | null> {
    const [rec, seq] = await this.redis.hmget(this.k('conv:' + id), 'rec', 'seq');
    if (rec === null) return null;
    return { ...(JSON.parse(rec) as Omit<ConversationRecord, 'lastSeq'>), lastSeq: Number(seq ?? 0) };
  }
  async findByExternalKey(externalKey: string) {
    const id = await this.redis.hget(this.k('ext'), externalKey);
    return id === null ? null : this.getConversation(id);
  }
  async readLog(conversationId: string, afterSeq: number, limit = 1000): Promise<LogEntry[]> {
    if (limit <= 0) return [];
    const start = Math.max(0, Math.floor(afterSeq));
    const raw = await this.redis.lrange(this.k('log:' + conversationId), start, start + limit - 1);
    return raw.map((s, i) => {
      const seq = start + i + 1;
      return { ...(JSON.parse(s) as NewEntryJson), id: `${conversationId}:${seq}`, seq };
    });
  }

  async commit(w: StepWrite): Promise<CommitResult> {
    this.check();
    const c = w.conversation;
    const { lastSeq: _ignored, ...rest } = c;
    const append = (w.append ?? []).map((e) => JSON.stringify(e));
    const plan = {
      id: c.id,
      create: w.create === true,
      ...(c.externalKey !== undefined ? { ext: c.externalKey } : {}),
      mode: c.mode,
      rec: JSON.stringify(rest),
      append,
      cancel: w.cancelTimers ?? [],
      timers: (w.setTimers ?? []).map((t) => [t.key, String(t.at), JSON.stringify(t)]),
      outbox: (w.outbox ?? []).map((o) => [o.id, String(o.nextAt), JSON.stringify({ ...o, attempts: 0, lastError: null, status: 'pending' })]),
      handoffs: (w.handoffs ?? []).map((h) => [h.id, JSON.stringify(h)]),
      records: (w.records ?? []).map((r) => [r.kind, String(r.at), r.id, JSON.stringify(r)]),
      ...(w.idempotency ? { idem: [w.idempotency.key, String(w.idempotency.at), JSON.stringify(w.idempotency)] } : {}),
    };
    const fence = this.holds.getStore()?.find((h) => h.id === c.id)?.token ?? '';
    const res = (await (this.redis as unknown as RedisScripts).batonCommit(this.p, JSON.stringify(plan), fence)) as [number, number | string, number?];
    if (res[0] === 1) throw new StoreConflictError(String(res[1]));
    const lastSeq = Number(res[1]);
    const first = Number(res[2]);
    const appended: LogEntry[] = (w.append ?? []).map((e, i) => ({ ...e, id: `${c.id}:${first + i}`, seq: first + i }));
    return { appended, lastSeq };
  }

  /**
   * One holder per conversation across every instance: in-process FIFO first, then the Redis lock (polled with
   * a short backoff while another instance holds it). The lock is renewed while `fn` runs.
   */
  runExclusive<T>(conversationId: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.queues.get(conversationId) ?? Promise.resolve();
    const locked = () => this.withLock(conversationId, fn);
    const run = prev.then(locked, locked);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(conversationId, tail);
    void tail.then(() => {
      if (this.queues.get(conversationId) === tail) this.queues.delete(conversationId);
    });
    return run;
  }

  private async withLock<T>(id: string, fn: () => Promise<T>): Promise<T> {
    const held = this.holds.getStore();
    if (held?.some((h) => h.id === id)) return fn(); // re-entrant within the same async chain
    this.check();
    // Our own previous release of this lock (not awaited by its caller) goes first: no polling against ourselves.
    await this.releasing.get(id);
    const token = randomBytes(12).toString('base64url');
    const key = this.k('lock:' + id);
    const deadline = Date.now() + Math.max(30_000, this.leaseMs * 3);
    let wait = 2;
    for (;;) {
      const ok = await this.redis.set(key, token, 'PX', this.leaseMs, 'NX');
      if (ok === 'OK') break;
      if (Date.now() > deadline) throw new Error(`conversation ${id} stayed locked by another instance for too long; try again`);
      await sleep(wait + Math.random() * wait);
      wait = Math.min(50, wait * 2);
    }
    const scripts = this.redis as unknown as RedisScripts;
    const renew = setInterval(() => {
      void scripts.batonExtend(this.p, id, token, String(this.leaseMs)).catch(() => undefined);
    }, Math.max(50, Math.floor(this.leaseMs / 3)));
    renew.unref?.();
    try {
      return await this.holds.run([...(held ?? []), { id, token }], fn);
    } finally {
      clearInterval(renew);
      // Released without making the caller wait: with appendfsync always every write (this DEL too) waits for an
      // fsync, and the answer to the customer does not depend on it. The next holder in this process awaits it;
      // other instances see the lock free a moment later.
      const release: Promise<void> = scripts.batonUnlock(this.p, id, token).then(
        () => undefined,
        () => undefined,
      );
      this.releasing.set(id, release);
      void release.then(() => {
        if (this.releasing.get(id) === release) this.releasing.delete(id);
      });
    }
  }

  async listByMode(mode: ConversationRecord['mode']): Promise<ConversationRecord[]> {
    const ids = await this.redis.smembers(this.k('mode:' + mode));
    const out: ConversationRecord[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const pipe = this.redis.pipeline();
      for (const id of ids.slice(i, i + 500)) pipe.hmget(this.k('conv:' + id), 'rec', 'seq');
      for (const [, v] of (await pipe.exec()) ?? []) {
        const [rec, seq] = (v ?? [null, null]) as [string | null, string | null];
        if (rec !== null) out.push({ ...(JSON.parse(rec) as Omit<ConversationRecord, 'lastSeq'>), lastSeq: Number(seq ?? 0) });
      }
    }
    return out;
  }
  async countByMode() {
    const pipe = this.redis.pipeline();
    for (const m of MODES) pipe.scard(this.k('mode:' + m));
    const res = (await pipe.exec()) ?? [];
    const out = { bot: 0, waiting: 0, agent: 0, closed: 0 };
    MODES.forEach((m, i) => (out[m] = Number(res[i]?.[1] ?? 0)));
    return out;
  }

  async pruneClosed(before: number): Promise<number> {
    this.check();
    const ids = await this.redis.smembers(this.k('mode:closed'));
    const victims: Array<{ id: string; timers: string[]; handoffs: string[]; outbox: string[] }> = [];
    for (const id of ids) {
      const c = await this.getConversation(id);
      if (c && c.mode === 'closed' && c.closedAt !== null && c.closedAt < before) victims.push({ id: c.id, timers: [], handoffs: [], outbox: [] });
    }
    const byId = new Map(victims.map((v) => [v.id, v]));
    if (victims.length > 0) {
      const timers = await this.redis.hgetall(this.k('timers'));
      for (const [key, json] of Object.entries(timers)) byId.get((JSON.parse(json) as TimerRecord).conversationId)?.timers.push(key);
      const handoffs = await this.redis.hgetall(this.k('handoffs'));
      for (const [key, json] of Object.entries(handoffs)) byId.get((JSON.parse(json) as HandoffRecord).conversationId)?.handoffs.push(key);
    }
    const idem = await this.redis.zrangebyscore(this.k('idemAt'), '-inf', `(${before}`);
    // finished outbox items: of pruned conversations (deleted with them), or created before `before`
    const outboxOld: string[] = [];
    const outboxGone: string[] = [];
    const done = await this.redis.zrange(this.k('outboxDone'), '0', '-1');
    if (done.length > 0) {
      const items = await this.redis.hmget(this.k('outbox'), ...done);
      done.forEach((id, i) => {
        const json = items[i];
        if (json === null) return void outboxGone.push(id);
        const o = JSON.parse(json) as OutboxItem;
        if (o.status === 'pending') return;
        if (o.createdAt < before) outboxOld.push(id);
        else byId.get(o.conversationId)?.outbox.push(id);
      });
    }
    // One script: each victim is deleted only if it is still closed before `before` there (a customer message may
    // have reopened it on any instance since it was read above; storetest, session 6: it was deleted after the 200).
    const plan = JSON.stringify({ victims, idem, outboxOld, outboxGone });
    return Number(await (this.redis as unknown as RedisScripts).batonPrune(this.p, String(before), plan));
  }

  /* used once (session 48, apisec3): SET NX with the key's own expiry, so every instance sees it and Redis drops it */
  async claimOnce(key: string, until: number, now: number): Promise<boolean> {
    this.check();
    const ms = Math.max(1, Math.ceil(until - now));
    return (await this.redis.set(this.k('once:' + key), String(until), 'PX', ms, 'NX')) === 'OK';
  }

  /* idempotency */
  async getIdempotency(key: string) {
    const v = await this.redis.hget(this.k('idem'), key);
    return v === null ? null : (JSON.parse(v) as IdempotencyRecord);
  }

  /* timers */
  async claimDueTimers(now: number, limit: number, leaseMs: number): Promise<TimerRecord[]> {
    this.check();
    const raw = (await (this.redis as unknown as RedisScripts).batonClaim(this.p, 'timerAt', 'timerLease', String(now), String(limit), String(now + leaseMs), 'timers', this.owner)) as string[];
    return raw.map((s) => JSON.parse(s) as TimerRecord);
  }
  async nextTimerAt(): Promise<number | null> {
    const first = await this.redis.zrange(this.k('timerAt'), '0', '0', 'WITHSCORES');
    return first.length >= 2 ? Number(first[1]) : null;
  }

  /* outbox */
  async claimOutbox(now: number, limit: number, leaseMs: number): Promise<OutboxItem[]> {
    this.check();
    const raw = (await (this.redis as unknown as RedisScripts).batonClaim(this.p, 'outboxAt', 'outboxLease', String(now), String(limit), String(now + leaseMs), 'outbox', this.owner)) as string[];
    return raw.map((s) => JSON.parse(s) as OutboxItem).filter((o) => o.status === 'pending');
  }
  async completeOutbox(id: string, now: number): Promise<void> {
    const o = await this.getOutbox(id);
    if (!o) return;
    const next: OutboxItem = { ...o, status: 'done', attempts: o.attempts + 1 };
    await (this.redis as unknown as RedisScripts).batonFinishOutbox(this.p, id, JSON.stringify(next), '', String(now));
  }
  async failOutbox(id: string, error: string, nextAt: number | null): Promise<void> {
    const o = await this.getOutbox(id);
    if (!o) return;
    const attempts = o.attempts + 1;
    const next: OutboxItem = nextAt === null ? { ...o, attempts, lastError: error, status: 'dead' } : { ...o, attempts, lastError: error, nextAt };
    await (this.redis as unknown as RedisScripts).batonFinishOutbox(this.p, id, JSON.stringify(next), nextAt === null ? '' : String(nextAt), String(o.createdAt));
  }
  async getOutbox(id: string) {
    const v = await this.redis.hget(this.k('outbox'), id);
    return v === null ? null : (JSON.parse(v) as OutboxItem);
  }

  /* handoffs and records */
  async getHandoff(id: string) {
    const v = await this.redis.hget(this.k('handoffs'), id);
    return v === null ? null : (JSON.parse(v) as HandoffRecord);
  }
  async listHandoffs(filter: { status?: string; flowId?: string } = {}): Promise<HandoffRecord[]> {
    const all = Object.values(await this.redis.hgetall(this.k('handoffs'))).map((s) => JSON.parse(s) as HandoffRecord);
    return all
      .filter((h) => (filter.status === undefined || h.status === filter.status) && (filter.flowId === undefined || h.flowId === filter.flowId))
      .sort((a, b) => a.requestedAt - b.requestedAt || (a.id < b.id ? -1 : 1));
  }
  async listRecords(kind: 'ticket' | 'csat', filter: { flowId?: string } = {}): Promise<RecordItem[]> {
    const ids = await this.redis.zrange(this.k('recAt:' + kind), '0', '-1');
    if (ids.length === 0) return [];
    const raw = await this.redis.hmget(this.k('rec:' + kind), ...ids);
    return raw
      .filter((s): s is string => s !== null)
      .map((s) => JSON.parse(s) as RecordItem)
      .filter((r) => filter.flowId === undefined || r.flowId === filter.flowId);
  }

  /* push */
  subscribe(conversationId: string, listener: (entries: LogEntry[]) => void): () => void {
    this.events.on(conversationId, listener);
    return () => this.events.off(conversationId, listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.allSettled([...this.queues.values()]);
    await Promise.race([Promise.allSettled([...this.releasing.values()]), sleep(2000)]);
    await this.shared?.close();
    this.closed = true;
    this.events.removeAllListeners();
    if (this.presence) clearInterval(this.presence);
    // Gone on purpose: our claims are released at once (a crashed instance's lapse after PRESENCE_MS).
    if (this.redis.status === 'ready') await Promise.race([this.redis.del(this.k('inst:' + this.owner)).catch(() => undefined), sleep(2000)]);
    // QUIT when connected (replies already sent stay sent); when Redis is down, QUIT would wait for a reconnection.
    await Promise.allSettled(
      [this.sub, this.redis].map(async (c) => {
        if (c.status === 'ready') await Promise.race([c.quit().catch(() => undefined), sleep(2000)]);
        c.disconnect();
      }),
    );
  }
}

type NewEntryJson = Omit<LogEntry, 'id' | 'seq'>;

interface RedisScripts {
  batonCommit(prefix: string, plan: string, fence: string): Promise<unknown>;
  batonClaim(prefix: string, idx: string, leases: string, now: string, limit: string, until: string, items: string, owner: string): Promise<unknown>;
  batonFinishOutbox(prefix: string, id: string, json: string, nextAt: string, doneAt: string): Promise<unknown>;
  batonUnlock(prefix: string, id: string, token: string): Promise<unknown>;
  batonExtend(prefix: string, id: string, token: string, ttl: string): Promise<unknown>;
  batonPrune(prefix: string, before: string, plan: string): Promise<unknown>;
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

/** The URL without its password, for logs and messages. */
export function redactUrl(raw: string): string {
  try {
    const u = new URL(raw);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return '(invalid URL)';
  }
}
