/**
 * Session 40 (perf): where a thread's CPU goes, by layer of the server path. Reads a .cpuprofile of `baton serve`'s
 * bundle (`BENCH_PROFILE_DIR=/tmp/prof npx tsx test/bench/runtimeCpu.ts` writes one per thread), maps each bundled
 * frame to its source file through the `// path/to/file.ts` comments esbuild writes at every module's start, and
 * gives each busy sample to the innermost frame on its stack that belongs to a known layer (so JSON.stringify called
 * by the store counts as store, a regexp run by the escalation policy as engine); a sample under the push fan-out's
 * delivery (STACK_LAYERS) is 'push' whatever runs inside it. BENCH_PUSH=1 makes the benches' customers hold push streams.
 *
 *   node test/bench/cpuProfileSplit.mjs PROFILE.cpuprofile [BUNDLE.mjs] [--files]
 *
 * BUNDLE defaults to dist/runtime/main.mjs for a profile named main-*, else dist/runtime/shard.mjs (the shard's
 * worker). --files adds self time by source file. Percentages are of busy samples (idle excluded). '(garbage
 * collector)' and '(program)' are their own rows: the samples say nothing about who made the garbage.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Module start lines (0-based, as profiles count them) of an esbuild bundle's text, in order: [line, source path]. */
export function moduleStarts(bundleText) {
  const starts = [];
  bundleText.split('\n').forEach((line, i) => {
    const m = /^\/\/ ((?:shared|runtime|node_modules)\/\S+)$/.exec(line);
    if (m) starts.push([i, m[1]]);
  });
  return starts;
}

/** The source file holding bundle line `lineNumber` (0-based): the last module start at or before it. */
export function sourceAt(starts, lineNumber) {
  let lo = 0, hi = starts.length - 1, found = '(bundle top)';
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid][0] <= lineNumber) { found = starts[mid][1]; lo = mid + 1; } else hi = mid - 1;
  }
  return found;
}

const HTTP_PACKAGES = ['fastify', '@fastify', 'zod', 'find-my-way', 'secure-json-parse', 'fast-json-stringify', 'avvio', 'light-my-request'];
/** Layers of the server path, first match wins; each tests a frame's source file ('' for native frames). */
export const LAYERS = [
  ['engine+policy', (f) => f.startsWith('shared/')],
  ['store/journal', (f) => f.startsWith('runtime/store/') || f.startsWith('node_modules/lmdb') || f.startsWith('node_modules/msgpackr')],
  ['agents (inbox, presence)', (f) => f.startsWith('runtime/agents/')],
  ['metrics', (f) => f.startsWith('node_modules/prom-client') || f === 'runtime/server/metrics.ts'],
  ['conversation service', (f) => ['runtime/server/conversationService.ts', 'runtime/server/conversationLimiter.ts', 'runtime/server/engineFailure.ts', 'runtime/server/flowCatalog.ts'].includes(f)],
  ['effects', (f) => f.startsWith('runtime/effects/')],
  ['shard messaging', (f) => f.startsWith('runtime/shard/') || f === 'node:internal/worker' || f.startsWith('node:internal/worker/')],
  ['HTTP+validation', (f) => f.startsWith('runtime/server/') || HTTP_PACKAGES.some((p) => f.startsWith(`node_modules/${p}/`))],
  ['runtime other', (f) => f.startsWith('runtime/')],
];
/**
 * Layers decided by a frame anywhere on the stack, before the innermost-frame rule: the push fan-out on the main thread
 * (a shard's durable entries delivered to the conversation's push streams: shardPool.ts `deliver`, then buildServer's
 * SSE writer, which the file rule alone would count as HTTP). Tested with (function name, source file).
 */
export const STACK_LAYERS = [['push', (fn, f) => fn === 'deliver' && f === 'runtime/shard/shardPool.ts']];
/** Node's own modules that serve a request (parser, sockets, streams): HTTP, for a stack with no project frame on it. */
const NODE_HTTP = /^node:(_http|internal\/http|internal\/streams|internal\/stream_base|net$|events$|internal\/process\/task_queues$)/;

