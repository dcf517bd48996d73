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
import { localTime, utcOffsetAt } from '../flow/openingHours';
import { hasGateWord, joinedTokens, tokenGate } from './canonicalTokens';

export interface Deadline {
  /** The words that name the deadline, as the customer wrote them (normalised). */
  words: string;
  /** Minutes from now to the deadline (0 when it is now or already running). */
  minutesAway: number;
  /** Session 9: the nearest deadline's day, counted from today (0: today, 1: tomorrow...). */
  day?: number;
  /** Minutes to the nearest time named to the minute ("by 5 today": 17:00), absent for a day alone (fixstudio s9, #34). */
  timeMinutesAway?: number;
}

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const WEEKDAY_SHORT: Record<string, number> = { mon: 0, tue: 1, tues: 1, wed: 2, weds: 2, thu: 3, thur: 3, thurs: 3, fri: 4, sat: 5, sun: 6 };
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
/** Named days of two words with a fixed date ("new year", "boxing day", "bonfire night"). */
const NAMED_PAIRS: Record<string, [number, number]> = {
  'new year': [1, 1], 'new years': [1, 1], 'boxing day': [12, 26], 'bonfire night': [11, 5], 'guy fawkes': [11, 5], 'independence day': [7, 4],
};
const POSSESSIVE_DAY = new Map([['tonights', 'tonight'], ['todays', 'today'], ['tomorrows', 'tomorrow']]);
/** First words of NAMED_PAIRS: the pair's string is only built after one of them. */
const PAIR_FIRST = new Set(['new', 'boxing', 'bonfire', 'guy', 'independence']);
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_SHORT: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12 };
const MONTH_WORDS = new Set([...MONTHS, ...Object.keys(MONTH_SHORT)]);
/** "3rd", "21st", "the 5th", "30": a day of the month. */
const DAY_OF_MONTH = /^(\d{1,2})(?:st|nd|rd|th)?$/;
/** Amounts of a relative deadline ("in 3 days", "within a couple of hours"). */
const AMOUNTS = new Map(Object.entries({ a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twelve: 12, few: 3, couple: 2 }));
const DAY_UNITS = new Map(Object.entries({ hour: 60, hours: 60, hr: 60, hrs: 60, h: 60, day: 1440, days: 1440, week: 10080, weeks: 10080 }));
/** Before "after N days" ("the Eid is after two days", non-native for "in two days"): a coming event, not a past one. */
const AFTER_LEAD = new Set(['is', 's', 'are', 'be', 'starts', 'start', 'begins', 'comes', 'come', 'happens', 'party', 'wedding', 'flight', 'event']);

/**
 * Session 7 (speed): every word a clock time (clockAt), a relative deadline (relativeAt) or a day (dayAt) can start at,
 * besides a number. findDeadline skips the three readers for any other word (most words of a long message), with the
 * same result: each reader returns nothing for a word outside this set that does not start with a digit.
 */
const TIME_STARTERS = new Set([
  'noon', 'midday', 'midnight', 'half', 'quarter', // clockAt
  'in', 'within', 'after', ...AMOUNTS.keys(), // relativeAt
  ...POSSESSIVE_DAY.keys(), 'today', 'tonight', 'tonite', 'tomorrow', 'day', 'this', 'later', 'end', 'eod', 'cob', 'close', 'first', 'weekend', // dayAt
  ...Object.keys(PARTS), ...WEEKDAYS, ...WEEKDAYS.map((d) => `${d}s`), ...Object.keys(WEEKDAY_SHORT), ...PAIR_FIRST, 'thanksgiving', 'easter', ...MONTH_WORDS, ...Object.keys(NAMED_DATES),
]);
const mayStartTime = (t: string) => TIME_STARTERS.has(t) || (t.charCodeAt(0) >= 48 && t.charCodeAt(0) <= 57);
/**
 * Session 12 (speed): the same split per reader, so each runs only on the words it can start at (clockAt's patterns need a
 * digit; relativeAt needs a lead word, a digit or an amount; dayAt the rest). Each reader returns nothing for any other
 * word that does not start with a digit: findDeadline and timesOnly skip the calls (and clockAt's regexes) with the same
 * result. DAY_STARTERS also holds the lower-case names Object.prototype gives every object ("constructor"): dayAt reads
 * `PARTS[t]`, which is defined for them, and keeps doing so.
 */
const CLOCK_STARTERS = new Set(['noon', 'midday', 'midnight', 'half', 'quarter']);
const RELATIVE_STARTERS = new Set(['in', 'within', 'after', ...AMOUNTS.keys()]);
const DAY_STARTERS = new Set([
  ...POSSESSIVE_DAY.keys(), 'today', 'tonight', 'tonite', 'tomorrow', 'day', 'this', 'later', 'end', 'eod', 'cob', 'close', 'first', 'weekend',
  ...Object.keys(PARTS), ...WEEKDAYS, ...WEEKDAYS.map((d) => `${d}s`), ...Object.keys(WEEKDAY_SHORT), ...PAIR_FIRST, 'thanksgiving', 'easter', ...MONTH_WORDS, ...Object.keys(NAMED_DATES),
  ...Object.getOwnPropertyNames(Object.prototype).filter((k) => /^[a-z0-9]+$/.test(k)),
]);
const startsWithDigit = (t: string) => t.charCodeAt(0) >= 48 && t.charCodeAt(0) <= 57;

/** Words that make a time a deadline. */
const FRAME = new Set([
  'need', 'needs', 'needed', 'must', 'by', 'before', 'until', 'till', 'til', 'deadline', 'latest', 'arrive', 'arrives', 'arriving', 'come',
  'coming', 'deliver', 'delivered', 'leave', 'leaving', 'flying', 'fly', 'flight', 'wedding', 'party', 'birthday', 'funeral',
  'interview', 'exam', 'event', 'trip', 'moving', 'move', 'train', 'bus', 'ferry', 'appointment', 'meeting', 'ceremony', 'christening',
  'graduation', 'show', 'concert', 'gig', 'dinner', 'holiday', 'vacation', 'starts', 'start', 'begins', 'due', 'asap', 'urgent',
  'urgently', 'required', 'require', 'sorted', 'fixed', 'answer', 'reply', 'latest', 'gift', 'present', 'important',
  'bday', 'party',
  // Round seven: haste words and holidays are frames too ("please quickly, the Eid is after two days").
  // (Fixed-date holidays are not frames: "it's for Christmas Eve" said a month ahead is left to the classifier and the clock.)
  'quickly', 'quick', 'soon', 'fast', 'hurry', 'eid', 'diwali', 'ramadan', 'hanukkah',
  // Events and promises: "the harvest festival is on Sunday and I promised the tablecloths", "school play starts at 6".
  'festival', 'recital', 'performance', 'tournament', 'conference', 'presentation', 'reunion', 'anniversary',
  'operation', 'surgery', 'baptism', 'communion', 'prom', 'promised', 'expedite', 'airport', 'station',
  // Session 25 (hostile s24 #10): "boarding at 01:30", "departs at 0130".
  'boarding', 'boards', 'departs', 'depart', 'departing', 'departure',
]);
/** Session 14: the events of FRAME whose possessive ("gig's", "flight's") frames a time too. */
const EVENT_FRAME = new Set([
  'flight', 'wedding', 'party', 'birthday', 'funeral', 'interview', 'exam', 'event', 'trip', 'train', 'bus', 'ferry', 'appointment',
  'meeting', 'ceremony', 'christening', 'graduation', 'concert', 'gig', 'dinner', 'holiday', 'festival', 'recital',
  'performance', 'tournament', 'conference', 'presentation', 'reunion', 'anniversary', 'operation', 'surgery', 'baptism', 'communion', 'prom', 'bday',
]);
/** A message this short that names a time is itself the deadline ("by noon?", "tomorrow morning please"). */
const SHORT_REQUEST = 5;
/** Past facts: a time next to these is information, not a deadline. */
const PAST = new Set([
  'arrived', 'came', 'ordered', 'bought', 'placed', 'got', 'received', 'was', 'were', 'yesterday', 'ago', 'last', 'delivered', 'shipped',
  'dispatched', 'paid', 'sent', 'returned', 'happened', 'called', 'rang', 'emailed', 'tried', 'did', 'had', 'went', 'said', 'told',
  // Round eight: "it broke in small pieces in one hour", "it fell apart within a day".
  'broke', 'fell', 'took',
  // Session 16 (newcomer s15 N#16): "the order I made this morning".
  'made',
]);
/** Questions about when the shop or the courier works, not about the customer's need. */
const HOURS_QUESTION = [/\b(are|is) you(r shop| guys| lot)? open\b/, /\byou open\b/, /\bopen or (no|not)\b/, /\bopen on\b/, /\b(do|will) you (deliver|ship) on\b/, /\bwhat time do you\b/, /\bdo you (open|close|deliver|ship|work)\b/, /\b(is there|any) delivery on\b/, /\bopen (on|at|today|tomorrow)\b/, /\bopening hours?\b/, /\bwhat time (?:\w+ ){0,4}(?:opens?|closes?)\b/, /\bdelivery slots?\b/, /\bcut ?off\b/, /\b(deliver|ship|open|post|work|collect)\w* (?:\w+ )?(mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays|weekends)\b/, /\b(include|includes|including|cover|covers) (mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?|weekends?|bank holidays?)\b/,
  // Session 34 (fe): "what time on saturday is your team open till", "is the chat open until 8 on Sunday?": until when
  // the shop works, asked or said back.
  /\bopen (?:till|until|til)\b/, /\b(?:team|chat|shop|store|office|staff|helpline|line|lines|warehouse|customer service) (?:is |are )?(?:open|available)\b/];
