/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions), so the common typo
 * "refnud" for "refund" costs 1 edit instead of 2. Short strings only use a reusable buffer; long strings
 * fall back to fastest-levenshtein (no transpositions, but very fast).
 */
import { distance as levenshtein } from 'fastest-levenshtein';

const MAX_SHORT = 64;
let prev2 = new Int32Array(MAX_SHORT + 1);
let prev = new Int32Array(MAX_SHORT + 1);
let cur = new Int32Array(MAX_SHORT + 1);

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  if (a.length > MAX_SHORT || b.length > MAX_SHORT) return levenshtein(a, b);
  const n = b.length;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
    }
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[n];
}

/** 1 - distance / longer length: 1 for equal strings, 0 for completely different ones. */
export function editRatio(a: string, b: string): number {
  const max = Math.max(a.length, b.length);
  return max === 0 ? 1 : 1 - editDistance(a, b) / max;
}

const bag = new Int32Array(128);
/**
 * A lower bound of `editDistance(a, b)` from character counts ("bag distance"): every character one string
 * has in excess of the other costs at least one edit (transpositions do not change the counts). Codes are
 * folded to 7 bits, which can only make the bound looser. O(length), against the edit distance's O(length^2).
 */
export function bagDistance(a: string, b: string): number {
  for (let i = 0; i < a.length; i++) bag[a.charCodeAt(i) & 127]++;
  for (let i = 0; i < b.length; i++) bag[b.charCodeAt(i) & 127]--;
  let aExcess = 0;
  let bExcess = 0;
  // Reset while reading, touching only the codes used, so a call costs O(length) not O(128).
  for (let i = 0; i < a.length; i++) {
    const c = a.charCodeAt(i) & 127;
    const v = bag[c];
    if (v > 0) aExcess += v;
    else bExcess -= v;
    bag[c] = 0;
  }
  for (let i = 0; i < b.length; i++) {
    const c = b.charCodeAt(i) & 127;
    bExcess -= Math.min(0, bag[c]);
    bag[c] = 0;
  }
  return Math.max(aExcess, bExcess);
}
