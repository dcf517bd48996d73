/**
 * The embedded store: lmdb under a data folder, no server to install. Chosen by measurement
 * (test/bench/runtimeStoreCompare.ts): lmdb batches every write queued in one event turn into one transaction
 * and one fsync (group commit), ~40k durable message writes/s with 1,000 concurrent writers on the 2-core CI
 * machine, against ~5.5k for LevelDB (classic-level) and ~36k for SQLite (better-sqlite3 12).
 *
 * `commit` resolves after lmdb reports the transaction committed AND flushed to disk, so an acknowledged
 * message survives SIGKILL and power loss. Writes run on a writer thread (`embeddedWriter.mjs`, session 5): this
 * thread plans each write (sequence numbers, the transcript window's log references, the `hot` cache) and posts
 * the plan; the writer thread encodes, checks what must see earlier writes (conflicts) and writes it in an lmdb
 * transaction, then reports it durable. Reads stay here (lmdb reads are cheap and synchronous). Claims (timer and outbox leases) live in memory: they only stop two
 * loops of this process firing the same item at once; after a crash every claim is gone and overdue items fire.
 * One process owns a data folder (lmdb allows more, but `runExclusive` is in-process only).
 */
import { EventEmitter } from 'node:events';
import { mkdirSync, statfsSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { open, type Database, type RootDatabase, type RootDatabaseOptionsWithPath } from 'lmdb';
import { WriteConflict, openDatabases, quietLmdbConsole, writeOps } from './embeddedWriter.mjs';
import { lockToken, takePidLock, type PidLock } from '../pidLock';
import { MARK, trace } from '../serve/latencyTrace';
import { MemorySharedState } from './sharedState';
import {
  StoreConflictError,
  conversationModes,
  type CommitResult,
  type ConversationRecord,
  type FlowRevisionRecord,
  type HandoffRecord,
  type IdempotencyRecord,
  type LogEntry,
  type NewLogEntry,
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

/**
 * Session 19 (fixrt; hostile s13 #5, s17 #9): the data folder's lock was taken over by another process (this one
 * stalled: SIGSTOP, `docker pause`, a frozen VM) or its file was removed. Two processes must never write one folder, so
 * this store refuses every write from then on (the server answers 503 with this message, /readyz is not ready); reads
 * still work. A StoreWriteError by name and status, so every caller (HTTP routes, the shards' protocol) answers it so.
 */
export class StoreLockLostError extends StoreWriteError {
  constructor(folder: string, why: string) {
    super(folder, false);
    this.message = `This server no longer holds the lock on its data folder ${folder} (${why}), so it stopped writing to it: nothing was saved. Another baton process serves that folder now. Stop this server (or, if the other process should not be there, stop it and restart this one); give each server its own --data folder, or share conversations through --redis.`;
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Smallest readiness probe write after a failed commit (see `writeProblem`): at least the write that failed. */
const PROBE_BYTES = 8192;
/** The readiness probe's key (in the active-revisions table, where no flow id can start with NUL). */
const PROBE_KEY = '\u0000write-probe';
/** Largest readiness probe (a failed write bigger than this is probed with this much). */
const PROBE_MAX_BYTES = 4 * 1024 * 1024;

/** Bytes a write carries, as JSON (computed only while writes are failing, never on the normal path). */
function sizeOf(x: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(x) ?? '');
  } catch {
    return 0;
  }
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
type StoredConversation = ConversationRecord & { w?: [number, number]; r?: WindowRef[]; q?: RefRun[]; p?: number; d?: number; lo?: number; g?: number[]; gs?: 1 };

/**
 * Writing less per message (session 8). A customer message used to re-serialise and rewrite the whole record
 * (~2.6 KB of JSON after 30 messages: the state's parts ~1.9 KB, the window's references ~0.6 KB). Now:
 * - `q`: the window's references, run-length encoded (`RefRun`): consecutive seqs with the same blockId are one run
 *   (a waiting conversation's 30 references: ~570 bytes as `r`, ~40 as `q`). `r` is still read (older records).
 * - `p`: which state fields are stored under their own keys in the `stateParts` table ([conversationId, name], JSON
 *   text): bit i = `PART_FIELDS[i]`; the record's state holds 0 in their place (so the field order reads back
 *   unchanged). A field goes there
 *   when a commit finds it unchanged since the previous write (the same object, or a copy with the same members),
 *   and stays there, written again only when it changes: a field that changes on every message (the variables,
 *   the step counter) stays in the record, one that rarely changes (`intents`, `entities`, `lastEscalation`,
 *   `handoff`, `timers`, `waiting`, `escalation`) is written once per change instead of once per message. A changed
 *   field goes back into the record for that write (its old part is left in place, unread, until it is stable again
 *   and overwritten, or the conversation is pruned): so a field that changes often costs no extra write.
 * - `d`: state fields equal to the record's own field of that name (`SAME_AS_RECORD`: the state's id, flowId,
 *   flowRevision and mode repeat the record's), bit i = `SAME_AS_RECORD[i]`, stored as 0.
 * Records without `p`/`d` (older folders) have every field inline and are converted on their next write.
 */
type RefRun = [number, number] | [number, number, string] | Record<string, unknown>;

/**
 * State fields that may live in `stateParts` (see `StoredConversation`): the engine's object-valued fields. Stored
 * records name them by their index here (`p`): add new names at the end, never reorder or remove.
 */
const PART_FIELDS = ['waiting', 'variables', 'intents', 'entities', 'escalation', 'lastEscalation', 'handoff', 'timers', 'recentEventIds'] as const;
/** State fields that repeat the record's field of the same name (see `StoredConversation.d`); append only, as above. */
const SAME_AS_RECORD = ['id', 'flowId', 'flowRevision', 'mode'] as const;

/** True when `b` has the same members as `a` (each the same value or the same object): a copy the engine made. */
function sameMembers(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  // Same keys in the same order (the stored JSON must read back with the field order the caller has).
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i] || (a as Record<string, unknown>)[ka[i]] !== (b as Record<string, unknown>)[ka[i]]) return false;
  return true;
}

/** The window's references as runs (see `StoredConversation.q`). */
function encodeRefs(refs: WindowRef[]): RefRun[] {
  const out: RefRun[] = [];
  let run: number[] | null = null;
  let runB: string | undefined;
  for (const ref of refs) {
    let seq: number;
    let b: string | undefined;
    if (typeof ref === 'number') seq = ref;
    else if (Array.isArray(ref)) {
      seq = ref[0];
      b = ref[1];
    } else {
      out.push(ref);
      run = null;
      continue;
    }
    if (run !== null && runB === b && run[0] + run[1] === seq) run[1]++;
    else {
      run = b === undefined ? [seq, 1] : ([seq, 1, b] as unknown as number[]);
      runB = b;
      out.push(run as RefRun);
    }
  }
  return out;
}

/** The window references a stored record holds (`q` or, written before session 8, `r`); for tests and tools. */
export function storedWindowRefs(stored: { q?: RefRun[]; r?: WindowRef[] }): WindowRef[] | undefined {
  return stored.q ? decodeRefs(stored.q) : stored.r;
}

/** The references a `q` stands for. */
function decodeRefs(runs: RefRun[]): WindowRef[] {
  const out: WindowRef[] = [];
  for (const run of runs) {
    if (!Array.isArray(run)) {
      out.push(run);
      continue;
    }
    const s0 = run[0] as number;
    const n = run[1] as number;
    const b = run[2] as string | undefined;
    for (let i = 0; i < n; i++) out.push(b === undefined ? s0 + i : [s0 + i, b]);
  }
  return out;
}

/**
 * Where a conversation's log entries are (session 5, "write amplification"). The `log` table keys entries by
 * [conversationId, seq]: conversation ids are random, so every message wrote its entries into a random B-tree page
 * (copy-on-write: a whole 4 KB page per message, half of the bytes lmdb wrote). Entries are now appended to the
 * `journal` table under one process-wide increasing number (all the entries of a group commit land in the same
 * few pages at the tree's right edge), and the record says where its entries are:
 * - `lo`: entries with seq <= lo are in the `log` table (written by older versions; 0 for a new conversation);
 * - `g`: runs, flat triples [seq0, n0, g0, ...]: entries seq0 .. seq0+n0-1 are journal numbers g0 .. g0+n0-1 (one
 *   commit's entries are consecutive), for the latest commits;
 * - `gs`: 1 when older runs were moved to the `logRuns` table (key [conversationId, seq0 of their first run]) so that
 *   `g` stays short (RUNS_KEPT): one random write every RUNS_KEPT commits instead of one per message.
 */
interface LogPlace {
  lo: number;
  runs: number[];
  spilled: boolean;
  /** Runs this place's commit moves to `logRuns`, while that write is on its way (reads must still find them). */
  spilling?: number[];
}
/** Runs kept inside a record before they move to `logRuns`. */
// 8 since session 8 (was 24): a message rewrites ~12 triples fewer (the record is JSON text written on every message);
// one more `logRuns` put every 8 commits. storeCommitBench, same run, inline, 200 x 30 messages, 7 rounds: 24 -> 49.2,
// 12 -> 45.6, 8 -> 42.8 µs/msg (main thread 37.0 / 33.8 / 32.3); data file unchanged (4.4 MB).
const RUNS_KEPT = 8;

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
  /** Where its log entries are (see `LogPlace`); set by `load` and `commitNow`. */
  place?: LogPlace;
  /** State fields stored in `stateParts` as of the last write (see `StoredConversation.p`: a bit mask); 0: none. */
  parts?: number;
}

