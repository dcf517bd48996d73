/**
 * Opening hours: is the team open at a given instant, and when does it next open.
 *
 * Everything is decided in the team's local wall-clock time, read with `Intl.DateTimeFormat` and a
 * `timeZone` (available in browsers and in Node, and it knows the DST rules), so "09:00-17:00" means
 * nine to five in Paris in winter and in summer alike.
 *
 * Rules:
 * - a range is [from, to): open at `from`, closed at `to`; `to` may be '24:00' (end of the day);
 * - a range whose `to` is before its `from` (22:00-06:00) runs past midnight into the next day; the
 *   shift belongs to the day it starts on;
 * - a date in `closedDates` closes that whole local day: no shift starts on it, and the morning tail of
 *   the previous night's shift stops at midnight;
 * - a range with `from` equal to `to` is empty (the validator should flag it);
 * - an unknown time zone is read as UTC so a typo never crashes a live conversation; the validator
 *   reports it with `isValidTimeZone`.
 */
import type { OpeningHours, Weekday } from './schema';

const weekdayOrder: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** How far ahead `nextOpening` looks before saying "never". */
const searchDays = 14;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Answers of `isValidTimeZone`, by zone as written: building a formatter to ask costs ~20 µs per call. */
const zoneValidity = new Map<string, boolean>();
/** Bound on remembered answers (a hostile document could hold many distinct strings). */
const MAX_REMEMBERED_ZONES = 1000;

/** True when the runtime knows the IANA zone; cached per zone (the validator asks on every edit). */
export function isValidTimeZone(tz: string): boolean {
  if (typeof tz !== 'string' || tz.trim() === '') return false;
  const known = zoneValidity.get(tz);
  if (known !== undefined) return known;
  let ok: boolean;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    ok = true;
  } catch {
    ok = false;
  }
  if (zoneValidity.size >= MAX_REMEMBERED_ZONES) zoneValidity.clear();
  zoneValidity.set(tz, ok);
  return ok;
}

/** A cached formatter for the zone (creating one is slow), falling back to UTC for unknown zones. */
function formatterFor(timezone: string): Intl.DateTimeFormat {
  // Keyed by the zone as written (valid or not), so the costly validity check runs once per zone.
  let f = formatters.get(timezone);
  if (!f) {
    const zone = isValidTimeZone(timezone) ? timezone : 'UTC';
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit', // only to check that a cached minute starts at second 0 (see wallClock)
    });
    formatters.set(timezone, f);
  }
  return f;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  weekday: Weekday;
  minutes: number;
}

function readWallClock(timezone: string, now: number): WallClock & { second: number } {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timezone).formatToParts(new Date(now))) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    weekday: parts.weekday.slice(0, 3).toLowerCase() as Weekday,
    // Some engines print midnight as "24" even with h23; fold it back.
    minutes: (Number(parts.hour) % 24) * 60 + Number(parts.minute),
    second: Number(parts.second),
  };
}

/**
 * Wall clocks by zone and UTC minute. `formatToParts` costs a few µs and every Human Takeover entry and
 * Business Hours block reads the clock, while a whole minute of instants shares one reading. A minute is
 * cached only when its first and last millisecond read as the same local minute, starting at second 0
 * and ending at second 59 (a whole-minute UTC offset and no clock change inside it); other minutes (zones
 * with second offsets, from before 1900) are read exactly every time. Bounded: cleared when full.
 */
const clockCache = new Map<string, Map<number, WallClock | null>>();
const CLOCK_CACHE_LIMIT = 4096;

