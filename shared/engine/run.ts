/**
 * The working context of one engine step. `start`/`receive` create a Run with a fresh top-level copy of
 * the state; nested data is shared with the caller's state and replaced (never mutated) when it changes:
 * variables are copied once per step, the transcript is copied on its first append in the step. This keeps
 * a turn cheap (no deep clone of a long transcript) while the caller's state stays untouched.
 */
import type { Flow, Value } from '../flow/schema';
import type { EscalationDecision } from '../escalation/types';
import type { RuleSnapshot } from '../escalation/evaluateRuleSignals';
import type { CompiledFlow } from './compileFlow';
import { WINDOW_SIZE } from './conversationStateSchema';
import { noteUpsetScores } from './upsetScores';
import { boundText } from '../flow/limits';
import type { Entity } from '../nlu/types';
import type {
  ConversationState,
  Effect,
  EffectBody,
  EngineContext,
  OutMessage,
  Step,
  Timer,
  TranscriptEntry,
} from './types';

export interface Run {
  flow: Flow;
  c: CompiledFlow;
  ctx: EngineContext;
  now: number;
  s: ConversationState;
  messages: OutMessage[];
  /** Effects without their idempotency keys (added by `finish`). */
  effects: EffectBody[];
  /** Transcript entries added in this step (Step.transcript). */
  transcript: TranscriptEntry[];
  visited: string[];
  decision: EscalationDecision | null;
  /** Blocks entered in this step (runaway protection). */
  hops: number;
  transcriptOwned: boolean;
  /** Variables and time before this step, while the edge-triggered rules are still to be checked (ruleSignals.ts). */
  rulesBefore: RuleSnapshot | null;
  /**
   * Session 49 (conv10): what the customer typed, when the block reads another text for it (the address a "yes" to "Did
   * you mean kim@gmail.com?" chose: emailTypo.ts): customerSaid records this in the transcript, once.
   */
  typed: string | undefined;
}

export function newRun(flow: Flow, c: CompiledFlow, state: ConversationState, ctx: EngineContext): Run {
  return {
    flow,
    c,
    ctx,
    now: ctx.now,
    s: copyState(state),
    messages: [],
    effects: [],
    transcript: [],
    visited: [],
    decision: null,
    hops: 0,
    transcriptOwned: false,
    rulesBefore: null,
    typed: undefined,
  };
}

/**
 * The top-level copy, field by field in ConversationState's order (the same JSON as a spread): a spread of
 * states built along different paths costs ~0.3 µs (V8 cannot use one object shape), a literal ~0.03 µs.
 */
function copyState(state: ConversationState): ConversationState {
  const copy: ConversationState = {
    v: state.v,
    id: state.id,
    flowId: state.flowId,
    flowRevision: state.flowRevision,
    mode: state.mode,
    waiting: state.waiting,
    variables: { ...state.variables },
    recentTranscript: state.recentTranscript,
    turn: state.turn,
    intents: state.intents,
    entities: state.entities,
    escalation: state.escalation,
    lastEscalation: state.lastEscalation,
    handoff: state.handoff,
    timers: state.timers,
    seq: state.seq,
    step: state.step,
    recentEventIds: state.recentEventIds,
    startedAt: state.startedAt,
    updatedAt: state.updatedAt,
  };
  if (state.httpCalls !== undefined) copy.httpCalls = state.httpCalls;
  if (state.lastFailure !== undefined) copy.lastFailure = state.lastFailure;
  if (state.nobodyFound !== undefined) copy.nobodyFound = state.nobodyFound;
  if (state.closedNotice !== undefined) copy.closedNotice = state.closedNotice;
  if (state.emailDeclined !== undefined) copy.emailDeclined = state.emailDeclined;
  if (state.keptAnswer !== undefined) copy.keptAnswer = state.keptAnswer;
  if (state.laterRequest !== undefined) copy.laterRequest = state.laterRequest;
  if (state.personWithdrawn !== undefined) copy.personWithdrawn = state.personWithdrawn;
  if (state.emailTypo !== undefined) copy.emailTypo = state.emailTypo;
  return copy;
}