/** A weekday or a number (one end of a range); session 24 (speed): a module function, not a closure made per call. */
function dayLike(t: string | undefined): boolean {
  return t !== undefined && (WEEKDAYS.includes(t) || /^\d/.test(t));
}
/**
 * Round eight: a time that is not the customer's deadline, read from the words just before it:
 *  - somebody else's date: a sale, offer or competition ("is the sale on till Sunday?", "competition ends Friday");
 *  - a hypothetical lead time: "if I order today, when would it arrive?";
 *  - when the customer is away or busy: "I won't be home on Thursday", "working away till the weekend", "I'm off
 *    until Monday", "hold the parcel till Monday";
 *  - a schedule or range: "deliveries Monday to Thursday", "hours 9 to 5".
 */
const NOT_MINE_BEFORE = new RegExp(
  [
    ' (?:sale|sales|offer|offers|promo|promotion|discount|deal|deals|competition|giveaway|voucher|code|coupon|advert|campaign)(?: \\w+){0,3} $',
    ' if (?:i|we) (?:\\w+ ){0,2}(?:order|buy|place|pay|get|purchase|ordered|bought)(?: \\w+){0,3} $',
    ' (?:am|are|is|s|be|m) (?:away|off|out|working away|on holiday|at work|abroad)(?: all)?(?: (?:till|until|til|on|from|for|this|next|over))?(?: the)? $',
    ' not (?:be )?(?:home|in|around|there|available|back)(?: \\w+)? (?:till|until|til|on|this|next)? ?$',
    ' working away(?: (?:till|until|til))?(?: the)? $',
    // Session 27 (topics, issue 11): when the customer is paid ("can you hold it for a few days? I get paid on Friday"): a
    // day of theirs, not a deadline ("get paid" is not a wish like "get it delivered").
    ' (?:i|we) (?:get|gets|will get|ll get|am getting|m getting|are getting|re getting|get my|get our) (?:paid|wages|salary|pay|paycheck|payday)(?: \\w+)?(?: (?:on|this|next))?(?: the)? $',
    // Session 14: the day an amount was charged or shows ("my card shows £312 to Northwind on Thursday"): when it happened.
    ' (?:shows?|showing|showed|charged|debited|taken|took|deducted|billed|paid|payment|transaction)(?: \\w+){0,2} \\d+(?: \\d\\d)?(?: \\w+){0,3} $',
    ' (?:hold|keep|leave) (?:it|them|the parcel|my parcel|the order|my order|the package|my package|onto it|on to it)(?: \\w+){0,2} (?:till|until|til|for) $',
  ].join('|'),
);
const RANGE_AFTER = new Set(['to', 'through', 'thru', '-']);

/**
 * Session 34 (fe, issue 11): a weekday named as a kind of day, not a date: after "a", "any", "every", "each", "most",
 * "some" or "all" ("can you deliver on a Sunday", "can I pick a Saturday at checkout", "any Friday is fine"), or in the
 * plural ("I'm out at the market on Thursdays"). The shop's schedule or the customer's week, not a deadline. A day with
 * "s" before an event or a word of need is the possessive ("for Saturday's christening", "by Monday's deadline").
 */
const ANY_DAY_BEFORE = new Set(['a', 'any', 'every', 'each', 'most', 'some', 'all']);
function genericDay(toks: readonly string[], f: Found): boolean {
  const t = toks[f.at];
  if (WEEKDAYS.includes(t)) return ANY_DAY_BEFORE.has(toks[f.at - 1] ?? '');
  if (!t.endsWith('days') || !WEEKDAYS.includes(t.slice(0, -1))) return false;
  const next = toks[f.end + 1] ?? '';
  return !(EVENT_FRAME.has(next) || FRAME.has(next) || (next.endsWith('s') && EVENT_FRAME.has(next.slice(0, -1))));
}

function notMine(toks: readonly string[], f: Found): boolean {
  if (genericDay(toks, f)) return true;
  const before = ` ${toks.slice(Math.max(0, f.at - 6), f.at).join(' ')} `;
  if (NOT_MINE_BEFORE.test(before)) return true;
  const next = toks[f.end + 1];
  const prev = toks[f.at - 1];
  // "Monday to Thursday", "9 to 5": a range is a schedule, not a deadline. (Session 14: also with "the" before a day,
  // "dates ranging from the 3rd to the 29th": a spread of dates, not the customer's deadline.)
  if (next !== undefined && RANGE_AFTER.has(next) && (dayLike(toks[f.end + 2]) || (toks[f.end + 2] === 'the' && dayLike(toks[f.end + 3])))) return true;
  if (prev !== undefined && RANGE_AFTER.has(prev) && (dayLike(toks[f.at - 2]) || (toks[f.at - 2] === 'the' && dayLike(toks[f.at - 3])))) return true;
  if (prev === 'the' && RANGE_AFTER.has(toks[f.at - 2] ?? '') && dayLike(toks[f.at - 3])) return true;
  return false;
}

/**
 * Round eight: a question about the shop's own estimate or service, with no word of need, is not a deadline: "is it
 * still coming today?", "so it will come on Monday then?", "so it's due Thursday, is that right?", "until what time
 * do you work today?", "you deliver on Saturday?".
 */
/**
 * Session 16 (newcomer s15 N#16): a time said back as a fact with a tag asking to confirm it ("and it's before 2pm
 * yeah?", "that's by Friday, right"): the shop's own rule or estimate checked, not the customer's deadline. Not with a
 * reason of the customer's own in the tagged clause ("it's for my party tonight, right?": OWN_REASON).
 */
const CONFIRM_TAG = /\b(?:it s|its|it is|that s|thats|that is)(?: \w+){1,5} (?:yes|yeah|yea|yeh|yh|right|correct|innit|aye|isn t it|is it)$/;
const ESTIMATE_QUESTION = /^so (?:it|its|it s|that|thats|if|then|the parcel|the order|the delivery|my parcel|my order)\b|\bis that (?:right|correct|ok)\b|\b(?:is|are) (?:\w+ ){0,2}still (?:coming|arriving|due|expected|on for|on track|going ahead|going today|going out)\b|\b(?:until|till|til) what time\b|\bhow late\b|\byou (?:deliver|ship|post|dispatch|work|open|send)\w* (?:on|in|at|this|next)? ?(?:mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?|weekends?)\b/;

/** Words of a real need (not "by" or "before", which an estimate question has too: "so it should come by Friday?"). */
const STRONG_NEED = new Set(['need', 'needs', 'needed', 'must', 'asap', 'urgent', 'urgently', 'latest', 'important', 'deadline', 'required', 'desperate', 'desperately']);

/**
 * "Is there a deadline by which the parcel must be posted?": a question about the shop's own rule, not a need. Used
 * against the classifier's reading only: the dates such a question names are still read ("what is the last day to
 * order for delivery before the 25th?" names a date, which the clock compares with the horizon).
 */
export function shopRuleQuestion(toks: readonly string[]): boolean {
  return SHOP_RULE_QUESTION.test(joinedTokens(toks));
}
const SHOP_RULE_QUESTION = /\b(?:is there|what is|whats|when is) (?:a |the |any )?(?:deadline|cut ?off|time limit|last date|latest date|last day)\b|\bhow long do (?:i|we) have\b/;

/**
 * Round eight: the only times the message names are past facts ("I ordered it at 8 o'clock this morning, has it been
 * sent?"), so nothing in it is a deadline; the classifier's urgency reading is then a near miss.
 */
