/**
 * The embedded store: lmdb under a data folder, no server to install. Chosen by measurement
 * (test/bench/runtimeStoreCompare.ts): lmdb batches every write queued in one event turn into one transaction
 * and one fsync (group commit), ~40k durable message writes/s with 1,000 concurrent writers on the 2-core CI
 * machine, against ~5.5k for LevelDB (classic-level) and ~36k for SQLite (better-sqlite3 12).
 *
 * `commit` resolves after lmdb reports the transaction committed AND flushed to disk, so an acknowledged
 * message survives SIGKILL and power loss. Claims (timer and outbox leases) live in memory: they only stop two
 * loops of this process firing the same item at once; after a crash every claim is gone and overdue items fire.
 * One process owns a data folder (lmdb allows more, but `runExclusive` is in-process only).
 */
import { EventEmitter } from 'node:events';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { open, type Database, type RootDatabase, type RootDatabaseOptionsWithPath } from 'lmdb';
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

type Mode = ConversationRecord['mode'];
const MODES = conversationModes;
/** Upper bound for key ranges: ordered-binary sorts this after every string and number we store. */
const MAX = '\uffff';

/**
 * A write the data folder could not take (lmdb "Commit failed": disk full, I/O error). Nothing of that write was
 * stored; reads still work. The HTTP layer answers 507 (full) or 503 (other) with this message, never a 500.
 */
