/**
 * Session 50 (emerg8, hostile s50 H1, H2, M1, M7): whether a word that says "not now" (long ago, over, a time to come, a
 * price, a maybe) is about the emergency a reader found, or about something else in the message. Until session 50 the
 * plain-words emergency readers (bodyNow via detectUrgency's notNow, hazardNow, threatNow) let one such word anywhere switch
 * the whole reading off: "the heater I bought from you yesterday is on fire", "my husband fell off the ladder and cannot
 * get up, he's in total agony", "someone is breaking in right now, please help at once", "could you help, there's a man at
 * my front door with a knife" were missed. One rule for the three readers:
 *  - the message is cut into clauses (the caller's punctuation pieces when it has the text, then at clause joiners "and",
 *    "but", "so", "because", "then", "please", a question word, and where a new subject pronoun starts after an object or an
 *    adverb: "threatening to kill me he was here last week");
 *  - a cue counts only in a clause that holds the reading's evidence (the words the reader returned);
 *  - inside that clause, a cue after the evidence counts ("I fell yesterday"); a cue before it counts only when it opens the
 *    clause ("yesterday my mum fell", "last winter the heater caught fire") or a past "was / were / had / did" stands between
 *    (a cue inside a description of the thing, "the heater I bought yesterday is on fire", "my nan, who is 90 next month,
 *    fell", is about the purchase or the person, not the emergency);
 *  - the cue words are read as what they mean: a month only as a date ("in May", "since March", "May 3rd", not "we may
 *    need"), "last" only before a span of time ("last week", not "the last time I order"), "once" not "at once", "ago" not
 *    "two minutes ago", "could / would" not a request to the reader ("could you help", "could someone"), "worried" only of
 *    what may happen ("worried he might come back", not "I'm worried, my ex is outside").
 * Pure: canonical tokens only.
 */

/** Words that begin a new clause (the cut falls before them). */
const JOIN = new Set(['and', 'but', 'so', 'because', 'cos', 'coz', 'though', 'although', 'then', 'while', 'plus', 'please', 'pls', 'plz', 'what', 'how', 'where', 'why', 'anyway', 'also', 'btw']);
const SUBJECT = new Set(['i', 'he', 'she', 'they', 'we']);
/** After one of these a subject pronoun starts a new sentence typed without a stop ("kill me he was here"). */
const ENDS_PHRASE = new Set(['me', 'us', 'him', 'them', 'you', 'now', 'here', 'there', 'up', 'out', 'today', 'too', 'again', 'fire', 'flames', 'help', 'quick', 'asap', 'lol', 'ok', 'okay', 'fine']);

/** The clauses of `pieces` (each a run of canonical tokens), cut again at joiners and new subjects. */
export function clausesIn(pieces: readonly (readonly string[])[]): string[][] {
  const out: string[][] = [];
  for (const p of pieces) {
    let cur: string[] = [];
    for (let i = 0; i < p.length; i++) {
      const t = p[i]!;
      const cut = cur.length > 0 && (JOIN.has(t) || (SUBJECT.has(t) && ENDS_PHRASE.has(p[i - 1] ?? '')));
      if (cut) {
        out.push(cur);
        cur = [];
      }
      cur.push(t);
    }
    if (cur.length > 0) out.push(cur);
  }
  return out;
}

const MONTHS = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec']);
const DATE_BEFORE = new Set(['in', 'since', 'of', 'early', 'late', 'mid', 'last', 'back', 'from', 'until', 'till', 'til', 'on', 'by', 'during', 'this', 'next', 'before', 'after']);
const SPAN = new Set(['night', 'nite', 'week', 'wk', 'weeks', 'weekend', 'month', 'months', 'year', 'yr', 'years', 'yrs', 'winter', 'summer', 'spring', 'autumn', 'fall', 'christmas', 'xmas', 'easter',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'few', 'couple', 'two', 'three', 'time', 'term', 'season', 'holiday', 'holidays', 'visit', 'order', 'january',
  'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']);
const MOMENTS = new Set(['minute', 'minutes', 'min', 'mins', 'second', 'seconds', 'sec', 'secs', 'moment', 'moments', 'just']);
const REQUEST_AFTER = new Set(['you', 'someone', 'somebody', 'anyone', 'anybody', 'u', 'ya', 'please']);
const MAYBE_AFTER = new Set(['if', 'that', 'about', 'might', 'could', 'may', 'will', 'would', 'in', 'incase', 'case', 'someone', 'somebody', 'they', 'it']);
const NUMBER = /^\d/;

