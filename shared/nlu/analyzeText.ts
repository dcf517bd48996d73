/**
 * One-stop analysis of a customer message: normalised text, tokens, stems, sentiment, entities, shouting.
 * Everything is synchronous and model-free at call time (lexicons are plain objects loaded once by the
 * module system), so it runs the same in the browser, in Node and in tests.
 *
 * Speed: ~10 µs for a fresh 5-15 word message (see test/bench/nluCompare.ts); repeated texts hit a small
 * LRU cache. Callers must treat the returned object as read-only because cached analyses are shared.
 */
import type { Entity, TextAnalysis } from './types';
import { normalizeText } from './normalizeText';
import { stemTokens } from './stem';
import { sentimentDetail } from './sentiment';
import { extractEntities } from './entities';
import { asciiDigits, withoutInvisible } from '../engine/unicodeText';

const CACHE_LIMIT = 500;
const cache = new Map<string, TextAnalysis>();

export function analyzeText(text: string): TextAnalysis {
  const hit = cache.get(text);
  if (hit !== undefined) {
    // Refresh recency: Map keeps insertion order, so re-inserting moves the entry to the end.
    cache.delete(text);
    cache.set(text, hit);
    return hit;
  }
  const normalized = normalizeText(text);
  const tokens = normalized === '' ? [] : normalized.split(' ');
  const { score, negativeWords } = sentimentDetail(text, tokens);
  // Session 30 (hostile s29 H9): "ＮＷ－１０４２３３" (full-width) and "NW-\u200B104233" (an invisible character inside)
  // were no order number: entities are read, and `text` kept, as the characters show (see readableText).
  const readable = readableText(text);
  const analysis: TextAnalysis = {
    text: readable,
    normalized,
    tokens,
    stems: stemTokens(tokens),
    sentiment: { score, negativeWords },
    entities: extractEntities(readable),
    shouting: shoutingOf(text),
  };
  if (cache.size >= CACHE_LIMIT) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  cache.set(text, analysis);
  return analysis;
}

/**
 * Session 36 (perf): the analysis of `text` if the cache holds it, else undefined; never analyses, and leaves the cache's
 * order as it is (engine/upsetScores.ts reads the scores of texts a step has already analysed).
 */
export function analyzedAlready(text: string): TextAnalysis | undefined {
  return cache.get(text);
}

/** Fraction of upper-case letters among the letters of words with 2+ letters (ASCII fast path). */
export function shoutingOf(text: string): number {
  let upper = 0;
  let letters = 0;
  let runUpper = 0;
  let runLetters = 0;
  // A word ends at a non-letter (and at the end of the text: i === length); the flush is written inline
  // rather than as a closure, which would be created on every message.
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    if (c >= 65 && c <= 90) {
      runUpper++;
      runLetters++;
      continue;
    }
    if (c >= 97 && c <= 122) {
      runLetters++;
      continue;
    }
    if (c > 127) {
      const ch = text[i];
      const lo = ch.toLowerCase();
      const up = ch.toUpperCase();
      if (lo !== up) {
        runLetters++;
        if (ch === up) runUpper++;
        continue;
      }
    }
    if (runLetters >= 2) {
      upper += runUpper;
      letters += runLetters;
    }
    runUpper = 0;
    runLetters = 0;
  }
  return letters === 0 ? 0 : upper / letters;
}

/**
 * Session 41 (issue 8): the entities of `text`, exactly `analyzeText(text).entities`, without the rest of the analysis
 * when it is not cached (VADER, stems: ~85% of an analysis). The ticket's phone check analysed each answer in full for
 * its entities alone (5.9% of the engine step on the bench's out-of-hours path, 0.8% of it the entities).
 */
export function entitiesOf(text: string): Entity[] {
  const hit = cache.get(text);
  return hit !== undefined ? hit.entities : extractEntities(readableText(text));
}

/** Full-width ASCII forms (U+FF01-U+FF5E) and the ideographic space. */
const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/;
/** A decimal digit of another script than ASCII ("١", "۱", "१"); full-width ones are read below with the rest. */
const OTHER_DIGIT = /(?![0-9\uFF10-\uFF19])\p{Nd}/u;
/**
 * `text` as its characters show: invisible characters dropped (withoutInvisible), full-width ASCII forms read as ASCII
 * ("ＮＷ－１０４２３３" is "NW-104233") and other scripts' decimal digits as ASCII digits (session 34). The same string when
 * it has none of them (almost every message).
 */
export function readableText(text: string): string {
  let visible = withoutInvisible(text);
  // Session 34 (hostile s33 #4): "NW-١٠٤٢٣٣" is NW-104233 (it got the order question's format line).
  if (OTHER_DIGIT.test(visible)) visible = asciiDigits(visible);
  if (!FULL_WIDTH.test(visible)) return visible;
  return visible.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}
