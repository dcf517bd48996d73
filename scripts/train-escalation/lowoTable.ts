/**
 * The leave-one-writer-out table (leaveOneWriterOut.sh): per writer and reason, the word rules alone, the recipe trained
 * WITH the writer (seen) and WITHOUT it (unseen), and the false-escalation rate on its ordinary items the same three ways.
 *
 *   npx tsx scripts/train-escalation/lowoTable.ts OUT_DIR w1 w2 ...
 */
import { existsSync, readFileSync } from 'node:fs';
import type { CorpusResult } from './roundEight';

const [dir, ...writers] = process.argv.slice(2);
const load = (f: string) => (existsSync(`${dir}/${f}`) ? (JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) as CorpusResult[]) : []);
const rules = load('rules.json');
const seen = load('all.report.json');
const SHORT: Record<string, string> = { explicit_request: 'ER', negative_sentiment: 'NS', sensitive_topic: 'ST', urgency: 'UR', repeated_fallback: 'RF', loop: 'LP', low_confidence: 'LC' };
const pct = (r: CorpusResult | undefined, reason: string) => {
  if (!r) return '—';
  if (reason === 'none') return r.n.none ? ((r.falseAny / r.n.none) * 100).toFixed(1) : '—';
  return r.n[reason] ? (((r.hit[reason] ?? 0) / r.n[reason]) * 100).toFixed(1) : '—';
};
const sums: Record<string, { n: number; rules: number; seen: number; unseen: number }> = {};
console.log('| writer (corpus) | reason (n) | rules alone | with the writer (seen) | without the writer (unseen) |');
console.log('|---|---|---|---|---|');
for (const w of writers) {
  for (const u of load(`without-${w}.report.json`)) {
    const r = rules.find((x) => x.name === u.name);
    const s = seen.find((x) => x.name === u.name);
    for (const reason of [...Object.keys(SHORT), 'none']) {
      if (!u.n[reason]) continue;
      // Only the reasons the classifier has an output for, plus the ordinary items (false escalations).
      if (!['explicit_request', 'negative_sentiment', 'sensitive_topic', 'urgency', 'none'].includes(reason)) continue;
      const label = reason === 'none' ? `ordinary escalated (${u.n.none})` : `${SHORT[reason]} (${u.n[reason]})`;
      console.log(`| ${w} (${u.name}) | ${label} | ${pct(r, reason)} | ${pct(s, reason)} | ${pct(u, reason)} |`);
      const k = reason === 'none' ? 'ordinary escalated' : SHORT[reason];
      const t = (sums[k] ??= { n: 0, rules: 0, seen: 0, unseen: 0 });
      const hits = (x: CorpusResult | undefined) => (x ? (reason === 'none' ? x.falseAny : x.hit[reason] ?? 0) : 0);
      t.n += u.n[reason];
      t.rules += hits(r);
      t.seen += hits(s);
      t.unseen += hits(u);
    }
  }
}
console.log('\n| pooled over the writers above | n | rules alone | seen | unseen (left out) |');
console.log('|---|---|---|---|---|');
for (const [k, t] of Object.entries(sums)) console.log(`| ${k} | ${t.n} | ${((t.rules / t.n) * 100).toFixed(1)} | ${((t.seen / t.n) * 100).toFixed(1)} | ${((t.unseen / t.n) * 100).toFixed(1)} |`);
