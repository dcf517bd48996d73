/**
 * Session 38 (hostile s38 H2, M6, M8): a date, or a date and time, read out of the sentence a customer types at a
 * Question block ("it leaves at 11:45", "Monday 11:45", "9/3/2026 11:45", "11h45", "twenty to twelve", "March 5th",
 * "last night around 11pm", "oops wrong date, it was the 5th"). Before, the date answer type took only a bare
 * "2025-03-14", "14/03/2025" or "today/tomorrow/yesterday", and Skyline Air's departure question (a text answer) stored
 * "it leaves at 11:45" whole, so its "within 20 minutes" rule could not read it and a flight leaving in 15 minutes got
 * the menu.
 *
 * Rules:
 * - A correction takes the LAST value: "14:45, no sorry 11:45" is 11:45. A value said to be wrong is left out:
 *   "11:45, not 14:45", "instead of 14:45", "rather than the 6th".
 * - Dates are day first ("9/3/2026" is 9 March), as the date answer type has always read them; "2026-03-09" ISO.
 * - A day without a year ("March 5th", "the 5th", "Monday") is placed by the block's `dates` setting: "past" (an
 *   incident that happened) takes the latest such day not after today, "future" the next one from today on, "any" this
 *   year's / this month's (a weekday: the next one from today on).
 * - A time without a day is today's in the flow's time zone; with no am/pm and no day, a time more than an hour before
 *   now is tomorrow's (as the rules' `within_minutes` reads a bare time: rules.ts timeOfDay). A time in words or on a
 *   12-hour clock without am/pm ("twenty to twelve", "at 8") takes the half of the day nearest ahead of now on that day.
 * - A bare number ("at 10") is no time: it needs minutes, am/pm or "o'clock" (it may be a gate, a count, a day).
 * Pure: `now` and the time zone are arguments; nothing reads the host's clock or zone.
 */
import { localTime } from '../flow/openingHours';
import { nextWallInstant, offsetText, wallInstants } from '../flow/rules';

export type DateRange = 'any' | 'past' | 'future';

interface Span {
  index: number;
  end: number;
}
interface ClockHit extends Span {
  hour: number;
  minute: number;
  /** The hour could be either half of the day (words, or 1-12 with no am/pm and no minutes on a 24-hour form). */
  twelve: boolean;
}
interface DayHit extends Span {
  /** Resolves the day against today (local, as y/m/d) and the block's range. */
  resolve: (today: Ymd, weekday: number, range: DateRange) => Ymd | null;
}
interface Ymd {
  y: number;
  m: number;
  d: number;
}

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6, jul: 7, july: 7,
  aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};
const MONTH = `(${Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|')})\\.?`;
const WEEKDAYS: Record<string, number> = {
  sunday: 0, sun: 0, monday: 1, mon: 1, tuesday: 2, tue: 2, tues: 2, wednesday: 3, wed: 3, thursday: 4, thu: 4, thur: 4, thurs: 4,
  friday: 5, fri: 5, saturday: 6, sat: 6,
};
const WEEKDAY = '(sunday|monday|tuesday|wednesday|thursday|friday|saturday|tues|thurs|thur|sun|mon|tue|wed|thu|fri|sat)';
const ORD = '(?:st|nd|rd|th)';

const SMALL: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50 };
const HOUR_WORD = '(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)';
/** Minutes in words: "five", "twenty-five", "forty five", "fifteen", "oh five". */
const MINUTE_WORD = '((?:twenty|thirty|forty|fifty)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|oh[- ](?:one|two|three|four|five|six|seven|eight|nine)|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|one|two|three|four|five|six|seven|eight|nine)';

function wordNumber(w: string): number | null {
  const t = w.replace(/^oh[- ]/, '');
  if (SMALL[t] !== undefined) return SMALL[t];
  const [tens, unit] = t.split(/[- ]/);
  if (TENS[tens] === undefined) return null;
  if (unit === undefined) return TENS[tens];
  return SMALL[unit] !== undefined && SMALL[unit] < 10 ? TENS[tens] + SMALL[unit] : null;
}
const hourOf = (s: string) => (/^\d+$/.test(s) ? Number(s) : (SMALL[s] ?? NaN));