/**
 * True when the engine's transcript entry `e` is rebuilt exactly by `fromLog(a, e.blockId)` from the log entry `a`
 * (runtime/effects/planStep.ts `toLogEntry` copies from, text, at, name and non-empty buttons as {id, label}).
 */
function sameAsLog(e: Record<string, unknown>, a: LogEntry): boolean {
  if (e.from !== a.from || e.text !== a.text || e.at !== a.at || e.name !== a.name || e.rating !== a.rating || e.unanswered !== a.unanswered) return false;
  if (e.blockId !== undefined && typeof e.blockId !== 'string') return false;
  // No other fields (nor any set to undefined): the fields that are defined must be all there is.
  if (Object.keys(e).length !== 3 + (e.blockId !== undefined ? 1 : 0) + (e.name !== undefined ? 1 : 0) + (e.buttons !== undefined ? 1 : 0) + (e.rating !== undefined ? 1 : 0) + (e.unanswered !== undefined ? 1 : 0)) return false;
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
  if (a.rating !== undefined) e.rating = a.rating;
  if (a.unanswered !== undefined) e.unanswered = a.unanswered;
  return e;
}

/** Conversations removed per prune transaction (see `pruneClosed`). */
const PRUNE_BATCH = 500;
/** Old idempotency records (and finished outbox items) removed per sweep transaction (see `pruneClosed`). */
const SWEEP_BATCH = 2000;

/** How many decoded conversations stay in memory (write-through LRU): ~7 MB less RSS than 4,096 with 10,000 idle
 * conversations, and still twice the load bench's 1,000 active conversations. */
const HOT_CONVERSATIONS = 2048;

/**
 * lmdb environment options, the same on the reading (this) thread and the writer thread.
 * eventTurnBatching off: with it, lmdb wraps each event turn's writes in a batch whose commit promise it keeps to
 * itself, and a failed commit (disk full) rejects that promise with nobody to catch it (an unhandled rejection
 * kills the process). Without it, every write is a `transaction` whose promise the writer awaits and catches; lmdb
 * still commits all transactions queued meanwhile together (group commit: measured the same transactions/s and CPU
 * per transaction with 500 concurrent writers).
 * useRecords off: values are written as plain msgpack maps. With msgpackr's records (lmdb's default, no shared
 * structures) every value carried its own record definitions (the key names plus bookkeeping), rebuilt on each
 * write: encoding a conversation record took ~1.5x as long (test/bench/storeCommitBench.ts). Reading is
 * unchanged: values written with records by older versions decode as before.
 */
const LMDB_OPTIONS = { compression: false, maxDbs: 32, eventTurnBatching: false, useRecords: false } as const;

/** Store field -> lmdb database name (null: the root database). The writer thread opens the same ones. */
const DB_NAMES = {
  convs: 'conversations',
  window: 'transcriptWindow',
  parts: 'stateParts',
  modeIdx: 'modeIndex',
  ext: 'externalKeys',
  log: 'log',
  journal: 'journal',
  logRuns: 'logRuns',
  timers: 'timers',
  timerIdx: 'timerIndex',
  outbox: 'outbox',
  outboxIdx: 'outboxIndex',
  handoffs: 'handoffs',
  records: 'records',
  idem: 'idempotency',
  flows: 'flows',
  active: 'activeRevisions',
  // Session 8: what a prune reads instead of whole tables (embeddedWriter.mjs `prune`, `sweep`, `buildIndexes`).
  idemIdx: 'idempotencyByTime',
  finishedIdx: 'finishedOutboxByTime',
  stray: 'strayKeys',
  meta: 'meta',
  // Session 48 (apisec3): keys used once until a time (claimOnce) and their time index.
  once: 'usedOnce',
  onceIdx: 'usedOnceByTime',
  // Session 50 (lead, newcomer s50 N6): agents' private notes, by [conversation id, time, note id].
  notes: 'agentNotes',
} as const;

/**
 * A write plan for the writer (see embeddedWriter.mjs `writeOps` for each kind). Conversation records and log
 * entries travel as JSON text since session 5 (see embeddedWriter.mjs `JSON_FIELDS`).
 */
type WriterRequest = { n: number; k: string } & Record<string, unknown>;
type WriterFailure = { conflict: string } | { message: string; code?: string; commitFailed: boolean };

/** Where the writer thread's file is: next to this module (sources, tsx/vitest) or next to the bundle (dist/runtime). */
function writerEntry(): URL {
  const here = new URL('./embeddedWriter.mjs', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  return new URL('../../runtime/store/embeddedWriter.mjs', import.meta.url); // a bundle two folders below the root
}

/**
 * The writer thread of one data folder. Requests posted in one event turn go in one message (the structured clone
 * of a message has a fixed cost); replies come back batched the same way. The thread is unref'd while idle (an
 * open store never keeps a process alive, as before) and ref'd while a write is pending (a pending write does).
 * If the thread dies, every pending write fails with a StoreWriteError (503) and the next write starts a new one.
 */
class WriterThread {
  private worker: Worker | null = null;
  private nextId = 1;
  private waiting = new Map<number, { resolve: (v?: unknown) => void; reject: (err: unknown) => void }>();
  private outgoing: WriterRequest[] = [];
  private scheduled = false;
  private closing: Promise<void> | null = null;

  constructor(
    private readonly data: { batonEmbeddedWriter: true; path: string; options: typeof LMDB_OPTIONS; names: typeof DB_NAMES },
    /** Called before the promises of a batch of replies settle (the reading thread renews its snapshot). */
    private readonly beforeSettle: () => void,
  ) {}

  /** Resolves when the write is committed and flushed; rejects with the thread's failure (see `toError`). */
  /** BATON_LATENCY_TRACE: conversation id of each traced write, by request number. */
  private traced = new Map<number, string>();

  send(req: Omit<WriterRequest, 'n'>): Promise<unknown> {
    const n = this.nextId++;
    (req as WriterRequest).n = n;
    if (trace && req.k === 'c') this.traced.set(n, req.id as string);
    this.outgoing.push(req as WriterRequest);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.flush);
    }
    return new Promise<unknown>((resolve, reject) => this.waiting.set(n, { resolve, reject }));
  }

  private flush = (): void => {
    this.scheduled = false;
    const reqs = this.outgoing;
    this.outgoing = [];
    if (reqs.length === 0) return;
    if (trace) for (const r of reqs) if (r.k === 'c') trace.mark(MARK.txn, r.id as string); // posted to the writer
    const w = this.start();
    w.ref();
    w.postMessage({ t: 'batch', reqs });
  };

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(writerEntry(), { workerData: this.data, execArgv: [], stdout: false, stderr: false });
    w.on('message', (m: { t: string; res?: Array<[number, 0] | [number, 0, number] | [number, 1, WriterFailure]> }) => {
      if (m.t !== 'done' || !m.res) return;
      if (trace) for (const r of m.res) {
        const id = this.traced.get(r[0]);
        if (id === undefined) continue;
        this.traced.delete(r[0]);
        trace.mark(MARK.committed, id); // the writer thread answers once committed AND flushed
        trace.mark(MARK.durable, id);
      }
      this.beforeSettle();
      for (const r of m.res) {
        const p = this.waiting.get(r[0]);
        if (!p) continue;
        this.waiting.delete(r[0]);
        if (r[1] === 0) p.resolve(r[2]);
        else p.reject(toError(r[2]));
      }
      if (this.waiting.size === 0 && this.outgoing.length === 0) w.unref();
    });
    const died = (why: string) => {
      if (this.worker !== w) return;
      this.worker = null;
      const pending = [...this.waiting.values()];
      this.waiting.clear();
      for (const p of pending) p.reject(toError({ message: `the store's writer thread stopped (${why})`, commitFailed: true }));
    };
    w.on('error', (err) => died(describe(err)));
    w.on('exit', (code) => died(`exit code ${code}`));
    w.unref();
    this.worker = w;
    return w;
  }

  /** Waits for every pending write, then lets the thread close its lmdb handle and stops it. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.allSettled([...this.waiting.keys()].map((n) => new Promise<void>((r) => {
        const p = this.waiting.get(n);
        if (!p) return r();
        this.waiting.set(n, { resolve: () => (p.resolve(), r()), reject: (e) => (p.reject(e), r()) });
      })));
      const w = this.worker;
      if (!w) return;
      this.worker = null;
      w.ref();
      await new Promise<void>((resolve) => {
        // Closing lmdb waits for its last flush, which never settles when that commit failed (a full disk): stopped
        // after a bound instead (every acknowledged write already waited for its own flush; nothing is lost).
        const stop = setTimeout(() => void w.terminate(), closeWaitMs());
        const done = () => (clearTimeout(stop), resolve());
        w.once('exit', done);
        w.on('message', (m: { t: string }) => {
          if (m.t === 'closed') void w.terminate();
        });
        w.postMessage({ t: 'close' });
      });
    })();
    return this.closing;
  }
}

/**
 * The flush to disk of the write just queued (call it right after `root.transaction(...)`, in the same turn). Read
 * AFTER the commit, `root.flushed` may already stand for a LATER batch of writes; when that batch's commit fails (a
 * full disk) lmdb never settles its flush promise, so a write lmdb HAD committed waited for ever, and its
 * conversation's commit queue and lock with it (hostile s7: one conversation wedged for good under a full disk,
 * also after space was freed). Taken now, it is the flush of this write's own batch, which settles when that batch
 * is on disk; if that batch's commit fails, the transaction's own promise rejects first and this one is not awaited.
 */
