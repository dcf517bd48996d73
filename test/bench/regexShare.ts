/**
 * Session 47 (perf4): how much of the engine step is regular-expression work, and which patterns. shared/ holds ~1,350
 * regex literals; a profile folds irregexp's matching into its callers' self time or into many small `RegExp: ...`
 * nodes, so "no function over 2.5%" (sessions 39-41) could hide a large total. This bench counts and times them.
 *
 *   npx tsx test/bench/regexShare.ts   (RS_WARMUP=10000 RS_MESSAGES=10000 RS_RECORD=3000 RS_TOP=20; BENCH_HOURS as enginePath)
 *
 * One child process drives enginePath's conversations (the sample flow, 1,000 conversations, the bench's distinct texts,
 * the checkout's engine bundled with the shard's esbuild options): RS_WARMUP messages, then RS_MESSAGES measured plainly
 * (CPU µs per message of the step), then RS_RECORD messages with RegExp.prototype's exec, test and the Symbol.replace /
 * split / match / matchAll / search methods wrapped to record every OUTERMOST call (the pattern, the method, the input,
 * lastIndex, a string replacement): the wrapping puts V8 on its slow regexp paths, so those messages are only counted,
 * never timed. A second, fresh child replays the recorded calls pattern by pattern on pristine RegExp objects (V8's fast
 * paths) and times each pattern's calls in CPU time (best of 5, each repeated to >= 20 ms): the regex work of a message
 * without the engine around it. A replay is hot (one pattern's calls in a row, caches and branch predictors warm), so its
 * total is a lower bound of what the same calls cost inside the step; a sampling profile of the step (perf with
 * --perf-basic-prof: docs/runtime.md "Session 47 (perf4)") gives the in-place share.
 *
 * Reports: executions per message by method, distinct patterns, within-message repeats (the same pattern, method and
 * input again in one message), the replay's µs per message against the step's, the part of it spent in calls that find
 * nothing (the most ANY prefilter could skip, before its own cost), and the top RS_TOP patterns by replayed time.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Flow } from '../../shared/flow/schema';
import { benchTexts } from './conversationGenerator';
import { benchHours, withBenchHours } from './benchHours';

const here = fileURLToPath(new URL('../../', import.meta.url));
const WARMUP = Number(process.env.RS_WARMUP ?? 10_000);
const MESSAGES = Number(process.env.RS_MESSAGES ?? 10_000);
const RECORD = Number(process.env.RS_RECORD ?? 3_000);
const TOP = Number(process.env.RS_TOP ?? 20);

/** A recorded call: pattern id, method, input id, lastIndex before, a string replacement / split limit / 1 for a replacer function; null marks a new message. */
type Call = [number, string, number, number, string | number | null];
interface Recording {
  messages: number;
  stepMicros: number;
  patterns: string[];
  texts: string[];
  calls: (Call | null)[];
}

