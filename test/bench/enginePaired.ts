/**
 * Session 47 (perf4): two checkouts' engine steps in ONE process, in alternating blocks, so both see the same machine
 * load minute by minute (enginePath's alternating processes differ by 20-30% between rounds of one checkout on this
 * shared machine; session 45 measured the same way in a scratch script). Each checkout's engine is bundled with its own
 * shard options (scripts/runtimeBundleOptions.mjs, or build-runtime.mjs's options before session 47) and drives its own
 * 1,000 conversations of the sample flow (enginePath's drive: `BENCH_HOURS`, default closed, the bench's distinct texts in
 * the same order on both sides). After EPP_WARMUP messages per side, EPP_BLOCKS blocks of EPP_BLOCK messages alternate
 * A B B A A B ...; each block's CPU time (process.cpuUsage) is per message. Reported: each side's total µs per message,
 * their ratio, and the median and quartiles of the ratios of the blocks paired in time (a block and its neighbour).
 *
 *   EPP_BEFORE_ROOT=/tmp/before npx tsx test/bench/enginePaired.ts   (EPP_WARMUP=10000 EPP_BLOCK=200 EPP_BLOCKS=100)
 *
 * The load still moves each figure; the paired ratios are what it moves least. Both engines share one V8 heap, so each
 * side's blocks also pay part of the other's garbage: read a ratio near 1 as "no difference seen", not as a proof.
 */
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

async function main(): Promise<void> {
  const before = process.env.EPP_BEFORE_ROOT;
  if (!before) throw new Error('EPP_BEFORE_ROOT: the other checkout (node_modules linked) to measure against');
  // The flow file is read from this checkout for both sides (the same conversations); each side's engine is its own.
  const dirs = [mkdtempSync(join(here, '.enginePath-')), mkdtempSync(join(before, '.enginePath-'))];
  try {
    const drives = [await engineOf(here, dirs[0]), await engineOf(before, dirs[1])];
    const load0 = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
    drives[0](WARMUP);
    drives[1](WARMUP);
    const per: number[][] = [[], []];
    for (let b = 0; b < BLOCKS; b++) {
      const side = [0, 1, 1, 0][b % 4];
      const c0 = process.cpuUsage();
      drives[side](BLOCK);
      const c = process.cpuUsage(c0);
      per[side].push((c.user + c.system) / BLOCK);
    }
    const load1 = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const ratios = per[0].map((x, i) => x / per[1][i]);
    console.log(`enginePaired: BENCH_HOURS=${benchHours()}, ${WARMUP} messages of warm-up per side, ${BLOCKS} blocks of ${BLOCK} alternating (ABBA), load ${load0} -> ${load1}`);
    console.log('| side | CPU µs/msg (mean of its blocks) | median block | blocks |');
    console.log('|---|---|---|---|');
    console.log(`| this checkout | ${mean(per[0]).toFixed(1)} | ${quantile(per[0], 0.5).toFixed(1)} | ${per[0].length} |`);
    console.log(`| ${before} | ${mean(per[1]).toFixed(1)} | ${quantile(per[1], 0.5).toFixed(1)} | ${per[1].length} |`);
    console.log(`\nthis / before: ${(mean(per[0]) / mean(per[1])).toFixed(3)} in total; paired blocks' ratio median ${quantile(ratios, 0.5).toFixed(3)} (quartiles ${quantile(ratios, 0.25).toFixed(3)} - ${quantile(ratios, 0.75).toFixed(3)})`);
  } finally {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

await main();
