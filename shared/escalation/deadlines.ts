/**
 * Deadlines a customer names, read against the conversation's clock in the flow's time zone:
 * clock times ("by 3pm", "at 15:00", "half past four", "noon"), parts of the day ("tonight", "this
 * afternoon", "end of the day", "first thing tomorrow"), days ("today", "tomorrow", "on Saturday",
 * "this weekend") and named dates ("Christmas Eve"). A deadline counts when it sits in a need frame
 * ("I need it by...", "before the wedding on...", "will it arrive...", "my flight is at...") and is not
 * a past fact ("it arrived at 3pm", "I ordered it on Monday") or an opening-hours question ("are you open
 * tomorrow?"). It is urgent when it is at most `horizonHours` away (a time already passed today, with no
 * day named, means tomorrow).
 * Pure: `now` and the time zone come in; the wall clock is read with Intl (cached per zone).
 */
import { localTime } from '../flow/openingHours';

export interface Deadline {
  /** The words that name the deadline, as the customer wrote them (normalised). */
  words: string;
  /** Minutes from now to the deadline (0 when it is now or already running). */
  minutesAway: number;
}

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const WEEKDAY_SHORT: Record<string, number> = { mon: 0, tue: 1, wed: 2, thu: 3, fri: 4, sat: 5, sun: 6 };
const SHORT_DAY_AFTER = new Set(['on', 'by', 'before', 'until', 'till', 'next', 'this', 'for']);
const PARTS: Record<string, number> = {
  morning: 9 * 60, afternoon: 14 * 60, evening: 19 * 60, night: 21 * 60, lunch: 12 * 60, lunchtime: 12 * 60, noon: 12 * 60, midday: 12 * 60,
  midnight: 24 * 60, breakfast: 8 * 60, teatime: 17 * 60, dinnertime: 18 * 60, suppertime: 18 * 60, bedtime: 21 * 60,
};
/** Words before a bare part of the day that make it today's ("by lunchtime", "before teatime"). */
const PART_AFTER = new Set(['by', 'before', 'until', 'till', 'til', 'for', 'at', 'around']);
/** "end of day", "end of play", "close of business". */
const END_OF = new Set(['day', 'play', 'business', 'today']);
const NUMBERS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12 };
const NAMED_DATES: Record<string, [number, number]> = { christmas: [12, 25], xmas: [12, 25], halloween: [10, 31], valentines: [2, 14], valentine: [2, 14] };

/** Words that make a time a deadline. */
const FRAME = new Set([
  'need', 'needs', 'needed', 'must', 'by', 'before', 'until', 'till', 'til', 'deadline', 'latest', 'arrive', 'arrives', 'arriving', 'come',
  'coming', 'here', 'deliver', 'delivered', 'leave', 'leaving', 'flying', 'fly', 'flight', 'wedding', 'party', 'birthday', 'funeral',
  'interview', 'exam', 'event', 'trip', 'moving', 'move', 'train', 'bus', 'ferry', 'appointment', 'meeting', 'ceremony', 'christening',
  'graduation', 'show', 'concert', 'gig', 'dinner', 'holiday', 'vacation', 'starts', 'start', 'begins', 'due', 'asap', 'urgent',
  'urgently', 'required', 'require', 'sorted', 'fixed', 'answer', 'reply', 'latest', 'gift', 'present', 'important',
  'bday', 'party',
]);
/** A message this short that names a time is itself the deadline ("by noon?", "tomorrow morning please"). */
const SHORT_REQUEST = 5;
/** Past facts: a time next to these is information, not a deadline. */
const PAST = new Set([
  'arrived', 'came', 'ordered', 'bought', 'placed', 'got', 'received', 'was', 'were', 'yesterday', 'ago', 'last', 'delivered', 'shipped',
  'dispatched', 'paid', 'sent', 'returned', 'happened', 'called', 'rang', 'emailed', 'tried', 'did', 'had', 'went', 'said', 'told',
]);
/** Questions about when the shop or the courier works, not about the customer's need. */
const HOURS_QUESTION = [/\b(are|is) you(r shop| guys| lot)? open\b/, /\byou open\b/, /\bopen or (no|not)\b/, /\bopen on\b/, /\b(do|will) you (deliver|ship) on\b/, /\bwhat time do you\b/, /\bdo you (open|close|deliver|ship|work)\b/, /\b(is there|any) delivery on\b/, /\bopen (on|at|today|tomorrow)\b/, /\bopening hours?\b/, /\bdelivery slots?\b/, /\bcut ?off\b/, /\b(deliver|ship|open|post|work|collect)\w* on (mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays|weekends)\b/];
/** The customer is fine with the time: "tomorrow is fine", "next week is ok". */
const CALM = /\b(is|are|would be|will be) (fine|ok|okay|great|perfect|no problem)\b|\bno (rush|hurry)\b|\bhappy to wait\b/;

