/**
 * Features of a pair of customer messages for the same-request model (see ./sameRequest.ts): is the later message the
 * same request as the earlier one, asked again? Concept overlap, shared subjects, letters in common (3-grams), kind of
 * question, order references, lengths, distance, whether the bot could use the later one. (Hashed pairs of concepts, to
 * learn equivalences such as swap ~ exchange, and word-vector similarities were measured and added nothing on unseen
 * writers: see scripts/train-escalation/sameRequestTrain.ts.) Pure and cheap: concept lists, question types and trigram
 * sets are memoised per text (a message is compared again on every turn it stays in `memory.recent`).
 */
import { TextMemo } from '../textMemo';
import { conceptMatches, conceptOverlap, isRealQuestion, isTrackingQuestion, questionConcepts, questionType } from '../questionConcepts';
import { SHOP_VALUE_WORDS, shopConceptClasses, shopValuesDiffer } from './shopConcepts';

/** Names of the dense features, in order (the model's `dense` weights follow this order). */
export const DENSE_FEATURES = [
  'concept dice', 'concept containment', 'subject dice', 'shares a subject', 'letters in common (3-grams)', 'words in common',
  'same kind of question', 'different kinds of question', 'kind unknown', 'both real questions', 'both ask where the order is',
  'different order references', 'same order reference', 'length ratio', 'later one shorter', 'exact repeat', 'distance 1/gap',
  'just before', 'bot could not use it', 'earlier has no concepts', 'later has no concepts', 'concepts earlier (log)',
  'concepts later (log)', 'new concepts in the later one', 'impatience marker', 'same shop topic, no shared subject word',
] as const;
export const DENSE = DENSE_FEATURES.length;

/** Concepts any request carries ("my order", "I need", "help"): sharing only these is not sharing a subject. */
const GENERIC = new Set(
  ['order', 'orders', 'parcel', 'package', 'item', 'items', 'product', 'thing', 'stuff', 'purchase', 'need', 'want', 'help', 'know', 'find', 'please',
    'get', 'have', 'can', 'do', 'make', 'like', 'question', 'ask', 'tell', 'one', 'it', 'something', 'anything', 'possible', 'just', 'still',
    'number', 'ref', 'reference'].flatMap((w) => questionConcepts(w)),
);
const REFERENCE = /^\d{4,}$/;
const CACHE_SIZE_PER_GENERATION = 4000;
const IMPATIENT = new Set(['again', 'still', 'already', 'yet', 'hello', 'anyone', 'seriously', 'ok', 'so', 'please', 'pls', 'plz', 'answer', 'simple', 'asked', 'said']);

interface TextFeatures {
  concepts: string[];
  /** Per concept, the letters it has as bits (a-z; other characters folded into 5 more): see sharedFeatures. */
  masks: Int32Array;
  subject: string[];
  refs: string[];
  /** The text's distinct 3-grams (gram ids), sorted ascending (session 24, speed: a sorted array, not a Set). */
  grams: Float64Array;
  words: Set<string>;
  kind: string | null;
  real: boolean;
  tracking: boolean;
  tokens: number;
  impatient: boolean;
  /** Session 29 (loops): the shop topics its words name, a bit set (shopConcepts.ts). */
  topics: number;
  /** Session 29 (loops): its value words of a shop topic (shopConcepts.SHOP_VALUE_WORDS), space-separated ('' for none). */
  values: string;
}
/** Per normalised text, kept by recent use (session 10, see TextMemo). */
const cache = new TextMemo<TextFeatures>(CACHE_SIZE_PER_GENERATION);

/**
 * One number per 3 letters, a different one for every different trio (so the Dice overlap is the same as before).
 * Session 10: letters under 1024 (every normalised shop message) are packed into 30 bits, a small integer kept and
 * compared without allocating; a trio with a higher letter keeps the wide formula, made negative so it never equals a
 * packed one.
 */
function gram(a: number, b: number, c: number): number {
  if (a < 1024 && b < 1024 && c < 1024) return (a << 20) | (b << 10) | c;
  return -((a * 65599 + b) * 65599 + c) - 1;
}