/**
 * Ends an applied step: stamps the time, counts the step and gives every effect its idempotency key
 * (`${conversationId}:${step}:${index}`: the same input replayed on the same persisted state gives the same keys).
 */
export function finish(run: Run): Step {
  const s = run.s;
  s.updatedAt = run.now;
  const step = s.step;
  s.step = step + 1;
  noteUpsetScores(run.transcript); // the summary of a later ticket or handoff reads them (upsetScores.ts)
  const effects: Effect[] = new Array(run.effects.length);
  for (let i = 0; i < run.effects.length; i++) effects[i] = { ...run.effects[i], idempotencyKey: `${s.id}:${step}:${i}` };
  return {
    state: s,
    messages: run.messages,
    effects,
    decision: run.decision,
    visited: run.visited,
    transcript: run.transcript,
    rejected: null,
  };
}

/** Adds an entry to the step's transcript and to the state's bounded window. */
export function appendTranscript(run: Run, entry: TranscriptEntry): void {
  run.transcript.push(entry);
  if (!run.transcriptOwned) {
    const w = run.s.recentTranscript;
    run.s.recentTranscript = w.length >= WINDOW_SIZE ? w.slice(w.length - WINDOW_SIZE + 1) : w.slice();
    run.transcriptOwned = true;
  } else if (run.s.recentTranscript.length >= WINDOW_SIZE) run.s.recentTranscript.shift();
  run.s.recentTranscript.push(entry);
}

/** Shows a message to the customer (and records it). */
export function say(run: Run, msg: OutMessage): void {
  if (msg.text === '' && !msg.buttons?.length) return;
  run.messages.push(msg);
  const entry: TranscriptEntry = { from: msg.from, text: msg.text, at: run.now };
  if (msg.blockId !== undefined) entry.blockId = msg.blockId;
  if (msg.name !== undefined) entry.name = msg.name;
  if (msg.buttons !== undefined) entry.buttons = msg.buttons;
  appendTranscript(run, entry);
}

/** Where the step's messages and transcript stood (botBefore). */
export interface SaidMark {
  messages: number;
  transcript: number;
}
export function saidMark(run: Run): SaidMark {
  return { messages: run.messages.length, transcript: run.transcript.length };
}
/** The bot's messages said since `mark`. */
export function saidSince(run: Run, mark: SaidMark): readonly OutMessage[] {
  return run.messages.slice(mark.messages);
}
/**
 * Session 43 (policy1): a bot line placed before what was said since `mark` (the apology before the answer to a complaint
 * the flow understood, when that answer does not apologise itself: engine.ts). In the step's messages, its transcript and
 * the state's window, as if said at the mark; said now when nothing was said since.
 */
export function botBefore(run: Run, mark: SaidMark, text: string, blockId?: string): void {
  const since = run.transcript.length - mark.transcript;
  if (since === 0 || run.messages.length === mark.messages) {
    bot(run, text, blockId);
    return;
  }
  const msg: OutMessage = { from: 'bot', text };
  if (blockId !== undefined) msg.blockId = blockId;
  run.messages.splice(mark.messages, 0, msg);
  const entry: TranscriptEntry = { from: 'bot', text, at: run.now };
  if (blockId !== undefined) entry.blockId = blockId;
  run.transcript.splice(mark.transcript, 0, entry);
  // The window holds the entries said since the mark at its end (appendTranscript made it the run's own copy).
  const w = run.s.recentTranscript;
  w.splice(Math.max(0, w.length - since), 0, entry);
  if (w.length > WINDOW_SIZE) w.shift();
}

export function bot(run: Run, text: string, blockId?: string, buttons?: OutMessage['buttons']): void {
  const msg: OutMessage = { from: 'bot', text };
  if (blockId !== undefined) msg.blockId = blockId;
  if (buttons !== undefined) msg.buttons = buttons;
  say(run, msg);
}

/**
 * Session 49 (conv11, hostile s49 M11): `text` unless the bot's latest line was exactly that (the same question asked again
 * word for word, "No rush. So order NW-104233 should go to: ... Is that right?" ten times): then `instead`, which says it
 * another way. A question asked again changes its words; the escalation policy ends the asking after a bounded number
 * (detectRepeatedFallback.askedAgainAt).
 */