export function ownFlush(root: { flushed: PromiseLike<unknown> }): Promise<void> {
  const p = new Promise<void>((resolve, reject) => void root.flushed.then(() => resolve(), reject));
  p.catch(() => undefined); // awaited only after the commit succeeded; a failed commit is reported by the transaction
  return p;
}

/** A write the writer refused (WriteConflict) as the store's callers expect it. */
function asConflict(err: unknown): never {
  throw err instanceof WriteConflict ? new StoreConflictError(err.message) : err;
}

/** Writes that share one lmdb transaction callback and one flush (`InlineWriter`). */
class WriteGroup {
  readonly reqs: Array<Omit<WriterRequest, 'n'>> = [];
  readonly results: unknown[] = [];
  errors: unknown[] | undefined;
  /** Settles when the group's transaction is committed and flushed (or failed). */
  done!: Promise<unknown>;
  /** Write `i`'s answer once the group is durable: its refusal, a prune's count, or nothing. */
  answer(i: number): unknown {
    const errors = this.errors;
    if (errors !== undefined && i in errors) asConflict(errors[i]);
    const v = this.results[i];
    return typeof v === 'number' ? v : undefined; // a prune's count, as the writer thread answers it
  }
}

/**
 * The same write plans run on the calling thread, in lmdb transaction callbacks (what the store did before session
 * 5): `writer: 'inline'` / BATON_STORE_WRITER=inline. Kept to compare, for a machine with one core, and the way each
 * shard of `baton serve` writes.
 *
 * Session 13 (rtwork): one lmdb transaction callback and one flush promise per group of writes, not per write. The
 * writes sent until lmdb runs the group's callback (in practice: every commit of one event turn, e.g. all the
 * messages of one batch from the main thread) join the group and run in that one callback, in the order they were
 * sent, each in its own try (a refused write, a conflict, fails alone, as a callback of its own did). The group's
 * flush is taken right after its callback was queued (`ownFlush`), so it is the flush of the lmdb batch that holds
 * every write of the group: each write still resolves only once its transaction is committed AND on disk.
 */
class InlineWriter {
  private readonly run: ReturnType<typeof writeOps>;
  /** The group still open (its callback has not run yet), or null. */
  private group: WriteGroup | null = null;
  /** BATON_WRITE_GROUPS=off: one callback and one flush per write, as before session 13 (to compare in benches). */
  private readonly grouping = !/^(off|false|0|no)$/i.test((process.env.BATON_WRITE_GROUPS ?? '').trim()); // H#21: not only the exact 'off'
  constructor(
    private readonly root: RootDatabase,
    db: Parameters<typeof writeOps>[0],
  ) {
    this.run = writeOps(db);
  }
  send(req: Omit<WriterRequest, 'n'>): Promise<unknown> {
    if (trace) return this.sendTraced(req).catch(asConflict);
    let g = this.group;
    if (g === null) g = this.open();
    const i = g.reqs.push(req) - 1;
    if (!this.grouping) this.group = null;
    const done = g.done;
    return done.then(() => g.answer(i));
  }
  /** A new group: its one transaction callback queued, its flush taken (see the class comment). */
  private open(): WriteGroup {
    const g = new WriteGroup();
    this.group = g;
    let txn: Promise<unknown>;
    try {
      txn = this.root.transaction(() => this.runGroup(g));
    } catch (err) {
      // lmdb refused to queue it (closed): this write and any joining it in this turn get that error.
      this.group = null;
      g.done = Promise.reject(err);
      g.done.catch(() => undefined);
      return g;
    }
    const flushed = ownFlush(this.root);
    g.done = txn.then(
      () => flushed,
      (err) => {
        // The batch was not written (a failed commit): no write of the group joins a later one.
        if (this.group === g) this.group = null;
        throw err;
      },
    );
    g.done.catch(() => undefined); // each write's own promise reports it
    return g;
  }
  /** The group's writes, in one lmdb transaction callback: closes the group first (later writes start a new one). */
  private runGroup(g: WriteGroup): void {
    if (this.group === g) this.group = null;
    const reqs = g.reqs;
    for (let i = 0; i < reqs.length; i++) {
      try {
        g.results[i] = this.run(reqs[i] as WriterRequest);
      } catch (err) {
        (g.errors ??= [])[i] = err;
      }
    }
  }
  /** `send` with the latency trace's marks (BATON_LATENCY_TRACE, runtime/serve/latencyTrace.ts). */
  private async sendTraced(req: Omit<WriterRequest, 'n'>): Promise<unknown> {
    const t = trace!;
    const id = req.k === 'c' ? (req.id as string) : null;
    const txn = this.root.transaction(() => {
      const start = t.now();
      if (id) t.mark(MARK.txn, id);
      try {
        return this.run(req as WriterRequest);
      } finally {
        t.txn(start);
      }
    });
    const flushed = ownFlush(this.root);
    const v: unknown = await txn;
    if (id) t.mark(MARK.committed, id);
    await flushed;
    if (id) t.mark(MARK.durable, id);
    return typeof v === 'number' ? v : undefined;
  }
  async close(): Promise<void> {
    // The last commit failed (disk full): nothing more to flush, and its flush promise never settles: close anyway.
    await bounded(Promise.resolve(this.root.flushed));
  }
}

/**
 * How long closing waits for lmdb's last flush and close (see `bounded`). Every acknowledged write already waited for
 * its own flush, so this only bounds a close after a failed commit (a full disk: lmdb never settles that flush, and
 * `baton serve --workers 0` never finished its SIGTERM drain: shard2, session 7). Tests lower it.
 */
export const closeWait = { ms: 5000 };
const closeWaitMs = () => closeWait.ms;

/** `p`, or nothing once `closeWait.ms` passed (a rejection counts as settled). */
function bounded(p: Promise<unknown>): Promise<void> {
  return new Promise<void>((resolve) => {
    const t = setTimeout(resolve, closeWaitMs());
    t.unref();
    p.then(
      () => (clearTimeout(t), resolve()),
      () => (clearTimeout(t), resolve()),
    );
  });
}

/** A writer thread's failure as the error the store's callers expect (StoreWriteError is made by `writeError`). */
function toError(f: WriterFailure): Error {
  if ('conflict' in f) return new StoreConflictError(f.conflict);
  return Object.assign(new Error(f.message), { code: f.code, commitError: f.commitFailed ? true : undefined });
}

/** A commit as the writer runs it (embeddedWriter.mjs `commit`); see `EmbeddedStore.planCommit`. */
interface CommitRequest {
  k: 'c';
  id: string;
  conv: string;
  create: true | undefined;
  /** True: no prune was under way when this was planned, so the conversation exists (no check needed; see `pruning`). */
  known: true | undefined;
  ext: string | undefined;
  g0: number | undefined;
  log: string[] | undefined;
  spill: number[] | undefined;
  oldWindow: [number, number] | undefined;
  parts: string[] | undefined;
  modeRm: Mode | undefined;
  modePut: Mode | undefined;
  extPut: string | undefined;
  cancelTimers: StepWrite['cancelTimers'];
  setTimers: StepWrite['setTimers'];
  outbox: StepWrite['outbox'];
  handoffs: StepWrite['handoffs'];
  records: StepWrite['records'];
  idem: StepWrite['idempotency'];
  [field: string]: unknown;
}

interface CommitPlan {
  req: CommitRequest;
  entry: Hot;
  appended: LogEntry[];
  seq: number;
}

