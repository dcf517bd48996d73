/**
 * Session 47 (studio14, newcomer s46 N6): the edits of the inspector's week grid (WeeklyHoursEditor), as pure functions
 * over the flow's stored format, which is unchanged: `weekly: { mon: [{ from: 'HH:MM', to: 'HH:MM' | '24:00' }], ... }`,
 * several ranges a day, none = closed.
 */
import { weekdays, type Weekday } from '../../../shared/flow/blocks/fields';
import { minutesOf } from '../../../shared/flow/formats';

export interface TimeRange {
  from: string;
  to: string;
}
export type Week = Record<Weekday, TimeRange[]>;

export const WORKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
/** The range a day gets when it is opened and nothing better is known (what Chatwoot and Landbot start from too). */
export const DEFAULT_RANGE: TimeRange = { from: '09:00', to: '17:00' };

/** Every day present (a file may leave days out: the schema's default is an empty list). */
export function fullWeek(value: unknown): Week {
  const v = (value && typeof value === 'object' ? value : {}) as Partial<Record<Weekday, unknown>>;
  return Object.fromEntries(weekdays.map((d) => [d, Array.isArray(v[d]) ? (v[d] as TimeRange[]) : []])) as Week;
}

/** Mon-Fri 09:00-17:00, the rest closed: where "Only in opening hours" starts. */
export function workWeek(): Week {
  return Object.fromEntries(weekdays.map((d) => [d, WORKDAYS.includes(d) ? [{ ...DEFAULT_RANGE }] : []])) as Week;
}

/**
 * Session 49 (studio17, newcomer s47 N7): whole weeks in one click ("seven day boxes, each filled by hand"). `label`
 * writes the times as the page shows them.
 */
export interface WeekPreset {
  key: string;
  label(time: (stored: string) => string): string;
  week(): Week;
}
const weekOf = (days: Partial<Record<Weekday, TimeRange[]>>): Week => Object.fromEntries(weekdays.map((d) => [d, (days[d] ?? []).map((r) => ({ ...r }))])) as Week;
const allDays = (r: TimeRange) => Object.fromEntries(weekdays.map((d) => [d, [r]]));
export const WEEK_PRESETS: readonly WeekPreset[] = [
  { key: 'weekdays', label: (t) => `Mon–Fri ${t('09:00')}–${t('17:00')}`, week: workWeek },
  { key: 'weekdays-saturday', label: (t) => `Mon–Fri ${t('09:00')}–${t('17:00')}, Sat ${t('09:00')}–${t('13:00')}`, week: () => ({ ...workWeek(), sat: [{ from: '09:00', to: '13:00' }] }) },
  { key: 'every-day', label: (t) => `Every day ${t('09:00')}–${t('17:00')}`, week: () => weekOf(allDays(DEFAULT_RANGE)) },
  { key: 'always', label: () => 'Around the clock', week: () => weekOf(allDays({ from: '00:00', to: '24:00' })) },
];

/** Whether two weeks hold the same openings. */
export function sameWeek(a: Week, b: Week): boolean {
  return weekdays.every((d) => a[d].length === b[d].length && a[d].every((r, i) => r.from === b[d][i].from && r.to === b[d][i].to));
}

/** `from`'s ranges (copies) on each day of `to`; the other days unchanged. */
export function copyDay(week: Week, from: Weekday, to: readonly Weekday[]): Week {
  const out = { ...week };
  for (const d of to) if (d !== from) out[d] = week[from].map((r) => ({ ...r }));
  return out;
}

/** Whether copying `from` to `to` changes anything (the button is then worth pressing). */
export function copyChanges(week: Week, from: Weekday, to: readonly Weekday[]): boolean {
  const same = (a: TimeRange[], b: TimeRange[]) => a.length === b.length && a.every((r, i) => r.from === b[i].from && r.to === b[i].to);
  return to.some((d) => d !== from && !same(week[d], week[from]));
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * The range "Add an opening" adds after a day's last one: an hour after it closes, for four hours (cut at midnight), e.g.
 * 09:00-12:00 then 13:00-17:00 (a lunch break). None of the day's ranges open: 09:00-17:00. Null when the last range
 * closes after 23:00 (no room left that day).
 */
export function nextRange(ranges: readonly TimeRange[]): TimeRange | null {
  if (ranges.length === 0) return { ...DEFAULT_RANGE };
  const lastEnd = Math.max(...ranges.map((r) => (minutesOf(r.to) > minutesOf(r.from) ? minutesOf(r.to) : minutesOf(r.from))));
  const from = lastEnd + 60;
  if (from >= 24 * 60) return null;
  return { from: hhmm(from), to: from + 240 >= 24 * 60 ? '24:00' : hhmm(from + 240) };
}

/**
 * A stored time as a time input shows it. A closing time of '24:00' (midnight, the end of the day) has no value in a
 * time input: it is shown as 00:00 (12:00 AM), which as a closing time means the same.
 */
export function shownTime(stored: string): string {
  return stored === '24:00' ? '00:00' : stored;
}

/**
 * What a time input's value stores: HH:MM, and a closing time of 00:00 as '24:00' (a range cannot close at the midnight
 * that starts its day). '' (a time not complete yet) and anything else: null, nothing stored.
 */
export function storedTime(input: string, closing: boolean): string | null {
  const m = /^(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(input);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return null;
  const t = `${m[1]}:${m[2]}`;
  return closing && t === '00:00' ? '24:00' : t;
}

/**
 * "Mon–Fri 09:00–17:00; Sat 10:00–14:00": the week in one line, under the grid. `time` writes a stored time as the
 * page shows times (the time inputs follow the browser's 12- or 24-hour clock; the summary should too).
 */
export function weekSummary(week: Week, dayShort: Record<Weekday, string>, time: (stored: string) => string = (t) => t): string {
  const key = (d: Weekday) => week[d].map((r) => `${time(r.from)}–${time(r.to)}`).join(', ');
  const parts: string[] = [];
  let i = 0;
  while (i < weekdays.length) {
    const d = weekdays[i];
    let j = i;
    while (j + 1 < weekdays.length && key(weekdays[j + 1]) === key(d)) j++;
    if (key(d) !== '') parts.push(`${j > i ? `${dayShort[d]}–${dayShort[weekdays[j]]}` : dayShort[d]} ${key(d)}`);
    i = j + 1;
  }
  return parts.length ? parts.join('; ') : 'Closed every day';
}

/**
 * A stored time in the browser's own clock, as a time input shows it ("09:00 AM" in en-US, "09:00" in en-GB); '24:00'
 * (a closing time) is "midnight". `locale` for tests; the page passes none (the browser's).
 */
export function localTime(stored: string, locale?: string): string {
  if (stored === '24:00') return 'midnight';
  const m = /^(\d{2}):(\d{2})$/.exec(stored);
  if (!m) return stored;
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }).format(Date.UTC(2026, 0, 5, Number(m[1]), Number(m[2])));
}