async function driveChild(bundleFile: string, out: string): Promise<void> {
  const { createSimulation, loadFlowText } = (await import(pathToFileURL(bundleFile).href)) as typeof import('../../shared/simulator/createSimulation') & typeof import('../../shared/flow/loadFlowText');
  const loaded = loadFlowText(readFileSync(join(here, 'flows/customer-support.json'), 'utf8'));
  if (!loaded.flow) throw new Error('flows/customer-support.json did not load');
  const flow = withBenchHours(loaded.flow as Flow, benchHours());
  const texts = benchTexts().texts;
  const reply = { ok: true, status: 200, body: { status: 'shipped', eta: 'Friday' } };
  const sims = Array.from({ length: 1000 }, (_, i) => createSimulation(flow, { now: Date.UTC(2026, 2, 2, 10), conversationId: `c${i}`, http: () => reply }));
  let m = 0;
  let mark = () => {};
  const drive = (n: number) => {
    for (let i = 0; i < n; i++) {
      const s = sims[m % sims.length];
      s.advance(1000);
      mark();
      s.send({ type: 'text', text: texts[m++ % texts.length] });
      if (s.transcript.length > 200) s.transcript.length = 0;
      if (s.steps.length > 20) s.steps.length = 0;
      if (s.effects.length > 20) s.effects.length = 0;
    }
  };
  drive(WARMUP);
  const c0 = process.cpuUsage();
  drive(MESSAGES);
  const c = process.cpuUsage(c0);
  const stepMicros = (c.user + c.system) / MESSAGES;

  // The measuring run: every outermost regexp call recorded (a call made inside another, e.g. exec inside replace on the slow path, is not).
  const P = RegExp.prototype as unknown as Record<string | symbol, (this: RegExp, s: unknown, a?: unknown) => unknown>;
  const methods: [string | symbol, string][] = [['exec', 'exec'], ['test', 'test'], [Symbol.replace, 'replace'], [Symbol.split, 'split'], [Symbol.match, 'match'], [Symbol.matchAll, 'matchAll'], [Symbol.search, 'search']];
  const original = new Map(methods.map(([k]) => [k, P[k]]));
  const patternOf = new WeakMap<RegExp, number>();
  const patterns = new Map<string, number>();
  const textIds = new Map<string, number>();
  const calls: (Call | null)[] = [];
  let depth = 0;
  const idOf = (re: RegExp) => {
    let id = patternOf.get(re);
    if (id === undefined) {
      const key = `${re.flags}/${re.source}`;
      id = patterns.get(key) ?? patterns.size;
      patterns.set(key, id);
      patternOf.set(re, id);
    }
    return id;
  };
  const textId = (t: string) => {
    let id = textIds.get(t);
    if (id === undefined) textIds.set(t, (id = textIds.size));
    return id;
  };
  for (const [k, name] of methods) {
    const f = original.get(k)!;
    P[k] = function (this: RegExp, s: unknown, a?: unknown) {
      if (depth > 0) return f.call(this, s, a);
      calls.push([idOf(this), name, textId(String(s)), this.lastIndex, typeof a === 'string' || typeof a === 'number' ? a : typeof a === 'function' ? 1 : null]);
      depth++;
      try {
        const out = f.call(this, s, a);
        if (name !== 'matchAll') return out;
        // matchAll's iterator calls exec on its own copy of the pattern as it is read, outside this call: counted as part of it.
        const it = out as Iterator<unknown>;
        return {
          next: () => {
            depth++;
            try {
              return it.next();
            } finally {
              depth--;
            }
          },
          [Symbol.iterator]() {
            return this;
          },
        };
      } finally {
        depth--;
      }
    };
  }
  mark = () => void calls.push(null);
  drive(RECORD);
  mark = () => {};
  for (const [k] of methods) P[k] = original.get(k)!;
  const rec: Recording = { messages: RECORD, stepMicros, patterns: [...patterns.keys()], texts: [...textIds.keys()], calls };
  writeFileSync(out, JSON.stringify(rec));
}

