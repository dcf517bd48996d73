/**
 * The issue 8 latency target, this checkout against an older one in the same run (session 8, helper rtmsg):
 * `baton serve` (default: one worker thread) driven open loop at a FIXED rate (test/bench/fixedRate.ts: 5,000
 * customer messages/s offered over 1,000 connections, 1,000 conversations, latency from each message's due time),
 * rounds alternating the servers, with the CPU each server spent per answered message, split by thread:
 * main thread (HTTP), the busiest other thread (the shard's worker thread), and the rest (V8's GC and compiler
 * helpers, libuv's pool: lmdb's commits and fsyncs).
 *
 *   BENCH_BEFORE_ROOT=/tmp/s8start npx tsx test/bench/rateCompare.ts
 *   BENCH_RATE=5000 BENCH_RATE_CONNECTIONS=1000 BENCH_SECONDS=6 BENCH_ROUNDS=3 (defaults)
 *   BENCH_ENV='BATON_WORKERS=2'        environment for this checkout's server only
 *   BENCH_BEFORE_ENV='BATON_WORKERS=2' environment for the older checkout's server only
 *   BENCH_TRACE=1                      also trace this checkout's server (BATON_LATENCY_TRACE, session 9) and print, per
 *        round, where its messages' time went (test/bench/latencyTrace.ts: generator / connection / main thread / shard /
 *        lmdb commit / flush segments, GC and stalls per thread, lmdb groups, when the slow messages were due)
 *   BENCH_FRESH=1                      each round talks to 1,000 conversations created just before it (every conversation's
 *        first message is in the round: a burst of new customers) instead of the warmed-up ones
 *   BENCH_TRACE=all                    trace every server (session 10): first a table of GC pauses and stalls per thread,
 *        per 1,000 answered messages, for every server side by side (the attribution in the same run, alternating), then
 *        each server's full attribution
 *   BENCH_PROFILE_DIR=/tmp/prof        also profile every thread of this checkout's server (main and worker: a worker
 *        thread has an empty execArgv, so --cpu-prof does not reach it; a preloaded inspector session per thread
 *        does), PROF_START_MS after start for PROF_MS; .cpuprofile files written there. With PROF_HEAP=1: V8's
 *        allocation sampling instead (.heapprofile: where the bytes each thread allocated were allocated)
 *
 * Linux only (/proc). Prints a table; never pass/fail. Compare rows of one run only (the machine is shared).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildProcess } from 'node:child_process';
import { createConversations, ensureRuntimeBundle, loadFixedRate, startBare, startBaton } from './runtime';
import { cpuMs, mainThreadCpuMs, threadCpuMs } from './runtimeCpu';
import { printRound, readTraces } from './latencyTrace';
import type { RateLoad } from './fixedRate';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const RATE = Number(process.env.BENCH_RATE ?? 5000);
const FRESH = process.env.BENCH_FRESH === '1';
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 6);
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const envOf = (spec: string | undefined): Record<string, string> =>
  Object.fromEntries((spec ?? '').split(' ').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));

/** Profiles every thread (main and workers) of the process it is preloaded into (NODE_OPTIONS=--require). */
const PRELOAD = `
const { isMainThread, threadId } = require('node:worker_threads');
const inspector = require('node:inspector');
const fs = require('node:fs');
const start = Number(process.env.PROF_START_MS ?? 20000), dur = Number(process.env.PROF_MS ?? 6000);
const dir = process.env.PROF_DIR;
const s = new inspector.Session(); s.connect();
const name = dir + '/' + (isMainThread ? 'main' : 'worker' + threadId) + '-' + process.pid;
const t1 = process.env.PROF_HEAP ? setTimeout(() => {
  s.post('HeapProfiler.enable', () => s.post('HeapProfiler.startSampling', { samplingInterval: 16384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true }, () => {
    const t2 = setTimeout(() => s.post('HeapProfiler.stopSampling', (err, r) => { if (!err) fs.writeFileSync(name + '.heapprofile', JSON.stringify(r.profile)); }), dur);
    t2.unref();
  }));
}, start) : setTimeout(() => {
  s.post('Profiler.enable', () => s.post('Profiler.setSamplingInterval', { interval: 200 }, () => s.post('Profiler.start', () => {
    const t2 = setTimeout(() => s.post('Profiler.stop', (err, r) => { if (!err) fs.writeFileSync(name + '.cpuprofile', JSON.stringify(r.profile)); }), dur);
    t2.unref();
  })));
}, start);
t1.unref();
`;

interface Target {
  name: string;
  url: string;
  child: ChildProcess;
  path: (i: number) => string;
  headers: (i: number) => Record<string, string>;
  runs: Array<{ ok: number; perSec: number; p50: number; p99: number; p99h: number; late: number; slow: [number, number]; errors: number; cpu: number; main: number; other: number }>;
  /** BENCH_TRACE: the conversations' ids, each round's load, the folder the server's threads write their traces to. */
  ids: string[];
  /** Each round's conversations' ids (BENCH_FRESH: new ones every round). */
  roundIds: string[][];
  convs: Array<{ id: string; token: string }>;
  loads: RateLoad[];
  traceDir?: string;
}

