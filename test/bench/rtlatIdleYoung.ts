/**
 * Idle memory of `baton serve` (one worker thread, 10,000 idle conversations) with the shard's young generation at
 * its default (64 MB, session 10) and at V8's own default (BATON_SHARD_YOUNG_MB=0), alternating rounds of one run.
 *
 *   npx tsx test/bench/rtlatIdleYoung.ts      (BENCH_ROUNDS=2, BENCH_IDLE=10000)
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { ensureRuntimeBundle, idleMemory } from './runtime';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const IDLE = Number(process.env.BENCH_IDLE ?? 10_000);
const VARIANTS: Array<[string, Record<string, string>]> = [['shard young generation 64 MB (default)', {}], ['V8 default (BATON_SHARD_YOUNG_MB=0)', { BATON_SHARD_YOUNG_MB: '0' }]];

ensureRuntimeBundle();
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
    const m = await idleMemory(apiUrl, IDLE, { BATON_RUNTIME: 'bundle', ...VARIANTS[k][1] });
    rows[k].push(`${m.empty.toFixed(0)} -> ${m.idle.toFixed(0)}`);
  }
child.kill();
console.log(`\nRSS MB, empty -> ${IDLE} idle conversations, per round (load ${l0.toFixed(1)} -> ${loadavg()[0].toFixed(1)})\n`);
VARIANTS.forEach(([name], k) => console.log(`| ${name} | ${rows[k].join(' / ')} |`));
