/**
 * CPU time per customer message of `baton serve` (embedded lmdb) next to the bare node:http server, measured in
 * the same run: the steering metric for runtime performance work on a shared machine, where wall-clock rates move
 * with other people's load but CPU time per request hardly does. Reads the server processes' utime+stime from
 * /proc before and after a fixed-length load at 100 connections over 1,000 conversations.
 *
 *   npx tsx test/bench/runtimeCpu.ts                 (table)
 *   BENCH_PROFILE=/tmp/prof npx tsx test/bench/runtimeCpu.ts   (also writes a .cpuprofile of baton serve there)
 */
import os from 'node:os';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConversations, load, startBare, startBaton } from './runtime';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS_CPU ?? 100);
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

/** utime + stime of a process, in ms. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  return (Number(fields[11]) + Number(fields[12])) * tick;
}

export async function runtimeCpuBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'baton-bench-cpu-'));
  const bare = await startBare();
  const baton = await startBaton(dir, bare.url, undefined, process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : []);
  try {
    const convs = await createConversations(baton.url, 1000);
    const path = (i: number) => `/api/v1/conversations/${convs[i % convs.length].id}/messages`;
    const headers = (i: number) => ({ authorization: `Bearer ${convs[i % convs.length].token}` });
    await load(bare.url, CONNECTIONS, () => '/m', () => ({}), 2, 1000);
    await load(baton.url, CONNECTIONS, path, headers, 3, 1000);
    const l0 = os.loadavg()[0];
    const rows: string[][] = [['server', 'msgs (2xx)', 'msgs/s', 'p99 ms', 'server CPU ms', 'CPU ms / msg', 'x bare CPU']];
    let bareCpu = 0;
    for (const [name, srv, p, h] of [
      ['bare node:http', bare, () => '/m', () => ({})],
      ['baton serve (lmdb)', baton, path, headers],
    ] as const) {
      const c0 = cpuMs(srv.child.pid!);
      const r = await load(srv.url, CONNECTIONS, p as (i: number) => string, h as (i: number) => Record<string, string>, SECONDS, 1000);
      const per = (cpuMs(srv.child.pid!) - c0) / Math.max(1, r.ok);
      if (name.startsWith('bare')) bareCpu = per;
      rows.push([name, fmt(r.ok), fmt(r.perSec), fmt(r.p99, 1), fmt(per * r.ok), fmt(per, 3), fmt(per / bareCpu, 1)]);
    }
    const l1 = os.loadavg()[0];
    console.log(`\nRuntime CPU per message (${CONNECTIONS} connections, ${SECONDS} s each, load average ${fmt(l0, 1)} -> ${fmt(l1, 1)} on ${os.cpus().length} cores)\n`);
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    rows.forEach((r, n) => {
      console.log('| ' + r.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |');
      if (n === 0) console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
    });
  } finally {
    baton.child.kill('SIGTERM');
    await new Promise((r) => baton.child.on('exit', r));
    bare.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await runtimeCpuBench();
}
