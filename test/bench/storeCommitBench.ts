/**
 * CPU cost of the embedded store's writes per customer message, in process, with REAL writes: the runtime
 * (`startRuntime`, the customer-support flow, its HTTP request block pointed at a local mock) is driven in this
 * process through `ConversationService` over a recording store; every write it makes (`commit` StepWrites,
 * `completeOutbox`, `failOutbox`) is kept as the very objects the service passed (so the engine's transcript
 * windows still share entries between steps, as they do in `baton serve`). Those writes are then replayed
 * against fresh stores of each variant, 100 conversations at once (so lmdb groups commits as under load), one
 * conversation's writes in order. Rounds alternate the variants; the table shows medians.
 *
 *   npx tsx test/bench/storeCommitBench.ts
 *   BENCH_BEFORE_ROOT=/tmp/baton-before npx tsx test/bench/storeCommitBench.ts    (+ that checkout's store)
 *   STORE_VARIANTS='name=/abs/path/embeddedStore.ts,...'                         (extra store modules to compare)
 *   BENCH_INLINE=0    (leave out the stores with writes on the calling thread, `writer: 'inline'`: how a shard writes)
 *   BENCH_THREAD=0    (leave out the stores with a writer thread: only the inline path, e.g. under --cpu-prof)
 *   BENCH_CONVERSATIONS=300 BENCH_MESSAGES=12 BENCH_ROUNDS=5 BENCH_PARALLEL=100
 *
 * Columns: CPU = process user+system time (all threads, lmdb's writer and fsyncs included) per customer message
 * and per write; main thread = the JavaScript main thread's CPU alone (Linux schedstat; a writer thread's work is
 * not in it); "in txn" = time inside lmdb transaction callbacks (value encoding + lmdb puts, main thread);
 * "encode" = time in the databases' encoders (msgpackr) alone; bytes = encoded value bytes per message.
 * Prints tables; never pass/fail.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pino from 'pino';
import { loadFlowText } from '../../shared/flow/loadFlowText';
import { startRuntime } from '../../runtime/serve/startRuntime';
import { EmbeddedStore } from '../../runtime/store/embeddedStore';
import type { RuntimeStore, StepWrite } from '../../runtime/store/types';
import { messagePool } from './conversationGenerator';

const here = fileURLToPath(new URL('../../', import.meta.url));
const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 300);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 12);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PARALLEL = Number(process.env.BENCH_PARALLEL ?? 100);
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

type Op =
  | { kind: 'commit'; conv: string; w: StepWrite }
  | { kind: 'completeOutbox'; conv: string; id: string; now: number }
  | { kind: 'failOutbox'; conv: string; id: string; error: string; nextAt: number | null };

export interface Captured {
  setup: Op[];
  messages: Op[];
  customerMessages: number;
}

/** A store that records every write (the objects themselves) and passes it on. */
function recording(inner: RuntimeStore, ops: { list: Op[] }): RuntimeStore {
  const outboxConv = new Map<string, string>();
  return new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'commit')
        return (w: StepWrite) => {
          for (const o of w.outbox ?? []) outboxConv.set(o.id, o.conversationId);
          ops.list.push({ kind: 'commit', conv: w.conversation.id, w });
          return target.commit(w);
        };
      if (prop === 'completeOutbox')
        return (id: string, now: number) => {
          ops.list.push({ kind: 'completeOutbox', conv: outboxConv.get(id) ?? '?', id, now });
          return target.completeOutbox(id, now);
        };
      if (prop === 'failOutbox')
        return (id: string, error: string, nextAt: number | null) => {
          ops.list.push({ kind: 'failOutbox', conv: outboxConv.get(id) ?? '?', id, error, nextAt });
          return target.failOutbox(id, error, nextAt);
        };
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

async function mockApi(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'shipped', eta: 'Friday' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const a = server.address() as { port: number };
  return { url: `http://127.0.0.1:${a.port}`, server };
}

