/**
 * Retrains the escalation classifier and writes its weights into the repository:
 *
 *   npx tsx scripts/train-escalation/train.ts            # writes shared/escalation/classifier/weights.ts
 *   npx tsx scripts/train-escalation/train.ts --dry-run  # trains and reports, writes nothing
 *   npx tsx scripts/train-escalation/train.ts --out /tmp/w.json  # writes the weights as JSON there instead (variants)
 *
 * Model (see also the bagging note below): one binary logistic regression per output (explicit, negative, urgency and one per sensitive
 * topic) over the hashed features of shared/escalation/classifier/features.ts, trained with AdaGrad and
 * L2 on a generated corpus (scripts/train-escalation/corpus.ts), and measured on a second corpus drawn
 * with another seed. Weights below PRUNE are dropped, the rest quantised to int8 per output and stored
 * as base64 in a TypeScript module, so the browser and Node load them with no download.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyzeText } from '../../shared/nlu/analyzeText';
import { cueFeature, featuresOf, HASH_BITS, NEGATIVE_ONLY_CUES, NEGATIVE_STOP_WORDS, wordFeature } from '../../shared/escalation/classifier/features';
import { OUTPUTS } from '../../shared/escalation/classifier/outputs';
import { buildCorpus, type Sample } from './corpus';
import { loadWriterCorpus, writerTargets } from './writerCorpus';
import { createSimulation } from '../../shared/simulator/createSimulation';
import { loadSupportFlow, REPORT_NOW } from '../../test/bench/escalationReport';
import { TOPIC_OUTPUTS } from '../../shared/escalation/classifier/outputs';
import { canonicalTokens } from '../../shared/escalation/canonicalTokens';
import { MAX_TOKENS } from '../../shared/escalation/classifier/features';

const TRAIN_SIZE = 40_000;
const TEST_SIZE = 6_000;
const EPOCHS = 4;
const RATE = 0.1;
const L2 = 3e-4;
const PRUNE = 0.2;

const B = 1 << HASH_BITS;
const K = OUTPUTS.length;

/**
 * Session 8 (esclearn) `--embed FILE[:SCALE]` (a vocabulary written by embeddingVocab.ts: pre-trained word vectors): each
 * message also gets the SUM of its words' vectors (times SCALE) as D dense inputs, and each output learns D weights u_k
 * over them next to the hashed n-grams. Because the score is linear in that sum, a word's share of it is one number per
 * output (u_k . vector(word)): after training, that number is added to the word's unigram weight (foldEmbedding), so the
 * shipped model has the same format and the same cost per message, and a word no writer of ours used still scores like
 * the words it is near in the vectors ("livid" near "furious"). Words outside the vocabulary (and function words) add 0.
 * `--embed-l2 X`: the L2 of the u weights (default L2); `--embed-only-first N`: N epochs on the u weights alone before the
 * joint training (so the n-grams learn what the vectors cannot, rather than the vectors what the n-grams left).
 */
const embedArg = process.argv.indexOf('--embed');
const EMBED: { words: string[]; dims: number; index: Map<string, number>; vectors: Float32Array; scale: number } | null = embedArg >= 0 ? (() => {
  const m = /^(.*?)(?::([\d.]+))?$/.exec(process.argv[embedArg + 1])!;
  const v = JSON.parse(readFileSync(m[1], 'utf8')) as { words: string[]; dims: number; vectors: number[][] };
  const vectors = new Float32Array(v.words.length * v.dims);
  v.vectors.forEach((row, i) => vectors.set(row, i * v.dims));
  return { words: v.words, dims: v.dims, index: new Map(v.words.map((w, i) => [w, i])), vectors, scale: m[2] ? Number(m[2]) : 1 };
})() : null;
const D = EMBED?.dims ?? 0;
const numArg = (name: string, dflt: number) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : dflt);
const EMBED_FIRST = numArg('--embed-only-first', 0);
const EMBED_L2 = numArg('--embed-l2', L2);
/** One message's dense input: the scaled sum of its words' vectors (the words the scorer reads: canonical, MAX_TOKENS). */
const NO_DENSE = new Float32Array(0);
const denseOfFeats = new WeakMap<Int32Array, Float32Array>();
/** The hashed ids of a message, with its dense input registered beside them (copies of an item share both). */
function featsOf(text: string, scratch: number[]): Int32Array {
  const f = Int32Array.from(featuresOf(analyzeText(text), scratch));
  if (EMBED) denseOfFeats.set(f, denseOf(text));
  return f;
}
function denseOf(text: string): Float32Array {
  if (!EMBED) return NO_DENSE;
  const e = new Float32Array(D);
  const toks = canonicalTokens(analyzeText(text));
  for (let i = 0; i < Math.min(toks.length, MAX_TOKENS); i++) {
    const at = EMBED.index.get(toks[i]);
    if (at === undefined) continue;
    for (let d = 0; d < D; d++) e[d] += EMBED.vectors[at * D + d] * EMBED.scale;
  }
  return e;
}

