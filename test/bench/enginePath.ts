/**
 * Session 41 (perf): CPU per customer message of the engine step alone (shared/: the engine's `receive` with its
 * escalation policy), in process, one thread, no HTTP, no store, no service: the part of the shard thread that
 * session 40 measured at 73-77% of it. 1,000 conversations of the sample flow driven through createSimulation (the
 * flow's order lookup answered at once, as the mock API does), the bench's distinct texts, round robin. Each checkout
 * runs in fresh processes, alternating with EP_BEFORE_ROOT (an older checkout, node_modules linked) when given.
 *
 *   npx tsx test/bench/enginePath.ts   (EP_BEFORE_ROOT=/tmp/before EP_MESSAGES=20000 EP_ROUNDS=3 EP_PROCS=3 EP_WARMUP=20000)
 *   BENCH_HOURS=closed|open|clock   (the takeover's opening hours, as for the other benches; default closed)
 *   EP_STAGES=1   a CPU profile of the measured rounds (node:inspector, one process per checkout) split by STAGE:
 *        each busy sample goes to the innermost frame on its stack that starts a stage (STAGES below: the first
 *        analysis of a text, VADER, the classifier, each detector, intent and button matching, the state copy,
 *        secret masking, ...), else to the engine's rest. Proportions of a profile move less with the machine's
 *        load than CPU times do; the µs column is the proportion times the same process's CPU per message.
 *   EP_KEEP_BUNDLE=1   keep the bundles (their folders are printed): a profile's line numbers are the bundle's
 *   EP_HEAP=/tmp/ep.heapprofile   (one process) a sampled allocation profile of the measured rounds instead
 *   EP_PROFILE_OUT=/tmp/ep   also writes each process's profile to /tmp/ep-PID.cpuprofile
 *   EP_TSX=1      run the sources through tsx instead of an esbuild bundle. By default each checkout's engine is bundled
 *        first as the server's shard is (its scripts/runtimeBundleOptions.mjs, session 47; an older checkout with
 *        build-runtime.mjs's options then): tsx's transform adds a `__name` call per
 *        inner function (~0.6% of the profile) that the shipped bundle does not have. Stages of a bundle are mapped back
 *        to source files through esbuild's `// shared/...` module comments (cpuProfileSplit.mjs).
 *   EP_CONVERSATIONS=1000   conversations the messages go round (fewer: longer conversations, more of each one's history)
 *   EP_SEMI=64    V8's young generation in MB (the shard runs with a larger one than node's default; see shardPool.ts)
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { moduleStarts } from './cpuProfileSplit.mjs';
import { stageSplit, type ProfileNode } from './engineStages';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Flow } from '../../shared/flow/schema';
import { benchTexts } from './conversationGenerator';
import { benchHours, withBenchHours } from './benchHours';

const here = fileURLToPath(new URL('../../', import.meta.url));
const MESSAGES = Number(process.env.EP_MESSAGES ?? 20_000);
const ROUNDS = Number(process.env.EP_ROUNDS ?? 3);
const PROCS = Number(process.env.EP_PROCS ?? 3);
const WARMUP = Number(process.env.EP_WARMUP ?? 20_000);
const CONVERSATIONS = Number(process.env.EP_CONVERSATIONS ?? 1000);

async function child(root: string): Promise<void> {
  const bundleFile = process.env.EP_BUNDLE_FILE;
  const mod = (f: string) => pathToFileURL(bundleFile ?? join(root, f)).href;
  const { createSimulation } = (await import(mod('shared/simulator/createSimulation.ts'))) as typeof import('../../shared/simulator/createSimulation');
  const { loadFlowText } = (await import(mod('shared/flow/loadFlowText.ts'))) as typeof import('../../shared/flow/loadFlowText');
  const loaded = loadFlowText(readFileSync(join(root, 'flows/customer-support.json'), 'utf8'));
  if (!loaded.flow) throw new Error('flows/customer-support.json did not load');
  const flow = withBenchHours(loaded.flow as Flow, benchHours());
  const texts = benchTexts().texts;
  const reply = { ok: true, status: 200, body: { status: 'shipped', eta: 'Friday' } };
  const sims = Array.from({ length: CONVERSATIONS }, (_, i) =>
    createSimulation(flow, { now: Date.UTC(2026, 2, 2, 10), conversationId: `c${i}`, http: () => reply }),
  );
  let m = 0;
  const drive = (n: number) => {
    for (let i = 0; i < n; i++) {
      const s = sims[m % CONVERSATIONS];
      s.advance(1000);
      s.send({ type: 'text', text: texts[m++ % texts.length] });
      // The simulation keeps what the runtime hands to its store: drop it, as the shard does once committed.
      if (s.transcript.length > 200) s.transcript.length = 0;
      if (s.steps.length > 20) s.steps.length = 0;
      if (s.effects.length > 20) s.effects.length = 0;
    }
  };
  drive(WARMUP);
  let session: import('node:inspector').Session | null = null;
  if (process.env.EP_HEAP) {
    // EP_HEAP=file.heapprofile: where the measured rounds allocate (sampled; objects already collected included).
    const inspector = await import('node:inspector');
    session = new inspector.Session();
    session.connect();
    await new Promise((res, rej) => session!.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true }, (e, r) => (e ? rej(e) : res(r))));
  } else if (process.env.EP_STAGES) {
    const inspector = await import('node:inspector');
    session = new inspector.Session();
    session.connect();
    const post = (method: string, params?: object) => new Promise<unknown>((res, rej) => session!.post(method, params ?? {}, (e, r) => (e ? rej(e) : res(r))));
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 200 });
    await post('Profiler.start');
  }
  const perMsg: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const c0 = process.cpuUsage();
    drive(MESSAGES);
    const c = process.cpuUsage(c0);
    perMsg.push((c.user + c.system) / MESSAGES);
  }
  let stages: [string, number][] | undefined;
  if (session && process.env.EP_HEAP) {
    const { profile } = (await new Promise<unknown>((res, rej) => session!.post('HeapProfiler.stopSampling', (e, r) => (e ? rej(e) : res(r))))) as { profile: unknown };
    writeFileSync(process.env.EP_HEAP, JSON.stringify(profile));
  } else if (session) {
    const { profile } = (await new Promise<unknown>((res, rej) => session!.post('Profiler.stop', (e, r) => (e ? rej(e) : res(r))))) as { profile: { nodes: ProfileNode[]; samples: number[] } };
    if (process.env.EP_PROFILE_OUT) writeFileSync(`${process.env.EP_PROFILE_OUT}-${process.pid}.cpuprofile`, JSON.stringify(profile));
    const bundle = bundleFile ? { name: basename(bundleFile), starts: moduleStarts(readFileSync(bundleFile, 'utf8')) as [number, string][] } : undefined;
    const { busy, stages: s } = stageSplit(profile, root, process.env.EP_STAGES === 'files', bundle);
    stages = [...s].map(([k, v]) => [k, v / busy] as [string, number]).sort((a, b) => b[1] - a[1]);
  }
  process.stdout.write(JSON.stringify({ perMsg, stages }) + '\n');
}

/**
 * The esbuild options a checkout's shard bundle is built with: its scripts/runtimeBundleOptions.mjs (session 47), or
 * before it build-runtime.mjs's own (no `supported`: Unicode property escapes rewritten into RegExp constructor calls).
 */
