/**
 * Session 48 (fe4): play a labelled set through the customer-support flow the way keptOutReport / escrfEval do
 * (same flow, same clock 2026-11-24T10:00Z, escalationOrClarify) and print per kind and voice how many were right,
 * then, with --show, each wrong conversation with the bot's replies and the deciding part.
 *
 *   npx tsx scripts/train-escalation/fe4Play.ts FILE.jsonl [--show] [--json OUT]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadSupportFlow, REPORT_NOW } from '../../test/bench/escalationReport';
import { escalationPart } from '../../test/bench/escalationPart';
import { escalationOrClarify, playConversation } from '../../shared/simulator/playConversation';

const args = process.argv.slice(2);
const show = args.includes('--show');
const ji = args.indexOf('--json');
const jsonOut = ji >= 0 ? args.splice(ji, 2)[1] : undefined;
const file = args.find((a) => !a.startsWith('--'))!;
const modelFile = process.env.FE4_MODEL;
if (modelFile) {
  // An in-domain model from inDomainTrain.ts --json, used instead of the shipped weights (as escrfEval's --model).
  const { useInDomainModel } = await import('../../shared/escalation/inDomain/inDomainScore');
  const m = JSON.parse(readFileSync(modelFile, 'utf8'));
  useInDomainModel({ bias: m.bias, weights: Float32Array.from(m.weights) });
}
const flow = loadSupportFlow();
const topicNames = new Set(flow.escalation?.sensitiveTopics?.topics.map((t) => t.name) ?? []);
const now = Date.parse(REPORT_NOW);
const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
const tally = new Map<string, [number, number]>();
const rows: { id: string; expect: string; got: string; part?: string }[] = [];
for (const l of lines) {
  const p = playConversation(flow, l.id, l.turns, now);
  const e = escalationOrClarify(p, l.turns.length);
  const got = e?.reason ?? 'none';
  const part = e ? escalationPart(p.escalation ?? p.asked ?? e, topicNames) : undefined;
  const ok = got === l.expect;
  for (const k of [`${l.expect}`, `${l.expect} ${l.voice ?? ''}`]) {
    const t = tally.get(k) ?? [0, 0];
    t[1]++;
    if (ok) t[0]++;
    tally.set(k, t);
  }
  rows.push({ id: l.id, expect: l.expect, got, ...(part ? { part } : {}) });
  if (show && !ok) {
    console.log(`\n## ${l.id} expect ${l.expect} got ${got}${part ? ` (${part})` : ''} turn ${e?.turn ?? '-'}`);
    for (const t of p.transcript) console.log(`  ${t.from === 'customer' || t.from === 'user' ? 'C' : t.from.slice(0, 1).toUpperCase()}: ${t.text.replace(/\n/g, ' ').slice(0, 160)}`);
  }
}
console.log(`\n${file}`);
for (const [k, [a, b]] of [...tally.entries()].sort()) console.log(`${k.padEnd(32)} ${a}/${b}`);
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(rows));
