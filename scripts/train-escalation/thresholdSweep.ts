/**
 * A classifier output's threshold chosen on held-out data, through the whole detector pipeline (rules, guards,
 * ranking), not on raw scores (round seven, session 5):
 *
 *   npx tsx scripts/train-escalation/thresholdSweep.ts --output urgency --thresholds 0.6,0.7,0.8,0.85 FILE... [--weights W.json]
 *
 * FILE: conversation sets (lines with "turns") or writer corpora (lines with "text"), as negReport.ts reads them.
 * Per threshold and file: recall of the output's reason (escalated for that reason), and on the ordinary (`none`)
 * items: escalated for any reason and escalated for that reason. Then the totals over all files. Never run it on a
 * kept-out set: the chosen threshold must not have seen the set it is judged on.
 */
import { readFileSync } from 'node:fs';
import { loadSupportFlow, REPORT_NOW } from '../../test/bench/escalationReport';
import { playConversation } from '../../shared/simulator/playConversation';
import { useEscalationModel } from '../../shared/escalation/classifier/escalationClassifier';
import { CLASSIFIER_THRESHOLDS } from '../../shared/escalation/classifier/thresholds';
import type { ClassifierOutput } from '../../shared/escalation/classifier/outputs';
import { negItems } from './negReport';

const REASON: Record<string, string> = { urgency: 'urgency', negative: 'negative_sentiment', explicit: 'explicit_request' };
const args = process.argv.slice(2);
const opt = (name: string) => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : undefined);
const output = (opt('--output') ?? 'urgency') as ClassifierOutput;
const reason = REASON[output];
if (!reason) throw new Error(`--output must be one of ${Object.keys(REASON).join(', ')}`);
const thresholds = (opt('--thresholds') ?? '0.6,0.7,0.75,0.8,0.85,0.9').split(',').map(Number);
if (opt('--weights')) useEscalationModel(JSON.parse(readFileSync(opt('--weights')!, 'utf8')));
const files = args.filter((a, i) => !a.startsWith('--') && !['--output', '--thresholds', '--weights'].includes(args[i - 1]));
if (files.some((f) => /(^|\/)kept-out\//.test(f))) throw new Error('a kept-out set cannot choose a threshold');
const flow = loadSupportFlow();
const now = Date.parse(REPORT_NOW);
const pct = (n: number, d: number) => (d === 0 ? '—' : `${((n / d) * 100).toFixed(1)}%`);
console.log(`| threshold | file | ${reason} n | recall | ordinary n | false (any) | ordinary as ${reason} |`);
console.log('|---|---|---|---|---|---|---|');
for (const th of thresholds) {
  (CLASSIFIER_THRESHOLDS as Record<string, number>)[output] = th;
  const total = { pos: 0, hit: 0, ord: 0, fa: 0, fr: 0 };
  for (const file of files) {
    const t = { pos: 0, hit: 0, ord: 0, fa: 0, fr: 0 };
    for (const it of negItems(file)) {
      if (it.expect !== reason && it.expect !== 'none') continue;
      const got = playConversation(flow, it.id, it.turns, now).escalation?.reason ?? null;
      if (it.expect === reason) {
        t.pos++;
        if (got === reason) t.hit++;
      } else {
        t.ord++;
        if (got !== null) t.fa++;
        if (got === reason) t.fr++;
      }
    }
    for (const k of Object.keys(t) as (keyof typeof t)[]) total[k] += t[k];
    console.log(`| ${th} | ${file.split('/').pop()} | ${t.pos} | ${pct(t.hit, t.pos)} | ${t.ord} | ${pct(t.fa, t.ord)} | ${pct(t.fr, t.ord)} |`);
  }
  console.log(`| **${th}** | **all** | ${total.pos} | **${pct(total.hit, total.pos)}** | ${total.ord} | ${pct(total.fa, total.ord)} | **${pct(total.fr, total.ord)}** (${total.fr}) |`);
}
