/**
 * How alike two short texts are, 0..1, after normalizeText. Identical texts score 1.
 * - Two single words: character edit ratio with transpositions ("refnud" vs "refund" = 0.83).
 * - Otherwise: a weighted, fuzzy token-set overlap (Dice): each word finds its best partner on the other
 *   side (exact = 1, a typo of a 5+ letter word = its edit ratio when >= 0.75), function words ("is",
 *   "my") weigh 0.3 so two sentences do not look alike just because both say "is my". Word order does not
 *   matter; a near-identical string ("whereis my order") is also caught by the whole-string edit ratio.
 * Non-identical texts are capped at 0.99 so 1 always means "the same after normalisation".
 */
import { normalizeText } from './normalizeText';
import { editRatio } from './editDistance';
import { isStopWord } from './stopWords';

const STOP_WEIGHT = 0.3;
const FUZZY_MIN_LENGTH = 5;
const FUZZY_MIN_RATIO = 0.75;

function tokenScore(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < FUZZY_MIN_LENGTH || b.length < FUZZY_MIN_LENGTH) return 0;
  if (Math.abs(a.length - b.length) > 2) return 0;
  const r = editRatio(a, b);
  return r >= FUZZY_MIN_RATIO ? r : 0;
}

function sideScore(from: string[], to: string[]): { got: number; total: number } {
  let got = 0;
  let total = 0;
  for (const t of from) {
    const w = isStopWord(t) ? STOP_WEIGHT : 1;
    let best = 0;
    for (const u of to) {
      const s = tokenScore(t, u);
      if (s > best) best = s;
      if (best === 1) break;
    }
    got += w * best;
    total += w;
  }
  return { got, total };
}

/** Distinct words of a normalised text, cached: button labels and recent questions are compared again and again. */
const tokenCache = new Map<string, string[]>();
const TOKEN_CACHE_SIZE = 2000;
function tokensOf(normalized: string): string[] {
  let tokens = tokenCache.get(normalized);
  if (!tokens) {
    if (tokenCache.size >= TOKEN_CACHE_SIZE) tokenCache.clear();
    tokens = [...new Set(normalized.split(' '))];
    tokenCache.set(normalized, tokens);
  }
  return tokens;
}

export function similarity(a: string, b: string): number {
  const na = normalizeText(a);
  const nb = normalizeText(b);
  if (na === nb) return na === '' ? 0 : 1;
  if (na === '' || nb === '') return 0;
  const ta = tokensOf(na);
  const tb = tokensOf(nb);
  let score: number;
  if (ta.length === 1 && tb.length === 1) {
    score = editRatio(na, nb);
  } else {
    const x = sideScore(ta, tb);
    const y = sideScore(tb, ta);
    const dice = (x.got + y.got) / (x.total + y.total);
    // The whole-string edit ratio can only matter when it could reach 0.8 and beat the overlap; its upper
    // bound is 1 - |length difference| / longer length, so most pairs skip the quadratic computation.
    const longer = Math.max(na.length, nb.length);
    const bound = 1 - Math.abs(na.length - nb.length) / longer;
    const whole = bound >= 0.8 && bound > dice ? editRatio(na, nb) : 0;
    score = Math.max(dice, whole >= 0.8 ? whole : 0);
  }
  return Math.min(0.99, Math.max(0, score));
}
