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
import { FILLER } from '../nlu/bareReplies';
import { isStopWord } from '../nlu/stopWords';
import { canonicalWord } from '../nlu/synonyms';
import { stemWord } from '../nlu/stem';
import { bagDistance, editRatio } from '../nlu/editDistance';
import type { TextAnalysis } from '../nlu/types';
import { TextMemo } from './textMemo';

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
  // Round six: asking-and-nudging words that say nothing of the subject ("kindly tell...", "any X currently",
  // "can anyone tell me", "I just want to know", "is it possible at all", "yes or no").
  'kindly', 'currently', 'presently', 'anyone', 'anybody', 'somebody', 'want', 'wanted', 'wants', 'wanna', 'need', 'needs',
  'all', 'at', 'lol', 'lmao', 'omg', 'ugh', 'hm', 'hmm', 'hmmm', 'okay', 'k', 'kk', 'po', 'wait', 'waiting', 'hear', 'heard',
  'clarify', 'confirm', 'idea', 'somewhere', 'someplace', 'either', 'nor', 'whats', 'wheres', 'whens', 'hows',
  // Texting spellings of question words.
  'wht', 'wat', 'wen', 'hw', 'wher', 'whr', 'wut', 'y',
  // Trying the chat out ("test", "testing 123", "ping"): no subject.
  'test', 'testing', 'tested', 'ping',
]);
/**
 * Generic subjects (round six): paying, "in stock" / "available", "options" / "modes" / "ways", "accept" / "use", a "code".
 * They name what kind of question it is, not what it is about, and customers swap them freely when they ask
 * again ("is the walnut bookshelf available?" / "do you have the walnut bookshelf in stock?", "do you take
 * Apple Pay" / "can I use Apple Pay"). A message keeps them only when it names nothing more specific
 * ("is it in stock?" stays {stock}).
 */
