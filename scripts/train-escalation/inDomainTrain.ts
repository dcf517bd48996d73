/**
 * Session 9 (escrf): trains the in-domain score (shared/escalation/inDomain/inDomainScore.ts) and writes its weights.
 *
 *   npx tsx scripts/train-escalation/inDomainTrain.ts                      # writes shared/escalation/inDomain/weights.ts
 *   npx tsx scripts/train-escalation/inDomainTrain.ts --leave w16 --json /tmp/m.json   # without a writer (LOWO), JSON out
 *   npx tsx scripts/train-escalation/inDomainTrain.ts --extra test/fixtures/escalation-shoprequest/fe-s43.jsonl:10
 *       # session 43: the shop-request score (shared/escalation/inDomain/shopRequestWeights.ts), see EXTRA
 *
 * Data (weak labels, one example per customer message after the menu's "Something else"):
 *  - in domain (1): every message of the message-level corpora (w1, w2, w4, w6, w8, w10 odd ids) and every message of
 *    conversations labelled none, explicit, negative, sensitive, urgency or loop (the shop serves them);
 *  - out of domain (0): messages of conversations labelled repeated_fallback (the bot could not use them);
 *  - low_confidence conversations are left out (vague, but about the shop).
 * Corpora with held-out halves (w9 and later) give their ODD ids only; the blind sets (set-*), labelled.jsonl and
 * heldout.jsonl are never trained on. Logistic regression, hashed features (8,192 buckets), SGD with L2, classes
 * weighted to balance, deterministic order. Noise-robust second pass: out-of-domain examples the first model gives
 * P(in) > DROP are taken as mislabelled (a shop question inside a fallback conversation) and dropped, then retrain.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyzeText } from '../../shared/nlu/analyzeText';
import { logisticProb, trainLogistic } from './logistic';
import { canonicalTokens } from '../../shared/escalation/canonicalTokens';
import { inDomainFeatures } from '../../shared/escalation/inDomain/inDomainScore';
import { isShopQuestionText } from '../../shared/escalation/shopTopics';

const root = fileURLToPath(new URL('../../', import.meta.url));
const args = process.argv.slice(2);
const opt = (k: string) => { const i = args.indexOf(k); return i < 0 ? undefined : args[i + 1]; };
const leave = new Set((opt('--leave') ?? '').split(',').filter(Boolean));
const jsonOut = opt('--json');
const only = opt('--only'); // comma list of writers to train on (default all)
const BUCKETS = 8192;
/** Session 27 (fallback): 0.6 (was 0.8) for the weights trained on every odd id of w1-w43. */
const DROP = Number(opt('--drop') ?? 0.6);
const EPOCHS = Number(opt('--epochs') ?? 10);
const L2 = Number(opt('--l2') ?? 1e-4);
/** Drop out-of-domain examples that the shop-topic rules read as a question about the shop (a shop question inside a fallback conversation). */
const DROP_SHOP = args.includes('--drop-shop');
/**
 * --task vague: the vague-first-message score instead (detectLowConfidence): the first customer message of conversations
 * labelled low_confidence (1) against every message of the other labels (0).
 */
const VAGUE = opt('--task') === 'vague';
/**
 * Session 43 (fe, issue 11): --extra FILE.jsonl[:K] adds a hand-written corpus of single messages ({id, voice, y, text}:
 * y 1 = a request to the shop, 0 = small talk, off-topic, about the bot, thanks), its ODD ids only (the even ids are its
 * held-out half), each example K times (default 10: the corpus is ~250 messages against ~24,000 weakly labelled ones).
 * The corpus: test/fixtures/escalation-shoprequest/fe-s43.jsonl (five voices, written for this; see docs/escalation.md).
 */
const EXTRA = opt('--extra');

const C = 'test/fixtures/escalation-corpus/';
const IN_LABELS = new Set(['none', 'explicit_request', 'negative_sentiment', 'sensitive_topic', 'urgency', 'loop']);
const idNumber = (id: string, i: number) => { const m = /(\d+)\D*$/.exec(id ?? ''); return m ? Number(m[1]) : i + 1; };