export function onlyPastTimes(toks: readonly string[]): boolean {
  return timesOnly(toks) === 'past';
}

/**
 * Round eight: every time the message names is somebody else's or a time the customer is away ("my husband's working
 * away till the weekend", "is the sale on till Sunday?"): the classifier's urgency reading is then a near miss too.
 */
export function onlyOthersTimes(toks: readonly string[]): boolean {
  return timesOnly(toks) === 'others';
}

/**
 * One scan of the times a message names: 'past' when each is the customer's past order or its arrival (and no word
 * of need or event is in the message), 'others' when each is somebody else's or when the customer is away, else null.
 * Cached per token array (the classifier's urgency reading asks both).
 */
const timesCache = new WeakMap<readonly string[], 'past' | 'others' | null>();
function timesOnly(toks: readonly string[]): 'past' | 'others' | null {
  const known = timesCache.get(toks);
  if (known !== undefined) return known;
  // (A frame word also as a possessive: "the wedding's the day after tomorrow".)
  let mayBePast = !(needWord(toks) || obligation(toks));
  // (Session 8: "by" / "before" only before a time: "can you find it by my email?" has no frame.)
  if (mayBePast) {
    for (let i = 0; i < toks.length && mayBePast; i++) {
      const t = toks[i];
      if (TIME_PREPOSITION.has(t) && !leadsToTime(toks, i)) continue;
      if (FRAME.has(t) || (t.endsWith('s') && FRAME.has(t.slice(0, -1)))) mayBePast = false;
    }
  }
  let mayBeOthers = true;
  let lastPastEnd = -1;
  const spans = timeSpans(toks);
  for (let s = 0; s < spans.length && (mayBePast || mayBeOthers); s++) {
    const { at: i, end } = spans[s];
    if (mayBePast) {
      let past = false;
      for (let k = Math.max(0, i - 6); k < i; k++) if (TOLD_PAST.has(toks[k])) past = true;
      // Session 8: "last Thursday", "3 days ago", "yesterday morning" are past by themselves; a time right after a past
      // one is the same moment ("at 8 o'clock this morning", "last Thursday, or maybe Wednesday").
      if (toks[i - 1] === 'last' || toks[end + 1] === 'ago' || toks[i - 1] === 'yesterday') past = true;
      if (lastPastEnd >= 0 && i - lastPastEnd <= 3) past = true;
      if (!past) mayBePast = false;
      else lastPastEnd = end;
    }
    if (mayBeOthers && !notMine(toks, { at: i, end, day: null, minutes: null })) mayBeOthers = false;
  }
  const out = spans.length === 0 ? null : mayBePast ? 'past' : mayBeOthers ? 'others' : null;
  timesCache.set(toks, out);
  return out;
}

/**
 * Session 17 (review debt): where each clock time or day the message names starts and ends, left to right (a time's
 * words are skipped once read), scanned once per token array for timesOnly and onlyHabitTimes.
 */
const spansCache = new WeakMap<readonly string[], readonly { at: number; end: number }[]>();
function timeSpans(toks: readonly string[]): readonly { at: number; end: number }[] {
  const known = spansCache.get(toks);
  if (known !== undefined) return known;
  const spans: { at: number; end: number }[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t0 = toks[i];
    const digit = startsWithDigit(t0);
    const c = digit || CLOCK_STARTERS.has(t0) ? clockAt(toks, i) : null;
    const d = c || !(digit || DAY_STARTERS.has(t0)) ? null : dayAt(toks, i, 0, 1, 1);
    if (!c && !d) continue;
    const end = (c ?? d)!.end;
    spans.push({ at: i, end });
    i = end;
  }
  spansCache.set(toks, spans);
  return spans;
}

/**
 * Session 16 (newcomer s15 N#9): every time the message names is told as a habit (habitAt): "I usually order by Friday so
 * it arrives for the weekend" names no deadline of this order, so the classifier's urgency reading is a near miss too.
 */
export function onlyHabitTimes(toks: readonly string[]): boolean {
  const spans = timeSpans(toks);
  return spans.length > 0 && spans.every((s) => habitAt(toks, s.at));
}

/**
 * Session 17: every time the message names is in a counterfactual (counterfactualAt): "if my shop ran like yours we'd be
 * shut by Tuesday" names no deadline, so the classifier's urgency reading is a near miss too.
 */
export function onlyCounterfactualTimes(toks: readonly string[]): boolean {
  const spans = timeSpans(toks);
  return spans.length > 0 && spans.every((s) => counterfactualAt(toks, s.at));
}

/**
 * Session 17 (escmsg s16 not done): a time in the consequence of something that did not or does not happen is no
 * deadline: "if my shop ran like yours we'd be shut by Tuesday", "if I'd known I would have ordered by Friday", "had I
 * ordered earlier it would have been here by Monday". The time follows, within eight words, a "would" ("'d") that is
 * either "would have" (the past that did not happen, "had I ordered earlier it would have been...") or answers an "if"
 * clause told in the past ("if ... ran / were / had / knew"), with no "if", "but", "and" or "so" between. A wish or a need stays a deadline ("I'd like it by Friday", "I'd need it by
 * Friday"), and so does a real condition ("if it doesn't come by Friday I'll miss the wedding").
 */
const WOULD = new Set(['would', 'wed', 'id', 'youd', 'theyd', 'hed', 'shed', 'itd', 'wouldve', 'wouldnt', 'd']);
const WISH_AFTER_WOULD = new Set(['like', 'love', 'want', 'need', 'prefer', 'appreciate', 'rather', 'really', 'much']);
/** "I'd be grateful if...", "we'd be happy with Friday": a wish said with "be". */
const WISH_AFTER_BE = new Set(['grateful', 'happy', 'glad', 'thankful', 'pleased', 'delighted', 'able', 'obliged', 'needing', 'wanting', 'hoping']);
const UNREAL_PAST = new Set(['ran', 'were', 'was', 'had', 'did', 'knew', 'went', 'worked', 'treated', 'tried', 'managed', 'owned', 'got', 'took', 'made', 'sold', 'delivered', 'answered']);
const WOULD_GUARDED = new Set(['wed', 'd', 'shed', 'hed', 'id']);
const NEED_WORDS = new Set(['need', 'needs', 'needed', 'want', 'wants', 'must']);
const IRREGULAR_PARTICIPLES = new Set(['been', 'got', 'had', 'made', 'come', 'gone', 'done', 'sent', 'left', 'paid', 'bought', 'brought', 'kept', 'lost', 'heard', 'sold', 'told', 'won', 'run', 'put', 'set', 'let', 'cut', 'hit', 'shut', 'quit', 'spent', 'found', 'built', 'caught', 'taught', 'thought']);
function participle(w: string): boolean {
  return IRREGULAR_PARTICIPLES.has(w) || (w.length > 3 && /(?:ed|en|wn|ne)$/.test(w));
}
export function counterfactualAt(toks: readonly string[], at: number): boolean {
  for (let m = at - 1; m >= Math.max(0, at - 8); m--) {
    const t = toks[m];
    if (t === 'if' || t === 'but' || t === 'and' || t === 'so') return false;
    // A need or a wish before the time is this order's: "If it was cheaper I'd buy two. I need it by Friday".
    if (NEED_WORDS.has(t) || ((t === 'has' || t === 'have' || t === 'had' || t === 'got') && toks[m + 1] === 'to')) return false;
    if (!WOULD.has(t)) continue;
    // "wed" is "we'd" only before a verb ("wed be", "wed have"), not Wednesday; "d" only after a pronoun ("we d"); so too
    // "shed", "hed", "id" (the shed a parcel is left in, an order id).
    const next = toks[m + 1] ?? '';
    if (WOULD_GUARDED.has(t) && next !== 'be' && next !== 'have' && next !== 'all' && next !== 'never' && next !== 'still') return false;
    // "would have" + a participle is the past that did not happen ("it would have been here by Monday"); "I'd have it by
    // Friday" is the future. ("it would have to be here by Friday" is a need.)
    if (t === 'wouldve' || next === 'have' || next === 've') {
      if (participle(toks[m + (t === 'wouldve' ? 1 : 2)] ?? '')) return true;
    }
    // After "would" a wish or a need is this order's: "I'd like it by Friday", "I'd be grateful for it by Friday".
    if (WISH_AFTER_WOULD.has(next) || (next === 'be' && WISH_AFTER_BE.has(toks[m + 2] ?? ''))) return false;
    // The "if" clause in the past before the "would": "if my shop ran like yours", "if you were my staff".
    for (let k = m - 1; k >= Math.max(0, m - 14); k--) {
      if (toks[k] === 'if') {
        for (let v = k + 1; v < m; v++) if (UNREAL_PAST.has(toks[v])) return true;
        return false;
      }
    }
    return false;
  }
  return false;
}