const WEAK = new Set(['track', 'pay', 'stock', 'option', 'mode', 'way', 'accept', 'use', 'code', 'choos', 'choice', 'offer', 'exist', 'provid', 'have'].map((w) => stemWord(canonicalWord(w))));
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
  checkout: 'pay',
  // "do you send parcels to Iceland" asks what "do you ship to Iceland" asks.
  send: 'ship', sending: 'ship', post: 'ship', posting: 'ship', mail: 'ship',
  // Texting abbreviations of weekdays (folded to the full day, which stays its own category value).
  sun: 'sunday', mon: 'monday', tue: 'tuesday', tues: 'tuesday', wed: 'wednesday', thu: 'thursday', thurs: 'thursday',
  fri: 'friday', wknd: 'weekend',
  // Shop hours: opening, closing, hours and "what time" are one subject ("open rn?" / "hours" / "wht time u close").
  open: 'hours', opening: 'hours', opens: 'hours', close: 'hours', closing: 'hours', closes: 'hours', closed: 'hours',
  // Round six paraphrase classes (families of words customers swap when they ask again, not single misses).
  // Availability: "in stock", "available", "restock", "back in stock", "sold out" are one generic subject (WEAK).
  available: 'stock', availability: 'stock', avail: 'stock', restock: 'stock', restocked: 'stock', restocking: 'stock',
  instock: 'stock', stocked: 'stock', stocks: 'stock', soldout: 'stock', replenish: 'stock', replenished: 'stock',
  // How one pays / ships: options, modes, methods, ways, choices of something (WEAK).
  options: 'option', modes: 'mode', ways: 'way', methods: 'option', method: 'option', choices: 'choice', choose: 'choice',
  click: 'collect', pick: 'choice', select: 'choice', offered: 'offer', offering: 'offer', offers: 'offer', exists: 'exist', provide: 'offer',
  // Whether something is accepted: "take", "accept", "support", "allow", "use", "work with" (WEAK).
  using: 'use', usable: 'use', work: 'use', works: 'use', working: 'use', allowed: 'accept', supported: 'accept', accepting: 'accept', taking: 'accept',
  // Money off: promo, promotion, coupon, voucher, discount (one subject), "a code" is WEAK on its own.
  promo: 'discount', promos: 'discount', promotion: 'discount', promotions: 'discount', promotional: 'discount',
  coupon: 'discount', coupons: 'discount', voucher: 'discount', vouchers: 'discount', discounts: 'discount', codes: 'code',
  // Reduced goods: sale, reduced, clearance, discounted, marked down.
  reduced: 'sale', clearance: 'sale', discounted: 'sale', markdown: 'sale', sales: 'sale',
  // Order in typos.
  ordr: 'order', oredr: 'order', ordre: 'order', odrer: 'order',
  // Address in texting and typos.
  addy: 'address', addr: 'address', adress: 'address', addres: 'address', adresse: 'address',
  // Where the parcel is: "my stuff", "my things" are the order.
  sent: 'ship', shipped: 'ship',
  // When it arrives: "eta", "get here" (below), "show up", "turn up" are arriving.
  eta: 'arrive',
  // Stopping an order: "stop", "halt", "call off" (below) are cancelling.
  stop: 'cancel', halt: 'cancel',
  // Paying less: deals, cheaper, a reduction (and non-English "rabatt", "descuento", "remise").
  deal: 'discount', deals: 'discount', cheaper: 'discount', reduction: 'discount', rabatt: 'discount', descuento: 'discount',
  remise: 'discount', sconto: 'discount', korting: 'discount',
  // Guarantees: warranty / guarantee / warranted / covered for repair.
  guarantee: 'warranty', guaranteed: 'warranty', guarantees: 'warranty', warranted: 'warranty', warranties: 'warranty',
  // Sizes written out or as letters ("in medium" / "M left").
  medium: 'm', small: 's', large: 'l', xlarge: 'xl',
  // Presents: "gift" / "present".
  present: 'gift', presents: 'gift',
  // Ordering many: bulk / trade / wholesale; pricing is the cost.
  trade: 'bulk', wholesale: 'bulk', pricing: 'cost', priced: 'cost',
  // Dispatched: "posted", "sent out", "gone out", "has it left" (below).
  dispatch: 'ship', dispatched: 'ship', posted: 'ship',
  // Matching another shop's price.
  matching: 'match', matches: 'match', matched: 'match',
};
/** "send the trainers back", "bring it back", "take them back": the verb and "back" together mean returning. */
const BACK_VERBS = new Set(['send', 'sent', 'sending', 'bring', 'take', 'give', 'post', 'ship', 'mail']);

/** Generic subjects that stand for the whole question when nothing more specific is named. */
const ANCHORS = new Set(['pay', 'stock', 'track']);
/** What a customer asks "where is..." about when they track an order. */
const WHERE_WORDS = new Set(['where', 'wher', 'whr', 'wheres', 'wheer', 'whre']);
const WHERE_TRACKED = new Set(['order', 'ordr', 'oredr', 'parcel', 'package', 'packet', 'stuff', 'delivery', 'shipment', 'things', 'box', 'it']);
/** "come back" / "be back" (in stock again). */
const COME = new Set(['come', 'comes', 'coming', 'came', 'be']);

/**
 * Answers per normalised text (session 10: kept by recent use, see TextMemo, and sized for the kept questions of a few
 * thousand conversations at once; they used to be forgotten all together at 1,000 texts).
 */
const CACHE_SIZE = 8000;
const cache = new TextMemo<string[]>(CACHE_SIZE);

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
  cache.set(normalized, concepts);
  return concepts;
}

