/**
 * Trains and judges the same-request model (shared/escalation/sameRequest) on records from sameRequestData.ts.
 *
 *   npx tsx scripts/train-escalation/sameRequestTrain.ts PROBED.jsonl lowo      # leave-one-writer-out table per threshold
 *   npx tsx scripts/train-escalation/sameRequestTrain.ts PROBED.jsonl ship OUT  # train on every development writer, write weights
 *
 * Labels are per conversation, so it is trained as multiple-instance learning: in a loop conversation some message is the
 * same request as two earlier ones (its two best pairs are the positives, re-chosen by the model each round, starting
 * from concept and letter overlap); in every other conversation no pair is (all negatives: the model firing there would
 * escalate an ordinary chat or take another reason's conversation). Development writers are every corpus but the even
 * ids of w16-w21 (held out: never trained on, never used to choose the threshold).
 *
 * A message fires when at least `count - 1` (2) of its earlier questions score >= the threshold. The effect on each
 * conversation is played out on the shipped detectors' result: an unescalated conversation, or one escalated later,
 * becomes a loop at that message.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { analyzeText } from '../../shared/nlu/analyzeText';
import { isRepeatableQuestion, requestFamilyApart } from '../../shared/escalation/detectors/detectLoop';
import { DENSE, DENSE_FEATURES, namesDifferentValue, pairFeatures, sharesOnlyTheOrder } from '../../shared/escalation/sameRequest/features';
import { shopConceptClasses } from '../../shared/escalation/sameRequest/shopConcepts';
import type { ProbedConversation } from './sameRequestData';

interface Pair { dense: Float64Array; hashed: number[]; contrast?: boolean; sameOrderOnly?: boolean }
interface Msg { turn: number; pairs: Pair[]; chain?: Pair; inner?: Pair[][]; text?: string; recent?: string[]; fallback?: boolean }
interface Conv { writer: string; id: string; expect: string; heldOut: boolean; escalation: { reason: string; turn: number } | null; msgs: Msg[] }

/** Optional (experiment): word vectors for two extra pair features, SR_EMBED=vocab.json from embeddingVocab.ts, SR_EMBED_DIMS=k (PCA). */
const embed = process.env.SR_EMBED ? loadEmbedding(process.env.SR_EMBED, Number(process.env.SR_EMBED_DIMS ?? 0), Number(process.env.SR_EMBED_TOP ?? 0)) : null;
const QUAD = process.env.SR_QUAD === '1' ? [0, 1, 2, 4, 5, 6, 9, 13, 16, 18, 23] : [];
const EXTRA = (embed ? 3 : 0) + (QUAD.length * (QUAD.length + 1)) / 2;
function quad(d: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < QUAD.length; i++) for (let j = i; j < QUAD.length; j++) out.push(d[QUAD[i]] * d[QUAD[j]]);
  return out;
}
const NDENSE = DENSE + EXTRA;
function loadEmbedding(file: string, dims: number, top: number): Map<string, Float64Array> {
  const src = JSON.parse(readFileSync(file, 'utf8')) as { dims: number; words: string[]; vectors: number[][] };
  const n = top > 0 ? Math.min(top, src.words.length) : src.words.length;
  let rows = src.vectors.slice(0, n).map((v) => Float64Array.from(v));
  if (dims > 0 && dims < src.dims) {
    // PCA by power iteration on the covariance (vectors are already mean-centred).
    const D = src.dims;
    const cov = Array.from({ length: D }, () => new Float64Array(D));
    for (const r of rows) for (let i = 0; i < D; i++) { const ri = r[i]; if (ri === 0) continue; const ci = cov[i]; for (let j = 0; j < D; j++) ci[j] += ri * r[j]; }
    const comps: Float64Array[] = [];
    for (let k = 0; k < dims; k++) {
      let v = new Float64Array(D).map((_, i) => Math.sin(i * 7.1 + k * 3.3) + 0.01);
      for (let it = 0; it < 60; it++) {
        const w = new Float64Array(D);
        for (let i = 0; i < D; i++) { let s = 0; for (let j = 0; j < D; j++) s += cov[i][j] * v[j]; w[i] = s; }
        for (const c of comps) { let d = 0; for (let i = 0; i < D; i++) d += w[i] * c[i]; for (let i = 0; i < D; i++) w[i] -= d * c[i]; }
        let nn = 0; for (const a of w) nn += a * a; nn = Math.sqrt(nn) || 1;
        v = w.map((a) => a / nn);
      }
      comps.push(v);
    }
    rows = rows.map((r) => Float64Array.from(comps, (c) => { let d = 0; for (let i = 0; i < D; i++) d += r[i] * c[i]; return d; }));
  }
  const m = new Map<string, Float64Array>();
  rows.forEach((r, i) => { let nn = 0; for (const a of r) nn += a * a; nn = Math.sqrt(nn) || 1; m.set(src.words[i], r.map((a) => a / nn)); });
  return m;
}
function embedFeatures(a: string, b: string): number[] {
  const va = a.split(' ').map((t) => embed!.get(t)).filter((v): v is Float64Array => v !== undefined);
  const vb = b.split(' ').map((t) => embed!.get(t)).filter((v): v is Float64Array => v !== undefined);
  if (va.length === 0 || vb.length === 0) return [0, 0, 1];
  const dot = (x: Float64Array, y: Float64Array) => { let s = 0; for (let i = 0; i < x.length; i++) s += x[i] * y[i]; return s; };
  const mean = (vs: Float64Array[]) => { const m = new Float64Array(vs[0].length); for (const v of vs) for (let i = 0; i < m.length; i++) m[i] += v[i]; return m; };
  const ma = mean(va);
  const mb = mean(vb);
  const cos = dot(ma, mb) / (Math.sqrt(dot(ma, ma) * dot(mb, mb)) || 1);
  const align = (xs: Float64Array[], ys: Float64Array[]) => xs.reduce((s, x) => s + Math.max(...ys.map((y) => dot(x, y))), 0) / xs.length;
  return [cos, (align(va, vb) + align(vb, va)) / 2, 0];
}

