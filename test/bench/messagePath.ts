/**
 * In-process CPU cost of one customer message through the runtime's service (token check, per-conversation lock,
 * engine `receive`, planStep, store commit, HTTP request blocks, metrics), without the HTTP server: the same calls
 * the message route makes, driven at a fixed concurrency. For iterating on the message path; the end-to-end figure
 * is test/bench/runtimeCpu.ts.
 *
 * By default the embedded store is replaced by a plain in-memory one (`MemoryStore` below: Maps, no encoding, no
 * disk), so the figure is the CPU spent OUTSIDE the store (service, engine, HTTP request blocks, metrics; the mock
 * order API the flow calls runs in the same process), with little noise. MP_STORE=lmdb uses the embedded store.
 * Each checkout runs in fresh processes, alternating with MP_BEFORE_ROOT (an older checkout, e.g. a git worktree
 * with node_modules linked) when given; every process measures 2 rounds after a warm-up.
 *
 *   npx tsx test/bench/messagePath.ts      (MP_BEFORE_ROOT=/tmp/before MP_STORE=memory|lmdb MP_MESSAGES=20000 MP_ROUNDS=3)
 *   MP_CHILD=$PWD node --cpu-prof --cpu-prof-dir=/tmp/mp --import tsx test/bench/messagePath.ts   (one process, profiled)
 *   BENCH_HOURS=closed|open|clock   (session 31: the flow's takeover never open (default), always open, or as shipped:
 *        the path, and the CPU per message with it, depends on it; see benchHours.ts)
 *   BENCH_TEXTS=distinct|pool (session 35, default distinct): 50,000 generated texts, nearly all different, or the 30
 *        texts of `messagePool` over and over (sessions 4-34's figures: the engine's per-text memories hit nearly always
 *        there). Both checkouts get the same texts (this file's generator).
 *   MP_IDEM=1 ...   (session 19: every message with its own idempotency key, as the web widget sends them; the service
 *        then also stores the answer for a retry: another path than the bare API's, which the other benches drive)
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pino from 'pino';
import type { Flow } from '../../shared/flow/schema';
import { benchTexts } from './conversationGenerator';
import { benchHours, withBenchHours } from './benchHours';
import { StoreConflictError, type CommitResult, type ConversationRecord, type HandoffRecord, type IdempotencyRecord, type LogEntry, type OutboxItem, type RuntimeStore, type StepWrite, type TimerRecord } from '../../runtime/store/types';

const here = fileURLToPath(new URL('../../', import.meta.url));
const MESSAGES = Number(process.env.MP_MESSAGES ?? 20_000);
const CONCURRENCY = Number(process.env.MP_CONCURRENCY ?? 100);
const CONVERSATIONS = Number(process.env.MP_CONVERSATIONS ?? 1000);
const ROUNDS = Number(process.env.MP_ROUNDS ?? 3);
const STORE = process.env.MP_STORE === 'lmdb' ? 'lmdb' : 'memory';
const TEXTS = benchTexts();

/** One measurement in this process: `rounds` x `messages` customer messages, CPU ms per message for each round. */
export async function measureMessagePath(root: string, rounds: number): Promise<{ perMsg: number[]; perSec: number[]; allocatedPerMsg?: number; harnessPerMsg?: number }> {
  const { startRuntime } = (await import(pathToFileURL(join(root, 'runtime/serve/startRuntime.ts')).href)) as typeof import('../../runtime/serve/startRuntime');
  const { readFlowFile } = (await import(pathToFileURL(join(root, 'runtime/cli/readFlowFile.ts')).href)) as typeof import('../../runtime/cli/readFlowFile');
  const api = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'shipped', eta: 'Friday' }));
    });
  });
  await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
  const apiUrl = `http://127.0.0.1:${(api.address() as { port: number }).port}`;
  const r = await readFlowFile(join(root, 'flows/customer-support.json'));
  if (r.status !== 'ok') throw new Error('flows/customer-support.json did not load');
  // Session 31: the takeover's opening hours pinned (BENCH_HOURS, default closed), whatever the time of day.
  const flow = withBenchHours(JSON.parse(JSON.stringify(r.flow).replaceAll('https://api.northwind.example', apiUrl)) as Flow, benchHours());
  const dir = mkdtempSync(join(tmpdir(), 'baton-mp-'));
  const rt = await startRuntime({
    flows: [flow],
    port: 0,
    dataDir: join(dir, 'data'),
    ...(STORE === 'memory' ? { store: new MemoryStore() } : {}),
    logger: pino({ level: 'error' }),
    config: { rateLimit: { perAddressPerMinute: 1e9, perConversationPerMinute: 1e9 }, retentionDays: 0 } as never,
  });
  try {
    const svc = rt.service;
    const convs: Array<{ id: string; token: string }> = [];
    for (let i = 0; i < CONVERSATIONS; i++) {
      const c = await svc.create(flow.id);
      convs.push({ id: c.conversationId, token: c.token });
    }
    let msg = 0;
    // What the message route does after parsing and validating: token check, then the service.
    const idem = process.env.MP_IDEM === '1';
    const { hashBody } = (await import(pathToFileURL(join(root, 'runtime/server/conversationService.ts')).href)) as typeof import('../../runtime/server/conversationService');
    const one = async (i: number) => {
      const c = convs[i % convs.length];
      await svc.getAuthorized(c.id, c.token);
      const text = TEXTS.texts[msg++ % TEXTS.texts.length];
      // The lean route's call with an Idempotency-Key header (runtime/shard/shardWorker.ts `send`).
      await svc.send(c.id, { type: 'text', text }, idem ? { key: `mp-${msg}-${i}`, requestHash: hashBody({ text }) } : undefined);
    };
    const drive = async (n: number) => {
      let next = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < n) await one(next++);
        }),
      );
    };
    await drive(Number(process.env.MP_WARMUP ?? 10_000)); // warm-up (JIT)
    const perMsg: number[] = [];
    const perSec: number[] = [];
    const threads0 = threadCpu();
    // MP_HEAP=file.heapprofile: where the measured rounds allocate (sampled, including objects already collected);
    // MP_ALLOC=1: only the total, as bytes allocated per message (robust to the machine's load, unlike CPU time).
    const heap = process.env.MP_HEAP || process.env.MP_ALLOC ? await startAllocationSampling() : null;
    for (let round = 0; round < rounds; round++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await drive(MESSAGES);
      const c = process.cpuUsage(c0);
      perMsg.push((c.user + c.system) / 1000 / MESSAGES);
      perSec.push(MESSAGES / ((performance.now() - t0) / 1000));
    }
    if (process.env.MP_THREADS) {
      // CPU per thread (main JS thread, libuv pool, lmdb's writer...) over the measured rounds, µs per message.
      const t1 = threadCpu();
      const per = new Map<string, number>();
      for (const [tid, { name, ms }] of t1) {
        const key = tid === String(process.pid) ? 'main thread' : `${name} ${tid}`;
        const d = ms - (threads0.get(tid)?.ms ?? 0);
        if (d > 0) per.set(key, (per.get(key) ?? 0) + d);
      }
      console.error([...per].map(([n, ms]) => `${n}: ${((ms * 1000) / (rounds * MESSAGES)).toFixed(1)} µs/msg`).join(', '));
    }
    if (heap) {
      const profile = (await heap()) as { head: SampledNode };
      if (process.env.MP_HEAP) writeFileSync(process.env.MP_HEAP, JSON.stringify(profile));
      return { perMsg, perSec, allocatedPerMsg: sampledBytes(profile.head) / (rounds * MESSAGES), harnessPerMsg: sampledBytes(profile.head, true) / (rounds * MESSAGES) };
    }
    return { perMsg, perSec };
  } finally {
    await rt.close();
    api.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** utime + stime of each thread of this process, ms (Linux /proc). */
function threadCpu(): Map<string, { name: string; ms: number }> {
  const out = new Map<string, { name: string; ms: number }>();
  try {
    for (const tid of readdirSync('/proc/self/task')) {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(tid, { name, ms: (Number(f[11]) + Number(f[12])) * 10 });
    }
  } catch {
    /* not Linux */
  }
  return out;
}

interface SampledNode {
  selfSize: number;
  callFrame: { url: string };
  children?: SampledNode[];
}
/** Sampled bytes under `n`; with `harnessOnly`, only those allocated by this file's own code (MemoryStore, driver). */
function sampledBytes(n: SampledNode, harnessOnly = false): number {
  let sum = !harnessOnly || n.callFrame.url.endsWith('/test/bench/messagePath.ts') ? n.selfSize : 0;
  for (const c of n.children ?? []) sum += sampledBytes(c, harnessOnly);
  return sum;
}

/** Starts V8's sampling heap profiler counting every allocation (also objects the GC already freed); returns a stop. */
async function startAllocationSampling(): Promise<() => Promise<unknown>> {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as never);
  return async () => {
    const { profile } = (await session.post('HeapProfiler.stopSampling')) as { profile: unknown };
    session.disconnect();
    return profile;
  };
}