function wallClock(timezone: string, now: number): WallClock {
  let byMinute = clockCache.get(timezone);
  if (!byMinute) {
    byMinute = new Map();
    clockCache.set(timezone, byMinute);
  }
  const minute = Math.floor(now / MINUTE);
  let hit = byMinute.get(minute);
  if (hit === undefined) {
    const first = readWallClock(timezone, minute * MINUTE);
    const last = readWallClock(timezone, minute * MINUTE + MINUTE - 1);
    const steady =
      first.second === 0 &&
      last.second === 59 &&
      first.year === last.year &&
      first.month === last.month &&
      first.day === last.day &&
      first.weekday === last.weekday &&
      first.minutes === last.minutes;
    hit = steady ? { year: first.year, month: first.month, day: first.day, weekday: first.weekday, minutes: first.minutes } : null;
    if (byMinute.size >= CLOCK_CACHE_LIMIT) byMinute.clear();
    byMinute.set(minute, hit);
  }
  if (hit !== null) return hit;
  const w = readWallClock(timezone, now);
  return { year: w.year, month: w.month, day: w.day, weekday: w.weekday, minutes: w.minutes };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const dateString = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

/** The date `offset` days after y-m-d, as YYYY-MM-DD (calendar arithmetic, no time zone involved). */
function addDays(y: number, m: number, d: number, offset: number): { y: number; m: number; d: number; date: string } {
  const t = new Date(Date.UTC(y, m - 1, d + offset));
  const r = { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
  return { ...r, date: dateString(r.y, r.m, r.d) };
}

export function localTime(timezone: string, now: number): { date: string; weekday: Weekday; minutes: number } {
  const w = wallClock(timezone, now);
  return { date: dateString(w.year, w.month, w.day), weekday: w.weekday, minutes: w.minutes };
}

const toMinutes = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

const shiftDay = (day: Weekday, by: number): Weekday => weekdayOrder[(weekdayOrder.indexOf(day) + by + 7) % 7];

/**
 * An OpeningHours object in the form `isOpen` reads: the closed dates as a Set and each day's ranges in
 * minutes. Built once per object (WeakMap; flows are not mutated after their first run, see compileFlow),
 * instead of a new Set and a parse of every "HH:MM" on each call.
 */
interface CompiledHours {
  closed: Set<string>;
  ranges: Partial<Record<Weekday, { from: number; to: number }[]>>;
}
const compiledHours = new WeakMap<OpeningHours, CompiledHours>();
function compileHours(hours: OpeningHours): CompiledHours {
  let c = compiledHours.get(hours);
  if (!c) {
    const ranges: CompiledHours['ranges'] = {};
    for (const day of weekdayOrder) {
      const list = hours.weekly?.[day];
      if (list) ranges[day] = list.map((r) => ({ from: toMinutes(r.from), to: toMinutes(r.to) }));
    }
    c = { closed: new Set(hours.closedDates ?? []), ranges };
    compiledHours.set(hours, c);
  }
  return c;
}

export function isOpen(hours: OpeningHours, now: number): boolean {
  const w = wallClock(hours.timezone, now);
  const { closed, ranges } = compileHours(hours);
  if (closed.size > 0 && closed.has(dateString(w.year, w.month, w.day))) return false;

  for (const { from, to } of ranges[w.weekday] ?? []) {
    if (from < to ? w.minutes >= from && w.minutes < to : to < from && w.minutes >= from) return true;
  }
  // Last night's shift may still be running (22:00-06:00 started yesterday), unless yesterday was closed.
  const yesterday = ranges[shiftDay(w.weekday, -1)];
  if (yesterday === undefined || yesterday.length === 0) return false;
  if (closed.size > 0 && closed.has(addDays(w.year, w.month, w.day, -1).date)) return false;
  for (const { from, to } of yesterday) {
    if (to < from && w.minutes < to) return true;
  }
  return false;
}

/** Local wall time on a date -> instant, or null when that wall time does not exist (DST gap). */
function wallToInstant(timezone: string, y: number, m: number, d: number, minutes: number): number | null {
  const asUtc = Date.UTC(y, m - 1, d, 0, minutes);
  const matches = (t: number) => {
    const w = wallClock(timezone, t);
    return w.year === y && w.month === m && w.day === d && w.minutes === minutes;
  };
  // The zone's offset a day either side: a DST change falls between them at most once.
  const candidates = [utcOffsetAt(timezone, asUtc - DAY), utcOffsetAt(timezone, asUtc + DAY)]
    .map((off) => asUtc - off)
    .filter(matches)
    .sort((a, b) => a - b);
  // In the repeated hour (DST ends) the first occurrence is when the clock first shows the time.
  return candidates.length ? candidates[0] : null;
}

/** Wall-clock minus UTC at instant t, in ms (minute precision). */
export function utcOffsetAt(timezone: string, t: number): number {
  const w = wallClock(timezone, t);
  const floored = Math.floor(t / MINUTE) * MINUTE;
  return Date.UTC(w.year, w.month - 1, w.day, 0, w.minutes) - floored;
}

/**
 * The first instant at or after `lo` whose local time is at or past the target on that date: the moment
 * a range opens when its start falls in a DST gap (02:30 on the spring-forward night opens at 03:00).
 */
function firstInstantReaching(timezone: string, target: string, targetMinutes: number, lo: number, hi: number): number {
  const reached = (t: number) => {
    const l = localTime(timezone, t);
    return l.date > target || (l.date === target && l.minutes >= targetMinutes);
  };
  lo = Math.floor(lo / MINUTE);
  hi = Math.ceil(hi / MINUTE);
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (reached(mid * MINUTE)) hi = mid;
    else lo = mid + 1;
  }
  return lo * MINUTE;
}

/**
 * Session 34 (perf): each weekday's range starts in minutes, in order (ranges that start where they end open nothing),
 * as nextOpening walks them: made once per OpeningHours object instead of for each of up to 15 days on every call.
 */
const compiledStarts = new WeakMap<OpeningHours, Record<Weekday, number[]>>();
function compileStarts(hours: OpeningHours): Record<Weekday, number[]> {
  let c = compiledStarts.get(hours);
  if (!c) {
    const byDay = {} as Record<Weekday, number[]>;
    for (const day of weekdayOrder) {
      byDay[day] = (hours.weekly?.[day] ?? [])
        .filter((r) => r.from !== r.to)
        .map((r) => toMinutes(r.from))
        .sort((a, b) => a - b);
    }
    c = byDay;
    compiledStarts.set(hours, c);
  }
  return c;
}

/**
 * When the team next opens (ms since epoch): `now` itself if open now, otherwise the start of the next
 * range, looking up to 14 days ahead; null if nothing opens in that window.
 */
export function nextOpening(hours: OpeningHours, now: number): number | null {
  if (isOpen(hours, now)) return now;
  const tz = hours.timezone;
  const { closed } = compileHours(hours);
  const startsOf = compileStarts(hours);
  const start = wallClock(tz, now);
  const limit = now + searchDays * DAY;

  // Openings only happen at the start of a range on a day that is not closed: walk the days in order.
  for (let i = 0; i <= searchDays; i++) {
    const starts = startsOf[shiftDay(start.weekday, i)];
    if (starts.length === 0) continue;
    const day = addDays(start.year, start.month, start.day, i);
    if (closed.has(day.date)) continue;
    for (const minutes of starts) {
      let t = wallToInstant(tz, day.y, day.m, day.d, minutes);
      if (t === null) {
        // The start falls in a DST gap: the range opens when the clock jumps past it.
        const guess = Date.UTC(day.y, day.m - 1, day.d, 0, minutes);
        // UTC offsets lie within -12h..+14h, so the instant is within 15 hours of the naive guess.
        t = firstInstantReaching(tz, day.date, minutes, guess - 15 * 60 * MINUTE, guess + 15 * 60 * MINUTE);
      }
      if (t > limit) return null;
      if (t > now && isOpen(hours, t)) return t;
    }
  }
  return null;
}
