/**
 * Session 43 (perf, issue 8): what the escalation evaluation costs against the message's LENGTH. escalationBench's p99
 * is its long messages (the slowest 1% have a median of 245 characters, all messages 38), so this prints the cost per
 * length bucket: the labelled and blind sets' free-text turns by their own length, and longer texts made by joining
 * some of those turns (deterministic) to about 500, 1,000 and 2,000 characters.
 *
 * Per bucket: the median and p99 over its messages of each message's best of RUNS fresh evaluations (a fresh analysis
 * each run, not timed, so no per-text memo answers; empty memory, flows/customer-support.json's policy), µs per 100
 * characters, and a baseline measured in the same run (lower-case + split + join of the same messages, best of RUNS).
 *
 *   npx tsx test/bench/escalationLength.ts            the table
 *   LEN_PROFILE=1 npx tsx ...                         also a CPU profile of the evaluations of the long buckets (161+
 *                                                     characters), split by stage (engineStages.ts) and by function
 *                                                     self time (top 25)
 *   LEN_PROFILE_BUCKETS=161-320,321+                  the buckets profiled (names as in the table)
 *   LEN_RUNS=N                                        runs per message (default 5)
 *   LEN_BEFORE_ROOT=/tmp/before                       paired: that checkout's evaluation and this one's in ONE process,
 *                                                     alternating message by message (each its own fresh analyses),
 *                                                     so a shared machine's load falls on both alike; per bucket each
 *                                                     side's median / p99 and the median of the per-message ratios, and
 *                                                     the whole set's p99 (escalationBench's "best of N, empty memory")
 */
import { pathToFileURL, fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { loadavg, cpus } from 'node:os';
import { evaluateEscalation, initialEscalationMemory } from '../../shared/escalation/evaluateEscalation';
import type { TurnFacts } from '../../shared/escalation/types';
import { analyzeText } from '../../shared/nlu/analyzeText';
import { loadSupportFlow, readLabelled } from './escalationReport';
import { stageSplit, type ProfileNode } from './engineStages';
import { table } from './benchTable';
import { fmt, NOW, SETS } from './escalationBench';

const root = fileURLToPath(new URL('../../', import.meta.url));
const RUNS = Number(process.env.LEN_RUNS ?? 5);

const at = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(xs.length * p))];

/** The sets' free-text turns (escalationBench's messages, each once). */
export function benchTexts(): string[] {
  const buttons = new Set(['Something else', 'Track my order', 'Returns', 'Shipping']);
  return SETS.flatMap((s) => readLabelled(root + s).flatMap((c) => c.turns)).filter((t) => !buttons.has(t));
}

/** `count` texts of about `chars` characters, each some of the turns joined in a fixed order (a stride through them). */
export function joinedTexts(texts: string[], chars: number, count: number): string[] {
  const out: string[] = [];
  const pool = texts.filter((t) => t.length >= 20);
  let k = 0;
  for (let n = 0; n < count; n++) {
    const parts: string[] = [];
    let len = 0;
    while (len < chars) {
      const t = pool[(k * 7919) % pool.length];
      k++;
      parts.push(/[.!?]$/.test(t) ? t : `${t}.`);
      len += t.length + 2;
    }
    out.push(parts.join(' '));
  }
  return out;
}

export const BUCKETS: [string, (n: number) => boolean][] = [
  ['1-40', (n) => n <= 40],
  ['41-80', (n) => n > 40 && n <= 80],
  ['81-160', (n) => n > 80 && n <= 160],
  ['161-320', (n) => n > 160 && n <= 320],
  ['321+', (n) => n > 320],
];

/** A profile frame as `function (file)`: tsx's transform puts each module on few lines, so no line numbers. */
function keyOf(cf: ProfileNode['callFrame']): string {
  const where = cf.url.startsWith('file:') ? fileURLToPath(cf.url).replace(root, '') : cf.url;
  return `${cf.functionName || '(anonymous)'} (${where})`;
}

