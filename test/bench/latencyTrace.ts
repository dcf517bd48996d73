/**
 * Attribution of the fixed-rate tail (session 9, issue 8: 1% of messages over 50 ms at 5,000 msgs/s offered over
 * 1,000 connections). Starts `baton serve` (default: one worker thread) with BATON_LATENCY_TRACE (runtime/serve/
 * latencyTrace.ts), drives it open loop (test/bench/fixedRate.ts), stops it, reads every thread's trace and, for each
 * message, splits its latency (from its due time to its answer) into segments:
 *
 *   generator  due -> handed to its connection by the generator's tick (the generator was late: not server time)
 *   conn busy  handed -> written (its connection still waited for the previous answer: the server's time)
 *   in         written -> the main thread's lean route took it (kernel, main thread busy)
 *   to shard   taken -> the shard read the conversation (postMessage, the shard's queue)
 *   step       read -> commit asked (token check, engine, service)
 *   wait txn   commit asked -> its lmdb transaction callback ran (an earlier group still committing/flushing)
 *   commit     callback -> lmdb committed (the rest of the group, the commit itself)
 *   flush      committed -> flushed to disk (fdatasync)
 *   back       flushed -> the main thread had the answer (postMessage back)
 *   out        the main thread had it -> the generator read the answer (write, kernel, generator busy)
 *
 * For the messages over 50 ms: the segment that took the most, the time each segment took in all, and what else
 * happened while they waited (GC pauses and event-loop stalls of each thread, the generator's stalls).
 *
 *   npx tsx test/bench/latencyTrace.ts
 *   BENCH_RATE=5000 BENCH_SECONDS=6 BENCH_ROUNDS=3 BENCH_SLOW_MS=50 (defaults)
 *   BENCH_ENV='NAME=value ...'   extra environment for the server (to compare a switch on and off)
 *   BENCH_KEEP=1                 keep the trace files (their folder is printed)
 *
 * Linux or macOS; prints tables, never pass/fail. Compare rows of one run only (the machine is shared).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpuMs } from './runtimeCpu';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConversations, ensureRuntimeBundle, loadFixedRate, startBare, startBaton } from './runtime';
import type { RateLoad } from './fixedRate';
import { tableRows } from './benchTable';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const RATE = Number(process.env.BENCH_RATE ?? 5000);
const SLOW = Number(process.env.BENCH_SLOW_MS ?? 50);
const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : '-');
const envOf = (spec: string | undefined): Record<string, string> =>
  Object.fromEntries((spec ?? '').split(' ').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));

const MARK = { accept: 1, answered: 2, read: 10, commit: 11, txn: 12, committed: 13, durable: 14 };
const SEGMENTS = ['generator', 'conn busy', 'in', 'to shard', 'step', 'wait txn', 'commit', 'flush', 'back', 'out'] as const;

export interface ThreadTrace {
  thread: string;
  names: string[];
  marks: number[];
  gc: number[];
  stalls: number[];
  txns: number[];
}

/** Marks of one conversation, by code, in time order. */
type ByConv = Map<string, Map<number, number[]>>;

function indexMarks(traces: ThreadTrace[]): ByConv {
  const out: ByConv = new Map();
  for (const t of traces)
    for (let j = 0; j < t.marks.length; j += 3) {
      const id = t.names[t.marks[j + 1]];
      let m = out.get(id);
      if (!m) out.set(id, (m = new Map()));
      let xs = m.get(t.marks[j]);
      if (!xs) m.set(t.marks[j], (xs = []));
      xs.push(t.marks[j + 2]);
    }
  for (const m of out.values()) for (const xs of m.values()) xs.sort((a, b) => a - b);
  return out;
}

/** The first value of sorted `xs` at or after `t` (and before `until`), or NaN. */
function firstAfter(xs: number[] | undefined, t: number, until: number): number {
  if (!xs) return NaN;
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo < xs.length && xs[lo] <= until ? xs[lo] : NaN;
}
function lastBefore(xs: number[] | undefined, from: number, t: number): number {
  if (!xs) return NaN;
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && xs[lo - 1] >= from ? xs[lo - 1] : NaN;
}

/** Milliseconds of [a, b] covered by the intervals [start, start + length] in `flat` ([start, length, ...], step `stride`). */
function overlap(flat: number[], stride: number, a: number, b: number, minLen = 0): number {
  let total = 0;
  for (let j = 0; j < flat.length; j += stride) {
    const s = flat[j];
    const e = s + flat[j + 1];
    if (flat[j + 1] < minLen || e <= a || s >= b) continue;
    total += Math.min(b, e) - Math.max(a, s);
  }
  return total;
}

