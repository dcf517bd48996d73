/**
 * Intent matching with calibrated confidence, built once per intent_router block.
 *
 * Representation: TF-IDF over stemmed content words (function words removed) plus bigrams of consecutive
 * content stems (half weight), so "cancel order" beats a bag of the same words in another intent.
 * Score of an intent = 0.7 x best cosine with one of its examples + 0.3 x cosine with the intent's centroid.
 * Words never seen in any example keep their (maximal) weight in the query vector, so a message that is
 * mostly about something else ("can I order a pizza with extra cheese") scores low on every intent instead
 * of being pushed to the "least bad" one: confidence reflects ABSOLUTE similarity, not a softmax.
 * Typos: an unknown word of 5+ letters is mapped to a vocabulary word one edit away (two for 9+ letters).
 * Calibration: a logistic curve on the score, fitted on test/fixtures/nlu (exact example ~0.95, a paraphrase
 * sharing the key words > 0.6, unrelated text < 0.1). Confidence never reaches 1.
 */
import type { IntentDefinition, IntentMatch, IntentMatcher, TextAnalysis } from './types';
import { normalizeText } from './normalizeText';
import { stemWord } from './stem';
import { isStopWord } from './stopWords';
import { editDistance } from './editDistance';

const BIGRAM_WEIGHT = 0.5;
const EXAMPLE_WEIGHT = 0.7;
const RANKING_SIZE = 3;
/** Logistic calibration: confidence = MAX / (1 + exp(-SLOPE * (score - MIDPOINT))). */
const CAL_MAX = 0.97;
const CAL_MIDPOINT = 0.35;
const CAL_SLOPE = 12;

function calibrate(score: number): number {
  if (score <= 0) return 0;
  const c = CAL_MAX / (1 + Math.exp(-CAL_SLOPE * (score - CAL_MIDPOINT)));
  // Shift so that a score of 0 maps to exactly 0 and the curve stays monotonic.
  const c0 = CAL_MAX / (1 + Math.exp(CAL_SLOPE * CAL_MIDPOINT));
  return Math.round(((c - c0) / (1 - c0 / CAL_MAX)) * 1000) / 1000;
}

/** Content words of a text: tokens without function words (all tokens if that would leave nothing). */
function contentTokens(tokens: string[]): string[] {
  const content = tokens.filter((t) => !isStopWord(t));
  return content.length > 0 ? content : tokens;
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

  const featurize = (stems: string[], known: boolean): Map<string, number> => {
    const f = new Map<string, number>();
    for (const s of stems) f.set(s, (f.get(s) ?? 0) + 1);
    for (let i = 0; i + 1 < stems.length; i++) {
      const bg = `${stems[i]} ${stems[i + 1]}`;
      if (known || termIds.has(bg)) f.set(bg, (f.get(bg) ?? 0) + BIGRAM_WEIGHT);
    }
    return f;
  };

  intents.forEach((intent, ii) => {
    for (const ex of intent.examples) {
      const toks = contentTokens(tokensOf(ex));
      if (toks.length === 0) continue;
      const stems = toks.map((t) => {
        const s = stemWord(t);
        surface.set(t, s);
        stemSet.add(s);
        return s;
      });
      const terms = new Map<number, number>();
      for (const [t, tf] of featurize(stems, true)) terms.set(termOf(t), tf);
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
    if (token.length >= 5 && !/\d/.test(token)) {
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
    const toks = contentTokens(tokens);
    if (toks.length === 0) return empty();
    const stems: string[] = [];
    for (const t of toks) {
      const s = stemWord(t);
      if (stemSet.has(s)) stems.push(s);
      else stems.push(correct(t) ?? s);
    }
    // Query vector: known terms by id, unknown ones only add to the norm.
    const q = featurize(stems, false);
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
      const s = EXAMPLE_WEIGHT * intentScores[ii] + (1 - EXAMPLE_WEIGHT) * centroidScores[ii];
      if (s > 0) ranked.push({ index: ii, score: s });
    }
    if (ranked.length === 0) return empty();
    ranked.sort((a, b) => b.score - a.score);
    const ranking = ranked.slice(0, RANKING_SIZE).map((r) => ({
      intentId: intents[r.index].id,
      intentName: intents[r.index].name,
      score: calibrate(r.score),
    }));
    const best = ranking[0];
    return { intentId: best.intentId, intentName: best.intentName, confidence: best.score, ranking };
  }

  return { match };
}

function tokensOf(text: string): string[] {
  const n = normalizeText(text);
  return n === '' ? [] : n.split(' ');
}