function textFeatures(normalized: string): TextFeatures {
  const hit = cache.get(normalized);
  if (hit) return hit;
  const concepts = questionConcepts(normalized);
  const toks = normalized === '' ? [] : normalized.split(' ');
  const s = ` ${normalized} `;
  const grams = gramSetOf(s);
  const f: TextFeatures = {
    concepts,
    masks: masksOf(concepts),
    subject: concepts.filter((c) => !GENERIC.has(c) && !REFERENCE.test(c)),
    refs: concepts.filter((c) => REFERENCE.test(c)),
    grams,
    words: new Set(toks),
    kind: questionType(normalized),
    real: isRealQuestion(normalized),
    tracking: isTrackingQuestion(normalized),
    tokens: toks.length,
    impatient: toks.some((t) => IMPATIENT.has(t)),
    topics: shopConceptClasses(normalized),
    values: toks.filter((t) => SHOP_VALUE_WORDS.has(t)).join(' '),
  };
  cache.set(normalized, f);
  return f;
}

/** letterMask of each concept (session 26, speed: a loop, not Int32Array.from with a mapping function). */
function masksOf(concepts: readonly string[]): Int32Array {
  const masks = new Int32Array(concepts.length);
  for (let i = 0; i < concepts.length; i++) masks[i] = letterMask(concepts[i]);
  return masks;
}

function letterMask(word: string): number {
  let m = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    m |= c >= 97 && c <= 122 ? 1 << (c - 97) : 1 << (26 + (c % 5));
  }
  return m;
}
function bits(m: number): number {
  let n = 0;
  for (let v = m; v !== 0; v &= v - 1) n++;
  return n;
}
/**
 * How many concepts of text `a` are in text `b` (equal, or a typo apart: conceptMatches), with a quick test before each typo match (session 10): a letter one concept
 * has and the other lacks costs at least one edit, so when the letters missing on either side already put the pair under
 * the 0.75 edit ratio, conceptMatches would say no and is not asked. Same answer as counting the concepts of `a` that equal or conceptMatches one of `b`.
 */
function sharedFeatures(a: TextFeatures, b: TextFeatures): number {
  let n = 0;
  const bc = b.concepts;
  for (let i = 0; i < a.concepts.length; i++) {
    const c = a.concepts[i];
    if (bc.includes(c)) {
      n++;
      continue;
    }
    if (c.length < 5) continue;
    const mc = a.masks[i];
    for (let j = 0; j < bc.length; j++) {
      const x = bc[j];
      if (x.length < 5 || Math.abs(x.length - c.length) > 2) continue;
      const mx = b.masks[j];
      const missing = Math.max(bits(mc & ~mx), bits(mx & ~mc));
      if (1 - missing / Math.max(c.length, x.length) < 0.75) continue;
      if (conceptMatches(c, x)) {
        n++;
        break;
      }
    }
  }
  return n;
}

/** Packed 3-grams (all letters under 1024) of a text, sorted as 32-bit integers (see gramSetOf). */
let packed = new Int32Array(256);

/**
 * The distinct 3-gram ids of `s`, sorted ascending (ids are whole numbers; the non-ASCII ones exceed 32 bits).
 * Session 26 (speed): a text whose letters are all under 1024 (every shop message in the corpora) has only packed ids,
 * which are non-negative 30-bit integers: they are sorted as 32-bit integers in a reused buffer (a third cheaper than
 * sorting doubles), with the same ids in the same order as the general path below.
 */
export function gramSetOf(s: string): Float64Array {
  const n = Math.max(0, s.length - 2);
  let narrow = true;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) >= 1024) {
      narrow = false;
      break;
    }
  }
  if (narrow) {
    if (packed.length < n) packed = new Int32Array(n * 2);
    for (let i = 0; i < n; i++) packed[i] = (s.charCodeAt(i) << 20) | (s.charCodeAt(i + 1) << 10) | s.charCodeAt(i + 2);
    const sorted = packed.subarray(0, n).sort();
    let k = 0;
    for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) k++;
    const out = new Float64Array(k);
    k = 0;
    for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) out[k++] = sorted[i];
    return out;
  }
  const all = new Float64Array(n);
  for (let i = 0; i < n; i++) all[i] = gram(s.charCodeAt(i), s.charCodeAt(i + 1), s.charCodeAt(i + 2));
  all.sort();
  let k = 0;
  for (let i = 0; i < n; i++) if (i === 0 || all[i] !== all[i - 1]) all[k++] = all[i];
  return all.slice(0, k);
}