const HELD_OUT_SETS = new Set(['w16', 'w17', 'w18', 'w19', 'w20', 'w21']);
const useHashed = false;
/** The slot guard (namesDifferentValue): pairs naming different values are never linked (SR_GUARD=0 to measure without). */
const GUARD = process.env.SR_GUARD !== '0';
const HASHED = 1;

/** SR_DROP=i,j (session 29): dense features left out (set to 0 everywhere: they get no weight), to measure what one adds. */
const DROP = (process.env.SR_DROP ?? '').split(',').filter((x) => x !== '').map(Number);
function dropped(f: Float64Array): Float64Array {
  for (const i of DROP) f[i] = 0;
  return f;
}
function load(file: string): Conv[] {
  const out: Conv[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const p = JSON.parse(line) as ProbedConversation;
    const num = Number(/(\d+)\D*$/.exec(p.id)?.[1] ?? NaN);
    // Session 29 (loops): every even id is held out (the held-out halves are measured, never trained on), not only those
    // of w16-w21; SR_EVEN=1 trains as before (only the even ids of w16-w21 held out).
    const heldOut = (num % 2 === 0 && (process.env.SR_EVEN !== '1' || HELD_OUT_SETS.has(p.set))) || (process.env.SR_EVEN !== '1' && p.set === 'heldout');
    const msgs: Msg[] = [];
    for (const m of p.messages) {
      if (m.recent.length < 2) continue;
      if (!isRepeatableQuestion(analyzeText(m.text))) continue;
      const pairs = m.recent.map((earlier, i) => {
        const f = dropped(pairFeatures(earlier, m.normalized, m.recent.length - i, m.fallback));
        return { dense: Float64Array.from([...f, ...(embed ? embedFeatures(earlier, m.normalized) : []), ...quad(f)]), hashed: [], contrast: GUARD && namesDifferentValue(earlier, m.normalized), sameOrderOnly: GUARD && (sharesOnlyTheOrder(earlier, m.normalized) || requestFamilyApart(earlier, m.normalized)) };
      });
      const n = m.recent.length;
      const cf = dropped(pairFeatures(m.recent[n - 2], m.recent[n - 1], 1, false));
      const chain = { dense: Float64Array.from([...cf, ...(embed ? embedFeatures(m.recent[n - 2], m.recent[n - 1]) : []), ...quad(cf)]), hashed: [] };
      const inner = m.recent.map((later, j) => m.recent.slice(0, j).map((earlier, i) => {
        const f = dropped(pairFeatures(earlier, later, j - i, false));
        return { dense: Float64Array.from([...f, ...(embed ? embedFeatures(earlier, later) : []), ...quad(f)]), hashed: [], contrast: GUARD && namesDifferentValue(earlier, later), sameOrderOnly: GUARD && (sharesOnlyTheOrder(earlier, later) || requestFamilyApart(earlier, later)) };
      }));
      msgs.push({ turn: m.turn, pairs, chain, inner, text: m.normalized, recent: m.recent, fallback: m.fallback });
    }
    out.push({ writer: p.set, id: p.id, expect: p.expect, heldOut, escalation: p.escalation, msgs });
  }
  return out;
}

