/**
 * Session 50 (conv13, hostile s50 M5): the number of people in a message ("founded in 2019, 40 staff" -> 40), a number
 * with its unit. Lead-gen's "How many people work at your company?" read any number of three digits or more as the
 * head count (its size conditions' regexes on lastMessage): "founded in 2019, 40 staff" was stored as 201+.
 *
 * - A number that counts people: followed by a word for people ("40 staff", "8 people", "35 employees", "450 of us",
 *   "25 FTE") or after words that count them ("team of 120", "we are 8", "headcount is 9", "we employ 30").
 * - No head count: a money amount, a phone number, a date or time (the NLU's entities), a year (1900-2099, four digits:
 *   "founded in 2019", "since 2015"), a percentage, a range ("11-50": the menu's own labels read it).
 * - Otherwise a bare number ("about 75", "50") is a candidate.
 * Result: `count` (one number counts people, or the only candidate), `choices` (two or more that could be: the caller
 * asks which), or null (no number that could be a head count).
 */
import { extractEntities } from './entities';

export type HeadCount = { count: number } | { choices: number[] } | null;

const PEOPLE_AFTER = /^\s*(?:(?:full[-\s]?time|part[-\s]?time|permanent|current|total|odd|or\s+so|ish|people|employed)\s+)?(?:people|persons?|staff|employees?|workers?|members?|engineers?|developers?|devs|colleagues|heads|headcount|fte'?s?|ftes|of\s+us|folks|guys|users?\s+in\s+house|souls)\b/i;
const PEOPLE_BEFORE = /(?:\bteam\s+of|\bstaff\s+of|\bcompany\s+of|\bwe\s+are|\bwe're|\bwe\s+employ|\bemploy|\bheadcount(?:\s+(?:is|of))?|\bhead\s+count(?:\s+(?:is|of))?|\bemployees?[:\s]|\bstaff[:\s]|\bpeople[:\s]|\bsize(?:\s+is)?)\s*(?:about|around|roughly|approximately|approx\.?|nearly|almost|over|under|just\s+over|just\s+under|maybe|like|~)?\s*$/i;
const NUMBER = /(?<![\d.,\-–/:£$€])(\d{1,3}(?:,\d{3})+|\d+)(?![\d\-–/:%]|[.,]\d)/g;

/** The text with the NLU's amounts, phones, dates and times blanked out (same length). */
function withoutOtherNumbers(text: string): string {
  let out = text;
  for (const e of extractEntities(text)) {
    if (e.type !== 'amount' && e.type !== 'phone' && e.type !== 'date' && e.type !== 'time') continue;
    const i = out.indexOf(e.text);
    if (i >= 0) out = out.slice(0, i) + ' '.repeat(e.text.length) + out.slice(i + e.text.length);
  }
  return out;
}

export function headCount(text: string): HeadCount {
  if (!/\d/.test(text)) return null;
  const t = withoutOtherNumbers(text);
  const counted: number[] = [];
  const candidates: number[] = [];
  for (const m of t.matchAll(NUMBER)) {
    const n = Number(m[1].replace(/,/g, ''));
    if (!Number.isFinite(n) || n <= 0) continue;
    const at = m.index ?? 0;
    const after = t.slice(at + m[0].length);
    const before = t.slice(Math.max(0, at - 40), at);
    const people = PEOPLE_AFTER.test(after) || PEOPLE_BEFORE.test(before);
    if (people) {
      if (!counted.includes(n)) counted.push(n);
      continue;
    }
    // A year (four digits 1900-2099) is no head count unless it is said to count people (above).
    if (/^(?:19|20)\d\d$/.test(m[1])) continue;
    if (!candidates.includes(n)) candidates.push(n);
  }
  if (counted.length === 1) return { count: counted[0] };
  if (counted.length > 1) return { choices: counted };
  if (candidates.length === 1) return { count: candidates[0] };
  if (candidates.length > 1) return { choices: candidates };
  return null;
}

/** A menu option's label read as a range of people: "1-10", "11-50", "201 or more", "200+", "over 200"; else null. */
export function rangeOfLabel(label: string): { min: number; max: number } | null {
  const l = label.trim().replace(/,/g, '');
  let m = /^(\d+)\s*(?:-|–|to)\s*(\d+)$/i.exec(l);
  if (m !== null) return { min: Number(m[1]), max: Number(m[2]) };
  m = /^(\d+)\s*(?:\+|or\s+more|and\s+more|and\s+over|or\s+over|and\s+up)$/i.exec(l);
  if (m !== null) return { min: Number(m[1]), max: Infinity };
  m = /^(?:over|more\s+than)\s+(\d+)$/i.exec(l);
  if (m !== null) return { min: Number(m[1]) + 1, max: Infinity };
  return null;
}