/** Whether token `i` of clause `c` is used as the cue word it looks like (see the header). */
export function cueWordAt(c: readonly string[], i: number): boolean {
  const t = c[i]!;
  const prev = c[i - 1] ?? '';
  const next = c[i + 1] ?? '';
  if (MONTHS.has(t)) return DATE_BEFORE.has(prev) || NUMBER.test(next) || NUMBER.test(prev);
  if (t === 'last') return SPAN.has(next) && !(next === 'time' && (prev === 'the' || prev === 'this' || prev === 'my'));
  if (t === 'once') return prev !== 'at' && next !== 'again' && next !== 'more';
  if (t === 'ago') return !MOMENTS.has(prev) && !(MOMENTS.has(c[i - 2] ?? '') && prev !== 'days');
  if (t === 'could' || t === 'would' || t === 'can' || t === 'will') return !REQUEST_AFTER.has(next) && !(next === 'i' && /^(?:get|have|speak|talk)$/.test(c[i + 2] ?? ''));
  // A price: "the total", "in total", "total cost"; not "total agony", "total panic".
  if (t === 'total') return /^(?:the|a|in|grand|sub|my|your|our|their|running)$/.test(prev) || /^(?:of|cost|costs|price|bill|amount|charge|charged|is|was|came|comes|paid|due)$/.test(next);
  if (t === 'worried' || t === 'worry' || t === 'scared' || t === 'afraid') return c.slice(i + 1, i + 4).some((w) => MAYBE_AFTER.has(w));
  return true;
}

/** Words that may open a clause before a time cue ("back in march", "about two years ago", "on the 3rd of may"). */
const LEAD_IN = new Set(['back', 'in', 'on', 'at', 'about', 'around', 'like', 'over', 'during', 'before', 'a', 'an', 'the', 'few', 'couple', 'of', 'two', 'three', 'some', 'this', 'that', 'just', 'only', 'oh', 'hi', 'hey', 'well', 'um', 'so', 'and', 'but', 'then']);
const PAST_BE = new Set(['was', 'were', 'had', 'did', 'used']);
const STOP = new Set(['is', 'are', 's', 'am', 'was', 'were', 'be', 'been', 'the', 'a', 'an', 'my', 'his', 'her', 'our', 'their', 'your', 'me', 'him', 'us', 'them', 'to', 'of', 'on', 'in', 'at', 'can', 'not', 'up', 'and', 'or', 'it', 'he', 'she', 'they', 'we', 'i', 'you', 'is', 'has', 'have', 'with', 'no']);

/** The content words of a reader's evidence ("fell ... can not get up": fell, get). */
function evidenceWords(words: string): Set<string> {
  return new Set(words.split(/\s+/).filter((w) => w !== '...' && w.length > 1 && !STOP.has(w)));
}

/**
 * Whether a cue (`isCue(clause, index)`, then cueWordAt) is about the emergency whose evidence is `words`: it stands in a clause of
 * `pieces` (cut by clausesIn) holding the evidence, after the evidence, or opening the clause, or before it with a past
 * "was / were / had" between. With no evidence word found in any clause, a cue anywhere counts (the old reading).
 */
export function cueAboutEvidence(pieces: readonly (readonly string[])[], words: string, isCue: (c: readonly string[], i: number) => boolean): boolean {
  const ev = evidenceWords(words);
  const clauses = clausesIn(pieces);
  let found = false;
  for (const c of clauses) {
    const e = c.findIndex((t) => ev.has(t));
    if (e < 0) continue;
    found = true;
    for (let j = 0; j < c.length; j++) {
      if (!isCue(c, j) || !cueWordAt(c, j)) continue;
      if (j > e) return true;
      if (c.slice(0, j).every((t, k) => LEAD_IN.has(t) || NUMBER.test(t) || isCue(c, k))) return true;
      if (c.slice(j + 1, e).some((t) => PAST_BE.has(t))) return true;
    }
  }
  if (found) return false;
  return pieces.some((p) => p.some((_, i) => isCue(p, i) && cueWordAt(p, i)));
}

/** Whether a maybe-word (`isMaybe`) stands before token `at` in `at`'s clause of `toks` (a request or a feeling of now is none). */
export function maybeBeforeInClause(toks: readonly string[], at: number, isMaybe: (t: string) => boolean): boolean {
  let start = 0;
  for (let k = 1; k <= at; k++) if (JOIN.has(toks[k]!) || (SUBJECT.has(toks[k]!) && ENDS_PHRASE.has(toks[k - 1] ?? ''))) start = k;
  for (let k = start; k < at; k++) if (isMaybe(toks[k]!) && cueWordAt(toks, k)) return true;
  return false;
}