export function notSaidTwice(run: Run, text: string, instead: () => string): string {
  const w = run.s.recentTranscript;
  for (let i = w.length - 1; i >= 0; i--) {
    const e = w[i];
    if (e.from === 'bot') return e.text === text ? instead() : text;
    if (e.from !== 'customer') return text;
  }
  return text;
}

export function system(run: Run, text: string, blockId?: string): void {
  const msg: OutMessage = { from: 'system', text };
  if (blockId !== undefined) msg.blockId = blockId;
  say(run, msg);
}

/** Records a customer message: transcript, turn counter and `lastMessage`. Returns the turn's index. */
export function customerSaid(run: Run, text: string, blockId?: string, rating = false): number {
  const entry: TranscriptEntry = { from: 'customer', text: run.typed ?? text, at: run.now };
  run.typed = undefined;
  if (blockId !== undefined) entry.blockId = blockId;
  if (rating) entry.rating = true; // an answer to a Rating block (transcriptEntrySchema.rating)
  appendTranscript(run, entry);
  const turn = run.s.turn;
  run.s.turn = turn + 1;
  run.s.variables.lastMessage = text;
  if (run.s.httpCalls !== undefined) delete run.s.httpCalls; // the customer spoke: a new budget of HTTP calls
  return turn;
}

/** The customer's last message in this step's transcript (the one being answered), if the step has one. */
export function stepCustomerText(run: Run): string | undefined {
  for (let i = run.transcript.length - 1; i >= 0; i--) if (run.transcript[i]!.from === 'customer') return run.transcript[i]!.text;
  return undefined;
}

/** Names that would reach object internals: never variables (the validator refuses them too). */
export const FORBIDDEN_VARIABLE_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function setVar(run: Run, name: string, value: Value): void {
  if (FORBIDDEN_VARIABLE_NAMES.has(name)) return;
  // Bounded (shared/flow/limits.ts): a variable that feeds on itself ("{{x}}{{x}}") cannot grow without end.
  run.s.variables[name] = typeof value === 'string' ? boundText(value) : value;
}

/** Variables as templates and rules see them (flow defaults were copied in by `start`). */
export function vars(run: Run): Record<string, Value> {
  return run.s.variables;
}

export function isKnown(v: Value | undefined): boolean {
  return v !== undefined && v !== null && v !== '';
}

/** A new id derived from the conversation id (globally unique when the conversation id is): `${id}:${prefix}${n}`. */
export function nextId(run: Run, prefix: string): string {
  run.s.seq += 1;
  return `${run.s.id}:${prefix}${run.s.seq}`;
}

export function addTimer(run: Run, purpose: Timer['purpose'], at: number): Timer {
  const timer: Timer = { id: nextId(run, 't'), purpose, at };
  run.s.timers = [...run.s.timers, timer];
  run.effects.push({ type: 'set_timer', timer });
  return timer;
}

export function removeTimer(run: Run, timerId: string): void {
  run.s.timers = run.s.timers.filter((t) => t.id !== timerId);
}

/** Cancels every active timer (they all belong to the current handoff). */
export function cancelTimers(run: Run): void {
  for (const t of run.s.timers) run.effects.push({ type: 'cancel_timer', timerId: t.id });
  if (run.s.timers.length) run.s.timers = [];
}

/** Entities remembered per conversation (the newest kept). */
const MAX_ENTITIES = 10;
/** Adds newly seen entities (deduplicated) and fills in contact details the bot did not know yet. */
export function rememberEntities(run: Run, found: readonly Entity[]): void {
  if (found.length === 0) return;
  const s = run.s;
  let list = s.entities;
  for (const e of found) {
    if (list.some((x) => x.type === e.type && x.value === e.value)) continue;
    list = [...list, { type: e.type, value: e.value, text: e.text }];
    if (e.type === 'email' && !isKnown(s.variables.customerEmail)) setVar(run, 'customerEmail', e.value);
    if (e.type === 'phone' && !isKnown(s.variables.customerPhone)) setVar(run, 'customerPhone', e.value);
  }
  s.entities = list.length > MAX_ENTITIES ? list.slice(-MAX_ENTITIES) : list;
}
