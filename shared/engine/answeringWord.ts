/**
 * Session 14 (review debt, README "Not finished"): a button's label or synonym found INSIDE a longer sentence counts as
 * the customer's answer only where the sentence answers with it. matchButton used to take any whole-word occurrence:
 * "I don't want to track it, I want it cancelled" at the main menu picked "Track my order" (synonym "track"), and "No, I
 * want to cancel" at "Anything else? [Yes] [No, that's all]" picked "No, that's all" and went to the rating, losing the
 * cancellation.
 *
 * The rules (the text equal to the name is not read here: it always answers):
 * 1. Negated: a name (any length) right after a negation in its clause, with at most four linking words between, does
 *    not count: "I don't want to track it", "not the returns", "I no longer want to send it back", "returns instead of
 *    tracking", "rather than an exchange". Clauses end at punctuation and at "but" / "instead" / "actually" / "rather",
 *    so "not tracking but returns" counts "returns" and "I don't know, where is my order" counts "where is my order".
 * 2. A second request after it: a short name (one or two words: "no", "no thanks", "yes please", "track") followed later in the message by
 *    another request ("I want to ...", "I'd like ...", "can you ...", "please ...") that says something (not only "to
 *    go", "that", "help") and names nothing of the same button: "No, I want to cancel", "yes, can you change my address".
 *    "yes I want to talk to a person" (the same button's "a person") and "no thanks, I'm fine" still count. A question
 *    ("no thanks, but where is my order?") or a contrary instruction ("yes, but cancel NW-555555 instead") is one too.
 * 3. A name starting with a yes word followed by a negation is not a clear yes: "yes please don't" (hostile s14 H#7); "yes, no problem" is.
 * 4. "no problem" / "no worries" after a yes word is part of the yes, not a No (agreeingNo).
 * 5. A name followed by a time it is put off to ("cancel it later", "next week", "once ...", "after ...") does not answer
 *    now (deferredAfter).
 * Such text matches no button by that name, so the block does what it does with text that matches none: a router wired
 * to its fallback reads the message ("I want it cancelled" reaches the cancellation), or the block asks again.
 * Pure; reads the raw text, because punctuation tells clauses apart ("No, I want..." / "no one").
 */
import { isBareReply, wholeOfferAnswer } from '../nlu/bareReplies';
import { normalizeText } from '../nlu/normalizeText';