const CLOCK = /^(\d{1,2})(?::(\d{2}))?(am|pm)?$/;
const CLOCK_DOT = /^(\d{1,2})\.(\d{2})(am|pm)?$/;
/** Continental clock times: "18h", "18h30", "9h" (24-hour). */
const CLOCK_H = /^(\d{1,2})h(\d{2})?$/;

interface Found {
  at: number;
  end: number;
  /** Day offset from today, or null when no day was named. */
  day: number | null;
  /** Minutes after local midnight, or null when only a day was named. */
  minutes: number | null;
}

function clockAt(toks: readonly string[], i: number): { minutes: number; end: number } | null {
  const t = toks[i];
  const next = toks[i + 1];
  let m = CLOCK.exec(t) ?? CLOCK_DOT.exec(t);
  if (m) {
    let h = Number(m[1]);
    const min = m[2] ? Number(m[2]) : 0;
    let suffix = m[3];
    let end = i;
    if (!suffix && (next === 'am' || next === 'pm')) {
      suffix = next;
      end = i + 1;
    }
    if (!suffix && next === 'oclock') end = i + 1;
    // "6 in the morning", "8 in the evening", "11 at night".
    if (!suffix && next === 'in' && toks[i + 2] === 'the' && (toks[i + 3] === 'morning' || toks[i + 3] === 'afternoon' || toks[i + 3] === 'evening')) {
      suffix = toks[i + 3] === 'morning' ? 'am' : 'pm';
      end = i + 3;
    } else if (!suffix && next === 'at' && toks[i + 2] === 'night') {
      suffix = 'pm';
      end = i + 2;
    }
    // A bare number is a clock time only with am/pm, a colon or "o'clock" ("I ordered 2 lamps" is not).
    if (!suffix && !m[2] && end === i) return null;
    if (h > 23 || min > 59) return null;
    if (suffix === 'pm' && h < 12) h += 12;
    if (suffix === 'am' && h === 12) h = 0;
    // "5 o'clock", "at 4:30" without am/pm: shop hours, so 1-7 are afternoon.
    if (!suffix && h >= 1 && h <= 7) h += 12;
    return { minutes: h * 60 + min, end };
  }
  const hm = CLOCK_H.exec(t);
  if (hm) {
    const h = Number(hm[1]);
    const min = hm[2] ? Number(hm[2]) : 0;
    return h <= 23 && min <= 59 ? { minutes: h * 60 + min, end: i } : null;
  }
  if (t === 'noon' || t === 'midday' || t === 'midnight') return { minutes: PARTS[t], end: i };
  // "half past four", "quarter to six"
  if ((t === 'half' || t === 'quarter') && (next === 'past' || next === 'to')) {
    const w = toks[i + 2];
    const h0 = NUMBERS[w] ?? (/^\d{1,2}$/.test(w ?? '') ? Number(w) : NaN);
    if (!Number.isFinite(h0)) return null;
    const h = h0 >= 1 && h0 <= 7 ? h0 + 12 : h0;
    const delta = t === 'half' ? 30 : 15;
    return { minutes: next === 'past' ? h * 60 + delta : h * 60 - delta, end: i + 2 };
  }
  return null;
}

