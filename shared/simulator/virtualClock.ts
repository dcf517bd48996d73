/**
 * The simulator's virtual clock helpers: the next timer, and the "outside business hours" switch, which
 * moves the clock to a time when the flow's people are not working (the Human Takeover block's
 * availability and every Business Hours block). Pure: `now` is an argument.
 */
import type { ConversationState } from '../engine/types';
import type { Flow, OpeningHours } from '../flow/schema';
import { isOpen, isValidTimeZone, nextOpening } from '../flow/openingHours';
import { parseZonedTime } from '../flow/zonedTime';
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

/**
 * The zone the simulator's clock reads in (session 42, newcomer s19 F15): the flow's time zone; when that is left at UTC
 * (a new flow's default), the zone of its opening hours (the first set: a Business Hours block, a custom takeover's
 * availability), so "10:00" is ten in the morning where the team works. An unknown zone reads as UTC, as formatClock does.
 */
export function clockZone(flow: Flow): string {
  const own = flow.settings.timezone;
  if (own && own !== 'UTC' && own !== 'Etc/UTC' && isValidTimeZone(own)) return own;
  const hours = flowOpeningHours(flow).find((s) => isValidTimeZone(s.hours.timezone))?.hours.timezone;
  return hours ?? (own && isValidTimeZone(own) ? own : 'UTC');
}

/** The fixed day the studio simulator's conversations start on (a Monday), at 10:00 in `clockZone`. */
export const DEFAULT_START_WALL_TIME = '2026-03-02T10:00';

/**
 * Where the studio simulator's clock starts when the scenarios file names no `now` (session 42, newcomer s19 F15): Monday
 * 2 March 2026 at 10:00 in the flow's zone (clockZone), not 10:00 UTC (five in the morning in New York: closed).
 * Fixed, so saved scenarios replay alike; the Clock tab starts a conversation at any day and time.
 */
export function defaultStartTime(flow: Flow): number {
  const r = parseZonedTime(DEFAULT_START_WALL_TIME, clockZone(flow));
  return r.ok ? r.at : Date.UTC(2026, 2, 2, 10);
}

/** Whether the flow's people work at `now`: every opening-hours set open ('open'), none ('closed'), some ('partly'); null without opening hours. */
export function hoursAt(flow: Flow, now: number): 'open' | 'closed' | 'partly' | null {
  const sets = flowOpeningHours(flow);
  if (sets.length === 0) return null;
  const open = sets.filter((s) => isOpen(s.hours, now)).length;
  return open === sets.length ? 'open' : open === 0 ? 'closed' : 'partly';
}

const WEEKDAY_INDEX: Record<string, number> = { mon: 0, tue: 1, wed: 2, thu: 3, fri: 4, sat: 5, sun: 6 };

/**
 * The instant of a weekday and wall time ("tue", "18:30") in the week the simulator starts (Monday 2 March 2026), in
 * `zone`: what the Clock tab's "Start a conversation on ... at ..." uses. A bad day or time is said in words.
 */
export function weekdayTime(day: string, time: string, zone: string): { ok: true; at: number } | { ok: false; message: string } {
  const d = WEEKDAY_INDEX[day.trim().slice(0, 3).toLowerCase()];
  if (d === undefined) return { ok: false, message: `"${day}" is not a day of the week (Mon to Sun)` };
  const m = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return { ok: false, message: `"${time}" is not a time of day (00:00 to 23:59)` };
  const r = parseZonedTime(`2026-03-${String(2 + d).padStart(2, '0')}T${m[1].padStart(2, '0')}:${m[2]}`, zone);
  return r.ok ? { ok: true, at: r.at } : { ok: false, message: r.message };
}