export interface Model { bias: number; dense: number[]; hashed: number[]; mean: number[]; scale: number[] }

function score(m: Model, p: Pair): number {
  if (p.contrast && !training) return 0;
  // Askings about one order with different requests: skipped when deciding, still negatives when fitting.
  if (p.sameOrderOnly && deciding) return 0;
  let z = m.bias;
  for (let i = 0; i < NDENSE; i++) z += m.dense[i] * ((p.dense[i] - m.mean[i]) / m.scale[i]);
  for (const h of p.hashed) z += m.hashed[h];
  return 1 / (1 + Math.exp(-z));
}

/**
 * Pairs the guard drops are left out of fitting too (their score is 0 and teaches nothing), so the model learns to tell
 * loops from the ordinary pairs it will actually see. SR_GUARD_FIT=1 keeps them as negatives while fitting (measured:
 * leave-one-writer-out at equal false escalations, +39 loops at +3 against +52 at +3 without them).
 */
let training = false;
let deciding = false;
function train(examples: { p: Pair; y: number; w: number }[], l2 = 1e-3, l2h = 3e-2, epochs = 40): Model {
  const mean = new Array(NDENSE).fill(0);
  const scale = new Array(NDENSE).fill(0);
  for (const e of examples) for (let i = 0; i < NDENSE; i++) mean[i] += e.p.dense[i] / examples.length;
  for (const e of examples) for (let i = 0; i < NDENSE; i++) scale[i] += (e.p.dense[i] - mean[i]) ** 2 / examples.length;
  for (let i = 0; i < NDENSE; i++) scale[i] = Math.sqrt(scale[i]) || 1;
  const m: Model = { bias: 0, dense: new Array(NDENSE).fill(0), hashed: new Array(HASHED).fill(0), mean, scale };
  // Adagrad, deterministic order shuffle by a fixed LCG.
  const gB = { v: 1e-8 };
  const gD = new Array(NDENSE).fill(1e-8);
  const gH = new Map<number, number>();
  const lr = 0.1;
  training = process.env.SR_GUARD_FIT === '1';
  let seed = 12345;
  const order = examples.map((_, i) => i);
  for (let ep = 0; ep < epochs; ep++) {
    for (let i = order.length - 1; i > 0; i--) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const j = seed % (i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const k of order) {
      const { p, y, w } = examples[k];
      const err = (score(m, p) - y) * w;
      gB.v += err * err;
      m.bias -= (lr * err) / Math.sqrt(gB.v);
      for (let i = 0; i < NDENSE; i++) {
        const g = err * ((p.dense[i] - mean[i]) / scale[i]) + l2 * m.dense[i];
        gD[i] += g * g;
        m.dense[i] -= (lr * g) / Math.sqrt(gD[i]);
      }
      for (const h of p.hashed) {
        const g = err + l2h * m.hashed[h];
        const acc = (gH.get(h) ?? 1e-8) + g * g;
        gH.set(h, acc);
        m.hashed[h] -= (lr * g) / Math.sqrt(acc);
      }
    }
  }
  training = false;
  return m;
}

