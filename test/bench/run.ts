/**
 * `npm run bench`: engine and escalation numbers for flows/customer-support.json, printed as tables with a
 * baseline measured in the same run (so numbers from different machines can be compared by ratio).
 * Never pass/fail: it reports, and marks each target as met or not.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { receive, start } from '../../shared/engine/engine';
import type { ConversationState, Input } from '../../shared/engine/types';
import { evaluateEscalation, initialEscalationMemory } from '../../shared/escalation/evaluateEscalation';
import type { TurnFacts } from '../../shared/escalation/types';
import { loadFlowText } from '../../shared/flow/loadFlowText';
import type { Flow } from '../../shared/flow/schema';
import { analyzeText } from '../../shared/nlu/analyzeText';
import { playConversation } from '../../shared/simulator/playConversation';
import { fillTemplate, messagePool, messageTemplates, randomConversation, resolveClick, seededRandom } from './conversationGenerator';
import { editBench } from './editBench';
import { validateBench } from './validateBench';
import { conversationMemoryBench } from './conversationMemoryBench';
import { runtimeBench } from './runtime';
import { redisStoreBench } from './redisStoreBench';
import { canvasBench } from './canvas';
import { studioBench } from './studioBench';
import { scenariosBench } from './scenariosBench';
import { escalationBench } from './escalationBench';
import { handoffBench } from './handoffBench';
import { vocabularyBench } from './vocabularyBench';
import { table } from './benchTable';

const root = fileURLToPath(new URL('../../', import.meta.url));
const loaded = loadFlowText(readFileSync(root + 'flows/customer-support.json', 'utf8'));
if (!loaded.ok || !loaded.flow) throw new Error('flows/customer-support.json is invalid; run baton validate');
const flow: Flow = loaded.flow;
const NOW = Date.parse('2026-11-24T10:00:00Z'); // a Tuesday morning: the support team is open

function time<T>(fn: () => T): { ms: number; result: T } {
  const t0 = performance.now();
  const result = fn();
  return { ms: performance.now() - t0, result };
}

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

/* ---------------------------------------------------------------- baseline */
// The baseline is plain JavaScript work on the same messages (lower-case, split, join, JSON round-trip of a
// small object): what any implementation has to pay at least once per turn. Ratios to it travel between machines.
const rand = seededRandom(42);
const baselineMessages = Array.from({ length: 20_000 }, () => messagePool[Math.floor(rand() * messagePool.length)]);
const baseline = time(() => {
  let n = 0;
  for (const m of baselineMessages) {
    const words = m.toLowerCase().split(/\s+/);
    n += JSON.parse(JSON.stringify({ words, at: 1 })).words.join(' ').length;
  }
  return n;
});
const baselinePerSec = baselineMessages.length / (baseline.ms / 1000);

/* ---------------------------------------------------------------- engine throughput */
const CONVERSATIONS = 10_000;
const convRand = seededRandom(7);
const scripts = Array.from({ length: CONVERSATIONS }, () => randomConversation(convRand));
// Warm up on a separate set of 10,000 conversations (other seed, so other messages): the figure is the
// steady state of a long-running runtime, after the JIT has compiled the hot paths.
const warmRand = seededRandom(8);
for (let i = 0; i < CONVERSATIONS; i++) runScript(randomConversation(warmRand));
const engineRun = time(() => {
  let turns = 0;
  for (const s of scripts) turns += runScript(s);
  return turns;
});
const turnsPerSec = engineRun.result / (engineRun.ms / 1000);

function runScript(script: Input[]): number {
  let step = start(flow, { now: NOW, conversationId: 'bench' });
  let now = NOW;
  let turns = 0;
  for (const scripted of script) {
    now += 15_000;
    const input = resolveClick(scripted, step.state);
    if (!input) continue;
    step = receive(flow, step.state, input, { now });
    if (input.type === 'text' || input.type === 'choice') turns++;
  }
  return turns;
}

/* ---------------------------------------------------------------- escalation evaluation */
const evalRand = seededRandom(11);
const facts: TurnFacts[] = Array.from({ length: 5_000 }, (_, i) => {
  const text = fillTemplate(messageTemplates[Math.floor(evalRand() * messageTemplates.length)], evalRand);
  return { text, analysis: analyzeText(text), turn: i % 10, now: NOW, variables: {}, intent: null, fallback: evalRand() < 0.2 };
});
let memory = initialEscalationMemory();
for (const f of facts.slice(0, 500)) memory = evaluateEscalation(flow.escalation, f, memory).memory;
const perCall: number[] = [];
const evalRun = time(() => {
  let m = initialEscalationMemory();
  for (const f of facts) {
    const t0 = performance.now();
    m = evaluateEscalation(flow.escalation, f, m).memory;
    perCall.push(performance.now() - t0);
  }
});
perCall.sort((a, b) => a - b);
const p99 = perCall[Math.floor(perCall.length * 0.99)];
const worst = perCall[perCall.length - 1];
const evalMicros = (evalRun.ms * 1000) / facts.length;
// Fresh texts (never analysed before in this run), so the analysis cache cannot answer.
const analyzeRun = time(() => {
  for (const f of facts) analyzeText(f.text + ' .');
});
const analyzeMicros = (analyzeRun.ms * 1000) / facts.length;