/** Past verbs of the customer's own order or of its arrival (not participles, which a wish can make future). */
const TOLD_PAST = new Set(['ordered', 'placed', 'bought', 'paid', 'received', 'arrived', 'came', 'got', 'rang', 'called', 'emailed']);

/** A question about the shop's estimate or service with no word of real need (see ESTIMATE_QUESTION). */
export function estimateQuestion(toks: readonly string[], text = toks.join(' ')): boolean {
  if (!ESTIMATE_QUESTION.test(text)) {
    const tag = CONFIRM_TAG.exec(text);
    if (tag === null || tag[0].split(' ').some((t) => OWN_REASON.has(t))) return false;
  }
  for (let i = 0; i < toks.length; i++) if (STRONG_NEED.has(toks[i]) && toks[i - 1] !== 'no' && toks[i - 1] !== 'not' && toks[i - 2] !== 'not') return false;
  return !obligation(toks);
}

/**
 * Session 9 (newcomer s8 #7): a question about WHEN the order arrives ("will it arrive by Friday?", "would they be here
 * before Monday?", "when will my parcel come, tomorrow?") asks the shop's delivery time; the bot answers it. It is the
 * customer's deadline only with a reason of their own: a need ("I need it by Friday", "must"), an event ("before the
 * wedding on Saturday", "it's my mum's birthday", a flight), or a plea that it be made so ("is there any way", "would
 * it be possible", "in time", "make sure", "definitely"). Not this family: asking that it be made so ("can it come
 * tonight", "could you deliver by Saturday?") and a time today ("will it be here by lunchtime?": the customer is
 * waiting for it now); detectUrgency checks the day. `text` is the message as typed (its question mark).
 */
const ARRIVAL_QUESTION =
  /(?:^|\b(?:will|would|does|do|should|shall|is|are|wil|gonna)) (?:\w+ ){0,4}?(?:it|they|them|this|that|these|those|order|orders|parcel|parcels|package|packages|delivery|item|items|stuff|things?|[a-z]+s)(?: still| definitely| actually| probably)? (?:arrive|arrives|arriving|come|comes|coming|be here|get here|be there|be delivered|reach (?:me|us|here)|turn up|be with (?:me|us)|get to (?:me|us)|land|show up)\b|^when (?:will|would|does|do|is|are|should|can)\b/;
const OWN_REASON = new Set([
  // A need or an obligation (need/must are also in STRONG_NEED), a plea, a promise.
  'need', 'needs', 'needed', 'must', 'asap', 'urgent', 'urgently', 'latest', 'important', 'deadline', 'required', 'desperate',
  'desperately', 'possible', 'possibly', 'chance', 'way', 'sure', 'definitely', 'guarantee', 'guaranteed', 'promise', 'promised',
  'late', 'time', 'please', 'pls', 'plz', 'hope', 'hoping', 'fingers', 'worried', 'panic', 'panicking', 'expedite', 'faster', 'quicker',
  // What the date is for (the customer's event).
  'wedding', 'birthday', 'bday', 'party', 'flight', 'fly', 'flying', 'leave', 'leaving', 'travel', 'travelling', 'traveling', 'trip',
  'holiday', 'vacation', 'funeral', 'interview', 'exam', 'event', 'moving', 'move', 'gift', 'present', 'surprise', 'anniversary',
  'christening', 'baptism', 'ceremony', 'graduation', 'show', 'concert', 'dinner', 'meeting', 'appointment', 'operation', 'surgery',
  'hospital', 'school', 'work', 'job', 'shift', 'competition', 'match', 'race', 'festival', 'performance', 'conference', 'presentation',
  'reunion', 'visit', 'visiting', 'visits', 'guests', 'christmas', 'xmas', 'eid', 'diwali', 'hanukkah', 'easter', 'eve',
]);
/**
 * Session 27 (topics, issue 11): a word of the customer's own reason, or an event's possessive ("Christening's on Sunday
 * morning and I still don't have the outfit. Will it come Saturday?", "the wedding's Saturday, will it arrive Friday?"):
 * the apostrophe is gone after normalising ("christenings"), as FRAME_WORDS reads it for the deadline itself.
 */
function ownReason(t: string): boolean {
  return OWN_REASON.has(t) || (t.length >= 5 && t.endsWith('s') && EVENT_FRAME.has(t.slice(0, -1)));
}
export function arrivalQuestion(toks: readonly string[], text: string): boolean {
  if (!text.includes('?') && !/^(?:will|would|does|do|when|is|are|should)$/.test(toks[0] ?? '')) return false;
  // One question: "will it arrive by Friday? it's for my mum" has a reason after it, read below.
  const joined = joinedTokens(toks);
  if (!ARRIVAL_QUESTION.test(joined) || /\b(?:can|could|cn|cud) (?:it|they|you|u|the|my|this|that|these|those)\b/.test(joined)) return false;
  for (let i = 0; i < toks.length; i++) if (ownReason(toks[i])) return false;
  // "for my son", "it's for", "for the": what it is for.
  if (/\b(?:for|it s for|its for) (?:my|our|the|a|his|her)\b/.test(joined)) return false;
  return !obligation(toks);
}

/**
 * Session 10: questions about the shop's own schedule, with no reason of the customer's (OWN_REASON): which day it will be
 * ("is NW-120321 coming today or tomorrow", "does it go out today or tomorrow"), whether it leaves the warehouse today ("I
 * ordered at 9, will it go out today?": the shop's dispatch, the customer is not waiting at the door), and the customer
 * saying back the date the bot gave ("ok arriving thursday. is it the one that needs a signature?", "ah ok so it's arriving
 * Thursday"). The bot answers these; they are not the customer's deadline.
 */
const DAY_WORD = '(?:today|tonight|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|this week|next week|the weekend|weekend)';
const WHICH_DAY = new RegExp(`\\b${DAY_WORD} or ${DAY_WORD}\\b`);
const DISPATCH = /\b(?:will|would|does|do|is|are|did|has|wil|gonna) (?:\w+ ){0,3}?(?:it|they|them|this|that|order|orders|parcel|parcels|package|delivery|item|items|stuff)(?: still| definitely| actually| probably)? (?:go out|goes out|going out|ship|shipped|be shipped|get shipped|be dispatched|get dispatched|dispatch|be sent|get sent|be posted|leave|leaving)\b/;
const ECHOED = /^(?:ok|okay|ah|oh|right|great|cool|alright|thanks|thank you|fine|perfect|lovely|good) (?:(?:ok|okay|ah|oh|right|great|cool|alright|thanks|thank you|fine|perfect|lovely|good|so|then) )*(?:so )?(?:it s |its |it is |it will be |it ll be |they re |they are |the parcel is |my order is |the order is )?(?:arriving|coming|due|arrives|comes|delivered|delivering)\b/;
const THING_BEFORE = new Set(['that', 'which', 'it', 'one', 'parcel', 'order', 'package', 'delivery']);
export function scheduleQuestion(toks: readonly string[], text: string): boolean {
  const joined = joinedTokens(toks);
  const echoed = ECHOED.test(joined);
  // (Two days as alternatives ask which one by their form, with or without a question mark.)
  const which = WHICH_DAY.test(joined);
  if (!echoed && !which && !text.includes('?') && !/^(?:will|would|does|do|is|are|when)$/.test(toks[0] ?? '')) return false;
  if (!echoed && !which && !DISPATCH.test(joined)) return false;
  // ("the one that needs a signature": the parcel's need, not the customer's.)
  for (let i = 0; i < toks.length; i++) if (ownReason(toks[i]) && !(toks[i].startsWith('need') && THING_BEFORE.has(toks[i - 1] ?? ''))) return false;
  if (/\b(?:for|it s for|its for) (?:my|our|the|a|his|her)\b/.test(joined)) return false;
  return !obligation(toks);
}

/** The customer is fine with the time: "tomorrow is fine", "next week is ok". */
const CALM = /\b(is|are|would be|will be) (fine|ok|okay|great|perfect|no problem)\b|\b(?:no|nae) (rush|hurry)\b|\bhappy to wait\b/;