/** The second-best pair score of a message (a message fires when its two best pairs pass the threshold). */
function second(scores: number[]): number {
  let a = -1;
  let b = -1;
  for (const s of scores) {
    if (s > a) { b = a; a = s; } else if (s > b) b = s;
  }
  return b;
}

function heuristic(p: Pair): number {
  return p.dense[0] + p.dense[4];
}

/**
 * Session 29 (loops), SR_MINED=1: pairs mined from the training conversations besides the multiple-instance ones.
 * Positives: in a loop conversation, the two earlier askings the witness message links (its two best pairs) are the same
 * request too (the third pair of the loop's three askings). Negatives: askings of two different ordinary conversations
 * ('none') that share a shop topic (shopConcepts), so the model does not learn "same topic = asked again"; up to
 * SR_MINED_NEG (2) partners per asking, chosen by a fixed LCG.
 */
const MINED = process.env.SR_MINED === '1';
const MINED_NEG = Number(process.env.SR_MINED_NEG ?? 2);
function minedExamples(convs: Conv[], scorer: (p: Pair) => number): { p: Pair; y: number; w: number }[] {
  const out: { p: Pair; y: number; w: number }[] = [];
  for (const c of convs) {
    if (c.expect !== 'loop') continue;
    let best: Msg | null = null;
    let bestScore = -1;
    for (const m of c.msgs) {
      const s = second(m.pairs.map(scorer));
      if (s > bestScore) { bestScore = s; best = m; }
    }
    if (!best || !best.recent || best.recent.length < 2) continue;
    const idx = best.pairs.map((p, i) => ({ i, s: scorer(p) })).sort((x, y) => y.s - x.s).slice(0, 2).map((x) => x.i).sort((a, b) => a - b);
    const [i, j] = idx;
    const f = dropped(pairFeatures(best.recent[i], best.recent[j], j - i, false));
    out.push({ p: { dense: Float64Array.from([...f, ...(embed ? embedFeatures(best.recent[i], best.recent[j]) : []), ...quad(f)]), hashed: [] }, y: 1, w: 1 });
  }
  const askings: { conv: number; text: string; fallback: boolean; topics: number }[] = [];
  convs.forEach((c, k) => {
    if (c.expect !== 'none') return;
    for (const m of c.msgs) if (m.text) askings.push({ conv: k, text: m.text, fallback: m.fallback ?? false, topics: shopConceptClasses(m.text) });
  });
  let seed = 777;
  const next = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed; };
  for (const a of askings) {
    if (a.topics === 0) continue;
    let found = 0;
    for (let tries = 0; tries < 60 && found < MINED_NEG; tries++) {
      const b = askings[next() % askings.length];
      if (b.conv === a.conv || (b.topics & a.topics) === 0 || b.text === a.text) continue;
      if (namesDifferentValue(b.text, a.text) || sharesOnlyTheOrder(b.text, a.text)) continue;
      const f = dropped(pairFeatures(b.text, a.text, 1 + (next() % 2), a.fallback));
      out.push({ p: { dense: Float64Array.from([...f, ...(embed ? embedFeatures(b.text, a.text) : []), ...quad(f)]), hashed: [] }, y: 0, w: 1 });
      found++;
    }
  }
  return out;
}

function fit(convs: Conv[], rounds = 4): Model {
  let scorer: (p: Pair) => number = heuristic;
  let model: Model | null = null;
  for (let r = 0; r < rounds; r++) {
    const examples: { p: Pair; y: number; w: number }[] = [];
    let pos = 0;
    let neg = 0;
    for (const c of convs) {
      if (c.expect === 'loop') {
        // The witness: the message whose second-best pair is best; its two best pairs are the same request.
        let best: Msg | null = null;
        let bestScore = -1;
        for (const m of c.msgs) {
          const s = second(m.pairs.map(scorer));
          if (s > bestScore) { bestScore = s; best = m; }
        }
        if (!best) continue;
        const ranked = [...best.pairs].sort((x, y) => scorer(y) - scorer(x));
        for (const p of ranked.slice(0, 2)) { examples.push({ p, y: 1, w: 1 }); pos++; }
      } else {
        for (const m of c.msgs) for (const p of m.pairs) { examples.push({ p, y: 0, w: 1 }); neg++; }
      }
    }
    if (MINED) {
      const more = minedExamples(convs, scorer);
      for (const e of more) { examples.push(e); if (e.y === 1) pos++; else neg++; }
    }
    for (const e of examples) e.w = e.y === 1 ? 0.5 / pos * (pos + neg) : 0.5 / neg * (pos + neg);
    model = train(examples);
    const fitted = model;
    scorer = (p) => score(fitted, p);
  }
  return model!;
}

