/**
 * escmsg, session 15: for every conversation of the message-level corpora, the reasons that fired on the turn the flow
 * escalated (or on the last turn when it did not), with each signal's source and, for topics, the topic; written as JSON
 * lines for the reason-order analysis (escmsg15Order.ts). Held-out halves (--hold w31,w34: their even ids) are skipped.
 *   npx tsx scripts/train-escalation/escmsg15Signals.ts [--root DIR] [--hold w31,w34] --out /tmp/escmsg/signals.jsonl [files...]
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('../../', import.meta.url));
const args = process.argv.slice(2);
const opt = (k: string) => { const i = args.indexOf(k); if (i < 0) return undefined; const v = args[i + 1]; args.splice(i, 2); return v; };
const root = (opt('--root') ?? here).replace(/\/?$/, '/');
const out = opt('--out');
const hold = (opt('--hold') ?? 'w31,w34').split(',').filter(Boolean);
if (!out) throw new Error('usage: escmsg15Signals.ts --out FILE [--root DIR] [--hold w31,w34] [files...]');
const files = args.length > 0 ? args : readdirSync(here + 'test/fixtures/escalation-corpus').map((f) => 'test/fixtures/escalation-corpus/' + f).filter((f) => f.endsWith('.jsonl'));
const { loadFlowText } = await import(root + 'shared/flow/loadFlowText.ts');
const played = await import(root + 'shared/simulator/playConversation.ts');
const flow = loadFlowText(readFileSync(root + 'flows/customer-support.json', 'utf8')).flow;
const now = Date.parse('2026-11-24T10:00:00Z');
const lines: string[] = [];
for (const f of files) {
  const writer = f.replace(/^.*\//, '').replace(/(-conversations)?\.jsonl$/, '');
  const rows = readFileSync(here + f, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l))
    .map((l, i) => (l.turns ? l : { id: l.id ?? `${writer}-${i + 1}`, expect: l.label, turns: ['Something else', l.text], kind: l.kind }));
  for (const c of rows as { id: string; expect: string; turns: string[]; kind?: string }[]) {
    const n = Number(/(\d+)\D*$/.exec(c.id)?.[1] ?? 1);
    if (hold.includes(writer) && n % 2 === 0) continue;
    if (c.turns.length > 3) continue; // message-level: one or two customer messages
    const p = played.playConversation(flow, c.id, c.turns, now);
    const e = p.escalation;
    const got = e?.reason ?? 'none';
    const sig = ((e?.signals ?? []) as { reason: string; source?: string; score: number; evidence: string[]; explanation: string }[])
      .map((s) => ({ reason: s.reason, source: s.source ?? "rule", score: Number(s.score.toFixed(3)), ev: s.evidence.slice(0, 3), why: s.explanation.slice(0, 160) }));
    lines.push(JSON.stringify({ writer, id: c.id, expect: c.expect, got, kind: c.kind ?? '', sig }));
  }
}
writeFileSync(out, lines.join('\n') + '\n');
console.log(`${lines.length} conversations -> ${out}`);
