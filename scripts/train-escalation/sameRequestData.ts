/**
 * Records what the loop detector sees for every customer message of every labelled conversation corpus: the message,
 * whether the bot could use it, and `memory.recent` (the earlier questions it may repeat), with the conversation's label
 * and where the shipped detectors escalated it. The same-request model (shared/escalation/sameRequest) is trained and
 * judged on these records by sameRequestTrain.ts.
 *
 *   npx tsx scripts/train-escalation/sameRequestData.ts OUT.jsonl [SET.jsonl ...]
 *
 * Without sets: every conversation corpus in test/fixtures (escalation-corpus, escalation-blind, escalation/*).
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { basename } from 'node:path';
import { setLoopProbe, useLearnedLoop } from '../../shared/escalation/detectors/detectLoop';
import { playConversation } from '../../shared/simulator/playConversation';
import { loadSupportFlow, readLabelled, REPORT_NOW } from '../../test/bench/escalationReport';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface ProbedMessage {
  turn: number;
  text: string;
  normalized: string;
  fallback: boolean;
  recent: string[];
}
export interface ProbedConversation {
  set: string;
  id: string;
  expect: string;
  escalation: { reason: string; turn: number } | null;
  messages: ProbedMessage[];
}

export function defaultSets(): string[] {
  const dirs = ['test/fixtures/escalation-corpus', 'test/fixtures/escalation-blind', 'test/fixtures/escalation'];
  const out: string[] = [];
  for (const d of dirs) {
    for (const f of readdirSync(root + d).sort()) {
      if (!f.endsWith('.jsonl')) continue;
      if (d.endsWith('escalation-corpus') && !f.includes('conversations')) continue;
      out.push(`${root}${d}/${f}`);
    }
  }
  return out;
}

export function probeSets(files: string[]): ProbedConversation[] {
  const flow = loadSupportFlow();
  // What the rules alone decide: the model is judged on what it adds to them.
  useLearnedLoop(false);
  const now = Date.parse(REPORT_NOW);
  const out: ProbedConversation[] = [];
  for (const file of files) {
    const set = basename(file).replace(/(-conversations)?\.jsonl$/, '');
    for (const l of readLabelled(file)) {
      const messages: ProbedMessage[] = [];
      setLoopProbe((facts, memory) => {
        messages.push({ turn: facts.turn, text: facts.text, normalized: facts.analysis.normalized, fallback: facts.fallback, recent: [...memory.recent] });
      });
      const played = playConversation(flow, l.id, l.turns, now);
      setLoopProbe(null);
      out.push({ set, id: l.id, expect: l.expect, escalation: played.escalation ? { reason: played.escalation.reason, turn: played.escalation.turn } : null, messages });
    }
  }
  useLearnedLoop(true);
  return out;
}

if (process.argv[1] && import.meta.url.endsWith(basename(process.argv[1]))) {
  const [outFile, ...sets] = process.argv.slice(2);
  const probed = probeSets(sets.length > 0 ? sets : defaultSets());
  writeFileSync(outFile, probed.map((p) => JSON.stringify(p)).join('\n') + '\n');
  console.log(`${probed.length} conversations, ${probed.reduce((n, p) => n + p.messages.length, 0)} messages -> ${outFile}`);
}