/** Targets per output: 1, 0, or -1 = this sample does not train that output (writers' single labels). */
function encode(samples: Sample[]): { feats: Int32Array[]; y: Int8Array[] } {
  const feats: Int32Array[] = [];
  const y: Int8Array[] = [];
  const scratch: number[] = [];
  for (const s of samples) {
    feats.push(featsOf(s.text, scratch));
    const t = new Int8Array(K);
    for (const l of s.labels) t[OUTPUTS.indexOf(l)] = 1;
    y.push(t);
  }
  return { feats, y };
}

/**
 * `--extra FILE[:COPIES]` (repeatable): a corpus of independent writers' single labelled messages
 * (scripts/train-escalation/writerCorpus.ts), added COPIES times (default 1) to every bagged model's
 * training set, with masked targets (a positive trains only its own output).
 */
function extraCorpora(argv: string[]): { feats: Int32Array[]; y: Int8Array[]; note: string } {
  const feats: Int32Array[] = [];
  const y: Int8Array[] = [];
  const notes: string[] = [];
  const scratch: number[] = [];
  argv.forEach((a, i) => {
    if (a !== '--extra') return;
    const spec = argv[i + 1] ?? '';
    const m = /^(.*?)(?::(\d+))?$/.exec(spec)!;
    const file = m[1];
    const copies = m[2] ? Number(m[2]) : 1;
    const { messages, problems } = loadWriterCorpus(file);
    if (problems.length) console.error(`${file}: ${problems.length} invalid lines left out (run writerCorpus.ts to see them)`);
    for (const msg of messages) {
      const f = featsOf(msg.text, scratch);
      const t = teach(writerTargets(msg), msg.text, msg.label);
      for (let c = 0; c < copies; c++) {
        feats.push(f);
        y.push(t);
      }
    }
    notes.push(`${file.split('/').pop()} x${copies} (${messages.length} messages)`);
  });
  return { feats, y, note: notes.join(', ') };
}

/** Round six's device cues train the negative output only (a length or emoji-class bias must not move the other reasons). */
const NEG_K = OUTPUTS.indexOf('negative');
const negativeOnly = new Uint8Array(B);
for (const name of NEGATIVE_ONLY_CUES) negativeOnly[cueFeature(name)] = 1;
/** Function-word unigrams do not train the negative output (features.ts NEGATIVE_STOP_WORDS). */
const notNegative = new Uint8Array(B);
if (!process.argv.includes('--no-stop-mask')) for (const w of NEGATIVE_STOP_WORDS) notNegative[wordFeature(w)] = 1;

/**
 * `--extra-negative FILE[:COPIES]` (repeatable, round six): items that train the NEGATIVE output only: a writer corpus
 * (writerCorpus.ts) or a conversation set (lines with "turns"; the last customer turn of each conversation).
 * negative_sentiment -> 1, none -> 0, other labels are left out. A writer's "none" says "not upset", not "no topic": a
 * calm report of a cracked mug is still a damaged-goods topic, so it must not teach the topic outputs "no".
 */