const CLAUSE_BREAK = /[,.;:!?\n\r()[\]{}"\u2026]+|\s[-\u2013\u2014]+\s/;
/** Words that start a new clause inside a sentence without punctuation ("not tracking but returns"). */
const CLAUSE_START: ReadonlySet<string> = new Set(['but', 'instead', 'actually', 'rather', 'although', 'though', 'except']);
/** Negations as normalizeText spells them ("don't" -> "do not", "can't" -> "cannot", "won't" -> "will not"). */
const NEGATORS: ReadonlySet<string> = new Set(['not', 'never', 'cannot', 'without', 'no', 'nor', 'neither']);
/** Words allowed between a negation and the name it negates ("do not WANT TO track", "not THE returns"). */
const LINKING: ReadonlySet<string> = new Set([
  'want', 'wanted', 'wanting', 'to', 'need', 'needed', 'like', 'would', 'going', 'have', 'be', 'i', 'it', 'a', 'an', 'the', 'my',
  'any', 'really', 'even', 'just', 'try', 'trying', 'me', 'you', 'wish', 'mean', 'ever', 'this', 'that', 'do', 'did', 'does',
  'will', 'can', 'could', 'should', 'asking', 'ask', 'for', 'about', 'so', 'much', 'more', 'am', 'is', 'are', 'was', 'get',
]);
/** The word before a name that negates it only after a first word: "no longer", "instead of", "rather than". */
const NEGATING_PAIRS: ReadonlyArray<[string, string]> = [['no', 'longer'], ['instead', 'of'], ['rather', 'than']];

/** Imperatives that open a request of their own in a shop chat. */
const IMPERATIVES_LIST = ['cancel', 'return', 'track', 'change', 'refund', 'send', 'check', 'update', 'stop', 'book', 'exchange', 'replace', 'reorder', 'resend'];
const IMPERATIVES: readonly string[] = IMPERATIVES_LIST;
/** Openers of a request, as normalised words. */
const REQUEST_OPENERS: readonly string[][] = [
  ['i', 'want'], ['i', 'would', 'like'], ['id', 'like'], ['i', 'would', 'rather'], ['i', 'need'], ['i', 'wish'], ['i', 'am', 'trying', 'to'],
  ['i', 'am', 'looking', 'to'], ['i', 'just', 'want'], ['i', 'really', 'want'], ['i', 'only', 'want'], ['can', 'you'], ['could', 'you'],
  ['would', 'you'], ['will', 'you'], ['can', 'i'], ['could', 'i'], ['may', 'i'], ['how', 'do', 'i'], ['how', 'can', 'i'], ['please'],
  ['help', 'me'], ['let', 'me'],
  // Session 14 (hostile s14 H#18, H#6): a question or a contrary instruction after the answer word ("no thanks, but where
  // is my order NW-104233?", "No worries, one more question: returns?", "yes, but cancel NW-555555 instead").
  ['where'], ['when'], ['what'], ['how'], ['why'], ['which'], ['who'], ['do', 'you'], ['does'], ['is', 'there'], ['are', 'you'],
  ['one', 'more'], ['another', 'question'], ['also'], ['but'], ['instead'], ['actually'], ['rather'],
  // Session 15 (hostile s15 H#18): an exception after a yes is a contrary instruction like "but" ("yes, except the house
  // number is 14", "yes apart from the postcode, LS1 4AC").
  ['except'], ['apart', 'from'], ['other', 'than'], ['save', 'for'],
  // Session 15 (hostile s15 H#21): an imperative a shop chat is about, opening a later clause ("no thanks, cancel it
  // after all", "no. Cancel NW-104233 after all"): read only after the name, in a later clause (laterRequest).
  ...IMPERATIVES.map((v) => [v]),
];
/** Words that say yes (normalised); a yes followed by a negation is not a clear yes ("yes please don't": H#7). */
const YES_LIKE: ReadonlySet<string> = new Set(['yes', 'ok', 'sure', 'y', 'yeah', 'correct', 'right', 'fine', 'alright']);
const NEGATION_AFTER_YES: ReadonlySet<string> = new Set(['not', 'never', 'no', 'cannot', 'dont', 'stop', 'wait']);
/** "yes, no problem", "yes no worries": a negation that does not take the yes back. */
const HARMLESS_AFTER_NEGATION: ReadonlySet<string> = new Set(['problem', 'problems', 'worries', 'worry', 'doubt', 'rush', 'hurry', 'question']);
/** Words a request may hold and still say nothing new ("yes I'd like that", "no thanks, I want to go now"). */
const SAYS_NOTHING: ReadonlySet<string> = new Set([
  ...LINKING, 'that', 'it', 'this', 'one', 'those', 'them', 'else', 'nothing', 'anything', 'something', 'help', 'thanks', 'thank',
  'know', 'now', 'please', 'all', 'fine', 'ok', 'good', 'go', 'leave', 'stop', 'done', 'finished', 'bye', 'goodbye', 'today',
  'with', 'of', 'in', 'on', 'at', 'there', 'here', 'some', 'and', 'or', 'then', 'as', 'well', 'too', 'also', 'very', 'not',
  'no', 'yes', 'thing', 'things', 'that', 'way', 'now', 'please', 'continue', 'carry', 'on', 'proceed', 'same', 'we', 'us',
]);

/** The message as clauses of normalised words. */
function clausesOf(raw: string): string[][] {
  const out: string[][] = [];
  for (const part of raw.split(CLAUSE_BREAK)) {
    const n = normalizeText(part);
    if (!n) continue;
    let cur: string[] = [];
    for (const w of n.split(' ')) {
      if (CLAUSE_START.has(w) && cur.length > 0) {
        out.push(cur);
        cur = [];
      }
      cur.push(w);
    }
    if (cur.length > 0) out.push(cur);
  }
  return out;
}

function startsAt(words: readonly string[], at: number, seq: readonly string[]): boolean {
  if (at + seq.length > words.length) return false;
  for (let k = 0; k < seq.length; k++) if (words[at + k] !== seq[k]) return false;
  return true;
}

/** Whether the occurrence of a name starting at `at` in `clause` is negated (rule 1). */
function negated(clause: readonly string[], at: number): boolean {
  let gap = 0;
  for (let k = at - 1; k >= 0; k--) {
    const w = clause[k];
    for (const [first, second] of NEGATING_PAIRS) if (w === second && k > 0 && clause[k - 1] === first) return true;
    if (NEGATORS.has(w)) return true;
    if (!LINKING.has(w) || ++gap > 4) return false;
  }
  return false;
}

/**
 * Whether, after position (clause c, word at), the message makes a request that says something and names nothing of
 * `sameChoice` (rule 2).
 */
function laterRequest(clauses: readonly string[][], c: number, at: number, sameChoice: readonly string[]): boolean {
  for (let i = c; i < clauses.length; i++) {
    const words = clauses[i];
    for (let k = i === c ? at : 0; k < words.length; k++) {
      const opener = REQUEST_OPENERS.find((o) => startsAt(words, k, o));
      if (opener === undefined) continue;
      // Session 16 (hostile s16 H#23): a negated request is none ("no thanks, and please don't cancel my other order
      // NW-555555" asked to cancel it): "not" / "never" right before the opener, or right after "please".
      if (negatedAt(words, k) || (opener.length === 1 && opener[0] === 'please' && negatedAt(words, k + 2 < words.length && words[k + 1] === 'do' ? k + 3 : k + 2))) continue;
      // The request runs to the end of the message.
      const rest = [words.slice(k), ...clauses.slice(i + 1)].map((ws) => ws.join(' ')).join(' ');
      const restWords = rest.split(' ').slice(opener.length);
      if (restWords.every((w) => SAYS_NOTHING.has(w))) continue;
      const padded = ` ${rest} `;
      if (sameChoice.some((n) => padded.includes(` ${n} `))) return false;
      return true;
    }
  }
  return false;
}

/**
 * Rule 2b (session 41, travel2, hostile s41 M3): a closing ("no thanks", "thanks", "that's all", "bye") with a contrast
 * after it ("but", "though", "although", "however") and words that say something ("no thanks, my bag is lost though",
 * "thanks, but the gate has changed") is no closing: what follows the contrast is a problem or a new request (it ended
 * the chat, "Have a good flight!", and the lost bag was dropped). Courtesy after the contrast ("no thanks, but thanks for
 * your help", "that's all, thanks though") still closes.
 */
const CLOSING_NAME_WORDS: ReadonlySet<string> = new Set([
  'no', 'nope', 'nah', 'thanks', 'thank', 'you', 'cheers', 'ta', 'that', 'is', 'all', 'it', 'everything', 'bye', 'goodbye',
  'ok', 'okay', 'fine', 'good', 'i', 'am', 'im', 'nothing', 'else', 'done', 'great',
]);
const CONTRASTS: ReadonlySet<string> = new Set(['but', 'though', 'although', 'however', 'tho']);
/** Courtesy and praise that may follow a contrast in a closing ("but thanks for your help", "you have been great though"). */
const COURTESY_AFTER: ReadonlySet<string> = new Set([
  ...SAYS_NOTHING, ...CONTRASTS, 'your', 'been', 'great', 'helpful', 'help', 'appreciated', 'appreciate', 'lovely', 'kind',
  'nice', 'day', 'good', 'brilliant', 'perfect', 'super', 'really', 'info', 'information', 'answer', 'anyway', 'again',
  'cheers', 'ta', 'bye', 'goodbye', 'time', 'evening', 'afternoon', 'morning', 'weekend', 'flight', 'trip', 'all', 'is',
]);
function closingName(nameWords: readonly string[]): boolean {
  return nameWords.length > 0 && nameWords.every((w) => CLOSING_NAME_WORDS.has(w)) && nameWords.some((w) => w !== 'i' && w !== 'am' && w !== 'is' && w !== 'it' && w !== 'that');
}
function contrastedProblem(clauses: readonly string[][], c: number, end: number): boolean {
  const after = [clauses[c].slice(end), ...clauses.slice(c + 1)].flat();
  if (!after.some((w) => CONTRASTS.has(w))) return false;
  return after.some((w) => !COURTESY_AFTER.has(w));
}

/** Whether the word before position k negates what starts there ("do not cancel", "never cancel", "dont"). */
function negatedAt(words: readonly string[], k: number): boolean {
  const prev = words[k - 1];
  return prev === 'not' || prev === 'never' || prev === 'dont';
}

/** Whether a clause after clause c opens with "but". */
function butLater(clauses: readonly string[][], c: number): boolean {
  for (let i = c + 1; i < clauses.length; i++) if (clauses[i][0] === 'but') return true;
  return false;
}

/** Whether a negation follows a yes word at (clause c, word at), outside a name of the same choice (rule 3). */
function negationAfter(clauses: readonly string[][], c: number, at: number, sameChoice: readonly string[]): boolean {
  const rest = [clauses[c].slice(at), ...clauses.slice(c + 1)].map((ws) => ws.join(' ')).join(' ');
  let cleaned = ` ${rest} `;
  for (const n of sameChoice) if (n.split(' ').some((w) => NEGATION_AFTER_YES.has(w))) cleaned = cleaned.split(` ${n} `).join(' ');
  const words = cleaned.trim().split(' ');
  // Session 17 (hostile s17 H#31): "sure, why not" agrees.
  return words.some((w, i) => NEGATION_AFTER_YES.has(w) && !HARMLESS_AFTER_NEGATION.has(words[i + 1] ?? '') && !(w === 'not' && words[i - 1] === 'why'));
}

/**
 * Rule 4 (session 15, hostile s14 rest): "no problem", "no worries", "no rush" after a yes word earlier in the message
 * agree with it ("yes, no problem", "sure, no worries"): that "no" is no refusal, so a No button's "no" does not count
 * there (both buttons matched and the question was asked again). Alone ("no worries") it is read as before.
 */
function agreeingNo(clauses: readonly string[][], c: number, at: number, nameWords: readonly string[], next: string | undefined): boolean {
  if (nameWords.length !== 1 || !REFUSING_NO.has(nameWords[0]) || next === undefined || !HARMLESS_AFTER_NEGATION.has(next)) return false;
  for (let i = 0; i <= c; i++) {
    const words = clauses[i];
    for (let k = 0; k < (i === c ? at : words.length); k++) if (YES_LIKE.has(words[k])) return true;
  }
  return false;
}
const REFUSING_NO: ReadonlySet<string> = new Set(['no', 'nope', 'nah']);

/**
 * Rule 5 (session 15, hostile s15 H#6, HIGH): a name followed later in the message by a time it is put off to ("cancel it
 * later", "cancel it next week", "yes please, once my replacement arrives", "after the weekend", "tomorrow") does not
 * answer now: "no, I want to cancel it later" at "shall I cancel order NW-104233?" stopped the order at once. "after
 * all" and "as soon as" are not put off.
 */
const DEFERRING: ReadonlySet<string> = new Set(['later', 'tomorrow', 'tonight', 'next', 'once', 'until', 'till', 'eventually', 'afterwards', 'after']);
/**
 * Session 17 (hostile s16 H#6): any time later than now puts the answer off too, not only the words above: a day of
 * the week or the weekend ("yes, on Monday"), "in 2 hours" / "in a few days", a clock time ("at 5pm", "17:30") and a
 * day of a month ("on the 5th", "5 December"). A day or time given as a deadline ("before Monday", "by 5pm") or in
 * the past ("last Friday") is not.
 */
const DAYS: ReadonlySet<string> = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'weekend', 'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun']);
const MONTHS: ReadonlySet<string> = new Set(['january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec']);
const SPANS: ReadonlySet<string> = new Set(['minute', 'minutes', 'min', 'mins', 'hour', 'hours', 'hr', 'hrs', 'day', 'days', 'week', 'weeks', 'month', 'months', 'fortnight']);
const COUNTS: ReadonlySet<string> = new Set(['a', 'an', 'one', 'two', 'three', 'four', 'five', 'six', 'ten', 'few', 'couple', 'half', 'several']);
const DEADLINE_OR_PAST: ReadonlySet<string> = new Set(['before', 'by', 'last', 'ago', 'since', 'from', 'previous']);
const CLOCK = /^(?:\d{1,2}(?:am|pm)|\d{1,2}:\d{2}(?:am|pm)?|\d{1,2}[h.]\d{2})$/;
const DAY_NUMBER = /^\d{1,2}(?:st|nd|rd|th)?$/;
/** Whether a time later than now starts at words[k] (the words above, read in their place). */
function laterTimeAt(words: readonly string[], k: number): boolean {
  const w = words[k];
  const prev = words[k - 1];
  if (prev !== undefined && DEADLINE_OR_PAST.has(prev)) return false;
  if (DEFERRING.has(w)) {
    if (w === 'after' && (words[k + 1] === 'all' || words[k + 1] === undefined)) return false;
    if (w === 'next' && words[k + 1] === undefined) return false;
    return true;
  }
  if (DAYS.has(w)) {
    if (words[k + 1] === 'ago') return false;
    if (WORD_LIKE_DAYS.has(w) && !(prev !== undefined && DAY_LEAD.has(prev))) return false;
    return !pastAround(words, k);
  }
  if (!timeAt(words, k, w, prev)) return false;
  return !pastAround(words, k);
}
/** The clock times, spans, dates and "on the 5th" of laterTimeAt (days of the week are read there). */
function timeAt(words: readonly string[], k: number, w: string, prev: string | undefined): boolean {
  const next = words[k + 1];
  if (CLOCK.test(w) || (/^\d{1,2}$/.test(w) && (next === 'pm' || next === 'am' || ((next === 'p' || next === 'a') && words[k + 2] === 'm')))) return true;
  if (w === 'in' && next !== undefined && (COUNTS.has(next) || /^\d+$/.test(next))) {
    for (let j = k + 2; j <= k + 4 && j < words.length; j++) if (SPANS.has(words[j])) return true;
  }
  if (MONTHS.has(w)) {
    const dayAfter = DAY_NUMBER.test(next ?? '');
    const dayBefore = DAY_NUMBER.test(prev ?? '') ? k - 1 : prev === 'of' && DAY_NUMBER.test(words[k - 2] ?? '') ? k - 2 : -1;
    if (!dayAfter && dayBefore < 0) return false;
    const before = words[(dayBefore >= 0 ? dayBefore : k) - 1];
    return before === undefined || !DEADLINE_OR_PAST.has(before);
  }
  return w === 'the' && prev === 'on' && /^\d{1,2}(?:st|nd|rd|th)$/.test(next ?? '');
}
/**
 * Session 17 (review revcore item 3): a day or a time the customer tells of in the past is no time the answer is put off
 * to: "yes, it came on monday", "yes, I ordered it on Monday", "yes, in 2 days it was there" answered at once. The verb
 * nearest before the time decides (an action still to do, "cancel it on Monday", "I want it on Monday", is later; a
 * past one, "it came on Monday", is not); with no verb before it, a past verb in the few words after it ("in 2 days it
 * was there"). Short day forms that are ordinary words ("yes, sat on it", "the sun one") are days only after "on",
 * "this", "next", "till", "until" or "every".
 */
