/**
 * The first customers after `baton serve` starts (session 10, issue 8: a burst of new customers meeting a cold
 * server). Each checkout (this one; BENCH_BEFORE_ROOT, e.g. /tmp/s10start, when given) is started COLD_STARTS times,
 * alternating; each time, right after it is ready: the first conversation is created, then its first message is
 * sent, then 20 more conversations each get their first message one after the other. Prints, per checkout, the time
 * to ready, the first create, the first message, and the median of the next 20 first messages (ms, wall clock: one
 * request at a time, so mostly CPU on the server's threads). Never pass/fail; compare rows of one run only.
 *
 *   BENCH_BEFORE_ROOT=/tmp/s10start npx tsx test/bench/coldStart.ts     (COLD_STARTS=4)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRuntimeBundle, startBare, startBaton } from './runtime';

const STARTS = Number(process.env.COLD_STARTS ?? 4);
const fmt = (n: number) => n.toFixed(1);

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const v = await f();
  return [v, performance.now() - t0];
}

async function once(root: string | undefined, apiUrl: string): Promise<number[]> {
  const dir = mkdtempSync(join(tmpdir(), 'baton-bench-cold-'));
  const [b, readyMs] = await timed(() => startBaton(dir, apiUrl, undefined, [], root));
  try {
    const create = async () => {
      const res = await fetch(`${b.url}/api/v1/flows/customer-support/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      return (await res.json()) as { conversationId: string; token: string };
    };
    const send = async (c: { conversationId: string; token: string }, text: string) => {
      const res = await fetch(`${b.url}/api/v1/conversations/${c.conversationId}/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${c.token}` }, body: JSON.stringify({ text }) });
      if (res.status !== 200) throw new Error(`message answered ${res.status}`);
      await res.text();
    };
    const [c, createMs] = await timed(create);
    const [, firstMs] = await timed(() => send(c, 'where is my order NW-104233?'));
    const next: number[] = [];
    for (let i = 0; i < 20; i++) {
      const c2 = await create();
      next.push((await timed(() => send(c2, i % 2 ? 'I want to talk to a person' : 'my parcel is late')))[1]);
    }
    next.sort((x, y) => x - y);
    return [readyMs, createMs, firstMs, next[10]];
  } finally {
    b.child.kill('SIGTERM');
    await new Promise((r) => b.child.on('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function coldStartBench(): Promise<void> {
  const before = process.env.BENCH_BEFORE_ROOT;
  ensureRuntimeBundle();
  if (before) ensureRuntimeBundle(before);
  const bare = await startBare();
  try {
    const servers: Array<[string, string | undefined]> = [['this checkout', undefined]];
    if (before) servers.push([before, before]);
    const rows = servers.map(() => [] as number[][]);
    const l0 = os.loadavg()[0];
    for (let s = 0; s < STARTS; s++) for (const k of s % 2 ? [...servers.keys()].reverse() : [...servers.keys()]) rows[k].push(await once(servers[k][1], bare.url));
    console.log(`\nFirst customers after a start, ${STARTS} starts per server, alternating (load average ${os.loadavg()[0].toFixed(1)} at the end, ${l0.toFixed(1)} at the start, ${os.cpus().length} cores)\n`);
    console.log('| server | ready ms per start | first create ms | first message ms | next 20 first messages, median ms |');
    console.log('|---|---|---|---|---|');
    servers.forEach(([name], k) => console.log(`| ${name} | ${rows[k].map((r) => fmt(r[0])).join(' / ')} | ${rows[k].map((r) => fmt(r[1])).join(' / ')} | ${rows[k].map((r) => fmt(r[2])).join(' / ')} | ${rows[k].map((r) => fmt(r[3])).join(' / ')} |`));
  } finally {
    bare.child.kill('SIGKILL');
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await coldStartBench();
}