function negativeCorpora(argv: string[], flag = '--extra-negative', label = 'negative_sentiment', k = NEG_K): { feats: Int32Array[]; y: Int8Array[]; note: string } {
  const feats: Int32Array[] = [];
  const y: Int8Array[] = [];
  const notes: string[] = [];
  const scratch: number[] = [];
  argv.forEach((a, i) => {
    if (a !== flag) return;
    // FILE[@odd|@even][:COPIES]: round seven's "@odd" keeps the lines with an odd line number only (w10's ids are its
    // line numbers: the odd half trains, the even half is measured as a writer's held-out half).
    const m = /^(.*?)(?:@(odd|even))?(?::(\d+))?$/.exec(argv[i + 1] ?? '')!;
    const file = m[1];
    const half = m[2];
    const copies = m[3] ? Number(m[3]) : 1;
    const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
    const lineNo = (source: string) => Number(source.slice(source.lastIndexOf(':') + 1));
    // A conversation set's half goes by the number of its id (w11-017 is odd), like the reports' halves (roundEight.ts).
    const idNum = (id: string, i: number) => Number(/(\d+)\s*$/.exec(id)?.[1] ?? i + 1);
    const items: { text: string; label: string }[] = 'turns' in (JSON.parse(lines[0]) as object)
      ? lines
          .map((l) => JSON.parse(l) as { id: string; expect: string; turns: string[] })
          .filter((c, i) => half === undefined || idNum(c.id, i) % 2 === (half === 'odd' ? 1 : 0))
          .map((c) => ({ text: c.turns[c.turns.length - 1], label: c.expect }))
      : loadWriterCorpus(file)
          .messages.filter((msg) => half === undefined || lineNo(msg.source) % 2 === (half === 'odd' ? 1 : 0))
          .map((msg) => ({ text: msg.text, label: msg.label }));
    let used = 0;
    for (const it of items) {
      if (it.label !== label && it.label !== 'none') continue;
      used++;
      const f = featsOf(it.text, scratch);
      const t = new Int8Array(K).fill(-1);
      t[k] = it.label === 'none' ? 0 : 1;
      teach(t, it.text, it.label === 'none' ? 'none' : label);
      for (let c = 0; c < copies; c++) {
        feats.push(f);
        y.push(t);
      }
    }
    notes.push(`${file.split('/').pop()}${half ? ` (${half} lines)` : ''} x${copies} (${used} messages, ${OUTPUTS[k]} output only)`);
  });
  return { feats, y, note: notes.join(', ') };
}

/**
 * `--teacher` (round eight): a writer labels one reason per message, so its item used to train its own output only
 * (masked targets). With the teacher, the item also trains the OTHER outputs as 0 wherever the word rules (the
 * detectors with the classifier off) find nothing of that reason in it: a long angry story with no deadline word and no
 * topic word is not urgent and not a billing case ("I've emailed twice", "by what I can only assume is a man on a
 * bicycle"), which the classifier, trained on templates, read as billing or urgency and named first. Where a rule does
 * fire (a charge, a date), the output stays untrained by the item, as before.
 */