const DIGITS = /^\d+$/;
const LETTERS = /^[a-z]+$/;
function conceptsOf(toks: readonly string[]): string[] {
  const out: string[] = [];
  let tracked = false;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    // Round eight: the letters before an order number ("NW-104233", "INV 2231") are part of the reference, not a subject.
    if (t.length <= 3 && (toks[i + 1]?.length ?? 0) >= 4 && DIGITS.test(toks[i + 1]) && LETTERS.test(t)) continue;
    // "how much" asks for a cost whether or not the word "cost" follows.
    let key = t === 'much' && toks[i - 1] === 'how' ? conceptOf('cost') : wordConcept(t);
    // "send it back" / "send the trainers back" is returning; the "back" itself says nothing more.
    if (BACK_VERBS.has(t) && (toks[i + 1] === 'back' || toks[i + 2] === 'back' || toks[i + 3] === 'back')) key = conceptOf('return');
    if (t === 'back' && [1, 2, 3].some((d) => BACK_VERBS.has(toks[i - d] ?? ''))) key = null;
    // "what do I pay for delivery" asks for a cost, like "how much is delivery".
    if (t === 'pay' && (toks[i - 3] === 'what' || toks[i - 2] === 'what')) key = conceptOf('cost');
    // "pick up" / "pick it up" is collecting, not choosing.
    if (t === 'pick' && (toks[i + 1] === 'up' || toks[i + 2] === 'up')) key = conceptOf('collect');
    // "get here", "get to me", "reach me": arriving.
    if (t === 'get' && (toks[i + 1] === 'here' || (toks[i + 1] === 'to' && toks[i + 2] === 'me'))) key = conceptOf('arrive');
    // "come back", "coming back in stock", "be back": available again (the stock subject), not arriving.
    if (COME.has(t) && toks[i + 1] === 'back') key = 'stock';
    if (t === 'back' && COME.has(toks[i - 1] ?? '')) key = null;
    // "call it off", "called off": cancelling; "show up" / "turn up": arriving.
    if ((t === 'call' || t === 'called' || t === 'calling') && (toks[i + 1] === 'off' || toks[i + 2] === 'off')) key = conceptOf('cancel');
    if ((t === 'show' || t === 'turn' || t === 'shows' || t === 'turns') && toks[i + 1] === 'up') key = conceptOf('arrive');
    // "where is my order / parcel / stuff": tracking, whatever words follow.
    if (WHERE_WORDS.has(t) && toks.slice(Math.max(0, i - 4), i + 5).some((w) => WHERE_TRACKED.has(w))) {
      const k = conceptOf('track');
      if (!out.includes(k)) out.push(k);
      tracked = true;
    }
    // A pronoun or "stuff" for the thing tracked says nothing more ("where is it", "where is my stuff").
    if (tracked && (t === 'it' || t === 'stuff' || t === 'things')) key = null;
    // "first order", "first purchase", "first-time buyer", "new customer": one subject (a newcomer).
    if (t === 'first' && ['order', 'purchase', 'time', 'timer', 'buy', 'buyer', 'buyers', 'orders'].includes(toks[i + 1] ?? '')) key = 'newcomer';
    if ((t === 'new' || t === 'newer') && ['customer', 'customers', 'buyer', 'buyers', 'client', 'clients', 'shopper', 'shoppers'].includes(toks[i + 1] ?? '')) key = 'newcomer';
    if (['order', 'purchase', 'time', 'timer', 'buy', 'buyer', 'buyers', 'orders', 'customer', 'customers', 'client', 'clients', 'shopper', 'shoppers'].includes(t) &&
      (toks[i - 1] === 'first' || toks[i - 1] === 'new' || toks[i - 1] === 'newer')) key = null;
    // "has it left (the warehouse)", "gone out", "sent out": dispatched.
    if ((t === 'left' && ['it', 'has', 'parcel', 'order', 'package'].includes(toks[i - 1] ?? '')) || ((t === 'gone' || t === 'sent') && toks[i + 1] === 'out')) key = conceptOf('ship');
    if (t === 'out' && (toks[i - 1] === 'gone' || toks[i - 1] === 'sent')) key = null;
    // "right now" is framing ("any promo codes rn" becomes "right now").
    if (t === 'right' && toks[i + 1] === 'now') key = null;
    if (key !== null && key !== '' && !out.includes(key)) out.push(key);
  }
  // Generic subjects only count when nothing more specific is named (see WEAK).
  if (out.some((k) => !WEAK.has(k))) return out.filter((k) => !WEAK.has(k));
  // Only generic subjects: paying or stock is the subject, the rest says how it is asked
  // ("what are the payment options" / "which modes of payment do you accept" are both {pay}).
  const anchor = out.find((k) => ANCHORS.has(k));
  return anchor ? [anchor] : out;
}

