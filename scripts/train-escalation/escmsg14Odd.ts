/**
 * escmsg, session 14: the misses of a new corpus's ODD ids only (the even half is held out and never printed), with the
 * signals that fired, for the code at --root (default: this checkout).
 *   npx tsx scripts/train-escalation/escmsg14Odd.ts test/fixtures/escalation-corpus/w31-conversations.jsonl [--root DIR] [--reason negative_sentiment]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('../../', import.meta.url));
const args = process.argv.slice(2);
const opt = (k: string) => { const i = args.indexOf(k); if (i < 0) return undefined; const v = args[i + 1]; args.splice(i, 2); return v; };
const root = (opt('--root') ?? here).replace(/\/?$/, '/');
const only = opt('--reason');
const file = args[0];
if (!file) throw new Error('usage: escmsg14Odd.ts <corpus.jsonl> [--root DIR] [--reason R]');
const { loadFlowText } = await import(root + 'shared/flow/loadFlowText.ts');
const played = await import(root + 'shared/simulator/playConversation.ts');
const flow = loadFlowText(readFileSync(root + 'flows/customer-support.json', 'utf8')).flow;
const now = Date.parse('2026-11-24T10:00:00Z');
for (const line of readFileSync(here + file, 'utf8').split('\n').filter((l) => l.trim() !== '')) {
  const c = JSON.parse(line) as { id: string; expect: string; turns: string[]; kind?: string };
  const n = Number(/(\d+)\D*$/.exec(c.id)?.[1] ?? 0);
  if (n % 2 === 0) continue; // held out
  if (only && c.expect !== only) continue;
  const p = played.playConversation(flow, c.id, c.turns, now);
  const e = played.escalationOrClarify ? played.escalationOrClarify(p, c.turns.length) : p.escalation;
  const got = e?.reason ?? 'none';
  if (got === c.expect) continue;
  console.log(`${c.id} expect ${c.expect} got ${got} [${c.kind ?? ''}] ${c.turns.slice(1).join(' || ')}`);
  for (const s of (p.escalation?.signals ?? []) as { explanation: string }[]) console.log(`    ${s.explanation}`);
}
