/**
 * Session 47 (fe3): print the development corpora's misses of one expected reason (odd ids only unless --half even|all),
 * with the transcript (customer and bot) and the first escalation's reason and part, from an escrfEval --out file.
 *
 *   npx tsx scripts/train-escalation/fe3Misses.ts /tmp/fe3-0.json --expect loop [--got none] [--half odd] [--file w5]
 */
import { readFileSync } from 'node:fs';
import { loadFlowText } from '../../shared/flow/loadFlowText';
import { playConversation } from '../../shared/simulator/playConversation';

const args = process.argv.slice(2);
const opt = (k: string) => { const i = args.indexOf(k); if (i < 0) return undefined; const v = args[i + 1]; args.splice(i, 2); return v; };
const expect = opt('--expect') ?? 'loop';
const gotOpt = opt('--got');
const halfOpt = opt('--half') ?? 'odd';
const fileOpt = opt('--file');
const rows: { file: string; id: string; expect: string; got: string; part?: string }[] = JSON.parse(readFileSync(args[0], 'utf8'));
const half = (id: string) => { const m = /(\d+)\D*$/.exec(id); return m ? (Number(m[1]) % 2 === 0 ? 'even' : 'odd') : 'odd'; };
const flow = loadFlowText(readFileSync('flows/customer-support.json', 'utf8')).flow;
const now = Date.parse('2026-11-24T10:00:00Z');
const cache = new Map<string, Map<string, string[]>>();
const turnsOf = (f: string, id: string) => {
  if (!cache.has(f)) {
    const m = new Map<string, string[]>();
    readFileSync(f, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l)).forEach((l, i) => {
      m.set(l.id ?? `${f}-${i + 1}`, l.turns ?? ['Something else', l.text]);
    });
    cache.set(f, m);
  }
  return cache.get(f)!.get(id)!;
};
let n = 0;
for (const r of rows) {
  if (r.expect !== expect || r.got === expect) continue;
  if (expect === 'none' && r.got === 'none') continue;
  if (gotOpt && r.got !== gotOpt) continue;
  if (halfOpt !== 'all' && half(r.id) !== halfOpt) continue;
  if (fileOpt && !r.file.includes(fileOpt)) continue;
  n++;
  const turns = turnsOf(r.file, r.id);
  const p = playConversation(flow, r.id, turns, now);
  console.log(`\n=== ${r.id.replace(/^.*\//, '')} expect ${r.expect} got ${r.got}${r.part ? ` (${r.part})` : ''}${p.escalation ? ` at turn ${p.escalation.turn}` : ''}`);
  for (const t of p.transcript) console.log(`  ${t.from === 'customer' ? 'C' : 'B'}: ${t.text.replace(/\s+/g, ' ').slice(0, 200)}`);
}
console.log(`\n${n} conversations`);