const WORD_LIKE_DAYS: ReadonlySet<string> = new Set(['sat', 'sun', 'wed', 'mon']);
const DAY_LEAD: ReadonlySet<string> = new Set(['on', 'this', 'next', 'till', 'until', 'every', 'coming']);
const PAST_VERBS: ReadonlySet<string> = new Set([
  'came', 'got', 'was', 'were', 'went', 'did', 'had', 'sent', 'bought', 'paid', 'left', 'saw', 'said', 'told', 'took',
  'made', 'gave', 'brought', 'found', 'arrived', 'ordered', 'received', 'delivered', 'showed', 'shown', 'gotten',
  'been', 'rang', 'spoke', 'wrote', 'heard', 'met', 'put', 'became', 'dropped', 'shipped', 'dispatched',
]);
/** Words ending in -ed that are no past tense, or point forward ("supposed to", "scheduled for"). */
const NOT_PAST_ED: ReadonlySet<string> = new Set([
  'need', 'feed', 'speed', 'seed', 'indeed', 'proceed', 'exceed', 'succeed', 'bed', 'red', 'wed', 'shed', 'bleed',
  'breed', 'weed', 'ed', 'fred', 'ned', 'ted', 'supposed', 'scheduled', 'planned', 'expected', 'used', 'booked', 'prepared',
]);
const ACTION_VERBS: ReadonlySet<string> = new Set([
  'cancel', 'do', 'send', 'change', 'return', 'refund', 'ship', 'deliver', 'process', 'stop', 'book', 'arrange', 'call',
  'collect', 'pick', 'come', 'will', 'shall', 'gonna', 'going', 'can', 'could', 'would', 'should', 'please', 'want',
  'wanna', 'need', 'like', 'prefer', 'rather', 'let', 'lets', 'make', 'ill', 'hold', 'wait', 'keep', 'be',
]);
function isPastVerb(w: string): boolean {
  return PAST_VERBS.has(w) || (w.length > 3 && w.endsWith('ed') && !NOT_PAST_ED.has(w));
}
const PAST_REACH = 8;
function pastAround(words: readonly string[], k: number): boolean {
  // At most PAST_REACH words either way: the scan runs for each time word, so it stays linear in the message.
  for (let j = k - 1; j >= 0 && j >= k - PAST_REACH; j--) {
    if (isPastVerb(words[j])) return true;
    if (ACTION_VERBS.has(words[j])) return false;
  }
  for (let j = k + 1; j <= k + 4 && j < words.length; j++) {
    if (ACTION_VERBS.has(words[j])) return false;
    if (isPastVerb(words[j])) return true;
  }
  return false;
}
/**
 * Session 20 (newcomer s19 F6): a time that follows another request belongs to that request, not to the choice before
 * it: "no - don't cancel, I'd rather return it once it arrives" keeps the order (it was "I can only do this now, not
 * later" and the question again); "yes cancel it once it arrives" is still put off. The verbs of another request, unless
 * the choice's own name holds the same verb.
 */
