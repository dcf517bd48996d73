/**
 * Bench section "memory of a 10,000-turn conversation" (issue 6, section 3): the engine returns transcript
 * entries per step and keeps only a bounded window in the state, so a very long conversation stays small.
 *
 * Plays 10,000 customer turns (unique messages, clicks where buttons are shown, handbacks when an agent
 * takes over) through flows/customer-support.json and measures, in the same run:
 * - the persisted state's JSON size and retained heap after the last turn (what the runtime stores and
 *   keeps per conversation);
 * - baseline: the same conversation's full transcript (what the state held before this change, and what
 *   the runtime now keeps in its append-only log instead), its JSON size and retained heap.
 * Heap is the difference in `heapUsed` (after forced garbage collections) with and without the measured
 * object reachable; copies are rebuilt from JSON so each number is that structure alone.
 *
 * Run alone: `npx tsx test/bench/conversationMemoryBench.ts`.
 */
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { receive, start } from '../../shared/engine/engine';
import type { ConversationState, Input, TranscriptEntry } from '../../shared/engine/types';
import { loadFlowText } from '../../shared/flow/loadFlowText';
import { shownButtons } from '../../shared/engine/shownButtons';
import { fillTemplate, messageTemplates, seededRandom } from './conversationGenerator';

const root = fileURLToPath(new URL('../../', import.meta.url));
const NOW = Date.parse('2026-11-24T10:00:00Z');

/** `global.gc`, or one obtained at run time (V8 flag + a fresh context), so `npm run bench` needs no node flag. */
function getGc(): (() => void) | undefined {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}
const gc = getGc();

function heapUsed(): number {
  if (gc) {
    gc();
    gc();
  }
  return process.memoryUsage().heapUsed;
}

/** Retained heap of `make()`'s result: heap with it reachable minus heap without it. */
function retained<T>(make: () => T): { bytes: number; value: T } {
  const before = heapUsed();
  const value = make();
  const after = heapUsed();
  return { bytes: Math.max(0, after - before), value };
}

export function conversationMemoryBench(turns = 10_000): void {
  const loaded = loadFlowText(readFileSync(`${root}flows/customer-support.json`, 'utf8'));
  if (!loaded.ok || !loaded.flow) throw new Error('flows/customer-support.json does not load');
  const flow = loaded.flow;
  const rand = seededRandom(11);
  const log: TranscriptEntry[] = [];
  let state: ConversationState = start(flow, { now: NOW, conversationId: 'long' }).state;
  let now = NOW;
  let events = 0;
  let customerTurns = 0;
  const t0 = performance.now();
  while (customerTurns < turns) {
    now += 20_000;
    let input: Input;
    if (state.waiting?.kind === 'http') {
      input = { type: 'http_result', requestId: state.waiting.requestId, ok: true, status: 200, body: { status: 'shipped', eta: 'Friday' } };
    } else if (state.mode === 'waiting' || state.mode === 'agent') {
      const h = state.handoff!;
      input =
        h.status === 'pending'
          ? { type: 'agent_accepted', agentId: 'a1', agentName: 'Ana', handoffId: h.id, eventId: `e${++events}` }
          : { type: 'agent_handback', agentId: 'a1', handoffId: h.id, eventId: `e${++events}` };
    } else {
      const buttons = shownButtons(state.recentTranscript, state);
      input =
        buttons.length && rand() < 0.3
          ? { type: 'choice', buttonId: buttons[Math.floor(rand() * buttons.length)].id }
          : { type: 'text', text: `${fillTemplate(messageTemplates[Math.floor(rand() * messageTemplates.length)], rand)} (${customerTurns})` };
      customerTurns++;
    }
    const step = receive(flow, state, input, { now });
    for (const e of step.transcript) log.push(e);
    state = step.state;
  }
  const ms = performance.now() - t0;

  const stateJson = JSON.stringify(state);
  const logJson = JSON.stringify(log);
  // Measure copies built from JSON, so each number is that structure alone (nothing shared with the other).
  const stateHeap = retained(() => JSON.parse(stateJson) as ConversationState);
  const logHeap = retained(() => JSON.parse(logJson) as TranscriptEntry[]);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const hasGc = gc !== undefined;

  console.log(`\nMemory of a ${turns.toLocaleString('en-US')}-turn conversation (flows/customer-support.json, ${log.length.toLocaleString('en-US')} transcript entries, ${(ms / 1000).toFixed(1)} s)${hasGc ? '' : ' — heap numbers unavailable (no gc)'}\n`);
  const rows = [
    ['what', 'JSON', 'retained heap', 'x baseline (heap)', 'target', 'status'],
    ['baseline: the full transcript (the state held it before; now the runtime log)', kb(logJson.length), hasGc ? kb(logHeap.bytes) : 'n/a', '1.00', '', ''],
    [
      'conversation state after the last turn (bounded window)',
      kb(stateJson.length),
      hasGc ? kb(stateHeap.bytes) : 'n/a',
      hasGc && logHeap.bytes > 0 ? (stateHeap.bytes / logHeap.bytes).toFixed(4) : 'n/a',
      'stays small (< 64 KB JSON)',
      stateJson.length < 64 * 1024 ? 'met' : 'NOT MET',
    ],
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  rows.forEach((r, n) => {
    console.log('| ' + r.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |');
    if (n === 0) console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) conversationMemoryBench();
