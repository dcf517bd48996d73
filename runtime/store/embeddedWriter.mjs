/**
 * The embedded store's writer thread (worker_threads). `EmbeddedStore` (embeddedStore.ts) keeps reads, the decoded
 * `hot` cache and all planning (sequence numbers, the transcript window's log references) on the main thread and
 * posts each write here as a small plan; this thread runs it in an lmdb transaction (value encoding, `mdb_put`,
 * conflict checks that must see earlier writes) and reports back once lmdb has committed AND flushed it to disk.
 * So the main JavaScript thread does HTTP + engine + service while this one does lmdb, on the other core.
 *
 * Plain JavaScript (.mjs) on purpose: it runs unchanged under tsx/vitest (next to embeddedStore.ts) and from the
 * bundle (scripts/build-runtime.mjs copies it next to dist/runtime/main.mjs), with no TypeScript loader to start.
 * lmdb-js shares one native environment between the threads of a process (reference counted), so the main thread's
 * read transactions see what this thread commits (the main thread renews its read snapshot on every reply).
 *
 * Protocol (structured clone): in  {t: 'batch', reqs: Req[]} | {t: 'close'}
 *                              out {t: 'done', res: Array<[n, 0] | [n, 1, Failure]>} | {t: 'closed'}
 * Requests of one batch are queued in order as lmdb transaction callbacks, so lmdb runs them in one write
 * transaction (group commit) in the order the main thread sent them. Each callback makes all its checks before its
 * first write, so a refused write (conflict) changes nothing.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { open } from 'lmdb';

/** Version of the indexes `buildIndexes` makes (idempotency and finished outbox items by time, stray keys). */
const INDEXES_VERSION = 1;

/** A refused write (the main thread turns it into a StoreConflictError). */
export class WriteConflict extends Error {}

/**
 * Databases (store field names) whose values are JSON text since session 5: conversation records and log entries,
 * written on every message. The main thread makes the JSON (`JSON.stringify`, native) and the plan carries the
 * string: cloning a string into this thread and writing its UTF-8 bytes costs a fraction of cloning the object and
 * msgpack-encoding it here (test/bench/writeAmplification.ts; docs/runtime.md "Session 5: write amplification").
 */
export const JSON_FIELDS = ['convs', 'log', 'journal'];

/**
 * Databases whose values are always JSON text (new in session 8, so no older msgpack values): a conversation's state
 * fields stored under their own keys (embeddedStore.ts `StoredConversation.p`). Any JSON value (arrays too).
 */
export const PLAIN_JSON_FIELDS = ['parts'];

/**
 * Session 15 (rtfast): the UTF-8 bytes of a JSON text written inside a write transaction go into one buffer reused by
 * every put of this lmdb environment (`buf.write`), instead of a new Buffer per put (lmdb's `Buffer.from(string)`: ~4.5
 * per customer message, 2% of a shard's busy time, and a new 8 KB pool every few records, each pinned with a native
 * `getAddress`; through lmdb, median 20.1 -> 14.5 us of CPU per message, docs/runtime.md Session 15). Safe only there:
 * inside a transaction (`env.writeTxn` set: a transaction callback, putSync) lmdb copies the value into the database
 * before `put` returns; outside one, a put is queued with a pointer to its bytes, so the text is given to lmdb as a
 * string as before. The bytes on disk are the same. lmdb takes a Buffer with `start`/`end` as the value's bytes.
 */
function textBytes(root) {
  const MAX_SHARED = 1 << 20; // longer texts (rare: a record with a very long window entry) get their own Buffer
  let buf = Buffer.allocUnsafeSlow(64 * 1024);
  return (text) => {
    if (!root.env.writeTxn) return text;
    if (text.length * 3 > buf.length) {
      if (text.length * 3 > MAX_SHARED) return text;
      buf = Buffer.allocUnsafeSlow(MAX_SHARED);
    }
    buf.start = 0;
    buf.end = buf.write(text, 0); // UTF-8; the length check above leaves room for every byte
    return buf;
  };
}

function plainJsonEncoder(bytes) {
  return {
    encode: (value) => bytes(typeof value === 'string' ? value : JSON.stringify(value)),
    decode: (b) => JSON.parse(Buffer.from(b.buffer, b.byteOffset, b.length).toString('utf8')),
  };
}