function existenceConflict(id: string, create: boolean): StoreConflictError {
  return new StoreConflictError(create ? `conversation ${id} already exists` : `conversation ${id} does not exist`);
}

/**
 * A copy of `src` (its own enumerable fields, in order) that fields can be added to cheaply. Session 19 (rtfast): on
 * node 20's V8, adding a field that `src` does not have to a spread's copy (`{ ...src, q }`, or `o = { ...src }; o.q
 * = ...`) took ~0.9 us per object against ~0.05 us for a copy made by Object.assign (the store's planning added 5-6
 * such fields per message: ~6 us of the shard's ~120 us). The same object as the spread: Object.assign differs only
 * for an own field named `__proto__` (it would set the prototype), which then gets the spread.
 */
function copyOf<T extends object>(src: T): T {
  return Object.hasOwn(src, '__proto__') ? { ...src } : Object.assign({}, src);
}

/** A log entry with its id and seq (the commit's answer and the `hot` window's matches). */
function numbered(e: NewLogEntry, conversationId: string, seq: number): LogEntry {
  const out = copyOf(e) as LogEntry;
  out.id = `${conversationId}:${seq}`;
  out.seq = seq;
  return out;
}

/** The JSON text of each new log entry (without id and seq). */
function logTexts(append: readonly NewLogEntry[]): string[] {
  const out = new Array<string>(append.length);
  for (let i = 0; i < append.length; i++) out[i] = JSON.stringify(append[i]);
  return out;
}

/**
 * `place.runs` after appending `n` entries from seq `s0` at journal number `g0` (see `LogPlace`): the last run grows
 * when both numbers follow on; otherwise a new run; a full list moves to `logRuns` (returned: the runs to spill).
 */
function placeRun(place: LogPlace, r: number[], s0: number, n: number, g0: number): number[] | undefined {
  const k = r.length - 3;
  if (k >= 0 && r[k] + r[k + 1] === s0 && r[k + 2] + r[k + 1] === g0) {
    place.runs = [...r.slice(0, k), r[k], r[k + 1] + n, r[k + 2]];
    return undefined;
  }
  if (r.length >= RUNS_KEPT * 3) {
    // moved to `logRuns` (one write every RUNS_KEPT commits)
    place.runs = [s0, n, g0];
    place.spilled = true;
    place.spilling = r;
    return r;
  }
  place.runs = [...r, s0, n, g0];
  return undefined;
}

/** A commit's creation and index fields: new conversation, mode index, external key. */
function indexChanges(req: CommitRequest, w: StepWrite, prior: ConversationRecord | undefined, c: ConversationRecord): void {
  if (w.create) {
    req.create = true;
    if (c.externalKey !== undefined) req.ext = c.externalKey;
  }
  if (prior && prior.mode !== c.mode) req.modeRm = prior.mode;
  if (!prior || prior.mode !== c.mode) req.modePut = c.mode;
  if (c.externalKey !== undefined && prior?.externalKey !== c.externalKey) req.extPut = c.externalKey;
}

/** A commit's other writes: timers, outbox items, handoffs, records, the idempotency record. */
function sideWrites(req: CommitRequest, w: StepWrite): void {
  if (w.cancelTimers?.length) req.cancelTimers = w.cancelTimers;
  if (w.setTimers?.length) req.setTimers = w.setTimers;
  if (w.outbox?.length) req.outbox = w.outbox;
  if (w.handoffs?.length) req.handoffs = w.handoffs;
  if (w.records?.length) req.records = w.records;
  if (w.idempotency) req.idem = w.idempotency;
}

export interface EmbeddedStoreOptions {
  /** Folder for the lmdb files (created when missing). */
  dir: string;
  /**
   * Where writes run: 'thread' (default: a worker thread, embeddedWriter.mjs) or 'inline' (this thread, in lmdb
   * transaction callbacks). Default from the BATON_STORE_WRITER environment variable, else 'thread'.
   */
  writer?: 'thread' | 'inline';
  /**
   * Sharded serving (`baton serve --workers N`, runtime/shard/): several stores in one process share this data
   * folder, one per worker thread, each writing only the conversations it owns. Such a store takes no lock file
   * (the process's main store holds it), numbers its journal entries in its own lane (`journalLane` k: the keys
   * [k * 2^44, (k + 1) * 2^44), so two stores never plan the same number; lane 0 continues what an unsharded run
   * wrote), and prunes only conversations `owns` says are its own.
   */
  shard?: { journalLane: number; owns: (conversationId: string) => boolean };
  /** Decoded conversations kept in memory (default 2048; each shard of `--workers N` keeps its share). */
  hotConversations?: number;
}

/** Journal numbers per lane (see `EmbeddedStoreOptions.shard`): 2^44, so 512 lanes stay below 2^53. */
const JOURNAL_LANE = 2 ** 44;

export class EmbeddedStore implements RuntimeStore {
  readonly description: string;
  private root: RootDatabase;
  private convs: Database<ConversationRecord, string>;
  private modeIdx: Database<null, [string, string]>;
  private ext: Database<string, string>;
  private log: Database<LogEntry, [string, number]>;
  /** Log entries since session 5, under one increasing number (see `LogPlace`), without id and seq. */
  private journal: Database<NewLogEntry, number>;
  /** Runs moved out of conversation records (see `LogPlace`). */
  private logRuns: Database<number[], [string, number]>;
  /** The next journal number (planned here, in commit order; a failed write leaves a gap, never a reuse). */
  private nextG = 1;
  private timers: Database<TimerRecord, string>;
  private timerIdx: Database<null, [number, string]>;
  private outbox: Database<OutboxItem, string>;
  private outboxIdx: Database<null, [number, string]>;
  private handoffs: Database<HandoffRecord, string>;
  private records: Database<RecordItem, [string, number, string]>;
  private idem: Database<IdempotencyRecord, string>;
  private flows: Database<FlowRevisionRecord, [string, string]>;
  private active: Database<string, string>;
  /** Session 50 (lead, newcomer s50 N6): agents' private notes by [conversation id, time, note id]. */
  private notes: Database<unknown, [string, number, number]>;
  /** What a prune reads instead of whole tables (session 8; embeddedWriter.mjs `prune`, `sweep`, `buildIndexes`). */
  private idemIdx: Database<null, [number, string]>;
  private finishedIdx: Database<null, [number, string]>;
  private stray: Database<null, [string, string, string]>;
  private metaDb: Database<unknown, string>;
  /** State fields stored under their own keys [conversationId, field] (see `StoredConversation.p`), JSON text. */
  private parts: Database<unknown, [string, string]>;
  /** The engine's transcript window, one entry per key [conversationId, n] (see `StoredConversation`). */
  private window: Database<unknown, [string, number]>;
  /** Hot conversations, decoded, least recently used first (see `load`). */
  private hot = new Map<string, Hot>();
  /** Conversations with a commit on its way to disk: what it wrote, so `load` never reads an older copy meanwhile. */
  private pendingHot = new Map<string, Hot>();
  /** Per conversation, the last commit not yet settled: a commit plans only after the previous one settled. */
  private commitTail = new Map<string, Promise<unknown>>();
  private writer: WriterThread | InlineWriter;
  private leases = new Map<string, number>();
  private queues = new Map<string, Promise<unknown>>();
  /**
   * Prunes under way (`pruneClosed`). Only a prune removes a conversation, and only through this store's writer (one
   * process per data folder; a shard prunes only its own conversations): a commit planned while none runs cannot
   * follow a write that removed its conversation, so the writer skips that lmdb read (`CommitRequest.known`).
   */
  private pruning = 0;
  private events = new EventEmitter();
  private closed = false;
  /** One process per data folder (see DataFolderInUseError); none for a shard's store. */
  private lock: PidLock | null;
  private hotLimit: number;
  /** Sharded serving: the conversations this store writes (see `EmbeddedStoreOptions.shard`); null = all. */
  private owns: ((conversationId: string) => boolean) | null;
  private dir: string;
  /** The last write failure while it lasts (cleared by a successful commit, or once the disk has room again). */
  private writeFailure: StoreWriteError | null = null;
  /** Set once the data folder's lock is lost (see StoreLockLostError): every write is refused from then on. */
  private lockLost: StoreLockLostError | null = null;
  /** A shard's store: the lock its process holds (file and token at the start), watched like `lock`. */
  private lockWatch: { file: string; token: string } | null = null;
  /** When the lock was last read before a write (at most once a second; see `refuseIfLockLost`). */
  private lockCheckedAt = Date.now();