export interface Attribution {
  messages: number;
  matched: number;
  slow: number;
  p99: number;
  /** Per segment: p50, p99 over all matched messages; sum over slow ones; slow messages where it was the largest. */
  seg: Record<string, { p50: number; p99: number; slowSum: number; slowTop: number }>;
  /** Per thread (and 'generator'): slow messages whose window held a GC pause >= 5 ms / a stall of that thread. */
  during: Record<string, { gc: number; stall: number }>;
  slowTotal: number;
  /** lmdb transaction callbacks: groups (callbacks within 0.2 ms of each other), per-group size p50/max. */
  worst: string[];
}

export function attribute(load: RateLoad, convIds: string[], traces: ThreadTrace[]): Attribution {
  const byConv = indexMarks(traces);
  const tr = load.trace;
  const seg: Attribution['seg'] = Object.fromEntries(SEGMENTS.map((s) => [s, { p50: NaN, p99: NaN, slowSum: 0, slowTop: 0 }]));
  const values: Record<string, number[]> = Object.fromEntries(SEGMENTS.map((s) => [s, [] as number[]]));
  const during: Attribution['during'] = { generator: { gc: 0, stall: 0 } };
  for (const t of traces) during[t.thread] = { gc: 0, stall: 0 };
  let matched = 0;
  let slow = 0;
  let slowTotal = 0;
  const lat: number[] = [];
  const worst: Array<[number, string]> = [];
  for (let k = 0; k < tr.due.length; k++) {
    if (!(tr.done[k] > 0)) continue;
    const total = tr.done[k] - tr.due[k];
    lat.push(total);
    const m = byConv.get(convIds[tr.conv[k]]);
    if (!m) continue;
    const sent = tr.sent[k];
    const done = tr.done[k];
    // Clocks of two processes: allow 1 ms of difference.
    const accept = firstAfter(m.get(MARK.accept), sent - 1, done + 1);
    const answered = lastBefore(m.get(MARK.answered), accept, done + 1);
    const read = firstAfter(m.get(MARK.read), accept, answered);
    const commit = firstAfter(m.get(MARK.commit), read, answered);
    const txn = firstAfter(m.get(MARK.txn), commit, answered);
    const committed = firstAfter(m.get(MARK.committed), txn, answered);
    const durable = lastBefore(m.get(MARK.durable), committed, answered);
    const pts = [tr.due[k], tr.handed[k], sent, accept, read, commit, txn, committed, durable, answered, done];
    if (pts.some((x) => !Number.isFinite(x))) continue;
    matched++;
    const parts = SEGMENTS.map((_, j) => Math.max(0, pts[j + 1] - pts[j]));
    parts.forEach((v, j) => values[SEGMENTS[j]].push(v));
    if (total > SLOW) {
      slow++;
      slowTotal += total;
      let top = 0;
      parts.forEach((v, j) => {
        seg[SEGMENTS[j]].slowSum += v;
        if (v > parts[top]) top = j;
      });
      seg[SEGMENTS[top]].slowTop++;
      // Slow messages whose window held a GC pause of 5 ms or more / an event-loop stall (> 8 ms) of that thread.
      for (const t of traces) {
        if (overlap(t.gc, 3, tr.due[k], done, 5) > 0) during[t.thread].gc++;
        if (overlap(t.stalls, 2, tr.due[k], done) > 0) during[t.thread].stall++;
      }
      if (overlap(tr.stalls, 2, tr.due[k], done) > 0) during.generator.stall++;
      worst.push([total, `${fmt(total)} ms = ` + parts.map((v, j) => `${SEGMENTS[j]} ${fmt(v)}`).join(', ') + ` (due ${new Date(tr.due[k]).toISOString().slice(11, 23)})`]);
    }
  }
  for (const s of SEGMENTS) {
    const xs = values[s].sort((a, b) => a - b);
    seg[s].p50 = xs[Math.floor(xs.length * 0.5)];
    seg[s].p99 = xs[Math.floor(xs.length * 0.99)];
  }
  lat.sort((a, b) => a - b);
  worst.sort((a, b) => b[0] - a[0]);
  return { messages: lat.length, matched, slow, p99: lat[Math.floor(lat.length * 0.99)], seg, during, slowTotal, worst: worst.slice(0, 5).map((w) => w[1]) };
}

