/**
 * Evaluates variable rules (condition blocks, urgency rules, hot-lead rules). Pure: `now` is an argument.
 */
import { RE2JS } from 're2js';
import type { Rule, RuleGroup, Value } from './schema';

/**
 * Designer regexes (`matches` rules) run on RE2JS: linear time in the input, whatever the pattern (no
 * backtracking, so `(a+)+$` against a hostile customer message cannot stall the engine). Features RE2 lacks
 * (backreferences, lookaround) and invalid patterns are reported by `checkPattern` (validation), never a
 * silent false at run time. Patterns match case-insensitively anywhere in the text.
 */
export type PatternCheck = { ok: true } | { ok: false; message: string };

const compiled = new Map<string, RE2JS | string>();

function compilePattern(pattern: string): RE2JS | string {
  let hit = compiled.get(pattern);
  if (hit === undefined) {
    try {
      hit = RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
    } catch (e) {
      const raw = e instanceof Error ? e.message : String(e);
      hit = raw.replace(/^error parsing regexp:\s*/, '');
    }
    if (compiled.size > 500) compiled.clear();
    compiled.set(pattern, hit);
  }
  return hit;
}

/** Whether a designer's pattern can be used; the message says what is wrong in it. */
export function checkPattern(pattern: string): PatternCheck {
  const r = compilePattern(pattern);
  if (typeof r !== 'string') return { ok: true };
  return {
    ok: false,
    message: `the pattern ${JSON.stringify(pattern)} cannot be used: ${r}. Patterns use RE2 syntax (no backreferences like \\1, no lookahead or lookbehind).`,
  };
}

/** Own properties only: a rule on `constructor` or `__proto__` reads nothing. */
function read(vars: Record<string, Value | undefined>, name: string): Value | undefined {
  return Object.prototype.hasOwnProperty.call(vars, name) ? vars[name] : undefined;
}

function toNumber(v: Value | undefined): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v.replace(/[, ]/g, ''));
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** The time zone's offset from UTC at instant `t`, in ms (unknown zones read as UTC). */
function zoneOffset(timeZone: string, t: number): number {
  let f = offsetFormatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    } catch {
      f = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    }
    offsetFormatters.set(timeZone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(t)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second);
  return wall - (t - (t % 1000 + 1000) % 1000);
}

/** A wall-clock time in `timeZone` as an instant (the later reading when a DST change makes it ambiguous). */
function wallToInstant(timeZone: string, wallAsUtc: number): number {
  const first = wallAsUtc - zoneOffset(timeZone, wallAsUtc);
  return wallAsUtc - zoneOffset(timeZone, first);
}

/**
 * Session 46 (emerg3, hostile s46 M7): every instant a wall-clock time in `timeZone` names, earliest first: one, two when
 * the clocks go back (01:30 happens in BST, then in GMT), none when they skip it (a gap).
 */
export function wallInstants(timeZone: string, wallAsUtc: number): number[] {
  const out: number[] = [];
  for (const probe of [wallAsUtc - 12 * 3_600_000, wallAsUtc + 12 * 3_600_000]) {
    const t = wallAsUtc - zoneOffset(timeZone, probe);
    if (t + zoneOffset(timeZone, t) === wallAsUtc && !out.includes(t)) out.push(t);
  }
  return out.sort((a, b) => a - b);
}
/**
 * Session 46 (emerg3, hostile s46 M7): a wall-clock time said of a moment to come, as an instant: of two occurrences the
 * first not before `now`, or the later when both are gone; a time the clocks skip as wallToInstant reads it.
 */