/** Two concepts match when equal or a typo apart (5+ letters, edit ratio >= 0.75: "bitcion" / "bitcoin"). */
export function conceptMatches(a: string, b: string): boolean {
  return matches(a, b);
}
function matches(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length < 5 || b.length < 5 || Math.abs(a.length - b.length) > 2) return false;
  // Session 10 (escloop): most pairs of concepts are far apart in letters. The bag distance (letters one word has that the
  // other lacks) is a lower bound of the edit distance, so a pair it already puts under 0.75 is settled at once, without
  // the memo below (whose key had to be built per call and cost more than the answer: 19% of the loop detector's time).
  const max = Math.max(a.length, b.length);
  if (1 - bagDistance(a, b) / max < 0.75) return false;
  // Session 9 (lead): the answer for a pair of concepts is kept. The loop paths compare every concept of a message
  // with every concept of up to six earlier ones, several times per pair (the learned same-request model's guards and
  // features), and a shop's concepts recur from message to message, so most answers are asked for again.
  // Session 10: kept per first concept (no key string built per look-up).
  let row = matchMemo.get(a);
  if (row === undefined) {
    if (matchMemoCount >= MATCH_MEMO_SIZE) {
      matchMemo.clear();
      matchMemoCount = 0;
    }
    row = new Map<string, boolean>();
    matchMemo.set(a, row);
  }
  const known = row.get(b);
  if (known !== undefined) return known;
  // Order numbers are never typos of each other: 30001 and 30003 are two orders.
  const answer = !/\d/.test(a) && !/\d/.test(b) && editRatio(a, b) >= 0.75;
  row.set(b, answer);
  matchMemoCount++;
  return answer;
}
const matchMemo = new Map<string, Map<string, boolean>>();
let matchMemoCount = 0;
const MATCH_MEMO_SIZE = 20_000;

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
  return (matchedIn(a, b) + matchedIn(b, a)) / total;
}
/** How many concepts of `a` equal or are a typo of one of `b` (session 26, speed: no closure made per concept). */
function matchedIn(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      if (matches(a[i], b[j])) {
        n++;
        break;
      }
    }
  }
  return n;
}

const AUX = new Set(['do', 'does', 'did', 'can', 'could', 'is', 'are', 'will', 'would', 'have', 'has', 'may', 'should', 'shall', 'am', 'was']);
const QWORD: Record<string, string> = {
  what: 'what', whats: 'what', wat: 'what', wht: 'what', wut: 'what', which: 'what',
  when: 'when', whens: 'when', wen: 'when', where: 'where', wheres: 'where', wher: 'where', whr: 'where',
  why: 'why', who: 'who', how: 'how', hows: 'how', hw: 'how',
};
const WHEN_NOUNS = new Set(['time', 'times', 'day', 'days', 'date', 'dates', 'hour', 'hours']);
/**
 * What kind of answer a question wants (round six): 'when', 'where', 'cost' ("how much"), 'duration' ("how long",
 * "how many days"), 'how', 'what', 'who', 'why', 'yesno' (opens with an auxiliary: "do you...", "is it...") or null
 * (texting without a question word: "sale start date?"). Two askings of one question want the same kind of answer:
 * "whens the sale" / "when does the sale start" are one; "do you do mortgages" / "what's your mortgage rate" are two.
 */
export function questionType(normalized: string): string | null {
  const hit = typeCache.get(normalized);
  if (hit !== undefined) return hit;
  const kind = typeOf(normalized);
  typeCache.set(normalized, kind);
  return kind;
}
/** Question types per normalised text (a text is compared on every turn it stays in `memory.recent`). */
const typeCache = new TextMemo<string | null>(CACHE_SIZE);

