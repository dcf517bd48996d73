/**
 * Session 47 (perf4): two checkouts' engine steps in one process, in alternating blocks, so both see the same machine
 * load minute by minute (enginePath's alternating processes differ by 20-30% between rounds of one checkout on this
 * shared machine; session 45 measured the same way in a scratch script). Each checkout's engine is bundled with its own
 * shard options (scripts/runtimeBundleOptions.mjs, or build-runtime.mjs's options before session 47) and drives its own
 * 1,000 conversations of the sample flow (enginePath's drive: `BENCH_HOURS`, default closed, the bench's distinct texts in
 * the same order on both sides, the flow file read from this checkout for both). Both are warmed in alternating blocks
 * (EPP_WARMUP messages each), then EPP_BLOCKS blocks of EPP_BLOCK messages alternate A B B A A B ...; each block's CPU
 * time (process.cpuUsage) is per message.
 *
 * The engine loaded FIRST ran 10-15% faster in one process (an A/A run, this checkout against a copy of itself, measured
 * 0.88 with this checkout loaded first), so EPP_PROCS processes (default 2) alternate the load order, and the figure to
 * read is the geometric mean of their ratios, where that advantage cancels. Both engines share one V8 heap, so each side's
 * blocks also pay part of the other's garbage: read a ratio near 1 as "no difference seen", not as a proof.
 *
 *   EPP_BEFORE_ROOT=/tmp/before npx tsx test/bench/enginePaired.ts   (EPP_WARMUP=10000 EPP_BLOCK=200 EPP_BLOCKS=100 EPP_PROCS=2)
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Flow } from '../../shared/flow/schema';
import { benchTexts } from './conversationGenerator';
import { benchHours, withBenchHours } from './benchHours';

const here = fileURLToPath(new URL('../../', import.meta.url));
const WARMUP = Number(process.env.EPP_WARMUP ?? 10_000);
const BLOCK = Number(process.env.EPP_BLOCK ?? 200);
const BLOCKS = Number(process.env.EPP_BLOCKS ?? 100);
const PROCS = Number(process.env.EPP_PROCS ?? 2);

async function bundleOptionsOf(root: string): Promise<Record<string, unknown>> {
  const f = join(root, 'scripts/runtimeBundleOptions.mjs');
  if (existsSync(f)) return ((await import(pathToFileURL(f).href)) as { runtimeBundleOptions: Record<string, unknown> }).runtimeBundleOptions;
  return { bundle: true, platform: 'node', target: 'node20', format: 'esm', packages: 'external', legalComments: 'none' };
}

async function engineOf(root: string, dir: string): Promise<(n: number) => void> {
  const { build } = await import('esbuild');
  const entry = join(dir, 'entry.ts');
  writeFileSync(entry, `export { createSimulation } from ${JSON.stringify(join(root, 'shared/simulator/createSimulation.ts'))};\nexport { loadFlowText } from ${JSON.stringify(join(root, 'shared/flow/loadFlowText.ts'))};\n`);
  const outfile = join(dir, 'engine.mjs');
  await build({ ...(await bundleOptionsOf(root)), absWorkingDir: root, entryPoints: [entry], outfile, logLevel: 'warning' });
  const { createSimulation, loadFlowText } = (await import(pathToFileURL(outfile).href)) as typeof import('../../shared/simulator/createSimulation') & typeof import('../../shared/flow/loadFlowText');
  const loaded = loadFlowText(readFileSync(join(here, 'flows/customer-support.json'), 'utf8'));
  if (!loaded.flow) throw new Error('flows/customer-support.json did not load');
  const flow = withBenchHours(loaded.flow as Flow, benchHours());
  const texts = benchTexts().texts;
  const reply = { ok: true, status: 200, body: { status: 'shipped', eta: 'Friday' } };
  const sims = Array.from({ length: 1000 }, (_, i) => createSimulation(flow, { now: Date.UTC(2026, 2, 2, 10), conversationId: `c${i}`, http: () => reply }));
  let m = 0;
  return (n: number) => {
    for (let i = 0; i < n; i++) {
      const s = sims[m % sims.length];
      s.advance(1000);
      s.send({ type: 'text', text: texts[m++ % texts.length] });
      if (s.transcript.length > 200) s.transcript.length = 0;
      if (s.steps.length > 20) s.steps.length = 0;
      if (s.effects.length > 20) s.effects.length = 0;
    }
  };
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  const i = (s.length - 1) * q;
  return s[Math.floor(i)] + (s[Math.ceil(i)] - s[Math.floor(i)]) * (i - Math.floor(i));
};

/** One process: both engines loaded (in the order given), warmed in alternating blocks, measured ABBA; each side's block CPU per message. */
async function child(roots: [string, string]): Promise<void> {
  const dirs = roots.map((r) => mkdtempSync(join(r, '.enginePath-')));
  try {
    const drives = [await engineOf(roots[0], dirs[0]), await engineOf(roots[1], dirs[1])];
    for (let w = 0; w < WARMUP; w += BLOCK) for (const d of w % (2 * BLOCK) ? [...drives].reverse() : drives) d(Math.min(BLOCK, WARMUP - w));
    const per: number[][] = [[], []];
    for (let b = 0; b < BLOCKS; b++) {
      const side = [0, 1, 1, 0][b % 4];
      const c0 = process.cpuUsage();
      drives[side](BLOCK);
      const c = process.cpuUsage(c0);
      per[side].push((c.user + c.system) / BLOCK);
    }
    process.stdout.write(JSON.stringify(per) + '\n');
  } finally {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

function runChild(roots: [string, string]): Promise<number[][]> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', join(here, 'test/bench/enginePaired.ts')], { cwd: here, env: { ...process.env, EPP_CHILD: JSON.stringify(roots) }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`child exited ${code}`))));
  });
}