const OTHER_REQUEST_VERBS: ReadonlySet<string> = new Set([
  'return', 'send', 'change', 'refund', 'ship', 'deliver', 'book', 'collect', 'exchange', 'swap', 'keep', 'track', 'resend', 'redirect', 'reorder', 'order',
]);
function deferredAfter(clauses: readonly string[][], c: number, end: number, nameWords: readonly string[] = []): boolean {
  for (let i = c; i < clauses.length; i++) {
    const words = clauses[i];
    for (let k = i === c ? end : 0; k < words.length; k++) {
      if (OTHER_REQUEST_VERBS.has(words[k]) && !nameWords.includes(words[k])) return false;
      if (laterTimeAt(words, k)) return true;
    }
  }
  return false;
}
/**
 * Whether the whole message is an answer put off without naming a choice: it opens with "not", "no", "maybe" or
 * "later" and names a time later than now ("not until next week", "not now, maybe next week", "maybe on Monday").
 * A question that only holds such a word ("And how long until it's processed?") is none.
 */
const PUTTING_OFF: ReadonlySet<string> = new Set(['not', 'no', 'maybe', 'later', 'perhaps']);
export function putOffAnswer(raw: string): boolean {
  const clauses = clausesOf(raw);
  return clauses.length > 0 && PUTTING_OFF.has(clauses[0][0]) && deferredAfter(clauses, 0, 0);
}