function replayChild(file: string): void {
  const R = JSON.parse(readFileSync(file, 'utf8')) as Recording;
  const byPattern = new Map<number, Call[]>();
  let repeats = 0;
  let seen = new Set<string>();
  const perMethod = new Map<string, number>();
  for (const c of R.calls) {
    if (c === null) {
      seen = new Set();
      continue;
    }
    const key = c.join('\u0001');
    if (seen.has(key)) repeats++;
    else seen.add(key);
    perMethod.set(c[1], (perMethod.get(c[1]) ?? 0) + 1);
    const list = byPattern.get(c[0]) ?? [];
    list.push(c);
    byPattern.set(c[0], list);
  }
  const replacer = (m: string) => m;
  const run = (re: RegExp, list: Call[]) => {
    let sink = 0;
    for (const [, name, t, last, a] of list) {
      const s = R.texts[t];
      re.lastIndex = last;
      if (name === 'test') sink += re.test(s) ? 1 : 0;
      else if (name === 'exec') sink += re.exec(s) ? 1 : 0;
      else if (name === 'replace') sink += (a === 1 ? s.replace(re, replacer) : s.replace(re, typeof a === 'string' ? a : '')).length;
      else if (name === 'split') sink += (typeof a === 'number' ? s.split(re, a) : s.split(re)).length;
      else if (name === 'match') sink += (s.match(re) ?? []).length;
      else if (name === 'matchAll') for (const _ of s.matchAll(re)) sink++;
      else if (name === 'search') sink += s.search(re);
    }
    return sink;
  };
  /** Whether the call finds anything (a prefilter may skip only calls that do not): exec and test from lastIndex as the call ran, the others anywhere in the input. */
  const finds = (re: RegExp, anywhere: RegExp, [, name, t, last]: Call) => {
    if (name !== 'test' && name !== 'exec') return anywhere.test(R.texts[t]);
    re.lastIndex = last;
    return re.exec(R.texts[t]) !== null;
  };
  const cpu = (f: () => unknown) => {
    const t0 = process.cpuUsage();
    f();
    const once = Math.max(1, process.cpuUsage(t0).user);
    const inner = Math.max(1, Math.ceil(20_000 / once));
    let best = Infinity;
    for (let i = 0; i < 5; i++) {
      const c0 = process.cpuUsage();
      for (let j = 0; j < inner; j++) f();
      const c = process.cpuUsage(c0);
      best = Math.min(best, (c.user + c.system) / inner);
    }
    return best;
  };
  const rows: { key: string; calls: number; micros: number; failing: number; failingMicros: number; methods: string }[] = [];
  for (const [id, list] of byPattern) {
    const key = R.patterns[id];
    const slash = key.indexOf('/');
    const re = new RegExp(key.slice(slash + 1), key.slice(0, slash));
    const micros = cpu(() => run(re, list));
    const anywhere = new RegExp(re.source, re.flags.replace(/[gy]/g, ''));
    const fail = list.filter((c) => !finds(re, anywhere, c));
    const failingMicros = fail.length === 0 ? 0 : fail.length === list.length ? micros : Math.min(micros, cpu(() => run(re, fail)));
    const m = new Map<string, number>();
    for (const c of list) m.set(c[1], (m.get(c[1]) ?? 0) + 1);
    rows.push({ key, calls: list.length, micros, failing: fail.length, failingMicros, methods: [...m].map(([k, v]) => `${k} ${v}`).join(', ') });
  }
  rows.sort((a, b) => b.micros - a.micros);
  const n = R.messages;
  const total = rows.reduce((s, r) => s + r.micros, 0) / n;
  const failing = rows.reduce((s, r) => s + r.failingMicros, 0) / n;
  const count = rows.reduce((s, r) => s + r.calls, 0);
  console.log(`regexShare: BENCH_HOURS=${benchHours()}, ${benchTexts().name} texts; the step ${R.stepMicros.toFixed(1)} µs/msg CPU (${MESSAGES} messages after ${WARMUP}); ${n} messages recorded`);
  console.log('| figure | value |');
  console.log('|---|---|');
  console.log(`| outermost regexp calls per message | ${(count / n).toFixed(1)} (${[...perMethod].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${(v / n).toFixed(1)}`).join(', ')}) |`);
  console.log(`| distinct patterns (flags + source) called | ${rows.length} |`);
  console.log(`| calls repeating an earlier call of the same message (pattern, method, input, lastIndex) | ${((repeats / count) * 100).toFixed(1)}% |`);
  console.log(`| replayed regexp CPU per message | ${total.toFixed(1)} µs (${((total / R.stepMicros) * 100).toFixed(1)}% of the step's CPU in the same process) |`);
  console.log(`| of it in calls that find nothing (the most a prefilter could skip, before its own cost) | ${failing.toFixed(1)} µs (${((failing / total) * 100).toFixed(0)}%; ${((rows.reduce((s, r) => s + r.failing, 0) / count) * 100).toFixed(0)}% of the calls) |`);
  console.log(`| top ${TOP} patterns' share of the replayed time | ${((rows.slice(0, TOP).reduce((s, r) => s + r.micros, 0) / n / total) * 100).toFixed(0)}% |`);
  console.log(`\n| # | µs/msg | calls/msg | ns/call | find nothing | methods | pattern (flags/source, cut at 110) |`);
  console.log('|---|---|---|---|---|---|---|');
  for (const [i, r] of rows.slice(0, TOP).entries()) {
    const cut = r.key.length > 110 ? r.key.slice(0, 110) + '…' : r.key;
    console.log(`| ${i + 1} | ${(r.micros / n).toFixed(2)} | ${(r.calls / n).toFixed(2)} | ${((r.micros / r.calls) * 1000).toFixed(0)} | ${((r.failing / r.calls) * 100).toFixed(0)}% | ${r.methods} | \`${cut.replace(/\|/g, '\\|').replace(/`/g, "'")}\` |`);
  }
}

function runChild(env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', join(here, 'test/bench/regexShare.ts')], { cwd: here, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`child exited ${code}`))));
  });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(here, '.regexShare-'));
  try {
    const { build } = await import('esbuild');
    const { runtimeBundleOptions } = (await import(pathToFileURL(join(here, 'scripts/runtimeBundleOptions.mjs')).href)) as { runtimeBundleOptions: Record<string, unknown> };
    const entry = join(dir, 'entry.ts');
    writeFileSync(entry, `export { createSimulation } from ${JSON.stringify(join(here, 'shared/simulator/createSimulation.ts'))};\nexport { loadFlowText } from ${JSON.stringify(join(here, 'shared/flow/loadFlowText.ts'))};\n`);
    const bundle = join(dir, 'engine.mjs');
    await build({ ...runtimeBundleOptions, absWorkingDir: here, entryPoints: [entry], outfile: bundle, logLevel: 'warning' });
    const rec = join(dir, 'calls.json');
    const load0 = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
    await runChild({ RS_CHILD: 'drive', RS_BUNDLE: bundle, RS_OUT: rec });
    await runChild({ RS_CHILD: 'replay', RS_OUT: rec });
    console.log(`\nload ${load0} -> ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.env.RS_CHILD === 'drive') await driveChild(process.env.RS_BUNDLE!, process.env.RS_OUT!);
else if (process.env.RS_CHILD === 'replay') replayChild(process.env.RS_OUT!);
else await main();
