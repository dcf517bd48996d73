/**
 * CPU time per customer message of `baton serve` (embedded lmdb) next to the bare node:http server, measured in
 * the same run: the steering metric for runtime performance work on a shared 2-core machine, where wall-clock
 * rates move with other people's load but CPU time per request moves much less. Reads each server process's
 * utime+stime (all threads, lmdb's writer included) from /proc before and after each fixed-length load at 100
 * connections over 1,000 conversations; rounds alternate the servers; the table shows the median round.
 *
 *   npx tsx test/bench/runtimeCpu.ts
 *   BENCH_BEFORE_ROOT=/tmp/baton-before npx tsx test/bench/runtimeCpu.ts   (also an older checkout, same run:
 *        git worktree add --detach /tmp/baton-before <commit> && ln -s $PWD/node_modules /tmp/baton-before/)
 *   BENCH_PROFILE=/tmp/prof npx tsx test/bench/runtimeCpu.ts   (also writes a .cpuprofile of baton serve there)
 *   BENCH_NODE_FLAGS='--max-semi-space-size=32' ...              (node flags for this checkout's baton serve only)
 *   BENCH_PUSH=1   (session 40) every conversation of each baton server also holds its push stream open, as the web
 *        widget does (runtime.ts openPushStreams): the rounds then include the push fan-out
 *   BENCH_IDEM=1   (session 19) every message with its own Idempotency-Key, as the web widget sends them (runtime.ts)
 *   BENCH_WARMUP_SECONDS=10 (default) load before the measured rounds, per server
 *   BENCH_RUNTIMES='bundle,bundle:BATON_STORE_WRITER=inline'   (a runtime may name extra environment after ':',
 *        space-separated NAME=value: this checkout once more with it, e.g. the embedded store writing inline)
 *   BENCH_RUNTIMES='bundle,bundle:BATON_WORKERS=2'   (session 6: `baton serve --workers 2`, conversations on 2 worker
 *        threads, next to the default in the same run; the "busiest other thread" column is then a shard's thread)
 *   BENCH_RUNTIMES=bundle,tsx ...   (this checkout once per way of running it: the esbuild bundle that `npm run
 *        build` makes, which the bench builds first, and/or the TypeScript through tsx; default: bundle)
 *   BENCH_RUNTIMES='bundle,bundle:NODE_FLAGS=--no-flush-bytecode'   (node/V8 flags for one runtime, comma-separated)
 *   BENCH_BEFORE_ROOT=/tmp/a,/tmp/b   (several older checkouts, each its own row)
 *   BENCH_ATTRIB=1   (session 12) also, per server and thread (main, the shard's worker = the busiest other thread):
 *        minor page faults per message (/proc/<pid>/task/<tid>/stat), GC count and ms per 1,000 messages (a preloaded
 *        PerformanceObserver in every thread, NODE_OPTIONS=--require, both checkouts alike), process sys time share
 *        Session 24: also the full collections (major GCs) of each round, worker and main thread.
 *   BENCH_PROFILE_DIR=/tmp/prof   (session 12) CPU profile of every thread of this checkout's server (a preloaded
 *        inspector session per thread: a worker thread does not get --cpu-prof). Session 14: the profiles cover this
 *        checkout's first measured round (SIGUSR2 before and after it, relayed to every thread; a fixed window after
 *        start could fall on the other servers' rounds: the main thread's came out idle); PROF_START_MS / PROF_MS
 *        (ms after start, length) restore the fixed window
 * Linux only (/proc). Prints tables; never pass/fail.
 */