/**
 * Rule 6 (session 16, hostile s16 H#25): a later clause that takes the answer back ("yes, cancel it. no, keep it", "yes
 * cancel it - NO WAIT", "yes, cancel it, no wait, don't"): it opens with "wait", "stop", "don't" / "do not", or with a
 * "no" that stands alone in its clause or is followed by "wait", "keep", "leave", "stop", "don't" / "do not". The last
 * decision counts: the name before it does not answer (a choice named after it still can). A "no" opening something
 * else ("yes, cancel it, no I don't need it any more", "no rush") takes nothing back.
 */
const RETRACTING_AFTER_NO: ReadonlySet<string> = new Set(['wait', 'keep', 'leave', 'stop', 'dont']);
function retractedAfter(clauses: readonly string[][], c: number, end: number): boolean {
  // In the name's own clause (commas are no clause break): "no" then a retracting word ("yes cancel it, no wait").
  const own = clauses[c];
  for (let k = end; k + 1 < own.length; k++) if (own[k] === 'no' && (RETRACTING_AFTER_NO.has(own[k + 1]) || (own[k + 1] === 'do' && own[k + 2] === 'not'))) return true;
  // Session 18 (hostile s18 H#8): a pause right after it in the same clause ("yes hang on", "yes wait a moment").
  if (pausesAt(own, skipFillers(own, end))) return true;
  for (let i = c + 1; i < clauses.length; i++) {
    // Session 17 (hostile s17 H#7): after "actually", "sorry", "oh", "hmm", "on second thought" ("yes, cancel it.
    // Actually don't", "yes cancel it... actually no"), and "never mind" ("cancel it. never mind, keep it").
    let s = 0;
    const w = clauses[i];
    while (s < w.length && (RETRACT_FILLERS.has(w[s]) || (w[s] === 'on' && w[s + 1] === 'second'))) s += w[s] === 'on' ? 3 : 1;
    const first = w[s];
    if (first === 'wait' || first === 'stop' || first === 'dont' || (first === 'do' && w[s + 1] === 'not')) return true;
    if ((first === 'never' && w[s + 1] === 'mind') || (first === 'scratch' && w[s + 1] === 'that')) return true;
    if (first === 'no' && (w.length === s + 1 || RETRACTING_AFTER_NO.has(w[s + 1]) || (w[s + 1] === 'do' && w[s + 2] === 'not'))) return true;
    if (pausesAt(w, skipFillers(w, s))) return true;
  }
  return false;
}

