/**
 * Where escalation evaluation spends its time, per detector, on the bench's messages (test/bench/escalationBench.ts):
 * mean and p99 of each detector's own time over each message's best of 5 fresh analyses.
 *
 *   npx tsx scripts/train-escalation/profileEscalation.ts [--cpu-prof-loop N]
 */
import { fileURLToPath } from 'node:url';
import { evaluateEscalation, initialEscalationMemory } from '../../shared/escalation/evaluateEscalation';
import { detectExplicitRequest } from '../../shared/escalation/detectors/detectExplicitRequest';
import { detectNegativeSentiment } from '../../shared/escalation/detectors/detectNegativeSentiment';
import { detectSensitiveTopic } from '../../shared/escalation/detectors/detectSensitiveTopic';
import { detectUrgency } from '../../shared/escalation/detectors/detectUrgency';
import { detectLoop } from '../../shared/escalation/detectors/detectLoop';
import { detectRepeatedFallback } from '../../shared/escalation/detectors/detectRepeatedFallback';
import { detectLowConfidence } from '../../shared/escalation/detectors/detectLowConfidence';
import { classifyMessage } from '../../shared/escalation/classifier/escalationClassifier';
import { analyzeText } from '../../shared/nlu/analyzeText';
import type { TurnFacts } from '../../shared/escalation/types';
import { loadSupportFlow, readLabelled } from '../../test/bench/escalationReport';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SETS = ['labelled', 'heldout'].map((s) => `test/fixtures/escalation/${s}.jsonl`).concat(['a', 'b', 'k', 'n'].map((s) => `test/fixtures/escalation-blind/set-${s}.jsonl`));
const NOW = Date.parse('2026-11-24T10:00:00Z');
const flow = loadSupportFlow();
const buttons = new Set(['Something else', 'Track my order', 'Returns', 'Shipping']);
const texts = SETS.flatMap((s) => readLabelled(root + s).flatMap((c) => c.turns)).filter((t) => !buttons.has(t)).filter((t) => !process.argv.includes('--long') || t.split(/\s+/).length >= 35);
const base: TurnFacts = { text: '', analysis: analyzeText('x'), turn: 0, now: NOW, variables: {}, intent: null, fallback: false, timezone: flow.settings.timezone };
const parts: Record<string, (f: TurnFacts) => unknown> = {
  classifier: (f) => classifyMessage(f.analysis),
  explicit: (f) => detectExplicitRequest(f, flow.escalation, initialEscalationMemory()),
  urgency: (f) => detectUrgency(f, flow.escalation, initialEscalationMemory()),
  sensitive: (f) => detectSensitiveTopic(f, flow.escalation, initialEscalationMemory()),
  negative: (f) => detectNegativeSentiment(f, flow.escalation, initialEscalationMemory()),
  loop: (f) => detectLoop(f, flow.escalation, initialEscalationMemory()),
  fallback: (f) => detectRepeatedFallback(f, flow.escalation, initialEscalationMemory()),
  lowconf: (f) => detectLowConfidence(f, flow.escalation, initialEscalationMemory()),
  whole: (f) => evaluateEscalation(flow.escalation, f, initialEscalationMemory()),
};
const best: Record<string, number[]> = Object.fromEntries(Object.keys(parts).map((k) => [k, new Array(texts.length).fill(Infinity)]));
const loops = Number(process.argv[process.argv.indexOf('--cpu-prof-loop') + 1]) || 5;
for (let r = 0; r < loops; r++) {
  for (const [name, run] of Object.entries(parts)) {
    if (process.argv.includes('--only') && name !== process.argv[process.argv.indexOf('--only') + 1]) continue;
    // a fresh analysis per part and run, so no cache answers (the classifier's cache is per analysis)
    const facts = texts.map((t) => ({ ...base, text: t, analysis: analyzeText(`${t} #${r}${name}`) }));
    for (let i = 0; i < facts.length; i++) {
      const t0 = performance.now();
      run(facts[i]);
      const us = (performance.now() - t0) * 1000;
      if (us < best[name][i]) best[name][i] = us;
    }
  }
}
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const whole = best.whole;
const slowIdx = (whole[0] === Infinity ? best[process.argv[process.argv.indexOf('--only') + 1]] : whole).map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0]).slice(0, Math.ceil(texts.length * 0.02)).map(([, i]) => i);
console.log('| part | mean µs | p50 | p99 | mean on the slowest 2% of messages |');
for (const name of Object.keys(parts)) {
  if (best[name][0] === Infinity) continue;
  const s = sorted(best[name]);
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  const slow = slowIdx.reduce((a, i) => a + best[name][i], 0) / slowIdx.length;
  console.log(`| ${name} | ${mean.toFixed(1)} | ${s[Math.floor(s.length * 0.5)].toFixed(1)} | ${s[Math.floor(s.length * 0.99)].toFixed(1)} | ${slow.toFixed(1)} |`);
}
if (process.argv.includes('--slowest')) for (const i of slowIdx.slice(0, 15)) console.log(whole[i].toFixed(0), texts[i].split(/\s+/).length, texts[i].slice(0, 100));