/** LEN_BEFORE_ROOT: before and after, alternating per message in one process. */
async function paired(beforeRoot: string): Promise<void> {
  const flow = loadSupportFlow();
  const texts = benchTexts();
  const other = {
    evaluate: (await import(pathToFileURL(join(beforeRoot, 'shared/escalation/evaluateEscalation.ts')).href)) as typeof import('../../shared/escalation/evaluateEscalation'),
    analyze: (await import(pathToFileURL(join(beforeRoot, 'shared/nlu/analyzeText.ts')).href)) as typeof import('../../shared/nlu/analyzeText'),
  };
  const sides = [
    { name: 'before', evaluateEscalation: other.evaluate.evaluateEscalation, initial: other.evaluate.initialEscalationMemory, analyzeText: other.analyze.analyzeText },
    { name: 'after', evaluateEscalation, initial: initialEscalationMemory, analyzeText },
  ];
  const groups: [string, string[]][] = [['all (escalationBench\'s messages)', texts], ...BUCKETS.map(([name, test]): [string, string[]] => [name, texts.filter((t) => test(t.length))])];
  groups.push(['joined ~500', joinedTexts(texts, 500, 60)], ['joined ~1,000', joinedTexts(texts, 1000, 40)], ['joined ~2,000', joinedTexts(texts, 2000, 20)]);
  const factsOf = (side: (typeof sides)[number], t: string): TurnFacts => {
    const analysis = side.analyzeText(t);
    return { text: analysis.text, analysis, turn: 0, now: NOW, variables: {}, intent: null, fallback: false, timezone: flow.settings.timezone };
  };
  for (const side of sides) for (const [, g] of groups) for (const t of g.slice(0, 200)) side.evaluateEscalation(flow.escalation, factsOf(side, `${t} warm`), side.initial());
  const load0 = loadavg()[0];
  const rows: string[][] = [['length (characters)', 'messages', `before µs median / p99 (best of ${RUNS})`, 'after µs median / p99', 'after / before, median per message']];
  for (const [name, g] of groups) {
    const best = sides.map(() => new Array<number>(g.length).fill(Infinity));
    for (let r = 0; r < RUNS; r++) {
      const facts = sides.map((side) => g.map((t) => factsOf(side, `${t} #${r}`)));
      for (let i = 0; i < g.length; i++) {
        // Alternate which side goes first, so neither always runs right after the other's cache work.
        for (const k of (i + r) % 2 === 0 ? [0, 1] : [1, 0]) {
          const t0 = performance.now();
          sides[k].evaluateEscalation(flow.escalation, facts[k][i], sides[k].initial());
          const us = (performance.now() - t0) * 1000;
          if (us < best[k][i]) best[k][i] = us;
        }
      }
    }
    const sorted = best.map((b) => [...b].sort((x, y) => x - y));
    const ratios = g.map((_, i) => best[1][i] / best[0][i]).sort((x, y) => x - y);
    rows.push([name, fmt(g.length), `${fmt(at(sorted[0], 0.5), 1)} / ${fmt(at(sorted[0], 0.99), 1)}`, `${fmt(at(sorted[1], 0.5), 1)} / ${fmt(at(sorted[1], 0.99), 1)}`, fmt(at(ratios, 0.5), 3)]);
  }
  table(`Escalation evaluation by length, paired in one process (before: ${beforeRoot}; load ${fmt(load0, 1)} -> ${fmt(loadavg()[0], 1)} on ${cpus().length} cores)`, rows);
}