/** Whether the clause of the name (after it) or a later clause opens with a pause (pausesAt). */
function pausedAfter(clauses: readonly string[][], c: number, end: number): boolean {
  if (pausesAt(clauses[c], skipFillers(clauses[c], end))) return true;
  for (let i = c + 1; i < clauses.length; i++) if (pausesAt(clauses[i], skipFillers(clauses[i], 0))) return true;
  return false;
}

function skipFillers(w: readonly string[], from: number): number {
  let s = from;
  while (s < w.length && (RETRACT_FILLERS.has(w[s]) || w[s] === 'just')) s++;
  return s;
}

/**
 * Session 18 (hostile s18 H#8): a clause that puts the decision on hold takes it back: "hold on", "hang on", "one sec",
 * "just a sec", "a moment", "give me a minute", "let me check / think / ask ...", "(I) changed my mind" ("yes. hold on",
 * "Yes, cancel it. Let me check with my wife first", "yes cancel it. changed my mind" cancelled the order).
 */
const PAUSE_UNITS: ReadonlySet<string> = new Set(['sec', 'secs', 'second', 'seconds', 'moment', 'min', 'minute', 'mo', 'tick']);
const LET_ME: ReadonlySet<string> = new Set(['check', 'think', 'ask', 'see', 'talk', 'speak', 'confirm', 'double', 'look', 'have', 'just', 'first']);
function pausesAt(w: readonly string[], s: number): boolean {
  const a = w[s];
  const b = w[s + 1];
  if (a === undefined) return false;
  if ((a === 'hold' || a === 'hang') && (b === 'on' || b === 'up')) return true;
  if ((a === 'one' || a === 'a') && PAUSE_UNITS.has(b ?? '')) return true;
  if (a === 'give' && b === 'me' && (w[s + 2] === 'a' || w[s + 2] === 'one') && PAUSE_UNITS.has(w[s + 3] ?? '')) return true;
  if (a === 'wait' || a === 'hmm' || a === 'hm') return true;
  if ((a === 'let' && b === 'me' && LET_ME.has(w[s + 2] ?? '')) || (a === 'lemme' && LET_ME.has(b ?? ''))) return true;
  const m = a === 'i' ? s + 1 : s;
  if ((w[m] === 'changed' || (w[m] === 'have' && w[m + 1] === 'changed')) && w.includes('mind')) return true;
  return false;
}
const RETRACT_FILLERS: ReadonlySet<string> = new Set(['actually', 'sorry', 'oh', 'hmm', 'hm', 'um', 'erm', 'uh', 'well']);