/** dice() of two sorted id sets (gramSetOf): the same count of shared ids, by one merge pass. */
export function diceSorted(a: Float64Array, b: Float64Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  let n = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) {
      n++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return (2 * n) / (a.length + b.length);
}

function dice<T>(a: Set<T>, b: Set<T>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let n = 0;
  // (Session 26, speed: no array made per call to pick the smaller set.)
  const small = a.size <= b.size ? a : b;
  const large = small === a ? b : a;
  for (const x of small) if (large.has(x)) n++;
  return (2 * n) / (a.size + b.size);
}

/**
 * What the guards and the features of a pair share (session 10): concepts of each found in the other (typos matched),
 * whether they share a subject, whether they name different order references. Computed once per pair: the two guards
 * and the features used to match the same concepts three to five times over.
 */
interface PairCore {
  /** Concepts of the earlier one found in the later one (typos count). */
  shared: number;
  /** Concepts of the later one found in the earlier one. */
  sharedBack: number;
  subjectShared: boolean;
  refsDiffer: boolean;
}
const core: PairCore = { shared: 0, sharedBack: 0, subjectShared: false, refsDiffer: false };

function pairCore(a: TextFeatures, b: TextFeatures, out: PairCore = core): PairCore {
  out.refsDiffer = a.refs.length > 0 && b.refs.length > 0 && !(a.refs.every((r) => b.refs.includes(r)) && b.refs.every((r) => a.refs.includes(r)));
  out.shared = sharedFeatures(a, b);
  out.sharedBack = sharedFeatures(b, a);
  out.subjectShared = a.subject.some((c) => b.subject.some((x) => x === c || conceptMatches(c, x)));
  return out;
}

function differentValue(a: TextFeatures, b: TextFeatures, c: PairCore): boolean {
  if (c.refsDiffer) return true;
  // Session 29 (loops): two values of one shop topic ("pay with PayPal" / "pay by bank transfer", "in M" / "in XL").
  if (a.values !== b.values && a.values !== '' && b.values !== '' && shopValuesDiffer(a.values, b.values)) return true;
  if (c.shared === 0) return false;
  return a.concepts.length - c.shared === 1 && b.concepts.length - c.sharedBack === 1;
}

function onlyTheOrder(a: TextFeatures, b: TextFeatures, c: PairCore): boolean {
  // An order reference with nothing asked about it ("order number nw 131207", "is 40210 paid") is not a request.
  if ((a.refs.length > 0 && a.subject.length === 0) || (b.refs.length > 0 && b.subject.length === 0)) return true;
  if (a.subject.length === 0 || b.subject.length === 0) return false;
  if (c.subjectShared) return false;
  return c.shared > 0 && a.concepts.length > c.shared && b.concepts.length > c.sharedBack;
}

/**
 * Whether two askings name different values in one slot, so they are two questions whatever the model says: different
 * order references ("where is 30001" / "where is 30003"), different value words of one shop topic ("pay with PayPal" /
 * "pay by bank transfer": shopConcepts.shopValuesDiffer), or the same question with one thing swapped for another
 * ("are you open on Saturday" / "... on Monday", "is the oak chair in stock" / "the oak table", "can I pay with PayPal" /
 * "with Klarna", "track 40210" / "return 40210"): they share a concept and each names exactly one the other does not.
 */
export function namesDifferentValue(earlier: string, later: string): boolean {
  const a = textFeatures(earlier);
  const b = textFeatures(later);
  return differentValue(a, b, pairCore(a, b, { shared: 0, sharedBack: 0, subjectShared: false, refsDiffer: false }));
}

/**
 * Whether two askings share only an order reference or words any request carries ("my order") while each asks about
 * something of its own ("can I change the address on 40210" / "is 40210 paid"): two requests about one order.
 */
export function sharesOnlyTheOrder(earlier: string, later: string): boolean {
  const a = textFeatures(earlier);
  const b = textFeatures(later);
  return onlyTheOrder(a, b, pairCore(a, b, { shared: 0, sharedBack: 0, subjectShared: false, refsDiffer: false }));
}

/**
 * The Dice overlap of two concept lists exactly as conceptOverlap(a, b) computes it (typos count only when both lists
 * have a concept of 5+ letters the other lacks), from the shared counts already known.
 */
