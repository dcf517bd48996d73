/**
 * Session 8 (esclearn): does a representation built on pre-trained word vectors carry negative sentiment to writers the
 * model never saw? A focused, classifier-alone experiment (message level, the negative output only), cheaper than
 * leaveOneWriterOut.sh, to decide whether a non-linear model over the vectors is worth putting in the runtime.
 *
 *   npx tsx scripts/train-escalation/embedProbe.ts VOCAB.json [--hidden 32] [--epochs 4] [--test w4,w6]
 *
 * Training: the generated corpus (10,000 messages, negative label yes / no) and the writers the shipped recipe trains the
 * negative output on, LESS the test writers: single messages (negative_sentiment = 1, none = 0) and conversation sets
 * (last customer turn). Test: the left-out writers' negatives and ordinary messages. Models, trained the same way (AdaGrad):
 *  - lin: logistic regression over the hashed n-grams (features.ts), as the shipped model;
 *  - lin+sum: lin + the sum of the words' vectors (train.ts --embed: foldable into the unigram weights);
 *  - lin+mlp: lin + one hidden ReLU layer over [mean, max] of the words' vectors (needs the vectors at run time);
 *  - mlp: the hidden layer alone.
 * Printed per model: ROC AUC on the left-out writers, and recall at the threshold where 5% and 10% of their ordinary
 * messages score above it (threshold-free comparisons: the runtime threshold is tuned elsewhere).
 */
import { readFileSync } from 'node:fs';
import { analyzeText } from '../../shared/nlu/analyzeText';
import { featuresOf, HASH_BITS, MAX_TOKENS } from '../../shared/escalation/classifier/features';
import { canonicalTokens } from '../../shared/escalation/canonicalTokens';
import { buildCorpus } from './corpus';
import { loadItems } from './roundEight';

