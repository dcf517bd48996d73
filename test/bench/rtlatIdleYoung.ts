/**
 * Idle memory of `baton serve` (one worker thread, 10,000 idle conversations) with the shard's young generation at
 * its default (64 MB, session 10) and at V8's own default (BATON_SHARD_YOUNG_MB=0), alternating rounds of one run:
 * 2 s after the conversations were created (what test/bench/runtime.ts idleMemory reads) and 10 s after (idleGc's
 * follow-up collection at 6 s has run; V8 gives the young generation back in a collection that sees little allocation).
 *
 *   npx tsx test/bench/rtlatIdleYoung.ts      (BENCH_ROUNDS=2, BENCH_IDLE=10000)
 *   BENCH_BEFORE_ROOT=/tmp/s11start npx tsx test/bench/rtlatIdleYoung.ts   this checkout against an older one
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConversations, ensureRuntimeBundle, startBaton } from './runtime';

const rss = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** RSS MB: empty (1 s after ready), 2 s after creating `n` conversations (as test/bench/runtime.ts idleMemory), and 10 s after. */
async function idle(apiUrl: string, n: number, env: Record<string, string>, root?: string): Promise<[number, number, number]> {
  const dir = mkdtempSync(join(tmpdir(), 'baton-bench-idle-young-'));
  const s = await startBaton(dir, apiUrl, undefined, [], root, env);
  try {
    await new Promise((r) => setTimeout(r, 1000));
    const empty = rss(s.child.pid!);
    const t0 = Date.now();
    await createConversations(s.url, n, 100);
    createMs.push(Date.now() - t0);
    await new Promise((r) => setTimeout(r, 2000));
    const at2 = rss(s.child.pid!);
    await new Promise((r) => setTimeout(r, 8000));
    return [empty, at2, rss(s.child.pid!)];
  } finally {
    s.child.kill('SIGTERM');
    await new Promise((r) => s.child.on('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** How long each creation burst took (session 11: a slow one let V8's memory reducer run before the 2 s reading). */
const createMs: number[] = [];
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const IDLE = Number(process.env.BENCH_IDLE ?? 10_000);
// BENCH_BEFORE_ROOT (session 11): this checkout against an older one (both with their defaults) instead.
const BEFORE = process.env.BENCH_BEFORE_ROOT;
const VARIANTS: Array<[string, Record<string, string>, string?]> = BEFORE
  ? [['this checkout', {}], [BEFORE, {}, BEFORE]]
  : [['shard young generation 64 MB (default)', {}], ['V8 default (BATON_SHARD_YOUNG_MB=0)', { BATON_SHARD_YOUNG_MB: '0' }]];

ensureRuntimeBundle();
if (BEFORE) ensureRuntimeBundle(BEFORE);
const child = spawn(process.execPath, ['-e', "require('node:http').createServer((q, s) => s.end('{}')).listen(0, '127.0.0.1', function () { console.log('at http://127.0.0.1:' + this.address().port + ' '); })"], { stdio: ['ignore', 'pipe', 'inherit'] });
const apiUrl = await new Promise<string>((resolve) => {
  let out = '';
  child.stdout!.on('data', (d: Buffer) => {
    out += d;
    const m = /at (http:\/\/\S+) /.exec(out);
    if (m) resolve(m[1]);
  });
});
const l0 = loadavg()[0];
const rows = VARIANTS.map(() => [] as string[]);
for (let r = 0; r < ROUNDS; r++)
  for (const k of r % 2 ? [1, 0] : [0, 1]) {
    const [empty, at2, at10] = await idle(apiUrl, IDLE, { BATON_RUNTIME: 'bundle', ...VARIANTS[k][1] }, VARIANTS[k][2]);
    rows[k].push(`${empty.toFixed(0)} -> ${at2.toFixed(0)} -> ${at10.toFixed(0)}`);
  }
child.kill();
console.log(`\nRSS MB, empty -> ${IDLE} idle conversations 2 s after their creation -> 10 s after, per round (load ${l0.toFixed(1)} -> ${loadavg()[0].toFixed(1)})\n`);
VARIANTS.forEach(([name], k) => console.log(`| ${name} | ${rows[k].join(' / ')} |`));
console.log(`\ncreation burst ms, in the order run: ${createMs.join(' / ')}`);
