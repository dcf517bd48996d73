/**
 * Session 22 (round nine): per writer and reason, the shipped model against models that never saw that writer
 * (escrfEval.ts `--out` files: rows {file, id, expect, got}), and the same totals. Recall per reason (first escalation
 * named as expected) and false escalations (an ordinary conversation handed over).
 *
 *   npx tsx scripts/train-escalation/roundNineTable.ts SHIPPED.json CANDIDATE.json [CANDIDATE.json...]
 *   (rows of the same conversations; every candidate file's rows are compared with the shipped rows of the same ids)
 */
import { readFileSync } from 'node:fs';

type Row = { file: string; id: string; expect: string; got: string };
const [oldFile, ...newFiles] = process.argv.slice(2);
if (!oldFile || newFiles.length === 0) {
  console.error('usage: roundNineTable.ts SHIPPED.json CANDIDATE.json...');
  process.exit(2);
}
const read = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as Row[];
const old = new Map(read(oldFile).map((r) => [`${r.file}|${r.id}`, r]));
const cand = newFiles.flatMap(read);
const REASONS = ['explicit_request', 'negative_sentiment', 'sensitive_topic', 'urgency', 'loop', 'repeated_fallback', 'low_confidence'];
const short: Record<string, string> = { explicit_request: 'ER', negative_sentiment: 'NS', sensitive_topic: 'ST', urgency: 'UR', loop: 'LO', repeated_fallback: 'RF', low_confidence: 'LC' };
type Acc = Record<string, [number, number, number]>; // reason -> [old hits, new hits, n]; 'FE' -> [old fe, new fe, n]
const by = new Map<string, Acc>();
const add = (k: string, key: string, o: boolean, n: boolean) => {
  const acc = by.get(k) ?? {};
  by.set(k, acc);
  const a = (acc[key] ??= [0, 0, 0]);
  if (o) a[0]++;
  if (n) a[1]++;
  a[2]++;
};
let missing = 0;
for (const r of cand) {
  const o = old.get(`${r.file}|${r.id}`);
  if (!o) {
    missing++;
    continue;
  }
  const writer = r.file.replace(/^.*\//, '').replace(/(-conversations)?\.jsonl$/, '');
  for (const k of [writer, 'TOTAL']) {
    if (r.expect === 'none') add(k, 'FE', o.got !== 'none', r.got !== 'none');
    else add(k, r.expect, o.got === r.expect, r.got === r.expect);
  }
}
const pct = (a: number, n: number) => (n === 0 ? '-' : ((100 * a) / n).toFixed(1));
const cols = [...REASONS, 'FE'];
console.log(`| writer | ${cols.map((c) => `${short[c] ?? c} shipped -> unseen`).join(' | ')} |`);
console.log(`|---|${cols.map(() => '---').join('|')}|`);
const keys = [...by.keys()].filter((k) => k !== 'TOTAL').sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))).concat('TOTAL');
for (const k of keys) {
  const acc = by.get(k)!;
  console.log(`| ${k} | ${cols.map((c) => (acc[c] ? `${pct(acc[c][0], acc[c][2])} -> ${pct(acc[c][1], acc[c][2])} (${acc[c][2]})` : '')).join(' | ')} |`);
}
if (missing) console.log(`(${missing} candidate rows had no shipped row)`);
