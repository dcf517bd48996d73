/**
 * Session 47 (fe3): per customer turn of a conversation, what the loop rules read: the kept askings (memory.recent), the
 * intent entries, whether the bot could use the message, the question kind, and the same-request model's score against
 * every kept asking.
 *
 *   npx tsx scripts/train-escalation/fe3Diag.ts FILE.jsonl ID [ID ...]
 */
import { readFileSync } from 'node:fs';
import { loadFlowText } from '../../shared/flow/loadFlowText';
import { createSimulation } from '../../shared/simulator/createSimulation';
import { sameRequestScore } from '../../shared/escalation/sameRequest/sameRequest';
import { questionType, questionConcepts } from '../../shared/escalation/questionConcepts';
import { analyzeText } from '../../shared/nlu/analyzeText';
import { inDomainScoreOfTokens, shopRequestScoreOfTokens } from '../../shared/escalation/inDomain/inDomainScore';

const [file, ...ids] = process.argv.slice(2);
const flow = loadFlowText(readFileSync('flows/customer-support.json', 'utf8')).flow;
const now = Date.parse('2026-11-24T10:00:00Z');
const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
for (const id of ids) {
  const conv = lines.find((l, i) => (l.id ?? `${file}-${i + 1}`) === id || String(l.id).endsWith(id));
  if (!conv) { console.log(`${id}: not found`); continue; }
  console.log(`\n=== ${conv.id} (${conv.expect ?? conv.label})`);
  const sim = createSimulation(flow, { now, conversationId: id, http: () => ({ ok: false, status: 0, body: null }) });
  for (const t of conv.turns as string[]) {
    sim.advance(20_000);
    const before = (sim.state as { escalation?: { recent: string[] } }).escalation?.recent ?? [];
    const steps = sim.say(t);
    const d = steps.map((s) => s.decision).find((x) => x);
    const mem = (sim.state as { escalation?: { recent: string[]; intents?: string[]; fallbacksInRow: number; clearInRow?: number; inShopStreak?: true } }).escalation;
    const a = analyzeText(t); const n = a.normalized;
    const toks = a.tokens;
    const scores = before.map((e, i) => `${(sameRequestScore(e, n, before.length - i, true)).toFixed(2)}`).join(' ');
    console.log(`C: ${t}`);
    console.log(`   kind ${questionType(n)} concepts [${questionConcepts(n).join(',')}] inDom ${inDomainScoreOfTokens(toks).toFixed(2)} shopReq ${shopRequestScoreOfTokens(toks).toFixed(2)} model vs kept [${scores}]`);
    console.log(`   decision ${d ? `${d.action}/${d.reason ?? '-'}${d.shopQuestion ? ' shopQ' : ''}` : '-'}; mem fb ${mem?.fallbacksInRow} clear ${mem?.clearInRow ?? '-'} inShop ${mem?.inShopStreak ?? '-'} intents [${mem?.intents?.join('|') ?? ''}]`);
    for (const x of steps) for (const b of x.messages ?? []) void b;
  }
}