const CLOCK = /^(\d{1,2})(?::(\d{2}))?(am|pm)?$/;
const CLOCK_DOT = /^(\d{1,2})\.(\d{2})(am|pm)?$/;
/** Continental clock times: "18h", "18h30", "9h" (24-hour). */
const CLOCK_H = /^(\d{1,2})h(\d{2})?$/;
/** Session 25: a 24-hour time of four digits ("0130", "1745"), and the words it may follow with its leading zero. */
const CLOCK_4 = /^([01]\d|2[0-3])([0-5]\d)$/;
const FOUR_DIGITS_AFTER = new Set(['at', 'by', 'before', 'is', 's', 'around', 'for', 'from', 'till', 'until']);

interface Found {
  at: number;
  end: number;
  /** Day offset from today, or null when no day was named. */
  day: number | null;
  /** Minutes after local midnight, or null when only a day was named. */
  minutes: number | null;
  /** "in 3 days": counted from now, never "already over". */
  relative?: boolean;
  /** Session 25: a 12-hour time said without am / pm ("at 1:30", "half past one"): the morning or the evening. */
  twelve?: boolean;
}

/** Words before a bare hour ("before 9") and words after a number that make it an amount, not a time ("by 2 days"). */
// ("until 6" / "til 6" is when the customer is out, not a deadline: "I'm not home til 6".)
const BARE_CLOCK_AFTER = new Set(['by', 'before', 'at']);
const NOT_CLOCK_NEXT = new Set(['days', 'day', 'weeks', 'week', 'months', 'month', 'hours', 'hour', 'minutes', 'mins', 'min', 'items', 'item', 'pounds', 'euros', 'dollars', 'percent', 'pieces', 'of', 'x', 'people', 'units', 'kg', 'cm', 'mm', 'years', 'year']);
const h0ok = (t: string) => /^\d{1,2}$/.test(t) && Number(t) >= 1 && Number(t) <= 12;

/** The kinds of street a house number comes before ("12 High Street", "8 Elm Grove", "3 Mill Ln"). */
const STREET = new Set(['street', 'st', 'road', 'rd', 'lane', 'ln', 'avenue', 'ave', 'close', 'grove', 'drive', 'dr', 'crescent', 'cres', 'way',
  'place', 'pl', 'gardens', 'terrace', 'court', 'ct', 'square', 'sq', 'row', 'walk', 'mews', 'parade', 'hill', 'rise', 'green', 'view', 'vale']);
function houseNumberAt(toks: readonly string[], i: number): boolean {
  for (let k = i + 2; k <= i + 3 && k < toks.length; k++) if (STREET.has(toks[k])) return true;
  return false;
}

function clockAt(toks: readonly string[], i: number): { minutes: number; end: number; twelve?: boolean } | null {
  const t = toks[i];
  const next = toks[i + 1];
  // Session 25 (hostile s24 #10): "at 0130", "0130 hours", "1745 hrs": four digits are a 24-hour time after a word that
  // leads to a time when the first is a zero (a year, an amount or a code after "by" has none: "by 2026"), or before
  // "hours" / "hrs"; not an order number ("order 0130").
  const four = t.length === 4 ? CLOCK_4.exec(t) : null;
  if (four) {
    if ((next === 'hours' || next === 'hrs') || (t.charCodeAt(0) === 48 && FOUR_DIGITS_AFTER.has(toks[i - 1] ?? '') && !NOT_CLOCK_NEXT.has(next ?? ''))) {
      return { minutes: Number(four[1]) * 60 + Number(four[2]), end: next === 'hours' || next === 'hrs' ? i + 1 : i };
    }
    return null;
  }
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
    // A bare number is a clock time only with am/pm, a colon or "o'clock" ("I ordered 2 lamps" is not), or after a
    // deadline word with no unit after it ("before 9", "by 10", "starts at 6": round seven).
    if (!suffix && !m[2] && end === i && !(BARE_CLOCK_AFTER.has(toks[i - 1] ?? '') && h0ok(t) && !NOT_CLOCK_NEXT.has(next ?? ''))) return null;
    // Session 19 (esc): a house number, not an hour: "delivered to the office at 12 High Street", "she's at 8 Elm Grove".
    if (!suffix && !m[2] && end === i && houseNumberAt(toks, i)) return null;
    // Session 25: "24:00" is midnight at the end of the day.
    if (h === 24 && min === 0 && m[2] !== undefined && !suffix) return { minutes: 24 * 60, end };
    if (h > 23 || min > 59) return null;
    if (suffix === 'pm' && h < 12) h += 12;
    if (suffix === 'am' && h === 12) h = 0;
    // "5 o'clock", "at 4:30" without am/pm: shop hours, so 1-7 are afternoon; not a 24-hour time written with its
    // leading zero ("at 01:30", "07:15": session 24, hostile s17 #18).
    if (!suffix && h >= 1 && h <= 7 && t.charCodeAt(0) !== 48) h += 12;
    // Session 25 (hostile s24 #11): without am / pm or a leading zero a time of 1-12 is either half of the day;
    // findDeadline takes the nearer one still ahead ("my flight is at 1:30" said at 23:50 is 01:30, not 13:30).
    const twelve = !suffix && t.charCodeAt(0) !== 48 && Number(m[1]) >= 1 && Number(m[1]) <= 12;
    return twelve ? { minutes: h * 60 + min, end, twelve } : { minutes: h * 60 + min, end };
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
    return { minutes: next === 'past' ? h * 60 + delta : h * 60 - delta, end: i + 2, twelve: h0 >= 1 && h0 <= 12 };
  }
  return null;
}

/**
 * Relative deadlines: "in 3 days", "within 2 hours", "in a couple of days", "in the next few hours", "3 days from now",
 * "the Eid is after two days". Durations of up to two hours are detectUrgency's own rule ("in 20 minutes").
 */
function relativeAt(toks: readonly string[], i: number): { minutes: number; end: number } | null {
  const t = toks[i];
  let lead = t === 'in' || t === 'within';
  if (t === 'after' && AFTER_LEAD.has(toks[i - 1] ?? '')) lead = true;
  // "After one hour I go to airport" (non-native "in one hour"), unless a past verb follows ("after 2 days it broke").
  if (t === 'after' && i === 0 && !pastAfter(toks, i)) lead = true;
  let j = i + 1;
  if (lead) {
    if (toks[j] === 'the' && toks[j + 1] === 'next') j += 2;
    else if (toks[j] === 'next' && toks[j + 1] === 'the') j += 2;
    else if (toks[j] === 'next') j += 1;
    if (toks[j] === 'less' && toks[j + 1] === 'than') j += 2;
    if (toks[j] === 'about' || toks[j] === 'around' || toks[j] === 'just' || toks[j] === 'only') j += 1;
  } else if (!(t.charCodeAt(0) >= 48 && t.charCodeAt(0) <= 57) && !AMOUNTS.has(t)) return null;
  else j = i;
  let amount = /^\d{1,3}$/.test(toks[j] ?? '') ? Number(toks[j]) : AMOUNTS.get(toks[j] ?? '');
  if (amount === undefined) return null;
  if ((toks[j] === 'a' || toks[j] === 'few' || toks[j] === 'couple') && (toks[j + 1] === 'few' || toks[j + 1] === 'couple')) {
    amount = AMOUNTS.get(toks[j + 1])!;
    j += 1;
  }
  // Session 25 (hostile s24 #11): "one and a half hours", "an hour and a half" (was an hour).
  const half = (k: number) => (toks[k] === 'and' && (toks[k + 1] === 'a' || toks[k + 1] === 'an') && toks[k + 2] === 'half' ? 3 : toks[k] === 'and' && toks[k + 1] === 'half' ? 2 : 0);
  const before = half(j + 1);
  if (before > 0) {
    amount += 0.5;
    j += before;
  }
  if (toks[j + 1] === 'of') j += 1;
  const unit = DAY_UNITS.get(toks[j + 1] ?? '');
  if (unit === undefined) return null;
  let end = j + 1;
  const after = before === 0 ? half(end + 1) : 0;
  if (after > 0) {
    amount += 0.5;
    end += after;
  }
  // Without "in" / "within" only "3 days from now" / "2 days time" counts ("3 days late", "for 2 days" are complaints).
  if (!lead && !(toks[end + 1] === 'from' && toks[end + 2] === 'now') && toks[end + 1] !== 'time') return null;
  return { minutes: amount * unit, end: toks[end + 1] === 'from' ? end + 2 : end };
}

/** A month word's number (1-12), or 0. (Module level: no closure made per call.) */
const monthOf = (w: string | undefined) => (w === undefined ? 0 : MONTHS.indexOf(w) + 1 || MONTH_SHORT[w] || 0);

