/**
 * What a question is about, for spotting the same question asked in other words: its content words,
 * stemmed, with the NLU synonyms folded ("delivery" = "shipping", "price" = "cost") and question framing
 * dropped ("how much is delivery to Norway?", "how much does delivery to Norway cost?" and "what's the
 * delivery cost to Norway?" all become {cost, ship, norway}).
 *
 * Synonym groups that stand for a category (countries, weekdays, holidays) are NOT folded: "do you ship to
 * France?" and "do you ship to Spain?" are two questions, not one asked twice.
 * Cached per normalised text (the loop detector compares each message with up to 6 earlier ones).
 */
import { isStopWord } from '../nlu/stopWords';
import { canonicalWord } from '../nlu/synonyms';
import { stemWord } from '../nlu/stem';
import { editRatio } from '../nlu/editDistance';
import type { TextAnalysis } from '../nlu/types';

/** Canonical words of synonym groups whose members are different values of one category. */
const CATEGORY_GROUPS = new Set(['country', 'weekday', 'holiday', 'hello']);
/** Words that frame a question or a repeat without saying what it is about. */
const FRAMING = new Set([
  'not', 'no', 'or', 'so', 'but', 'ok', 'okay', 'again', 'still', 'ask', 'asked', 'asking', 'said', 'say',
  'question', 'answer', 'yes', 'well', 'then', 'actually', 'already', 'how', 'what', 'when', 'where', 'which',
  'why', 'who', 'hello', 'hi', 'hey', 'sorry', 'thanks', 'thank', 'please', 'possible', 'know', 'tell', 'wondering',
  'wonder', 'let', 'now', 'even', 'anyway', 'exactly', 'simple', 'simply', 'only', 'hmm', 'um',
  // Rephrasing talk: words that say "I am asking again / differently", not what about.
  'mean', 'meant', 'try', 'trying', 'tried', 'once', 'more', 'put', 'differently', 'different', 'way', 'words',
  'explain', 'check', 'whether', 'clear', 'sure', 'follow', 'mind', 'moment', 'something', 'stuff', 'thing',
  'things', 'process', 'procedure', 'info', 'information', 'details', 'lol', 'pls', 'please', 'plz', 'u', 'r', 'ur',
  'ya', 'guys', 'seriously', 'like', 'just', 'basically', 'honestly', 'really', 'pretty', 'quick', 'quickly',
  'again', 'third', 'second', 'last', 'time', 'day', 'date', 'step', 'steps', 'list',
]);
/**
 * Verbs customers swap when they rephrase the same question ("do you take Revolut" / "do you accept
 * Revolut"). Kept here, not in the NLU synonyms: merging them there would tie "how long does delivery
 * take" to payment questions in intent matching.
 */
const REPHRASE: Record<string, string> = {
  take: 'accept', accepted: 'accept', accepts: 'accept', support: 'accept', allow: 'accept',
  // Paraphrase classes of everyday shop questions: customers swap these words when they ask again in other
  // words ("how do I return shoes" / "what's the process to return footwear" / "send the trainers back").
  shoe: 'footwear', shoes: 'footwear', trainer: 'footwear', trainers: 'footwear', sneaker: 'footwear', sneakers: 'footwear',
  boot: 'footwear', boots: 'footwear', sandals: 'footwear', heels: 'footwear',
  shirt: 'clothing', shirts: 'clothing', tshirt: 'clothing', top: 'clothing', tops: 'clothing', dress: 'clothing',
  jacket: 'clothing', coat: 'clothing', jeans: 'clothing', trousers: 'clothing', pants: 'clothing', clothes: 'clothing',
  jumper: 'clothing', sweater: 'clothing', hoodie: 'clothing',
  // How long / how many days / the time limit / the window: one question about a duration.
  many: 'duration', limit: 'duration', window: 'duration', period: 'duration', timeframe: 'duration', long: 'duration',
  days: 'duration', weeks: 'duration',
  pickup: 'collect', collection: 'collect', collecting: 'collect',
  method: 'pay', methods: 'pay', checkout: 'pay',
  // "do you send parcels to Iceland" asks what "do you ship to Iceland" asks.
  send: 'ship', sending: 'ship', post: 'ship', posting: 'ship', mail: 'ship',
  // Texting abbreviations of weekdays (folded to the full day, which stays its own category value).
  sun: 'sunday', mon: 'monday', tue: 'tuesday', tues: 'tuesday', wed: 'wednesday', thu: 'thursday', thurs: 'thursday',
  fri: 'friday', wknd: 'weekend',
  opening: 'open', opens: 'open', closing: 'close', closes: 'close', closed: 'close',
};
/** "send the trainers back", "bring it back", "take them back": the verb and "back" together mean returning. */
const BACK_VERBS = new Set(['send', 'sent', 'sending', 'bring', 'take', 'give', 'post', 'ship', 'mail']);

