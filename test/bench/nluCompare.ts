/**
 * Compares the NLU candidates that are installed on the labelled fixtures in test/fixtures/nlu and prints
 * a markdown table (saved by hand to test/bench/nlu-comparison.md).
 * Run: npx tsx test/bench/nluCompare.ts
 *
 * Sentiment: "negative" = score <= -0.3. Recall on negative messages, false flags on neutral/positive ones.
 * Intents: a paraphrase counts as right when the top intent is correct with confidence >= 0.5 (the
 * intent_router default threshold); out-of-scope messages should get low confidence.
 */
import vader from 'vader-sentiment';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import bm25Vectorizer from 'wink-nlp/utilities/bm25-vectorizer';
import similarityUtil from 'wink-nlp/utilities/similarity';
import { sentimentDetail, sentimentOf } from '../../shared/nlu/sentiment';
import { createIntentMatcher } from '../../shared/nlu/createIntentMatcher';
import { analyzeText } from '../../shared/nlu/analyzeText';
import { normalizeText } from '../../shared/nlu/normalizeText';
import { stemTokens } from '../../shared/nlu/stem';
import { isStopWord } from '../../shared/nlu/stopWords';
import type { IntentDefinition, IntentMatch } from '../../shared/nlu/types';
import sentimentData from '../fixtures/nlu/sentiment.json';
import intentsData from '../fixtures/nlu/intents.json';
import intentTests from '../fixtures/nlu/intent-tests.json';

const labelled = sentimentData as { text: string; label: string }[];
const intents = intentsData as IntentDefinition[];
const cases = intentTests as { text: string; intent: string | null }[];
const NEG = -0.3;
const THRESHOLD = 0.5;

/** Mean µs per call over enough repetitions of the inputs. */
function usPerCall(inputs: string[], f: (t: string) => unknown, minCalls = 20000): number {
  for (let r = 0; r < 5; r++) for (const t of inputs) f(t); // warm-up (JIT, lazy loading)
  const rounds = Math.max(1, Math.ceil(minCalls / inputs.length));
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) for (const t of inputs) f(t);
  return ((performance.now() - t0) * 1000) / (rounds * inputs.length);
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const rows: string[][] = [];

// ---------- sentiment ----------
function sentimentRow(name: string, score: (t: string) => number, timeIt: (t: string) => unknown) {
  const neg = labelled.filter((d) => d.label === 'negative');
  const other = labelled.filter((d) => d.label !== 'negative');
  const recall = neg.filter((d) => score(d.text) <= NEG).length / neg.length;
  const falseFlags = other.filter((d) => score(d.text) <= NEG).length / other.length;
  const us = usPerCall(labelled.map((d) => d.text), timeIt);
  rows.push([name, 'sentiment', `neg. recall ${pct(recall)}, false flags ${pct(falseFlags)}`, us.toFixed(1)]);
}

const vaderScore = (t: string) => vader.SentimentIntensityAnalyzer.polarity_scores(t).compound;
sentimentRow('vader-sentiment (original package)', vaderScore, vaderScore);
sentimentRow('baton VADER port (no customer-service additions)', (t) => sentimentDetail(t).vaderScore, (t) => sentimentDetail(t));
sentimentRow('baton sentimentOf (port + customer-service phrases)', (t) => sentimentOf(t).score, (t) => sentimentOf(t));

const nlp = winkNLP(model);
const its = nlp.its;
const winkSentiment = (t: string) => nlp.readDoc(t).out(its.sentiment) as number;
sentimentRow('wink-nlp its.sentiment', winkSentiment, winkSentiment);

// ---------- intents ----------
function intentRow(name: string, match: (t: string) => IntentMatch) {
  const inScope = cases.filter((c) => c.intent !== null);
  const oos = cases.filter((c) => c.intent === null);
  const acc = inScope.filter((c) => {
    const m = match(c.text);
    return m.intentId === c.intent && m.confidence >= THRESHOLD;
  }).length / inScope.length;
  const conf = oos.map((c) => match(c.text).confidence);
  const mean = conf.reduce((a, b) => a + b, 0) / conf.length;
  const low = conf.filter((c) => c < 0.35).length / conf.length;
  const us = usPerCall(cases.map((c) => c.text), match);
  rows.push([name, 'intent', `in-scope acc. ${pct(acc)}, out-of-scope mean conf. ${mean.toFixed(2)} (${pct(low)} < 0.35)`, us.toFixed(1)]);
}

const matcher = createIntentMatcher(intents);
intentRow('baton createIntentMatcher (TF-IDF + bigrams + typos, calibrated)', (t) => matcher.match(t));

