/**
 * Bench section "scenarios and batch what-if": what `baton test` and the studio's batch what-if cost.
 *
 * Baseline, measured in the same run: `playConversation` (what `baton simulate` does per conversation) over
 * the same labelled conversations, so runBatch's extra work (traversal counts per block and edge, fallbacks,
 * drop-offs, the per-reason lists) shows as a ratio that travels between machines.
 *
 * Run alone: `npx tsx test/bench/scenariosBench.ts`; `npm run bench` runs it with the other sections.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { validateFlow } from '../../shared/flow/validateFlow';
import type { Flow } from '../../shared/flow/schema';
import { diffBatch, parseConversationsJsonl, runBatch } from '../../shared/simulator/batchWhatIf';
import { playConversation } from '../../shared/simulator/playConversation';
import { parseScenarioText } from '../../shared/simulator/scenarioSchema';
import { runScenarioFile } from '../../shared/simulator/scenarioRunner';
import { table } from './benchTable';

const root = new URL('../../', import.meta.url);
const NOW = Date.parse('2026-03-02T10:00:00Z');

function loadFlow(name: string): Flow {
  const r = validateFlow(JSON.parse(readFileSync(new URL(`flows/${name}.json`, root), 'utf8')));
  if (!r.flow) throw new Error(`${name} does not load`);
  return r.flow;
}

/** Median of `runs` timings (ms) after one warm-up. */
function median(runs: number, fn: () => void): number {
  fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)];
}

export function scenariosBench(runs = 5): void {
  const flow = loadFlow('customer-support');
  const { conversations } = parseConversationsJsonl(readFileSync(new URL('test/fixtures/escalation/labelled.jsonl', root), 'utf8'));
  const n = conversations.length;

  const baseline = median(runs, () => {
    for (const c of conversations) playConversation(flow, c.id, c.turns, NOW);
  });
  let before = runBatch(flow, conversations, { now: NOW });
  const batch = median(runs, () => {
    before = runBatch(flow, conversations, { now: NOW });
  });
  const stricter: Flow = { ...flow, escalation: { ...flow.escalation, negativeSentiment: { ...flow.escalation.negativeSentiment, threshold: -0.8 } } };
  const after = runBatch(stricter, conversations, { now: NOW });
  const diff = median(runs, () => diffBatch(before, after));

  const samples = ['customer-support', 'insurance-claims', 'lead-gen', 'travel-urgency'].map((name) => {
    const parsed = parseScenarioText(readFileSync(new URL(`flows/${name}.scenarios.json`, root), 'utf8'));
    if (!parsed.ok) throw new Error(`${name}.scenarios.json is invalid`);
    return { flow: loadFlow(name), file: parsed.file };
  });
  const scenarioCount = samples.reduce((k, s) => k + s.file.scenarios.length, 0);
  const scenarios = median(runs, () => {
    for (const s of samples) runScenarioFile(s.flow, s.file);
  });

  const perSec = (count: number, ms: number) => Math.round((count * 1000) / ms).toLocaleString('en');
  table(`Scenarios and batch what-if (shared/simulator; ${n} labelled conversations, median of ${runs} runs)`, [
    ['what', 'total ms', 'per second', 'vs baseline'],
    [`baseline: playConversation x ${n} (baton simulate)`, batch ? baseline.toFixed(1) : '-', perSec(n, baseline) + ' conversations', '1.00x'],
    [`runBatch x ${n} (rates, traversals, drop-offs)`, batch.toFixed(1), perSec(n, batch) + ' conversations', (batch / baseline).toFixed(2) + 'x'],
    ['diffBatch of two runs', diff.toFixed(3), '-', '-'],
    [`every sample scenario (${scenarioCount}, 4 flows)`, scenarios.toFixed(1), perSec(scenarioCount, scenarios) + ' scenarios', '-'],
  ]);
  console.log(
    `\nWhat-if example in the same run: negative-sentiment threshold -0.5 -> -0.8 moves the escalation rate ` +
      `${(before.escalationRate * 100).toFixed(1)}% -> ${(after.escalationRate * 100).toFixed(1)}% and the handoff rate ` +
      `${(before.handoffRate * 100).toFixed(1)}% -> ${(after.handoffRate * 100).toFixed(1)}% on these ${n} conversations.`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) scenariosBench();