const teacherArg = process.argv.find((a) => a === '--teacher' || a.startsWith('--teacher='));
const TEACHER = teacherArg !== undefined;
/** `--teacher=explicit_request,urgency`: teach those reasons' outputs only (default: explicit, urgency and the topics). */
const TAUGHT = new Set(teacherArg?.includes('=') ? teacherArg.slice(teacherArg.indexOf('=') + 1).split(',') : ['explicit_request', 'urgency', 'sensitive_topic']);
const teacherFlow = TEACHER || process.argv.includes('--extra-ordinary') ? (() => {
  const f = loadSupportFlow();
  f.escalation = { ...f.escalation, classifier: { enabled: false } };
  return f;
})() : null;
const TOPIC_KS = TOPIC_OUTPUTS.map((t) => OUTPUTS.indexOf(t));
const REASON_K: Record<string, number[]> = { explicit_request: [OUTPUTS.indexOf('explicit')], negative_sentiment: [NEG_K], urgency: [OUTPUTS.indexOf('urgency')], sensitive_topic: TOPIC_KS };
/** The reasons the word rules find in one message played as ["Something else", text]. */
function ruleReasons(text: string): Set<string> {
  const sim = createSimulation(teacherFlow!, { now: Date.parse(REPORT_NOW), conversationId: 'teacher', http: () => ({ ok: false, status: 0, body: null }) });
  sim.say('Something else');
  const found = new Set<string>();
  for (const step of sim.say(text)) for (const sig of step.decision?.signals ?? []) found.add(sig.reason);
  return found;
}
/** Fills the untrained (-1) targets of an item whose label is `label` with 0 where the rules see nothing of that reason. */
function teach(t: Int8Array, text: string, label: string, always = false, negativeToo = false, only?: ReadonlySet<string>): Int8Array {
  if (!TEACHER && !always) return t;
  const seen = ruleReasons(text);
  for (const [reason, ks] of Object.entries(REASON_K)) {
    // The negative output is not taught: whether a request or a deadline is also upset is the writer's call, and its
    // anger without a lexicon word is what the negative output must learn from the writers' own labels.
    if (reason === label || (reason === 'negative_sentiment' && !negativeToo) || (!always && !TAUGHT.has(reason)) || (only && !only.has(reason)) || seen.has(reason)) continue;
    for (const k of ks) if (t[k] < 0) t[k] = 0;
  }
  return t;
}

/**
 * `--extra-ordinary FILE[@odd|@even][:COPIES]` (round eight, repeatable): the customer turns of a writer's conversation
 * set that are ordinary for the message-level reasons: every turn of its loop, repeated-fallback, low-confidence and
 * ordinary conversations (two words or more). They train the explicit, urgency and topic outputs as 0 wherever the word
 * rules find nothing of that reason in the turn (the teacher above); the negative output is left untrained (a third
 * asking may well be cross). The classifier had learned from templates that a rambling, apologetic or detailed opener
 * ("Sorry if this is obvious", "I ordered it and got the email and then...") reads as account security, fraud or
 * billing, and named such loops and chats sensitive at the first message.
 */
/**
 * `--ordinary-negative`: the ordinary turns also train the negative output as 0 where the lexicon (the negative rule)
 * finds nothing: a plain re-asking ("where is my order??", "any update on the lamp") is the writers' loop, not their
 * anger, and the negative output trained on many writers' complaints had started to name such loops negative first.
 */
const ORDINARY_NEGATIVE = process.argv.includes('--ordinary-negative');
/**
 * `--ordinary-reasons LIST`: which reasons' outputs the ordinary turns teach (default explicit_request, urgency,
 * sensitive_topic and, with --ordinary-negative, negative_sentiment). Round eight ships without the topics: a loop about
 * a refund ("where is my money?" asked three times) is still a refund topic, and teaching the topic outputs 0 on such
 * turns cost paraphrased topics on the blind sets (set-a "sent it back 3 wks ago, no £ yet").
 */
const ordinaryReasonsArg = process.argv.indexOf('--ordinary-reasons');
const ORDINARY_REASONS: ReadonlySet<string> | undefined = ordinaryReasonsArg >= 0 ? new Set([...process.argv[ordinaryReasonsArg + 1].split(','), ...(ORDINARY_NEGATIVE ? ['negative_sentiment'] : [])]) : undefined;

