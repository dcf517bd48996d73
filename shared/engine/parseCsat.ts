/**
 * Reads a 1..5 satisfaction score from what a customer typed: "4", "4/5", "4 out of 5", "five", "5 stars".
 * And tells a message that is clearly not a rating (`notARating`): the customer skipped the rating to ask or ask for
 * something else (newcomer s9 #1: "where is my order NW-104233?" at the rating prompt got "Please pick a number").
 */
import type { Entity } from '../nlu/types';
import { questionType } from '../escalation/questionConcepts';
import { matchesOf } from './matchesOf';

const WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5 };

/**
 * Session 17 (hostile s16 H#7): words before a score that say it is the customer's score ("I give it 1 star", "I'd give
 * it 2 stars", "just 1 star", "a solid 4/5", "my rating: 3 stars"). Before, only a score at the start was one, and "I
 * give it 1 star" was handed to a person as public shaming.
 */
const SCORE_LEAD = /^(?:(?:i|we)(?:'d|\u2019d| would| will|'ll|\u2019ll)?\s+(?:give|rate)(?:\s+(?:it|this|you|you guys|the chat|this chat|that|the bot|the service|this bot))?(?:\s+(?:a|an|just|only))?|(?:just|only|a solid|solid|maybe|probably|honestly|overall|i rate (?:it|this)|my rating(?: is)?|rating|that's|thats|that is|it's|its|it is|it was|that was|a)(?:\s*[:,-])?)\s*/;
const SCALED = /(?:^|[^\w/])([1-5]|one|two|three|four|five)\s*(?:\/\s*5|out of (?:5|five)|stars?|⭐+)(?![\w/])/g;
/** "... but 1 for the wait", "1 for the bot": a second score for something else. */
const SCORE_FOR = /(?:^|[^\w/])([1-5]|one|two|three|four|five)\s+for\s+(?:the|my|your|this|that)\b/g;

export function parseCsat(text: string): number | null {
  const whole = scoreOf(text);
  if (whole !== null || scoresIn(text.normalize('NFKC').toLowerCase()) > 1) return whole;
  // Session 17 (hostile s17 H#22): the score in a clause of its own anywhere ("get me a human, 1 star", "I give it a 1.
  // Now get me a human"), when exactly one clause is a score.
  const clauses = clausesOf(text);
  if (clauses.length < 2) return null;
  const scores = clauses.map(scoreOf).filter((x): x is number => x !== null);
  return scores.length === 1 ? scores[0] : null;
}

/**
 * A message's clauses, split at marks, and (session 24, hostile s17 #22 rest) a row of stars set apart by a space is a
 * clause of its own: "⭐ get me a human", "where is my order NW-230919 ⭐⭐⭐⭐⭐". A row right after a number is that
 * number's scale ("5 ⭐") and stays with it.
 */
function clausesOf(text: string): string[] {
  return text
    .replace(/(?<!(?:[1-5]|one|two|three|four|five)\s*)(?<=^|[\s,.;!?])([⭐★☆\uFE0F]+)(?=[\s,.;!?]|$)/giu, '\n$1\n')
    .split(/[,.;!?\n]+/)
    .map((c) => c.trim())
    .filter((c) => c.length > 0);
}

/** The score's own words at the start of a clause ("I give it 5 stars", "a 4/5", "⭐⭐⭐"), to cut from the rest. */
const SCORE_WORDS = new RegExp(`^(?:${SCORE_LEAD.source.slice(1)})?(?:a\\s+)?(?:(?:[1-5]|one|two|three|four|five)(?:\\s*(?:\\/\\s*5|out of (?:5|five)|stars?|⭐+))?|[⭐★☆\\s\\uFE0F]+)(?![\\w/])\\s*`, 'u');
/** Words that only join the rest to the score ("5 stars, AND cancel ...", "1 star. NOW get me a human"). */
const JOINERS = /^(?:(?:and|but|also|now|then|so|plus|oh|btw|by the way|anyway|one more thing)\b[\s,:;-]*)+/i;

/**
 * Session 24 (hostile s17 #22 rest, s18 #11): a score with something else beside it, "5 stars, and cancel order
 * NW-230919", "⭐ get me a human", "cancel NW-230919, 1 star": the score (parseCsat) and what the message says besides
 * it (`rest`, '' when nothing: "5 stars!!!" or a score in a clause of its own). The Rating block records the score and
 * acts on the rest when it is a request (csat.ts). Null when the message gives no score.
 */
export function ratingAndRest(text: string): { score: number; rest: string } | null {
  const score = parseCsat(text);
  if (score === null) return leadingScore(text);
  const clauses = clausesOf(text);
  const at = clauses.findIndex((c) => scoreOf(c) === score);
  if (at < 0) return { score, rest: '' };
  const own = clauses[at].normalize('NFKC').toLowerCase();
  const m = SCORE_WORDS.exec(own);
  const tail = m ? clauses[at].normalize('NFKC').slice(m[0].length).trim() : '';
  const rest = [...clauses.slice(0, at), tail, ...clauses.slice(at + 1)]
    .map((c) => c.replace(JOINERS, '').trim())
    .filter((c) => /[\p{L}\p{N}]/u.test(c))
    .join(', ');
  return { score, rest: rest !== '' && text.includes('?') && !rest.includes('?') ? `${rest}?` : rest };
}