import os from 'node:os';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildProcess } from 'node:child_process';
import { createConversations, ensureRuntimeBundle, load, openPushStreams, startBare, startBaton } from './runtime';
import { tableRows } from './benchTable';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS_CPU ?? 100);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 10);
const ATTRIB = process.env.BENCH_ATTRIB === '1';
/** Preloaded into every thread of a baton serve (NODE_OPTIONS=--require): GC counts/time (ATTRIB_DIR) and a CPU profile (PROF_DIR). */
const PRELOAD = `
const { isMainThread, threadId } = require('node:worker_threads');
const fs = require('node:fs');
const name = (isMainThread ? 'main' : 'worker' + threadId) + '-' + process.pid;
if (process.env.ATTRIB_DIR) {
  const { PerformanceObserver, constants } = require('node:perf_hooks');
  const st = { tid: 0, n: {}, ms: {} };
  try { st.tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop()); } catch {}
  const kinds = { [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor', [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major', [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental', [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb' };
  new PerformanceObserver((list) => { for (const e of list.getEntries()) { const k = kinds[e.detail ? e.detail.kind : e.kind] || 'other'; st.n[k] = (st.n[k] || 0) + 1; st.ms[k] = (st.ms[k] || 0) + e.duration; } }).observe({ entryTypes: ['gc'] });
  const file = process.env.ATTRIB_DIR + '/' + name + '.json';
  setInterval(() => { try { fs.writeFileSync(file + '.tmp', JSON.stringify(st)); fs.renameSync(file + '.tmp', file); } catch {} }, 200).unref();
}
if (process.env.PROF_DIR) {
  const inspector = require('node:inspector');
  const s = new inspector.Session(); s.connect();
  const begin = () => s.post('Profiler.enable', () => s.post('Profiler.setSamplingInterval', { interval: 200 }, () => s.post('Profiler.start')));
  const end = () => s.post('Profiler.stop', (err, r) => { if (!err) fs.writeFileSync(process.env.PROF_DIR + '/' + name + '.cpuprofile', JSON.stringify(r.profile)); });
  if (process.env.PROF_SIGNAL) {
    // Session 14: the bench sends SIGUSR2 to the server right before and right after the first measured round of this
    // checkout; the main thread relays it to every thread, so all profiles cover exactly that round.
    const ch = new (require('node:worker_threads').BroadcastChannel)('baton-bench-prof');
    ch.unref();
    let on = false;
    const toggle = () => { on = !on; if (on) begin(); else end(); };
    ch.onmessage = toggle;
    if (isMainThread) process.on('SIGUSR2', () => { ch.postMessage('toggle'); toggle(); });
  } else {
    const start = Number(process.env.PROF_START_MS ?? 20000), dur = Number(process.env.PROF_MS ?? 6000);
    setTimeout(() => { begin(); setTimeout(end, dur).unref(); }, start).unref();
  }
}
`;

interface GcStat { tid: number; n: Record<string, number>; ms: Record<string, number> }
/** The preload's GC counters of every thread of `pid`, by thread id. */
function readGc(dir: string, pid: number): Map<number, GcStat> {
  const out = new Map<number, GcStat>();
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir)) {
    if (!f.endsWith(`-${pid}.json`)) continue;
    try {
      const st = JSON.parse(readFileSync(join(dir, f), 'utf8')) as GcStat;
      out.set(st.tid, st);
    } catch {
      /* being written */
    }
  }
  return out;
}

/** Minor faults, major faults, utime ms, stime ms of each thread of `pid`, by thread id. */
export function threadStats(pid: number): Map<string, [number, number, number, number]> {
  const out = new Map<string, [number, number, number, number]>();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        const f = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const x = f.slice(f.lastIndexOf(')') + 2).split(' ');
        out.set(tid, [Number(x[7]), Number(x[9]), Number(x[11]) * 10, Number(x[12]) * 10]);
      } catch {
        /* the thread ended */
      }
    }
  } catch {
    /* not Linux */
  }
  return out;
}

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