const args = process.argv.slice(2);
const flag = (name: string, dflt: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const H = Number(flag('--hidden', '32'));
const EPOCHS = Number(flag('--epochs', '4'));
const TEST = flag('--test', 'w4,w6').split(',');
const vocab = JSON.parse(readFileSync(args[0], 'utf8')) as { words: string[]; dims: number; vectors: number[][] };
const D = vocab.dims;
const index = new Map(vocab.words.map((w, i) => [w, i]));
const B = 1 << HASH_BITS;
const C = 'test/fixtures/escalation-corpus/';
const S = 'test/fixtures/escalation-blind/';

interface Ex { f: Int32Array; sum: Float32Array; pool: Float32Array; y: number; w: number }

function example(text: string, y: number, w = 1): Ex {
  const a = analyzeText(text);
  const f = Int32Array.from(featuresOf(a));
  const toks = canonicalTokens(a);
  const sum = new Float32Array(D);
  const mean = new Float32Array(D);
  const max = new Float32Array(D).fill(-Infinity);
  let n = 0;
  for (let i = 0; i < Math.min(toks.length, MAX_TOKENS); i++) {
    const at = index.get(toks[i]);
    if (at === undefined) continue;
    const v = vocab.vectors[at];
    n++;
    for (let d = 0; d < D; d++) {
      sum[d] += v[d];
      if (v[d] > max[d]) max[d] = v[d];
    }
  }
  const pool = new Float32Array(2 * D);
  for (let d = 0; d < D; d++) {
    mean[d] = n ? sum[d] / n : 0;
    pool[d] = mean[d];
    pool[D + d] = n ? max[d] : 0;
  }
  return { f, sum, pool, y, w };
}

const writerFiles: Record<string, { file: string; half?: 'odd' | 'even' }> = {
  w1: { file: C + 'w1.jsonl' }, w2: { file: C + 'w2.jsonl' }, w4: { file: C + 'w4.jsonl' }, w6: { file: C + 'w6.jsonl' },
  'set-a': { file: S + 'set-a.jsonl' }, 'set-b': { file: S + 'set-b.jsonl' }, 'set-k': { file: S + 'set-k.jsonl' },
  'set-m': { file: S + 'set-m.jsonl' }, 'set-n': { file: S + 'set-n.jsonl' }, 'set-p': { file: S + 'set-p.jsonl' },
  w10: { file: C + 'w10.jsonl', half: 'odd' }, w11: { file: C + 'w11-conversations.jsonl', half: 'odd' },
  w12: { file: C + 'w12-conversations.jsonl', half: 'odd' },
  'w14-even': { file: C + 'w14-conversations.jsonl', half: 'even' }, 'w15-even': { file: C + 'w15-conversations.jsonl', half: 'even' },
  'w17-odd': { file: C + 'w17-conversations.jsonl', half: 'odd' }, 'w17-even': { file: C + 'w17-conversations.jsonl', half: 'even' },
};
function writer(name: string, copies = 1): Ex[] {
  const spec = writerFiles[name];
  const out: Ex[] = [];
  for (const it of loadItems(spec.file)) {
    if (spec.half && it.num % 2 !== (spec.half === 'odd' ? 1 : 0)) continue;
    if (it.expect !== 'negative_sentiment' && it.expect !== 'none') continue;
    out.push(example(it.turns[it.turns.length - 1], it.expect === 'none' ? 0 : 1, copies));
  }
  return out;
}

const TRAIN_WRITERS = ['w1', 'w2', 'w4', 'w6', 'set-a', 'set-b', 'set-k', 'set-m', 'set-n', 'set-p', 'w10', 'w11', 'w12'].filter((w) => !TEST.includes(w));
const train: Ex[] = buildCorpus(20261130, 10_000).map((s) => example(s.text, s.labels.includes('negative') ? 1 : 0));
for (const w of TRAIN_WRITERS) train.push(...writer(w, 5));
const test: Ex[] = TEST.flatMap((w) => writer(w));
console.error(`train ${train.length} examples (${TRAIN_WRITERS.join(' ')} + generated), test ${test.length} (${TEST.join(' ')})`);

type Kind = 'lin' | 'lin+sum' | 'lin+mlp' | 'mlp';
function fit(kind: Kind): (e: Ex) => number {
  const useLin = kind !== 'mlp';
  const useSum = kind === 'lin+sum';
  const useMlp = kind === 'lin+mlp' || kind === 'mlp';
  const RATE = 0.1;
  const L2 = 3e-4;
  const w = new Float32Array(B);
  const g2w = new Float32Array(B).fill(1e-3);
  const u = new Float32Array(D);
  const g2u = new Float32Array(D).fill(1e-3);
  const P = 2 * D;
  let seed = 11;
  const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  const W1 = Float32Array.from({ length: H * P }, () => (rnd() - 0.5) * 2 * Math.sqrt(6 / (P + H)));
  const b1 = new Float32Array(H);
  const W2 = Float32Array.from({ length: H }, () => (rnd() - 0.5) * 0.2);
  const g2W1 = new Float32Array(H * P).fill(1e-3);
  const g2b1 = new Float32Array(H).fill(1e-3);
  const g2W2 = new Float32Array(H).fill(1e-3);
  let bias = 0;
  let g2b = 1e-3;
  const hid = new Float32Array(H);
  const z = (e: Ex): number => {
    let s = bias;
    if (useLin) for (const f of e.f) s += w[f];
    if (useSum) for (let d = 0; d < D; d++) s += u[d] * e.sum[d];
    if (useMlp) {
      for (let h = 0; h < H; h++) {
        let a = b1[h];
        for (let p = 0; p < P; p++) a += W1[h * P + p] * e.pool[p];
        hid[h] = a > 0 ? a : 0;
        s += W2[h] * hid[h];
      }
    }
    return s;
  };
  const order = train.map((_, i) => i);
  for (let ep = 0; ep < EPOCHS; ep++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (let rep = 0; rep < 1; rep++) for (const i of order) {
      const e = train[i];
      for (let c = 0; c < e.w; c++) {
        const p = 1 / (1 + Math.exp(-z(e)));
        const g = p - e.y;
        g2b += g * g;
        bias -= (RATE * g) / Math.sqrt(g2b);
        if (useLin) for (const f of e.f) {
          const gi = g + L2 * w[f];
          g2w[f] += gi * gi;
          w[f] -= (RATE * gi) / Math.sqrt(g2w[f]);
        }
        if (useSum) for (let d = 0; d < D; d++) {
          const gi = g * e.sum[d] + L2 * u[d];
          g2u[d] += gi * gi;
          u[d] -= (RATE * gi) / Math.sqrt(g2u[d]);
        }
        if (useMlp) for (let h = 0; h < H; h++) {
          if (hid[h] <= 0) {
            continue;
          }
          const gh = g * W2[h];
          const gw2 = g * hid[h] + L2 * W2[h];
          g2W2[h] += gw2 * gw2;
          W2[h] -= (RATE * gw2) / Math.sqrt(g2W2[h]);
          g2b1[h] += gh * gh;
          b1[h] -= (RATE * gh) / Math.sqrt(g2b1[h]);
          for (let p = 0; p < P; p++) {
            const gi = gh * e.pool[p] + L2 * W1[h * P + p];
            g2W1[h * P + p] += gi * gi;
            W1[h * P + p] -= (RATE * gi) / Math.sqrt(g2W1[h * P + p]);
          }
        }
      }
    }
  }
  return (e) => z(e);
}

function measure(score: (e: Ex) => number): { auc: number; r5: number; r10: number } {
  const pos = test.filter((e) => e.y === 1).map(score);
  const neg = test.filter((e) => e.y === 0).map(score).sort((a, b) => b - a);
  let wins = 0;
  for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0;
  const at = (share: number) => {
    const t = neg[Math.max(0, Math.floor(neg.length * share) - 1)];
    return pos.filter((p) => p > t).length / pos.length;
  };
  return { auc: wins / (pos.length * neg.length), r5: at(0.05), r10: at(0.1) };
}

console.log(`| model (left out: ${TEST.join(', ')}) | ROC AUC | recall at 5% of ordinary above | at 10% |`);
console.log('|---|---|---|---|');
for (const kind of (flag('--models', 'lin,lin+sum,lin+mlp,mlp').split(',') as Kind[])) {
  const t0 = performance.now();
  const m = measure(fit(kind));
  console.log(`| ${kind} | ${m.auc.toFixed(3)} | ${(m.r5 * 100).toFixed(1)} | ${(m.r10 * 100).toFixed(1)} |`);
  console.error(`${kind}: ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}