/** lmdb groups (transaction callbacks run back to back) in [a, b]: count, callbacks per group p50/max, gap between groups p99/max. */
function groups(txns: number[], a: number, b: number) {
  const gs: Array<{ start: number; end: number; n: number }> = [];
  for (let j = 0; j < txns.length; j += 2) {
    if (txns[j] < a || txns[j] > b) continue;
    const last = gs[gs.length - 1];
    if (last && txns[j] - last.end < 0.2) {
      last.end = txns[j + 1];
      last.n++;
    } else gs.push({ start: txns[j], end: txns[j + 1], n: 1 });
  }
  const sizes = gs.map((g) => g.n).sort((x, y) => x - y);
  const gaps = gs.slice(1).map((g, j) => g.start - gs[j].end).sort((x, y) => x - y);
  return { count: gs.length, p50: sizes[Math.floor(sizes.length / 2)] ?? 0, max: sizes[sizes.length - 1] ?? 0, gapP50: gaps[Math.floor(gaps.length / 2)] ?? NaN, gapP99: gaps[Math.floor(gaps.length * 0.99)] ?? NaN, gapMax: gaps[gaps.length - 1] ?? NaN };
}

/** The trace files every thread of a server wrote into `dir` (BATON_LATENCY_TRACE) when it stopped. */
export function readTraces(dir: string): ThreadTrace[] {
  return readdirSync(dir).map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as ThreadTrace);
}

/** One round's attribution (see the file comment): segments, threads' GC and stalls, lmdb groups, when the slow messages were due. */
export function printRound(title: string, load: RateLoad, ids: string[], traces: ThreadTrace[]): void {
  const a = attribute(load, ids, traces);
  const t0 = load.trace.due[0];
  const t1 = load.trace.due[load.trace.due.length - 1] + 1000;
  const seconds = (load.trace.due[load.trace.due.length - 1] - t0) / 1000;
  console.log(`${title}: ${fmt(load.perSec, 0)} msgs/s, p50 ${fmt(load.p50)} / p99 ${fmt(load.p99)} / max ${fmt(load.max)} ms; ${a.slow} of ${a.messages} over ${SLOW} ms (${a.matched} matched to the server's marks); generator: handed late p99 ${fmt(load.sendLateP99)} max ${fmt(load.sendLateMax)} ms, ${load.stalls} stalls ${fmt(load.stalledMs, 0)} ms`);
  const rows = [['segment', 'p50 ms (all)', 'p99 ms (all)', `share of slow messages' time`, 'largest segment in N slow']];
  for (const s of SEGMENTS) rows.push([s, fmt(a.seg[s].p50, 2), fmt(a.seg[s].p99), `${fmt((100 * a.seg[s].slowSum) / Math.max(1, a.slowTotal), 0)}%`, String(a.seg[s].slowTop)]);
  tableRows(rows);
  const th = [['thread', 'GC pauses: count, total ms, max ms (in the round)', 'stalls > 8 ms: count, total, max', 'slow messages with a GC pause >= 5 ms in their window', 'with a stall']];
  for (const t of traces) {
    const gcs: number[] = [];
    const minor: number[] = [];
    const major: number[] = [];
    for (let j = 0; j < t.gc.length; j += 3)
      if (t.gc[j] >= t0 && t.gc[j] <= t1) {
        gcs.push(t.gc[j + 1]);
        (t.gc[j + 2] === 1 ? minor : major).push(t.gc[j + 1]);
      }
    const gcLine = (xs: number[]) => `${xs.length}, ${fmt(xs.reduce((x, y) => x + y, 0), 0)}, ${fmt(Math.max(0, ...xs))}`;
    const st: number[] = [];
    for (let j = 0; j < t.stalls.length; j += 2) if (t.stalls[j] >= t0 && t.stalls[j] <= t1) st.push(t.stalls[j + 1]);
    th.push([t.thread, `${gcLine(gcs)} (scavenges ${gcLine(minor)}; other ${gcLine(major)})`, `${st.length}, ${fmt(st.reduce((x, y) => x + y, 0), 0)}, ${fmt(Math.max(0, ...st))}`, String(a.during[t.thread].gc), String(a.during[t.thread].stall)]);
  }
  const gst: number[] = [];
  for (let j = 1; j < load.trace.stalls.length; j += 2) gst.push(load.trace.stalls[j]);
  th.push(['load generator', '-', `${gst.length}, ${fmt(gst.reduce((x, y) => x + y, 0), 0)}, ${fmt(Math.max(0, ...gst))}`, '-', String(a.during.generator.stall)]);
  tableRows(th);
  for (const t of traces)
    if (t.txns.length) {
      const g = groups(t.txns, t0, t1);
      if (g.count) console.log(`lmdb (${t.thread}): ${g.count} groups, writes per group p50 ${g.p50} max ${g.max}; gap between groups p50 ${fmt(g.gapP50, 2)} p99 ${fmt(g.gapP99)} max ${fmt(g.gapMax)} ms`);
    }
  // When the slow messages were due, per 500 ms of the round: one burst (a pause) or spread (a thread near its limit)?
  const buckets = new Array(Math.max(1, Math.ceil(seconds * 2))).fill(0);
  for (let k = 0; k < load.trace.due.length; k++) if (load.trace.done[k] - load.trace.due[k] > SLOW) buckets[Math.min(buckets.length - 1, Math.floor((load.trace.due[k] - t0) / 500))]++;
  console.log(`slow messages by due time, per 500 ms: ${buckets.join(' ')}`);
  if (a.worst.length) console.log('slowest:\n  ' + a.worst.join('\n  '));
}