const CACHE_SIZE = 1000;
const cache = new Map<string, string[]>();

/** NLU synonym groups that loops fold together: "when will it arrive" asks what "when will it be delivered" asks. */
const AFTER_SYNONYMS: Record<string, string> = { arrive: 'ship' };

function conceptOf(token: string): string {
  const rephrased = REPHRASE[token] ?? token;
  const synonym = canonicalWord(rephrased);
  const canonical = AFTER_SYNONYMS[synonym] ?? synonym;
  return stemWord(CATEGORY_GROUPS.has(canonical) ? rephrased : canonical);
}

/**
 * A word's concept key, or null for stop and framing words, memoised per word: every new message is split
 * into words the detector has mostly seen before, and a look-up replaces the synonym, stem and set checks.
 */
const wordConcepts = new Map<string, string | null>();
const WORD_CONCEPTS_SIZE = 20000;
function wordConcept(t: string): string | null {
  let key = wordConcepts.get(t);
  if (key === undefined) {
    key = isStopWord(t) || FRAMING.has(t) ? null : conceptOf(t);
    if (wordConcepts.size >= WORD_CONCEPTS_SIZE) wordConcepts.clear();
    wordConcepts.set(t, key);
  }
  return key;
}

/** Distinct concept keys of a normalised text, in order of appearance. */
export function questionConcepts(normalized: string): string[] {
  const hit = cache.get(normalized);
  if (hit) return hit;
  return remember(normalized, conceptsOf(normalized === '' ? [] : normalized.split(' ')));
}

/**
 * `questionConcepts(analysis.normalized)` from the words the analysis already split (its tokens are that
 * text split at spaces), so a new message is not split again. Kept by text, not in a WeakMap on the
 * analysis: the message comes back as an earlier one (`memory.recent`) on the next turns.
 */
export function analysisConcepts(analysis: TextAnalysis): string[] {
  return cache.get(analysis.normalized) ?? remember(analysis.normalized, conceptsOf(analysis.tokens));
}

function remember(normalized: string, concepts: string[]): string[] {
  if (cache.size >= CACHE_SIZE) cache.clear();
  cache.set(normalized, concepts);
  return concepts;
}

function conceptsOf(toks: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    // "how much" asks for a cost whether or not the word "cost" follows.
    let key = t === 'much' && toks[i - 1] === 'how' ? conceptOf('cost') : wordConcept(t);
    // "send it back" / "send the trainers back" is returning; the "back" itself says nothing more.
    if (BACK_VERBS.has(t) && (toks[i + 1] === 'back' || toks[i + 2] === 'back' || toks[i + 3] === 'back')) key = conceptOf('return');
    if (t === 'back' && [1, 2, 3].some((d) => BACK_VERBS.has(toks[i - d] ?? ''))) key = null;
    // "what do I pay for delivery" asks for a cost, like "how much is delivery".
    if (t === 'pay' && (toks[i - 3] === 'what' || toks[i - 2] === 'what')) key = conceptOf('cost');
    if (key !== null && key !== '' && !out.includes(key)) out.push(key);
  }
  return out;
}

/** Two concepts match when equal or a typo apart (5+ letters, edit ratio >= 0.75: "bitcion" / "bitcoin"). */
function matches(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length < 5 || b.length < 5 || Math.abs(a.length - b.length) > 2) return false;
  return editRatio(a, b) >= 0.75;
}

/**
 * Dice overlap of two concept lists, 0..1 (0 when either is empty); typos of a concept count. Exact
 * matches are counted first; the edit distances are only computed when typos could still lift the
 * overlap to `atLeast` (most pairs of different questions are settled without any).
 */
export function conceptOverlap(a: readonly string[], b: readonly string[], atLeast = 0): number {
  if (a.length === 0 || b.length === 0) return 0;
  const total = a.length + b.length;
  let exact = 0;
  for (const k of a) if (b.includes(k)) exact++;
  const exactDice = (2 * exact) / total;
  if (exactDice >= atLeast && atLeast > 0) return exactDice;
  // Only unmatched concepts of 5+ letters can have a typo partner, and only if the other side has one too.
  let looseA = 0;
  for (const k of a) if (k.length >= 5 && !b.includes(k)) looseA++;
  let looseB = 0;
  for (const k of b) if (k.length >= 5 && !a.includes(k)) looseB++;
  if (looseA === 0 || looseB === 0 || (2 * exact + looseA + looseB) / total < atLeast) return exactDice;
  let common = 0;
  for (const k of a) if (b.some((x) => matches(k, x))) common++;
  let commonB = 0;
  for (const k of b) if (a.some((x) => matches(k, x))) commonB++;
  return (common + commonB) / total;
}
