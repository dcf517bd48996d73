/**
 * Session 44 (loop2): a labelled conversation file played on the support flow, recall per voice and per half (odd ids
 * train, even ids held out), for loop, repeated fallback and ordinary conversations kept (not handed over):
 *
 *   npx tsx scripts/train-escalation/voiceReport.ts [--root DIR] [--out rows.json] [--miss odd] FILE.jsonl
 *
 * `--miss odd` lists the odd-id conversations decided wrongly (the training half: read those, never the even ones).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('../../', import.meta.url));
const args = process.argv.slice(2);
const opt = (k: string) => { const i = args.indexOf(k); if (i < 0) return undefined; const v = args[i + 1]; args.splice(i, 2); return v; };
const root = (opt('--root') ?? here).replace(/\/?$/, '/');
const out = opt('--out');
const miss = opt('--miss');
const file = args[0];
if (!file) throw new Error('usage: voiceReport.ts [--root DIR] [--out rows.json] [--miss odd] FILE.jsonl');
const { loadFlowText } = await import(root + 'shared/flow/loadFlowText.ts');
const played = await import(root + 'shared/simulator/playConversation.ts');
const flow = loadFlowText(readFileSync(root + 'flows/customer-support.json', 'utf8')).flow;
const now = Date.parse('2026-11-24T10:00:00Z');
type Row = { id: string; expect: string; turns: string[]; voice: string; kind?: string };
const rows: Row[] = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));
const half = (id: string) => (Number(/(\d+)\D*$/.exec(id)?.[1] ?? 1) % 2 === 0 ? 'even' : 'odd');
const cells = new Map<string, [number, number]>();
const results: { id: string; expect: string; got: string; voice: string }[] = [];
for (const r of rows) {
  const p = played.playConversation(flow, r.id, r.turns, now);
  const e = played.escalationOrClarify ? played.escalationOrClarify(p, r.turns.length) : p.escalation;
  const got: string = e?.reason ?? 'none';
  results.push({ id: r.id, expect: r.expect, got, voice: r.voice });
  for (const h of [half(r.id), 'all']) for (const v of [r.voice, 'all']) {
    const c = cells.get(`${r.expect}|${v}|${h}`) ?? [0, 0];
    c[1]++; if (got === r.expect) c[0]++;
    cells.set(`${r.expect}|${v}|${h}`, c);
  }
  if (miss && half(r.id) === miss && got !== r.expect) console.log(`MISS ${r.id} ${r.voice} expect ${r.expect} got ${got}: ${JSON.stringify(r.turns.slice(1))}`);
}
const voices = [...new Set(rows.map((r) => r.voice)), 'all'];
const cell = (k: string) => { const c = cells.get(k); return c ? `${c[0]}/${c[1]}` : '-'; };
for (const h of ['even', 'odd', 'all']) {
  console.log(`\n${h === 'even' ? 'held-out (even ids)' : h === 'odd' ? 'train (odd ids)' : 'all'}:`);
  console.log('| voice | loop | repeated fallback | ordinary kept |');
  console.log('|---|---|---|---|');
  for (const v of voices) console.log(`| ${v} | ${cell(`loop|${v}|${h}`)} | ${cell(`repeated_fallback|${v}|${h}`)} | ${cell(`none|${v}|${h}`)} |`);
}
if (out) writeFileSync(out, JSON.stringify(results.map((r) => ({ file: file, ...r }))));