function scoreOf(text: string): number | null {
  // NFKC: full-width digits ("１ star") are digits.
  const t = text.normalize('NFKC').trim().toLowerCase().replace(/[!.?]+$/, '');
  const m = /^(?:a\s+)?([1-5]|one|two|three|four|five)(?:\s*(?:\/\s*5|out of (?:5|five)|stars?|⭐+))?$/.exec(t);
  if (m) return WORDS[m[1]] ?? Number(m[1]);
  // A row of stars (hostile s11 #6): "⭐⭐⭐⭐⭐", "★★★★★", "★★★☆☆" (filled ones count), spaces allowed.
  const stars = t.replace(/[\s\uFE0F]+/g, '');
  if (stars !== '' && /^[⭐★☆]+$/u.test(stars)) {
    const all = [...stars];
    const filled = all.filter((c) => c !== '☆').length;
    return all.length <= 5 && filled >= 1 ? filled : null;
  }
  // A score with its scale, then a comment: "5 stars!!! Ann was great", "4/5, quick answer" (a bare "5 days late" is not).
  // The score, after words that say it is one ("I give it 1 star"); two scores for different things ("5 stars for the
  // agent but 1 for the wait") are none: the block asks for a number (H#7).
  const lead = SCORE_LEAD.exec(t);
  const from = lead ? t.slice(lead[0].length) : t;
  // After such words a bare score is one too ("I give it a 1", "I'd give it 4").
  const bare = lead ? /^(?:a\s+)?([1-5]|one|two|three|four|five)$/.exec(from) : null;
  if (bare) return WORDS[bare[1]] ?? Number(bare[1]);
  const said = /^(?:a\s+)?([1-5]|one|two|three|four|five)\s*(?:\/\s*5|out of (?:5|five)|stars?|⭐+)(?![\w/])/.exec(from);
  if (!said) return null;
  const score = WORDS[said[1]] ?? Number(said[1]);
  return scoresIn(t) > 1 ? null : score;
}

/** How many different scores the (lower-case) text gives, with their scale or "for the ..." ("5 stars ... 1 for the wait"). */
function scoresIn(t: string): number {
  const scores = new Set<number>();
  for (const re of [SCALED, SCORE_FOR]) for (const m of matchesOf(t, re)) scores.add(WORDS[m[1]] ?? Number(m[1]));
  return scores.size;
}

/** Entity kinds that name something the customer wants dealt with (an order, a link), never a score. */
const REQUEST_ENTITIES: ReadonlySet<Entity['type']> = new Set(['order_id', 'url', 'policy_number']);

/** Words a message needs before an understood intent says it is a request and not a comment on the chat. */
const MIN_REQUEST_WORDS = 3;

/** What `notARating` reads of a message (the engine's analysis of it, and the router's reading when one is wired). */
export interface RatingReplyFacts {
  /** The text as written. */
  text: string;
  /** Normalised text (lower case, no punctuation), as the NLU makes it. */
  normalized: string;
  tokens: readonly string[];
  entities: readonly Entity[];
  /** True when an intent router wired after the rating understood the message (an intent at or above its threshold). */
  understood: boolean;
}

/**
 * Whether a message at the rating prompt is clearly not a rating, so the customer is skipping it: a question ("where is
 * my order NW-104233?", "how do I return the jacket"), an order number or a link, or at least three words an
 * intent router understands ("I want to return my boots"). Not such a message: a score (`parseCsat`), and short or
 * unclear replies ("meh", "10", "good", "thanks", "hmm ok"): those are asked for a number once, as before.
 */
export function notARating(m: RatingReplyFacts): boolean {
  if (parseCsat(m.text) !== null) return false;
  if (m.entities.some((e) => REQUEST_ENTITIES.has(e.type))) return true;
  if (m.tokens.length === 0) return false;
  if (m.text.includes('?') || questionType(m.normalized) !== null) return true;
  return m.understood && m.tokens.length >= MIN_REQUEST_WORDS;
}

/** Words after a leading digit that make it a count, not a score ("2 orders are late", "5 days ago", "1 of them"). */
const COUNTED = /^(?:orders?|items?|days?|weeks?|months?|years?|hours?|hrs?|minutes?|mins?|seconds?|times?|parcels?|packages?|boxes?|pieces?|pairs?|people|persons?|euros?|pounds?|dollars?|quid|bucks|kg|kilos?|pm|am|o'?clock|of|out|or|to|more|less|x|st|nd|rd|th|%|percent|stars?)\b/i;

/**
 * Session 24 (hostile s24 #5): a bare score first, then something else: "1 get me a human", "5 I want a refund", "5
 * thanks", "4 🙂". parseCsat reads a bare digit only alone or after score words; here a leading 1-5 (not part of a number,
 * a time or a count: "2 orders are late", "5 days ago", "1:30") with the rest after it. The caller decides whether the
 * rest makes it a score (a request beside it, or a courtesy).
 */
export function leadingScore(text: string): { score: number; rest: string } | null {
  const m = /^\s*([1-5])(?![\d.,/:]\d)(?:\s*[!.,;:)\-\u2013]+\s*|\s+)(\S[\s\S]*)$/u.exec(text.normalize('NFKC'));
  if (m === null || COUNTED.test(m[2])) return null;
  const rest = m[2].replace(JOINERS, '').trim();
  return rest === '' ? null : { score: Number(m[1]), rest };
}