function overlapFrom(a: readonly string[], b: readonly string[], shared: number, sharedBack: number): number {
  if (a.length === 0 || b.length === 0) return 0;
  const total = a.length + b.length;
  let exact = 0;
  let looseA = 0;
  for (const k of a) {
    if (b.includes(k)) exact++;
    else if (k.length >= 5) looseA++;
  }
  let looseB = 0;
  for (const k of b) if (k.length >= 5 && !a.includes(k)) looseB++;
  if (looseA === 0 || looseB === 0) return (2 * exact) / total;
  return (shared + sharedBack) / total;
}

/**
 * Features of (earlier, later): `gap` is how many questions back the earlier one is (1 = just before), `fallback`
 * whether the bot could not use the later one. `out` is reused when given (no allocation per pair).
 */
export function pairFeatures(earlier: string, later: string, gap: number, fallback: boolean, out: Float64Array = new Float64Array(DENSE)): Float64Array {
  const a = textFeatures(earlier);
  const b = textFeatures(later);
  return fill(a, b, pairCore(a, b, { shared: 0, sharedBack: 0, subjectShared: false, refsDiffer: false }), earlier === later, gap, fallback, out);
}

/**
 * The features of (earlier, later) for the model, or null when a guard says they are two requests whatever the model
 * says (namesDifferentValue, sharesOnlyTheOrder): one pass over the pair for both (session 10). `out` is filled.
 */
export function guardedPairFeatures(earlier: string, later: string, gap: number, fallback: boolean, out: Float64Array): Float64Array | null {
  const a = textFeatures(earlier);
  const b = textFeatures(later);
  const c = pairCore(a, b);
  if (differentValue(a, b, c) || onlyTheOrder(a, b, c)) return null;
  return fill(a, b, c, earlier === later, gap, fallback, out);
}

function fill(a: TextFeatures, b: TextFeatures, c: PairCore, exactRepeat: boolean, gap: number, fallback: boolean, d: Float64Array): Float64Array {
  const shared = c.shared;
  const small = Math.min(a.concepts.length, b.concepts.length);
  d[0] = overlapFrom(a.concepts, b.concepts, shared, c.sharedBack);
  d[1] = small === 0 ? 0 : shared / small;
  // No subject of one matches one of the other (pairCore: equal or a typo apart, both ways alike): the overlap is 0, as
  // conceptOverlap would find after matching every pair (session 26, speed).
  d[2] = c.subjectShared ? conceptOverlap(a.subject, b.subject) : 0;
  d[3] = c.subjectShared ? 1 : 0;
  d[4] = diceSorted(a.grams, b.grams);
  d[5] = dice(a.words, b.words);
  d[6] = a.kind !== null && a.kind === b.kind ? 1 : 0;
  d[7] = a.kind !== null && b.kind !== null && a.kind !== b.kind ? 1 : 0;
  d[8] = a.kind === null || b.kind === null ? 1 : 0;
  d[9] = a.real && b.real ? 1 : 0;
  d[10] = a.tracking && b.tracking ? 1 : 0;
  d[11] = c.refsDiffer ? 1 : 0;
  d[12] = a.refs.length > 0 && !c.refsDiffer && b.refs.length > 0 ? 1 : 0;
  d[13] = Math.min(a.tokens, b.tokens) / Math.max(1, a.tokens, b.tokens);
  d[14] = b.tokens < a.tokens ? 1 : 0;
  d[15] = exactRepeat ? 1 : 0;
  d[16] = 1 / Math.max(1, gap);
  d[17] = gap <= 1 ? 1 : 0;
  d[18] = fallback ? 1 : 0;
  d[19] = a.concepts.length === 0 ? 1 : 0;
  d[20] = b.concepts.length === 0 ? 1 : 0;
  d[21] = Math.log1p(a.concepts.length);
  d[22] = Math.log1p(b.concepts.length);
  d[23] = b.concepts.length === 0 ? 0 : (b.concepts.length - c.sharedBack) / b.concepts.length;
  d[24] = b.impatient ? 1 : 0;
  // Session 29 (loops): one shop topic in other words ("gift wrap possible?" / "can you pack it like a present").
  // (A Dice of the two topic sets as well was measured: it linked different questions of one broad topic, "shipping" /
  // "do you provide a delivery time slot" / "is saturday delivery offered at additional cost", at 0.99.)
  d[25] = (a.topics & b.topics) !== 0 && !c.subjectShared ? 1 : 0;
  return d;
}
