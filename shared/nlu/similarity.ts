/**
 * How alike two short texts are, 0..1, after normalizeText. Identical texts score 1.
 * - Two single words: character edit ratio with transpositions ("refnud" vs "refund" = 0.83).
 * - Otherwise: a weighted, fuzzy token-set overlap (Dice): each word finds its best partner on the other
 *   side (exact = 1, a typo of a 5+ letter word = its edit ratio when >= 0.75), function words ("is",
 *   "my") weigh 0.3 so two sentences do not look alike just because both say "is my". Word order does not
 *   matter; a near-identical string ("whereis my order") is also caught by the whole-string edit ratio.
 * Non-identical texts are capped at 0.99 so 1 always means "the same after normalisation".
 *
 * Speed (the fuzzy button stage calls this ~20 times per message): each text's distinct words, their
 * weights and letter masks are computed once and cached; the word-pair scores are computed once and read
 * by both sides (the edit distance is symmetric); and a cheap lower bound of the edit distance (letters one
 * word has and the other lacks) settles most word pairs without running the quadratic edit distance.
 */
import { normalizeText } from './normalizeText';
import { bagDistance, editRatio } from './editDistance';
import { isStopWord, stopWords } from './stopWords';

const STOP_WEIGHT = 0.3;
const FUZZY_MIN_LENGTH = 5;
const FUZZY_MIN_RATIO = 0.75;

/** Per-text data reused across calls: button labels and recent questions are compared again and again. */
export interface Profile {
  /** Distinct words, in order of first appearance. */
  tokens: string[];
  /** STOP_WEIGHT for function words, 1 otherwise. */
  weights: number[];
  /** Sum of `weights`, added in token order (the same float as summing while scanning). */
  total: number;
  /** Bit per letter a-z the word contains (other characters share bits 26..31). */
  masks: number[];
}

