/**
 * Session 44 (fe2): test/fixtures/escalation-negative/fe2-s44.jsonl per voice and half (odd ids train and tune, even ids
 * are the held-out half):
 *
 *   npx tsx scripts/train-escalation/fe2S44Report.ts [--weights W.json] [--misses]   # --misses prints the ODD half's misses only
 *
 * Per voice: negatives handed over as negative sentiment (and plain VADER on the same messages), ordinary questions
 * handed over for any reason (and for negative sentiment).
 */
import { readFileSync } from 'node:fs';
import { negItems, negReport, type NegItem } from './negReport';
import { useEscalationModel } from '../../shared/escalation/classifier/escalationClassifier';
import { loadSupportFlow } from '../../test/bench/escalationReport';

export const FE2_S44_FIXTURE = 'test/fixtures/escalation-negative/fe2-s44.jsonl';

const args = process.argv.slice(2);
const wArg = args.indexOf('--weights');
if (wArg >= 0) useEscalationModel(JSON.parse(readFileSync(args[wArg + 1], 'utf8')));
const voiceOf = new Map<string, string>();
for (const line of readFileSync(FE2_S44_FIXTURE, 'utf8').split('\n')) if (line.trim()) { const o = JSON.parse(line) as { id: string; voice: string }; voiceOf.set(o.id, o.voice); }
const kindOf = new Map<string, string>();
for (const line of readFileSync(FE2_S44_FIXTURE, 'utf8').split('\n')) if (line.trim()) { const o = JSON.parse(line) as { id: string; kind: string }; kindOf.set(o.id, o.kind); }
const all: NegItem[] = negItems(FE2_S44_FIXTURE).map((it) => ({ ...it, kind: kindOf.get(it.id) }));
const flow = loadSupportFlow();
const odd = (it: NegItem) => Number(/(\d+)$/.exec(it.id)![1]) % 2 === 1;
const voices = [...new Set(voiceOf.values())];
const count = (x: number, n: number) => `${Math.round(x * n)}/${n}`;
for (const [half, keep] of [['odd (train / tune)', odd], ['even (held out)', (it: NegItem) => !odd(it)]] as const) {
  console.log(`\n## ${half}\n`);
  console.log('| voice | negative handed over as negative | plain VADER | ordinary handed over (any) | ordinary as negative |');
  console.log('|---|---|---|---|---|');
  let tot = { neg: 0, rec: 0, vad: 0, ord: 0, fa: 0, fn: 0 };
  for (const v of [...voices, 'all']) {
    const items = all.filter((it) => keep(it) && (v === 'all' || voiceOf.get(it.id) === v));
    const r = negReport(FE2_S44_FIXTURE, flow, items);
    console.log(`| ${v} | ${count(r.recall, r.negatives)} | ${count(r.vader, r.negatives)} | ${count(r.falseAny, r.ordinary)} | ${count(r.falseNegative, r.ordinary)} |`);
    if (v === 'all') tot = { neg: r.negatives, rec: r.recall, vad: r.vader, ord: r.ordinary, fa: r.falseAny, fn: r.falseNegative };
    if (v === 'all' && args.includes('--misses') && keep === odd) console.log(r.misses.join('\n'));
  }
  void tot;
}