function dayAt(toks: readonly string[], i: number, weekday: number, month: number, dayOfMonth: number): { day: number; end: number; minutes: number | null } | null {
  const t = toks[i];
  if (t === 'today' || t === 'tonight' || t === 'tonite') return { day: 0, end: i, minutes: t === 'today' ? null : PARTS.night };
  if (t === 'tomorrow') {
    const part = PARTS[toks[i + 1]];
    return { day: 1, end: part !== undefined ? i + 1 : i, minutes: part ?? null };
  }
  if (t === 'day' && toks[i + 1] === 'after' && toks[i + 2] === 'tomorrow') return { day: 2, end: i + 2, minutes: null };
  if (t === 'this' || t === 'later') {
    const part = PARTS[toks[i + 1]];
    if (part !== undefined) return { day: 0, end: i + 1, minutes: part };
    if (toks[i + 1] === 'weekend') return { day: (5 - weekday + 7) % 7, end: i + 1, minutes: PARTS.morning };
  }
  if (t === 'end' && toks[i + 1] === 'of' && (toks[i + 2] === 'the' || toks[i + 2] === 'today') && (toks[i + 3] === 'day' || toks[i + 2] === 'today')) return { day: 0, end: i + 3, minutes: 17 * 60 };
  if (t === 'eod' || t === 'cob') return { day: 0, end: i, minutes: 17 * 60 };
  if ((t === 'end' || t === 'close') && toks[i + 1] === 'of' && END_OF.has(toks[i + 2] ?? '')) return { day: 0, end: i + 2, minutes: 17 * 60 };
  if (PARTS[t] !== undefined && PART_AFTER.has(toks[i - 1] ?? '') && t !== 'noon' && t !== 'midday' && t !== 'midnight') return { day: 0, end: i, minutes: PARTS[t] };
  if (t === 'first' && toks[i + 1] === 'thing') return { day: toks[i + 2] === 'today' ? 0 : 1, end: i + 1, minutes: PARTS.morning };
  if (t === 'weekend' && (toks[i - 1] === 'the' || toks[i - 1] === 'this')) return { day: (5 - weekday + 7) % 7, end: i, minutes: PARTS.morning };
  let wd = WEEKDAYS.indexOf(t);
  // "Saturday's christening" (the apostrophe is gone after normalising).
  if (wd < 0 && t.endsWith('days')) wd = WEEKDAYS.indexOf(t.slice(0, -1));
  // "wed", "sat", "sun" are also words ("we'd", "I sat", "the sun"): short forms count after a deadline word only.
  if (wd < 0 && Object.hasOwn(WEEKDAY_SHORT, t) && SHORT_DAY_AFTER.has(toks[i - 1] ?? '')) wd = WEEKDAY_SHORT[t];
  if (wd >= 0) {
    // "next Monday" is a week on; "last Monday" is the past (filtered by PAST).
    const ahead = (wd - weekday + 7) % 7 + (toks[i - 1] === 'next' ? 7 : 0);
    const part = PARTS[toks[i + 1]];
    return { day: ahead, end: part !== undefined ? i + 1 : i, minutes: part ?? null };
  }
  const named = Object.hasOwn(NAMED_DATES, t) ? NAMED_DATES[t] : undefined;
  if (named) {
    let [m, d] = named;
    if (t === 'christmas' || t === 'xmas') if (toks[i + 1] === 'eve') d = 24;
    // Days until the named date this year or next (calendar days, 31-day months are close enough to order).
    const today = Date.UTC(2000, month - 1, dayOfMonth);
    let target = Date.UTC(2000, m - 1, d);
    if (target < today) target = Date.UTC(2001, m - 1, d);
    return { day: Math.round((target - today) / 86_400_000), end: toks[i + 1] === 'eve' ? i + 1 : i, minutes: null };
  }
  return null;
}

/** Words ending in -ed that are not past tense. */
const NOT_PAST = new Set(['need', 'needed', 'speed', 'bed', 'red', 'shed', 'feed', 'seed', 'wed', 'wedding', 'indeed', 'guaranteed', 'required']);