function letterBit(c: number): number {
  return c >= 97 && c <= 122 ? 1 << (c - 97) : 1 << (26 + (c % 6));
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

const profileCache = new Map<string, Profile>();
const PROFILE_CACHE_SIZE = 2000;
function profileOf(normalized: string): Profile {
  let p = profileCache.get(normalized);
  if (!p) {
    if (profileCache.size >= PROFILE_CACHE_SIZE) profileCache.clear();
    p = buildProfile(normalized);
    profileCache.set(normalized, p);
  }
  return p;
}

function buildProfile(normalized: string): Profile {
  const tokens = [...new Set(normalized.split(' '))];
  const weights: number[] = [];
  const masks: number[] = [];
  let total = 0;
  for (const t of tokens) {
    const w = isStopWord(t) ? STOP_WEIGHT : 1;
    weights.push(w);
    total += w;
    let m = 0;
    for (let i = 0; i < t.length; i++) m |= letterBit(t.charCodeAt(i));
    masks.push(m);
  }
  return { tokens, weights, total, masks };
}

function tokenScore(a: string, ma: number, b: string, mb: number): number {
  if (a === b) return 1;
  if (a.length < FUZZY_MIN_LENGTH || b.length < FUZZY_MIN_LENGTH) return 0;
  if (Math.abs(a.length - b.length) > 2) return 0;
  // Each letter one word has and the other lacks costs at least one edit: a lower bound of the distance,
  // so when even it puts the ratio under the minimum, the real ratio is under it too.
  const max = Math.max(a.length, b.length);
  const missing = Math.max(popcount(ma & ~mb), popcount(mb & ~ma));
  if (1 - missing / max < FUZZY_MIN_RATIO) return 0;
  const r = editRatio(a, b);
  return r >= FUZZY_MIN_RATIO ? r : 0;
}

/** Best partner score per word of b, filled while scanning the rows. */
let colBest = new Float64Array(32);

/** An upper bound of `editRatio(a, b)` from the bag distance (a lower bound of the edit distance). */
function editRatioBound(a: string, b: string): number {
  return 1 - bagDistance(a, b) / Math.max(a.length, b.length);
}

/**
 * The weighted fuzzy Dice overlap of two multi-word profiles, or -1 as soon as it is certain to be under
 * `min` (every word of a that finds no perfect partner lowers the overlap by its weight times the shortfall;
 * a small margin keeps float rounding from ever cutting off a pair that would reach `min`).
 */
function dice(pa: Profile, pb: Profile, min: number): number {
  const na = pa.tokens.length;
  const nb = pb.tokens.length;
  if (colBest.length < nb) colBest = new Float64Array(nb * 2);
  colBest.fill(0, 0, nb);
  // a's side: each word's best partner in b (the column maxima give b's side in the same pass).
  const budget = min > 0 ? (1 - min) * (pa.total + pb.total) + 1e-9 : Infinity;
  let shortfall = 0;
  let xGot = 0;
  for (let i = 0; i < na; i++) {
    const t = pa.tokens[i];
    const mt = pa.masks[i];
    let best = 0;
    for (let j = 0; j < nb; j++) {
      const s = tokenScore(t, mt, pb.tokens[j], pb.masks[j]);
      if (s > best) best = s;
      if (s > colBest[j]) colBest[j] = s;
    }
    xGot += pa.weights[i] * best;
    shortfall += pa.weights[i] * (1 - best);
    if (shortfall > budget) return -1;
  }
  let yGot = 0;
  for (let j = 0; j < nb; j++) yGot += pb.weights[j] * colBest[j];
  return (xGot + yGot) / (pa.total + pb.total);
}

export function similarity(a: string, b: string): number {
  return similarityAtLeast(a, b, 0);
}

/**
 * A text prepared once for many comparisons (a button label): its normal form and word profile. The fuzzy
 * button stage compares every message with the same labels, so they are not re-normalised per message.
 */
export interface SimilarityTarget {
  normalized: string;
  profile: Profile | null;
  /** Session 12: what the bound of `cannotReach` needs of the target, worked out on first use. */
  shapes?: TargetShapes;
}

/**
 * Session 12 (speed): a word's shape is its length and letter mask (one number). Two equal words have equal shapes, and
 * tokenScore gives a word of the message more than 0 only against a target word it equals or a fuzzy partner that passes
 * the length and letter-mask tests; both are decided by shapes alone. So, from the message's shapes only (no profile, no
 * word strings):
 *  - a message word with a shape that can partner no target word adds its weight to the message's total and nothing to
 *    the overlap; a word's weight is at least STOP_WEIGHT, and 1 when no function word has its shape;
 *  - the overlap is at most (partnered message words, each weight <= 1, repeats counted) + (the target's total).
 * Dice <= (P + Tb) / (P + Q + Tb), which rises with P and falls with Q; with P over-counted and Q under-counted (each
 * distinct unpartnered shape counted once, at its lowest possible weight), when even that is under `min` the overlap
 * is too. Long messages against short examples are settled this way without building the message's profile.
 */
interface TargetShapes {
  /** Shape keys of the target's words (an equal word has an equal shape). */
  exact: number[];
  /** Lengths and masks of the target's words of FUZZY_MIN_LENGTH letters or more (fuzzy partners). */
  longLen: number[];
  longMask: number[];
}

/**
 * A shape as a small integer (30 bits, so V8 keeps it unboxed). Different shapes may share a key: that only makes the
 * bound looser (a shared key reads as a possible partner, a function word, or one unpartnered word), never wrong.
 */
const shapeKey = (len: number, mask: number) => (Math.imul(len, 0x9e3779b1) ^ mask) & 0x3fffffff;

/** Shapes of the function words: a word whose shape is none of them weighs 1. */
let stopShapes: Set<number> | null = null;
function stopShape(key: number): boolean {
  if (stopShapes === null) {
    stopShapes = new Set();
    for (const w of stopWords) {
      let m = 0;
      for (let i = 0; i < w.length; i++) m |= letterBit(w.charCodeAt(i));
      stopShapes.add(shapeKey(w.length, m));
    }
  }
  return stopShapes.has(key);
}

function targetShapes(target: SimilarityTarget): TargetShapes {
  if (target.shapes) return target.shapes;
  const p = target.profile!;
  const shapes: TargetShapes = { exact: [], longLen: [], longMask: [] };
  for (let j = 0; j < p.tokens.length; j++) {
    const t = p.tokens[j];
    shapes.exact.push(shapeKey(t.length, p.masks[j]));
    if (t.length >= FUZZY_MIN_LENGTH) {
      shapes.longLen.push(t.length);
      shapes.longMask.push(p.masks[j]);
    }
  }
  target.shapes = shapes;
  return shapes;
}

/** The message's word shapes (split on single spaces, like buildProfile), for the text in `shapesText`; reused buffers. */
let shapesText: string | null = null;
let shapeLen = new Int32Array(64);
let shapeMask = new Int32Array(64);
let shapeCount = 0;
function readShapes(normalized: string): void {
  if (shapesText === normalized) return;
  shapeCount = 0;
  let start = 0;
  let m = 0;
  const n = normalized.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? normalized.charCodeAt(i) : 32;
    if (c !== 32) {
      m |= letterBit(c);
      continue;
    }
    if (shapeCount === shapeLen.length) {
      const len = new Int32Array(shapeCount * 2);
      len.set(shapeLen);
      shapeLen = len;
      const mask = new Int32Array(shapeCount * 2);
      mask.set(shapeMask);
      shapeMask = mask;
    }
    shapeLen[shapeCount] = i - start;
    shapeMask[shapeCount] = m;
    shapeCount++;
    start = i + 1;
    m = 0;
  }
  shapesText = normalized;
}