export class StoreWriteError extends Error {
  readonly statusCode: 507 | 503;
  constructor(
    readonly folder: string,
    readonly full: boolean,
    override readonly cause?: unknown,
  ) {
    super(
      full
        ? `The data folder ${folder} is full, so nothing was saved. Free some space on its disk (or move --data to a bigger disk); reading conversations still works.`
        : `The data folder ${folder} could not be written (${describe(cause)}), so nothing was saved. Check the disk; reading conversations still works.`,
    );
    this.name = 'StoreWriteError';
    this.statusCode = full ? 507 : 503;
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Free bytes under which a failed commit is reported as "the data folder is full" (and readiness stays down). */
export const LOW_SPACE_BYTES = 4 * 1024 * 1024;

function freeBytes(dir: string): number | null {
  try {
    const s = statfsSync(dir);
    return Number(s.bavail) * Number(s.bsize);
  } catch {
    return null;
  }
}

/**
 * How a conversation is stored: the record with the engine state's `recentTranscript` window (the last 30
 * transcript entries, ~3 KB of a ~5 KB record) replaced by null, and `r` = one reference per window entry. Each
 * window entry is also a message of the conversation's log (the runtime appends every transcript entry to the log
 * in the same commit), so it is stored as that log entry's seq (`WindowRef`): a message writes no window entries
 * of its own, only the few numbers of `r` inside the record it writes anyway. A window entry the log cannot give
 * back exactly is kept whole inside `r`. Records from older data folders are read as they are: `w` = [first, end)
 * keys of the window's entries in the `transcriptWindow` table (session 3), or no `w`/`r` at all (whole state
 * inline); each is converted on its next write.
 */
type StoredConversation = ConversationRecord & { w?: [number, number]; r?: WindowRef[] };

/**
 * One window entry: `seq` (the log entry at that seq, no blockId), `[seq, blockId]`, or the entry itself when the
 * log cannot rebuild it exactly (a field the log drops: an empty name or button list, extra button fields...).
 */
type WindowRef = number | [number, string] | Record<string, unknown>;

/** A decoded conversation: the record as callers see it, the window array it holds and how the window is stored. */
interface Hot {
  rec: ConversationRecord;
  win: unknown[] | null;
  /** Log references of `win` (same length), or null when `win` lives in the `transcriptWindow` table (older format). */
  refs: WindowRef[] | null;
  /** First `transcriptWindow` key of `win` (older format only). */
  start: number;
}

/**
 * True when the engine's transcript entry `e` is rebuilt exactly by `fromLog(a, e.blockId)` from the log entry `a`
 * (runtime/effects/planStep.ts `toLogEntry` copies from, text, at, name and non-empty buttons as {id, label}).
 */
function sameAsLog(e: Record<string, unknown>, a: LogEntry): boolean {
  if (e.from !== a.from || e.text !== a.text || e.at !== a.at || e.name !== a.name) return false;
  if (e.blockId !== undefined && typeof e.blockId !== 'string') return false;
  // No other fields (nor any set to undefined): the fields that are defined must be all there is.
  if (Object.keys(e).length !== 3 + (e.blockId !== undefined ? 1 : 0) + (e.name !== undefined ? 1 : 0) + (e.buttons !== undefined ? 1 : 0)) return false;
  const eb = e.buttons as Array<Record<string, unknown>> | undefined;
  const ab = a.buttons;
  if (eb === undefined) return ab === undefined;
  if (!Array.isArray(eb) || ab === undefined || eb.length !== ab.length) return false;
  for (let i = 0; i < eb.length; i++) {
    const b = eb[i];
    if (b === null || typeof b !== 'object' || b.id !== ab[i].id || b.label !== ab[i].label || Object.keys(b).length !== 2) return false;
  }
  return true;
}

/** How many leading entries of `prev` slid out when `W` = `prev[kept..]` + new entries, compared by value; -1 if not so. */
function alignByValue(prev: unknown[], W: unknown[]): number {
  const first = JSON.stringify(W[0]);
  for (let i = 0; i < prev.length; i++) {
    if (prev.length - i > W.length) continue;
    if (JSON.stringify(prev[i]) !== first) continue;
    let j = i + 1;
    while (j < prev.length && JSON.stringify(prev[j]) === JSON.stringify(W[j - i])) j++;
    if (j === prev.length) return i;
  }
  return -1;
}

/** The transcript entry a window reference stands for (fields in the engine's order: see shared/engine/run.ts `say`). */
function fromLog(a: LogEntry, blockId: string | undefined): Record<string, unknown> {
  const e: Record<string, unknown> = { from: a.from, text: a.text, at: a.at };
  if (blockId !== undefined) e.blockId = blockId;
  if (a.name !== undefined) e.name = a.name;
  if (a.buttons !== undefined) e.buttons = a.buttons;
  return e;
}

/** How many decoded conversations stay in memory (write-through LRU): ~7 MB less RSS than 4,096 with 10,000 idle
 * conversations, and still twice the load bench's 1,000 active conversations. */
const HOT_CONVERSATIONS = 2048;

export interface EmbeddedStoreOptions {
  /** Folder for the lmdb files (created when missing). */
  dir: string;
}

export class EmbeddedStore implements RuntimeStore {
  readonly description: string;
  private root: RootDatabase;
  private convs: Database<ConversationRecord, string>;
  private modeIdx: Database<null, [string, string]>;
  private ext: Database<string, string>;
  private log: Database<LogEntry, [string, number]>;
  private timers: Database<TimerRecord, string>;
  private timerIdx: Database<null, [number, string]>;
  private outbox: Database<OutboxItem, string>;
  private outboxIdx: Database<null, [number, string]>;
  private handoffs: Database<HandoffRecord, string>;
  private records: Database<RecordItem, [string, number, string]>;
  private idem: Database<IdempotencyRecord, string>;
  private flows: Database<FlowRevisionRecord, [string, string]>;
  private active: Database<string, string>;
  /** The engine's transcript window, one entry per key [conversationId, n] (see `StoredConversation`). */
  private window: Database<unknown, [string, number]>;
  /** Hot conversations, decoded, least recently used first (see `load`). */
  private hot = new Map<string, Hot>();
  private leases = new Map<string, number>();
  private queues = new Map<string, Promise<unknown>>();
  private events = new EventEmitter();
  private closed = false;
  private lockFile: string;
  private dir: string;
  /** The last write failure while it lasts (cleared by a successful commit, or once the disk has room again). */
  private writeFailure: StoreWriteError | null = null;

  constructor(opts: EmbeddedStoreOptions) {
    mkdirSync(opts.dir, { recursive: true });
    this.lockFile = takeLock(opts.dir + '/baton.lock');
    this.description = `lmdb at ${opts.dir}`;
    this.dir = resolvePath(opts.dir);
    // eventTurnBatching off: with it, lmdb wraps each event turn's writes in a batch whose commit promise it keeps to
    // itself, and a failed commit (disk full) rejects that promise with nobody to catch it (an unhandled rejection
    // kills the process). Without it, every write this store makes is a `transaction` whose promise `durable` awaits
    // and catches; lmdb still commits all transactions queued meanwhile together (group commit: measured the same
    // transactions/s and CPU per transaction with 500 concurrent writers).
    // useRecords off: values are written as plain msgpack maps. With msgpackr's records (lmdb's default, no shared
    // structures) every value carried its own record definitions (the key names plus bookkeeping), rebuilt on each
    // write: encoding a conversation record took ~1.5x as long (test/bench/storeCommitBench.ts). Reading is
    // unchanged: values written with records by older versions decode as before.
    this.root = open({ path: opts.dir + '/baton.lmdb', compression: false, maxDbs: 20, eventTurnBatching: false, useRecords: false } as RootDatabaseOptionsWithPath);
    const sub = <V, K extends import('lmdb').Key>(name: string) => this.root.openDB<V, K>({ name });
    // Decoded conversation records are kept in `hot` (our own LRU, write-through): a message reads its record up
    // to three times (token check, step, commit), and decoding was the largest CPU cost in a profile under load.
    this.convs = this.root.openDB<ConversationRecord, string>({ name: 'conversations' });
    this.window = sub('transcriptWindow');
    this.modeIdx = sub('modeIndex');
    this.ext = sub('externalKeys');
    this.log = sub('log');
    this.timers = sub('timers');
    this.timerIdx = sub('timerIndex');
    this.outbox = sub('outbox');
    this.outboxIdx = sub('outboxIndex');
    this.handoffs = sub('handoffs');
    this.records = sub('records');
    this.idem = sub('idempotency');
    this.flows = sub('flows');
    this.active = sub('activeRevisions');
    this.events.setMaxListeners(0);
  }

  /** Runs `fn` in a write transaction and resolves once it is on disk. `conversationId`: forgotten from `hot` on failure. */
  private async durable<T>(fn: () => T, conversationId?: string): Promise<T> {
    if (this.closed) throw new Error('store is closed');
    let result: T;
    try {
      if (this.failNext > 0) {
        this.failNext--;
        throw Object.assign(new Error('Commit failed (see commitError for details)'), {
          code: 'ENOSPC',
          commitError: Promise.reject(Object.assign(new Error('No space left on device'), { code: 'ENOSPC' })),
        });
      }
      result = (await this.root.transaction(fn)) as T;
      await this.root.flushed;
    } catch (err) {
      // `hot` may hold what the failed transaction wrote: read this conversation from disk next time.
      if (conversationId !== undefined) this.hot.delete(conversationId);
      throw this.writeError(err);
    }
    if (this.writeFailure) this.writeFailure = null;
    return result;
  }

  /**
   * A failed lmdb commit becomes a StoreWriteError (and is remembered for `writeProblem`); anything else (a
   * StoreConflictError thrown by our own transaction code) passes through. lmdb attaches the low-level cause as
   * a promise (`commitError`) that nobody else awaits: it is handled here, or the process would die on an
   * unhandled rejection (hostile report: a full disk killed `baton serve`).
   */
  private writeError(err: unknown): unknown {
    const commitError = (err as { commitError?: unknown } | null)?.commitError;
    if (commitError instanceof Promise) commitError.catch(() => undefined);
    const code = (err as NodeJS.ErrnoException | null)?.code;
    const failed = commitError !== undefined || /commit failed|MDB_MAP_FULL|ENOSPC|EIO|EDQUOT|EROFS/i.test(`${code ?? ''} ${describe(err)}`);
    if (!failed) return err;
    const free = freeBytes(this.dir);
    const e = new StoreWriteError(this.dir, code === 'ENOSPC' || (free !== null && free < LOW_SPACE_BYTES), err);
    this.writeFailure = e;
    return e;
  }

  /**
   * Why writes are failing right now, or null when they work. After a failed commit, each call (at most one
   * per second) retries a tiny probe write, so readiness comes back by itself once space was freed even when no
   * traffic arrives. `/readyz` answers 503 with this message.
   */
  async writeProblem(): Promise<string | null> {
    const f = this.writeFailure;
    if (!f) return null;
    if (Date.now() - this.lastProbe >= 1000 && !this.closed) {
      this.lastProbe = Date.now();
      const probe = this.durable(() => this.active.put('\u0000write-probe', String(this.lastProbe))).catch(() => undefined);
      // Readiness answers within a second; a probe still pending keeps the recorded failure until it ends.
      await Promise.race([probe, new Promise((r) => setTimeout(r, 1000).unref())]);
    }
    return this.writeFailure?.message ?? null;
  }
  private lastProbe = 0;

  /** Test hook: the next `failures` writes fail as lmdb reports a full disk (ENOSPC), then writes work again. */
  simulateCommitFailures(failures: number): void {
    this.failNext = failures;
  }
  private failNext = 0;


  /* flows */
  putFlowRevision(rec: FlowRevisionRecord): Promise<void> {
    return this.durable(() => {
      this.flows.put([rec.flowId, rec.revision], rec);
    });
  }
  async getFlowRevision(flowId: string, revision: string) {
    return this.flows.get([flowId, revision]) ?? null;
  }
  setActiveRevision(flowId: string, revision: string): Promise<void> {
    return this.durable(() => {
      this.active.put(flowId, revision);
    });
  }
  async getActiveRevision(flowId: string) {
    return this.active.get(flowId) ?? null;
  }

  /* conversations */
  async getConversation(id: string) {
    return this.load(id)?.rec ?? null;
  }
  async findByExternalKey(externalKey: string) {
    const id = this.ext.get(externalKey);
    return id === undefined ? null : (this.load(id)?.rec ?? null);
  }

  /**
   * A conversation, decoded: from `hot`, else read (its record, then its transcript window) and remembered.
   * Records are never mutated in place (callers spread them), so sharing the object is safe. Inside a transaction
   * callback the reads see that transaction's earlier writes, as `hot` does.
   */
  private load(id: string): Hot | undefined {
    const h = this.hot.get(id);
    if (h) {
      this.hot.delete(id); // most recently used last
      this.hot.set(id, h);
      return h;
    }
    const stored = this.convs.get(id) as StoredConversation | undefined;
    if (stored === undefined) return undefined;
    let entry: Hot;
    if (stored.r) {
      const { r: refs, ...rest } = stored;
      const win = this.windowFromLog(id, refs);
      entry = { rec: { ...rest, state: { ...(rest.state as object), recentTranscript: win } }, win, refs, start: 0 };
    } else if (stored.w) {
      const [start, end] = stored.w;
      const win: unknown[] = [];
      for (const { value } of this.window.getRange({ start: [id, start], end: [id, end] })) win.push(value);
      const { w: _w, ...rest } = stored;
      entry = { rec: { ...rest, state: { ...(rest.state as object), recentTranscript: win } }, win, refs: null, start };
    } else {
      entry = { rec: stored, win: null, refs: null, start: 0 }; // written before the window was split out: whole state inline
    }
    this.remember(id, entry);
    return entry;
  }

  /** Rebuilds a window from its log references (one range read over the log entries it names). */
  private windowFromLog(id: string, refs: WindowRef[]): unknown[] {
    let lo = Infinity;
    let hi = -Infinity;
    for (const ref of refs) {
      const seq = typeof ref === 'number' ? ref : Array.isArray(ref) ? ref[0] : null;
      if (seq !== null) {
        if (seq < lo) lo = seq;
        if (seq > hi) hi = seq;
      }
    }
    const bySeq = new Map<number, LogEntry>();
    if (lo <= hi) for (const { value } of this.log.getRange({ start: [id, lo], end: [id, hi + 1] })) bySeq.set(value.seq, value);
    const win: unknown[] = [];
    for (const ref of refs) {
      if (typeof ref === 'number' || Array.isArray(ref)) {
        const a = bySeq.get(typeof ref === 'number' ? ref : ref[0]);
        // The log keeps every entry until the conversation is pruned with it; a missing one is left out, not invented.
        if (a) win.push(fromLog(a, typeof ref === 'number' ? undefined : ref[1]));
      } else win.push(ref);
    }
    return win;
  }

  private remember(id: string, entry: Hot): void {
    this.hot.delete(id);
    this.hot.set(id, entry);
    if (this.hot.size > HOT_CONVERSATIONS) this.hot.delete(this.hot.keys().next().value as string);
  }

  /**
   * Writes a conversation record (inside a transaction). The state's `recentTranscript` window is stored as
   * references (`WindowRef`): entries kept from the prior window (found by identity: the engine's new window shares
   * the entries it kept) keep their reference; a new entry refers to the log entry this commit appended for it
   * (`appended`), or is kept whole when none rebuilds it exactly. A prior window in the older `transcriptWindow`
   * table is removed from it.
   */
  private putConversation(record: ConversationRecord, prior: Hot | undefined, appended: LogEntry[]): void {
    const id = record.id;
    const state = record.state as { recentTranscript?: unknown } | null;
    const W = state !== null && typeof state === 'object' && Array.isArray(state.recentTranscript) ? (state.recentTranscript as unknown[]) : null;
    const prev = prior?.win ?? null;
    if (prev && prior!.refs === null) this.removeWindow(id, prior!.start, prior!.start + prev.length); // older format
    if (W === null) {
      this.convs.put(id, record);
      this.remember(id, { rec: record, win: null, refs: null, start: 0 });
      return;
    }
    let kept = -1; // how many leading entries of `prev` slid out, when W = prev[kept..] + new entries
    if (prev && prior!.refs) {
      if (W.length === 0) kept = prev.length;
      else {
        const i = prev.indexOf(W[0]);
        if (i >= 0 && prev.length - i <= W.length) {
          kept = i;
          for (let j = i; j < prev.length; j++) if (prev[j] !== W[j - i]) kept = -1;
        }
        // The caller's state came from a copy of this record that is no longer in `hot` (evicted meanwhile, e.g. by
        // a listing of every conversation): its entries are equal to ours but not the same objects. Compare values.
        if (kept < 0) kept = alignByValue(prev, W);
      }
    }
    const refs: WindowRef[] = kept >= 0 ? prior!.refs!.slice(kept) : [];
    let p = 0; // next appended entry to match: transcript entries are appended in order
    for (let j = refs.length; j < W.length; j++) {
      const e = W[j] as Record<string, unknown>;
      let ref: WindowRef = e;
      if (e !== null && typeof e === 'object' && !Array.isArray(e)) {
        for (let q = p; q < appended.length; q++) {
          if (sameAsLog(e, appended[q])) {
            ref = e.blockId === undefined ? appended[q].seq : [appended[q].seq, e.blockId as string];
            p = q + 1;
            break;
          }
        }
      }
      refs.push(ref);
    }
    const stored: StoredConversation = { ...record, state: { ...(state as object), recentTranscript: null }, r: refs };
    this.convs.put(id, stored as never);
    this.remember(id, { rec: record, win: W, refs, start: 0 });
  }

  private removeWindow(id: string, from: number, to: number): void {
    for (let j = from; j < to; j++) this.window.remove([id, j]);
  }
  async readLog(conversationId: string, afterSeq: number, limit = 1000): Promise<LogEntry[]> {
    const out: LogEntry[] = [];
    for (const { value } of this.log.getRange({ start: [conversationId, afterSeq + 1], end: [conversationId, Number.MAX_SAFE_INTEGER], limit })) {
      out.push(value);
    }
    return out;
  }

  async commit(w: StepWrite): Promise<CommitResult> {
    const result = await this.durable(() => {
      const c = w.conversation;
      const priorHot = this.load(c.id);
      const prior = priorHot?.rec;
      if (w.create && prior) throw new StoreConflictError(`conversation ${c.id} already exists`);
      if (!w.create && !prior) throw new StoreConflictError(`conversation ${c.id} does not exist`);
      if (w.create && c.externalKey !== undefined && this.ext.get(c.externalKey) !== undefined) {
        throw new StoreConflictError(`external key ${c.externalKey} is already mapped`);
      }
      let seq = prior?.lastSeq ?? 0;
      const appended: LogEntry[] = [];
      for (const e of w.append ?? []) {
        seq += 1;
        const entry: LogEntry = { ...e, id: `${c.id}:${seq}`, seq };
        this.log.put([c.id, seq], entry);
        appended.push(entry);
      }
      const record: ConversationRecord = { ...c, lastSeq: seq };
      this.putConversation(record, priorHot, appended);
      if (prior && prior.mode !== c.mode) this.modeIdx.remove([prior.mode, c.id]);
      if (!prior || prior.mode !== c.mode) this.modeIdx.put([c.mode, c.id], null);
      if (c.externalKey !== undefined && prior?.externalKey !== c.externalKey) this.ext.put(c.externalKey, c.id);
      for (const key of w.cancelTimers ?? []) {
        const t = this.timers.get(key);
        if (t) {
          this.timers.remove(key);
          this.timerIdx.remove([t.at, key]);
        }
      }
      for (const t of w.setTimers ?? []) {
        const old = this.timers.get(t.key);
        if (old) this.timerIdx.remove([old.at, t.key]);
        this.timers.put(t.key, t);
        this.timerIdx.put([t.at, t.key], null);
      }
      for (const o of w.outbox ?? []) {
        if (this.outbox.get(o.id)) continue; // idempotent: already queued or sent
        this.outbox.put(o.id, { ...o, attempts: 0, lastError: null, status: 'pending' });
        this.outboxIdx.put([o.nextAt, o.id], null);
      }
      for (const h of w.handoffs ?? []) this.handoffs.put(h.id, h);
      for (const r of w.records ?? []) this.records.put([r.kind, r.at, r.id], r);
      if (w.idempotency) this.idem.put(w.idempotency.key, w.idempotency);
      return { appended, lastSeq: seq };
    }, w.conversation.id);
    if (result.appended.length > 0) this.events.emit(w.conversation.id, result.appended);
    return result;
  }

  runExclusive<T>(conversationId: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.queues.get(conversationId) ?? Promise.resolve();
    const run = prev.then(fn, fn);
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

  async listByMode(mode: ConversationRecord['mode']): Promise<ConversationRecord[]> {
    const out: ConversationRecord[] = [];
    for (const key of this.modeIdx.getKeys({ start: [mode, ''], end: [mode, MAX] })) {
      const c = this.load(key[1] as string)?.rec;
      if (c) out.push(c);
    }
    return out;
  }
  async countByMode() {
    const out = { bot: 0, waiting: 0, agent: 0, closed: 0 };
    for (const m of MODES) out[m] = this.modeIdx.getKeysCount({ start: [m, ''], end: [m, MAX] });
    return out;
  }

  async pruneClosed(before: number): Promise<number> {
    const victims: ConversationRecord[] = [];
    for (const key of this.modeIdx.getKeys({ start: ['closed', ''], end: ['closed', MAX] })) {
      const c = this.convs.get(key[1]) as StoredConversation | undefined; // record fields only (no window needed)
      if (c && c.closedAt !== null && c.closedAt < before) victims.push(c);
    }
    const victimIds = new Set(victims.map((v) => v.id));
    await this.durable(() => {
      for (const c of victims) {
        for (const key of this.log.getKeys({ start: [c.id, 0], end: [c.id, Number.MAX_SAFE_INTEGER] })) this.log.remove(key);
        for (const key of this.window.getKeys({ start: [c.id, 0], end: [c.id, Number.MAX_SAFE_INTEGER] })) this.window.remove(key);
        this.convs.remove(c.id);
        this.hot.delete(c.id);
        this.modeIdx.remove(['closed', c.id]);
        if (c.externalKey !== undefined) this.ext.remove(c.externalKey);
      }
      for (const { key, value } of this.timers.getRange({})) {
        if (victimIds.has(value.conversationId)) {
          this.timers.remove(key);
          this.timerIdx.remove([value.at, key]);
        }
      }
      for (const { key, value } of this.idem.getRange({})) if (value.at < before) this.idem.remove(key);
      const ids = new Set(victims.map((v) => v.id));
      for (const { key, value } of this.handoffs.getRange({})) if (ids.has(value.conversationId)) this.handoffs.remove(key);
      for (const { key, value } of this.outbox.getRange({})) {
        if (value.status !== 'pending' && (ids.has(value.conversationId) || value.createdAt < before)) this.outbox.remove(key);
      }
    });
    return victims.length;
  }

  /* idempotency */
  async getIdempotency(key: string) {
    return this.idem.get(key) ?? null;
  }

  /* timers */
  private claim(key: string, now: number, leaseMs: number): boolean {
    const until = this.leases.get(key);
    if (until !== undefined && until > now) return false;
    this.leases.set(key, now + leaseMs);
    return true;
  }

  async claimDueTimers(now: number, limit: number, leaseMs: number): Promise<TimerRecord[]> {
    const out: TimerRecord[] = [];
    for (const key of this.timerIdx.getKeys({ start: [0, ''], end: [now, MAX] })) {
      if (out.length >= limit) break;
      const t = this.timers.get(key[1]);
      if (!t) continue;
      if (this.claim('t:' + t.key, now, leaseMs)) out.push(t);
    }
    return out;
  }

  async nextTimerAt(): Promise<number | null> {
    for (const key of this.timerIdx.getKeys({ limit: 1 })) return key[0];
    return null;
  }

  /* outbox */
  async claimOutbox(now: number, limit: number, leaseMs: number): Promise<OutboxItem[]> {
    const out: OutboxItem[] = [];
    for (const key of this.outboxIdx.getKeys({ start: [0, ''], end: [now, MAX] })) {
      if (out.length >= limit) break;
      const o = this.outbox.get(key[1]);
      if (!o || o.status !== 'pending') continue;
      if (this.claim('o:' + o.id, now, leaseMs)) out.push(o);
    }
    return out;
  }

  completeOutbox(id: string, _now: number): Promise<void> {
    this.leases.delete('o:' + id);
    return this.durable(() => {
      const o = this.outbox.get(id);
      if (!o) return;
      this.outboxIdx.remove([o.nextAt, id]);
      this.outbox.put(id, { ...o, status: 'done', attempts: o.attempts + 1 });
    });
  }

  failOutbox(id: string, error: string, nextAt: number | null): Promise<void> {
    this.leases.delete('o:' + id);
    return this.durable(() => {
      const o = this.outbox.get(id);
      if (!o) return;
      this.outboxIdx.remove([o.nextAt, id]);
      const attempts = o.attempts + 1;
      if (nextAt === null) {
        this.outbox.put(id, { ...o, attempts, lastError: error, status: 'dead' });
      } else {
        this.outbox.put(id, { ...o, attempts, lastError: error, nextAt });
        this.outboxIdx.put([nextAt, id], null);
      }
    });
  }

  async getOutbox(id: string) {
    return this.outbox.get(id) ?? null;
  }

  /* handoffs and records */
  async getHandoff(id: string) {
    return this.handoffs.get(id) ?? null;
  }

  async listHandoffs(filter: { status?: string; flowId?: string } = {}): Promise<HandoffRecord[]> {
    const out: HandoffRecord[] = [];
    for (const { value } of this.handoffs.getRange({})) {
      if (filter.status !== undefined && value.status !== filter.status) continue;
      if (filter.flowId !== undefined && value.flowId !== filter.flowId) continue;
      out.push(value);
    }
    return out.sort((a, b) => a.requestedAt - b.requestedAt);
  }

  async listRecords(kind: 'ticket' | 'csat', filter: { flowId?: string } = {}): Promise<RecordItem[]> {
    const out: RecordItem[] = [];
    for (const { value } of this.records.getRange({ start: [kind, 0, ''], end: [kind, Number.MAX_SAFE_INTEGER, MAX] })) {
      if (filter.flowId !== undefined && value.flowId !== filter.flowId) continue;
      out.push(value);
    }
    return out;
  }

  subscribe(conversationId: string, listener: (entries: LogEntry[]) => void): () => void {
    this.events.on(conversationId, listener);
    return () => this.events.off(conversationId, listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.allSettled([...this.queues.values()]);
    this.closed = true;
    try {
      await this.root.flushed;
    } catch {
      /* the last commit failed (disk full): nothing more to flush; close anyway */
    }
    await this.root.close();
    rmSync(this.lockFile, { force: true });
  }
}

export class DataFolderInUseError extends Error {}

/**
 * One process per data folder: `runExclusive` and the timer/outbox claims are in-process only, so a second
 * `baton serve` on the same folder would process one conversation twice at once. A lock file holds the owner's
 * pid; a lock left by a dead process (SIGKILL, power loss) is taken over.
 */
function takeLock(file: string): string {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return file;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
        throw new DataFolderInUseError(
          `the data folder ${file.replace(/\/baton\.lock$/, '')} is in use by process ${pid}; stop it, or give this one another --data folder (several instances share conversations through --redis)`,
        );
      }
      rmSync(file, { force: true }); // stale: its owner is gone
    }
  }
  throw new DataFolderInUseError(`cannot lock ${file}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