export function nextWallInstant(timeZone: string, wallAsUtc: number, now: number): number {
  const all = wallInstants(timeZone, wallAsUtc);
  if (all.length < 2) return wallToInstant(timeZone, wallAsUtc);
  return all.find((t) => t >= now) ?? all[all.length - 1];
}
/** "+01:00" for `timeZone`'s offset at instant `t`. */
export function offsetText(timeZone: string, t: number): string {
  const o = Math.round(zoneOffset(timeZone, t) / 60_000);
  const a = Math.abs(o);
  return `${o < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

const ZONELESS = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;

/**
 * Milliseconds since epoch for a date-like variable (ISO string or epoch ms), or null. A date-time without
 * an offset ("2024-05-01T14:30") is a wall-clock time in `timeZone` (the flow's), never the host's: the
 * same flow gives the same answers on a server in any zone. A bare date is midnight in `timeZone`.
 */
export function toTime(v: Value | undefined, timeZone = 'UTC', now?: number): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '') {
    const s = v.trim();
    if (now !== undefined) {
      const clock = timeOfDay(s, timeZone, now);
      if (clock !== null) return clock;
    }
    const m = ZONELESS.exec(s);
    if (m) return wallToInstant(timeZone, Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], m[6] ? +m[6] : 0));
    const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (d) return wallToInstant(timeZone, Date.UTC(+d[1], +d[2] - 1, +d[3]));
    // Anything else must say its offset (or Z) to be read the same on every host.
    if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(s)) return null;
    const t = Date.parse(s);
    return Number.isNaN(t) ? null : t;
  }
  return null;
}

const DAY_WORD = '(today|tonight|tomorrow)';
const CLOCK = '(?:at\\s+)?(\\d{1,2})(?:[:.](\\d{2}))?\\s*(am|pm|a\\.m\\.?|p\\.m\\.?)?';
const CLOCK_THEN_DAY = new RegExp(`^${CLOCK}(?:\\s+${DAY_WORD})?$`, 'i');
const DAY_THEN_CLOCK = new RegExp(`^${DAY_WORD}\\s+${CLOCK}$`, 'i');

/**
 * Session 8 (newcomer s8 #37): a time of day as a customer types it ("10:15", "10.15am today", "6pm", "tomorrow at
 * 9:30") is that wall-clock time in `timeZone` on the day of `now` there ("tomorrow": the next day). With no day word,
 * a time more than an hour before now means tomorrow (a flight "at 9:00" asked at 10:00 is tomorrow's). A bare number
 * ("10") is not a time: it needs minutes or am/pm. Null when `s` is not a time of day.
 */
function timeOfDay(s: string, timeZone: string, now: number): number | null {
  let m = CLOCK_THEN_DAY.exec(s);
  let hourS: string, minS: string | undefined, half: string | undefined, day: string | undefined;
  if (m) [, hourS, minS, half, day] = m;
  else if ((m = DAY_THEN_CLOCK.exec(s))) [, day, hourS, minS, half] = m;
  else return null;
  if (minS === undefined && half === undefined) return null;
  let hour = Number(hourS);
  const minute = minS === undefined ? 0 : Number(minS);
  if (minute > 59) return null;
  if (half) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (half.toLowerCase().startsWith('p') ? 12 : 0);
  } else if (hour > 23) return null;
  const local = new Date(now + zoneOffset(timeZone, now));
  const dayWord = day?.toLowerCase();
  // (Session 46, emerg3: a time that happens twice at the autumn change is the next one from now.)
  const at = (plusDays: number) =>
    nextWallInstant(timeZone, Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + plusDays, hour, minute), now);
  if (dayWord === 'tomorrow') return at(1);
  const today = at(0);
  if (dayWord === undefined && today < now - 3_600_000) return at(1);
  return today;
}

const isEmpty = (v: Value | undefined) => v === undefined || v === null || v === '';

/** `timeZone`: the flow's (settings.timezone), for date-times written without an offset. */
export function evaluateRule(rule: Rule, vars: Record<string, Value | undefined>, now: number, timeZone = 'UTC'): boolean {
  const actual = read(vars, rule.variable);
  const expected = rule.value;
  switch (rule.op) {
    case 'exists':
      return !isEmpty(actual);
    case 'not_exists':
      return isEmpty(actual);
    case 'eq':
    case 'neq': {
      const a = toNumber(actual);
      const b = toNumber(expected ?? null);
      const same =
        a !== null && b !== null
          ? a === b
          : String(actual ?? '').trim().toLowerCase() === String(expected ?? '').trim().toLowerCase();
      return rule.op === 'eq' ? same : !same;
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const a = toNumber(actual);
      const b = toNumber(expected ?? null);
      if (a === null || b === null) return false;
      return rule.op === 'gt' ? a > b : rule.op === 'gte' ? a >= b : rule.op === 'lt' ? a < b : a <= b;
    }
    case 'contains':
    case 'not_contains': {
      const has = String(actual ?? '').toLowerCase().includes(String(expected ?? '').toLowerCase());
      return rule.op === 'contains' ? has : !has;
    }
    case 'starts_with':
      return String(actual ?? '').toLowerCase().startsWith(String(expected ?? '').toLowerCase());
    case 'matches': {
      const re = compilePattern(String(expected ?? ''));
      // An invalid pattern is a validation error (checkPattern); a flow run anyway treats it as no match.
      return typeof re === 'string' ? false : re.test(String(actual ?? ''));
    }
    case 'within_minutes': {
      const t = toTime(actual, timeZone, now);
      const minutes = toNumber(expected ?? null);
      if (t === null || minutes === null) return false;
      const diff = (t - now) / 60_000;
      return diff >= 0 && diff <= minutes;
    }
  }
}

export function evaluateRuleGroup(group: RuleGroup, vars: Record<string, Value | undefined>, now: number, timeZone = 'UTC'): boolean {
  if (group.rules.length === 0) return false;
  return group.combinator === 'and'
    ? group.rules.every((r) => evaluateRule(r, vars, now, timeZone))
    : group.rules.some((r) => evaluateRule(r, vars, now, timeZone));
}
