/**
 * Session 9 (escrf): what the policy's off-topic reading (shared/escalation/inDomain/policyFallback.ts) costs per
 * message at most: the in-domain score (hashed features + 8,192-weight dot product) and the shop-word check, for
 * every free-text turn of the labelled and blind sets as if each had been routed to an intent (the worst case; a
 * fallback or an unrouted message costs one comparison). Baseline in the same run: lower-case + split + join.
 *
 *   npx tsx test/bench/inDomainBench.ts
 */
import { analyzeText } from '../../shared/nlu/analyzeText';
import { scoreTokens, shippedInDomainModel } from '../../shared/escalation/inDomain/inDomainScore';
import { offTopicMatch } from '../../shared/escalation/inDomain/policyFallback';
import { canonicalTokens } from '../../shared/escalation/canonicalTokens';
import type { TurnFacts } from '../../shared/escalation/types';
import { readLabelled } from './escalationReport';

const SETS = ['labelled', 'heldout'].map((s) => `test/fixtures/escalation/${s}.jsonl`).concat(['a', 'b', 'k', 'n'].map((s) => `test/fixtures/escalation-blind/set-${s}.jsonl`));
const texts = SETS.flatMap((f) => readLabelled(f).flatMap((l) => l.turns.slice(1)));
const intent = { intentId: 'shipping_info', intentName: 'shipping_info', confidence: 0.6, ranking: [] };
const model = shippedInDomainModel();
function time(label: string, run: (t: string, i: number) => void): number {
  const per: number[] = [];
  for (let round = 0; round < 5; round++) {
    texts.forEach((t, i) => {
      const s = process.hrtime.bigint();
      run(t, i);
      const us = Number(process.hrtime.bigint() - s) / 1000;
      per[i] = round === 0 ? us : Math.min(per[i], us);
    });
  }
  const sorted = [...per].sort((a, b) => a - b);
  const mean = per.reduce((a, b) => a + b, 0) / per.length;
  console.log(`| ${label.padEnd(58)} | mean ${mean.toFixed(2).padStart(7)} µs | p50 ${sorted[Math.floor(sorted.length / 2)].toFixed(2).padStart(7)} | p99 ${sorted[Math.floor(sorted.length * 0.99)].toFixed(2).padStart(7)} |`);
  return mean;
}
const analyses = texts.map((t) => analyzeText(t));
const toks = analyses.map((a) => canonicalTokens(a));
console.log(`${texts.length} messages, best of 5 per message`);
time('baseline: lower-case + split + join', (t) => void t.toLowerCase().split(/\s+/).join(' '));
time('in-domain score (features + weights)', (_, i) => void scoreTokens(toks[i], model));
time('offTopicMatch on a routed message (score + shop words)', (t, i) => {
  const f: TurnFacts = { text: t, analysis: analyses[i], turn: 1, now: 0, variables: {}, intent, fallback: false };
  void offTopicMatch(f);
});