function typeOf(normalized: string): string | null {
  // (Session 24, speed: only the first ten words are read below, so a long letter is not split whole.)
  const toks = normalized.split(' ', 10);
  for (let i = 0; i < Math.min(toks.length, 5); i++) {
    const t = toks[i];
    const q = QWORD[t];
    if (q === 'how') {
      const n = toks[i + 1];
      if (n === 'much') return 'cost';
      if (n === 'long' || n === 'many' || n === 'soon') return 'duration';
      return 'how';
    }
    // Round eight: "what time", and "what are your opening times / what hours do you keep / which days are you open":
    // a time noun among the next four words asks when.
    if (q === 'what') return toks.slice(i + 1, i + 5).some((n) => WHEN_NOUNS.has(n)) ? 'when' : 'what';
    if (q) return q;
    if (i === 0 && AUX.has(t)) return 'yesno';
    // "so can I...", "ok but is it...", "hi, do you..."
    if (i > 0 && AUX.has(t) && ['so', 'ok', 'okay', 'but', 'and', 'hi', 'hello', 'hey', 'then', 'also', 'sorry', 'please'].includes(toks[i - 1])) return 'yesno';
  }
  return null;
}

/** Words that open a question or a request (canonical tokens: "u" is "you"). */
const ASKING = new Set([
  'what', 'when', 'where', 'how', 'why', 'which', 'who', 'whose', 'can', 'could', 'would', 'will', 'is', 'are', 'do', 'does', 'did',
  'have', 'has', 'may', 'should', 'shall', 'kindly', 'wen', 'wat', 'wht', 'hw', 'wher', 'whens', 'wheres', 'whats', 'hows', 'cn', 'any',
]);
/**
 * A word, not a key mash: a vowel, no letter three times in a row, no four consonants in a row ("eta", "hours",
 * "amex"; not "jjjj", "mmmm", "xzqw", "asdkjh").
 */
const WORDLIKE = /^(?=.*[aeiouy])(?!.*(.)\1\1)(?!.*[bcdfghjklmnpqrstvwxz]{4})[a-z]{2,14}$/;
/**
 * Whether a normalised earlier message reads as a question or a request: a question word or an auxiliary among
 * its first three words ("ok so is the blue rug in stock"), or "I need / I want / looking for". Gibberish ("ghkkjj
 * lllk"), an emoji or a lone word ("bananas") is not one, so fillers after it still count.
 */
export function isRealQuestion(normalized: string): boolean {
  const hit = realCache.get(normalized);
  if (hit !== undefined) return hit;
  const real = realQuestion(normalized);
  realCache.set(normalized, real);
  return real;
}
const realCache = new TextMemo<boolean>(CACHE_SIZE);

function realQuestion(normalized: string): boolean {
  const toks = normalized.split(' ').filter((t) => t !== '');
  // Session 16 (escconv): nudges and greetings alone ("hola", "hallo", "ola": nlu/bareReplies FILLER) ask nothing, in any
  // language: the fillers after them ("hellooooo??", "mmm") are the customer still with nothing the bot could use.
  if (toks.length > 0 && toks.every((t) => FILLER.has(t))) return false;
  if (toks.slice(0, 3).some((t) => ASKING.has(t))) return true;
  const concepts = questionConcepts(normalized);
  if (concepts.length === 0) return false;
  // Session 14 (escconv): "I wish to track NW-447201", "I am hoping to change the address", "trying to return it".
  if (/ (?:need|want|would like|looking for|searching|wish to|wishing to|hoping to|trying to) /.test(` ${normalized} `)) return true;
  // A texting question of one to three words that names a subject in real words ("eta", "open rn", "15 code").
  return toks.length <= 3 && toks.every((t) => /^\d+$/.test(t) || WORDLIKE.test(t));
}

/**
 * Round eight: whether a message asks where an order is (the tracking request, the most common thing a customer asks
 * again in other words): "where is my parcel", "parcel where", "whereabouts has my delivery got to", "status of 30021",
 * "tracking?", "has it shipped", "did it go out yet", "is it sent", "when will my order come", "has 22019 left you".
 * Not "where do I send the return" (a return), nor "do you ship to Norway" (shipping in general: no order, no "it").
 */
