/**
 * Idle memory of `baton serve` by worker-thread count (session 7: workers by default): the bundle with
 * BATON_WORKERS=0 (the old default), 1 (the new default) and 2, each holding 10,000 idle conversations, in
 * alternating rounds of one run (the machine is shared: compare only within a run). Prints a table; no pass/fail.
 *
 *   BENCH_IDLE_WORKERS=0,1,2 BENCH_ROUNDS=2 npx tsx test/bench/shardIdle.ts
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { ensureRuntimeBundle, idleMemory } from './runtime';

const WORKERS = (process.env.BENCH_IDLE_WORKERS ?? '0,1,2').split(',').map((s) => s.trim());
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const IDLE = Number(process.env.BENCH_IDLE ?? 10_000);

/** The order API the bench flow's HTTP request block calls (never reached by idle conversations). */
function startApi(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ['-e', "require('node:http').createServer((q, s) => s.end('{}')).listen(0, '127.0.0.1', function () { console.log('at http://127.0.0.1:' + this.address().port + ' '); })"], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d;
      const m = /at (http:\/\/\S+) /.exec(out);
      if (m) resolve({ url: m[1], stop: () => child.kill() });
    });
  });
}

ensureRuntimeBundle();
const api = await startApi();
const load0 = loadavg()[0];
const by = new Map<string, Awaited<ReturnType<typeof idleMemory>>[]>();
for (let r = 0; r < ROUNDS; r++) {
  for (const w of WORKERS) {
    const m = await idleMemory(api.url, IDLE, { BATON_RUNTIME: 'bundle', BATON_WORKERS: w });
    by.set(w, [...(by.get(w) ?? []), m]);
    process.stderr.write(`round ${r + 1} workers ${w}: empty ${m.empty.toFixed(0)} MB, ${IDLE} idle ${m.idle.toFixed(0)} MB\n`);
  }
}
api.stop();
const f = (n: number) => n.toFixed(0);
console.log(`\n${IDLE.toLocaleString('en')} idle conversations, baton serve bundle, ${ROUNDS} alternating rounds, load ${load0.toFixed(1)} -> ${loadavg()[0].toFixed(1)}\n`);
console.log('| BATON_WORKERS | empty server RSS MB (per round) | idle RSS MB (per round) | lowest: heap/anon + mapped files MB | < 300 MB |');
console.log('|---|---|---|---|---|');
for (const w of WORKERS) {
  const runs = by.get(w)!;
  const lo = [...runs].sort((a, b) => a.idle - b.idle)[0];
  console.log(`| ${w} | ${runs.map((r) => f(r.empty)).join(' / ')} | ${runs.map((r) => f(r.idle)).join(' / ')} | ${f(lo.anon)} + ${f(lo.file)} | ${runs.every((r) => r.idle < 300) ? 'yes' : 'no'} |`);
}