async function bundleOptionsOf(root: string): Promise<Record<string, unknown>> {
  const f = join(root, 'scripts/runtimeBundleOptions.mjs');
  if (existsSync(f)) return ((await import(pathToFileURL(f).href)) as { runtimeBundleOptions: Record<string, unknown> }).runtimeBundleOptions;
  return { bundle: true, platform: 'node', target: 'node20', format: 'esm', packages: 'external', legalComments: 'none' };
}

/** The checkout's engine as one esbuild bundle (its shard bundle's options), in a temporary folder inside the checkout (so its packages resolve), its path. */
async function bundleOf(root: string, dir: string): Promise<string> {
  const { build } = await import('esbuild');
  const entry = join(dir, 'entry.ts');
  writeFileSync(entry, `export { createSimulation } from ${JSON.stringify(join(root, 'shared/simulator/createSimulation.ts'))};\nexport { loadFlowText } from ${JSON.stringify(join(root, 'shared/flow/loadFlowText.ts'))};\n`);
  const outfile = join(dir, 'engine.mjs');
  await build({ ...(await bundleOptionsOf(root)), absWorkingDir: root, entryPoints: [entry], outfile, logLevel: 'warning' });
  return outfile;
}

const bundles = new Map<string, string>();

function runChild(root: string): Promise<{ perMsg: number[]; stages?: [string, number][] }> {
  return new Promise((resolve, reject) => {
    const args = ['--import', 'tsx', ...(process.env.EP_SEMI ? [`--max-semi-space-size=${process.env.EP_SEMI}`] : []), join(here, 'test/bench/enginePath.ts')];
    const bundle = bundles.get(root);
    const env = { ...process.env, EP_CHILD: root, ...(bundle ? { EP_BUNDLE_FILE: bundle } : {}) };
    const p = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`child for ${root} exited ${code}`))));
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main(): Promise<void> {
  const roots: [string, string][] = [['this checkout', here]];
  if (process.env.EP_BEFORE_ROOT) roots.push(['before', process.env.EP_BEFORE_ROOT]);
  const results = new Map<string, { perMsg: number[]; stages: Map<string, number[]> }>(roots.map(([n]) => [n, { perMsg: [], stages: new Map() }]));
  const bundleDirs = process.env.EP_TSX ? [] : roots.map(([, root]) => [root, mkdtempSync(join(root, '.enginePath-'))] as const);
  for (const [root, dir] of bundleDirs) bundles.set(root, await bundleOf(root, dir));
  const load0 = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
  for (let p = 0; p < PROCS; p++) {
    for (const [name, root] of p % 2 ? [...roots].reverse() : roots) {
      const r = await runChild(root);
      const acc = results.get(name)!;
      acc.perMsg.push(...r.perMsg);
      for (const [k, v] of r.stages ?? []) acc.stages.set(k, [...(acc.stages.get(k) ?? []), v]);
      console.error(`${name}: ${r.perMsg.map((x) => x.toFixed(1)).join(' / ')} µs/msg`);
    }
  }
  const load1 = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
  for (const [, dir] of bundleDirs) if (process.env.EP_KEEP_BUNDLE) console.log(`bundle kept: ${dir}`); else rmSync(dir, { recursive: true, force: true });
  console.log(`enginePath (${process.env.EP_TSX ? 'tsx' : 'esbuild bundle'}): BENCH_HOURS=${benchHours()}, ${benchTexts().name} texts, ${PROCS} processes x ${ROUNDS} x ${MESSAGES} messages per checkout, load ${load0} -> ${load1}`);
  console.log('| checkout | CPU µs/msg (median) | per round |');
  console.log('|---|---|---|');
  for (const [name, r] of results) console.log(`| ${name} | ${median(r.perMsg).toFixed(1)} | ${r.perMsg.map((x) => x.toFixed(0)).join(' / ')} |`);
  if (process.env.EP_STAGES) {
    const names = [...results.keys()];
    const all = new Set(names.flatMap((n) => [...results.get(n)!.stages.keys()]));
    const row = (n: string, k: string) => {
      const r = results.get(n)!;
      const share = median(r.stages.get(k) ?? [0]);
      return `${(share * 100).toFixed(1)}% (${(share * median(r.perMsg)).toFixed(1)} µs)`;
    };
    console.log(`\n| stage | ${names.join(' | ')} |`);
    console.log(`|---|${names.map(() => '---|').join('')}`);
    const order = [...all].sort((a, b) => median(results.get(names[0])!.stages.get(b) ?? [0]) - median(results.get(names[0])!.stages.get(a) ?? [0]));
    for (const k of order) console.log(`| ${k} | ${names.map((n) => row(n, k)).join(' | ')} |`);
  }
}

if (process.env.EP_CHILD) await child(process.env.EP_CHILD);
else await main();
