/**
 * Why a burst after an idle spell starts badly (session 11, issue 8: the fixed-rate rounds' first second): a shard-like
 * worker thread (64 MB young generation, as runtime/shard/shardPool.ts gives a shard) handles a burst of message-like
 * allocations (each "message" allocates ~20 KB of garbage and keeps a ~3 KB state per conversation, 1,000
 * conversations in turn), goes idle, gets idleGc's collections on a schedule, then handles the next burst. Per
 * variant: the young generation's size after the burst and after the idle spell, and the scavenges and old-generation
 * growth during the next 5,000 and the 5,000 after. Counts, not times, so a loaded machine does not blur them.
 *
 * Variants: the full collections of an idle spell at once, 0.25 s and 6 s later (idleGc up to session 10; the 6 s one
 * sees 5 s of low allocation and V8 shrinks the young generation), the same without the 6 s one (session 11: the
 * shrinking follow-up waits 30 s), no collection at all (BATON_IDLE_GC=0), and the 6 s schedule with V8's
 * --min-semi-space-size (MB) as a floor for the worker.
 *
 *   npx tsx test/bench/idleYoung.ts        (IDLE_ROUNDS=1)
 */
import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';

const BODY = `
const { parentPort, workerData } = require('node:worker_threads');
const v8 = require('node:v8');
const vm = require('node:vm');
const { PerformanceObserver } = require('node:perf_hooks');
v8.setFlagsFromString('--expose-gc'); const gc = vm.runInNewContext('gc'); v8.setFlagsFromString('--no-expose-gc');
const space = (n) => v8.getHeapSpaceStatistics().find((x) => x.space_name === n);
const young = () => Math.round(space('new_space').space_size / 1048576);
const old = () => space('old_space').space_used_size;
let scavenges = 0;
new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.detail.kind === 1) scavenges++; }).observe({ entryTypes: ['gc'] });
const hot = new Array(1000);
let k = 0;
const burst = (n) => { for (let i = 0; i < n; i++) { const junk = []; for (let j = 0; j < 40; j++) junk.push({ a: 'x'.repeat(200) + j + i, b: [j, i] }); hot[k++ % 1000] = { s: JSON.stringify(junk.slice(0, 6)), t: junk.slice(0, 4) }; } };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
(async () => {
  const o = {};
  for (let i = 0; i < 20; i++) { burst(1000); await sleep(5); }
  o.youngAfterBurst = young();
  await sleep(250);
  const at = workerData.collections;
  let t = 0;
  for (const ms of at) { await sleep(ms - t); t = ms; gc(); }
  await sleep(Math.max(0, 6500 - t));
  o.youngAfterIdle = young();
  let s0 = scavenges, o0 = old();
  for (let i = 0; i < 5; i++) { burst(1000); await sleep(5); }
  o.first = [scavenges - s0, Math.round((old() - o0) / 1048576)];
  s0 = scavenges; o0 = old();
  for (let i = 0; i < 5; i++) { burst(1000); await sleep(5); }
  o.next = [scavenges - s0, Math.round((old() - o0) / 1048576)];
  parentPort.postMessage(o);
})();
`;

interface Result {
  youngAfterBurst: number;
  youngAfterIdle: number;
  first: [number, number];
  next: [number, number];
}

function run(collections: number[], minSemiMb = 0): Promise<Result> {
  // A process-wide V8 flag, read when a new isolate sets its heap up: only the worker created below sees it.
  if (minSemiMb) v8.setFlagsFromString(`--min-semi-space-size=${minSemiMb}`);
  const w = new Worker(BODY, { eval: true, workerData: { collections }, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
  return new Promise((resolve, reject) => {
    w.once('message', (m: Result) => {
      void w.terminate();
      resolve(m);
    });
    w.once('error', reject);
  }).finally(() => {
    if (minSemiMb) v8.setFlagsFromString('--min-semi-space-size=0');
  }) as Promise<Result>;
}

const VARIANTS: Array<[string, number[], number]> = [
  ['idle collections at 0 / 0.25 / 6 s (idleGc to session 10)', [0, 250, 6000], 0],
  ['idle collections at 0 / 0.25 / 0.5 / 1 s (session 11: the shrinking one waits 30 s)', [0, 250, 500, 1000], 0],
  ['no idle collection (BATON_IDLE_GC=0)', [], 0],
  ['0 / 0.25 / 6 s, --min-semi-space-size=8', [0, 250, 6000], 8],
  ['0 / 0.25 / 6 s, --min-semi-space-size=16', [0, 250, 6000], 16],
];
const ROUNDS = Number(process.env.IDLE_ROUNDS ?? 1);
const rows: string[][] = [['variant', 'young generation MB after the burst -> after the idle spell', 'next 5,000 messages: scavenges, old generation +MB', 'the 5,000 after']];
for (const [name, at, min] of VARIANTS) {
  const cells: Result[] = [];
  for (let r = 0; r < ROUNDS; r++) cells.push(await run(at, min));
  rows.push([
    name,
    cells.map((c) => `${c.youngAfterBurst} -> ${c.youngAfterIdle}`).join(' / '),
    cells.map((c) => `${c.first[0]}, ${c.first[1]}`).join(' / '),
    cells.map((c) => `${c.next[0]}, ${c.next[1]}`).join(' / '),
  ]);
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
rows.forEach((r, n) => {
  console.log('| ' + r.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |');
  if (n === 0) console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
});