/**
 * The encoder of a JSON_FIELDS database. Writing: a string is written as it is (lmdb turns a string an encoder
 * returns into its UTF-8 bytes); anything else as JSON. Reading: JSON text (its first byte is '{': every value there
 * is an object) or, for values older versions wrote, msgpack: an object is a map (0x80-0x8f, 0xde, 0xdf) or a
 * msgpackr record (0xd4...), never 0x7b (the bare integer 123). `msgpack`: the database's default lmdb decoder.
 */
function jsonText(msgpack, bytes) {
  return {
    encode: (value) => bytes(typeof value === 'string' ? value : JSON.stringify(value)),
    decode: (bytes, options) =>
      bytes[0] === 0x7b ? JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8')) : msgpack.decode(bytes, options),
  };
}

/**
 * The write logic, for one lmdb environment: `run(plan)` must be called inside a write transaction. Used by the
 * writer thread below, and by `EmbeddedStore` itself when it writes on its own thread (`writer: 'inline'`).
 * @param {Record<string, import('lmdb').Database>} db the databases by store field name
 */
export function writeOps(db) {
  /** True when `key` (a timer, handoff or outbox id) starts with its conversation's id and ':' (see `prune`). */
  const owned = (conversationId, key) => typeof key === 'string' && key.length > conversationId.length && key.charCodeAt(conversationId.length) === 58 && key.startsWith(conversationId);

  /** One commit (`EmbeddedStore.commit`'s plan). Checks first, then writes. */
  function commit(q) {
    if (q.create) {
      if (db.convs.doesExist(q.id)) throw new WriteConflict(`conversation ${q.id} already exists`);
      if (q.ext !== undefined && db.ext.doesExist(q.ext)) throw new WriteConflict(`external key ${q.ext} is already mapped`);
    } else if (q.known !== true && !db.convs.doesExist(q.id)) {
      // Planned from a record a prune removed before this write (storetest, session 6): writing it would bring the
      // conversation back without its index entries and log, pointing at journal numbers a later start reuses.
      // `known`: planned while no prune was under way (embeddedStore.ts `pruning`), so no such write came before.
      throw new WriteConflict(`conversation ${q.id} does not exist (it was pruned)`);
    }
    // Log entries (JSON text, without id and seq) at the journal numbers the main thread planned (embeddedStore.ts
    // `LogPlace`); runs moved out of the record when it held too many.
    if (q.log) for (let i = 0; i < q.log.length; i++) db.journal.put(q.g0 + i, q.log[i]);
    if (q.spill) db.logRuns.put([q.id, q.spill[0]], q.spill);
    if (q.oldWindow) for (let j = q.oldWindow[0]; j < q.oldWindow[1]; j++) db.window.remove([q.id, j]);
    db.convs.put(q.id, q.conv);
    // State fields stored under their own keys: flat [name, JSON text, ...] (embeddedStore.ts `StoredConversation.p`).
    if (q.parts) for (let i = 0; i < q.parts.length; i += 2) db.parts.put([q.id, q.parts[i]], q.parts[i + 1]);
    if (q.modeRm !== undefined) db.modeIdx.remove([q.modeRm, q.id]);
    if (q.modePut !== undefined) db.modeIdx.put([q.modePut, q.id], null);
    if (q.extPut !== undefined) db.ext.put(q.extPut, q.id);
    if (q.cancelTimers)
      for (const key of q.cancelTimers) {
        const t = db.timers.get(key);
        if (t) {
          db.timers.remove(key);
          db.timerIdx.remove([t.at, key]);
          if (!owned(t.conversationId, key)) db.stray.remove([t.conversationId, 't', key]);
        }
      }
    if (q.setTimers)
      for (const t of q.setTimers) {
        const old = db.timers.get(t.key);
        if (old) db.timerIdx.remove([old.at, t.key]);
        db.timers.put(t.key, t);
        db.timerIdx.put([t.at, t.key], null);
        if (!owned(t.conversationId, t.key)) db.stray.put([t.conversationId, 't', t.key], null);
      }
    if (q.outbox)
      for (const o of q.outbox) {
        if (db.outbox.doesExist(o.id)) continue; // idempotent: already queued or sent
        db.outbox.put(o.id, { ...o, attempts: 0, lastError: null, status: 'pending' });
        db.outboxIdx.put([o.nextAt, o.id], null);
        if (!owned(o.conversationId, o.id)) db.stray.put([o.conversationId, 'o', o.id], null);
      }
    if (q.handoffs)
      for (const h of q.handoffs) {
        db.handoffs.put(h.id, h);
        if (!owned(h.conversationId, h.id)) db.stray.put([h.conversationId, 'h', h.id], null);
      }
    if (q.records) for (const r of q.records) db.records.put([r.kind, r.at, r.id], r);
    if (q.idem) putIdempotency(q.idem);
  }

  /** An idempotency record and its entry in the time index (`idemByTime`, read by `sweep`). */
  function putIdempotency(rec) {
    const old = db.idem.get(rec.key);
    if (old && old.at !== rec.at) db.idemIdx.remove([old.at, rec.key]);
    db.idem.put(rec.key, rec);
    db.idemIdx.put([rec.at, rec.key], null);
  }

  function outboxDone(q) {
    const o = db.outbox.get(q.id);
    if (!o) return;
    db.outboxIdx.remove([o.nextAt, q.id]);
    if (q.error === undefined) {
      db.outbox.put(q.id, { ...o, status: 'done', attempts: o.attempts + 1 });
      db.finishedIdx.put([o.createdAt, q.id], null); // finished: the sweep removes it once older than the retention
      return;
    }
    const attempts = o.attempts + 1;
    if (q.nextAt === null) {
      db.outbox.put(q.id, { ...o, attempts, lastError: q.error, status: 'dead' });
      db.finishedIdx.put([o.createdAt, q.id], null);
    } else {
      db.outbox.put(q.id, { ...o, attempts, lastError: q.error, nextAt: q.nextAt });
      db.outboxIdx.put([q.nextAt, q.id], null);
    }
  }

  const MAX_KEY = Number.MAX_SAFE_INTEGER;
  const MAX_STR = '\uffff';

  /**
   * One batch of a prune (EmbeddedStore.pruneClosed). Returns how many conversations it removed. Each removed
   * conversation takes its timers, handoffs and finished outbox items with it, found by key: their keys start with
   * `${conversationId}:` (runtime/effects/planStep.ts, the engine's ids), so a range read finds them; a key that does
   * not is listed in `strayKeys` when written. Session 8: this used to be one pass over every timer, handoff, outbox
   * item and idempotency record of the folder per prune (~1 s with 100,000 idempotency records, holding customers'
   * commits meanwhile); old idempotency records and finished outbox items now go by `sweep`, through time indexes.
   */
  function prune(q) {
    let removed = 0;
    for (const c of q.victims) {
      // Looked at again inside this transaction: a customer message may have reopened it (a closed conversation is
      // restarted, not refused) after the main thread chose it and before this write; that one stays, with its log.
      const cur = db.convs.get(c.id);
      if (!cur || cur.mode !== 'closed' || cur.closedAt === null || !(cur.closedAt < q.before)) continue;
      removed++;
      for (const key of db.log.getKeys({ start: [c.id, 0], end: [c.id, MAX_KEY] })) db.log.remove(key);
      // Its journal entries: the runs [seq0, n, g0, ...] of its record as stored now, and those moved to `logRuns`.
      const runs = [];
      if (cur.gs === 1) for (const { value } of db.logRuns.getRange({ start: [c.id, 0], end: [c.id, MAX_KEY] })) runs.push(...value);
      runs.push(...(cur.g ?? []));
      for (let k = 0; k < runs.length; k += 3) for (let i = 0; i < runs[k + 1]; i++) db.journal.remove(runs[k + 2] + i);
      for (const key of db.logRuns.getKeys({ start: [c.id, 0], end: [c.id, MAX_KEY] })) db.logRuns.remove(key);
      for (const key of db.window.getKeys({ start: [c.id, 0], end: [c.id, MAX_KEY] })) db.window.remove(key);
      for (const key of db.parts.getKeys({ start: [c.id, ''], end: [c.id, MAX_STR] })) db.parts.remove(key);
      // Session 50 (lead, newcomer s50 N6): its agents' private notes.
      if (db.notes) for (const key of db.notes.getKeys({ start: [c.id, 0, 0], end: [c.id, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER] })) db.notes.remove(key);
      db.convs.remove(c.id);
      db.modeIdx.remove(['closed', c.id]);
      if (cur.externalKey !== undefined) db.ext.remove(cur.externalKey);
      removeOwned(c.id);
    }
    return removed;
  }

  /** The timers, handoffs and finished outbox items of a removed conversation (pending outbox items still run). */
  function removeOwned(id) {
    const timer = (key) => {
      const t = db.timers.get(key);
      if (t) {
        db.timers.remove(key);
        db.timerIdx.remove([t.at, key]);
      }
    };
    const handoff = (key) => db.handoffs.remove(key);
    const outbox = (key) => {
      const o = db.outbox.get(key);
      if (o && o.status !== 'pending') {
        db.outbox.remove(key);
        db.finishedIdx.remove([o.createdAt, key]);
      }
    };
    // Keys `${id}:...`: ':' + 1 is ';', so [id + ':', id + ';') is every key with that prefix.
    const range = { start: id + ':', end: id + ';' };
    for (const key of [...db.timers.getKeys(range)]) timer(key);
    for (const key of [...db.handoffs.getKeys(range)]) handoff(key);
    for (const key of [...db.outbox.getKeys(range)]) outbox(key);
    for (const key of [...db.stray.getKeys({ start: [id, ''], end: [id, MAX_STR] })]) {
      const [, kind, k] = key;
      if (kind === 't') timer(k);
      else if (kind === 'h') handoff(k);
      else if (kind === 'o') {
        outbox(k);
        if (db.outbox.doesExist(k)) continue; // still pending: keep its stray entry for a later prune
      }
      db.stray.remove(key);
    }
  }

  /**
   * Part of a prune: removes idempotency records and finished outbox items older than `before`, at most `limit` of
   * each, through their time indexes (only what is due is read). Returns how many it removed; the store calls it
   * again while a call removes `limit` (so a large backlog goes in several short transactions).
   */
  function sweep(q) {
    let n = 0;
    for (const key of [...db.idemIdx.getKeys({ start: [0, ''], end: [q.before, ''], limit: q.limit })]) {
      const rec = db.idem.get(key[1]);
      if (rec && rec.at === key[0]) db.idem.remove(key[1]);
      db.idemIdx.remove(key);
      n++;
    }
    let m = 0;
    for (const key of [...db.finishedIdx.getKeys({ start: [0, ''], end: [q.before, ''], limit: q.limit })]) {
      const o = db.outbox.get(key[1]);
      if (o && o.status !== 'pending' && o.createdAt === key[0]) db.outbox.remove(key[1]);
      db.finishedIdx.remove(key);
      m++;
    }
    return Math.max(n, m);
  }

  /**
   * Builds the indexes `prune` and `sweep` read, for a data folder written before they existed (session 8): one pass
   * over the idempotency records, the outbox, timers and handoffs, once (`meta` 'indexes' says it was done).
   */
  function buildIndexes() {
    if (db.meta.get('indexes') === INDEXES_VERSION) return false;
    for (const { key, value } of db.idem.getRange({})) db.idemIdx.put([value.at, key], null);
    for (const { key, value } of db.outbox.getRange({})) {
      if (value.status !== 'pending') db.finishedIdx.put([value.createdAt, key], null);
      if (!owned(value.conversationId, key)) db.stray.put([value.conversationId, 'o', key], null);
    }
    for (const { key, value } of db.timers.getRange({})) if (!owned(value.conversationId, key)) db.stray.put([value.conversationId, 't', key], null);
    for (const { key, value } of db.handoffs.getRange({})) if (!owned(value.conversationId, key)) db.stray.put([value.conversationId, 'h', key], null);
    db.meta.put('indexes', INDEXES_VERSION);
    return true;
  }

  /**
   * Session 48 (apisec3): a key used once until a time (a signed identity token's id: EmbeddedStore.claimOnce). 1
   * when it was free (never used, or its time is past) and is now held until `q.until`; 0 when it is held. Up to
   * 20 keys past their time are dropped on the way, through their time index, so the table stays as large as the
   * tokens still valid.
   */
  function once(q) {
    for (const key of [...db.onceIdx.getKeys({ start: [0, ''], end: [q.now, ''], limit: 20 })]) {
      if (db.once.get(key[1]) === key[0]) db.once.remove(key[1]);
      db.onceIdx.remove(key);
    }
    const held = db.once.get(q.key);
    if (typeof held === 'number' && held > q.now) return 0; // a number: what the writer thread answers back
    if (typeof held === 'number') db.onceIdx.remove([held, q.key]);
    db.once.put(q.key, q.until);
    db.onceIdx.put([q.until, q.key], null);
    return 1;
  }

  return function run(q) {
    switch (q.k) {
      case 'once':
        return once(q);
      case 'c':
        return commit(q);
      case 'put':
        return db[q.db].put(q.key, q.value);
      case 'outbox':
        return outboxDone(q);
      case 'prune':
        return prune(q);
      case 'sweep':
        return sweep(q);
      case 'indexes':
        return buildIndexes();
      default:
        throw new Error(`unknown write ${q.k}`);
    }
  };
}