/** "on 3 December", "by the 5th of March", "before December 3rd", "by the 28th": a date of this month or a coming one. */
function dateAt(toks: readonly string[], i: number, month: number, dayOfMonth: number): { day: number; end: number } | null {
  let d = 0;
  let m = 0;
  let end = i;
  const here = DAY_OF_MONTH.exec(toks[i]);
  if (here) {
    d = Number(here[1]);
    const after = toks[i + 1] === 'of' ? i + 2 : i + 1;
    m = monthOf(toks[after]);
    if (m) end = after;
    // "the 28th" alone: an ordinal after "the", read as this month's (or next month's) day.
    else if (!(toks[i - 1] === 'the' && /\D$/.test(toks[i]))) return null;
  } else {
    m = monthOf(toks[i]);
    // "may" is also a verb: the month needs a day next to it.
    const next = DAY_OF_MONTH.exec(toks[i + 1] ?? '');
    if (!m || !next) return null;
    d = Number(next[1]);
    end = i + 1;
  }
  if (d < 1 || d > 31) return null;
  // "before the 25th ... through December": a month named elsewhere in the message is the ordinal's month.
  if (!m) for (const w of toks) if ((m = monthOf(w)) && w !== 'may') break;
  if (!m) m = d >= dayOfMonth ? month : (month % 12) + 1;
  const today = Date.UTC(2000, month - 1, dayOfMonth);
  let target = Date.UTC(2000, m - 1, d);
  if (target < today) target = Date.UTC(2001, m - 1, d);
  return { day: Math.round((target - today) / 86_400_000), end };
}

function pastAfter(toks: readonly string[], at: number): boolean {
  for (let k = at + 1; k < Math.min(toks.length, at + 8); k++) {
    const t = toks[k];
    if (PAST.has(t) || PAST_AFTER.has(t) || (t.length > 4 && t.endsWith('ed') && !NOT_PAST.has(t))) return true;
  }
  return false;
}
const PAST_AFTER = new Set(['broke', 'stopped', 'fell', 'died', 'gave', 'took', 'left', 'came', 'went', 'began', 'started']);

/** Thanksgiving (the fourth Thursday of November) and Easter Sunday (the Gregorian computus) of a year, as [month, day]. */
function movableDate(name: string, year: number): [number, number] | null {
  if (name === 'thanksgiving') {
    const first = new Date(Date.UTC(year, 10, 1)).getUTCDay();
    return [11, 1 + ((4 - first + 7) % 7) + 21];
  }
  if (name === 'easter') {
    const a = year % 19;
    const b = Math.floor(year / 100);
    const c = year % 100;
    const g = Math.floor((b - Math.floor((b + 8) / 25) + 1) / 3);
    const h = (19 * a + b - Math.floor(b / 4) - g + 15) % 30;
    const l = (32 + 2 * (b % 4) + 2 * Math.floor(c / 4) - h - (c % 4)) % 7;
    const m = Math.floor((a + 11 * h + 22 * l) / 451);
    const n = h + l - 7 * m + 114;
    return [Math.floor(n / 31), (n % 31) + 1];
  }
  return null;
}

function dayAt(toks: readonly string[], i: number, weekday: number, month: number, dayOfMonth: number, year = 2000): { day: number; end: number; minutes: number | null } | null {
  // "for tonight's doses", "by tomorrow's meeting" (the apostrophe is gone after normalising); not "today's excuse".
  const t = POSSESSIVE_DAY.has(toks[i]) && PART_AFTER.has(toks[i - 1] ?? '') ? POSSESSIVE_DAY.get(toks[i])! : toks[i];
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
    // Round seven: "next Sunday" said on a Tuesday is the coming Sunday for most writers; a week on only when the coming
    // one is at most two days away ("next Wednesday" said on a Tuesday).
    const coming = (wd - weekday + 7) % 7;
    const ahead = coming + (toks[i - 1] === 'next' && coming <= 2 ? 7 : 0);
    const part = PARTS[toks[i + 1]];
    return { day: ahead, end: part !== undefined ? i + 1 : i, minutes: part ?? null };
  }
  // ("Chinese / lunar new year" has no fixed date.)
  const pair = PAIR_FIRST.has(t) && toks[i + 1] !== undefined && Object.hasOwn(NAMED_PAIRS, `${t} ${toks[i + 1]}`) && toks[i - 1] !== 'chinese' && toks[i - 1] !== 'lunar' ? NAMED_PAIRS[`${t} ${toks[i + 1]}`] : undefined;
  if (pair) {
    // "new year's eve" is the day before.
    const eve = toks[i + 2] === 'eve';
    const today = Date.UTC(2000, month - 1, dayOfMonth);
    let target = Date.UTC(2000, pair[0] - 1, pair[1]) - (eve ? 86_400_000 : 0);
    if (target < today) target = Date.UTC(2001, pair[0] - 1, pair[1]) - (eve ? 86_400_000 : 0);
    return { day: Math.round((target - today) / 86_400_000), end: eve ? i + 2 : i + 1, minutes: null };
  }
  if (t === 'thanksgiving' || t === 'easter') {
    const today = Date.UTC(year, month - 1, dayOfMonth);
    let [m, d] = movableDate(t, year)!;
    let target = Date.UTC(year, m - 1, d);
    if (target < today) {
      [m, d] = movableDate(t, year + 1)!;
      target = Date.UTC(year + 1, m - 1, d);
    }
    return { day: Math.round((target - today) / 86_400_000), end: i, minutes: null };
  }
  // (Only a number or a month name can start a date: most words skip the regex.)
  const c0 = t.charCodeAt(0);
  const date = (c0 >= 48 && c0 <= 57) || MONTH_WORDS.has(t) ? dateAt(toks, i, month, dayOfMonth) : null;
  if (date) return { ...date, minutes: null };
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

/**
 * Words before a participle that make it a wish or a future, not a past fact: "I need my address changed before...",
 * "I want it delivered by Friday", "it must be sent by noon", "can you get it fixed before...".
 */
const WISH = new Set(['need', 'needs', 'want', 'wants', 'wanted', 'must', 'be', 'get', 'gets', 'getting', 'will', 'should', 'would', 'like', 'have']);

// (Session 16, newcomer s15 N#16: "my order I put in this morning": "put" is its own past, read like the plain forms.)
const PLAIN_PAST = new Set(['order', 'buy', 'pay', 'place', 'put']);
const IF_WORDS = new Set(['if', 'when', 'can', 'could', 'will', 'shall', 'should', 'would', 'to', 'must', 'may', 'might', 'once', 'before', 'after', 'unless']);
export function pastNear(toks: readonly string[], at: number): boolean {
  for (let k = Math.max(0, at - 5); k < at; k++) {
    const t = toks[k];
    // Session 10: "I order on Sunday night, email say dispatch in 2 days": the plain form told as the past, the time right after it.
    if (PLAIN_PAST.has(t) && (toks[k - 1] === 'i' || toks[k - 1] === 'we') && !IF_WORDS.has(toks[k - 2] ?? '') && at - k <= 2) return true;
    if (!(PAST.has(t) || (t.length > 4 && t.endsWith('ed') && !NOT_PAST.has(t)))) continue;
    // A participle one to three words after a wish ("need my address changed") is not the past; a past word itself
    // before it ("got it delivered yesterday", "was sent") still is.
    let wished = false;
    for (let j = Math.max(0, k - 3); j < k; j++) if (WISH.has(toks[j])) wished = true;
    // "I ordered it 3 days ago and need it by Friday": a need between the past word and the time starts a new clause.
    let needAfter = false;
    for (let j = k + 1; j < at; j++) if (toks[j] === 'need' || toks[j] === 'needs' || toks[j] === 'must' || toks[j] === 'want') needAfter = true;
    if (needAfter) continue;
    if (wished && t !== 'was' && t !== 'were' && t !== 'got' && t !== 'had' && t !== 'did' && t !== 'yesterday' && t !== 'ago' && t !== 'last') continue;
    return true;
  }
  return false;
}

/**
 * Session 16 (newcomer s15 N#9): a time in a clause told as a habit ("I always order by Friday", "we usually get it
 * before the weekend", "I normally place it on a Monday") is what the customer does every time, not this order's
 * deadline, and so is a time said of that habit's outcome ("I usually order by Friday so it arrives for the weekend"). A
 * habit word up to ten words before the time counts unless a need, a wish or a contrast comes between it and the time
 * ("I always need it by Friday" is still a need; "but this time ...", "now" start a case of their own).
 */
