/**
 * Session 35 (perf): CPU per customer message of `baton serve` per thread (main, the shard's worker, lmdb, V8's GC
 * helpers, libuv...), from /proc/<pid>/task/<tid>/stat before and after a fixed-length load at 100 connections over
 * 1,000 conversations, after a warm-up. runtimeCpu.ts shows the main thread and the busiest other one; this shows all,
 * grouped by thread name. Linux only. Prints a table; never pass/fail.
 *
 *   npx tsx test/bench/threadsCpu.ts       (BENCH_SECONDS=6 BENCH_WARMUP_SECONDS=8 BENCH_HOURS/BENCH_TEXTS as runtime.ts)
 *   BENCH_PUSH=1 ...   (session 40) every conversation also holds its push stream open, as the web widget does
 *        (GET /api/v1/conversations/:id/events?token=...): the measured window then includes the push fan-out, which
 *        the other benches leave out (their customers only read the POST's answer). Prints the events received.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConversations, ensureRuntimeBundle, load, openPushStreams, startBare, startBaton } from './runtime';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 8);
const PUSH = process.env.BENCH_PUSH === '1';

function threads(pid: number): Map<string, { name: string; ms: number }> {
  const out = new Map<string, { name: string; ms: number }>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(tid, { name: tid === String(pid) ? 'main' : name, ms: (Number(f[11]) + Number(f[12])) * (1000 / 100) });
    } catch {
      /* ended meanwhile */
    }
  }
  return out;
}

ensureRuntimeBundle();
const dir = mkdtempSync(join(tmpdir(), 'baton-threads-'));
const bare = await startBare(); // the order API of the flow's HTTP request block
const baton = await startBaton(dir, bare.url);
try {
  const convs = await createConversations(baton.url, 1000);
  const streams = PUSH ? openPushStreams(baton.url, convs) : null;
  const path = (i: number) => `/api/v1/conversations/${convs[i % convs.length].id}/messages`;
  const headers = (i: number) => ({ authorization: `Bearer ${convs[i % convs.length].token}` });
  await load(baton.url, 100, path, headers, WARMUP, 1000);
  const pid = baton.child.pid!;
  const t0 = threads(pid);
  const e0 = streams?.events() ?? 0;
  const l0 = os.loadavg()[0];
  const r = await load(baton.url, 100, path, headers, SECONDS, 1000);
  const t1 = threads(pid);
  if (streams) console.log(`\npush: ${convs.length} streams open, ${streams.events() - e0} message events received in the measured window`);
  streams?.close();
  const n = r.ok + r.non2xx;
  const byName = new Map<string, { ms: number; count: number }>();
  for (const [tid, { name, ms }] of t1) {
    const d = ms - (t0.get(tid)?.ms ?? 0);
    const g = byName.get(name) ?? { ms: 0, count: 0 };
    g.ms += d;
    g.count += 1;
    byName.set(name, g);
  }
  const total = [...byName.values()].reduce((s, g) => s + g.ms, 0);
  console.log(`\nbaton serve per thread: ${n} messages in ${SECONDS} s (${Math.round(r.perSec)}/s, ${r.non2xx} non-2xx), load average ${l0.toFixed(1)} -> ${os.loadavg()[0].toFixed(1)}\n`);
  console.log('| thread (name) | threads | CPU µs / msg |');
  console.log('|---|---|---|');
  for (const [name, g] of [...byName].sort((a, b) => b[1].ms - a[1].ms)) if (g.ms > 0) console.log(`| ${name} | ${g.count} | ${((g.ms * 1000) / n).toFixed(1)} |`);
  // Threads of one name (node names its worker threads and V8's helpers alike): each, busiest first.
  const each = [...t1].map(([tid, { name, ms }]) => ({ tid, name, d: ms - (t0.get(tid)?.ms ?? 0) })).filter((x) => x.d > 0).sort((a, b) => b.d - a.d);
  for (const x of each) console.log(`| ${x.name} ${x.tid} | 1 | ${((x.d * 1000) / n).toFixed(1)} |`);
  console.log(`| all | ${t1.size} | ${((total * 1000) / n).toFixed(1)} |`);
} finally {
  baton.child.kill();
  bare.child.kill();
  rmSync(dir, { recursive: true, force: true });
}
