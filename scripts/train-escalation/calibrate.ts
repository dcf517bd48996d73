/**
 * Per-output thresholds for the escalation classifier, chosen on held-out data (never on a kept-out set):
 *
 *   npx tsx scripts/train-escalation/calibrate.ts [--fp 0.002]
 *
 * For each output it prints:
 *  - the score above which at most `--fp` of the generated test corpus' messages without that label fall
 *    (the corpus drawn with another seed than training);
 *  - the highest score any customer turn of an ordinary ("none") conversation of the labelled sets reaches
 *    (test/fixtures/escalation*, the tuning and team sets and the blind sets that are no longer kept out);
 *  - the recall per reason on those sets at the suggested threshold: the larger of the two, plus a margin,
 *    at least 0.5. A threshold is only as honest as the sets are varied: the suggestion is a floor against
 *    false escalations, copied by hand into shared/escalation/classifier/thresholds.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyzeText } from '../../shared/nlu/analyzeText';
import { classifyMessage } from '../../shared/escalation/classifier/escalationClassifier';
import { OUTPUTS, TOPIC_OUTPUTS } from '../../shared/escalation/classifier/outputs';
import { CLASSIFIER_THRESHOLDS } from '../../shared/escalation/classifier/thresholds';
import { buildCorpus } from './corpus';

const args = process.argv.slice(2);
const fpAt = args.indexOf('--fp');
const FP = fpAt >= 0 ? Number(args[fpAt + 1]) : 0.002;
const MARGIN = 0.03;
const root = fileURLToPath(new URL('../../test/fixtures/', import.meta.url));
const files = ['escalation', 'escalation-blind'].flatMap((d) => readdirSync(root + d).filter((f) => f.endsWith('.jsonl')).map((f) => `${root}${d}/${f}`));
const rows = files.flatMap((f) => readFileSync(f, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { expect: string; turns: string[] }));
const scored = rows.map((r) => ({ expect: r.expect, turns: r.turns.map((t) => ({ t, p: classifyMessage(analyzeText(t)) })) }));
const test = buildCorpus(424242, 6000).map((s) => ({ labels: s.labels as string[], p: classifyMessage(analyzeText(s.text)) }));
const REASON: Record<string, string> = { explicit: 'explicit_request', negative: 'negative_sentiment', urgency: 'urgency' };

console.log(`${files.length} sets, ${rows.length} conversations; generated test corpus ${test.length} messages; false-positive share ${FP}`);
console.log('| output | now | generated q | max on ordinary | suggested | recall now | recall suggested |');
console.log('|---|---|---|---|---|---|---|');
OUTPUTS.forEach((o, k) => {
  const neg = test.filter((s) => !s.labels.includes(o)).map((s) => s.p[k]).sort((a, b) => b - a);
  const q = neg[Math.floor(neg.length * FP)];
  let maxNone = 0;
  for (const c of scored) if (c.expect === 'none') for (const t of c.turns) maxNone = Math.max(maxNone, t.p[k]);
  const suggested = Math.max(0.5, Math.min(0.95, Math.max(q, maxNone) + MARGIN));
  const reason = REASON[o] ?? 'sensitive_topic';
  const positives = scored.filter((c) => c.expect === reason);
  const outs = reason === 'sensitive_topic' ? [k] : [k];
  const recall = (th: number) => positives.filter((c) => c.turns.some((t) => outs.some((j) => t.p[j] >= th))).length / Math.max(1, positives.length);
  const now = CLASSIFIER_THRESHOLDS[o];
  const topic = (TOPIC_OUTPUTS as readonly string[]).includes(o);
  console.log(`| ${o} | ${now} | ${q.toFixed(3)} | ${maxNone.toFixed(3)} | ${suggested.toFixed(2)} | ${topic ? '(topic)' : (recall(now) * 100).toFixed(1) + '%'} | ${topic ? '(topic)' : (recall(suggested) * 100).toFixed(1) + '%'} |`);
});