  constructor(opts: EmbeddedStoreOptions) {
    mkdirSync(opts.dir, { recursive: true });
    this.owns = opts.shard?.owns ?? null;
    this.hotLimit = opts.hotConversations ?? HOT_CONVERSATIONS;
    this.lock = opts.shard ? null : lockDataFolder(opts.dir + '/baton.lock', (why) => this.loseLock(why));
    if (opts.shard) {
      // The process's main store took the lock just before (review s19 R8: a read that fails now is tried again).
      let token: string | null | undefined;
      for (let i = 0; i < 5 && token === undefined; i++) token = lockToken(opts.dir + '/baton.lock');
      if (token) this.lockWatch = { file: opts.dir + '/baton.lock', token };
    }
    this.description = `lmdb at ${opts.dir}`;
    this.dir = resolvePath(opts.dir);
    const path = opts.dir + '/baton.lmdb';
    quietLmdbConsole(); // a failed commit in this thread (writer: 'inline') is one JSON line, not lmdb's stack (H#3)
    this.root = open({ path, ...LMDB_OPTIONS } as RootDatabaseOptionsWithPath);
    // Decoded conversation records are kept in `hot` (our own LRU, write-through): a message reads its record up
    // to three times (token check, step, commit), and decoding was the largest CPU cost in a profile under load.
    const db = openDatabases(this.root, DB_NAMES);
    this.convs = db.convs;
    this.window = db.window;
    this.parts = db.parts;
    this.idemIdx = db.idemIdx;
    this.finishedIdx = db.finishedIdx;
    this.stray = db.stray;
    this.metaDb = db.meta;
    this.modeIdx = db.modeIdx;
    this.ext = db.ext;
    this.log = db.log;
    this.journal = db.journal;
    this.logRuns = db.logRuns;
    if (opts.shard) {
      const lo = opts.shard.journalLane * JOURNAL_LANE;
      this.nextG = Math.max(1, lo);
      for (const last of this.journal.getKeys({ start: lo + JOURNAL_LANE - 1, end: lo - 1, reverse: true, limit: 1 })) this.nextG = (last as number) + 1;
    } else for (const last of this.journal.getKeys({ reverse: true, limit: 1 })) this.nextG = (last as number) + 1;
    this.timers = db.timers;
    this.timerIdx = db.timerIdx;
    this.outbox = db.outbox;
    this.outboxIdx = db.outboxIdx;
    this.handoffs = db.handoffs;
    this.records = db.records;
    this.idem = db.idem;
    this.notes = db.notes;
    this.flows = db.flows;
    this.active = db.active;
    this.events.setMaxListeners(0);
    // A folder written before session 8 has no time indexes for its prune: built once, here, before anything else
    // writes (shards open their stores after the process's main store). A new or already indexed folder: one read.
    if (!opts.shard) this.root.transactionSync(() => writeOps(db)({ n: 0, k: 'indexes' }));
    const mode = opts.writer ?? (process.env.BATON_STORE_WRITER === 'inline' ? 'inline' : 'thread');
    this.writer =
      mode === 'inline'
        ? new InlineWriter(this.root, db)
        : // After the writer thread reports writes durable, reads here must see them: renew lmdb's read snapshot (it is
          // otherwise kept until the next macrotask, and a reply can arrive in the same turn as an earlier read).
          new WriterThread({ batonEmbeddedWriter: true, path, options: LMDB_OPTIONS, names: DB_NAMES }, () => this.root.resetReadTxn());
  }

  /**
   * Sends a write plan to the writer thread and resolves once it is on disk. A failed commit becomes a
   * StoreWriteError (see `writeError`); a conflict the writer found is a StoreConflictError.
   */
  private async durable(req: Omit<WriterRequest, 'n'>): Promise<void> {
    await this.durableResult(req);
  }

  /**
   * Session 19 (fixrt): the lock lost (the heartbeat said so, or a read before this write finds it): refuse the write.
   * The lock file is read at most once a second here (a process resumed after a stall writes nothing before its first
   * look: the clock jumped, so the look is due at once); the heartbeat covers the time between.
   */
  private refuseIfLockLost(): void {
    if (this.lockLost) throw this.lockLost;
    const now = Date.now();
    if (now - this.lockCheckedAt < 1000) return;
    this.lockCheckedAt = now;
    if (this.lock) {
      if (!this.lock.holds() && !this.lockLost) this.loseLock(`the lock ${this.lock.file} is no longer this process's`);
    } else if (this.lockWatch) {
      // Hostile s19 #26: only a missing file or another token is a lost lock; a read that fails (EMFILE) or finds the
      // file half written is looked at again at the next write.
      const t = lockToken(this.lockWatch.file);
      if (t !== undefined && t !== this.lockWatch.token) this.loseLock(`the lock ${this.lockWatch.file} ${t ? 'was taken over by another process' : 'was removed by another process'}`);
    }
    if (this.lockLost) throw this.lockLost;
  }

  /**
   * Review s19 R7: the timer and outbox claims look too (at most once a second), so a shard with no customer writes
   * after the takeover sends no outbox item the new holder sends as well.
   */
  private lockLostNow(): boolean {
    if (!this.lockLost && (this.lock || this.lockWatch)) {
      try {
        this.refuseIfLockLost();
      } catch {
        // lockLost is set
      }
    }
    return this.lockLost !== null;
  }

  private loseLock(why: string): void {
    if (this.lockLost) return;
    this.lockLost = new StoreLockLostError(this.dir, why);
    this.writeFailure = this.lockLost;
    // Said at once (the server's log says it again with the first refused request).
    process.stderr.write(`${JSON.stringify({ level: 50, time: Date.now(), msg: 'data folder lock lost: writes refused', err: { message: this.lockLost.message } })}\n`);
  }

  /** `durable`, answering what the write returned (a prune's count). */
  private async durableResult(req: Omit<WriterRequest, 'n'>): Promise<unknown> {
    if (this.closed) throw new Error('store is closed');
    this.refuseIfLockLost();
    let result: unknown;
    try {
      this.injectedFailure(() => sizeOf(req));
      result = await this.writer.send(req);
    } catch (err) {
      // A failed probe (writeProblem) says nothing new about what a message needs.
      throw this.writeError(err, () => ((req as { key?: unknown }).key === PROBE_KEY ? 0 : sizeOf(req)));
    }
    if (this.writeFailure) this.writeSucceeded(sizeOf(req));
    return result;
  }

  /** Throws the test hook's simulated full disk (`simulateCommitFailures`), as lmdb reports it. */
  private injectedFailure(bytes?: () => number): void {
    if (this.failNext > 0) {
      if (this.failLarger > 0 && bytes && bytes() <= this.failLarger) return;
      this.failNext--;
      throw Object.assign(new Error('Commit failed (see commitError for details)'), {
        code: 'ENOSPC',
        commitError: Promise.reject(Object.assign(new Error('No space left on device'), { code: 'ENOSPC' })),
      });
    }
  }

  /**
   * A failed lmdb commit becomes a StoreWriteError (and is remembered for `writeProblem`); anything else (a
   * StoreConflictError thrown by our own transaction code) passes through. lmdb attaches the low-level cause as
   * a promise (`commitError`) that nobody else awaits: it is handled here, or the process would die on an
   * unhandled rejection (hostile report: a full disk killed `baton serve`).
   */
  private writeError(err: unknown, bytes: () => number = () => 0): unknown {
    const commitError = (err as { commitError?: unknown } | null)?.commitError;
    if (commitError instanceof Promise) commitError.catch(() => undefined);
    const code = (err as NodeJS.ErrnoException | null)?.code;
    const failed = commitError !== undefined || /commit failed|MDB_MAP_FULL|ENOSPC|EIO|EDQUOT|EROFS/i.test(`${code ?? ''} ${describe(err)}`);
    if (!failed) return err;
    const free = freeBytes(this.dir);
    const e = new StoreWriteError(this.dir, code === 'ENOSPC' || (free !== null && free < LOW_SPACE_BYTES), err);
    this.writeFailure = e;
    this.failedBytes = Math.max(this.failedBytes, bytes());
    return e;
  }

  /**
   * A write worked while writes were failing: the failure is over only if it was at least as large as the largest
   * that failed (a small timer write fitting in the last free pages says nothing about a customer's 75 KB message:
   * readiness said 'ready' while such messages got 507, hostile s7).
   */
  private writeSucceeded(bytes: number) {
    if (bytes < Math.min(this.failedBytes, PROBE_MAX_BYTES)) return;
    this.writeFailure = null;
    this.failedBytes = 0;
  }
  /** The largest write that failed since writes last worked (bytes of JSON). */
  private failedBytes = 0;

