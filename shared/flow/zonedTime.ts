/**
 * Reads a date and time typed by a person (`baton chat --now`, `baton simulate --now`) strictly, in the flow's time zone
 * when it names no offset.
 *
 * `Date.parse` is the wrong tool for this: a time without an offset is read in the machine's zone (so a run gives other
 * answers on another machine), a day that does not exist rolls over ("2026-02-31" is 3 March) and a wall time inside a
 * daylight-saving gap silently moves. Here:
 * - the text must be ISO 8601: `YYYY-MM-DD`, optionally `THH:MM`, `:SS`, `.mmm`, then `Z` or `±HH:MM` (or `±HHMM`);
 * - the calendar is checked (month 1-12, the month's days, hours 0-23, minutes and seconds 0-59);
 * - with no offset the wall time is the flow's zone's (a date alone is that day's midnight there); a wall time the clocks
 *   skip is refused with the zone's answer, one that happens twice is the first and a note says so.
 */
import { isValidTimeZone } from './openingHours';

export type ZonedTimeResult =
  | { ok: true; at: number; note?: string }
  | { ok: false; message: string };

const ISO = /^([+-]\d{6}|\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at instant `t`, in milliseconds (positive east of Greenwich). */
function offsetAt(zone: string, t: number): number {
  let f = offsetFormatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    offsetFormatters.set(zone, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(new Date(t))) p[part.type] = part.value;
  const year = p.era === 'BC' || p.era === 'B' ? 1 - Number(p.year) : Number(p.year);
  const wall = utc(year, Number(p.month) - 1, Number(p.day), Number(p.hour) % 24, Number(p.minute), Number(p.second));
  return wall - Math.floor(t / 1000) * 1000;
}

/** Date.UTC, without its mapping of years 0-99 to 1900-1999. */
function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const d = new Date(Date.UTC(2000, month, day, hour, minute, second, ms));
  d.setUTCFullYear(year, month, day);
  return d.getTime();
}

function daysIn(year: number, month: number): number {
  return new Date(utc(year, month, 0)).getUTCDate();
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

function formatOffset(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  const minutes = Math.round(Math.abs(ms) / 60_000);
  return `${sign}${two(Math.floor(minutes / 60))}:${two(minutes % 60)}`;
}

/**
 * Parses `text` as described above. `timeZone` is the flow's zone (an unknown zone is read as UTC and said in the note).
 * `example` is what the error messages suggest typing.
 */
export function parseZonedTime(text: string, timeZone: string, example = '2026-11-23T10:00:00Z'): ZonedTimeResult {
  const m = ISO.exec(text.trim());
  if (!m) {
    return { ok: false, message: `"${text}" is not a date and time; use ISO 8601, e.g. ${example} (Z for UTC, or an offset such as +01:00; with neither it is the flow's time zone)` };
  }
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', offset] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12) return { ok: false, message: `"${text}": there is no month ${mo}; months are 01 to 12` };
  if (day < 1 || day > daysIn(year, month)) {
    return { ok: false, message: `"${text}": ${y}-${mo} has ${daysIn(year, month)} days, so there is no day ${d}` };
  }
  if (hour > 23 || minute > 59 || second > 59) {
    return { ok: false, message: `"${text}": ${h}:${mi}:${s} is not a time of day; use 00:00:00 to 23:59:59` };
  }
  const ms = Number((frac + '000').slice(0, 3));
  const wall = utc(year, month - 1, day, hour, minute, second, ms);
  if (offset) {
    if (offset.toUpperCase() === 'Z') return { ok: true, at: wall };
    const om = /^([+-])(\d{2}):?(\d{2})$/.exec(offset)!;
    const oh = Number(om[2]);
    const omin = Number(om[3]);
    if (oh > 23 || omin > 59) return { ok: false, message: `"${text}": ${offset} is not an offset from UTC; use -23:59 to +23:59` };
    const sign = om[1] === '-' ? -1 : 1;
    return { ok: true, at: wall - sign * (oh * 3_600_000 + omin * 60_000) };
  }
  // Hostile s28 H5: a year at the edge of JavaScript's dates with no offset ("+275760-09-12T12:00") made the zone probes
  // below throw ("Invalid time value": baton chat / test exited 3, the studio answered 500). With an offset the callers'
  // own range check answers.
  if (year < 1 || year > 9999) return { ok: false, message: `"${text}": the year ${y} is out of range; use a year from 0001 to 9999, e.g. ${example}` };
  const known = isValidTimeZone(timeZone);
  const zone = known ? timeZone : 'UTC';
  const unknownNote = known ? undefined : `the flow's time zone "${timeZone}" is unknown, so the time was read as UTC`;
  if (!Number.isFinite(wall)) return { ok: true, at: wall };
  // The instants whose wall clock in `zone` reads `wall`: at most two (a fold), none in a gap. The offsets in force
  // around the wall time are the only candidates.
  const candidates = new Set<number>();
  for (const probe of [wall - 86_400_000, wall, wall + 86_400_000]) {
    const t = wall - offsetAt(zone, probe);
    if (t + offsetAt(zone, t) === wall) candidates.add(t);
  }
  const found = [...candidates].sort((a, b) => a - b);
  if (found.length === 0) {
    const before = offsetAt(zone, wall - 86_400_000);
    const after = offsetAt(zone, wall + 86_400_000);
    // Read with the offset in force before the change, the wall time lands just after it (01:30 GMT is 02:30 BST).
    const moved = wall - before;
    const shown = new Date(moved + offsetAt(zone, moved)).toISOString().slice(11, 16);
    if (m[4] === undefined) {
      // A date alone whose midnight the clocks skip (America/Santiago in September): the day starts when they land.
      return { ok: true, at: moved, note: `${y}-${mo}-${d} has no midnight in ${zone} (the clocks go forward then); the day starts at ${shown}` };
    }
    return {
      ok: false,
      message: `"${text}" does not exist in ${zone}: the clocks go forward then (${formatOffset(before)} to ${formatOffset(after)}). Give a later time, or the offset before the change: ${y}-${mo}-${d}T${h}:${mi}:${s}${formatOffset(before)} is ${shown} there.`,
    };
  }
  const notes: string[] = [];
  if (unknownNote) notes.push(unknownNote);
  if (found.length > 1) {
    notes.push(`${y}-${mo}-${d} ${h}:${mi} happens twice in ${zone} (the clocks go back); the first (${formatOffset(offsetAt(zone, found[0]))}) is used, add ${formatOffset(offsetAt(zone, found[found.length - 1]))} for the second`);
  }
  return notes.length > 0 ? { ok: true, at: found[0], note: notes.join('; ') } : { ok: true, at: found[0] };
}
