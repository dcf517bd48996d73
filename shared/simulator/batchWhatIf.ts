/**
 * Batch what-if: plays recorded customer conversations (the `baton simulate` JSONL format,
 * `{"id": "...", "turns": ["..."]}` per line) through a flow and measures what a designer tunes on: the
 * predicted escalation rate by reason (with the conversations behind each reason), the handoff rate against
 * the 15-25% guidance band, and how often each block and edge is traversed (where customers drop off,
 * where fallbacks pile up). `diffBatch` compares two runs, e.g. before and after changing a threshold.
 *
 * Conversations are played exactly as `baton simulate` plays them (playConversation.ts): 20 s of virtual
 * time between customer turns, HTTP requests fail (no network), no agent ever joins, typed text equal to a
 * shown button's label clicks it. Pure and deterministic: the same flow and logs give the same numbers.
 */
import type { Step } from '../engine/types';
import type { EscalationReason, Flow } from '../flow/schema';
import { escalationReasons } from '../flow/schema';
import { flowRevision } from '../engine/flowRevision';
import { nestingDepth } from '../flow/loadFlowText';
import { createSimulation } from './createSimulation';
import { batchHandoffOutcome, escalationOrClarify, type PlayedConversation } from './playConversation';
import { isClarifyDecision } from '../engine/clarifyFirst';
import { HANDOFF_GUIDANCE, batchCounts, batchRates, countedOf, totalsOf } from './batchCounts';

/** The seeds' guidance: a healthy bot hands 15-25% of conversations to a person (defined in batchCounts.ts). */
export { HANDOFF_GUIDANCE };
/** Virtual seconds between customer turns (as `baton simulate`). */
export const BATCH_TURN_GAP_MS = 20_000;

export interface BatchConversation {
  id: string;
  turns: string[];
}

/** Most conversations one batch plays (100,000 froze the studio for 16 s before batches ran in slices). */
export const MAX_BATCH_CONVERSATIONS = 50_000;
/** Most customer turns in one conversation (a line with more is skipped, with its line number). */
export const MAX_BATCH_TURNS = 1_000;

export interface BatchLineProblem {
  /** 1-based line number. */
  line: number;
  message: string;
}

/** One conversation a line, as the Batch tab and `baton simulate` show it. */
export const CONVERSATION_LINE_EXAMPLE = '{"id": "c1", "turns": ["what the customer types", "Order status"]}';

const clip = (v: unknown) => {
  let t: string;
  try {
    t = JSON.stringify(v) ?? String(v);
  } catch {
    // Session 50 (studio18, hostile s50 L2): never thrown for a bad line's message (the depth check comes first).
    t = Array.isArray(v) ? '[…]' : typeof v === 'object' && v !== null ? '{…}' : String(v);
  }
  return t.length > 40 ? `${t.slice(0, 39)}…` : t;
};

/** How deep [ ] and { } may be nested in one line: a conversation needs 3 ({"turns": ["..."]}); room for mistakes. */
export const MAX_LINE_NESTING = 32;

/**
 * Session 50 (studio18, hostile s50 L2): whether a line's JSON nests [ ] and { } deeper than `limit`, read without parsing
 * (text in quotes skipped). A line nested 5,000 deep stopped the whole batch ("Maximum call stack size exceeded" from
 * the message's JSON.stringify) in `baton simulate`, and would in the Batch tab: it is one bad line, skipped, named.
 */
export function nestedDeeperThan(text: string, limit: number): boolean {
  return nestingDepth(text).depth > limit;
}
/** Where a turn written as an object keeps its text ({"click": "Order status"}, {"text": "hello"}). */
const TURN_TEXT_KEYS = ['click', 'text', 'say', 'label', 'message', 'value', 'content'];

/**
 * Session 49 (studio17, newcomer s47 N6): one line of a batch file read as a conversation, or what is wrong with it and
 * how to write it (the Batch tab and `baton simulate` name the line). Before: "expected an object like ...", '"turns"
 * must be an array of customer messages (strings)', '"id" must be a string'.
 */