  /**
   * Why writes are failing right now, or null when they work. After a failed commit, each call (at most one
   * per second) retries a tiny probe write, so readiness comes back by itself once space was freed even when no
   * traffic arrives. `/readyz` answers 503 with this message.
   */
  async writeProblem(): Promise<string | null> {
    if (this.lockLost) return this.lockLost.message;
    if (this.lock || this.lockWatch) {
      try {
        this.refuseIfLockLost();
      } catch {
        return this.lockLost!.message;
      }
    }
    const f = this.writeFailure;
    if (!f) return null;
    if (Date.now() - this.lastProbe >= 1000 && !this.closed) {
      this.lastProbe = Date.now();
      // As big as the largest write that failed (a 4,000-character message of 3-byte characters writes ~75 KB), at
      // least 8 KB: a smaller probe fit in pages lmdb still had free, so readiness said 'ready' while messages got 507
      // (hostile s7). Overwritten with a short value once it worked, so the probe does not stay in the data folder.
      const bytes = Math.min(Math.max(PROBE_BYTES, this.failedBytes), PROBE_MAX_BYTES);
      const probe = this.durable({ k: 'put', db: 'active', key: PROBE_KEY, value: String(this.lastProbe).padEnd(bytes, '.') })
        .then(() => this.durable({ k: 'put', db: 'active', key: PROBE_KEY, value: String(this.lastProbe) }))
        .catch(() => undefined);
      // Readiness answers within a second; a probe still pending keeps the recorded failure until it ends.
      await Promise.race([probe, new Promise((r) => setTimeout(r, 1000).unref())]);
    }
    return this.writeFailure?.message ?? null;
  }
  private lastProbe = 0;

  /** Test hook: the next `failures` writes fail as lmdb reports a full disk (ENOSPC), then writes work again. */
  simulateCommitFailures(failures: number, opts: { largerThan?: number } = {}): void {
    this.failNext = failures;
    this.failLarger = opts.largerThan ?? 0;
  }
  /** With `largerThan`: only writes of more bytes (JSON) fail, as when the disk has a little space left. */
  private failLarger = 0;
  private failNext = 0;


  /* flows */
  putFlowRevision(rec: FlowRevisionRecord): Promise<void> {
    return this.durable({ k: 'put', db: 'flows', key: [rec.flowId, rec.revision], value: rec });
  }
  async getFlowRevision(flowId: string, revision: string) {
    return this.flows.get([flowId, revision]) ?? null;
  }
  setActiveRevision(flowId: string, revision: string): Promise<void> {
    return this.durable({ k: 'put', db: 'active', key: flowId, value: revision });
  }
  async getActiveRevision(flowId: string) {
    return this.active.get(flowId) ?? null;
  }

  /* conversations */
  async getConversation(id: string) {
    if (trace) trace.mark(MARK.read, id);
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
    const pending = this.pendingHot.get(id);
    if (pending) {
      this.remember(id, pending);
      return pending;
    }
    const raw = this.convs.get(id) as StoredConversation | undefined;
    if (raw === undefined) return undefined;
    const { lo, g, gs, ...stored } = raw as StoredConversation;
    // A record older versions wrote has all its entries in the `log` table.
    const place: LogPlace = lo === undefined ? { lo: raw.lastSeq, runs: [], spilled: false } : { lo, runs: g ?? [], spilled: gs === 1 };
    let entry: Hot;
    if (stored.q || stored.r) {
      const { r, q, p, d, ...rest } = stored;
      const refs = q ? decodeRefs(q) : r!;
      const win = this.windowFromLog(id, refs, place);
      const state: Record<string, unknown> = { ...(rest.state as object), recentTranscript: win };
      // Fields stored apart or as the record's (see `StoredConversation.p`, `d`): put back where their placeholder is.
      if (p) for (let i = 0; i < PART_FIELDS.length; i++) if (p & (1 << i)) state[PART_FIELDS[i]] = this.statePart(id, PART_FIELDS[i]);
      if (d) for (let i = 0; i < SAME_AS_RECORD.length; i++) if (d & (1 << i)) state[SAME_AS_RECORD[i]] = rest[SAME_AS_RECORD[i]];
      entry = { rec: { ...rest, state }, win, refs, start: 0, parts: p ?? 0 };
    } else if (stored.w) {
      const [start, end] = stored.w;
      const win: unknown[] = [];
      for (const { value } of this.window.getRange({ start: [id, start], end: [id, end] })) win.push(value);
      const { w: _w, ...rest } = stored;
      entry = { rec: { ...rest, state: { ...(rest.state as object), recentTranscript: win } }, win, refs: null, start };
    } else {
      entry = { rec: stored, win: null, refs: null, start: 0 }; // written before the window was split out: whole state inline
    }
    entry.place = place;
    this.remember(id, entry);
    return entry;
  }

  /** A state field stored under its own key (see `StoredConversation.p`). */
  private statePart(id: string, name: string): unknown {
    const v = this.parts.get([id, name]);
    // Written in the same transaction as the record that names it: missing means the data folder was damaged.
    if (v === undefined) throw new Error(`conversation ${id}: its state field "${name}" is missing from the data folder ${this.dir} (stateParts); restore the folder from a backup`);
    return v;
  }

  /** Rebuilds a window from its log references (one range read over the log entries it names). */
  private windowFromLog(id: string, refs: WindowRef[], place: LogPlace): unknown[] {
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
    if (lo <= hi) for (const e of this.entries(id, place, lo - 1, Infinity, hi)) bySeq.set(e.seq, e);
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
    if (this.hot.size > this.hotLimit) this.hot.delete(this.hot.keys().next().value as string);
  }

  /**
   * How a conversation record is stored (the plan's `conv`), and its decoded `hot` entry. The state's
   * `recentTranscript` window is stored as references (`WindowRef`): entries kept from the prior window (found by
   * identity: the engine's new window shares the entries it kept) keep their reference; a new entry refers to the
   * log entry this commit appended for it (`appended`), or is kept whole when none rebuilds it exactly. A prior
   * window in the older `transcriptWindow` table is removed from it (`oldWindow`: its [first, end) keys).
   */
  private planConversation(
    record: ConversationRecord,
    prior: Hot | undefined,
    appended: LogEntry[],
  ): { stored: ConversationRecord | StoredConversation; entry: Hot; oldWindow?: [number, number]; parts?: string[] } {
    const state = record.state as { recentTranscript?: unknown } | null;
    const W = state !== null && typeof state === 'object' && Array.isArray(state.recentTranscript) ? (state.recentTranscript as unknown[]) : null;
    const prev = prior?.win ?? null;
    const oldWindow: [number, number] | undefined = prev && prior!.refs === null ? [prior!.start, prior!.start + prev.length] : undefined; // older format
    if (W === null) return { stored: record, entry: { rec: record, win: null, refs: null, start: 0 }, oldWindow };
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
    const head: Record<string, unknown> = { ...(state as object), recentTranscript: null };
    // State fields unchanged since the previous write live under their own keys (see `StoredConversation.p`).
    const priorState = prior?.rec.state as Record<string, unknown> | null | undefined;
    const priorParts = prior?.parts ?? 0;
    let mask = 0;
    let writes: string[] | undefined; // flat [name, JSON, ...]: parts this write stores
    if (priorState !== null && typeof priorState === 'object') {
      for (let i = 0; i < PART_FIELDS.length; i++) {
        const name = PART_FIELDS[i];
        const v = head[name];
        if (v === null || typeof v !== 'object' || (Array.isArray(v) && v.length === 0)) continue;
        if (!sameMembers(priorState[name], v)) continue; // changed by this step: stored in the record this time
        mask |= 1 << i;
        head[name] = 0;
        // Stored already (the same members as what the previous write stored there), or stored now.
        if (!(priorParts & (1 << i))) (writes ??= []).push(name, JSON.stringify(v));
      }
    }
    let same = 0;
    for (let i = 0; i < SAME_AS_RECORD.length; i++) {
      const name = SAME_AS_RECORD[i];
      const v = head[name];
      if (typeof v === 'string' && v === record[name]) {
        same |= 1 << i;
        head[name] = 0;
      }
    }
    const stored = copyOf(record) as StoredConversation; // the record's fields, `state` replaced, then `q` (see copyOf)
    stored.state = head;
    stored.q = encodeRefs(refs);
    if (mask) stored.p = mask;
    if (same) stored.d = same;
    return { stored, entry: { rec: record, win: W, refs, start: 0, parts: mask }, oldWindow, parts: writes };
  }

  async readLog(conversationId: string, afterSeq: number, limit = 1000): Promise<LogEntry[]> {
    // An unknown (or pruned) conversation: only the `log` table can hold anything (nothing, normally).
    const place = this.load(conversationId)?.place ?? { lo: Number.MAX_SAFE_INTEGER - 1, runs: [], spilled: false };
    return this.entries(conversationId, place, afterSeq, limit, Infinity);
  }