/** Opens the databases of `names` (store field -> database name, null: the root) in `root`. */
export function openDatabases(root, names) {
  const db = {};
  const bytes = textBytes(root);
  for (const [field, name] of Object.entries(names)) {
    if (name === null) db[field] = root;
    else if (JSON_FIELDS.includes(field)) db[field] = root.openDB({ name, encoder: jsonText(root.openDB({ name }).decoder, bytes) });
    else if (PLAIN_JSON_FIELDS.includes(field)) db[field] = root.openDB({ name, encoder: plainJsonEncoder(bytes) });
    else db[field] = root.openDB({ name });
  }
  return db;
}

/** What the main thread needs to rebuild the error (a failed lmdb commit carries its cause as a promise). */
function failure(err) {
  if (err instanceof WriteConflict) return { conflict: err.message };
  const commitError = err && typeof err === 'object' ? err.commitError : undefined;
  if (commitError instanceof Promise) commitError.catch(() => undefined); // nobody else awaits it
  return { message: err instanceof Error ? err.message : String(err), code: err && typeof err === 'object' ? err.code : undefined, commitFailed: commitError !== undefined };
}

/**
 * lmdb prints a failed commit's error itself (`console.error(error)` in lmdb/write.js) although it also rejects the
 * writes of that commit, which the store reports (the JSON "data folder write failed" lines): on a full disk, 4-line
 * stacks naming lmdb's own file went to stderr between the JSON lines (hostile s14 H#3). From this call on, in this
 * thread, an Error from lmdb's code printed alone becomes one JSON line; anything else printed is unchanged.
 */