/* ---------------------------------------------------------------- state size */
const tenTurns: Input[] = [
  { type: 'text', text: 'hi there' },
  { type: 'text', text: 'where is my order?' },
  { type: 'text', text: 'NW-123456' },
  { type: 'text', text: 'ok thanks' },
  { type: 'text', text: 'what are your shipping costs' },
  { type: 'text', text: 'do you ship to Canada' },
  { type: 'text', text: 'how long does it take' },
  { type: 'text', text: 'can I pay with paypal' },
  { type: 'text', text: 'great' },
  { type: 'text', text: 'bye' },
];
let sizeState: ConversationState = start(flow, { now: NOW, conversationId: 'size' }).state;
for (const input of tenTurns) sizeState = receive(flow, sizeState, input, { now: NOW + 1000 }).state;
const withTranscript = JSON.stringify(sizeState).length;
const withoutTranscript = JSON.stringify({ ...sizeState, recentTranscript: [] }).length;
const transcriptSkeleton = JSON.stringify({ ...sizeState, recentTranscript: sizeState.recentTranscript.map((t) => ({ ...t, text: '' })) }).length;

/* ---------------------------------------------------------------- batch simulation */
const batchRand = seededRandom(3);
const batch = Array.from({ length: 2_000 }, (_, i) => ({
  id: String(i),
  turns: Array.from({ length: 1 + Math.floor(batchRand() * 4) }, () => messagePool[Math.floor(batchRand() * messagePool.length)]),
}));
const batchRun = time(() => {
  for (const c of batch) playConversation(flow, c.id, c.turns, NOW);
});
const convPerSec = batch.length / (batchRun.ms / 1000);

/* ---------------------------------------------------------------- the real CLI on 10,000 conversations */
const cliDir = mkdtempSync(join(tmpdir(), 'baton-bench-'));
const cliFile = join(cliDir, 'conversations.jsonl');
const cliRand = seededRandom(5);
writeFileSync(
  cliFile,
  Array.from({ length: 10_000 }, (_, i) =>
    JSON.stringify({
      id: `c${i}`,
      turns: Array.from({ length: 1 + Math.floor(cliRand() * 4) }, () => fillTemplate(messageTemplates[Math.floor(cliRand() * messageTemplates.length)], cliRand)),
    }),
  ).join('\n'),
);
const cliRun = time(() =>
  execFileSync(process.execPath, [root + 'bin/baton.js', 'simulate', root + 'flows/customer-support.json', '--conversations', cliFile, '--now', '2026-11-24T10:00:00Z'], {
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'ignore', 'ignore'],
  }),
);
rmSync(cliDir, { recursive: true, force: true });

/* ---------------------------------------------------------------- report */
const met = (ok: boolean) => (ok ? 'met' : 'NOT MET');
console.log(`Baton bench · node ${process.version} · ${process.platform}/${process.arch} · flow: ${flow.name}`);
table('Engine and escalation (flows/customer-support.json)', [
  ['measure', 'value', 'x baseline', 'target', 'status'],
  ['baseline: lower-case + split + JSON round-trip', `${fmt(baselinePerSec)} msgs/s`, '1.00', '', ''],
  [
    `customer turns through the engine (${fmt(CONVERSATIONS)} conversations, ${fmt(engineRun.result)} turns)`,
    `${fmt(turnsPerSec)} turns/s`,
    fmt(turnsPerSec / baselinePerSec, 2),
    '>= 50,000 turns/s',
    met(turnsPerSec >= 50_000),
  ],
  ['text analysis (tokens, stems, sentiment, entities) per message', `${fmt(analyzeMicros, 1)} µs`, '', '', ''],
  ['escalation evaluation per message (mean)', `${fmt(evalMicros, 1)} µs`, '', '< 200 µs', met(evalMicros < 200)],
  ['escalation evaluation per message (99th percentile)', `${fmt(p99 * 1000, 1)} µs`, '', '', ''],
  ['escalation evaluation per message (worst of 5,000; includes GC pauses)', `${fmt(worst * 1000, 1)} µs`, '', '', ''],
  ['batch simulation core (1-4 turns each)', `${fmt(convPerSec)} conversations/s`, '', '', ''],
  ['`baton simulate` on 10,000 conversations, whole process', `${fmt(cliRun.ms / 1000, 2)} s`, '', 'seconds, not minutes', met(cliRun.ms < 30_000)],
]);
table('Serialised state of a 10-turn conversation', [
  ['what', 'bytes (JSON)', 'target', 'status'],
  ['whole state', fmt(withTranscript), '', ''],
  ['state with transcript text emptied', fmt(transcriptSkeleton), '', ''],
  ['state without transcript', fmt(withoutTranscript), '< 2,048', met(withoutTranscript < 2048)],
]);

/* ---------------------------------------------------------------- validation (test/bench/validateBench.ts) */
validateBench(1000, 1200);

/* ---------------------------------------------------------------- studio edits (test/bench/editBench.ts) */
editBench(1000, 1200);

/* ---------------------------------------------------------------- long conversation (test/bench/conversationMemoryBench.ts) */
conversationMemoryBench(10_000);

/* ---------------------------------------------------------------- scenarios and batch what-if (test/bench/scenariosBench.ts) */
scenariosBench();

/* ---------------------------------------------------------------- runtime load (test/bench/runtime.ts) */
await runtimeBench();
await redisStoreBench();

/* ---------------------------------------------------------------- studio flows on disk (test/bench/studioBench.ts) */
await studioBench(1000, 1200);

/* ---------------------------------------------------------------- studio canvas (test/bench/canvas.ts) */
await canvasBench();

/* ---------------------------------------------------------------- escalation with the classifier (test/bench/escalationBench.ts) */
await escalationBench();

/* ---------------------------------------------------------------- handoffs: created/assigned/resolved, agent push latency (test/bench/handoffBench.ts) */
await handoffBench();

/* ---------------------------------------------------------------- escalation vocabulary size: per message and validate (test/bench/vocabularyBench.ts) */
vocabularyBench();
