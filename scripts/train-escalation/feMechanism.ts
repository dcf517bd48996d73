/**
 * Session 18 (esc): which mechanism hands over ordinary conversations (expected "none") in every corpus, counted by
 * the deciding signal's reason, its source (rule / classifier / designer) and the shape of its explanation (quoted
 * words and numbers blanked), so the biggest mechanism can be cut by a rule. Held-out even halves of w31-w34 are
 * counted in the totals but their texts are never printed.
 *
 *   npx tsx scripts/train-escalation/feMechanism.ts [--root DIR] [--show N] [--reason R] [files...]
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('../../', import.meta.url));
const args = process.argv.slice(2);
const opt = (k: string) => { const i = args.indexOf(k); if (i < 0) return undefined; const v = args[i + 1]; args.splice(i, 2); return v; };
const root = (opt('--root') ?? here).replace(/\/?$/, '/');
const show = Number(opt('--show') ?? '0');
const only = opt('--reason');
const expectOpt = opt('--expect') ?? 'none';
const files = args.length > 0 ? args : readdirSync(here + 'test/fixtures/escalation-corpus').map((f) => 'test/fixtures/escalation-corpus/' + f).filter((f) => f.endsWith('.jsonl'));
const { loadFlowText } = await import(root + 'shared/flow/loadFlowText.ts');
const { playConversation } = await import(root + 'shared/simulator/playConversation.ts');
const flow = loadFlowText(readFileSync(root + 'flows/customer-support.json', 'utf8')).flow;
const now = Date.parse('2026-11-24T10:00:00Z');
const heldOut = (f: string, id: string) => /w3[1-4]/.test(f) && Number((/(\d+)\D*$/.exec(id) ?? ['', '1'])[1]) % 2 === 0;
const shape = (s: string) => s.replace(/"[^"]*"/g, '"…"').replace(/\d+(\.\d+)?/g, 'N').slice(0, 110);
const counts = new Map<string, { n: number; held: number; ex: string[] }>();
let total = 0;
for (const f of files) {
  const lines = readFileSync(here + f, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l))
    .map((l, i) => (l.turns ? l : { id: l.id ?? `${f}-${i + 1}`, expect: l.label, turns: ['Something else', l.text] }));
  for (const l of lines) {
    if (l.expect !== expectOpt) continue;
    const p = playConversation(flow, l.id, l.turns, now);
    const e = p.escalation;
    if (!e || (expectOpt !== 'none' && e.reason === expectOpt)) continue;
    if (only && e.reason !== only) continue;
    total++;
    const s = e.signals.find((x: { reason: string }) => x.reason === e.reason) ?? e.signals[0];
    const key = `${e.reason} [${s?.source ?? '?'}] ${shape(s?.explanation ?? '')}`;
    const c = counts.get(key) ?? { n: 0, held: 0, ex: [] };
    c.n++;
    if (heldOut(f, l.id)) c.held++;
    else if (c.ex.length < show) c.ex.push(`${f.replace(/^.*\//, '')} ${l.id} t${e.turn}: ${JSON.stringify(l.turns.slice(0, e.turn + 1))} :: ${s?.explanation}`);
    counts.set(key, c);
  }
}
console.log(`expected ${expectOpt}, handed over (or offered) wrongly: ${total}`);
for (const [k, c] of [...counts].sort((a, b) => b[1].n - a[1].n)) {
  console.log(`${String(c.n).padStart(4)} (held-out ${c.held}) ${k}`);
  for (const x of c.ex) console.log('        ' + x.slice(0, 400));
}