/**
 * Why a name inside a longer sentence does or does not answer (rules 1-6): `answers`, or the rule that held it back.
 * `deferred` (a time later than now follows it), `retracted` (a later clause takes it back) and `unclear` (a yes then
 * a negation) are answers held back: the customer chose, but not now or not clearly (Buttons asks again, session 17).
 */
export type AnswerVerdict = 'answers' | 'negated' | 'request' | 'unclear' | 'agreeing' | 'deferred' | 'retracted';

/** The verdict on the name starting at (clause c, word k), rules 1-6 in order. */
function verdictAt(clauses: readonly string[][], c: number, k: number, nameWords: readonly string[], sameChoice: readonly string[]): AnswerVerdict {
  const words = clauses[c];
  const end = k + nameWords.length;
  if (negated(words, k)) return 'negated';
  // "please do not", "cancel it not": the name taken back by the word right after it.
  if (words[end] === 'not' || words[end] === 'never') return 'negated';
  // Session 18 (hostile s18 H#8): a pause after it ("yes. let me think") holds it back before "let me ..." reads as a request.
  if (!REFUSING_NO.has(nameWords[0]) && pausedAfter(clauses, c, end)) return 'retracted';
  // Session 15 (hostile s15 H#21): a longer name too when a later clause opens with "but" ("No, that's all, but cancel it").
  if ((nameWords.length <= 2 || butLater(clauses, c)) && laterRequest(clauses, c, end, sameChoice)) return 'request';
  if (closingName(nameWords) && contrastedProblem(clauses, c, end)) return 'request';
  if (YES_LIKE.has(nameWords[0]) && negationAfter(clauses, c, end, sameChoice)) return 'unclear';
  if (agreeingNo(clauses, c, k, nameWords, words[end])) return 'agreeing';
  return putOff(clauses, c, end, nameWords);
}

/** Rules 5 and 6 after a name ending at (clause c, word end). */
function putOff(clauses: readonly string[][], c: number, end: number, nameWords: readonly string[]): AnswerVerdict {
  if (deferredAfter(clauses, c, end, nameWords)) return 'deferred';
  if (!REFUSING_NO.has(nameWords[0]) && retractedAfter(clauses, c, end)) return 'retracted';
  return 'answers';
}

/**
 * The verdict on the normalised `name` (a label or synonym) inside the customer's longer `raw` text. `sameChoice`:
 * every normalised name and synonym of the same button (a later request naming one of them agrees).
 */
export function answerVerdict(raw: string, name: string, sameChoice: readonly string[]): AnswerVerdict {
  const nameWords = name.split(' ');
  const clauses = clausesOf(raw);
  let found: AnswerVerdict | null = null;
  for (let c = 0; c < clauses.length; c++) {
    const words = clauses[c];
    for (let k = 0; k + nameWords.length <= words.length; k++) {
      if (!startsAt(words, k, nameWords)) continue;
      const v = verdictAt(clauses, c, k, nameWords, sameChoice);
      if (v === 'answers') return v;
      // The strongest reason to hold back is kept: a choice put off or taken back (asked again) over the others.
      if (found === null || v === 'deferred' || (v === 'retracted' && found !== 'deferred')) found = v;
    }
  }
  if (found !== null) return found;
  // Not found clause by clause (a name spanning punctuation, "where is my order?!", "No, that's all", "Yes, cancel
  // it"): the whole text found it; keep it, unless a later clause opens with "but" and a request ("No, that's all, but
  // cancel it": H#21), or (session 17, hostile s16 H#6, H#25) a time later than now or a taking back follows it ("yes,
  // cancel it later today", "yes, cancel it, no wait, don't" were read as "Yes, cancel it").
  const at: Array<[number, number]> = [];
  clauses.forEach((ws, c) => ws.forEach((_, k) => at.push([c, k])));
  const all = clauses.flat();
  for (let f = 0; f + nameWords.length <= all.length; f++) {
    if (!startsAt(all, f, nameWords)) continue;
    const [c, k] = at[f + nameWords.length - 1];
    if (closingName(nameWords) && contrastedProblem(clauses, c, k + 1)) return 'request';
    const v = putOff(clauses, c, k + 1, nameWords);
    if (v !== 'answers') return v;
  }
  const but = clauses.findIndex((ws, i) => i > 0 && ws[0] === 'but');
  return but >= 0 && laterRequest(clauses, but, 0, sameChoice) ? 'request' : 'answers';
}