function ordinaryTurns(argv: string[]): { feats: Int32Array[]; y: Int8Array[]; note: string } {
  const feats: Int32Array[] = [];
  const y: Int8Array[] = [];
  const notes: string[] = [];
  const scratch: number[] = [];
  argv.forEach((a, i) => {
    if (a !== '--extra-ordinary') return;
    const m = /^(.*?)(?:@(odd|even))?(?::(\d+))?$/.exec(argv[i + 1] ?? '')!;
    const [file, half] = [m[1], m[2]];
    const copies = m[3] ? Number(m[3]) : 1;
    const idNum = (id: string, k: number) => Number(/(\d+)\s*$/.exec(id)?.[1] ?? k + 1);
    const convs = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as { id: string; expect: string; turns: string[] });
    let used = 0;
    convs.forEach((c, k) => {
      if (half !== undefined && idNum(c.id, k) % 2 !== (half === 'odd' ? 1 : 0)) return;
      if (!['loop', 'repeated_fallback', 'low_confidence', 'none'].includes(c.expect)) return;
      for (const text of new Set(c.turns)) {
        if (text.trim().split(/\s+/).length < 2) continue;
        const t = teach(new Int8Array(K).fill(-1), text, 'none', true, ORDINARY_NEGATIVE, ORDINARY_REASONS);
        if (!t.some((v) => v === 0)) continue;
        used++;
        const f = featsOf(text, scratch);
        for (let n = 0; n < copies; n++) {
          feats.push(f);
          y.push(t);
        }
      }
    });
    const taught = ORDINARY_REASONS ? [...ORDINARY_REASONS].map((r) => r.split('_')[0]).join(' / ') : `explicit / urgency / sensitive${ORDINARY_NEGATIVE ? ' / negative' : ''}`;
    notes.push(`${file.split('/').pop()}${half ? ` (${half} ids)` : ''} x${copies} (${used} ordinary turns, ${taught} outputs where the rules see nothing)`);
  });
  return { feats, y, note: notes.join(', ') };
}

/**
 * Folds the dense weights into the unigram weights (train.ts --embed): word t's share of the score is u_k . vector(t) per
 * output, the same for every message it is in, so it is added to t's unigram id. The result scores every message
 * exactly as the model with the dense input did (before pruning), and ships in the same table.
 */
function foldEmbedding(w: Float32Array, u: Float32Array): void {
  if (!EMBED) return;
  let moved = 0;
  EMBED.words.forEach((t, i) => {
    const b = wordFeature(t);
    for (let k = 0; k < K; k++) {
      let s = 0;
      for (let d = 0; d < D; d++) s += u[k * D + d] * EMBED.vectors[i * D + d] * EMBED.scale;
      w[b * K + k] += s;
      if (Math.abs(s) >= PRUNE) moved++;
    }
  });
  const norms = OUTPUTS.map((o, k) => `${o} ${Math.sqrt(u.slice(k * D, (k + 1) * D).reduce((a, x) => a + x * x, 0)).toFixed(2)}`);
  console.error(`folded ${EMBED.words.length} word vectors into their unigram weights (${moved} word x output shares of |w| >= ${PRUNE}); |u| per output: ${norms.join(', ')}`);
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/**
 * AdaGrad logistic regression. With `keep` (a pruning mask from a first run), only kept weights move:
 * the second run lets them take over what the pruned small weights did (a pruned model without it
 * drifts, e.g. short ordinary messages start to read as negative).
 */
function train(feats: Int32Array[], y: Int8Array[], epochs: number, init?: { w: Float32Array; bias: Float64Array; keep: Uint8Array; u: Float32Array }, denseOnly = false): { w: Float32Array; bias: Float64Array; u: Float32Array } {
  const w = init ? init.w : new Float32Array(B * K);
  const keep = init?.keep;
  const g2 = new Float32Array(B * K).fill(1e-3);
  const bias = init ? init.bias : new Float64Array(K);
  const bg2 = new Float64Array(K).fill(1e-3);
  // The dense (embedding) weights: D per output, AdaGrad like the rest (train.ts --embed).
  const u = init?.u ?? new Float32Array(K * D);
  const ug2 = new Float32Array(K * D).fill(1e-3);
  const order = feats.map((_, i) => i);
  let seed = 7;
  const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let loss = 0;
    for (const i of order) {
      const f = feats[i];
      const e = D ? denseOfFeats.get(f) : undefined;
      for (let k = 0; k < K; k++) {
        let z = bias[k];
        for (let a = 0; a < f.length; a++) z += w[f[a] * K + k];
        if (e) for (let d = 0; d < D; d++) z += u[k * D + d] * e[d];
        const target = y[i][k];
        if (target < 0) continue;
        const p = sigmoid(z);
        loss -= target ? Math.log(p + 1e-9) : Math.log(1 - p + 1e-9);
        const g = p - target;
        bg2[k] += g * g;
        bias[k] -= (RATE * g) / Math.sqrt(bg2[k]);
        if (Math.abs(g) < 1e-4) continue;
        if (e) {
          for (let d = 0; d < D; d++) {
            const j = k * D + d;
            const gi = g * e[d] + EMBED_L2 * u[j];
            ug2[j] += gi * gi;
            u[j] -= (RATE * gi) / Math.sqrt(ug2[j]);
          }
        }
        if (denseOnly) continue;
        for (let a = 0; a < f.length; a++) {
          const idx = f[a] * K + k;
          if (keep && !keep[idx]) continue;
          if (k !== NEG_K ? negativeOnly[f[a]] : notNegative[f[a]]) continue;
          const gi = g + L2 * w[idx];
          g2[idx] += gi * gi;
          w[idx] -= (RATE * gi) / Math.sqrt(g2[idx]);
        }
      }
    }
    console.error(`epoch ${epoch + 1}${denseOnly ? ' (vectors only)' : ''}: mean loss ${(loss / order.length / K).toFixed(4)}`);
  }
  return { w, bias, u };
}