/** utime + stime of a process (all its threads), in ms. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  return (Number(fields[11]) + Number(fields[12])) * tick;
}

/** utime + stime of the process's main thread (tid = pid), ms: the JavaScript thread; the rest is other threads. */
export function mainThreadCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/** utime + stime of each thread of a process, ms, by thread id. */
export function threadCpuMs(pid: number): Map<string, number> {
  const out = new Map<string, number>();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        out.set(tid, (Number(f[11]) + Number(f[12])) * 10);
      } catch {
        /* the thread ended */
      }
    }
  } catch {
    /* not Linux */
  }
  return out;
}

/** CPU ms of the busiest thread other than the main one between two `threadCpuMs` readings. */
function busiestOther(pid: number, before: Map<string, number>, after: Map<string, number>): number {
  let max = 0;
  for (const [tid, ms] of after) if (tid !== String(pid)) max = Math.max(max, ms - (before.get(tid) ?? 0));
  return max;
}

interface Target {
  name: string;
  url: string;
  child: ChildProcess;
  path: (i: number) => string;
  headers: (i: number) => Record<string, string>;
  runs: Array<{ ok: number; perSec: number; p99: number; cpu: number; main: number; other: number; attrib?: Attrib }>;
  attribDir?: string;
  /** BENCH_PROFILE_DIR: SIGUSR2 starts and stops the profiles around this server's first measured round. */
  profileSignal?: true;
}

/** BENCH_ATTRIB: one round's per-thread figures (main thread, busiest other thread = the shard's worker, the rest). */
interface Attrib {
  /** CPU ms of the threads other than main and worker, by thread name. */
  rest: Record<string, number>;
  faults: { main: number; worker: number; rest: number };
  sys: { main: number; worker: number; rest: number };
  user: { main: number; worker: number; rest: number };
  gc: { main: GcStat['n']; worker: GcStat['n']; mainMs: GcStat['ms']; workerMs: GcStat['ms'] };
}