/**
 * Unpartnered shape keys already counted for the message being bounded: an open-addressing table stamped with a
 * generation per call, so nothing is allocated or cleared per message (a Set's clear() allocates a new table).
 */
let countedKeys = new Int32Array(256);
let countedStamps = new Int32Array(256);
let countedGen = 0;
/** Adds `key` to this call's table; false when it was there already. */
function countOnce(key: number): boolean {
  const mask = countedKeys.length - 1;
  for (let h = Math.imul(key, 0x9e3779b1) >>> 0, i = h & mask; ; i = (i + 1) & mask) {
    if (countedStamps[i] !== countedGen) {
      countedStamps[i] = countedGen;
      countedKeys[i] = key;
      return true;
    }
    if (countedKeys[i] === key) return false;
  }
}

/** True when the weighted overlap of `normalized` (a message of two or more words) with the target is surely under `min`. */
function cannotReach(normalized: string, target: SimilarityTarget, min: number): boolean {
  const shapes = targetShapes(target);
  const tb = target.profile!.total;
  readShapes(normalized);
  let partnered = 0;
  let unpartnered = 0;
  // At most half full: a new generation, and a larger table for a very long message.
  if (shapeCount * 2 > countedKeys.length) {
    let size = countedKeys.length;
    while (shapeCount * 2 > size) size *= 2;
    countedKeys = new Int32Array(size);
    countedStamps = new Int32Array(size);
    countedGen = 0;
  }
  if (++countedGen === 0x7fffffff) {
    countedStamps.fill(0);
    countedGen = 1;
  }
  for (let k = 0; k < shapeCount; k++) {
    const len = shapeLen[k];
    const mask = shapeMask[k];
    const key = shapeKey(len, mask);
    let may = false;
    for (let j = 0; j < shapes.exact.length && !may; j++) may = shapes.exact[j] === key;
    if (!may && len >= FUZZY_MIN_LENGTH) {
      for (let j = 0; j < shapes.longLen.length && !may; j++) {
        const lb = shapes.longLen[j];
        if (Math.abs(len - lb) > 2) continue;
        const mb = shapes.longMask[j];
        const missing = Math.max(popcount(mask & ~mb), popcount(mb & ~mask));
        may = 1 - missing / Math.max(len, lb) >= FUZZY_MIN_RATIO;
      }
    }
    if (may) partnered += 1;
    else if (countOnce(key)) {
      unpartnered += stopShape(key) ? STOP_WEIGHT : 1;
      // Session 13 (speed): the bound only rises with partners and only falls with unpartnered shapes, so when it is under
      // `min` even if every word still to read had a partner, the answer is already known (a long message against a short
      // example settles after about a third of its words). The extra margin keeps rounding from ever deciding otherwise.
      const most = partnered + (shapeCount - k - 1) + tb;
      if (most / (most + unpartnered) < min - 1e-9 - 1e-12) return true;
    }
  }
  return (partnered + tb) / (partnered + unpartnered + tb) < min - 1e-9;
}