let lmdbConsoleQuiet = false;
export function quietLmdbConsole() {
  if (lmdbConsoleQuiet) return;
  lmdbConsoleQuiet = true;
  const print = console.error;
  // Hostile s15 H#15: lmdb's native code prints "Write error: ... position N, size M" on stderr WITHOUT a newline just
  // before this, which glued it onto the JSON line; and one line per failed commit filled the log. Now a newline
  // always ends lmdb's text, and the JSON line is written once, then at most once a minute with a count.
  let lastLine = Number.NEGATIVE_INFINITY;
  let since = 0;
  console.error = function (...args) {
    const e = args[0];
    if (args.length === 1 && e instanceof Error && /[\\/]lmdb[\\/][\w.-]+\.js/.test(String(e.stack))) {
      const now = Date.now();
      if (now - lastLine < 60_000) {
        since++;
        process.stderr.write('\n');
        return;
      }
      const line = { level: 40, time: now, service: 'baton-serve', msg: 'lmdb: a commit failed (its writes are answered as failed)', err: e.message, code: e.code, ...(since > 0 ? { failedSinceLastLine: since } : {}) };
      lastLine = now;
      since = 0;
      process.stderr.write(`\n${JSON.stringify(line)}\n`);
      return;
    }
    return print.apply(this, args);
  };
}