export interface Example { x: number[]; y: 0 | 1; writer: string }
export function loadExamples(exclude: ReadonlySet<string>, include?: ReadonlySet<string>): Example[] {
  const out: Example[] = [];
  for (const f of readdirSync(root + C).filter((f) => f.endsWith('.jsonl')).sort()) {
    const writer = f.replace(/(-conversations)?\.jsonl$/, '');
    if (exclude.has(writer) || (include && !include.has(writer))) continue;
    const halves = Number(writer.slice(1)) >= 9;
    const lines = readFileSync(root + C + f, 'utf8').split('\n').filter((l) => l.trim() !== '');
    lines.forEach((line, i) => {
      const l = JSON.parse(line);
      if (halves && idNumber(l.id, i) % 2 === 0) return;
      const turns: string[] = l.turns ? l.turns.slice(1) : [l.text];
      const label: string = l.expect ?? l.label;
      const y = VAGUE ? (label === 'low_confidence' ? 1 : 0) : label === 'repeated_fallback' ? 0 : IN_LABELS.has(label) ? 1 : -1;
      if (y < 0) return;
      for (const t of VAGUE && y === 1 ? turns.slice(0, 1) : turns) {
        const a = analyzeText(t);
        if (y === 0 && DROP_SHOP && isShopQuestionText(a.normalized)) continue;
        out.push({ x: inDomainFeatures(canonicalTokens(a), BUCKETS), y: y as 0 | 1, writer });
      }
    });
  }
  if (EXTRA && !VAGUE) out.push(...loadExtra(EXTRA));
  return out;
}

/** The --extra corpus's odd ids, each K times (see EXTRA). */
export function loadExtra(spec: string): Example[] {
  const [file, k] = spec.split(':');
  const times = Number(k ?? 10);
  const out: Example[] = [];
  const lines = readFileSync(file.startsWith('/') ? file : root + file, 'utf8').split('\n').filter((l) => l.trim() !== '');
  lines.forEach((line, i) => {
    const l = JSON.parse(line);
    if (idNumber(l.id, i) % 2 === 0) return;
    const x = inDomainFeatures(canonicalTokens(analyzeText(l.text)), BUCKETS);
    for (let r = 0; r < times; r++) out.push({ x, y: l.y === 1 ? 1 : 0, writer: 'extra' });
  });
  return out;
}

const train = (data: Example[]) => trainLogistic(data, BUCKETS, EPOCHS, L2);
const prob = logisticProb;

export function trainModel(data: Example[]): { bias: number; weights: Float32Array; dropped: number } {
  const first = train(data);
  // The --extra corpus is labelled by hand: none of it is dropped as mislabelled.
  const kept = VAGUE ? data : data.filter((d) => d.y === 1 || d.writer === 'extra' || prob(first, d.x) <= DROP);
  return { ...train(kept), dropped: data.length - kept.length };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const data = loadExamples(leave, only ? new Set(only.split(',')) : undefined);
  const model = trainModel(data);
  const pos = data.filter((d) => d.y === 1).length;
  console.error(`examples ${data.length} (in ${pos}, out ${data.length - pos}), dropped as mislabelled ${model.dropped}${leave.size ? `, left out ${[...leave]}` : ''}`);
  if (jsonOut) {
    writeFileSync(jsonOut, JSON.stringify({ bias: model.bias, weights: [...model.weights] }));
  } else {
    let max = 0;
    for (const v of model.weights) max = Math.max(max, Math.abs(v));
    const scale = max / 127;
    const bytes = Uint8Array.from(model.weights, (v) => Math.round(v / scale) & 0xff);
    const data64 = Buffer.from(bytes).toString('base64');
    const lines = data64.match(/.{1,116}/g) ?? [];
    // Session 43 (fe): with --extra, the shop-request score's weights (shopRequestWeights.ts) instead.
    const target = VAGUE ? 'vagueWeights.ts' : EXTRA ? 'shopRequestWeights.ts' : 'weights.ts';
    const constName = VAGUE ? 'VAGUE_WEIGHTS' : EXTRA ? 'SHOP_REQUEST_WEIGHTS' : 'IN_DOMAIN_WEIGHTS';
    writeFileSync(root + 'shared/escalation/inDomain/' + target,
      `/** Generated by scripts/train-escalation/inDomainTrain.ts${EXTRA ? ` --extra ${EXTRA}` : ''} (${data.length} messages, ${model.dropped} dropped as mislabelled); do not edit. */\n` +
      `export const ${constName} = {\n  bias: ${model.bias.toFixed(6)},\n  scale: ${scale.toExponential(6)},\n  buckets: ${BUCKETS},\n  data:\n` +
      lines.map((l, i) => `    '${l}'${i < lines.length - 1 ? ' +' : ','}`).join('\n') + `\n};\n`);
    console.error(`wrote shared/escalation/inDomain/${target}`);
  }
}
