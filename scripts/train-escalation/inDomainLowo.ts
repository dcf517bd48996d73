/**
 * Session 9 (escrf): leave-one-writer-out for the in-domain score, message level. For each writer with repeated-fallback
 * conversations: train without the writer (inDomainTrain's recipe) and measure AUC (in-domain messages vs messages of
 * fallback conversations) on ALL its ids; the model trained with every writer (seen) is measured on the same messages.
 *
 *   npx tsx scripts/train-escalation/inDomainLowo.ts [w16 w18 ...]
 */
import { loadExamples, trainModel, type Example } from './inDomainTrain';

const writers = process.argv.slice(2).length ? process.argv.slice(2) : ['w3', 'w5', 'w7', 'w9', 'w11', 'w13', 'w15', 'w16', 'w18', 'w19', 'w20', 'w21'];
const prob = (m: { bias: number; weights: Float32Array }, x: number[]) => { let z = m.bias; for (const f of x) z += m.weights[f]; return 1 / (1 + Math.exp(-z)); };
function auc(ex: Example[], m: { bias: number; weights: Float32Array }): number {
  const s = ex.map((e) => ({ p: prob(m, e.x), y: e.y })).sort((a, b) => a.p - b.p);
  let rankSum = 0;
  let pos = 0;
  s.forEach((e, i) => { if (e.y === 1) { rankSum += i + 1; pos++; } });
  const neg = s.length - pos;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}
const all = trainModel(loadExamples(new Set()));
console.log('writer  msgs  unseen-AUC  seen-AUC');
for (const w of writers) {
  const test = loadExamples(new Set(), new Set([w]));
  if (test.length === 0) continue;
  const m = trainModel(loadExamples(new Set([w])));
  console.log(`${w.padEnd(6)} ${String(test.length).padStart(5)}  ${auc(test, m).toFixed(3)}       ${auc(test, all).toFixed(3)}`);
}