const HALF = '(?:\\s*(a\\.?m\\.?|p\\.?m\\.?)(?![a-z])|\\s+(?:in\\s+the\\s+)?(morning|afternoon|evening|tonight|at\\s+night))?';

/** The text as these patterns read it: NFKC, lower case, typographic quotes and dashes made plain; same length kept. */
function prepared(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u2010\u2011\u2012\u2013\u2014\u2212]/g, '-')
    .replace(/[\u00a0\u202f]/g, ' ');
}

/** A value said to be wrong or set aside: "not 14:45", "instead of the 6th", "rather than Monday". */
const SET_ASIDE_BEFORE = /(?:^|[^a-z])(?:not|instead\s+of|rather\s+than|and\s+not)\s+(?:at\s+|on\s+|the\s+|for\s+)?$/;
const SET_ASIDE_AFTER = /^\s*(?:is|was)\s+(?:wrong|a\s+typo|a\s+mistake|not\s+right)/;

function setAside(t: string, s: Span): boolean {
  return SET_ASIDE_BEFORE.test(t.slice(Math.max(0, s.index - 20), s.index)) || SET_ASIDE_AFTER.test(t.slice(s.end, s.end + 24));
}

function blank(t: string, s: Span): string {
  return t.slice(0, s.index) + ' '.repeat(s.end - s.index) + t.slice(s.end);
}

function applyHalf(hour: number, half: string | undefined, part: string | undefined): { hour: number; twelve: boolean } | null {
  if (half) {
    if (hour < 1 || hour > 12) return null;
    return { hour: (hour % 12) + (half.startsWith('p') ? 12 : 0), twelve: false };
  }
  if (part) {
    if (hour < 1 || hour > 12) return hour <= 23 ? { hour, twelve: false } : null;
    const pm = part !== 'morning';
    // "twelve at night" is midnight; "eleven in the morning" 11:00; "eight in the evening" 20:00.
    return { hour: pm ? (hour === 12 ? (part === 'afternoon' ? 12 : 0) : hour + 12) : hour % 12, twelve: false };
  }
  return hour <= 23 ? { hour, twelve: false } : null;
}

