/**
 * The simulator's virtual clock helpers: the next timer, and the "outside business hours" switch, which
 * moves the clock to a time when the flow's people are not working (the Human Takeover block's
 * availability and every Business Hours block). Pure: `now` is an argument.
 */
import type { ConversationState } from '../engine/types';
import type { Flow, OpeningHours } from '../flow/schema';
import { isOpen, nextOpening } from '../flow/openingHours';
import { getBlockDefinition } from '../flow/blockRegistry';

/** When the next timer fires (ms since epoch), or null when none is set. */
export function nextTimerAt(state: Pick<ConversationState, 'timers'>): number | null {
  let best: number | null = null;
  for (const t of state.timers) if (best === null || t.at < best) best = t.at;
  return best;
}

/** Data that is a set of opening hours (a Business Hours block's data, a takeover's `availability`). */
function asOpeningHours(x: unknown): OpeningHours | null {
  if (x === null || typeof x !== 'object') return null;
  const o = x as Record<string, unknown>;
  return typeof o.timezone === 'string' && o.weekly !== null && typeof o.weekly === 'object' ? (x as OpeningHours) : null;
}

/**
 * Every set of opening hours in the flow, with the block that holds it: a handoff target's `availability`
 * (the engine only applies it in custom assignation) and any block whose data is opening hours.
 */
export function flowOpeningHours(flow: Flow): { blockId: string; hours: OpeningHours }[] {
  const out: { blockId: string; hours: OpeningHours }[] = [];
  for (const b of flow.blocks) {
    const data = b.data as unknown as Record<string, unknown>;
    if (getBlockDefinition(b.kind).isHandoffTarget) {
      const hours = data.assignation === 'custom' ? asOpeningHours(data.availability) : null;
      if (hours) out.push({ blockId: b.id, hours });
    } else {
      const hours = asOpeningHours(data);
      if (hours) out.push({ blockId: b.id, hours });
    }
  }
  return out;
}

const STEP = 15 * 60_000;
const LIMIT = 15 * 24 * 3_600_000;

export type ClosedTime = { ok: true; at: number; blockIds: string[] } | { ok: false; reason: string };

/**
 * The first time at or after `now` (on a 15-minute grid) when every opening-hours set of the flow is closed:
 * "outside business hours". When the flow has no opening hours, or they never close, says so.
 */
export function closedTime(flow: Flow, now: number): ClosedTime {
  const sets = flowOpeningHours(flow);
  if (sets.length === 0) {
    return {
      ok: false,
      reason:
        'this flow has no business hours (no Human Takeover availability in custom mode, no Business Hours block), so "outside business hours" does not apply',
    };
  }
  const closed = (t: number) => sets.every((s) => !isOpen(s.hours, t));
  if (closed(now)) return { ok: true, at: now, blockIds: sets.map((s) => s.blockId) };
  const first = Math.ceil(now / STEP) * STEP;
  for (let t = first; t <= now + LIMIT; t += STEP) {
    if (closed(t)) return { ok: true, at: t, blockIds: sets.map((s) => s.blockId) };
  }
  return { ok: false, reason: 'the business hours of this flow never close within the next two weeks' };
}

/** The first time at or after `now` when the flow's people work again (the earliest opening), or null. */
export function openTime(flow: Flow, now: number): number | null {
  let best: number | null = null;
  for (const s of flowOpeningHours(flow)) {
    const t = nextOpening(s.hours, now);
    if (t !== null && (best === null || t < best)) best = t;
  }
  return best;
}