const HABIT = new Set(['always', 'usually', 'normally', 'generally', 'typically', 'often', 'regularly', 'tend', 'tends', 'mostly', 'ordinarily', 'habitually', 'routinely']);
const HABIT_BREAK = new Set(['need', 'needs', 'needed', 'must', 'want', 'wants', 'but', 'this', 'now', 'however', 'except', 'urgent', 'asap']);
export function habitAt(toks: readonly string[], at: number): boolean {
  for (let k = at - 1; k >= Math.max(0, at - 10); k--) {
    const t = toks[k];
    if (HABIT.has(t)) return true;
    // "every week before Friday", "each month by the 5th": a habit said with its period.
    if ((t === 'every' || t === 'each') && /^(?:week|month|time|year|weekend|fortnight)s?$/.test(toks[k + 1] ?? '')) return true;
    if (HABIT_BREAK.has(t) && k < at - 1) return false;
  }
  return false;
}

/** Session 16: "I never was on your site before today": "before today" after a past or a never is the past. */
const BEFORE_TODAY_PAST = new Set(['never', 'was', 'were', 'had', 'been', 'did', 'not']);
export function beforeTodayPast(toks: readonly string[], i: number): boolean {
  if (toks[i - 1] !== 'before' || (toks[i + 1] !== undefined && toks[i + 1] !== 'and' && toks[i + 1] !== 'but' && toks[i + 1] !== 'my' && toks[i + 1] !== 'so')) return false;
  for (let k = Math.max(0, i - 8); k < i - 1; k++) if (BEFORE_TODAY_PAST.has(toks[k])) return true;
  return false;
}

/** Words between an event and its time when the event is said to be then: "the party is at 2", "the wedding's on Saturday". */
const EVENT_AT = new Set(['is', 's', 'at', 'on', 'starts', 'start', 'begins', 'will', 'be', 'this', 'next', 'coming', 'tomorrow', 'today', 'tonight', 'from']);
/** An event word (or its possessive) up to four words before the time at `at`, every word between saying when it is. */
function eventSaidAt(toks: readonly string[], at: number): boolean {
  for (let k = at - 1; k >= Math.max(0, at - 5); k--) {
    const t = toks[k];
    if (EVENT_FRAME.has(t) || (t.length >= 4 && t.endsWith('s') && EVENT_FRAME.has(t.slice(0, -1)))) return k < at - 1 || t.endsWith('s');
    if (!EVENT_AT.has(t)) return false;
  }
  return false;
}

function pastWords(toks: readonly string[]): number {
  let n = 0;
  for (const t of toks) if ((PAST.has(t) && t !== 'last' && t !== 'got') || PAST_AFTER.has(t) || (t.length > 4 && t.endsWith('ed') && !NOT_PAST.has(t))) n++;
  return n;
}

/**
 * "have to", "has to", "got to": obligation. Session 8: not in a question about the shop's rule ("does it have to be a
 * shop?", "do I have to print the label?"), which asks what is required, not for a time.
 */
const ASKS_RULE = new Set(['do', 'does', 'did', 'would', 'will']);
function obligation(toks: readonly string[]): boolean {
  for (let i = 0; i + 1 < toks.length; i++) {
    if (!((toks[i] === 'have' || toks[i] === 'has' || toks[i] === 'got') && toks[i + 1] === 'to')) continue;
    if (ASKS_RULE.has(toks[i - 2] ?? '') || ASKS_RULE.has(toks[i - 3] ?? '')) continue;
    return true;
  }
  return false;
}
// (Session 8: "other's Thursday. Fine.", "Tidy", "grand": acknowledgements too.)
const ACK = new Set(['thanks', 'thank', 'thx', 'ty', 'great', 'perfect', 'cheers', 'lovely', 'brilliant', 'cool', 'nice', 'ok', 'okay', 'alright', 'fine', 'tidy', 'grand', 'sound', 'super', 'excellent', 'wonderful', 'ace', 'noted', 'gotcha', 'understood']);
const NEED = new Set(['need', 'needs', 'needed', 'must', 'asap', 'urgent', 'urgently', 'by', 'before', 'until', 'till', 'latest', 'please', 'pls', 'important', 'deadline', 'required']);
/** A word of need that is not negated ("no need to reply", "don't need it by then"). */
function needWord(toks: readonly string[]): boolean {
  for (let i = 0; i < toks.length; i++) {
    if (!NEED.has(toks[i])) continue;
    const p = toks[i - 1];
    const p2 = toks[i - 2];
    if (p === 'no' || p === 'not' || p2 === 'not' || p2 === 'no') continue;
    // "what do you need from me?": the shop's need, not the customer's.
    if (p === 'you' || (p === 'would' && p2 === 'you')) continue;
    // Session 8: "by email", "by my name", "before I save my card": a preposition of need only before a time.
    if (TIME_PREPOSITION.has(toks[i]) && !leadsToTime(toks, i)) continue;
    return true;
  }
  return false;
}

const TIME_PREPOSITION = new Set(['by', 'before', 'until', 'till']);
/** One of the three words after `i` may start a time ("by Friday", "before the 3pm cut-off", "by the end of the day"). */
function leadsToTime(toks: readonly string[], i: number): boolean {
  for (let k = i + 1; k <= i + 3 && k < toks.length; k++) if (mayStartTime(toks[k]) && toks[k] !== 'a' && toks[k] !== 'an' && toks[k] !== 'in') return true;
  return false;
}

/** Words that make a short message naming a time a request for that time. */
const SHORT_CUES = new Set(['by', 'before', 'until', 'till', 'please', 'possible', 'pls', 'asap', 'need', 'latest', 'important']);

/**
 * The local weekday (0 = Monday), year, month, day of the month and minutes since midnight at `now` in `timezone`.
 * Session 24 (speed): the last answer is kept (a message's deadline readings all ask for the same clock), so the date
 * string is not built and split again on every call.
 */
interface Calendar { readonly weekday: number; readonly year: number; readonly month: number; readonly dom: number; readonly minutes: number }
let lastCalendar: (Calendar & { readonly timezone: string; readonly now: number }) | null = null;
function calendarAt(timezone: string, now: number): Calendar {
  if (lastCalendar !== null && lastCalendar.now === now && lastCalendar.timezone === timezone) return lastCalendar;
  const clock = localTime(timezone, now);
  const weekday = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].indexOf(clock.weekday);
  const [year, month, dom] = clock.date.split('-').map(Number);
  lastCalendar = { timezone, now, weekday, year, month, dom, minutes: clock.minutes };
  return lastCalendar;
}

/**
 * A word that frames a time as the customer's: FRAME, or an event's possessive (EVENT_FRAME + "s", four letters or more).
 * Session 24 (speed): a token gate, one bit test per message instead of a pass with a slice per word ending in s.
 */
const FRAME_WORDS = tokenGate(new Set([...FRAME, ...[...EVENT_FRAME].map((e) => `${e}s`).filter((t) => t.length >= 4)]));

/**
 * Real minutes from now to a wall-clock time `wallMinutes` wall-clock minutes ahead (session 24, hostile s17 #18): the
 * same, unless the zone's clock changes in between (an hour less when it springs forward, an hour more when it falls
 * back). A time inside the spring-forward gap does not exist and is read as the same wall time after the gap ("1:30am"
 * on the London spring night is 02:30 BST), never as a time before the gap.
 */
function realMinutesAway(timezone: string, now: number, wallMinutes: number): number {
  const naive = utcOffsetAt(timezone, now + wallMinutes * 60_000);
  const change = Math.round((naive - utcOffsetAt(timezone, now)) / 60_000);
  if (change === 0) return wallMinutes;
  const real = Math.max(0, wallMinutes - change);
  // The corrected instant must show that wall time: the same offset there as at the naive instant. Not in the gap.
  return utcOffsetAt(timezone, now + real * 60_000) === naive ? real : wallMinutes;
}

/** Session 25: the words of a found day name a part of the day ("tonight", "this evening", "tomorrow morning"). */
function partOfDay(toks: readonly string[], g: Found): boolean {
  for (let k = g.at; k <= g.end; k++) {
    const t = toks[k];
    if (t === 'tonight' || t === 'tonite' || t === 'morning' || t === 'afternoon' || t === 'evening' || t === 'night') return true;
  }
  return false;
}