/** Every time of day in `t` (prepared), in order, dates already blanked out. */
function clocksIn(t: string): ClockHit[] {
  const hits: ClockHit[] = [];
  const take = (index: number, end: number, hour: number, minute: number, twelve: boolean) => {
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return;
    if (hits.some((h) => index < h.end && end > h.index)) return;
    hits.push({ index, end, hour, minute, twelve });
  };
  // Digits: "11:45", "11.45", "11h45", "9:05pm", "23:10".
  for (const m of t.matchAll(new RegExp(`(?<![\\d:.,/-])(\\d{1,2})\\s?(?::|h|\\.(?=\\d\\d(?!\\d)))\\s?(\\d{2})(?![\\d:])${HALF}`, 'g'))) {
    const h = applyHalf(Number(m[1]), m[3], m[4]);
    if (h === null) continue;
    // A 24-hour form is read as typed ("8:30" is 08:30), as the rules' within_minutes reads a bare time.
    take(m.index, m.index + m[0].length, h.hour, Number(m[2]), false);
  }
  // "11pm", "6 am", "11 p.m."
  for (const m of t.matchAll(/(?<![\d:.,/-])(\d{1,2})\s?(a\.?m\.?|p\.?m\.?)(?![a-z])/g)) {
    const h = applyHalf(Number(m[1]), m[2], undefined);
    if (h !== null) take(m.index, m.index + m[0].length, h.hour, 0, false);
  }
  // "twenty to twelve", "quarter past 11", "half past eleven", "10 minutes to 12", "five after six".
  for (const m of t.matchAll(new RegExp(`(?<![a-z])(?:a\\s+)?(quarter|half|${MINUTE_WORD.slice(1, -1)}|\\d{1,2})(?:\\s+minutes?)?\\s+(past|after|to|till|til|before)\\s+(${HOUR_WORD.slice(1, -1)}|\\d{1,2})(?![\\d:a-z])${HALF}`, 'g'))) {
    const minute = m[1] === 'quarter' ? 15 : m[1] === 'half' ? 30 : /^\d+$/.test(m[1]) ? Number(m[1]) : wordNumber(m[1]);
    const base = hourOf(m[3]);
    if (minute === null || minute < 1 || minute > 59 || !(base >= 1 && base <= 12)) continue;
    if (m[1] === 'half' && m[2] !== 'past' && m[2] !== 'after') continue;
    const before = m[2] !== 'past' && m[2] !== 'after';
    const hour12 = before ? (base === 1 ? 12 : base - 1) : base;
    const h = applyHalf(hour12, m[4], m[5]);
    if (h === null) continue;
    take(m.index, m.index + m[0].length, h.hour, before ? 60 - minute : minute, !m[4] && !m[5]);
  }
  // "half eleven" (British: 11:30).
  for (const m of t.matchAll(new RegExp(`(?<![a-z])half\\s+(${HOUR_WORD.slice(1, -1)}|\\d{1,2})(?![\\d:a-z])${HALF}`, 'g'))) {
    const base = hourOf(m[1]);
    if (!(base >= 1 && base <= 12)) continue;
    const h = applyHalf(base, m[2], m[3]);
    if (h !== null) take(m.index, m.index + m[0].length, h.hour, 30, !m[2] && !m[3]);
  }
  // "eleven forty-five", "seven thirty pm", "eleven o'clock", "11 o'clock".
  for (const m of t.matchAll(new RegExp(`(?<![a-z\\d])${HOUR_WORD}\\s+${MINUTE_WORD}(?![a-z-])${HALF}`, 'g'))) {
    const minute = wordNumber(m[2]);
    if (minute === null || (minute < 10 && !m[2].startsWith('oh'))) continue;
    const h = applyHalf(hourOf(m[1]), m[3], m[4]);
    if (h !== null) take(m.index, m.index + m[0].length, h.hour, minute, !m[3] && !m[4]);
  }
  for (const m of t.matchAll(new RegExp(`(?<![a-z\\d])(${HOUR_WORD.slice(1, -1)}|\\d{1,2})\\s*o'?\\s?clock${HALF}`, 'g'))) {
    const base = hourOf(m[1]);
    if (!(base >= 0 && base <= 12)) continue;
    const h = applyHalf(base, m[2], m[3]);
    if (h !== null) take(m.index, m.index + m[0].length, h.hour, 0, !m[2] && !m[3]);
  }
  // "eleven pm", "seven in the evening".
  for (const m of t.matchAll(new RegExp(`(?<![a-z\\d])${HOUR_WORD}(?:\\s*(a\\.?m\\.?|p\\.?m\\.?)(?![a-z])|\\s+(?:in\\s+the\\s+)?(morning|afternoon|evening|at\\s+night))`, 'g'))) {
    const h = applyHalf(hourOf(m[1]), m[2], m[3]);
    if (h !== null) take(m.index, m.index + m[0].length, h.hour, 0, false);
  }
  for (const m of t.matchAll(/(?<![a-z])(noon|midday|midnight)(?![a-z])/g)) take(m.index, m.index + m[0].length, m[1] === 'midnight' ? 0 : 12, 0, false);
  return hits.sort((a, b) => a.index - b.index);
}

function isoOf({ y, m, d }: Ymd): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1000 || y > 9999) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return dt.toISOString().slice(0, 10);
}
function plusDays({ y, m, d }: Ymd, n: number): Ymd {
  const dt = new Date(Date.UTC(y, m - 1, d + n));
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}
const cmp = (a: Ymd, b: Ymd) => a.y - b.y || a.m - b.m || a.d - b.d;
const fullYear = (s: string) => (s.length === 2 ? 2000 + Number(s) : Number(s));

