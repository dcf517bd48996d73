/**
 * The learned same-request path's effect on every labelled corpus, measured in one run on one tree: each set played
 * through flows/customer-support.json with the path off (the rules alone) and on, alternating set by set. Prints per set
 * (w16-w21 split into odd = development and even = held-out ids) loop recall, ordinary conversations escalated, and every
 * other reason's recall, before -> after, plus the conversations whose outcome changed.
 *
 *   npx tsx scripts/train-escalation/sameRequestCompare.ts [SET.jsonl ...] [--changed]
 */
import { basename } from 'node:path';
import { useLearnedLoop } from '../../shared/escalation/detectors/detectLoop';
import { playConversation } from '../../shared/simulator/playConversation';
import { loadSupportFlow, readLabelled, REPORT_NOW } from '../../test/bench/escalationReport';
import { defaultSets } from './sameRequestData';

const args = process.argv.slice(2);
const files = args.filter((a) => !a.startsWith('--'));
const showChanged = args.includes('--changed');
const flow = loadSupportFlow();
const now = Date.parse(REPORT_NOW);
const SPLIT = new Set(['w16', 'w17', 'w18', 'w19', 'w20', 'w21']);

interface Count { loop: number; loopHit: [number, number]; none: number; noneEsc: [number, number]; other: number; otherHit: [number, number] }
const total: Record<string, Count> = {};
const blank = (): Count => ({ loop: 0, loopHit: [0, 0], none: 0, noneEsc: [0, 0], other: 0, otherHit: [0, 0] });
const changed: string[] = [];
const rows: string[] = [];

for (const file of files.length > 0 ? files : defaultSets()) {
  const set = basename(file).replace(/(-conversations)?\.jsonl$/, '');
  const labelled = readLabelled(file);
  const got: (string | null)[][] = [[], []];
  for (const on of [false, true]) {
    useLearnedLoop(on);
    for (const l of labelled) got[on ? 1 : 0].push(playConversation(flow, l.id, l.turns, now).escalation?.reason ?? null);
  }
  useLearnedLoop(true);
  const parts = new Map<string, Count>();
  labelled.forEach((l, i) => {
    const half = SPLIT.has(set) ? `${set}-${Number(l.id.replace(/^.*-/, '')) % 2 === 0 ? 'even' : 'odd'}` : set;
    const c = parts.get(half) ?? blank();
    parts.set(half, c);
    for (const k of [0, 1] as const) {
      const r = got[k][i];
      if (l.expect === 'loop') c.loopHit[k] += r === 'loop' ? 1 : 0;
      else if (l.expect === 'none') c.noneEsc[k] += r !== null ? 1 : 0;
      else c.otherHit[k] += r === l.expect ? 1 : 0;
    }
    if (l.expect === 'loop') c.loop++;
    else if (l.expect === 'none') c.none++;
    else c.other++;
    if (got[0][i] !== got[1][i]) changed.push(`${l.id} (${l.expect}): ${got[0][i]} -> ${got[1][i]}`);
  });
  for (const [half, c] of parts) {
    rows.push(`| ${half} | ${c.loopHit[0]} -> ${c.loopHit[1]} / ${c.loop} | ${c.noneEsc[0]} -> ${c.noneEsc[1]} / ${c.none} | ${c.otherHit[0]} -> ${c.otherHit[1]} / ${c.other} |`);
    const key = half.endsWith('-even') ? 'held out (even ids of w16-w21)' : 'development';
    const t = (total[key] ??= blank());
    t.loop += c.loop; t.none += c.none; t.other += c.other;
    for (const k of [0, 1]) { t.loopHit[k] += c.loopHit[k]; t.noneEsc[k] += c.noneEsc[k]; t.otherHit[k] += c.otherHit[k]; }
  }
}
console.log('| set | loop recall (rules -> + learned) | ordinary escalated | other reasons right |');
console.log('|---|---|---|---|');
for (const r of rows) console.log(r);
for (const [k, c] of Object.entries(total)) {
  console.log(`| **${k}** | ${c.loopHit[0]} -> ${c.loopHit[1]} / ${c.loop} | ${c.noneEsc[0]} -> ${c.noneEsc[1]} / ${c.none} | ${c.otherHit[0]} -> ${c.otherHit[1]} / ${c.other} |`);
}
console.log(`${changed.length} conversations changed`);
if (showChanged) for (const c of changed) console.log(`  ${c}`);