  /**
   * The log entries of a conversation with afterSeq < seq <= upTo, in order, at most `limit`: from the `log` table
   * (seq <= place.lo) then from the journal through the runs. Entries are stored without `id` and `seq` since
   * session 5 (both follow from where they are; older entries have them: same values). Only what lmdb holds is
   * returned: runs planned for a write still on its way give nothing yet.
   */
  private entries(id: string, place: LogPlace, afterSeq: number, limit: number, upTo: number): LogEntry[] {
    const out: LogEntry[] = [];
    if (afterSeq < place.lo) {
      const end = Math.min(place.lo, upTo) + 1;
      for (const { key, value } of this.log.getRange({ start: [id, afterSeq + 1], end: [id, end], limit })) {
        out.push({ ...value, id: `${id}:${key[1]}`, seq: key[1] as number });
      }
    }
    let runs = place.runs;
    if (place.spilled && (runs.length === 0 || afterSeq + 1 < runs[0])) {
      const older: number[] = [];
      let last = -1;
      for (const { key, value } of this.logRuns.getRange({ start: [id, 0], end: [id, Number.MAX_SAFE_INTEGER] })) {
        older.push(...value);
        last = key[1] as number;
      }
      // Moved by a commit still on its way (its record's `g` no longer lists them): the newest chunk, not yet in lmdb.
      if (place.spilling && place.spilling[0] > last) older.push(...place.spilling);
      runs = older.concat(runs);
    }
    for (let k = 0; k < runs.length && out.length < limit; k += 3) {
      const [s0, n, g0] = [runs[k], runs[k + 1], runs[k + 2]];
      const from = Math.max(s0, afterSeq + 1);
      const to = Math.min(s0 + n - 1, upTo);
      if (from > to) continue;
      for (const { key, value } of this.journal.getRange({ start: g0 + (from - s0), end: g0 + (to - s0) + 1 })) {
        const seq = s0 + ((key as number) - g0);
        out.push({ ...(value as object), id: `${id}:${seq}`, seq } as LogEntry);
        if (out.length >= limit) break;
      }
    }
    return out;
  }

  /**
   * Plans the write here (checks that need only this conversation, sequence numbers, the stored record, `hot`) and
   * lets the writer thread write it; checks that must see other conversations' earlier writes (an existing id or
   * external key on create; an outbox id already queued; a timer's old deadline) run there, in commit order. One
   * conversation's commits are planned one after the other (each after the previous one settled), so each plans
   * from what the previous one really wrote.
   */
  commit(w: StepWrite): Promise<CommitResult> {
    const id = w.conversation.id;
    const prev = this.commitTail.get(id);
    const run = prev ? prev.then(() => this.commitNow(w)) : this.commitNow(w);
    // Settles (never rejects) once `run` has, after forgetting itself unless a later commit chained on it meanwhile.
    const settled = () => {
      if (this.commitTail.get(id) === tail) this.commitTail.delete(id);
    };
    const tail: Promise<void> = run.then(settled, settled);
    this.commitTail.set(id, tail);
    return run;
  }

  /**
   * Session 13 (rtwork): a plain function, not `async`: the plan is made synchronously (`planCommit`), then one
   * `.then` on the writer's answer. Rare parts of a write (creation, index changes, timers, outbox, handoffs, records,
   * idempotency) are filled in by small functions of their own, so this hot path stays small: V8 recompiled the
   * former `async commitNow` 8-11 times in the first minute of a steady load (test/bench/jitChurn.ts), each time
   * after a rarely taken branch met a new object shape, at 100-340 ms of compiler time each.
   */
  private commitNow(w: StepWrite): Promise<CommitResult> {
    if (this.closed) return Promise.reject(new Error('store is closed'));
    if (this.lockLost || Date.now() - this.lockCheckedAt >= 1000) {
      try {
        this.refuseIfLockLost();
      } catch (err) {
        return Promise.reject(err);
      }
    }
    const id = w.conversation.id;
    if (trace) trace.mark(MARK.commit, id);
    let plan: CommitPlan;
    try {
      plan = this.planCommit(w);
    } catch (err) {
      return Promise.reject(this.commitFailed(w, undefined, err));
    }
    // Readers see the new record at once (as before: it was in `hot` from the transaction callback on).
    this.remember(id, plan.entry);
    this.pendingHot.set(id, plan.entry);
    let sent: Promise<unknown>;
    try {
      sent = this.writer.send(plan.req);
    } catch (err) {
      return Promise.reject(this.commitFailed(w, plan.entry, err));
    }
    return sent.then(
      () => this.committed(w, plan),
      (err) => {
        throw this.commitFailed(w, plan.entry, err);
      },
    );
  }

  /** After a write is durable: `hot` keeps it, events go out, the answer. */
  private committed(w: StepWrite, plan: CommitPlan): CommitResult {
    const id = plan.req.id;
    if (this.pendingHot.get(id) === plan.entry) this.pendingHot.delete(id);
    if (this.writeFailure) this.writeSucceeded(sizeOf(w));
    if (plan.appended.length > 0) this.events.emit(id, plan.appended);
    return { appended: plan.appended, lastSeq: plan.seq };
  }

  /** A write that failed (planning or writing): `hot` may hold what it planned, read it from disk next time. */
  private commitFailed(w: StepWrite, entry: Hot | undefined, err: unknown): unknown {
    const id = w.conversation.id;
    this.hot.delete(id);
    if (entry && this.pendingHot.get(id) === entry) this.pendingHot.delete(id);
    return this.writeError(err, () => sizeOf(w));
  }

  /** The writer's plan of one commit (see `commit`); throws a conflict that needs only this conversation. */
  private planCommit(w: StepWrite): CommitPlan {
    const c = w.conversation;
    if (this.failNext > 0) this.injectedFailure(() => sizeOf(w));
    const priorHot = this.load(c.id);
    const prior = priorHot?.rec;
    if (w.create ? prior !== undefined : prior === undefined) throw existenceConflict(c.id, w.create === true);
    let seq = prior === undefined ? 0 : prior.lastSeq;
    const appended: LogEntry[] = [];
    const append = w.append;
    if (append !== undefined) {
      for (let i = 0; i < append.length; i++) {
        seq += 1;
        appended.push(numbered(append[i], c.id, seq));
      }
    }
    const record: ConversationRecord = { ...c, lastSeq: seq };
    const planned = this.planConversation(record, priorHot, appended);
    const entry = planned.entry;
    // Where the log entries go (see `LogPlace`): the journal, at the next numbers; the record lists the run.
    const before = priorHot?.place ?? { lo: prior?.lastSeq ?? 0, runs: [], spilled: false };
    const place: LogPlace = { lo: before.lo, runs: before.runs, spilled: before.spilled };
    let spill: number[] | undefined;
    let g0 = 0;
    if (appended.length > 0) {
      g0 = this.nextG;
      this.nextG += appended.length;
      spill = placeRun(place, before.runs, appended[0].seq, appended.length, g0);
    }
    entry.place = place;
    // `planned.stored` is a fresh object unless it is the record itself (a state without a window): no copy then.
    const stored = (planned.stored === record ? copyOf(record) : planned.stored) as StoredConversation;
    stored.lo = place.lo;
    stored.g = place.runs;
    if (place.spilled) stored.gs = 1;
    // JSON text (see embeddedWriter.mjs JSON_FIELDS): the writer writes these strings' bytes as they are. Every field
    // is set here (undefined when not written), so each plan has the same shape.
    const req: CommitRequest = {
      k: 'c',
      id: c.id,
      conv: JSON.stringify(stored),
      create: undefined,
      known: this.pruning === 0 && prior !== undefined ? true : undefined,
      ext: undefined,
      g0: undefined,
      log: undefined,
      spill: undefined,
      oldWindow: planned.oldWindow,
      parts: planned.parts,
      modeRm: undefined,
      modePut: undefined,
      extPut: undefined,
      cancelTimers: undefined,
      setTimers: undefined,
      outbox: undefined,
      handoffs: undefined,
      records: undefined,
      idem: undefined,
    };
    if (appended.length > 0) {
      req.g0 = g0;
      // Without `id` and `seq`: where an entry is says both (readLog adds them back), a third of an entry's bytes.
      req.log = logTexts(append!);
      req.spill = spill;
    }
    if (w.create || prior === undefined || prior.mode !== c.mode || c.externalKey !== undefined) indexChanges(req, w, prior, c);
    if (w.cancelTimers !== undefined || w.setTimers !== undefined || w.outbox !== undefined || w.handoffs !== undefined || w.records !== undefined || w.idempotency !== undefined) {
      sideWrites(req, w);
    }
    return { req, entry, appended, seq };
  }

