/**
 * Session 47 (fe3): plays test/fixtures/escalation-fe3/s47.jsonl (or FILE) on the support flow and prints, per kind and
 * split, how many rows end as expected (loop / none, at the row's last message), and each row that does not with -v.
 *
 *   npx tsx scripts/train-escalation/fe3Set.ts [FILE] [-v]
 */
import { readFileSync } from 'node:fs';
import { loadFlowText } from '../../shared/flow/loadFlowText';
import { playConversation } from '../../shared/simulator/playConversation';

export interface Fe3Row { id: string; kind: string; split: string; voice: string; expect: string; turns: string[] }
export function readFe3Set(file = 'test/fixtures/escalation-fe3/s47.jsonl'): Fe3Row[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Fe3Row);
}
/** The reason the row's conversation escalated with (the first handoff or offer), or 'none'. */
export function outcome(row: Fe3Row): { got: string; turn: number | null; explanation: string } {
  const flow = loadFlowText(readFileSync('flows/customer-support.json', 'utf8')).flow;
  const p = playConversation(flow, row.id, row.turns, Date.parse('2026-11-24T10:00:00Z'));
  return { got: p.escalation?.reason ?? 'none', turn: p.escalation?.turn ?? null, explanation: p.escalation?.signals[0]?.explanation ?? '' };
}
if (process.argv[1]?.endsWith('fe3Set.ts')) {
  const args = process.argv.slice(2);
  const verbose = args.includes('-v');
  const rows = readFe3Set(args.find((a) => !a.startsWith('-')));
  const tally = new Map<string, [number, number]>();
  for (const r of rows) {
    const o = outcome(r);
    const ok = r.expect === 'none' ? o.got === 'none' : o.got === r.expect && o.turn === r.turns.length - 1;
    const k = `${r.kind} ${r.split} ${r.expect}`;
    const t = tally.get(k) ?? [0, 0];
    t[1]++;
    if (ok) t[0]++;
    tally.set(k, t);
    if (verbose && !ok) console.log(`MISS ${r.id} expect ${r.expect} got ${o.got}@${o.turn}: ${JSON.stringify(r.turns.slice(1))} ${o.explanation.slice(0, 160)}`);
  }
  for (const [k, [a, b]] of [...tally].sort()) console.log(`${k}: ${a}/${b}`);
}