async function main(): Promise<void> {
  if (process.env.LEN_BEFORE_ROOT) return paired(process.env.LEN_BEFORE_ROOT);
  const flow = loadSupportFlow();
  const texts = benchTexts();
  const groups: [string, string[]][] = BUCKETS.map(([name, test]) => [name, texts.filter((t) => test(t.length))]);
  groups.push(['joined ~500', joinedTexts(texts, 500, 60)], ['joined ~1,000', joinedTexts(texts, 1000, 40)], ['joined ~2,000', joinedTexts(texts, 2000, 20)]);
  const base: TurnFacts = { text: '', analysis: analyzeText(''), turn: 0, now: NOW, variables: {}, intent: null, fallback: false, timezone: flow.settings.timezone };
  // Warm-up: every group once (short and long texts take different paths; all of them JIT-compiled before timing).
  for (const [, g] of groups) for (const t of g.slice(0, 100)) evaluateEscalation(flow.escalation, { ...base, text: t, analysis: analyzeText(`${t} warm`) }, initialEscalationMemory());

  let session: import('node:inspector').Session | null = null;
  const profiled = new Set(process.env.LEN_PROFILE_BUCKETS?.split(',') ?? ['161-320', '321+', 'joined ~500', 'joined ~1,000', 'joined ~2,000']);
  const post = (m: string, p?: object) => new Promise<unknown>((res, rej) => session!.post(m, p ?? {}, (e, r) => (e ? rej(e) : res(r))));
  const load0 = loadavg()[0];
  const rows: string[][] = [['length (characters)', 'messages', 'median chars', 'baseline µs (median)', 'evaluation µs median / p99 (best of ' + RUNS + ')', 'µs per 100 chars (median)', 'x baseline']];
  const profiles: { nodes: ProfileNode[]; samples: number[] }[] = [];
  for (const [name, g] of groups) {
    if (g.length === 0) continue;
    const best = new Array<number>(g.length).fill(Infinity);
    const baseBest = new Array<number>(g.length).fill(Infinity);
    let sink = 0;
    for (let r = 0; r < RUNS; r++) {
      for (let i = 0; i < g.length; i++) {
        const b0 = performance.now();
        sink += g[i].toLowerCase().split(/\s+/).join(' ').length;
        const b = (performance.now() - b0) * 1000;
        if (b < baseBest[i]) baseBest[i] = b;
      }
    }
    // Every run's fresh analyses are made before the timed (and profiled) runs: the profile holds the evaluations only.
    const runFacts = Array.from({ length: RUNS }, (_, r) =>
      g.map((t) => {
        const analysis = analyzeText(`${t} #${r}`);
        return { ...base, text: analysis.text, analysis };
      }),
    );
    const doProfile = process.env.LEN_PROFILE === '1' && profiled.has(name);
    if (doProfile) {
      const inspector = await import('node:inspector');
      session = new inspector.Session();
      session.connect();
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: 100 });
      await post('Profiler.start');
    }
    for (let r = 0; r < RUNS; r++) {
      const facts = runFacts[r];
      for (let i = 0; i < g.length; i++) {
        const t0 = performance.now();
        evaluateEscalation(flow.escalation, facts[i], initialEscalationMemory());
        const us = (performance.now() - t0) * 1000;
        if (us < best[i]) best[i] = us;
      }
    }
    if (doProfile) {
      const { profile } = (await post('Profiler.stop')) as { profile: { nodes: ProfileNode[]; samples: number[] } };
      profiles.push(profile);
      session!.disconnect();
    }
    if (sink === 42) console.log('');
    const lens = g.map((t) => t.length).sort((a, b) => a - b);
    const perChar = g.map((t, i) => (best[i] * 100) / t.length).sort((a, b) => a - b);
    const sorted = [...best].sort((a, b) => a - b);
    const baseSorted = [...baseBest].sort((a, b) => a - b);
    rows.push([name, fmt(g.length), fmt(at(lens, 0.5)), fmt(at(baseSorted, 0.5), 2), `${fmt(at(sorted, 0.5), 1)} / ${fmt(at(sorted, 0.99), 1)}`, fmt(at(perChar, 0.5), 1), fmt(at(sorted, 0.5) / at(baseSorted, 0.5), 0)]);
  }
  const load = `load ${fmt(load0, 1)} -> ${fmt(loadavg()[0], 1)} on ${cpus().length} cores`;
  table(`Escalation evaluation by message length (flows/customer-support.json, empty memory; ${load})`, rows);

  if (profiles.length > 0) {
    // Self time by function and inclusive time by stage, over the long buckets' evaluations.
    const self = new Map<string, number>();
    const incl = new Map<string, number>();
    // LEN_CALLERS=fnA,fnB: the samples under each named function, by the frame that called it (outermost call counted).
    const watched = (process.env.LEN_CALLERS ?? '').split(',').filter((x) => x !== '');
    const callers = new Map<string, number>();
    // LEN_UNDER=fn: inclusive shares of the functions called (at any depth) under fn.
    const underFn = process.env.LEN_UNDER ?? '';
    const under = new Map<string, number>();
    let busy = 0;
    const stages = new Map<string, number>();
    for (const p of profiles) {
      const byId = new Map(p.nodes.map((n) => [n.id, n]));
      const parent = new Map<number, number>();
      for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
      for (const id of p.samples) {
        const cf = byId.get(id)!.callFrame;
        if (cf.functionName === '(idle)') continue;
        busy++;
        const key = keyOf(cf);
        self.set(key, (self.get(key) ?? 0) + 1);
        const seen = new Set<string>();
        for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) seen.add(keyOf(byId.get(x)!.callFrame));
        for (const k of seen) incl.set(k, (incl.get(k) ?? 0) + 1);
        let outer: string | null = null;
        for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) {
          const fn = byId.get(x)!.callFrame.functionName;
          const up = parent.get(x);
          if (watched.includes(fn) && up !== undefined) outer = `${fn} <- ${keyOf(byId.get(up)!.callFrame)}`;
        }
        if (outer !== null) callers.set(outer, (callers.get(outer) ?? 0) + 1);
        if (underFn !== '') {
          const below = new Set<string>();
          let inside = false;
          const stack: string[] = [];
          for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) stack.push(keyOf(byId.get(x)!.callFrame));
          for (let j = stack.length - 1; j >= 0; j--) {
            if (inside) below.add(stack[j]);
            else if (stack[j].startsWith(`${underFn} (`)) inside = true;
          }
          if (inside) below.add('(all)');
          for (const k of below) under.set(k, (under.get(k) ?? 0) + 1);
        }
      }
      const split = stageSplit(p, root);
      for (const [k, v] of split.stages) stages.set(k, (stages.get(k) ?? 0) + v);
    }
    const pctOf = (v: number) => `${fmt((v * 100) / busy, 1)}%`;
    table(`Long messages (161+ characters and joined), by stage (innermost stage frame wins; ${fmt(busy)} busy samples)`, [
      ['stage', 'share'],
      ...[...stages].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, pctOf(v)]),
    ]);
    table('Long messages, self time by function (top 25)', [
      ['function (file)', 'self'],
      ...[...self].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => [k, pctOf(v)]),
    ]);
    if (watched.length > 0) {
      table('Long messages, callers of ' + watched.join(', ') + ' (inclusive, outermost call)', [
        ['function <- caller', 'inclusive'],
        ...[...callers].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([k, v]) => [k, pctOf(v)]),
      ]);
    }
    if (underFn !== '') {
      table(`Long messages, functions under ${underFn} (inclusive)`, [
        ['function', 'inclusive'],
        ...[...under].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([k, v]) => [k, pctOf(v)]),
      ]);
    }
    const top = Number(process.env.LEN_INCLUSIVE ?? 40);
    table(`Long messages, inclusive time by function (top ${top}; shared/ only)`, [
      ['function (file)', 'inclusive'],
      ...[...incl].filter(([k]) => k.includes('shared/')).sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => [k, pctOf(v)]),
    ]);
  }
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) await main();
