/**
 * Session 47 (fe3): a per-turn log of what the loop rules could read, for every conversation of the escrfEval corpora, so
 * candidate rules are scored on odd ids in seconds before any code changes (the detector's own run stays the proof).
 * One JSON line per customer turn up to and including the first handoff / offer the policy decided:
 *   { file, id, expect, half, turn, text, recent (kept askings before, newest last), intents (entries before), entry (this
 *     message's entry after), fallbacksInRow, clearInRow, inShop, action, reason, shopQ, botLine (the bot's first line),
 *     kind (questionType), pairs: same-request scores of this message against each kept asking, newest last,
 *     chain: same-request scores of consecutive kept askings (recent[i-1] -> recent[i]) }
 *
 *   npx tsx scripts/train-escalation/fe3Log.ts > /tmp/fe3/log.jsonl
 */
import { readFileSync, readdirSync } from 'node:fs';
import { loadFlowText } from '../../shared/flow/loadFlowText';
import { createSimulation } from '../../shared/simulator/createSimulation';
import { sameRequestScore } from '../../shared/escalation/sameRequest/sameRequest';
import { guardedPairFeatures, DENSE } from '../../shared/escalation/sameRequest/features';
import { SAME_REQUEST_BIAS, SAME_REQUEST_WEIGHTS } from '../../shared/escalation/sameRequest/weights';
import { newInformation } from '../../shared/escalation/detectors/detectLoop';
import { acknowledgedFirst } from '../../shared/escalation/detectors/detectRepeatedFallback';
import { questionType } from '../../shared/escalation/questionConcepts';
import { analyzeText } from '../../shared/nlu/analyzeText';
import { inDomainScoreOfTokens, shopRequestScoreOfTokens } from '../../shared/escalation/inDomain/inDomainScore';

const files = [
  ...readdirSync('test/fixtures/escalation-corpus').map((f) => 'test/fixtures/escalation-corpus/' + f),
  ...readdirSync('test/fixtures/escalation-blind').map((f) => 'test/fixtures/escalation-blind/' + f),
  'test/fixtures/escalation/labelled.jsonl', 'test/fixtures/escalation/heldout.jsonl',
].filter((f) => f.endsWith('.jsonl'));
const flow = loadFlowText(readFileSync('flows/customer-support.json', 'utf8')).flow;
const now = Date.parse('2026-11-24T10:00:00Z');
const half = (id: string) => { const m = /(\d+)\D*$/.exec(id); return m ? (Number(m[1]) % 2 === 0 ? 'even' : 'odd') : 'odd'; };
const x = new Float64Array(DENSE);
/** The model's score with its guards (null when a guard keeps the two apart). */
function guarded(earlier: string, later: string, gap: number, fallback: boolean): number | null {
  const f = guardedPairFeatures(earlier, later, gap, fallback, x);
  if (f === null) return null;
  let z = SAME_REQUEST_BIAS;
  for (let i = 0; i < DENSE; i++) z += SAME_REQUEST_WEIGHTS[i] * f[i];
  return +(1 / (1 + Math.exp(-z))).toFixed(3);
}
type Mem = { recent: string[]; intents?: string[]; fallbacksInRow: number; clearInRow?: number; inShopStreak?: true };
for (const f of files) {
  const lines = readFileSync(f, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l))
    .map((l, i) => (l.turns ? l : { id: l.id ?? `${f}-${i + 1}`, expect: l.label, turns: ['Something else', l.text] }));
  for (const c of lines) {
    if (c.turns.length < 3) continue;
    const sim = createSimulation(flow, { now, conversationId: c.id, http: () => ({ ok: false, status: 0, body: null }) });
    for (let turn = 0; turn < c.turns.length; turn++) {
      if (turn > 0) sim.advance(20_000);
      const before: Mem = (sim.state as unknown as { escalation?: Mem }).escalation ?? { recent: [], fallbacksInRow: 0 };
      const recent = [...before.recent];
      const intents = [...(before.intents ?? [])];
      const t0 = sim.transcript.length;
      const steps = sim.say(c.turns[turn]);
      const d = steps.map((s) => s.decision).find((x) => x);
      const after: Mem = (sim.state as unknown as { escalation?: Mem }).escalation ?? { recent: [], fallbacksInRow: 0 };
      const a = analyzeText(c.turns[turn]);
      const n = a.normalized;
      const botLines = sim.transcript.slice(t0).filter((t) => t.from !== 'customer').map((t) => t.text);
      const row = {
        file: f.replace(/^.*\//, ''), id: c.id, expect: c.expect, half: half(c.id), turn, text: n, recent, intents,
        entry: after.intents && after.intents.length > 0 ? after.intents[after.intents.length - 1] : null,
        fallbacksInRow: after.fallbacksInRow, clearInRow: after.clearInRow ?? 0, inShop: after.inShopStreak === true,
        action: d?.action ?? null, reason: d?.reason ?? null, shopQ: d?.shopQuestion === true, bot: botLines.map((l) => l.slice(0, 40)),
        kind: questionType(n), inDom: +inDomainScoreOfTokens(a.tokens).toFixed(3), shopReq: +shopRequestScoreOfTokens(a.tokens).toFixed(3),
        pairs: recent.map((e, i) => +sameRequestScore(e, n, recent.length - i, true).toFixed(3)),
        chain: recent.slice(1).map((e, i) => +sameRequestScore(recent[i], e, 1, true).toFixed(3)),
        gpairs: recent.map((e, i) => guarded(e, n, recent.length - i, true)),
        gchain: recent.slice(1).map((e, i) => guarded(recent[i], e, 1, true)),
        newInfo: newInformation(n), ack: acknowledgedFirst(a) !== null, words: a.tokens.length, digits: /\d/.test(n),
      };
      process.stdout.write(JSON.stringify(row) + '\n');
      if (d && (d.action === 'handoff' || d.action === 'offer')) break;
    }
  }
}