async function main(): Promise<void> {
  const before = process.env.EPP_BEFORE_ROOT;
  if (!before) throw new Error('EPP_BEFORE_ROOT: the other checkout (node_modules linked) to measure against');
  const load0 = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  // Per process [this checkout's blocks, before's blocks]; half the processes load this checkout's engine first.
  const runs: { first: string; per: number[][] }[] = [];
  for (let k = 0; k < PROCS; k++) {
    const thisFirst = k % 2 === 0;
    const per = await runChild(thisFirst ? [here, before] : [before, here]);
    runs.push({ first: thisFirst ? 'this checkout' : 'before', per: thisFirst ? per : [per[1], per[0]] });
  }
  const load1 = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
  console.log(`enginePaired: BENCH_HOURS=${benchHours()}, before = ${before}; ${PROCS} processes (half load this checkout's engine first), each ${WARMUP} messages of warm-up per side in alternating blocks, then ${BLOCKS} blocks of ${BLOCK} (ABBA); load ${load0} -> ${load1}`);
  console.log("| process (engine loaded first) | this checkout µs/msg | before µs/msg | this / before (total) | paired blocks' ratio: median (quartiles) |");
  console.log('|---|---|---|---|---|');
  const logs: number[] = [];
  for (const r of runs) {
    const ratios = r.per[0].map((x, i) => x / r.per[1][i]);
    const total = mean(r.per[0]) / mean(r.per[1]);
    logs.push(Math.log(total));
    console.log(`| ${r.first} | ${mean(r.per[0]).toFixed(1)} | ${mean(r.per[1]).toFixed(1)} | ${total.toFixed(3)} | ${quantile(ratios, 0.5).toFixed(3)} (${quantile(ratios, 0.25).toFixed(3)} - ${quantile(ratios, 0.75).toFixed(3)}) |`);
  }
  console.log(`\nthis / before, geometric mean over the processes (the first-loaded engine's advantage cancels when both orders run): ${Math.exp(mean(logs)).toFixed(3)}`);
}

if (process.env.EPP_CHILD) await child(JSON.parse(process.env.EPP_CHILD) as [string, string]);
else await main();
