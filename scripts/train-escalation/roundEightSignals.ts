/**
 * Round eight diagnostic: for the items of a corpus with a given label that escalate for another reason, which signals
 * fired on the deciding turn (reason, source, score / threshold, evidence). Counts by (named reason, its source, whether
 * the expected reason fired too), then the items.
 *
 *   npx tsx scripts/train-escalation/roundEightSignals.ts CORPUS_NAME[,CORPUS_NAME] LABEL [--items]
 * (corpus names as in roundEight.ts; never a kept-out file)
 */
import { loadSupportFlow, REPORT_NOW } from '../../test/bench/escalationReport';
import { playConversation } from '../../shared/simulator/playConversation';
import { defaultCorpora, loadItems } from './roundEight';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { useEscalationModel } from '../../shared/escalation/classifier/escalationClassifier';

const root = fileURLToPath(new URL('../../', import.meta.url));
const [names, label] = process.argv.slice(2);
const wi = process.argv.indexOf('--weights');
if (wi >= 0) useEscalationModel(JSON.parse(readFileSync(process.argv[wi + 1], 'utf8')));
const flow = loadSupportFlow();
const counts = new Map<string, number>();
for (const spec of defaultCorpora().filter((s) => names.split(',').includes(s.name))) {
  let items = loadItems(root + spec.file);
  if (spec.half) items = items.filter((it) => it.num % 2 === (spec.half === 'odd' ? 1 : 0));
  for (const it of items.filter((x) => x.expect === label)) {
    const e = playConversation(flow, it.id, it.turns, Date.parse(REPORT_NOW)).escalation;
    if (!e || e.reason === label) continue;
    const top = e.signals[0];
    const also = e.signals.find((s) => s.reason === label);
    const key = `${e.reason}/${top?.source}${also ? ` (also ${label}/${also.source})` : ''}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (process.argv.includes('--items')) {
      console.log(`${it.id}: ${JSON.stringify(it.turns.slice(1)).slice(0, 220)}`);
      for (const s of e.signals) console.log(`    ${s.reason} ${s.source} ${s.score.toFixed(2)}/${s.threshold} ${JSON.stringify(s.evidence).slice(0, 120)}`);
    }
  }
}
for (const [k, n] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`${n}\t${k}`);
