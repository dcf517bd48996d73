/**
 * The burst after an idle spell, per 1,000 answered messages, this checkout against an older one (session 11, issue 8:
 * the fixed-rate rounds' first second). Each server (`baton serve`, traced: BATON_LATENCY_TRACE) gets 1,000
 * conversations and a warm-up; then, rounds alternating the servers, it idles BENCH_IDLE_S (8 s: past idleGc's old 6 s
 * follow-up, which shrank the young generation) and takes BENCH_BURST_S seconds of messages at BENCH_RATE (1,000/s,
 * low enough not to collapse on a loaded machine) over 1,000 connections. Per round: scavenges and other GC (count and
 * ms) per thread per 1,000 answered messages, split into the burst's first second and the rest, and CPU ms per
 * message. The counts do not depend on the machine's load (scavenges follow the bytes allocated and the young
 * generation's size); the ms and the latencies do.
 *
 *   BENCH_BEFORE_ROOT=/tmp/s11start npx tsx test/bench/idleBurst.ts
 *   BENCH_ENV / BENCH_BEFORE_ENV='BATON_IDLE_GC=0'   environment for either server; BENCH_BEFORE_ROOT=/work/main with
 *                                                   BENCH_BEFORE_ENV compares one checkout with itself
 *   BENCH_ROUNDS=3 BENCH_IDLE_S=8 BENCH_BURST_S=5 BENCH_RATE=1000
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { createConversations, ensureRuntimeBundle, loadFixedRate, startBare, startBaton } from './runtime';
import { cpuMs } from './runtimeCpu';
import { readTraces } from './latencyTrace';
import type { RateLoad } from './fixedRate';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const IDLE_S = Number(process.env.BENCH_IDLE_S ?? 8);
const BURST_S = Number(process.env.BENCH_BURST_S ?? 5);
const RATE = Number(process.env.BENCH_RATE ?? 1000);
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const envOf = (spec: string | undefined): Record<string, string> =>
  Object.fromEntries((spec ?? '').split(' ').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Server {
  name: string;
  url: string;
  child: ChildProcess;
  traceDir: string;
  convs: Array<{ id: string; token: string }>;
  rounds: Array<{ load: RateLoad; cpu: number }>;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'baton-bench-idle-burst-'));
  const servers: Server[] = [];
  const bare = await startBare();
  try {
    ensureRuntimeBundle();
    const before = process.env.BENCH_BEFORE_ROOT;
    if (before) ensureRuntimeBundle(before);
    const specs: Array<[string, string | undefined, Record<string, string>]> = [[`this checkout${process.env.BENCH_ENV ? ', ' + process.env.BENCH_ENV : ''}`, undefined, envOf(process.env.BENCH_ENV)]];
    if (before) specs.push([`${before}${process.env.BENCH_BEFORE_ENV ? ', ' + process.env.BENCH_BEFORE_ENV : ''}`, before, envOf(process.env.BENCH_BEFORE_ENV)]);
    for (const [name, root, env] of specs) {
      const traceDir = mkdtempSync(join(dir, 'trace-'));
      const b = await startBaton(mkdtempSync(join(dir, 'baton-')), bare.url, undefined, [], root, { ...env, BATON_LATENCY_TRACE: traceDir });
      const convs = await createConversations(b.url, 1000);
      servers.push({ name, ...b, traceDir, convs, rounds: [] });
    }
    const drive = (s: Server, seconds: number, rate: number) =>
      loadFixedRate(s.url, (i) => `/api/v1/conversations/${s.convs[i % 1000].id}/messages`, (i) => ({ authorization: `Bearer ${s.convs[i % 1000].token}` }), seconds, rate);
    for (const s of servers) await drive(s, 4, RATE);
    const l0 = os.loadavg()[0];
    for (let r = 0; r < ROUNDS; r++)
      for (const s of r % 2 ? [...servers].reverse() : servers) {
        await sleep(IDLE_S * 1000);
        const c0 = cpuMs(s.child.pid!);
        const load = await drive(s, BURST_S, RATE);
        s.rounds.push({ load, cpu: cpuMs(s.child.pid!) - c0 });
      }
    const l1 = os.loadavg()[0];
    for (const s of servers) {
      s.child.kill('SIGTERM'); // the threads write their traces when the server stops
      await new Promise((r) => s.child.on('exit', r));
    }
    console.log(`\nBursts after ${IDLE_S} s idle: ${fmt(RATE)} msgs/s offered for ${BURST_S} s over 1,000 connections, ${ROUNDS} alternating rounds (load average ${fmt(l0, 1)} -> ${fmt(l1, 1)} on ${os.cpus().length} cores)\n`);
    const rows: string[][] = [['server', 'thread', 'scavenges per 1k msgs: first 1 s / rest (per round)', 'other GC per 1k msgs: first 1 s / rest', 'GC ms per 1k msgs (all)', 'answered per round', 'p99 ms per round', 'CPU ms/msg per round']];
    for (const s of servers) {
      const traces = readTraces(s.traceDir);
      traces.forEach((th, n) => {
        const cells = s.rounds.map(({ load }) => {
          const t0 = load.trace.due[0];
          const t1 = load.trace.due[load.trace.due.length - 1] + 1000;
          const first = load.trace.due.filter((d, k) => d < t0 + 1000 && load.trace.done[k] > 0).length;
          const rest = Math.max(1, load.ok - first);
          const o = { sf: 0, sr: 0, of: 0, or: 0, ms: 0 };
          for (let j = 0; j < th.gc.length; j += 3) {
            const at = th.gc[j];
            if (at < t0 || at > t1) continue;
            o.ms += th.gc[j + 1];
            const early = at < t0 + 1000;
            if (th.gc[j + 2] === 1) early ? o.sf++ : o.sr++;
            else early ? o.of++ : o.or++;
          }
          const k1 = Math.max(1, first) / 1000;
          const k2 = rest / 1000;
          return { sc: `${fmt(o.sf / k1, 1)} / ${fmt(o.sr / k2, 1)}`, ot: `${fmt(o.of / k1, 1)} / ${fmt(o.or / k2, 1)}`, ms: fmt(o.ms / (Math.max(1, load.ok) / 1000), 1) };
        });
        rows.push([
          n === 0 ? s.name : '',
          th.thread,
          cells.map((c) => c.sc).join(', '),
          cells.map((c) => c.ot).join(', '),
          cells.map((c) => c.ms).join(' / '),
          n === 0 ? s.rounds.map((x) => fmt(x.load.ok)).join(' / ') : '',
          n === 0 ? s.rounds.map((x) => fmt(x.load.p99, 1)).join(' / ') : '',
          n === 0 ? s.rounds.map((x) => fmt(x.cpu / Math.max(1, x.load.ok), 3)).join(' / ') : '',
        ]);
      });
    }
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    rows.forEach((r, n) => {
      console.log('| ' + r.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |');
      if (n === 0) console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
    });
  } finally {
    for (const s of servers) if (s.child.exitCode === null) s.child.kill('SIGTERM');
    bare.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