export function readConversationLine(line: string): { ok: true; conversation: BatchConversation } | { ok: false; message: string } {
  const fail = (message: string) => ({ ok: false as const, message });
  const t = line.trim();
  if (nestedDeeperThan(t, MAX_LINE_NESTING)) {
    return fail(`nested too deep: more than ${MAX_LINE_NESTING} [ ] or { } inside each other. A conversation is one object with a list of texts, e.g. ${CONVERSATION_LINE_EXAMPLE}`);
  }
  let v: unknown;
  try {
    v = JSON.parse(t);
  } catch (e) {
    if (t === '[' || t === ']' || /^\[\s*\{/.test(t)) return fail(`not valid JSON on its own: the file looks like one JSON array. A batch file has one conversation a line, with no [ ] around them and no commas between lines: ${CONVERSATION_LINE_EXAMPLE}`);
    const end = /^(.*?)\s*([,;])\s*$/.exec(t);
    if (end && parses(end[1])) return fail(`not valid JSON: remove the ${end[2] === ',' ? 'comma' : 'semicolon'} at the end (one conversation a line, nothing between lines)`);
    if (/(^|[{,\[]\s*)'/.test(t)) return fail(`not valid JSON: write names and texts in double quotes ("id", not 'id'), e.g. ${CONVERSATION_LINE_EXAMPLE}`);
    return fail(`not valid JSON (${e instanceof Error ? e.message : String(e)}). Each line is one conversation, e.g. ${CONVERSATION_LINE_EXAMPLE}`);
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return fail(`expected one conversation as an object, e.g. ${CONVERSATION_LINE_EXAMPLE} (found ${clip(v)})`);
  const o = v as Record<string, unknown>;
  if (o.id === undefined) return fail('no "id": give each conversation one, e.g. "id": "c1" (the results list conversations by it)');
  if (typeof o.id !== 'string' && typeof o.id !== 'number') return fail(`"id" must be text or a number, e.g. "id": "c1" (found ${clip(o.id)})`);
  if (o.turns === undefined) {
    const other = Object.keys(o).find((k) => k !== 'id' && Array.isArray(o[k]));
    return fail(other ? `no "turns" (found "${other}": rename it "turns")` : 'no "turns": add what the customer types, in order, e.g. "turns": ["hi", "where is my order?"]');
  }
  if (typeof o.turns === 'string') return fail(`"turns" is one text: put it in a list, "turns": [${clip(o.turns)}]`);
  if (!Array.isArray(o.turns)) return fail(`"turns" must be a list of what the customer types, e.g. "turns": ["hi", "Order status"] (found ${clip(o.turns)})`);
  const bad = o.turns.findIndex((x) => typeof x !== 'string');
  if (bad >= 0) {
    const turn = o.turns[bad];
    const inner = turn && typeof turn === 'object' ? TURN_TEXT_KEYS.map((k) => (turn as Record<string, unknown>)[k]).find((x) => typeof x === 'string') : undefined;
    return fail(
      `turn ${bad + 1} is not text (${clip(turn)}): write what the customer types, or the label of the button they click, as text${inner !== undefined ? `: ${JSON.stringify(inner)}` : ''}`,
    );
  }
  return { ok: true, conversation: { id: String(o.id), turns: o.turns as string[] } };
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Reads a JSONL file of conversations; bad lines are reported (line number and why) and skipped. */
export function parseConversationsJsonl(text: string): { conversations: BatchConversation[]; problems: BatchLineProblem[] } {
  const conversations: BatchConversation[] = [];
  const problems: BatchLineProblem[] = [];
  const seen = new Set<string>();
  const lines = text.split(/\r?\n/);
  // A whole file written as one JSON array (pretty-printed or not): said once, not once a line.
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first >= 0 && lines[first].trim().startsWith('[') && text.trim().endsWith(']')) {
    problems.push({ line: first + 1, message: `the file is one JSON array; a batch file has one conversation a line (JSONL), with no [ ] around them and no commas between lines: ${CONVERSATION_LINE_EXAMPLE}` });
    return { conversations, problems };
  }
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    const r = readConversationLine(line);
    if (!r.ok) {
      problems.push({ line: i + 1, message: `${r.message}; line skipped` });
      continue;
    }
    if (r.conversation.turns.length > MAX_BATCH_TURNS) {
      problems.push({ line: i + 1, message: `${r.conversation.turns.length} turns; a conversation may have at most ${MAX_BATCH_TURNS}; line skipped` });
      continue;
    }
    if (conversations.length >= MAX_BATCH_CONVERSATIONS) {
      problems.push({ line: i + 1, message: `the batch holds at most ${MAX_BATCH_CONVERSATIONS} conversations; this line and the rest were not loaded (split the file)` });
      break;
    }
    const id = r.conversation.id;
    if (seen.has(id)) problems.push({ line: i + 1, message: `the id "${id}" was already used; both are played, but the lists of conversations behind a reason will show it twice` });
    seen.add(id);
    conversations.push(r.conversation);
  }
  return { conversations, problems };
}

export interface BatchConversationResult {
  id: string;
  /**
   * The first decision that handed over or offered a person; or, for a conversation whose last message got the bot's
   * one clarifying question (low confidence, clarifyFirst), that low-confidence read (action 'clarify'): counted as
   * `baton simulate` and the corpus tools count it (escalationOrClarify in playConversation.ts).
   */
  escalation: { reason: EscalationReason; action: 'handoff' | 'offer' | 'clarify'; turn: number } | null;
  /**
   * The bot handed over: a handoff was requested (queued for a person), as `baton simulate` counts it
   * (`batchHandoffOutcome` in playConversation.ts, the one definition of both).
   */
  handoff: boolean;
  /** Same as `handoff` (kept for readers of older results). */
  queued: boolean;
  /** Not handed over, but its turns ran out while it answered a Human Takeover block's questions (name, email, reason). */
  answering: boolean;
  /** Where the conversation stood after its last turn: the block it waited at, and the mode. */
  endedAt: string | null;
  mode: 'bot' | 'waiting' | 'agent' | 'closed';
  /** Blocks visited, in order. */
  path: string[];
}

export interface ReasonCount {
  reason: EscalationReason;
  count: number;
  rate: number;
  conversationIds: string[];
}

export interface BatchRun {
  flowId: string;
  flowRevision: string;
  /** Conversations played (lines that failed in the engine are in `failed`, not counted). */
  total: number;
  failed: { id: string; message: string }[];
  escalated: number;
  escalationRate: number;
  /** Escalations that offered a person first (graduated policy). */
  offered: number;
  /** Escalations that are a conversation ending on the bot's clarifying question (action 'clarify'; in `escalated` and low_confidence). */
  clarified: number;
  /** Every reason, in the policy's order, with the conversations behind it (zero counts included, for charts). */
  byReason: ReasonCount[];
  /** Conversations handed over (a handoff was requested; see `BatchConversationResult.handoff`), as `baton simulate`. */
  handoffs: number;
  handoffRate: number;
  handoffIds: string[];
  /** Same as `handoffs` (kept for readers of older results). */
  queued: number;
  /** Conversations not in the rate that were answering a takeover's questions when their turns ran out ("N more were answering..."). */
  answering: number;
  answeringIds: string[];
  guidance: typeof HANDOFF_GUIDANCE;
  /** below / within / above the guidance band. */
  handoffBand: 'below' | 'within' | 'above';
  /** Visits per block id (a block visited twice in one conversation counts twice). */
  blockVisits: Record<string, number>;
  /** Conversations that reached each block at least once. */
  blockConversations: Record<string, number>;
  /** Traversals per edge id. */
  edgeTraversals: Record<string, number>;
  /** Traversals of `fallback` exits, per block: where the bot did not understand. */
  fallbacks: Record<string, number>;
  /** Conversations whose last turn left them waiting at each block: where customers drop off. */
  dropOffs: Record<string, number>;
  conversations: BatchConversationResult[];
}

type EdgeIndex = Map<string, { id: string; exit: string }[]>;

function edgeIndex(flow: Flow): EdgeIndex {
  const idx: EdgeIndex = new Map();
  for (const e of flow.edges) {
    const key = `${e.from}\u0000${e.to}`;
    const list = idx.get(key) ?? [];
    list.push({ id: e.id, exit: e.exit });
    idx.set(key, list);
  }
  return idx;
}

const inc = (r: Record<string, number>, k: string, by = 1) => {
  r[k] = (r[k] ?? 0) + by;
};

/**
 * The edges one step took: consecutive blocks it visited, starting from the block the conversation stood at
 * (`from`). The engine reports blocks, not exits, so when two exits of a block lead to the same block the
 * `fallback` one is counted when the step did not understand the customer (its fallbacks-in-a-row count
 * went up), else the first other one.
 */
function stepEdges(idx: EdgeIndex, from: string | null, step: Step, fellBack: boolean): { id: string; exit: string; from: string }[] {
  const out: { id: string; exit: string; from: string }[] = [];
  let prev = from;
  for (const b of step.visited) {
    if (prev !== null) {
      const candidates = idx.get(`${prev}\u0000${b}`);
      if (candidates?.length) {
        const pick =
          candidates.length === 1
            ? candidates[0]
            : (fellBack ? candidates.find((c) => c.exit === 'fallback') : undefined) ?? candidates.find((c) => c.exit !== 'fallback') ?? candidates[0];
        out.push({ ...pick, from: prev });
      }
    }
    prev = b;
  }
  return out;
}

/**
 * Plays conversations one at a time and sums them up at the end, so a caller can spread a large batch over
 * several slices of time (the studio yields to the page between slices, shows progress and can cancel).
 */
export interface BatchRunner {
  play(c: BatchConversation): void;
  readonly played: number;
  result(): BatchRun;
}

export function createBatchRunner(flow: Flow, options: { now: number }): BatchRunner {
  const idx = edgeIndex(flow);
  const blockVisits: Record<string, number> = {};
  const blockConversations: Record<string, number> = {};
  const edgeTraversals: Record<string, number> = {};
  const fallbacks: Record<string, number> = {};
  const dropOffs: Record<string, number> = {};
  const results: BatchConversationResult[] = [];
  const failed: BatchRun['failed'] = [];

  const play = (c: BatchConversation) => {
    try {
      const sim = createSimulation(flow, { now: options.now, conversationId: c.id, http: () => ({ ok: false, status: 0, body: null }) });
      let escalation: PlayedConversation['escalation'] = null;
      let asked: PlayedConversation['asked'] = null;
      const path: string[] = [];
      let at: string | null = null;
      let fallbacksBefore = 0;
      const take = (steps: Step[], turn: number) => {
        for (const step of steps) {
          const fellBack = step.state.escalation.fallbacksInRow > fallbacksBefore;
          fallbacksBefore = step.state.escalation.fallbacksInRow;
          for (const e of stepEdges(idx, at, step, fellBack)) {
            inc(edgeTraversals, e.id);
            if (e.exit === 'fallback') inc(fallbacks, e.from);
          }
          for (const b of step.visited) path.push(b);
          if (step.visited.length) at = step.visited[step.visited.length - 1];
          if (step.state.waiting) at = step.state.waiting.blockId;
          const d = step.decision;
          if (turn >= 0 && !escalation && d && d.reason && (d.action === 'handoff' || d.action === 'offer')) {
            escalation = { reason: d.reason, action: d.action, turn, signals: d.signals };
          }
          if (turn >= 0 && !asked && !escalation && d && isClarifyDecision(d)) asked = { reason: 'low_confidence', turn, signals: d.signals };
        }
      };
      take(sim.steps.slice(), -1);
      for (let turn = 0; turn < c.turns.length; turn++) {
        if (turn > 0) take(sim.advance(BATCH_TURN_GAP_MS), turn);
        take(sim.say(c.turns[turn]), turn);
      }
      for (const b of path) inc(blockVisits, b);
      for (const b of new Set(path)) inc(blockConversations, b);
      const endedAt = sim.state.waiting?.blockId ?? null;
      if (endedAt && sim.state.mode === 'bot') inc(dropOffs, endedAt);
      const outcome = batchHandoffOutcome({ handoff: sim.state.handoff, waitingFor: sim.state.waiting?.kind ?? null });
      const handoff = outcome === 'handed_over';
      const counted = escalationOrClarify({ escalation, asked }, c.turns.length);
      results.push({ id: c.id, escalation: counted && { reason: counted.reason, action: counted.action, turn: counted.turn }, handoff, queued: handoff, answering: outcome === 'answering', endedAt, mode: sim.state.mode, path });
    } catch (e) {
      failed.push({ id: c.id, message: e instanceof Error ? e.message : String(e) });
    }
  };

  const result = (): BatchRun => {
    // The counts and rates as `baton simulate` defines them (batchCounts.ts, one definition for both).
    const counts = batchCounts(results.map(countedOf));
    const rates = batchRates(totalsOf(counts));
    const total = counts.played;
    const rate = (n: number) => (total ? n / total : 0);
    const byReason: ReasonCount[] = escalationReasons.map((reason) => {
      const ids = counts.byReason.get(reason) ?? [];
      return { reason, count: ids.length, rate: rate(ids.length), conversationIds: [...ids] };
    });
    return {
      flowId: flow.id,
      flowRevision: flowRevision(flow),
      total,
      failed: [...failed],
      escalated: counts.escalated,
      escalationRate: rates.escalationRate,
      offered: counts.offered,
      clarified: counts.clarified,
      byReason,
      handoffs: counts.handedOver.length,
      handoffRate: rates.handoffRate,
      handoffIds: counts.handedOver,
      queued: counts.handedOver.length,
      answering: counts.answering.length,
      answeringIds: counts.answering,
      guidance: HANDOFF_GUIDANCE,
      handoffBand: rates.handoffBand,
      blockVisits: { ...blockVisits },
      blockConversations: { ...blockConversations },
      edgeTraversals: { ...edgeTraversals },
      fallbacks: { ...fallbacks },
      dropOffs: { ...dropOffs },
      conversations: [...results],
    };
  };

  return {
    play,
    get played() {
      return results.length + failed.length;
    },
    result,
  };
}

export function runBatch(flow: Flow, conversations: readonly BatchConversation[], options: { now: number }): BatchRun {
  const runner = createBatchRunner(flow, options);
  for (const c of conversations) runner.play(c);
  return runner.result();
}

export interface RateChange {
  before: number;
  after: number;
  delta: number;
}

export interface BatchDiff {
  /** Whether both runs played the same conversations (ids in the same order): only then are changes per conversation meaningful. */
  sameConversations: boolean;
  escalationRate: RateChange;
  handoffRate: RateChange;
  byReason: { reason: EscalationReason; count: RateChange; rate: RateChange }[];
  /** Conversations whose first escalation reason changed (null: no escalation). */
  changed: { id: string; before: EscalationReason | null; after: EscalationReason | null }[];
  /** Blocks and edges whose traversal counts changed. */
  blocks: { id: string; before: number; after: number; delta: number }[];
  edges: { id: string; before: number; after: number; delta: number }[];
}

const change = (before: number, after: number): RateChange => ({ before, after, delta: after - before });

function countChanges(a: Record<string, number>, b: Record<string, number>) {
  const ids = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return ids
    .map((id) => ({ id, before: a[id] ?? 0, after: b[id] ?? 0, delta: (b[id] ?? 0) - (a[id] ?? 0) }))
    .filter((c) => c.delta !== 0);
}

/** "Change a threshold, see the rates change beside the previous run." */
export function diffBatch(before: BatchRun, after: BatchRun): BatchDiff {
  const sameConversations =
    before.conversations.length === after.conversations.length && before.conversations.every((c, i) => c.id === after.conversations[i].id);
  const afterById = new Map(after.conversations.map((c) => [c.id, c]));
  const changed: BatchDiff['changed'] = [];
  for (const c of before.conversations) {
    const a = afterById.get(c.id);
    if (!a) continue;
    const r0 = c.escalation?.reason ?? null;
    const r1 = a.escalation?.reason ?? null;
    if (r0 !== r1) changed.push({ id: c.id, before: r0, after: r1 });
  }
  return {
    sameConversations,
    escalationRate: change(before.escalationRate, after.escalationRate),
    handoffRate: change(before.handoffRate, after.handoffRate),
    byReason: escalationReasons.map((reason) => {
      const b = before.byReason.find((r) => r.reason === reason)!;
      const a = after.byReason.find((r) => r.reason === reason)!;
      return { reason, count: change(b.count, a.count), rate: change(b.rate, a.rate) };
    }),
    changed,
    blocks: countChanges(before.blockVisits, after.blockVisits),
    edges: countChanges(before.edgeTraversals, after.edgeTraversals),
  };
}