export async function runtimeCpuBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'baton-bench-cpu-'));
  const targets: Target[] = [];
  const pushStreams: Array<ReturnType<typeof openPushStreams>> = [];
  try {
    const bare = await startBare();
    targets.push({ name: 'bare node:http (parse JSON, answer JSON)', ...bare, path: () => '/m', headers: () => ({}), runs: [] });
    ensureRuntimeBundle();
    const runtimes = (process.env.BENCH_RUNTIMES ?? 'bundle').split(',').filter(Boolean);
    const roots: Array<[string, string | undefined, string | undefined]> = runtimes.map((spec) => {
      const [mode, extra] = spec.split(':');
      return [
        `baton serve, lmdb (this checkout, ${mode === 'tsx' ? 'tsx' : 'bundle'}${process.env.BENCH_NODE_FLAGS ? ', node ' + process.env.BENCH_NODE_FLAGS : ''}${process.env.BENCH_ENV ? ', ' + process.env.BENCH_ENV : ''}${extra ? ', ' + extra : ''})`,
        undefined,
        spec,
      ];
    });
    // The older checkout runs what its own `npm run build` makes too (a checkout without the build script runs tsx).
    // Several older checkouts: BENCH_BEFORE_ROOT=/tmp/a,/tmp/b (session 12: the session's start and session 10's end).
    for (const before of (process.env.BENCH_BEFORE_ROOT ?? '').split(',').filter(Boolean)) {
      ensureRuntimeBundle(before);
      roots.push([`baton serve, lmdb (${before})`, before, undefined]);
    }
    for (const [name, batonRoot, mode] of roots) {
      const flags = batonRoot ? [] : (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
      if (process.env.BENCH_PROFILE && !batonRoot && mode === runtimes[0]) flags.push('--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE);
      // BENCH_ENV='NAME=value ...': environment for this checkout's baton serve only (tuning experiments).
      const env: Record<string, string> = batonRoot ? {} : Object.fromEntries((process.env.BENCH_ENV ?? '').split(' ').filter(Boolean).map((kv) => kv.split('=') as [string, string]));
      if (mode) {
        const [runtime, extra] = mode.split(':');
        env.BATON_RUNTIME = runtime;
        for (const kv of (extra ?? '').split(' ').filter(Boolean)) env[kv.slice(0, kv.indexOf('='))] = kv.slice(kv.indexOf('=') + 1);
        // Session 12: 'bundle:NODE_FLAGS=--a,--b' gives that runtime node/V8 flags (comma-separated) instead of environment.
        if (env.NODE_FLAGS) flags.push(...env.NODE_FLAGS.split(',').filter(Boolean)), delete env.NODE_FLAGS;
      }
      let attribDir: string | undefined;
      const wantProfile = process.env.BENCH_PROFILE_DIR && !batonRoot && mode === runtimes[0];
      if (ATTRIB || wantProfile) {
        const preload = join(dir, 'attrib-preload.cjs');
        writeFileSync(preload, PRELOAD);
        env.NODE_OPTIONS = `--require ${preload}`;
        if (ATTRIB) env.ATTRIB_DIR = attribDir = mkdtempSync(join(dir, 'attrib-'));
        if (wantProfile) {
          env.PROF_DIR = process.env.BENCH_PROFILE_DIR!;
          if (!process.env.PROF_START_MS) env.PROF_SIGNAL = '1';
        }
      }
      const b = await startBaton(mkdtempSync(join(dir, 'baton-')), bare.url, undefined, flags, batonRoot, env);
      const convs = await createConversations(b.url, 1000);
      if (process.env.BENCH_PUSH === '1') pushStreams.push(openPushStreams(b.url, convs));
      targets.push({
        name,
        ...b,
        path: (i) => `/api/v1/conversations/${convs[i % convs.length].id}/messages`,
        headers: (i) => ({ authorization: `Bearer ${convs[i % convs.length].token}` }),
        runs: [],
        attribDir,
        profileSignal: wantProfile && !process.env.PROF_START_MS ? true : undefined,
      });
    }
    // Warm-up (JIT, lmdb pages). 3 s was too short on a loaded machine: V8's compiler threads were still busy in the
    // first measured rounds (threads other than the main one: ~150 µs/msg in the first 8 s window, ~70 from the third).
    for (const t of targets) await load(t.url, CONNECTIONS, t.path, t.headers, WARMUP_SECONDS, 1000);
    const l0 = os.loadavg()[0];
    for (let round = 0; round < ROUNDS; round++) {
      for (const t of round % 2 ? [...targets].reverse() : targets) {
        const c0 = cpuMs(t.child.pid!);
        const m0 = mainThreadCpuMs(t.child.pid!);
        const th0 = threadCpuMs(t.child.pid!);
        const s0 = ATTRIB ? threadStats(t.child.pid!) : null;
        if (t.attribDir) await new Promise((r) => setTimeout(r, 450)); // the preload writes its counters every 200 ms
        const g0 = t.attribDir ? readGc(t.attribDir, t.child.pid!) : null;
        const profiled = round === 0 && t.profileSignal === true;
        if (profiled) t.child.kill('SIGUSR2'); // profile start (see PRELOAD)
        const r = await load(t.url, CONNECTIONS, t.path, t.headers, SECONDS, 1000);
        if (profiled) t.child.kill('SIGUSR2'); // profile end
        const th1 = threadCpuMs(t.child.pid!);
        const run: Target['runs'][number] = { ok: r.ok, perSec: r.perSec, p99: r.p99, cpu: cpuMs(t.child.pid!) - c0, main: mainThreadCpuMs(t.child.pid!) - m0, other: busiestOther(t.child.pid!, th0, th1) };
        if (s0 && t.attribDir) {
          const s1 = threadStats(t.child.pid!);
          await new Promise((r) => setTimeout(r, 450));
          const g1 = readGc(t.attribDir, t.child.pid!);
          run.attrib = attribOf(String(t.child.pid!), th0, th1, s0, s1, g0!, g1);
        }
        t.runs.push(run);
      }
    }
    const l1 = os.loadavg()[0];
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const perMsg = (t: Target) => median(t.runs.map((r) => r.cpu / Math.max(1, r.ok)));
    const bareCpu = perMsg(targets[0]);
    // The main (JavaScript) thread's share; the other threads are V8's GC and compiler helpers, the libuv pool (lmdb's
    // write transactions, fs) and lmdb's own: a JavaScript profile sees only the main thread.
    const mainPerMsg = (t: Target) => median(t.runs.map((r) => r.main / Math.max(1, r.ok)));
    // The busiest other thread: a shard's thread with --workers, else the store's writer thread or a V8 helper.
    const otherPerMsg = (t: Target) => median(t.runs.map((r) => r.other / Math.max(1, r.ok)));
    const rows: string[][] = [['server', 'CPU ms / msg (median)', 'x bare CPU', 'of which main thread', 'busiest other thread', 'CPU ms / msg per round', 'msgs/s per round', 'p99 ms per round']];
    for (const t of targets) {
      rows.push([
        t.name,
        fmt(perMsg(t), 3),
        fmt(perMsg(t) / bareCpu, 1),
        fmt(mainPerMsg(t), 3),
        fmt(otherPerMsg(t), 3),
        t.runs.map((r) => fmt(r.cpu / Math.max(1, r.ok), 3)).join(' / '),
        t.runs.map((r) => fmt(r.perSec)).join(' / '),
        t.runs.map((r) => fmt(r.p99)).join(' / '),
      ]);
    }
    console.log(
      `\nRuntime CPU per customer message (${CONNECTIONS} connections, 1,000 conversations, ${ROUNDS} alternating ${SECONDS} s rounds per server; ` +
        `load average ${fmt(l0, 1)} -> ${fmt(l1, 1)} on ${os.cpus().length} cores)\n`,
    );
    tableRows(rows);
    if (ATTRIB) {
      // Per 1,000 answered messages, median round; main = the JavaScript main thread (HTTP), worker = the busiest other
      // thread (the shard), rest = every other thread (V8's GC/compiler helpers, libuv's pool, lmdb).
      const k = (t: Target, f: (a: Attrib) => number) => median(t.runs.filter((r) => r.attrib).map((r) => (f(r.attrib!) * 1000) / Math.max(1, r.ok)));
      const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
      const arows: string[][] = [['server (per 1,000 msgs, median round)', 'minor faults main / worker / rest', 'user ms main / worker / rest', 'sys ms main / worker / rest', 'worker GCs minor / major+incr', 'worker GC ms', 'main GCs minor / major+incr', 'main GC ms']];
      for (const t of targets.slice(1)) {
        arows.push([
          t.name,
          [k(t, (a) => a.faults.main), k(t, (a) => a.faults.worker), k(t, (a) => a.faults.rest)].map((x) => fmt(x)).join(' / '),
          [k(t, (a) => a.user.main), k(t, (a) => a.user.worker), k(t, (a) => a.user.rest)].map((x) => fmt(x, 0)).join(' / '),
          [k(t, (a) => a.sys.main), k(t, (a) => a.sys.worker), k(t, (a) => a.sys.rest)].map((x) => fmt(x, 0)).join(' / '),
          `${fmt(k(t, (a) => a.gc.worker.minor ?? 0), 1)} / ${fmt(k(t, (a) => (a.gc.worker.major ?? 0) + (a.gc.worker.incremental ?? 0)), 1)}`,
          fmt(k(t, (a) => sum(a.gc.workerMs)), 1),
          `${fmt(k(t, (a) => a.gc.main.minor ?? 0), 1)} / ${fmt(k(t, (a) => (a.gc.main.major ?? 0) + (a.gc.main.incremental ?? 0)), 1)}`,
          fmt(k(t, (a) => sum(a.gc.mainMs)), 1),
        ]);
      }
      console.log('\nAttribution (BENCH_ATTRIB=1): per 1,000 answered messages, median round\n');
      tableRows(arows);
      // Session 24 (rtspeed): one full collection of the shard cost 0.3-0.65 s of CPU at load 10-13 (--trace-gc-nvp: mostly
      // V8's background marking, counted in "rest"), and a 6 s round holds none, one or two of them.
      console.log('\nFull collections (major GCs) in each round, worker / main thread (one of the shard: 0.3-0.65 s of CPU at load 10-13, mostly on V8\'s helper threads)\n');
      tableRows([
        ['server', 'worker per round', 'main per round'],
        ...targets.slice(1).map((t) => [t.name, t.runs.map((r) => (r.attrib ? fmt(r.attrib.gc.worker.major ?? 0) : '?')).join(' / '), t.runs.map((r) => (r.attrib ? fmt(r.attrib.gc.main.major ?? 0) : '?')).join(' / ')]),
      ]);
      console.log('\nThe rest (threads other than main and worker) by thread name: CPU ms per 1,000 answered messages, median round\n');
      const names = [...new Set(targets.slice(1).flatMap((t) => t.runs.flatMap((r) => Object.keys(r.attrib?.rest ?? {}))))].sort();
      tableRows([['server', ...names], ...targets.slice(1).map((t) => [t.name, ...names.map((n) => fmt(k(t, (a) => a.rest[n] ?? 0), 0))])]);
    }
    if (pushStreams.length > 0) console.log(`\npush: ${pushStreams.map((p) => p.events()).join(' / ')} message events received over the whole run, per baton server`);
  } finally {
    for (const p of pushStreams) p.close();
    for (const t of targets.slice(1)) {
      t.child.kill('SIGTERM');
      await new Promise((r) => t.child.on('exit', r));
    }
    targets[0]?.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One round's attribution from the /proc and GC readings before (0) and after (1) it. */
function attribOf(pid: string, th0: Map<string, number>, th1: Map<string, number>, s0: Map<string, [number, number, number, number]>, s1: Map<string, [number, number, number, number]>, g0: Map<number, GcStat>, g1: Map<number, GcStat>): Attrib {
  let workerTid = '';
  let max = -1;
  for (const [tid, ms] of th1) if (tid !== pid && ms - (th0.get(tid) ?? 0) > max) (max = ms - (th0.get(tid) ?? 0)), (workerTid = tid);
  const part = (i: 0 | 2 | 3) => {
    const o = { main: 0, worker: 0, rest: 0 };
    for (const [tid, v] of s1) {
      const d = v[i] - (s0.get(tid)?.[i] ?? 0);
      if (tid === pid) o.main += d;
      else if (tid === workerTid) o.worker += d;
      else o.rest += d;
    }
    return o;
  };
  const gcd = (tid: string, f: 'n' | 'ms') => {
    const a = g1.get(Number(tid))?.[f] ?? {};
    const b = g0.get(Number(tid))?.[f] ?? {};
    return Object.fromEntries(Object.entries(a).map(([key, v]) => [key, v - (b[key] ?? 0)]));
  };
  // The rest by thread name (/proc/<pid>/task/<tid>/comm: V8's 'V8 DefaultWorke' GC/compiler helpers, libuv's
  // 'libuv-worker', lmdb's writer, node's 'node' signal/inspector threads), user+sys ms.
  const rest: Record<string, number> = {};
  for (const [tid, v] of s1) {
    if (tid === pid || tid === workerTid) continue;
    let comm = '?';
    try {
      comm = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
    } catch {
      /* ended */
    }
    const b = s0.get(tid);
    rest[comm] = (rest[comm] ?? 0) + v[2] + v[3] - (b ? b[2] + b[3] : 0);
  }
  return { rest, faults: part(0), user: part(2), sys: part(3), gc: { main: gcd(pid, 'n'), worker: gcd(workerTid, 'n'), mainMs: gcd(pid, 'ms'), workerMs: gcd(workerTid, 'ms') } };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await runtimeCpuBench();
}