// Everything below runs only as the writer thread (this module is also bundled into the main thread's code).
if (parentPort && workerData && workerData.batonEmbeddedWriter) startWriterThread();

function startWriterThread() {
  const { path, options, names } = workerData;
  quietLmdbConsole();
  const root = open({ path, ...options });
  const run = writeOps(openDatabases(root, names));
  let replies = [];
  let replyScheduled = false;
  function reply(entry) {
    replies.push(entry);
    if (!replyScheduled) {
      replyScheduled = true;
      setImmediate(sendReplies);
    }
  }
  function sendReplies() {
    replyScheduled = false;
    const res = replies;
    replies = [];
    parentPort.postMessage({ t: 'done', res });
  }

  function write(q) {
    const txn = root.transaction(() => run(q));
    // This write's own batch's flush, taken now (see embeddedStore.ts `ownFlush`: read after the commit, a later
    // batch's flush promise, which lmdb never settles when that batch's commit fails, wedged the write for ever).
    const flushed = new Promise((resolve, reject) => void root.flushed.then(resolve, reject));
    flushed.catch(() => undefined);
    txn
      .then((v) => flushed.then(() => v))
      .then(
        // A count (prune: conversations removed) goes back with the reply; other writes answer nothing.
        (v) => reply(typeof v === 'number' ? [q.n, 0, v] : [q.n, 0]),
        (err) => reply([q.n, 1, failure(err)]),
      );
  }

  parentPort.on('message', (m) => {
    if (m.t === 'batch') for (const q of m.reqs) write(q);
    else if (m.t === 'close') {
      Promise.resolve(root.flushed)
        .catch(() => undefined) // the last commit failed (disk full): nothing more to flush
        .then(() => root.close())
        .then(() => parentPort.postMessage({ t: 'closed' }));
    }
  });
}
