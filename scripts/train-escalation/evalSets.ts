/**
 * Quick message-level check of the classifier alone on labelled conversation sets (JSONL with `expect`
 * and `turns`): per reason, how many conversations have a turn whose classifier probability for that
 * reason reaches the threshold, and how many ordinary ("none") conversations have any turn that reaches
 * any threshold. For tuning the model; the real figures come from `baton simulate` (labelledSet test).
 *
 *   npx tsx scripts/train-escalation/evalSets.ts test/fixtures/escalation/labelled.jsonl [...]
 */
import { readFileSync } from 'node:fs';
import { analyzeText } from '../../shared/nlu/analyzeText';
import { classifyMessage, OUTPUT_INDEX } from '../../shared/escalation/classifier/escalationClassifier';
import { CLASSIFIER_THRESHOLDS } from '../../shared/escalation/classifier/thresholds';
import { TOPIC_OUTPUTS } from '../../shared/escalation/classifier/outputs';

const REASON_OUTPUT: Record<string, string[]> = {
  explicit_request: ['explicit'],
  negative_sentiment: ['negative'],
  urgency: ['urgency'],
  sensitive_topic: [...TOPIC_OUTPUTS],
};

for (const file of process.argv.slice(2)) {
  const rows = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; expect: string; turns: string[] });
  const stats = new Map<string, { n: number; hit: number; misses: string[] }>();
  for (const r of rows) {
    const outs = r.expect === 'none' ? Object.values(REASON_OUTPUT).flat() : REASON_OUTPUT[r.expect];
    if (!outs) continue;
    let fired: string | null = null;
    for (const t of r.turns) {
      const p = classifyMessage(analyzeText(t));
      for (const o of outs) {
        const th = CLASSIFIER_THRESHOLDS[o as keyof typeof CLASSIFIER_THRESHOLDS];
        if (p[OUTPUT_INDEX[o as keyof typeof OUTPUT_INDEX]] >= th) fired ??= `${o} ${p[OUTPUT_INDEX[o as keyof typeof OUTPUT_INDEX]].toFixed(2)}: ${t}`;
      }
    }
    const s = stats.get(r.expect) ?? { n: 0, hit: 0, misses: [] };
    s.n++;
    if (fired) s.hit++;
    if ((r.expect === 'none') === (fired !== null)) s.misses.push(r.expect === 'none' ? fired! : r.turns.join(' / '));
    stats.set(r.expect, s);
  }
  console.log(`\n${file}`);
  for (const [k, s] of stats) console.log(`  ${k.padEnd(20)} ${k === 'none' ? 'false' : 'recall'} ${((s.hit / s.n) * 100).toFixed(1)}% (n=${s.n})`);
  if (process.argv.includes('--misses') || true) for (const [k, s] of stats) for (const m of s.misses.slice(0, 12)) console.log(`    ${k}: ${m}`);
}