/** A month and day with no year, placed by the range. */
function monthDay(m: number, d: number, today: Ymd, range: DateRange): Ymd | null {
  const here = { y: today.y, m, d };
  if (isoOf(here) === null && !(m === 2 && d === 29)) return null;
  if (range === 'past' && cmp(here, today) > 0) return { y: today.y - 1, m, d };
  if (range === 'future' && cmp(here, today) < 0) return { y: today.y + 1, m, d };
  return here;
}
/** A day of the month with no month ("the 5th"), placed by the range. */
function dayOfMonth(d: number, today: Ymd, range: DateRange): Ymd | null {
  if (d < 1 || d > 31) return null;
  const here = { y: today.y, m: today.m, d };
  if (range === 'past' && d > today.d) return today.m === 1 ? { y: today.y - 1, m: 12, d } : { y: today.y, m: today.m - 1, d };
  if (range === 'future' && d < today.d) return today.m === 12 ? { y: today.y + 1, m: 1, d } : { y: today.y, m: today.m + 1, d };
  return here;
}

/** Every day named in `t` (prepared), in order. */
function daysIn(t: string): DayHit[] {
  const hits: DayHit[] = [];
  const take = (index: number, end: number, resolve: DayHit['resolve']) => {
    if (hits.some((h) => index < h.end && end > h.index)) return;
    hits.push({ index, end, resolve });
  };
  for (const m of t.matchAll(/(?<![\d.\/-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d\/-])/g)) take(m.index, m.index + m[0].length, () => ({ y: +m[1], m: +m[2], d: +m[3] }));
  for (const m of t.matchAll(/(?<![\d.\/-])(\d{1,2})([\/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d.\/-]?\d)/g)) take(m.index, m.index + m[0].length, () => ({ y: fullYear(m[4]), m: +m[3], d: +m[1] }));
  for (const m of t.matchAll(new RegExp(`(?<![a-z\\d])(\\d{1,2})${ORD}?(?:\\s+of)?\\s+${MONTH}(?![a-z])(?:,?\\s+(\\d{4}))?`, 'g'))) {
    const mo = MONTHS[m[2]];
    take(m.index, m.index + m[0].length, (today, _w, range) => (m[3] ? { y: +m[3], m: mo, d: +m[1] } : monthDay(mo, +m[1], today, range)));
  }
  for (const m of t.matchAll(new RegExp(`(?<![a-z])${MONTH}\\s+(?:the\\s+)?(\\d{1,2})${ORD}?(?![\\d:a-z])(?:,?\\s+(\\d{4}))?`, 'g'))) {
    const mo = MONTHS[m[1]];
    // "may" is also a verb ("I may 2 ..."): only with an ordinal or a year, or the full month name of another month.
    if (m[1] === 'may' && !/(?:st|nd|rd|th)(?![a-z])/.test(m[0]) && !m[3]) continue;
    take(m.index, m.index + m[0].length, (today, _w, range) => (m[3] ? { y: +m[3], m: mo, d: +m[2] } : monthDay(mo, +m[2], today, range)));
  }
  for (const m of t.matchAll(new RegExp(`(?<![a-z\\d])(?:the\\s+)?(\\d{1,2})${ORD}(?![a-z])`, 'g'))) {
    take(m.index, m.index + m[0].length, (today, _w, range) => dayOfMonth(+m[1], today, range));
  }
  const REL: [RegExp, number][] = [
    [/(?<![a-z])(?:the\s+)?day\s+before\s+yesterday(?![a-z])/g, -2],
    [/(?<![a-z])(?:the\s+)?day\s+after\s+tomorrow(?![a-z])/g, 2],
    [/(?<![a-z])(?:yesterday|yday|last\s+night)(?![a-z])/g, -1],
    [/(?<![a-z])(?:today|tonight|tonite|this\s+(?:morning|afternoon|evening))(?![a-z])/g, 0],
    [/(?<![a-z])(?:tomorrow|tmrw|tmr|tomorow|tommorow|tommorrow)(?![a-z])/g, 1],
  ];
  for (const [re, n] of REL) for (const m of t.matchAll(re)) take(m.index, m.index + m[0].length, (today) => plusDays(today, n));
  for (const m of t.matchAll(new RegExp(`(?<![a-z])(?:(last|next|this|on)\\s+)?${WEEKDAY}(?![a-z])`, 'g'))) {
    const want = WEEKDAYS[m[2]];
    take(m.index, m.index + m[0].length, (today, weekday, range) => {
      const ahead = (want - weekday + 7) % 7;
      const behind = (weekday - want + 7) % 7;
      if (m[1] === 'last') return plusDays(today, -(behind || 7));
      if (m[1] === 'next') return plusDays(today, ahead || 7);
      return range === 'past' ? plusDays(today, -behind) : plusDays(today, ahead);
    });
  }
  return hits.sort((a, b) => a.index - b.index);
}

