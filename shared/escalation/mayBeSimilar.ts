/**
 * A cheap, safe pre-check before the NLU `similarity` (which costs ~15-20 µs per pair; the loop detector
 * compares a message with up to 6 earlier ones, which alone would blow the policy's time budget).
 *
 * Returns false only when `similarity(a, b) >= threshold` is impossible, from two upper bounds:
 *  - whole-string edit ratio: two lower bounds of the edit distance d (with adjacent transpositions):
 *    the "bag distance" (characters one string has in excess of the other), and the bigram count: one edit
 *    destroys at most 3 bigrams, so d >= (longer length - 1 - common bigrams) / 3;
 *  - word overlap: a word can only score if the other text has the same word or a close one (a typo whose
 *    distinct-missing-letters ratio is >= 0.7); counting every such word as a perfect match, and every other word at a
 *    stop word's lowest weight, bounds the fuzzy Dice score from above.
 * The bounds are deliberately looser than the NLU's constants (4-letter typos, ratio 0.7, stop weight 0.25)
 * so a small change there does not make this reject a real repeat; mayBeSimilar.test.ts checks it against
 * `similarity` on many pairs.
 */
import { bagDistance } from '../nlu/editDistance';
import { isStopWord } from '../nlu/stopWords';

const WHOLE_MIN = 0.8;
const MIN_STOP_WEIGHT = 0.25;
const TOKEN_MIN_RATIO = 0.7;
/** Bigram counts, hashed; a collision only makes the bound looser, never wrong. */
const grams = new Int32Array(4096);

function gramHash(s: string, i: number): number {
  return ((s.charCodeAt(i) * 131) ^ s.charCodeAt(i + 1)) & 4095;
}

/** Lower bound of the edit distance from shared bigrams. */
function bigramDistance(a: string, b: string): number {
  for (let i = 0; i + 1 < a.length; i++) grams[gramHash(a, i)]++;
  let common = 0;
  for (let i = 0; i + 1 < b.length; i++) {
    const h = gramHash(b, i);
    if (grams[h] > 0) {
      grams[h]--;
      common++;
    }
  }
  for (let i = 0; i + 1 < a.length; i++) grams[gramHash(a, i)] = 0;
  return Math.max(0, (Math.max(a.length, b.length) - 1 - common) / 3);
}

function wholeRatioBound(a: string, b: string): number {
  const max = Math.max(a.length, b.length);
  if (max === 0) return 1;
  return 1 - Math.max(bagDistance(a, b), bigramDistance(a, b)) / max;
}

/** Per-text data reused across calls: a text is compared on every turn it stays in `memory.recent`. */
interface Signature {
  words: string[];
  /** Bit i set when the word contains letter i (a-z; other characters share bit 26..31). */
  masks: number[];
}
const SIGNATURE_LIMIT = 512;
const signatures = new Map<string, Signature>();

function letterBit(c: number): number {
  return c >= 97 && c <= 122 ? 1 << (c - 97) : 1 << (26 + (c % 6));
}

function signatureOf(text: string): Signature {
  let sig = signatures.get(text);
  if (sig) return sig;
  const words: string[] = [];
  for (const w of text.split(' ')) if (!words.includes(w)) words.push(w);
  const masks = words.map((w) => {
    let m = 0;
    for (let i = 0; i < w.length; i++) m |= letterBit(w.charCodeAt(i));
    return m;
  });
  sig = { words, masks };
  if (signatures.size >= SIGNATURE_LIMIT) signatures.clear();
  signatures.set(text, sig);
  return sig;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * Whether word i of `a` may score against some word of `b`: the same word, or a typo. A letter one word
 * has and the other lacks costs at least one edit, so the distinct missing letters bound the edit distance
 * from below (looser than the bag distance, but a few integer operations).
 */
function canPair(a: Signature, i: number, b: Signature): boolean {
  const t = a.words[i];
  const mt = a.masks[i];
  for (let j = 0; j < b.words.length; j++) {
    const u = b.words[j];
    if (t === u) return true;
    if (t.length < 4 || u.length < 4) continue;
    const max = Math.max(t.length, u.length);
    if (1 - Math.abs(t.length - u.length) / max < TOKEN_MIN_RATIO) continue;
    const mu = b.masks[j];
    const missing = Math.max(popcount(mt & ~mu), popcount(mu & ~mt));
    if (1 - missing / max >= TOKEN_MIN_RATIO) return true;
  }
  return false;
}

/**
 * Whether the word-overlap bound can reach `threshold`. Every word weighs at most 1, so once the words that
 * cannot pair weigh more than (1 - t) / t times the number of words, the bound is below t: stop there.
 */
function overlapCanReach(a: Signature, b: Signature, threshold: number): boolean {
  const budget = ((1 - threshold) / threshold) * (a.words.length + b.words.length);
  let possible = 0;
  let impossible = 0;
  for (let side = 0; side < 2; side++) {
    const from = side === 0 ? a : b;
    const to = side === 0 ? b : a;
    for (let i = 0; i < from.words.length; i++) {
      if (canPair(from, i, to)) possible += 1;
      else {
        impossible += isStopWord(from.words[i]) ? MIN_STOP_WEIGHT : 1;
        if (impossible > budget) return false;
      }
    }
  }
  return possible + impossible > 0 && possible / (possible + impossible) >= threshold;
}

export function mayBeSimilar(a: string, b: string, threshold: number): boolean {
  if (a === b || threshold <= 0) return true;
  const sa = signatureOf(a);
  const sb = signatureOf(b);
  // Two single words: the NLU uses the edit ratio alone.
  if (sa.words.length === 1 && sb.words.length === 1) return wholeRatioBound(a, b) >= threshold;
  if (overlapCanReach(sa, sb, threshold)) return true;
  // The whole-string ratio can only reach 0.8 when the lengths are within 20% of each other.
  const lengthRatio = Math.min(a.length, b.length) / Math.max(a.length, b.length);
  if (lengthRatio < WHOLE_MIN || lengthRatio < threshold) return false;
  const whole = wholeRatioBound(a, b);
  return whole >= WHOLE_MIN && whole >= threshold;
}