const RULE = process.env.SR_RULE ?? 'two';
/** The first message that fires, as its turn, or null. */
function fires(m: Model, c: Conv, threshold: number): number | null {
  deciding = true;
  try {
    return firesAt(m, c, threshold);
  } finally {
    deciding = false;
  }
}
function firesAt(m: Model, c: Conv, threshold: number): number | null {
  for (const msg of c.msgs) {
    const scores = msg.pairs.map((p) => score(m, p));
    if (second(scores) >= threshold) return msg.turn;
    // Chain: this message is the last question asked again, and that one was the question before it asked again.
    if (RULE === 'chain' && msg.chain && scores[scores.length - 1] >= threshold && score(m, msg.chain) >= threshold) return msg.turn;
    // Triangle: this message asks again an earlier question j that itself asked again an earlier one i.
    if (RULE === 'tri' && msg.inner) {
      for (let j = 0; j < scores.length; j++) {
        if (scores[j] < threshold) continue;
        for (let i = 0; i < j; i++) if (score(m, msg.inner[j][i]) >= threshold) return msg.turn;
      }
    }
  }
  return null;
}
/** The conversation's reason after the model: a loop at its first firing when nothing escalated before it. */
function outcome(c: Conv, turn: number | null): string | null {
  const base = c.escalation;
  if (turn === null) return base?.reason ?? null;
  if (base === null || base.turn > turn) return 'loop';
  return base.reason;
}

interface Tally { loop: number; loopHit0: number; loopHit1: number; none: number; noneEsc0: number; noneEsc1: number; other: number; other0: number; other1: number }
const emptyTally = (): Tally => ({ loop: 0, loopHit0: 0, loopHit1: 0, none: 0, noneEsc0: 0, noneEsc1: 0, other: 0, other0: 0, other1: 0 });
function tally(t: Tally, c: Conv, turn: number | null): void {
  const before = c.escalation?.reason ?? null;
  const after = outcome(c, turn);
  if (c.expect === 'loop') { t.loop++; if (before === 'loop') t.loopHit0++; if (after === 'loop') t.loopHit1++; }
  else if (c.expect === 'none') { t.none++; if (before !== null) t.noneEsc0++; if (after !== null) t.noneEsc1++; }
  else { t.other++; if (before === c.expect) t.other0++; if (after === c.expect) t.other1++; }
}
const pct = (a: number, n: number) => (n === 0 ? '-' : `${((100 * a) / n).toFixed(1)}%`);
function row(name: string, t: Tally): string {
  return `| ${name} | ${t.loopHit0} -> ${t.loopHit1} / ${t.loop} (${pct(t.loopHit0, t.loop)} -> ${pct(t.loopHit1, t.loop)}) | ${t.noneEsc0} -> ${t.noneEsc1} / ${t.none} | ${t.other0} -> ${t.other1} / ${t.other} |`;
}

const THRESHOLDS = [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.98, 0.99];

const [file, mode, outFile] = process.argv.slice(2);
const all = load(file);
const dev = all.filter((c) => !c.heldOut);
const held = all.filter((c) => c.heldOut);
const writers = [...new Set(dev.map((c) => c.writer))];

