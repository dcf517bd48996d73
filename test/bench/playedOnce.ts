/**
 * Session 46 (ciSpeed): the corpus tests play the same conversations through the same flow at the same time many times
 * over: ~28 per-session floor files (test/unit/escalation/*Floors*.test.ts through support/writerFloors.ts) share writers'
 * halves (w34 odd in five of them, w21 even in four...), blindSets, roundSevenLoops and roundEightLoops play w3 / w5 / w7
 * / w9 again. The unit project runs its files in one module graph per worker (vitest.config.ts, isolate: false), so a
 * module-level memo lets a conversation be played once per worker and read by every file after.
 *
 * Still exact: playConversation is a pure function of (flow, id, turns, now) (shared/ has no clock and no I/O, the
 * simulation's HTTP answers "failed"), so the memo is keyed by all four, the flow by its full JSON text (an edited flow
 * object is another key). Kept: only what the corpus tools read (id, escalation, asked), a frozen copy, so a caller that
 * changed a result would throw instead of changing what a later file reads; the transcripts are not kept (memory).
 */
import type { Flow } from '../../shared/flow/schema';
import { playConversation, type PlayedConversation } from '../../shared/simulator/playConversation';

export type PlayedOutcome = Readonly<Pick<PlayedConversation, 'id' | 'escalation' | 'asked'>>;

const flowKeys = new WeakMap<Flow, string>();
const played = new Map<string, PlayedOutcome>();

function flowKey(flow: Flow): string {
  let key = flowKeys.get(flow);
  if (key === undefined) {
    key = JSON.stringify(flow);
    flowKeys.set(flow, key);
  }
  return key;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

/** playConversation(flow, id, turns, now)'s id, escalation and asked, played once per worker for the same four. */
export function playedOnce(flow: Flow, id: string, turns: readonly string[], now: number): PlayedOutcome {
  const key = JSON.stringify([id, turns, now]) + flowKey(flow);
  let out = played.get(key);
  if (out === undefined) {
    const p = playConversation(flow, id, [...turns], now);
    // A copy, frozen: nothing the engine holds is frozen, and no caller can change what a later file reads.
    out = deepFreeze(structuredClone({ id: p.id, escalation: p.escalation, asked: p.asked }));
    played.set(key, out);
  }
  return out;
}
