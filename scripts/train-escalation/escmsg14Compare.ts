/**
 * escmsg, session 14: compare two escrfEval --out files (before, after): per corpus and per half (odd / even ids), the
 * message-level reasons' recall and ordinary conversations escalated, before -> after, and how many conversations were
 * won and lost (by corpus and reason). Prints ids only for odd halves and older corpora with --ids (never even-half
 * texts).
 *   npx tsx scripts/train-escalation/escmsg14Compare.ts /tmp/escmsg/base.json /tmp/escmsg/after.json [--ids] [--only w30,w31]
 */
import { readFileSync } from 'node:fs';

type Row = { file: string; id: string; expect: string; got: string };
const args = process.argv.slice(2);
const showIds = args.includes('--ids');
const oi = args.indexOf('--only');
const only = oi >= 0 ? args[oi + 1].split(',') : null;
const [a, b] = args.filter((x, i) => !x.startsWith('--') && (oi < 0 || i !== oi + 1));
if (!a || !b) throw new Error('usage: escmsg14Compare.ts <before.json> <after.json> [--ids] [--only w30,w31]');
const load = (f: string): Row[] => { const j = JSON.parse(readFileSync(f, 'utf8')); return Array.isArray(j) ? j : j.rows; };
const before = load(a);
const after = new Map(load(b).map((r) => [r.file + '|' + r.id, r]));
const half = (id: string) => { const m = /(\d+)\D*$/.exec(id); return m ? (Number(m[1]) % 2 === 0 ? 'even' : 'odd') : 'odd'; };
const name = (f: string) => f.replace(/^.*\//, '').replace(/(-conversations)?\.jsonl$/, '');
const REASONS = ['explicit_request', 'negative_sentiment', 'sensitive_topic', 'urgency', 'loop', 'repeated_fallback', 'low_confidence'];
type Cell = Record<string, [number, number, number]>; // reason -> [before ok, after ok, total]; 'none' = escalated count
const cells = new Map<string, Cell>();
let won = 0; let lost = 0;
const moves: string[] = [];
for (const r of before) {
  const s = after.get(r.file + '|' + r.id);
  if (!s) continue;
  const c = name(r.file);
  for (const key of [c, `${c}-${half(r.id)}`, 'TOTAL', `TOTAL-${half(r.id)}`]) {
    const cell = cells.get(key) ?? {}; cells.set(key, cell);
    const x = (cell[r.expect] ??= [0, 0, 0]);
    if (r.expect === 'none') { x[0] += r.got !== 'none' ? 1 : 0; x[1] += s.got !== 'none' ? 1 : 0; } else { x[0] += r.got === r.expect ? 1 : 0; x[1] += s.got === r.expect ? 1 : 0; }
    x[2]++;
  }
  if (r.got !== s.got) {
    const w = r.expect === 'none' ? (s.got === 'none' ? 1 : r.got === 'none' ? -1 : 0) : (s.got === r.expect ? 1 : r.got === r.expect ? -1 : 0);
    if (w > 0) won++; if (w < 0) lost++;
    const even = half(r.id) === 'even' && /^w(3[0-9])/.test(c);
    moves.push(`${w > 0 ? 'WON ' : w < 0 ? 'LOST' : 'MOVE'} ${c}${even ? ' (held-out even)' : ` ${r.id}`} expect ${r.expect}: ${r.got} -> ${s.got}`);
  }
}
const fmt = (cell: Cell) => [...REASONS, 'none'].filter((k) => cell[k]).map((k) => {
  const [x, y, t] = cell[k]; return `${k === 'none' ? 'FE' : k.replace(/_.*$/, '').slice(0, 4)} ${x}${x !== y ? '->' + y : ''}/${t}`;
}).join('  ');
for (const [k, cell] of cells) {
  if (only && !only.some((o) => k === o || k.startsWith(o + '-'))) continue;
  const changed = Object.values(cell).some(([x, y]) => x !== y);
  if (only || changed || k.startsWith('TOTAL')) console.log(k.padEnd(14), fmt(cell));
}
console.log(`won ${won}, lost ${lost}`);
if (showIds) for (const m of moves) console.log(m);