function varint(out: number[], n: number): void {
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
}

function toBase64(bytes: number[]): string {
  return Buffer.from(Uint8Array.from(bytes)).toString('base64');
}

/** Pruned and quantised weights: per output, (bucket delta varint, int8) pairs. */
function pack(w: Float32Array): { data: string; scales: number[]; kept: number } {
  const bytes: number[] = [];
  const scales: number[] = [];
  let kept = 0;
  for (let k = 0; k < K; k++) {
    let max = 0;
    for (let b = 0; b < B; b++) max = Math.max(max, Math.abs(w[b * K + k]));
    const scale = max / 127;
    scales.push(Number(scale.toPrecision(6)));
    const entries: [number, number][] = [];
    for (let b = 0; b < B; b++) {
      const v = w[b * K + k];
      if (Math.abs(v) < PRUNE) continue;
      const q = Math.max(-127, Math.min(127, Math.round(v / scale)));
      if (q !== 0) entries.push([b, q]);
    }
    varint(bytes, entries.length);
    let prev = 0;
    for (const [b, q] of entries) {
      varint(bytes, b - prev);
      prev = b;
      bytes.push(q & 0xff);
    }
    kept += entries.length;
  }
  return { data: toBase64(bytes), scales, kept };
}

function evaluate(name: string, feats: Int32Array[], y: Int8Array[], w: Float32Array, bias: Float64Array): void {
  const rows: string[] = [];
  for (let k = 0; k < K; k++) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let neg = 0;
    for (let i = 0; i < feats.length; i++) {
      let z = bias[k];
      for (const f of feats[i]) z += w[f * K + k];
      const yes = z >= 0;
      if (y[i][k] < 0) continue;
      if (y[i][k]) yes ? tp++ : fn++;
      else {
        neg++;
        if (yes) fp++;
      }
    }
    rows.push(`${OUTPUTS[k].padEnd(13)} recall ${((tp / Math.max(1, tp + fn)) * 100).toFixed(1)}%  false positives ${((fp / Math.max(1, neg)) * 100).toFixed(2)}%  (n=${tp + fn})`);
  }
  console.error(`${name}:\n  ${rows.join('\n  ')}`);
}

const dry = process.argv.includes('--dry-run');
const seedsArg = process.argv.indexOf('--seeds');
/**
 * Bagging: SEEDS models, each trained on its own generated corpus (another seed draws other slot fillers,
 * voices, typos and combinations), averaged. A linear model's average is one linear model of the same size
 * class; it smooths the quirks one corpus draw leaves (a word that happened to occur only in one label's
 * samples), which made single retrains move blind-set figures by several points.
 */