/**
 * Busy samples of a profile by layer: a sample with a STACK_LAYERS frame on its stack goes to that layer; any other to
 * the innermost frame on its stack whose file matches a layer
 * (a frame of no layer, e.g. a native function or node's timers, passes the sample to its caller); '(garbage
 * collector)' is 'GC', '(program)' is '(program)', a stack with no frame of any layer is 'other'; '(idle)' is left out.
 * `bundleName` is the file name the bundled frames' urls end with; `starts` its moduleStarts.
 */
export function layerSplit(profile, starts, bundleName) {
  const fileOf = (cf) => {
    if (cf.url.endsWith('/' + bundleName)) return sourceAt(starts, cf.lineNumber);
    const nm = cf.url.lastIndexOf('/node_modules/');
    if (nm >= 0) return cf.url.slice(nm + 1);
    return cf.url || '';
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const memo = new Map();
  // The innermost project or package frame decides; a stack with none (node's parser calling node's streams) is
  // HTTP+validation when one of its frames is node's HTTP machinery, else 'other'.
  const projectLayer = (id) => {
    if (memo.has(id)) return memo.get(id);
    const n = byId.get(id);
    let layer = null;
    if (n.callFrame.functionName !== '(root)') {
      const f = fileOf(n.callFrame);
      const hit = LAYERS.find(([, test]) => test(f));
      layer = hit ? hit[0] : parent.has(id) ? projectLayer(parent.get(id)) : null;
    }
    memo.set(id, layer);
    return layer;
  };
  const stackMemo = new Map();
  const stackLayer = (id) => {
    if (stackMemo.has(id)) return stackMemo.get(id);
    const cf = byId.get(id).callFrame;
    const hit = STACK_LAYERS.find(([, test]) => test(cf.functionName, fileOf(cf)));
    const layer = hit ? hit[0] : parent.has(id) ? stackLayer(parent.get(id)) : null;
    stackMemo.set(id, layer);
    return layer;
  };
  const layerOf = (id) => {
    const fn = byId.get(id).callFrame.functionName;
    if (fn === '(garbage collector)') return 'GC';
    if (fn === '(program)') return '(program)';
    const onStack = stackLayer(id);
    if (onStack !== null) return onStack;
    const l = projectLayer(id);
    if (l !== null) return l;
    for (let x = id; x !== undefined; x = parent.get(x)) if (NODE_HTTP.test(fileOf(byId.get(x).callFrame))) return 'HTTP+validation';
    return 'other';
  };
  const layers = new Map();
  const selfByFile = new Map();
  let busy = 0;
  for (const id of profile.samples) {
    const n = byId.get(id);
    if (n.callFrame.functionName === '(idle)') continue;
    busy++;
    const l = layerOf(id);
    layers.set(l, (layers.get(l) ?? 0) + 1);
    const f = fileOf(n.callFrame) || n.callFrame.functionName;
    selfByFile.set(f, (selfByFile.get(f) ?? 0) + 1);
  }
  return { samples: profile.samples.length, busy, layers, selfByFile };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const files = args.includes('--files');
  const [profFile, bundleArg] = args.filter((a) => !a.startsWith('--'));
  if (!profFile) {
    console.error('usage: node test/bench/cpuProfileSplit.mjs PROFILE.cpuprofile [BUNDLE.mjs] [--files]');
    process.exit(2);
  }
  const bundle = bundleArg ?? path.join('dist/runtime', path.basename(profFile).startsWith('main-') ? 'main.mjs' : 'shard.mjs');
  if (!fs.existsSync(bundle)) {
    console.error(`no bundle at ${bundle}: give the bundle the profile was taken of as the second argument`);
    process.exit(2);
  }
  const p = JSON.parse(fs.readFileSync(profFile, 'utf8'));
  const r = layerSplit(p, moduleStarts(fs.readFileSync(bundle, 'utf8')), path.basename(bundle));
  const ms = (p.endTime - p.startTime) / 1000;
  console.log(`${path.basename(profFile)}: ${r.samples} samples over ${ms.toFixed(0)} ms, busy ${((r.busy / r.samples) * 100).toFixed(1)}%`);
  console.log('| layer | % of busy |');
  console.log('|---|---|');
  for (const [l, c] of [...r.layers].sort((a, b) => b[1] - a[1])) console.log(`| ${l} | ${((c / r.busy) * 100).toFixed(1)} |`);
  if (files) {
    console.log('\nself by source file (% of busy)');
    for (const [f, c] of [...r.selfByFile].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(((c / r.busy) * 100).toFixed(1).padStart(5), f);
  }
}