export function isTrackingQuestion(normalized: string): boolean {
  const hit = trackingCache.get(normalized);
  if (hit !== undefined) return hit;
  const tracking = trackingOf(normalized.split(' ').filter((t) => t !== ''));
  trackingCache.set(normalized, tracking);
  return tracking;
}
const trackingCache = new TextMemo<boolean>(CACHE_SIZE);
/** The thing tracked: an order's nouns, "it", or an order reference. */
const TRACKED = new Set(['order', 'ordr', 'oredr', 'parcel', 'package', 'packet', 'delivery', 'shipment', 'box', 'consignment', 'purchase', 'it', 'stuff', 'things', 'goods', 'item', 'items',
  // "what I bought / ordered"
  'bought', 'ordered']);
const WHERE_TRACKING = new Set([...WHERE_WORDS, 'whereabouts']);
/** Verbs of an order leaving or arriving ("has it shipped / left / gone out", "when will it come / arrive / get here"). */
const MOVING = new Set(['shipped', 'ship', 'sent', 'dispatched', 'dispatch', 'posted', 'left', 'arrive', 'arrival', 'eta', 'arriving', 'arrived', 'come', 'coming', 'reach', 'delivered']);
/** Words of another request about the same parcel: sending it back, changing where it goes. */
const NOT_TRACKING = new Set(['return', 'returns', 'returning', 'refund', 'address', 'change', 'cancel', 'label', 'cost', 'much', 'price', 'free']);
function trackingOf(toks: readonly string[]): boolean {
  if (toks.length === 0 || toks.length > 30 || !asksWhereItIs(toks) || toks.some((t) => NOT_TRACKING.has(t))) return false;
  // "send it back", "bring them back": a return ("coming back to my question, where is it" is still tracking).
  return !toks.some((t, i) => t === 'back' && [1, 2, 3].some((d) => BACK_VERBS.has(toks[i - d] ?? '')));
}
/** A tracked thing (an order, a parcel...) or a reference number at `i`. */
function trackedThingAt(toks: readonly string[], i: number): boolean {
  return TRACKED.has(toks[i] ?? '') || /^\d{4,}$/.test(toks[i] ?? '');
}
/** A tracked thing within `d` words of `i`. (Session 24, speed: module functions, not two closures made per call.) */
function trackedThingNear(toks: readonly string[], i: number, d: number): boolean {
  for (let j = Math.max(0, i - d); j <= i + d && j < toks.length; j++) if (j !== i && trackedThingAt(toks, j)) return true;
  return false;
}
function asksWhereItIs(toks: readonly string[]): boolean {
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t === 'track' || t === 'tracking' || t === 'trak' || t === 'trace') return true;
    // "where is my parcel", "parcel where", "where??" on its own.
    if (WHERE_TRACKING.has(t) && (trackedThingNear(toks, i, 4) || toks.length <= 2)) return true;
    // "status of 30021", "order status", "status?"
    if (t === 'status' && (trackedThingNear(toks, i, 4) || toks.length <= 2)) return true;
    // "has it shipped", "did it go out yet", "is 22019 on its way", "when will my order come".
    if ((MOVING.has(t) || (t === 'out' && ['go', 'gone', 'went', 'sent'].includes(toks[i - 1] ?? '')) || (t === 'way' && toks[i - 1] === 'its' && toks[i - 2] === 'on')) && trackedThingNear(toks, i, 4)) return true;
    // "how long until the box turns up", "when does it show up", "whens my stuff getting here".
    if (((t === 'up' && ['turn', 'turns', 'turned', 'show', 'shows', 'showed'].includes(toks[i - 1] ?? '')) || (t === 'here' && ['get', 'gets', 'getting', 'be'].includes(toks[i - 1] ?? ''))) && trackedThingNear(toks, i - 1, 4)) return true;
  }
  return false;
}