async function pool<T>(items: T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

/** Drives the runtime in process and keeps the writes of the creations and of the customer messages apart. */
export async function capture(): Promise<Captured> {
  const api = await mockApi();
  const dir = mkdtempSync(join(tmpdir(), 'perf3-capture-'));
  const ops = { list: [] as Op[] };
  const flowText = readFileSync(join(here, 'flows/customer-support.json'), 'utf8').replaceAll('https://api.northwind.example', api.url);
  const parsed = loadFlowText(flowText);
  if (!parsed.ok || !parsed.flow) throw new Error('customer-support flow does not load');
  const rt = await startRuntime({
    flows: [parsed.flow],
    port: 0,
    store: recording(new EmbeddedStore({ dir: join(dir, 'data') }), ops),
    logger: pino({ level: 'silent' }),
    effectLoop: false,
    config: { rateLimit: { perAddressPerMinute: 1e9, perConversationPerMinute: 1e9 }, retentionDays: 0 } as never,
  });
  try {
    const ids: string[] = [];
    await pool(Array.from({ length: CONVERSATIONS }, (_, i) => i), 50, async () => {
      ids.push((await rt.service.create('customer-support')).conversationId);
    });
    const setup = ops.list;
    ops.list = [];
    let msg = 0;
    let customerMessages = 0;
    for (let m = 0; m < MESSAGES; m++) {
      await pool(ids, PARALLEL, async (id) => {
        const text = messagePool[msg++ % messagePool.length];
        customerMessages++;
        try {
          await rt.service.send(id, { type: 'text', text });
        } catch {
          /* a rejected input (409) is an answer too; its writes (if any) were recorded */
        }
      });
    }
    return { setup, messages: ops.list, customerMessages };
  } finally {
    await rt.close();
    api.server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

type StoreCtor = new (o: { dir: string }) => RuntimeStore;

interface Stats {
  cpuUs: number;
  /** CPU of the main JavaScript thread alone (what a writer thread takes off it). */
  mainUs: number;
  wallMs: number;
  txnUs: number;
  encodeUs: number;
  bytes: number;
  /** lmdb write transactions the writes went into (lmdb groups the transaction callbacks queued meanwhile). */
  lmdbTxns: number;
  fileBytes: number;
}

/** Wraps lmdb transaction callbacks and encoders of a store (whatever its field names) to time them. */
function instrument(store: RuntimeStore, acc: { txnUs: number; encodeUs: number; bytes: number; txnIds: Set<number> }): void {
  const fields = Object.values(store as object) as Array<{ transaction?: unknown; encoder?: { encode: (...a: unknown[]) => unknown } }>;
  const seen = new Set<unknown>();
  for (const f of fields) {
    if (!f || typeof f !== 'object') continue;
    const enc = f.encoder;
    if (enc && typeof enc.encode === 'function' && !seen.has(enc)) {
      seen.add(enc);
      const orig = enc.encode.bind(enc);
      enc.encode = (...a: unknown[]) => {
        const t0 = performance.now();
        const out = orig(...a) as { length?: number; start?: number; end?: number };
        acc.encodeUs += (performance.now() - t0) * 1000;
        acc.bytes += out && typeof out === 'object' && typeof out.end === 'number' && typeof out.start === 'number' ? out.end - out.start : (out?.length ?? 0);
        return out;
      };
    }
  }
  const root = (store as unknown as { root?: { transaction: (fn: () => unknown) => Promise<unknown>; getWriteTxnId(): number } }).root;
  if (root) {
    const orig = root.transaction.bind(root);
    root.transaction = (fn) =>
      orig(() => {
        acc.txnIds.add(root.getWriteTxnId());
        const t0 = performance.now();
        try {
          return fn();
        } finally {
          acc.txnUs += (performance.now() - t0) * 1000;
        }
      });
  }
}

export async function replay(ops: Op[], store: RuntimeStore): Promise<void> {
  const byConv = new Map<string, Op[]>();
  for (const op of ops) {
    const list = byConv.get(op.conv) ?? [];
    list.push(op);
    byConv.set(op.conv, list);
  }
  await pool([...byConv.values()], PARALLEL, async (list) => {
    for (const op of list) {
      if (op.kind === 'commit') await store.commit(op.w).catch(() => undefined);
      else if (op.kind === 'completeOutbox') await store.completeOutbox(op.id, op.now);
      else await store.failOutbox(op.id, op.error, op.nextAt);
    }
  });
}

async function measure(Ctor: StoreCtor, cap: Captured): Promise<Stats> {
  const dir = mkdtempSync(join(tmpdir(), 'perf3-replay-'));
  const store = new Ctor({ dir });
  try {
    await replay(cap.setup, store);
    const acc = { txnUs: 0, encodeUs: 0, bytes: 0, txnIds: new Set<number>() };
    instrument(store, acc);
    if (global.gc) global.gc();
    const c0 = process.cpuUsage();
    const m0 = mainThreadCpuUs();
    const t0 = performance.now();
    await replay(cap.messages, store);
    const wallMs = performance.now() - t0;
    const c = process.cpuUsage(c0);
    const mainUs = mainThreadCpuUs() - m0;
    await store.close();
    let fileBytes = 0;
    try {
      fileBytes = readFileSync(join(dir, 'baton.lmdb')).length;
    } catch {
      /* another layout */
    }
    return { cpuUs: c.user + c.system, mainUs, wallMs, txnUs: acc.txnUs, encodeUs: acc.encodeUs, bytes: acc.bytes, lmdbTxns: acc.txnIds.size, fileBytes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** CPU time of this process's main thread in µs (Linux: /proc/self/task/<pid>/schedstat, ns), or NaN elsewhere. */
function mainThreadCpuUs(): number {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1000;
  } catch {
    return NaN;
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
};

export async function storeCommitBench(): Promise<void> {
  const variants: Array<{ name: string; Ctor: StoreCtor }> = [];
  if (process.env.BENCH_BEFORE_ROOT) {
    const mod = await import(pathToFileURL(join(resolve(process.env.BENCH_BEFORE_ROOT), 'runtime/store/embeddedStore.ts')).href);
    if (process.env.BENCH_THREAD !== '0') variants.push({ name: `before (${process.env.BENCH_BEFORE_ROOT})`, Ctor: mod.EmbeddedStore });
    // Inline too: how a shard of `baton serve` (one worker thread by default since session 7) writes.
    if (process.env.BENCH_INLINE !== '0')
      variants.push({
        name: `before, writes inline`,
        Ctor: class extends mod.EmbeddedStore {
          constructor(o: { dir: string }) {
            super({ ...o, writer: 'inline' });
          }
        } as unknown as StoreCtor,
      });
  }
  // BENCH_THREAD=0 (session 24): leave out the stores with a writer thread (e.g. to profile the inline path alone).
  if (process.env.BENCH_THREAD !== '0') variants.push({ name: 'this checkout (writer thread)', Ctor: EmbeddedStore as unknown as StoreCtor });
  // The same store writing on the calling thread (BATON_STORE_WRITER=inline): what the writer thread saves there.
  if (process.env.BENCH_INLINE !== '0') {
    variants.push({
      name: 'this checkout (writes inline)',
      Ctor: class extends EmbeddedStore {
        constructor(o: { dir: string }) {
          super({ ...o, writer: 'inline' });
        }
      } as unknown as StoreCtor,
    });
  }
  for (const spec of (process.env.STORE_VARIANTS ?? '').split(',').filter(Boolean)) {
    const [name, path] = spec.split('=');
    const mod = await import(pathToFileURL(resolve(path)).href);
    variants.push({ name, Ctor: mod.EmbeddedStore });
  }
  const t0 = performance.now();
  const cap = await capture();
  const commits = cap.messages.filter((o) => o.kind === 'commit').length;
  console.log(
    `captured in ${fmt((performance.now() - t0) / 1000, 1)} s: ${CONVERSATIONS} conversations (${cap.setup.length} writes), ${cap.customerMessages} customer messages -> ${cap.messages.length} writes (${commits} commits, ${cap.messages.length - commits} outbox updates)`,
  );
  const results = variants.map(() => [] as Stats[]);
  for (const v of variants) await measure(v.Ctor, cap); // warm-up (JIT), not counted
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 ? [...variants.keys()].reverse() : [...variants.keys()];
    for (const i of order) results[i].push(await measure(variants[i].Ctor, cap));
  }
  const n = cap.customerMessages;
  const rows = [['store', 'CPU µs / message', 'main thread µs / msg', 'per round', 'CPU µs / write', 'in txn µs / msg', 'encode µs / msg', 'bytes / msg', 'writes / lmdb txn', 'wall ms', 'data file MB']];
  variants.forEach((v, i) => {
    const rs = results[i];
    const cpu = rs.map((s) => s.cpuUs / n);
    rows.push([
      v.name,
      fmt(median(cpu), 1),
      fmt(median(rs.map((s) => s.mainUs / n)), 1),
      cpu.map((x) => fmt(x, 0)).join(' / '),
      fmt(median(rs.map((s) => s.cpuUs / cap.messages.length)), 1),
      fmt(median(rs.map((s) => s.txnUs / n)), 1),
      fmt(median(rs.map((s) => s.encodeUs / n)), 1),
      fmt(median(rs.map((s) => s.bytes / n)), 0),
      fmt(median(rs.map((s) => (s.lmdbTxns ? cap.messages.length / s.lmdbTxns : 0))), 1),
      fmt(median(rs.map((s) => s.wallMs)), 0),
      fmt(median(rs.map((s) => s.fileBytes)) / 1e6, 1),
    ]);
  });
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  console.log(`\nStore writes per customer message (replayed, ${PARALLEL} conversations at once, median of ${ROUNDS} alternating rounds)\n`);
  rows.forEach((r, k) => {
    console.log('| ' + r.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |');
    if (k === 0) console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  storeCommitBench().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
