/**
 * Intent matching with calibrated confidence, built once per intent_router block.
 *
 * Representation: TF-IDF over stemmed content words (function words removed) plus bigrams of consecutive
 * content stems (half weight), so "cancel order" beats a bag of the same words in another intent.
 * Score of an intent = 0.7 x best cosine with one of its examples + 0.3 x cosine with the intent's centroid
 * (at least best^4, so an exact example scores ~1 even when it is unlike the other examples).
 * Words never seen in any example keep their (maximal) weight in the query vector, so a message that is
 * mostly about something else ("can I order a pizza with extra cheese") scores low on every intent instead
 * of being pushed to the "least bad" one: confidence reflects ABSOLUTE similarity, not a softmax.
 * Typos: an unknown word of 5+ letters is mapped to a vocabulary word one edit away (two for 9+ letters).
 * Calibration: piecewise-linear on the score, fitted on test/fixtures/nlu (exact example ~0.9+, a paraphrase
 * sharing the key words > 0.6, unrelated text < 0.1), then lowered when the runner-up intent nearly ties.
 * Confidence never reaches 1. `ranking` scores are calibrated per intent, without the tie penalty.
 */
import type { IntentDefinition, IntentMatch, IntentMatcher, TextAnalysis } from './types';
import { normalizeText } from './normalizeText';
import { stemWord } from './stem';
import { isStopWord } from './stopWords';
import { editDistance } from './editDistance';
import { canonicalWord } from './synonyms';

const BIGRAM_WEIGHT = 0.5;
const EXAMPLE_WEIGHT = 0.7;
const RANKING_SIZE = 3;
/**
 * Calibration anchors (raw score -> confidence), linear in between. Fitted on test/fixtures/nlu: exact
 * examples score 0.82-0.96 raw, paraphrases 0.37-0.95, out-of-scope messages at most ~0.26.
 */
const CALIBRATION: [number, number][] = [
  [0, 0], [0.15, 0.05], [0.27, 0.2], [0.35, 0.5], [0.5, 0.7], [0.8, 0.9], [1, 0.97],
];

function calibrate(score: number): number {
  if (score <= 0) return 0;
  for (let i = 1; i < CALIBRATION.length; i++) {
    const [x1, y1] = CALIBRATION[i];
    if (score <= x1) {
      const [x0, y0] = CALIBRATION[i - 1];
      return y0 + ((score - x0) / (x1 - x0)) * (y1 - y0);
    }
  }
  return CALIBRATION[CALIBRATION.length - 1][1];
}

/**
 * Two intents scoring almost the same means we do not know which one the customer meant ("order" fits
 * track, cancel and change address): confidence drops towards half when the runner-up ties the best.
 */
