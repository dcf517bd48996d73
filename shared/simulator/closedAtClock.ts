/**
 * Which of a flow's blocks are shut at a given clock (newcomer s15 #17: `baton simulate` before the template's
 * opening time said "handoff rate: 0.0%" next to 24 escalations, with no word why): Business hours blocks (they take
 * their `closed` exit) and Human takeover blocks with custom assignation and availability times (they say their
 * out-of-hours message and leave by `no_agent`). With each, when it next opens (within 14 days), so a tester can
 * pick a clock that reaches people. Pure: the clock comes in as an argument.
 */
import type { Flow } from '../flow/schema';
import { isOpen, localTime, nextOpening } from '../flow/openingHours';
import { getBlockDefinition, isBlockKind } from '../flow/blockRegistry';

export interface ClosedBlock {
  id: string;
  /** The name the canvas shows: the block's label, else its kind's. */
  name: string;
  /** What the block does while closed, in a tester's words (from the block's definition). */
  whenClosed: string;
  timezone: string;
  /** When it next opens (ms since epoch), or null when nothing opens in the next 14 days. */
  opensAt: number | null;
}

export function closedAtClock(flow: Flow, now: number): ClosedBlock[] {
  const out: ClosedBlock[] = [];
  for (const b of flow.blocks) {
    if (!isBlockKind(b.kind)) continue;
    const def = getBlockDefinition(b.kind);
    const kept = def.openingHoursOf?.(b as never) ?? null;
    if (kept === null || isOpen(kept.hours, now)) continue;
    const name = typeof b.label === 'string' && b.label.trim() !== '' ? b.label.trim() : def.label;
    out.push({ id: b.id, name, whenClosed: kept.whenClosed, timezone: kept.hours.timezone, opensAt: nextOpening(kept.hours, now) });
  }
  return out;
}

/** "Wed 2026-12-02 07:35" in the block's time zone, for a one-line summary. */
export function wallWords(timezone: string, at: number): string {
  const t = localTime(timezone, at);
  const day = t.weekday.charAt(0).toUpperCase() + t.weekday.slice(1, 3);
  return `${day} ${t.date} ${String(Math.floor(t.minutes / 60)).padStart(2, '0')}:${String(t.minutes % 60).padStart(2, '0')}`;
}