export function similarityTarget(text: string): SimilarityTarget {
  const normalized = normalizeText(text);
  return { normalized, profile: normalized === '' ? null : buildProfile(normalized) };
}

/** The last `a`, its normal form and profile: callers compare one text with many labels in a row. */
let lastA = '';
let lastNa = '';
let lastPa: Profile | null = null;

/**
 * `similarity(a, b)` when it is >= `min`; otherwise some value under `min` (callers that only act on
 * scores >= `min`, like the fuzzy button stage, skip most of the work for texts that are clearly different).
 */
export function similarityAtLeast(a: string, b: string, min: number): number {
  const nb = normalizeText(b);
  return similarityToTarget(a, { normalized: nb, profile: nb === '' ? null : profileOf(nb) }, min);
}

/** `similarityAtLeast(a, target's text, min)` for a prepared target. */
export function similarityToTarget(a: string, target: SimilarityTarget, min: number): number {
  if (a !== lastA) {
    lastNa = normalizeText(a);
    lastPa = null;
    lastA = a;
  }
  const na = lastNa;
  const nb = target.normalized;
  if (na === nb) return na === '' ? 0 : 1;
  if (na === '' || nb === '' || target.profile === null) return 0;
  const pb = target.profile;
  // Session 12: a message that cannot reach `min` against a target of several words (see TargetShapes) skips its profile
  // and the overlap; only the whole-string ratio can still reach `min` then, exactly as when the overlap gives up below.
  if (min > 0 && lastPa === null && pb.tokens.length > 1 && na.includes(' ') && cannotReach(na, target, min)) {
    const longer = Math.max(na.length, nb.length);
    const bound = 1 - Math.abs(na.length - nb.length) / longer;
    const whole = bound >= 0.8 && bound >= min && editRatioBound(na, nb) >= 0.8 ? editRatio(na, nb) : 0;
    return Math.min(0.99, Math.max(0, whole >= 0.8 ? whole : 0));
  }
  // The message's profile once per message, not once per label.
  const pa = (lastPa ??= profileOf(na));
  let score: number;
  if (pa.tokens.length === 1 && pb.tokens.length === 1) {
    score = min > 0 && editRatioBound(na, nb) < min ? 0 : editRatio(na, nb);
  } else {
    // The whole-string edit ratio can only matter when it could reach 0.8 and beat the overlap; its upper
    // bound is 1 - |length difference| / longer length, so most pairs skip the quadratic computation.
    const longer = Math.max(na.length, nb.length);
    const bound = 1 - Math.abs(na.length - nb.length) / longer;
    const d = dice(pa, pb, min);
    if (d < 0) {
      // The overlap is under `min`: only the whole-string ratio can still reach it (and then it is the score).
      const whole = bound >= 0.8 && bound >= min && editRatioBound(na, nb) >= 0.8 ? editRatio(na, nb) : 0;
      score = whole >= 0.8 ? whole : 0;
    } else {
      // The character-count bound settles most of the rest the same way (a ratio under 0.8 is dropped anyway).
      const whole = bound >= 0.8 && bound > d && editRatioBound(na, nb) >= 0.8 ? editRatio(na, nb) : 0;
      score = Math.max(d, whole >= 0.8 ? whole : 0);
    }
  }
  return Math.min(0.99, Math.max(0, score));
}