function child(root: string, alloc = false): Promise<{ perMsg: number[]; perSec: number[]; allocatedPerMsg?: number; harnessPerMsg?: number }> {
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
      cwd: here,
      env: { ...process.env, MP_CHILD: root, NODE_ENV: 'production', ...(alloc ? { MP_ALLOC: '1' } : {}) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    c.stdout.on('data', (d: Buffer) => (out += d));
    c.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('{"perMsg"'));
      if (code === 0 && line) resolve(JSON.parse(line));
      else reject(new Error(`message path bench child for ${root} exited with ${code}\n${out}`));
    });
  });
}

/**
 * Each checkout (this one, and MP_BEFORE_ROOT when given) measured in its own fresh process, alternating, ROUNDS
 * times; the table shows the median.
 */
export async function messagePathBench(): Promise<void> {
  const roots: Array<[string, string]> = [['this checkout', here]];
  if (process.env.MP_BEFORE_ROOT) roots.push([process.env.MP_BEFORE_ROOT, process.env.MP_BEFORE_ROOT]);
  const runs = roots.map(() => ({ perMsg: [] as number[], perSec: [] as number[] }));
  const l0 = os.loadavg()[0];
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 ? [...roots.keys()].reverse() : [...roots.keys()];
    for (const k of order) {
      const r = await child(roots[k][1]);
      runs[k].perMsg.push(...r.perMsg);
      runs[k].perSec.push(...r.perSec);
    }
  }
  // One more process per checkout with the allocation sampler on (it slows the process: its CPU is not counted).
  const allocated: Array<{ total: number; harness: number }> = [];
  for (const [, root] of roots) {
    const r = await child(root, true);
    allocated.push({ total: r.allocatedPerMsg ?? NaN, harness: r.harnessPerMsg ?? NaN });
  }
  const l1 = os.loadavg()[0];
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(
    `\nMessage path in-process, ${STORE === 'memory' ? 'memory store (CPU outside the store)' : 'embedded lmdb store'}${process.env.MP_IDEM === '1' ? ', every message with an idempotency key' : ''}: ${CONCURRENCY} concurrent, ` +
      `${CONVERSATIONS} conversations, texts: ${TEXTS.name}, ${ROUNDS} alternating processes x ${MESSAGES} messages; load average ${l0.toFixed(1)} -> ${l1.toFixed(1)}\n`,
  );
  console.log('| checkout | CPU µs / msg (median) | per round (2 per process) | msgs/s (median) | allocated KB / msg (sampled) |');
  console.log('|---|---|---|---|---|');
  roots.forEach(([name], k) => {
    console.log(
      `| ${name} | ${(median(runs[k].perMsg) * 1000).toFixed(1)} | ${runs[k].perMsg.map((x) => (x * 1000).toFixed(1)).join(' / ')} | ` +
        `${Math.round(median(runs[k].perSec)).toLocaleString('en-US')} | ${(allocated[k].total / 1024).toFixed(1)} (bench's own code: ${(allocated[k].harness / 1024).toFixed(1)}) |`,
    );
  });
}