function ambiguityFactor(best: number, second: number): number {
  const r = best > 0 ? second / best : 0;
  return 1 - 0.5 * r ** 4;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Determiners may sit inside a bigram ("cancel my order" -> "cancel order"); other function words break it. */
const DETERMINERS = new Set(['a', 'an', 'the', 'my', 'your', 'our', 'his', 'her', 'their', 'this', 'that', 'these', 'those']);

interface Content {
  /** Content words (function words removed, synonyms mapped; all words if nothing would remain). */
  words: string[];
  /** For each word, whether it forms a bigram with the previous content word. */
  joinsPrevious: boolean[];
}

function contentOf(tokens: string[]): Content {
  const words: string[] = [];
  const joinsPrevious: boolean[] = [];
  let chained = false;
  for (const t of tokens) {
    if (DETERMINERS.has(t)) continue;
    if (isStopWord(t)) {
      chained = false;
      continue;
    }
    words.push(canonicalWord(t));
    joinsPrevious.push(chained);
    chained = true;
  }
  if (words.length === 0) {
    for (const t of tokens) {
      words.push(canonicalWord(t));
      joinsPrevious.push(false);
    }
  }
  return { words, joinsPrevious };
}

interface Posting { doc: number; weight: number }

export function createIntentMatcher(intents: IntentDefinition[]): IntentMatcher {
  // ---- vocabulary and documents ----
  const termIds = new Map<string, number>();
  const termOf = (t: string) => {
    let id = termIds.get(t);
    if (id === undefined) {
      id = termIds.size;
      termIds.set(t, id);
    }
    return id;
  };
  /** Surface word -> stem, for typo correction against what examples actually say. */
  const surface = new Map<string, string>();
  const stemSet = new Set<string>();
  const docs: { intent: number; terms: Map<number, number> }[] = [];

  const featurize = (stems: string[], joins: boolean[], known: boolean): Map<string, number> => {
    const f = new Map<string, number>();
    for (const s of stems) f.set(s, (f.get(s) ?? 0) + 1);
    for (let i = 1; i < stems.length; i++) {
      if (!joins[i]) continue;
      const bg = `${stems[i - 1]} ${stems[i]}`;
      if (known || termIds.has(bg)) f.set(bg, (f.get(bg) ?? 0) + BIGRAM_WEIGHT);
    }
    return f;
  };

  intents.forEach((intent, ii) => {
    for (const ex of intent.examples) {
      const content = contentOf(tokensOf(ex));
      if (content.words.length === 0) continue;
      const stems = content.words.map((t) => {
        const s = stemWord(t);
        surface.set(t, s);
        stemSet.add(s);
        return s;
      });
      const terms = new Map<number, number>();
      for (const [t, tf] of featurize(stems, content.joinsPrevious, true)) terms.set(termOf(t), tf);
      docs.push({ intent: ii, terms });
    }
  });

  // ---- IDF (smoothed, over examples) ----
  const nDocs = Math.max(docs.length, 1);
  const df = new Float64Array(termIds.size);
  for (const d of docs) for (const id of d.terms.keys()) df[id]++;
  const idf = new Float64Array(termIds.size);
  for (let i = 0; i < idf.length; i++) idf[i] = Math.log(1 + nDocs / df[i]);
  /** An unseen word counts as rarer than any seen one: it must dilute the query, not vanish. */
  const idfUnknown = Math.log(1 + nDocs / 0.5);

  // ---- example vectors (L2-normalised) as an inverted index; intent centroids likewise ----
  const examplePostings: Posting[][] = Array.from({ length: termIds.size }, () => []);
  const centroidAcc = intents.map(() => new Map<number, number>());
  const exampleCount = new Float64Array(intents.length);
  docs.forEach((d, di) => {
    let norm = 0;
    for (const [id, tf] of d.terms) norm += (tf * idf[id]) ** 2;
    norm = Math.sqrt(norm) || 1;
    for (const [id, tf] of d.terms) {
      const w = (tf * idf[id]) / norm;
      examplePostings[id].push({ doc: di, weight: w });
      const acc = centroidAcc[d.intent];
      acc.set(id, (acc.get(id) ?? 0) + w);
    }
    exampleCount[d.intent]++;
  });
  const centroidPostings: Posting[][] = Array.from({ length: termIds.size }, () => []);
  centroidAcc.forEach((acc, ii) => {
    let norm = 0;
    for (const w of acc.values()) norm += w * w;
    norm = Math.sqrt(norm) || 1;
    for (const [id, w] of acc) centroidPostings[id].push({ doc: ii, weight: w / norm });
  });
  const docIntent = Int32Array.from(docs.map((d) => d.intent));

  // ---- typo correction buckets: vocabulary words by length ----
  const byLength = new Map<number, string[]>();
  for (const w of surface.keys()) {
    const list = byLength.get(w.length) ?? [];
    list.push(w);
    byLength.set(w.length, list);
  }
  const corrections = new Map<string, string | null>();
  const correct = (token: string): string | null => {
    const cached = corrections.get(token);
    if (cached !== undefined) return cached;
    let best: string | null = null;
    if (token.length === 4 && !/\d/.test(token)) {
      // Short words: only a single missing letter ("ordr" -> "order"); substitutions are too ambiguous
      // ("card" / "cart").
      for (const w of byLength.get(5) ?? []) {
        if (editDistance(token, w) === 1) {
          best = surface.get(w) ?? null;
          break;
        }
      }
    } else if (token.length >= 5 && !/\d/.test(token)) {
      const maxEdits = token.length >= 9 ? 2 : 1;
      let bestD = maxEdits + 1;
      for (let len = token.length - maxEdits; len <= token.length + maxEdits; len++) {
        for (const w of byLength.get(len) ?? []) {
          const d = editDistance(token, w);
          if (d < bestD) {
            bestD = d;
            best = surface.get(w) ?? null;
          }
        }
      }
    }
    if (corrections.size > 5000) corrections.clear();
    corrections.set(token, best);
    return best;
  };

  const exScores = new Float64Array(docs.length);
  const intentScores = new Float64Array(intents.length);
  const centroidScores = new Float64Array(intents.length);

  const empty = (): IntentMatch => ({ intentId: null, intentName: null, confidence: 0, ranking: [] });

  function match(input: string | TextAnalysis): IntentMatch {
    if (docs.length === 0) return empty();
    const tokens = typeof input === 'string' ? tokensOf(input) : input.tokens;
    const content = contentOf(tokens);
    if (content.words.length === 0) return empty();
    const stems: string[] = [];
    for (const t of content.words) {
      const s = stemWord(t);
      if (stemSet.has(s)) stems.push(s);
      else stems.push(correct(t) ?? s);
    }
    // Query vector: known terms by id, unknown ones only add to the norm.
    const q = featurize(stems, content.joinsPrevious, false);
    let qNorm = 0;
    const qIds: number[] = [];
    const qW: number[] = [];
    for (const [t, tf] of q) {
      const id = termIds.get(t);
      const w = tf * (id === undefined ? idfUnknown : idf[id]);
      qNorm += w * w;
      if (id !== undefined) {
        qIds.push(id);
        qW.push(w);
      }
    }
    if (qIds.length === 0) return empty();
    qNorm = Math.sqrt(qNorm);
    let knownWords = 0;
    for (const s of stems) if (termIds.has(s)) knownWords++;
    // Extra penalty when most of the message is about something the intents never mention.
    const coverage = Math.sqrt(knownWords / stems.length);

    exScores.fill(0);
    centroidScores.fill(0);
    for (let k = 0; k < qIds.length; k++) {
      const w = qW[k] / qNorm;
      for (const p of examplePostings[qIds[k]]) exScores[p.doc] += w * p.weight;
      for (const p of centroidPostings[qIds[k]]) centroidScores[p.doc] += w * p.weight;
    }
    intentScores.fill(0);
    for (let d = 0; d < exScores.length; d++) {
      const ii = docIntent[d];
      if (exScores[d] > intentScores[ii]) intentScores[ii] = exScores[d];
    }
    const ranked: { index: number; score: number }[] = [];
    for (let ii = 0; ii < intents.length; ii++) {
      // The centroid term rewards agreeing with the intent as a whole; for a (near-)exact example it is
      // floored by ex^4 so repeating an unusual example verbatim still scores ~1.
      const ex = intentScores[ii];
      const s = coverage * (EXAMPLE_WEIGHT * ex + (1 - EXAMPLE_WEIGHT) * Math.max(centroidScores[ii], ex ** 4));
      if (s > 0) ranked.push({ index: ii, score: s });
    }
    if (ranked.length === 0) return empty();
    ranked.sort((a, b) => b.score - a.score);
    const ranking = ranked.slice(0, RANKING_SIZE).map((r) => ({
      intentId: intents[r.index].id,
      intentName: intents[r.index].name,
      score: round3(calibrate(r.score)),
    }));
    const best = ranking[0];
    const confidence = round3(calibrate(ranked[0].score) * ambiguityFactor(ranked[0].score, ranked[1]?.score ?? 0));
    return { intentId: best.intentId, intentName: best.intentName, confidence, ranking };
  }

  return { match };
}

function tokensOf(text: string): string[] {
  const n = normalizeText(text);
  return n === '' ? [] : n.split(' ');
}