const SEEDS = seedsArg >= 0 ? Number(process.argv[seedsArg + 1]) : 5;
const t0 = performance.now();
const extra = extraCorpora(process.argv);
// `--extra-explicit FILE[:COPIES]`: the same for the explicit output (a writer of explicit requests and look-alikes: their
// "none" says "not a request for a person", not "not urgent").
for (const only of [negativeCorpora(process.argv), negativeCorpora(process.argv, '--extra-explicit', 'explicit_request', OUTPUTS.indexOf('explicit')), ordinaryTurns(process.argv)]) {
  // Element by element: a spread of round nine's ~100,000 items overflows the call stack.
  for (const f of only.feats) extra.feats.push(f);
  for (const t of only.y) extra.y.push(t);
  if (only.note) extra.note = [extra.note, only.note].filter(Boolean).join(', ');
}
if (extra.feats.length) console.error(`extra corpora: ${extra.note}`);
const testSet = buildCorpus(424242, TEST_SIZE);
const testEnc = encode(testSet);
const w = new Float32Array(B * K);
const bias = new Float64Array(K);
const u = new Float32Array(K * D);
let trainCount = 0;
for (let s = 0; s < SEEDS; s++) {
  const trainSet = buildCorpus(20261130 + s * 7919, TRAIN_SIZE);
  trainCount += trainSet.length;
  const trainEnc = encode(trainSet);
  for (const f of extra.feats) trainEnc.feats.push(f);
  for (const t of extra.y) trainEnc.y.push(t);
  console.error(`model ${s + 1}/${SEEDS}: ${trainSet.length} training messages (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  const pre = EMBED_FIRST > 0 ? train(trainEnc.feats, trainEnc.y, EMBED_FIRST, undefined, true) : undefined;
  const first = train(trainEnc.feats, trainEnc.y, EPOCHS, pre ? { ...pre, keep: new Uint8Array(B * K).fill(1) } : undefined);
  const keep = new Uint8Array(B * K);
  for (let i = 0; i < keep.length; i++) {
    if (Math.abs(first.w[i]) >= PRUNE) keep[i] = 1;
    else first.w[i] = 0;
  }
  const one = train(trainEnc.feats, trainEnc.y, 2, { ...first, keep });
  for (let i = 0; i < w.length; i++) w[i] += one.w[i] / SEEDS;
  for (let i = 0; i < u.length; i++) u[i] += one.u[i] / SEEDS;
  for (let k = 0; k < K; k++) bias[k] += one.bias[k] / SEEDS;
}
const trainSet = { length: trainCount };
if (EMBED) foldEmbedding(w, u);
evaluate('generated test corpus (other seed)', testEnc.feats, testEnc.y, w, bias);
const packed = pack(w);
console.error(`kept ${packed.kept} weights, ${packed.data.length} base64 characters`);
const outArg = process.argv.indexOf('--out');
if (outArg >= 0) {
  // `--out FILE.json`: the same weights as JSON, for measuring a variant (crossWriter.ts, negReport.ts --weights) without touching the shipped ones.
  const file = process.argv[outArg + 1];
  writeFileSync(file, JSON.stringify({ hashBits: HASH_BITS, outputs: OUTPUTS, bias: [...bias].map((b) => Number(b.toFixed(4))), scales: packed.scales, data: packed.data }));
  console.error(`wrote ${file}`);
} else if (!dry) {
  const out = fileURLToPath(new URL('../../shared/escalation/classifier/weights.ts', import.meta.url));
  writeFileSync(
    out,
    [
      '/**',
      ' * Generated by scripts/train-escalation/train.ts: do not edit by hand (retrain instead).',
      ` * ${SEEDS} models averaged, ${trainSet.length} generated training messages in all${extra.note ? ` plus independent writers' ${extra.note} per model` : ''}, ${EPOCHS} epochs, ${packed.kept} weights kept (|w| >= ${PRUNE}), int8 per output.`,
      ' */',
      `export const WEIGHTS = {`,
      `  hashBits: ${HASH_BITS},`,
      `  outputs: ${JSON.stringify(OUTPUTS)},`,
      `  bias: ${JSON.stringify([...bias].map((b) => Number(b.toFixed(4))))},`,
      `  scales: ${JSON.stringify(packed.scales)},`,
      `  data: '${packed.data}',`,
      '} as const;',
      '',
    ].join('\n'),
  );
  console.error(`wrote ${out}`);
}