/**
 * Session 25 (hostile s24 #11, #14): the minutes of a 12-hour time said without am / pm (clockAt's reading: 1-7 the
 * afternoon, 8-12 the morning). Next to a part of the day, that part's half ("tonight at 11": 23:00; "tonight at 12":
 * midnight); with no day named, an afternoon reading gives way to the small hours when they come first ("at 1:30" said
 * at 23:50: 01:30, not 13:30); with a day, clockAt's reading.
 */
function halfOfDay(minutes: number, part: number | null, day: number | null, nowMinutes: number): number {
  const morning = minutes % 720;
  if (part !== null) return part >= 12 * 60 ? (morning === 0 && part >= 19 * 60 ? 24 * 60 : morning + 720) : morning;
  // 8-12 keep their morning reading ("must stop this order before 9" said at 10:00 is 9am tomorrow, as before).
  if (day !== null || minutes < 13 * 60) return minutes;
  const ahead = (m: number) => (((m - nowMinutes) % 1440) + 1440) % 1440;
  return ahead(morning) <= ahead(morning + 720) ? morning : morning + 720;
}

export function findDeadline(toks: readonly string[], now: number, timezone: string, horizonHours: number): Deadline | null {
  if (toks.length === 0 || toks.length > 200) return null;
  // Session 14: an event's possessive frames a time like the event ("the gig's tonight", "the party's at 6": the
  // apostrophe is gone after normalising, "gigs"): FRAME_WORDS.
  const frame = obligation(toks) || hasGateWord(toks, FRAME_WORDS);
  // A short message is itself a deadline request when it leads with the time or asks for it ("by noon?",
  // "tomorrow morning please", "end of today possible?"), not in "how are you today?".
  let shortAsk = false;
  if (!frame && toks.length <= SHORT_REQUEST) {
    for (const t of toks) {
      if (SHORT_CUES.has(t)) {
        shortAsk = true;
        break;
      }
    }
  }
  if (!frame && !shortAsk && !(toks.length <= SHORT_REQUEST && (toks[0] === 'today' || toks[0] === 'tonight' || toks[0] === 'tomorrow' || toks[0] === 'end'))) {
    if (!(toks[0] === 'will' || toks[0] === 'can' || toks[0] === 'could')) return null;
  }
  const clock = calendarAt(timezone, now);
  const { weekday, year, month, dom } = clock;
  const found: Found[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    const digit = startsWithDigit(t);
    if (!digit && !TIME_STARTERS.has(t)) continue;
    const c = digit || CLOCK_STARTERS.has(t) ? clockAt(toks, i) : null;
    if (c) {
      found.push({ at: i, end: c.end, day: null, minutes: c.minutes, ...(c.twelve ? { twelve: true } : {}) });
      i = c.end;
      continue;
    }
    const r = digit || RELATIVE_STARTERS.has(t) ? relativeAt(toks, i) : null;
    if (r) {
      // A relative deadline counts from now: stored as today's clock time plus the duration.
      found.push({ at: i, end: r.end, day: 0, minutes: clock.minutes + r.minutes, relative: true });
      i = r.end;
      continue;
    }
    const d = digit || DAY_STARTERS.has(t) ? dayAt(toks, i, weekday, month, dom, year) : null;
    if (d) {
      found.push({ at: i, end: d.end, day: d.day, minutes: d.minutes });
      i = d.end;
    }
  }
  if (found.length === 0) return null;
  const text = joinedTokens(toks);
  if (CALM.test(text)) return null;
  // Round seven: an acknowledgement of a date the customer was told ("ok so arriving Thursday, thanks", "it come Friday,
  // thank") with no word of need is information received, not a deadline.
  const needed = needWord(toks) || obligation(toks);
  if (toks.some((t) => ACK.has(t)) && !needed) return null;
  if (estimateQuestion(toks, text)) return null;
  // A story told in the past ("I waited in all day Tuesday, took the day off, and at 6pm the tracking flips...") with
  // no word of need: the times are what happened, not a deadline.
  // Session 15 (escmsg): not when an event is said, in the present, to be at one of the times ("I ordered a banner for my
  // nan's 90th ... the tracking's said 'preparing' since Monday. The party is at 2 o'clock this Sunday."): the story is
  // the past, the event is still ahead.
  if (!needed && pastWords(toks) >= 2 && !found.some((f) => eventSaidAt(toks, f.at))) return null;
  if (HOURS_QUESTION.some((re) => re.test(text))) return null;
  // Each named time is its own deadline; a clock time takes the day named next to it ("at 7am tomorrow").
  // The nearest one that is still ahead decides ("my flight's at 7am tomorrow, can I collect it tonight?").
  let away = Infinity;
  let awayDay = 0;
  let timed = Infinity;
  let first = -1;
  let last = -1;
  // Session 16 (newcomer s16 N#2): a day named next to a clock time ("tomorrow at 6pm", "6pm on Friday") is that time's
  // day, not a deadline of its own counted from the day's start (which made "tomorrow at 6pm" said at 10:00 "14 hours
  // away" instead of 32).
  const dayOfClock = new Map<Found, Found>();
  const clockDay = new Map<Found, Found>();
  // Session 25 (hostile s24 #14): a part of the day next to a clock time is that time's day too ("tonight at 11pm" is
  // 23:00, not tonight's 21:00), and says which half of the day a time without am / pm is ("tonight at 11").
  for (const f of found) {
    if (f.minutes === null || f.day !== null) continue;
    const near = found.find((g) => g !== f && g.day !== null && (g.minutes === null || partOfDay(toks, g)) && Math.abs(g.at - f.end) <= 2 && !pastNear(toks, g.at));
    if (near) {
      dayOfClock.set(near, f);
      clockDay.set(f, near);
    }
  }
  for (const f of found) {
    if (dayOfClock.has(f)) continue;
    if (pastNear(toks, f.at) || notMine(toks, f) || habitAt(toks, f.at) || counterfactualAt(toks, f.at) || (toks[f.at] === 'today' && beforeTodayPast(toks, f.at))) continue;
    // Session 27 (topics, issue 11): a clock time right after a day told as the past is that same moment ("I order this
    // morning 9:30. When it is coming?", "I ordered on Monday at 9"): the day's past reading holds for the time too.
    if (f.day === null && found.some((g) => g !== f && g.day !== null && g.end < f.at && f.at - g.end <= 2 && pastNear(toks, g.at))) continue;
    // Session 8: "by noon yesterday", "at 6 two days ago": the time is in the past whatever the words before it.
    if (toks[f.end + 1] === 'yesterday' || toks[f.end + 1] === 'ago' || toks[f.end + 2] === 'ago') continue;
    // "delivered after 6pm", "any time after Monday": a preference, not a deadline.
    if (toks[f.at - 1] === 'after' && !f.relative) continue;
    let day = f.day;
    const near = day === null ? clockDay.get(f) : undefined;
    if (near) day = near.day;
    const minutes = f.twelve ? halfOfDay(f.minutes!, near?.minutes ?? null, day, clock.minutes) : f.minutes;
    let a: number;
    let onDay = day ?? 0;
    if (day === null) {
      a = (minutes ?? 0) - clock.minutes;
      if (a < 0) {
        a += 24 * 60; // "by 3pm" said at 5pm means tomorrow
        onDay = 1;
      }
    } else {
      a = day * 24 * 60 + (minutes ?? 0) - clock.minutes; // a day alone ("by Saturday") counts from its start
      // "this morning" said in the evening is over: that is information, not a deadline.
      if (a < -60 && day === 0 && f.minutes !== null) continue;
      if (a < 0) a = 0;
    }
    // Session 24 (hostile s17 #18): a time named on the clock is counted in real minutes, not wall-clock ones: on the
    // night the clocks change, "at 3am" said at 00:10 is 110 minutes away in spring (not 170) and 170 in autumn.
    if (!f.relative && a > 0) a = realMinutesAway(timezone, now, a);
    if (a < away) {
      away = a;
      awayDay = onDay;
    }
    if (f.minutes !== null && a < timed) timed = a;
    const spanAt = Math.min(f.at, clockDay.get(f)?.at ?? f.at);
    if (first < 0 || spanAt < first) first = spanAt;
    last = Math.max(last, f.end, clockDay.get(f)?.end ?? f.end);
  }
  if (first < 0) return null;
  if (away > horizonHours * 60) return null;
  const from = first > 0 && (toks[first - 1] === 'by' || toks[first - 1] === 'before' || toks[first - 1] === 'until' || toks[first - 1] === 'at' || toks[first - 1] === 'on') ? first - 1 : first;
  return { words: toks.slice(from, last + 1).join(' '), minutesAway: away, day: awayDay, ...(timed !== Infinity ? { timeMinutesAway: timed } : {}) };
}