const WEEKDAY_NUMBER: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

function todayIn(now: number, timeZone: string): { today: Ymd; weekday: number; minutes: number } {
  const l = localTime(timeZone, now);
  const [y, m, d] = l.date.split('-').map(Number);
  return { today: { y, m, d }, weekday: WEEKDAY_NUMBER[String(l.weekday).slice(0, 3).toLowerCase()] ?? new Date(Date.UTC(y, m - 1, d)).getUTCDay(), minutes: l.minutes };
}

/** The last day named in the text and not set aside, or null. */
function lastDay(t: string, now: number, timeZone: string, range: DateRange): { ymd: Ymd; hits: DayHit[] } | null {
  const hits = daysIn(t).filter((h) => !setAside(t, h));
  if (hits.length === 0) return null;
  const { today, weekday } = todayIn(now, timeZone);
  const ymd = hits[hits.length - 1].resolve(today, weekday, range);
  return ymd === null || isoOf(ymd) === null ? null : { ymd, hits };
}

/**
 * The date a customer's answer names (YYYY-MM-DD), or null: the last one not set aside. `range` "past" refuses a date
 * after today (in the flow's zone) and "future" one before today: null, so the block asks again.
 */
export function dateIn(text: string, now: number, timeZone: string, range: DateRange = 'any'): string | null {
  if (text.length > 1000) return null;
  const found = lastDay(prepared(text), now, timeZone, range);
  if (found === null) return null;
  const { today } = todayIn(now, timeZone);
  if (range === 'past' && cmp(found.ymd, today) > 0) return null;
  if (range === 'future' && cmp(found.ymd, today) < 0) return null;
  return isoOf(found.ymd);
}

/** Whether the date is after today in the zone (for the retry line's reason). */
export function isAfterToday(iso: string, now: number, timeZone: string): boolean {
  return iso > localTime(timeZone, now).date;
}

const ISO_INSTANT = /(?<![\d-])\d{4}-\d{2}-\d{2}t\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:z|[+-]\d{2}:?\d{2})(?![\d:])/g;

/**
 * The date and time a customer's answer names, as a wall-clock "YYYY-MM-DDTHH:MM" in the flow's zone (the form the
 * rules read: rules.ts toTime), or null when it names no time of day. The last time not set aside, on the last day
 * named (none: today, or tomorrow for a time more than an hour gone). `range` "future" refuses a moment more than an
 * hour before now and "past" one after now.
 */