/** CPU ms of each thread of `pid`, summed by thread name (comm: node, libuv-worker, V8 DefaultWorke...) with the main thread apart. */
function threadsByName(pid: number): Map<string, number> {
  const out = new Map<string, number>();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const name = tid === String(pid) ? 'main' : stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).trim();
        out.set(name, (out.get(name) ?? 0) + (Number(f[11]) + Number(f[12])) * 10);
      } catch {
        /* the thread ended */
      }
    }
  } catch {
    /* the process ended */
  }
  return out;
}

export async function latencyTraceBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'baton-bench-trace-'));
  const traceDir = mkdtempSync(join(dir, 'trace-'));
  let bare: Awaited<ReturnType<typeof startBare>> | null = null;
  let baton: Awaited<ReturnType<typeof startBaton>> | null = null;
  try {
    bare = await startBare();
    ensureRuntimeBundle();
    baton = await startBaton(mkdtempSync(join(dir, 'baton-')), bare.url, undefined, [], undefined, { ...envOf(process.env.BENCH_ENV), BATON_LATENCY_TRACE: traceDir });
    const convs = await createConversations(baton.url, 1000);
    const ids = convs.map((c) => c.id);
    const path = (i: number) => `/api/v1/conversations/${convs[i % convs.length].id}/messages`;
    const headers = (i: number) => ({ authorization: `Bearer ${convs[i % convs.length].token}` });
    await loadFixedRate(baton.url, path, headers, 6, Math.round(RATE * 0.6));
    const l0 = os.loadavg()[0];
    const loads: RateLoad[] = [];
    const cpu: Array<{ threads: Map<string, number>; gen: number; bare: number }> = [];
    for (let r = 0; r < ROUNDS; r++) {
      const th0 = threadsByName(baton.child.pid!);
      const g0 = process.cpuUsage();
      const b0 = cpuMs(bare.child.pid!);
      loads.push(await loadFixedRate(baton.url, path, headers, SECONDS, RATE));
      const g1 = process.cpuUsage(g0);
      const th1 = threadsByName(baton.child.pid!);
      const threads = new Map<string, number>();
      for (const [name, ms] of th1) threads.set(name, ms - (th0.get(name) ?? 0));
      cpu.push({ threads, gen: (g1.user + g1.system) / 1000, bare: cpuMs(bare.child.pid!) - b0 });
    }
    const l1 = os.loadavg()[0];
    const child = baton.child;
    baton = null;
    child.kill('SIGTERM');
    await new Promise((r) => child.on('exit', r));
    const traces = readTraces(traceDir);
    console.log(`\nbaton serve${process.env.BENCH_ENV ? ` (${process.env.BENCH_ENV})` : ''}: ${fmt(RATE, 0)} msgs/s offered over ${process.env.BENCH_RATE_CONNECTIONS ?? 1000} connections, ${ROUNDS} rounds of ${SECONDS} s; load average ${fmt(l0)} -> ${fmt(l1)} on ${os.cpus().length} cores; threads traced: ${traces.map((t) => t.thread).join(', ')}`);
    loads.forEach((load, r) => {
      const c = cpu[r];
      const per = (ms: number) => fmt(ms / Math.max(1, load.ok), 3);
      const threadCpu = [...c.threads].filter(([, ms]) => ms > 0).sort((x, y) => y[1] - x[1]).map(([name, ms]) => `${name} ${per(ms)}`).join(', ');
      console.log(`\nRound ${r + 1} CPU ms per answered message: server ${per([...c.threads.values()].reduce((x, y) => x + y, 0))} (${threadCpu}); load generator ${per(c.gen)}; order API (bare) ${per(c.bare)}`);
      printRound(`Round ${r + 1}`, load, ids, traces);
    });
    if (process.env.BENCH_KEEP) console.log(`\ntraces kept in ${traceDir}`);
  } finally {
    if (baton) {
      baton.child.kill('SIGTERM');
      await new Promise((r) => baton!.child.on('exit', r));
    }
    bare?.child.kill('SIGKILL');
    if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await latencyTraceBench();
}
