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
 *   BENCH_WARMUP_SECONDS=10 (default) load before the measured rounds, per server
 *   BENCH_RUNTIMES='bundle,bundle:BATON_STORE_WRITER=inline'   (a runtime may name extra environment after ':',
 *        space-separated NAME=value: this checkout once more with it, e.g. the embedded store writing inline)
 *   BENCH_RUNTIMES='bundle,bundle:BATON_WORKERS=2'   (session 6: `baton serve --workers 2`, conversations on 2 worker
 *        threads, next to the default in the same run; the "busiest other thread" column is then a shard's thread)
 *   BENCH_RUNTIMES=bundle,tsx ...   (this checkout once per way of running it: the esbuild bundle that `npm run
 *        build` makes, which the bench builds first, and/or the TypeScript through tsx; default: bundle)
 * Linux only (/proc). Prints tables; never pass/fail.
 */
import os from 'node:os';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildProcess } from 'node:child_process';
import { createConversations, ensureRuntimeBundle, load, startBare, startBaton } from './runtime';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS_CPU ?? 100);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 10);
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
  runs: Array<{ ok: number; perSec: number; p99: number; cpu: number; main: number; other: number }>;
}

export async function runtimeCpuBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'baton-bench-cpu-'));
  const targets: Target[] = [];
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
    if (process.env.BENCH_BEFORE_ROOT) ensureRuntimeBundle(process.env.BENCH_BEFORE_ROOT);
    if (process.env.BENCH_BEFORE_ROOT) roots.push([`baton serve, lmdb (${process.env.BENCH_BEFORE_ROOT})`, process.env.BENCH_BEFORE_ROOT, undefined]);
    for (const [name, batonRoot, mode] of roots) {
      const flags = batonRoot ? [] : (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
      if (process.env.BENCH_PROFILE && !batonRoot && mode === runtimes[0]) flags.push('--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE);
      // BENCH_ENV='NAME=value ...': environment for this checkout's baton serve only (tuning experiments).
      const env: Record<string, string> = batonRoot ? {} : Object.fromEntries((process.env.BENCH_ENV ?? '').split(' ').filter(Boolean).map((kv) => kv.split('=') as [string, string]));
      if (mode) {
        const [runtime, extra] = mode.split(':');
        env.BATON_RUNTIME = runtime;
        for (const kv of (extra ?? '').split(' ').filter(Boolean)) env[kv.slice(0, kv.indexOf('='))] = kv.slice(kv.indexOf('=') + 1);
      }
      const b = await startBaton(mkdtempSync(join(dir, 'baton-')), bare.url, undefined, flags, batonRoot, env);
      const convs = await createConversations(b.url, 1000);
      targets.push({
        name,
        ...b,
        path: (i) => `/api/v1/conversations/${convs[i % convs.length].id}/messages`,
        headers: (i) => ({ authorization: `Bearer ${convs[i % convs.length].token}` }),
        runs: [],
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
        const r = await load(t.url, CONNECTIONS, t.path, t.headers, SECONDS, 1000);
        t.runs.push({ ok: r.ok, perSec: r.perSec, p99: r.p99, cpu: cpuMs(t.child.pid!) - c0, main: mainThreadCpuMs(t.child.pid!) - m0, other: busiestOther(t.child.pid!, th0, threadCpuMs(t.child.pid!)) });
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
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    rows.forEach((r, n) => {
      console.log('| ' + r.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |');
      if (n === 0) console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
    });
  } finally {
    for (const t of targets.slice(1)) {
      t.child.kill('SIGTERM');
      await new Promise((r) => t.child.on('exit', r));
    }
    targets[0]?.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await runtimeCpuBench();
}