export function dateTimeIn(text: string, now: number, timeZone: string, range: DateRange = 'any'): string | null {
  if (text.length > 1000) return null;
  let t = prepared(text);
  // An instant with its offset ("2026-03-09T11:45:00.000Z", "2026-03-09T12:45+01:00"): that moment on the flow's clock.
  const instants = [...t.matchAll(ISO_INSTANT)].filter((m) => !setAside(t, { index: m.index, end: m.index + m[0].length }));
  if (instants.length > 0) {
    const at = Date.parse(instants[instants.length - 1][0].toUpperCase());
    if (Number.isNaN(at)) return null;
    const l = localTime(timeZone, at);
    return `${l.date}T${String(Math.floor(l.minutes / 60)).padStart(2, '0')}:${String(l.minutes % 60).padStart(2, '0')}`;
  }
  // The ISO form "2026-03-12T09:00" (seconds allowed): the T joins the date and the time.
  t = t.replace(/(\d{4}-\d{1,2}-\d{1,2})t(?=\d{1,2}:\d{2})/g, '$1 ').replace(/(\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}):\d{2}(?:\.\d+)?(?![\d:])/g, (m, head: string) => head.padEnd(m.length, ' '));
  const days = daysIn(t);
  let clockText = t;
  for (const d of days) clockText = blank(clockText, d);
  const clocks = clocksIn(clockText).filter((c) => !setAside(t, c));
  if (clocks.length === 0) return null;
  const clock = clocks[clocks.length - 1];
  const { today, minutes } = todayIn(now, timeZone);
  const named = lastDay(t, now, timeZone, range === 'past' ? 'past' : 'future');
  let day = named?.ymd ?? today;
  let hour = clock.hour;
  const isToday = cmp(day, today) === 0;
  if (clock.twelve && hour < 12) {
    // "twenty to twelve" at 11:30 is 11:40; at 13:00 it is 23:40 (the next one ahead), unless another day is named.
    const am = hour * 60 + clock.minute;
    if (isToday && named === null && am < minutes - 60 && am + 720 >= minutes - 60) hour += 12;
  }
  if (named === null && range !== 'past' && hour * 60 + clock.minute < minutes - 60) day = plusDays(today, 1);
  const iso = isoOf(day);
  if (iso === null) return null;
  const value = `${iso}T${String(hour).padStart(2, '0')}:${String(clock.minute).padStart(2, '0')}`;
  const wall = iso.replace(/-/g, '') + value.slice(11).replace(':', '');
  const nowWall = localTime(timeZone, now).date.replace(/-/g, '') + String(Math.floor(minutes / 60)).padStart(2, '0') + String(minutes % 60).padStart(2, '0');
  if (range === 'past' && wall > nowWall) return null;
  // Session 46 (emerg3, hostile s46 M7): a time that happens twice (the autumn clock change) is the occurrence that makes
  // sense from now (the next one; a past answer the later one not after now) and keeps its offset, so the rules read the
  // same instant ("2026-10-25T01:55+01:00"). A time that happens once keeps the zoneless form.
  const wallUtc = Date.UTC(day.y, day.m - 1, day.d, hour, clock.minute);
  const twice = wallInstants(timeZone, wallUtc);
  if (twice.length === 2) {
    const at = range === 'past' ? ([...twice].reverse().find((t) => t <= now) ?? twice[0]) : nextWallInstant(timeZone, wallUtc, now);
    return `${value}${offsetText(timeZone, at)}`;
  }
  return value;
}

/**
 * Whether the whole answer is only a date or time (with filler such as "at", "it leaves at", "around", "sorry"): the
 * escalation policy then reads it as an answer to the block's own question, not as sentiment ("twenty to twelve" scored
 * 0.82 negative on two words it did not know and handed a customer with a flight in 10 minutes over "as upset").
 */
const FILLER = new Set(
  ('at on around about approx approximately roughly maybe probably like it its it\'s leaves leaving departs departing goes flight ' +
    'the my our is was will be at about by just before after and oh um erm er hmm sorry no wait actually i mean meant think ' +
    'local time ok okay yes yeah please thanks thank you today tomorrow tonight ish not but').split(/\s+/),
);
export function onlyAWhen(text: string): boolean {
  let t = prepared(text).replace(/(\d{4}-\d{1,2}-\d{1,2})t(?=\d{1,2}:\d{2})/g, '$1 ');
  const days = daysIn(t);
  for (const d of days) t = blank(t, d);
  const clocks = clocksIn(t);
  for (const c of clocks) t = blank(t, c);
  if (days.length + clocks.length === 0) return false;
  return t
    .replace(/[^\p{L}\p{N}'\s]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => FILLER.has(w));
}