function pastNear(toks: readonly string[], at: number): boolean {
  for (let k = Math.max(0, at - 5); k < at; k++) {
    const t = toks[k];
    if (PAST.has(t) || (t.length > 4 && t.endsWith('ed') && !NOT_PAST.has(t))) return true;
  }
  return false;
}

/** "have to", "has to", "got to": obligation. */
function obligation(toks: readonly string[]): boolean {
  for (let i = 0; i + 1 < toks.length; i++) if ((toks[i] === 'have' || toks[i] === 'has' || toks[i] === 'got') && toks[i + 1] === 'to') return true;
  return false;
}
/** Words that make a short message naming a time a request for that time. */
const SHORT_CUES = new Set(['by', 'before', 'until', 'till', 'please', 'possible', 'pls', 'asap', 'need', 'latest', 'important']);

export function findDeadline(toks: readonly string[], now: number, timezone: string, horizonHours: number): Deadline | null {
  if (toks.length === 0 || toks.length > 200) return null;
  let frame = obligation(toks);
  for (const t of toks) if (FRAME.has(t)) frame = true;
  // A short message is itself a deadline request when it leads with the time or asks for it ("by noon?",
  // "tomorrow morning please", "end of today possible?"), not in "how are you today?".
  let shortAsk = false;
  if (!frame && toks.length <= SHORT_REQUEST) for (const t of toks) if (SHORT_CUES.has(t)) shortAsk = true;
  if (!frame && !shortAsk && !(toks.length <= SHORT_REQUEST && (toks[0] === 'today' || toks[0] === 'tonight' || toks[0] === 'tomorrow' || toks[0] === 'end'))) {
    if (!(toks[0] === 'will' || toks[0] === 'can' || toks[0] === 'could')) return null;
  }
  const clock = localTime(timezone, now);
  const weekday = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].indexOf(clock.weekday);
  const [, month, dom] = clock.date.split('-').map(Number);
  const found: Found[] = [];
  for (let i = 0; i < toks.length; i++) {
    const c = clockAt(toks, i);
    if (c) {
      found.push({ at: i, end: c.end, day: null, minutes: c.minutes });
      i = c.end;
      continue;
    }
    const d = dayAt(toks, i, weekday, month, dom);
    if (d) {
      found.push({ at: i, end: d.end, day: d.day, minutes: d.minutes });
      i = d.end;
    }
  }
  if (found.length === 0) return null;
  const text = toks.join(' ');
  if (CALM.test(text)) return null;
  if (HOURS_QUESTION.some((re) => re.test(text))) return null;
  // Each named time is its own deadline; a clock time takes the day named next to it ("at 7am tomorrow").
  // The nearest one that is still ahead decides ("my flight's at 7am tomorrow, can I collect it tonight?").
  let away = Infinity;
  let first = -1;
  let last = -1;
  for (const f of found) {
    if (pastNear(toks, f.at)) continue;
    let day = f.day;
    if (day === null) {
      const near = found.find((g) => g !== f && g.day !== null && g.minutes === null && Math.abs(g.at - f.end) <= 2 && !pastNear(toks, g.at));
      if (near) day = near.day;
    }
    let a: number;
    if (day === null) {
      a = (f.minutes ?? 0) - clock.minutes;
      if (a < 0) a += 24 * 60; // "by 3pm" said at 5pm means tomorrow
    } else {
      a = day * 24 * 60 + (f.minutes ?? 0) - clock.minutes; // a day alone ("by Saturday") counts from its start
      // "this morning" said in the evening is over: that is information, not a deadline.
      if (a < -60 && day === 0 && f.minutes !== null) continue;
      if (a < 0) a = 0;
    }
    if (a < away) away = a;
    if (first < 0 || f.at < first) first = f.at;
    last = Math.max(last, f.end);
  }
  if (first < 0) return null;
  if (away > horizonHours * 60) return null;
  const from = first > 0 && (toks[first - 1] === 'by' || toks[first - 1] === 'before' || toks[first - 1] === 'until' || toks[first - 1] === 'at' || toks[first - 1] === 'on') ? first - 1 : first;
  return { words: toks.slice(from, last + 1).join(' '), minutesAway: away };
}