/** Naive baseline: share of the message's content words found in an intent's examples. */
function contentWords(t: string): string[] {
  const n = normalizeText(t);
  return n === '' ? [] : n.split(' ').filter((w) => !isStopWord(w));
}
const intentVocab = intents.map((i) => new Set(i.examples.flatMap(contentWords)));
function keywordOverlap(t: string): IntentMatch {
  const words = contentWords(t);
  let best = -1;
  let bestScore = 0;
  intentVocab.forEach((v, i) => {
    const s = words.length === 0 ? 0 : words.filter((w) => v.has(w)).length / words.length;
    if (s > bestScore) {
      bestScore = s;
      best = i;
    }
  });
  if (best < 0) return { intentId: null, intentName: null, confidence: 0, ranking: [] };
  return { intentId: intents[best].id, intentName: intents[best].name, confidence: bestScore, ranking: [] };
}
intentRow('naive keyword overlap (baseline)', keywordOverlap);

/** wink-nlp BM25 vectors over the same stemmed content words, max cosine to an example. */
const bm25 = bm25Vectorizer();
const exampleIntent: number[] = [];
const stemsOf = (t: string) => stemTokens(contentWords(t));
intents.forEach((intent, i) => {
  for (const ex of intent.examples) {
    bm25.learn(stemsOf(ex));
    exampleIntent.push(i);
  }
});
const exampleBows = exampleIntent.map((_, n) => bm25.doc(n).out(its.bow) as Record<string, number>);
function winkBm25(t: string): IntentMatch {
  const bow = bm25.bowOf(stemsOf(t)) as Record<string, number>;
  let best = -1;
  let bestScore = 0;
  exampleBows.forEach((eb, n) => {
    const s = Object.keys(bow).length === 0 ? 0 : similarityUtil.bow.cosine(bow, eb);
    if (s > bestScore) {
      bestScore = s;
      best = exampleIntent[n];
    }
  });
  if (best < 0) return { intentId: null, intentName: null, confidence: 0, ranking: [] };
  return { intentId: intents[best].id, intentName: intents[best].name, confidence: bestScore, ranking: [] };
}
intentRow('wink-nlp BM25 vectorizer + cosine (max over examples)', winkBm25);

// ---------- whole-message analysis cost ----------
const words = 'where is my order the package never arrived and I want a refund please help me now thanks great bad terrible when do you open close on sunday can I pay with paypal'.split(' ');
let seed = 7;
const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const fresh: string[] = [];
for (let i = 0; i < 40000; i++) {
  const n = 5 + Math.floor(rnd() * 11);
  const w: string[] = [];
  for (let k = 0; k < n; k++) w.push(words[Math.floor(rnd() * words.length)]);
  fresh.push(`${w.join(' ')}${rnd() < 0.3 ? '!' : '?'}`);
}
// Fresh (unique) messages: the analysis cache never hits, so this is the uncached cost.
const half = fresh.slice(0, 20000);
for (const t of fresh.slice(20000)) analyzeText(t);
const t0 = performance.now();
for (const t of half) analyzeText(t);
const usAnalyze = ((performance.now() - t0) * 1000) / half.length;
rows.push(['baton analyzeText (normalise, stems, sentiment, entities, shouting)', 'analysis', 'unique 5-15 word messages, no cache hits', usAnalyze.toFixed(1)]);
rows.push(['wink-nlp readDoc + tokens/stems (full pipeline)', 'analysis', 'same messages', usPerCall(half.slice(0, 5000), (t) => nlp.readDoc(t).tokens().out(its.stem as unknown as typeof its.normal), 5000).toFixed(1)]);

// ---------- port fidelity ----------
const agree = labelled.filter((d) => Math.abs(sentimentDetail(d.text).vaderScore - vaderScore(d.text)) < 0.01).length;

console.log('| library | task | result | µs per call |');
console.log('|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
console.log('');
console.log(`VADER port agrees with vader-sentiment (|diff| < 0.01) on ${agree}/${labelled.length} fixture messages; the`);
console.log('differences are deliberate (emoji scored, emoticons not negated, negation/"but" case-insensitive as in the Python original).');
console.log('Sentiment and intent timings repeat the fixture sentences, so the normalizeText cache hits; the');
console.log('analyzeText row uses unique messages and is the honest per-message cost.');
console.log('Not installed, so not compared: natural, @nlpjs/nlp (node-nlp). Fixtures: ' +
  `${labelled.length} sentiment messages, ${intents.length} intents, ${cases.length} intent test sentences.`);
console.log(`Node ${process.version}; numbers vary by machine.`);