/**
 * The smallest store that keeps `RuntimeStore`'s rules for one process (atomic commits numbering the log, one
 * conversation at a time in runExclusive), in memory: for measuring what is NOT the store. Bench only.
 */
export class MemoryStore implements RuntimeStore {
  readonly description = 'memory (bench)';
  private flows = new Map<string, unknown>();
  private active = new Map<string, string>();
  private convs = new Map<string, ConversationRecord>();
  private logs = new Map<string, LogEntry[]>();
  private idem = new Map<string, IdempotencyRecord>();
  private timers = new Map<string, TimerRecord>();
  private outbox = new Map<string, OutboxItem>();
  private handoffs = new Map<string, HandoffRecord>();
  private queues = new Map<string, Promise<void>>();
  async putFlowRevision(rec: { flowId: string; revision: string }) {
    this.flows.set(`${rec.flowId}@${rec.revision}`, rec);
  }
  async getFlowRevision(flowId: string, revision: string) {
    return (this.flows.get(`${flowId}@${revision}`) ?? null) as never;
  }
  async setActiveRevision(flowId: string, revision: string) {
    this.active.set(flowId, revision);
  }
  async getActiveRevision(flowId: string) {
    return this.active.get(flowId) ?? null;
  }
  async getConversation(id: string) {
    return this.convs.get(id) ?? null;
  }
  async findByExternalKey(key: string) {
    for (const c of this.convs.values()) if (c.externalKey === key) return c;
    return null;
  }
  async readLog(id: string, after: number, limit = 1000) {
    return (this.logs.get(id) ?? []).filter((e) => e.seq > after).slice(0, limit);
  }
  async commit(w: StepWrite): Promise<CommitResult> {
    await Promise.resolve();
    const c = w.conversation;
    const prior = this.convs.get(c.id);
    if (w.create && prior) throw new StoreConflictError(`conversation ${c.id} already exists`);
    if (!w.create && !prior) throw new StoreConflictError(`conversation ${c.id} does not exist`);
    let seq = prior?.lastSeq ?? 0;
    const log = this.logs.get(c.id) ?? [];
    const appended: LogEntry[] = [];
    for (const e of w.append ?? []) {
      seq += 1;
      const entry: LogEntry = { ...e, id: `${c.id}:${seq}`, seq };
      log.push(entry);
      appended.push(entry);
    }
    if (log.length > 50) log.splice(0, log.length - 50);
    this.logs.set(c.id, log);
    this.convs.set(c.id, { ...c, lastSeq: seq });
    for (const k of w.cancelTimers ?? []) this.timers.delete(k);
    for (const t of w.setTimers ?? []) this.timers.set(t.key, t);
    for (const o of w.outbox ?? []) if (!this.outbox.has(o.id)) this.outbox.set(o.id, { ...o, attempts: 0, lastError: null, status: 'pending' });
    for (const h of w.handoffs ?? []) this.handoffs.set(h.id, h);
    if (w.idempotency) this.idem.set(w.idempotency.key, w.idempotency);
    return { appended, lastSeq: seq };
  }
  runExclusive<T>(id: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.queues.get(id) ?? Promise.resolve();
    const run = prev.then(fn, fn);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(id, tail);
    void tail.then(() => {
      if (this.queues.get(id) === tail) this.queues.delete(id);
    });
    return run;
  }
  async countByMode() {
    const out = { bot: 0, waiting: 0, agent: 0, closed: 0 };
    for (const c of this.convs.values()) out[c.mode]++;
    return out;
  }
  async listByMode(mode: ConversationRecord['mode']) {
    return [...this.convs.values()].filter((c) => c.mode === mode);
  }
  async pruneClosed() {
    return 0;
  }
  async getIdempotency(key: string) {
    return this.idem.get(key) ?? null;
  }
  private once = new Map<string, number>();
  async claimOnce(key: string, until: number, now: number) {
    const held = this.once.get(key);
    if (held !== undefined && held > now) return false;
    this.once.set(key, until);
    return true;
  }
  async claimDueTimers(now: number, limit: number) {
    return [...this.timers.values()].filter((t) => t.at <= now).slice(0, limit);
  }
  async nextTimerAt() {
    let min: number | null = null;
    for (const t of this.timers.values()) if (min === null || t.at < min) min = t.at;
    return min;
  }
  async claimOutbox(now: number, limit: number) {
    // Only crash-recovery copies of HTTP calls sit here in this bench; they are completed by the live call.
    return [...this.outbox.values()].filter((o) => o.status === 'pending' && o.nextAt <= now).slice(0, limit);
  }
  async completeOutbox(id: string) {
    await Promise.resolve();
    const o = this.outbox.get(id);
    if (o) this.outbox.delete(id);
  }
  async failOutbox(id: string) {
    this.outbox.delete(id);
  }
  async getOutbox(id: string) {
    return this.outbox.get(id) ?? null;
  }
  async getHandoff(id: string) {
    return this.handoffs.get(id) ?? null;
  }
  async listHandoffs() {
    return [...this.handoffs.values()];
  }
  async listRecords() {
    return [];
  }
  subscribe() {
    return () => undefined;
  }
  async close() {}
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.env.MP_CHILD) {
    console.log(JSON.stringify(await measureMessagePath(process.env.MP_CHILD, 2)));
    process.exit(0);
  } else await messagePathBench();
}