/** Whether the normalised `name` found inside `raw` answers with it (answerVerdict is `answers`). */
export function answersWithin(raw: string, name: string, sameChoice: readonly string[]): boolean {
  return answerVerdict(raw, name, sameChoice) === 'answers';
}

/** Whether a verdict is an answer held back (put off, taken back, or a yes then a no): the block should ask again. */
export function heldBack(v: AnswerVerdict): v is 'deferred' | 'retracted' | 'unclear' {
  return v === 'deferred' || v === 'retracted' || v === 'unclear';
}

/** Words that make up a leading answer before a request ("no thanks,", "ok.", "yes please -", "cheers,"). */
const LEADING_ANSWER_WORDS: ReadonlySet<string> = new Set(['no', 'yes', 'ok', 'thanks', 'thank', 'you', 'worries', 'please', 'cheers', 'fine', 'good', 'great', 'sure', 'cool', 'ta']);
/**
 * Session 45 (details4, retest s44 L4): a yes said as "go on" / "go ahead" / "sure thing" ("yeah go on, also do you
 * deliver to Ireland?" at "Would you like to talk to a person?": the yes was lost, the question answered alone).
 */
const GO_AHEAD = /^(?:(?:yeah|yes|yep|yup|ok|okay|sure|alright|right|oh)\s+)*(?:go\s+on|go\s+ahead|sure\s+thing|why\s+not|of\s+course|please\s+do)(?:\s+(?:then|please|thanks))*$/;
/** Whether a leading answer is a yes said as "go on" / "go ahead" (GO_AHEAD): a menu reads it as "yes". */
export function saysGoAhead(answer: string): boolean {
  return GO_AHEAD.test(normalizeText(answer).trim());
}
/** The longest leading answer read as one ("no thank you very much," is not). */
const LEADING_ANSWER_MAX_CHARS = 24;
/** A linking word after the break that belongs to neither part ("no thanks, BUT where is ..."). */
const LINK_AFTER_ANSWER = /^(?:but|and|also)\s+/i;
/** The clause breaks above, and a dash typed without spaces ("no\u2014where is it?"; a hyphen joins words: "no-one"). */
const ANSWER_BREAK = new RegExp(`${CLAUSE_BREAK.source}|[\u2013\u2014]+`);

/**
 * "A leading answer, then a request": the message split at its first clause break (the same breaks as the rules
 * above) when everything before the break is a bare answer ("no thanks", "ok", "yes please", "no worries") and
 * something follows it ("no thanks, but where is my order NW-104233?" -> answer "no thanks", request "where is my order
 * NW-104233?"). Null when the message does not start that way. Buttons forwards the request alone to its router when
 * the whole message was not understood (hostile s14 H#18).
 */
const NEGATED_REQUEST = /^(?:(?:and|but|so|also|just|please|pls|plz|then)[\s,]+)*(?:do\s*n[o'’]?t|dont|never|no\s+need\s+to)\b/i;

export function splitLeadingAnswer(raw: string): { answer: string; request: string } | null {
  const brk = ANSWER_BREAK.exec(raw);
  if (!brk || brk.index === 0) return null;
  const head = raw.slice(0, brk.index).trim();
  if (head.length === 0 || head.length > LEADING_ANSWER_MAX_CHARS || !/^[\p{L}' ]+$/u.test(head)) return null;
  const words = normalizeText(head).split(' ').filter(Boolean);
  // Session 46 (details5, retest s45 L3): a whole yes of the offer's list ("absolutely", "certainly", "definitely") too.
  if (words.length === 0 || !(isBareReply(words) || words.every((w) => LEADING_ANSWER_WORDS.has(w)) || GO_AHEAD.test(words.join(' ')) || wholeOfferAnswer(words.join(' ')) === true)) return null;
  const request = raw.slice(brk.index + brk[0].length).trim().replace(LINK_AFTER_ANSWER, '');
  // Something to read: at least three characters, not only more punctuation ("no thanks!!!", "ok...").
  if (request.length < 3 || !/[\p{L}\p{N}]/u.test(request)) return null;
  // Session 16 (hostile s16 H#23): a request the customer negates ("no thanks, and please don't cancel my other order
  // NW-555555") is no request: the answer stands alone (it asked to cancel NW-555555).
  if (NEGATED_REQUEST.test(request)) return null;
  return { answer: head, request };
}