if (mode === 'lowo') {
  const perTh = new Map<number, Tally>(THRESHOLDS.map((t) => [t, emptyTally()]));
  const perWriter = new Map<string, Map<number, Tally>>();
  // SR_FOLDS=k (session 29, speed): leave one fold of writers out (writer i in fold i mod k) instead of one writer.
  const folds = Number(process.env.SR_FOLDS ?? 0);
  const groups = folds > 0 ? Array.from({ length: folds }, (_, f) => writers.filter((_, i) => i % folds === f)) : writers.map((w) => [w]);
  for (const group of groups) {
    const w = group.join('+');
    const trainSet = dev.filter((c) => !group.includes(c.writer));
    if (!trainSet.some((c) => c.expect === 'loop')) continue;
    const m = fit(trainSet);
    const byTh = new Map<number, Tally>();
    for (const th of THRESHOLDS) {
      const t = emptyTally();
      for (const c of dev.filter((x) => group.includes(x.writer))) { const turn = fires(m, c, th); tally(t, c, turn); tally(perTh.get(th)!, c, turn); }
      byTh.set(th, t);
    }
    perWriter.set(w, byTh);
  }
  console.log(`leave-one-writer-out over ${writers.length} development writers (${useHashed ? 'dense + hashed concept pairs' : 'dense only'}${embed ? ' + word vectors' : ''})`);
  console.log('| threshold | loop recall (unseen writer) | ordinary escalated | other reasons kept |');
  console.log('|---|---|---|---|');
  for (const th of THRESHOLDS) console.log(row(String(th), perTh.get(th)!));
  const show = Number(process.env.SR_SHOW ?? 0.9);
  console.log(`\nper writer at ${show}:`);
  for (const [w, byTh] of perWriter) console.log(row(w, byTh.get(show)!));
} else if (mode === 'ship') {
  const th = Number(process.env.SR_THRESHOLD ?? 0.9);
  const m = fit(dev);
  console.log('dense weights (standardised):');
  DENSE_FEATURES.forEach((n, i) => console.log(`  ${n.padEnd(32)} ${m.dense[i].toFixed(3)}`));
  for (const [name, set] of [['development (trained on)', dev], ['held out (even ids)', held]] as const) {
    const t = emptyTally();
    for (const c of set) tally(t, c, fires(m, c, th));
    console.log(row(name, t));
  }
  for (const w of [...new Set(held.map((c) => c.writer))]) {
    const t = emptyTally();
    for (const c of held.filter((x) => x.writer === w)) tally(t, c, fires(m, c, th));
    console.log(row(`${w}-even`, t));
  }
  if (outFile) {
    // Standardisation folded into the weights: z = bias + sum(w_i * x_i).
    const w = m.dense.slice(0, DENSE).map((x, i) => x / m.scale[i]);
    const bias = m.bias - m.dense.slice(0, DENSE).reduce((z, x, i) => z + (x * m.mean[i]) / m.scale[i], 0);
    const lines = DENSE_FEATURES.map((n, i) => `  ${w[i].toFixed(5)}, // ${n}`).join('\n');
    writeFileSync(outFile, `/**
 * Weights of the same-request model, written by scripts/train-escalation/sameRequestTrain.ts (ship): a logistic regression
 * over the dense pair features of ./features.ts, trained as multiple-instance learning on every development writer's
 * conversations (${dev.length}; ${process.env.SR_EVEN === '1' ? 'the even ids of w16-w21' : 'every even id'} held out). Threshold ${th}: chosen on leave-one-writer-out, not on
 * the data trained on. Do not edit by hand: retrain.
 */
export const SAME_REQUEST_BIAS = ${bias.toFixed(5)};
export const SAME_REQUEST_THRESHOLD = ${th};
export const SAME_REQUEST_WEIGHTS: readonly number[] = [
${lines}
];
`);
  }
  if (process.env.SR_MISSES) {
    for (const c of dev.filter((x) => x.expect === 'loop' && x.escalation === null && fires(m, x, th) === null).slice(0, Number(process.env.SR_MISSES))) {
      console.log(`\n${c.id}`);
      for (const msg of c.msgs) console.log(`  "${msg.text}" <- ${msg.recent!.map((r, i) => `"${r}" ${score(m, msg.pairs[i]).toFixed(2)}`).join(' | ')}`);
    }
  }
}