export async function rateCompareBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'baton-bench-rate-'));
  const targets: Target[] = [];
  let bare: { url: string; child: ChildProcess } | null = null;
  try {
    bare = await startBare(); // the flow's order API
    ensureRuntimeBundle();
    const before = process.env.BENCH_BEFORE_ROOT;
    if (before) ensureRuntimeBundle(before);
    const specs: Array<[string, string | undefined, Record<string, string>]> = [[`baton serve (this checkout${process.env.BENCH_ENV ? ', ' + process.env.BENCH_ENV : ''})`, undefined, envOf(process.env.BENCH_ENV)]];
    if (before) specs.push([`baton serve (${before}${process.env.BENCH_BEFORE_ENV ? ', ' + process.env.BENCH_BEFORE_ENV : ''})`, before, envOf(process.env.BENCH_BEFORE_ENV)]);
    for (const [name, root, env] of specs) {
      let traceDir: string | undefined;
      if ((!root && process.env.BENCH_TRACE) || process.env.BENCH_TRACE === 'all') {
        traceDir = mkdtempSync(join(dir, 'trace-'));
        env.BATON_LATENCY_TRACE = traceDir;
      }
      if (!root && process.env.BENCH_PROFILE_DIR) {
        const preload = join(dir, 'prof-preload.cjs');
        writeFileSync(preload, PRELOAD);
        Object.assign(env, { NODE_OPTIONS: `--require ${preload}`, PROF_DIR: process.env.BENCH_PROFILE_DIR, ...(process.env.PROF_HEAP ? { PROF_HEAP: '1' } : {}) });
      }
      const b = await startBaton(mkdtempSync(join(dir, 'baton-')), bare.url, undefined, [], root, env);
      const convs = await createConversations(b.url, 1000);
      const t: Target = { name, ...b, convs, path: (i) => `/api/v1/conversations/${t.convs[i % t.convs.length].id}/messages`, headers: (i) => ({ authorization: `Bearer ${t.convs[i % t.convs.length].token}` }), runs: [], ids: convs.map((c) => c.id), roundIds: [], loads: [], traceDir };
      targets.push(t);
    }
    for (const t of targets) await loadFixedRate(t.url, t.path, t.headers, WARMUP_SECONDS, Math.round(RATE * 0.6));
    const l0 = os.loadavg()[0];
    for (let round = 0; round < ROUNDS; round++) {
      for (const t of round % 2 ? [...targets].reverse() : targets) {
        const pid = t.child.pid!;
        // BENCH_FRESH: this round's messages go to 1,000 conversations created just before it (a burst of new customers:
        // every conversation's first message is in the round), instead of the ones the warm-up already talked to.
        if (FRESH) t.convs = await createConversations(t.url, 1000);
        t.roundIds.push(t.convs.map((c) => c.id));
        const c0 = cpuMs(pid);
        const m0 = mainThreadCpuMs(pid);
        const th0 = threadCpuMs(pid);
        const r = await loadFixedRate(t.url, t.path, t.headers, SECONDS, RATE);
        const th1 = threadCpuMs(pid);
        let other = 0;
        for (const [tid, ms] of th1) if (tid !== String(pid)) other = Math.max(other, ms - (th0.get(tid) ?? 0));
        if (t.traceDir) t.loads.push(r);
        t.runs.push({ ok: r.ok, perSec: r.perSec, p50: r.p50, p99: r.p99, p99h: r.p99FromHanded, late: r.sendLateP99, slow: slowSplit(r), errors: r.errors + r.non2xx, cpu: cpuMs(pid) - c0, main: mainThreadCpuMs(pid) - m0, other });
      }
    }
    const l1 = os.loadavg()[0];
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const per = (t: Target, f: (r: Target['runs'][number]) => number) => median(t.runs.map((r) => f(r) / Math.max(1, r.ok)));
    const rows: string[][] = [['server', 'achieved msgs/s per round', 'p50 ms per round', 'p99 ms per round', 'p99 without the generator\'s lateness', 'generator late p99 ms', 'over 50 ms: due in the first 1 s / the rest', 'errors', 'CPU ms/msg (median)', 'main thread', 'worker (busiest other)', 'rest (GC, lmdb, libuv)']];
    for (const t of targets) {
      rows.push([
        t.name,
        t.runs.map((r) => fmt(r.perSec)).join(' / '),
        t.runs.map((r) => fmt(r.p50, 1)).join(' / '),
        t.runs.map((r) => fmt(r.p99, 1)).join(' / '),
        t.runs.map((r) => fmt(r.p99h, 1)).join(' / '),
        t.runs.map((r) => fmt(r.late, 1)).join(' / '),
        t.runs.map((r) => `${fmt(r.slow[0])} / ${fmt(r.slow[1])}`).join(', '),
        t.runs.map((r) => fmt(r.errors)).join(' / '),
        fmt(per(t, (r) => r.cpu), 3),
        fmt(per(t, (r) => r.main), 3),
        fmt(per(t, (r) => r.other), 3),
        fmt(per(t, (r) => r.cpu - r.main - r.other), 3),
      ]);
    }
    console.log(`\nFixed rate ${fmt(RATE)} msgs/s offered over ${process.env.BENCH_RATE_CONNECTIONS ?? 1000} connections, 1,000 conversations${FRESH ? ' created just before each round (BENCH_FRESH)' : ''}, ${ROUNDS} alternating ${SECONDS} s rounds (load average ${fmt(l0, 1)} -> ${fmt(l1, 1)} on ${os.cpus().length} cores)\n`);
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    rows.forEach((r, n) => {
      console.log('| ' + r.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |');
      if (n === 0) console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
    });
    const traced = targets.filter((t) => t.traceDir);
    const read = new Map<Target, ReturnType<typeof readTraces>>();
    for (const t of traced) {
      // The threads write their traces when the server stops.
      const child = t.child;
      targets.splice(targets.indexOf(t), 1);
      child.kill('SIGTERM');
      await new Promise((r) => child.on('exit', r));
      read.set(t, readTraces(t.traceDir!));
    }
    if (traced.length > 1) {
      console.log(`\nGC pauses and event-loop stalls per thread, per 1,000 answered messages (traced), per round:\n`);
      const gcRows: string[][] = [['server', 'thread', 'scavenges: n, ms per 1k msgs (per round)', 'scavenges due in the first 1 s / the rest', 'max scavenge ms', 'other GC: n, ms per 1k msgs', 'max other GC ms', 'stalls > 8 ms: ms per 1k msgs']];
      for (const t of traced) {
        const traces = read.get(t)!;
        for (const th of traces) {
          const cells = t.loads.map((load, r) => {
            const s = gcSummary(th, load);
            const k = Math.max(1, t.runs[r].ok) / 1000;
            return { sc: `${s.minorN}, ${fmt(s.minorMs / k, 1)}`, sc1: `${s.minorFirst} / ${s.minorN - s.minorFirst}`, scMax: fmt(s.minorMax, 1), ot: `${s.majorN}, ${fmt(s.majorMs / k, 1)}`, otMax: fmt(s.majorMax, 1), st: fmt(s.stallMs / k, 1) };
          });
          gcRows.push([t.name, th.thread, cells.map((c) => c.sc).join(' / '), cells.map((c) => c.sc1).join(', '), cells.map((c) => c.scMax).join(' / '), cells.map((c) => c.ot).join(' / '), cells.map((c) => c.otMax).join(' / '), cells.map((c) => c.st).join(' / ')]);
        }
      }
      const widths = gcRows[0].map((_, i) => Math.max(...gcRows.map((r) => r[i].length)));
      gcRows.forEach((r, n) => {
        console.log('| ' + r.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |');
        if (n === 0) console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
      });
    }
    for (const t of traced) {
      const traces = read.get(t)!;
      console.log(`\nWhere the time went, ${t.name} (BENCH_TRACE; threads: ${traces.map((x) => x.thread).join(', ')}):`);
      t.loads.forEach((load, r) => {
        console.log('');
        printRound(`Round ${r + 1}`, load, t.roundIds[r], traces);
      });
    }
  } finally {
    for (const t of targets) {
      t.child.kill('SIGTERM');
      await new Promise((r) => t.child.on('exit', r));
    }
    bare?.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One thread's GC pauses and stalls within a round (its due times, plus 1 s for the last answers). */
function gcSummary(th: ReturnType<typeof readTraces>[number], load: RateLoad) {
  const t0 = load.trace.due[0];
  const t1 = load.trace.due[load.trace.due.length - 1] + 1000;
  const o = { minorN: 0, minorFirst: 0, minorMs: 0, minorMax: 0, majorN: 0, majorMs: 0, majorMax: 0, stallMs: 0 };
  for (let j = 0; j < th.gc.length; j += 3) {
    if (th.gc[j] < t0 || th.gc[j] > t1) continue;
    if (th.gc[j + 2] === 1) {
      o.minorN++;
      if (th.gc[j] < t0 + 1000) o.minorFirst++;
      o.minorMs += th.gc[j + 1];
      o.minorMax = Math.max(o.minorMax, th.gc[j + 1]);
    } else {
      o.majorN++;
      o.majorMs += th.gc[j + 1];
      o.majorMax = Math.max(o.majorMax, th.gc[j + 1]);
    }
  }
  for (let j = 0; j < th.stalls.length; j += 2) if (th.stalls[j] >= t0 && th.stalls[j] <= t1) o.stallMs += th.stalls[j + 1];
  return o;
}

/** Slow (> 50 ms) messages due in the round's first second, and in the rest of it. */
function slowSplit(load: RateLoad): [number, number] {
  const t0 = load.trace.due[0];
  let first = 0;
  let rest = 0;
  for (let k = 0; k < load.trace.due.length; k++) {
    const late = load.trace.done[k] > 0 ? load.trace.done[k] - load.trace.due[k] : Infinity;
    if (late <= 50) continue;
    if (load.trace.due[k] - t0 < 1000) first++;
    else rest++;
  }
  return [first, rest];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await rateCompareBench();
}