  /**
   * Runs `fn` once every earlier call for this conversation has settled, in call order. Session 14 (rtfast): with
   * nothing queued (nearly every customer message) `fn` starts at once instead of a microtask later, and the queue's
   * tail forgets itself when it settles: two promises per call instead of five.
   */
  runExclusive<T>(conversationId: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.queues.get(conversationId);
    let run: Promise<T>;
    if (prev === undefined) {
      try {
        run = Promise.resolve(fn()); // the same promise when fn is async (a value from a plain function: wrapped)
      } catch (err) {
        run = Promise.reject(err);
      }
    } else run = prev.then(fn, fn);
    // Settles (never rejects) once `run` has, after forgetting itself unless a later call queued behind it meanwhile.
    const settled = () => {
      if (this.queues.get(conversationId) === tail) this.queues.delete(conversationId);
    };
    const tail: Promise<void> = run.then(settled, settled);
    this.queues.set(conversationId, tail);
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
      if (c && c.closedAt !== null && c.closedAt < before && (this.owns === null || this.owns(c.id))) victims.push(c);
    }
    this.pruning++; // from here (see below)
    for (const c of victims) this.hot.delete(c.id);
    // The writer removes their log, records, index entries, timers, handoffs, old idempotency records and finished
    // outbox items in one transaction (embeddedWriter.mjs `prune`), each victim only if it is STILL closed before
    // `before` in that transaction: a customer message that reopened it meanwhile (its commit planned before this
    // write) keeps it, with its log (storetest, session 6: it was deleted after the customer's 200).
    // In batches of PRUNE_BATCH victims, one transaction each, so customer commits are written in between (one
    // transaction for 20,000 victims held a customer's commit 3.8 s: storetest, session 6); old idempotency records
    // and finished outbox items go with the last batch.
    // The timers, handoffs and finished outbox items of the removed ones go with the last batch (one pass over those
    // tables per prune). Each batch answers how many it really removed (a reopened one is kept).
    // Each removed conversation takes its timers, handoffs and finished outbox items (found by key, not by reading
    // those whole tables); then idempotency records and finished outbox items older than `before` go through their
    // time indexes, SWEEP_BATCH per transaction (session 8: one pass over every such record per prune, ~1 s with
    // 100,000 idempotency records, held customers' commits).
    let pruned = 0;
    // While this runs (`pruning` > 0), commits are planned with `known` unset: the writer checks that their
    // conversation still exists (a batch sent before them may remove it). `hot` forgets the victims again at the end,
    // failed or not (a read during a batch's flight may have brought one back), before commits are `known` again.
    try {
      for (let i = 0; i < victims.length; i += PRUNE_BATCH) {
        const batch = victims.slice(i, i + PRUNE_BATCH);
        const n = await this.durableResult({ k: 'prune', victims: batch.map((c) => ({ id: c.id })), before });
        pruned += typeof n === 'number' ? n : 0;
      }
    } finally {
      for (const c of victims) this.hot.delete(c.id);
      this.pruning--;
    }
    for (;;) {
      const n = await this.durableResult({ k: 'sweep', before, limit: SWEEP_BATCH });
      if (typeof n !== 'number' || n < SWEEP_BATCH) break;
    }
    return pruned;
  }

  /* idempotency */
  async getIdempotency(key: string) {
    return this.idem.get(key) ?? null;
  }

  /* private notes (newcomer s50 N6: they lived in this process's memory and a restart lost them) */
  private shared: EmbeddedSharedState | undefined;
  private noteSeq = 0;
  /** Presence and assignment inputs stay in this process (one process owns a data folder); notes are stored here. */
  sharedState(): EmbeddedSharedState {
    this.shared ??= new EmbeddedSharedState(this);
    return this.shared;
  }
  /** Stores an agent's private note; resolves when it is on disk. */
  async putNote(conversationId: string, note: { id?: unknown; at?: unknown }): Promise<void> {
    const at = typeof note.at === 'number' ? note.at : 0;
    // Notes written in the same millisecond (a test's fixed clock) keep their order: a number rising in this process,
    // from the wall clock so that a later process goes on above it.
    this.noteSeq = Math.max(this.noteSeq + 1, Date.now());
    await this.durableResult({ k: 'put', db: 'notes', key: [conversationId, at, this.noteSeq], value: note });
  }
  /** The private notes of a conversation, oldest first. */
  notesOf(conversationId: string): unknown[] {
    const out: unknown[] = [];
    for (const { value } of this.notes.getRange({ start: [conversationId, 0, 0], end: [conversationId, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER] })) out.push(value);
    return out;
  }

  /* used once */
  async claimOnce(key: string, until: number, now: number): Promise<boolean> {
    return (await this.durableResult({ k: 'once', key, until, now })) === 1;
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
    if (this.lockLostNow()) return out; // the process that took the folder over runs them
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
    if (this.lockLostNow()) return out; // the process that took the folder over sends them (never twice)
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
    return this.durable({ k: 'outbox', id });
  }

  /** Records a failed attempt (the writer thread reads the item, counts the attempt, re-queues it or marks it dead). */
  failOutbox(id: string, error: string, nextAt: number | null): Promise<void> {
    this.leases.delete('o:' + id);
    return this.durable({ k: 'outbox', id, error, nextAt });
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
    await Promise.allSettled([...this.commitTail.values()]);
    this.closed = true;
    await this.writer.close(); // every write sent is settled, the writer's lmdb handle closed
    await bounded(this.root.close()); // lmdb's close waits for the last flush too (see `closeWait`)
    trace?.dump();
    this.lock?.release();
  }

  /**
   * The way back to an older `baton serve` (hostile s8 #1): rewrites every conversation record in the layout the
   * session-7 store (and the session 8 start, 49f2f93) reads: the whole state inline (no `stateParts`, no `p`/`d`
   * placeholders) and the window references as `r`. Their journal runs stay as they are (older versions read them).
   * Also forgets that the prune indexes were built, so a later start of this version rebuilds them with whatever the
   * older version wrote meanwhile (hostile s8 #11). Call on a folder no server is using (it takes the lock).
   * Returns how many records it rewrote.
   */
  downgradeForOlderVersions(): number {
    let n = 0;
    const ids: string[] = [];
    for (const key of this.convs.getKeys({})) ids.push(key as string);
    this.root.transactionSync(() => {
      for (const id of ids) {
        const raw = this.convs.get(id) as StoredConversation | undefined;
        if (!raw || (raw.q === undefined && raw.p === undefined && raw.d === undefined)) continue;
        const h = this.load(id)!;
        const { lo, g, gs } = raw;
        const state = h.rec.state as Record<string, unknown>;
        const old: Record<string, unknown> = { ...h.rec, state: { ...state, recentTranscript: null }, r: h.refs ?? [] };
        if (lo !== undefined) old.lo = lo;
        if (g !== undefined) old.g = g;
        if (gs !== undefined) old.gs = gs;
        this.convs.putSync(id, JSON.stringify(old) as unknown as ConversationRecord); // JSON text, as the writer writes records
        n++;
      }
      for (const key of [...this.parts.getKeys({})]) this.parts.removeSync(key);
      this.metaDb.removeSync('indexes');
    });
    this.hot.clear();
    return n;
  }

  /** Ids of the conversations in one mode, read from disk (sharded serving: their records live in their owners). */
  idsByMode(mode: ConversationRecord['mode']): string[] {
    const out: string[] = [];
    for (const key of this.modeIdx.getKeys({ start: [mode, ''], end: [mode, MAX] })) out.push(key[1] as string);
    return out;
  }

  /** The conversation id an external key maps to, read from disk (sharded serving), or null. */
  idOfExternalKey(externalKey: string): string | null {
    return this.ext.get(externalKey) ?? null;
  }
}

export class DataFolderInUseError extends Error {}

/**
 * One process per data folder: `runExclusive` and the timer/outbox claims are in-process only, so a second
 * `baton serve` on the same folder would process one conversation twice at once. A lock file holds the owner's
 * pid; a lock left by a dead process (SIGKILL, power loss) is taken over.
 */
function lockDataFolder(file: string, onLost: (why: string) => void): PidLock {
  const folder = file.replace(/\/baton\.lock$/, '');
  return takePidLock(file, {
    onLost,
    inUse: (owner) =>
      new DataFolderInUseError(
        owner
          ? `the data folder ${folder} is in use by process ${owner.pid}${owner.elsewhere ? ` ${owner.elsewhere}` : ''}; stop it, or give this one another --data folder (several instances share conversations through --redis)`
          : `another process is starting on the data folder ${folder}; wait for it, or give this one another --data folder`,
      ),
    contended: () => new DataFolderInUseError(`cannot lock ${file}`),
  });
}

/**
 * Session 50 (lead, newcomer s50 N6): the embedded store's shared state. One process owns a data folder, so presence and
 * the assignment inputs stay in memory as before (MemorySharedState); an agent's private note is written to the data
 * folder (durable when added) and read from it, so a restart keeps it as it keeps the messages.
 */
export class EmbeddedSharedState extends MemorySharedState {
  constructor(private readonly store: EmbeddedStore) {
    super();
  }
  override async addNote(conversationId: string, note: unknown): Promise<void> {
    await this.store.putNote(conversationId, note as { id?: unknown; at?: unknown });
  }
  override async notes(conversationId: string): Promise<unknown[]> {
    return this.store.notesOf(conversationId);
  }
}
