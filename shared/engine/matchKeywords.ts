/**
 * Keyword router matching: a route matches when one of its keywords (a word or a phrase) appears in the
 * customer's normalised text as whole words. When nothing matches exactly, single words are compared
 * with each typed word for typos ("refnud" -> "refund"), so a typo does not send the customer to the
 * fallback. Exact matches always win over typo matches; among routes, the first in the list wins.
 */
import { similarity } from '../nlu/similarity';
import type { KeywordRoute } from './compileFlow';

const FUZZY = 0.8;
/** Short words are too easy to confuse ("card" vs "cart"): only longer keywords get typo tolerance. */
const FUZZY_MIN_LENGTH = 5;

export function matchKeywords(routes: KeywordRoute[], normalized: string): string | null {
  if (!normalized) return null;
  const pt = ` ${normalized} `;
  for (const r of routes) {
    if (r.keywords.some((k) => pt.includes(` ${k} `))) return r.id;
  }
  const words = normalized.split(' ');
  let best: string | null = null;
  let bestScore = 0;
  for (const r of routes) {
    for (const k of r.keywords) {
      if (k.includes(' ') || k.length < FUZZY_MIN_LENGTH) continue;
      for (const w of words) {
        if (Math.abs(w.length - k.length) > 2) continue;
        const s = similarity(w, k);
        if (s > bestScore) {
          bestScore = s;
          best = r.id;
        }
      }
    }
  }
  return bestScore >= FUZZY ? best : null;
}
