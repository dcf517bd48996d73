/**
 * What the detectors add to their word rules: the learned classifier's verdict and the designer's own
 * vocabulary (phrases, examples), each as a Signal whose explanation names the score, the threshold and
 * the words that fired. Also the near misses: a classifier score that came close to its threshold.
 */
import type { EscalationPolicy, EscalationReason } from '../flow/schema';
import type { TextAnalysis } from '../nlu/types';
import type { Signal, TurnFacts } from './types';
import { classifyMessage, OUTPUT_INDEX, topContributors } from './classifier/escalationClassifier';
import { CLASSIFIER_THRESHOLDS } from './classifier/thresholds';
import { NEGATIVE_STOP_WORDS } from './classifier/features';
import type { ClassifierOutput } from './classifier/outputs';
import { canonicalTokens, canonicalizeText } from './canonicalTokens';
import { normalizeText } from '../nlu/normalizeText';
import { phraseMatcher, type PhraseMatcher } from './phraseMatcher';
import { similarityTarget, similarityToTarget, type SimilarityTarget } from '../nlu/similarity';
import { reportNearMiss } from './nearMisses';

/** A near miss is a score at or above this share of its threshold. */
export const NEAR_MISS_SHARE = 0.6;
/** A message at least this similar to one of the designer's examples counts as that example. */
export const EXAMPLE_SIMILARITY = 0.72;

export function classifierOn(policy: EscalationPolicy): boolean {
  return policy.classifier?.enabled !== false;
}

export function classifierScore(analysis: TextAnalysis, output: ClassifierOutput): number {
  return classifyMessage(analysis)[OUTPUT_INDEX[output]];
}

const fmt = (n: number) => String(Number(n.toFixed(2)));
/** Words that carry no meaning for an agent reading the evidence (the classifier's stop list). */
const FUNCTION_WORDS = new Set(NEGATIVE_STOP_WORDS);
const quote = (words: string[]) => words.map((w) => `"${w}"`).join(', ');

/**
 * The classifier's signal for one output: fires at or above its threshold; returns a near miss (with
 * `nearMiss: true`) when the score is close; null otherwise.
 */
export function classifierSignal(
  facts: TurnFacts,
  reason: EscalationReason,
  output: ClassifierOutput,
  what: string,
  threshold: number = CLASSIFIER_THRESHOLDS[output],
  pickWords?: (words: string[]) => string[],
): { signal: Signal; nearMiss: boolean } | null {
  const score = classifierScore(facts.analysis, output);
  // Session 9 (newcomer s8 #35): a threshold the designer made stricter than the classifier's own still shows what it
  // silences: a reading that would fire at the default threshold is a near miss that names both.
  const base = CLASSIFIER_THRESHOLDS[output];
  const silenced = threshold > base && score >= base && score < threshold;
  if (threshold > 1 && !silenced) return null;
  if (score < threshold * NEAR_MISS_SHARE && !silenced) return null;
  const fired = score >= threshold;
  // Words are worked out for a signal that fires only (it allocates): a near miss names its score. Session 24 (newcomer
  // s19 F10): function words ("i", "on", "a", "with", "who") may push a score up but tell an agent nothing: not shown.
  // Session 44 (medical5): a detector may choose among them (pickWords: the topic's own words first).
  const contributors = fired ? topContributors(facts.analysis, output, 12).filter((w) => !FUNCTION_WORDS.has(w)) : [];
  const words = (pickWords === undefined ? contributors : pickWords(contributors)).slice(0, 4);
  const said = words.length > 0 ? ` (words: ${quote(words)})` : '';
  return {
    nearMiss: !fired,
    signal: {
      reason,
      score,
      threshold,
      evidence: [`classifier ${output} ${score.toFixed(2)}`, ...words],
      turn: facts.turn,
      source: 'classifier',
      explanation: fired
        ? `${what}: the classifier score ${score.toFixed(2)} is at or above the threshold ${fmt(threshold)}, so it fires${said}.`
        : silenced
          ? `Near miss (${what.charAt(0).toLowerCase()}${what.slice(1)}): the classifier score ${score.toFixed(2)} would fire at its default threshold ${fmt(base)}, but the policy's stricter setting puts the threshold at ${fmt(threshold)}${threshold > 1 ? ' (out of reach: only the word rules can fire)' : ''}, so it does not fire.`
          : `Near miss (${what.charAt(0).toLowerCase()}${what.slice(1)}): the classifier score ${score.toFixed(2)} is below the threshold ${fmt(threshold)}, so it does not fire${said}.`,
    },
  };
}

/**
 * Session 42 (studio3): what a classifier signal measured against what ("the classifier's negative score 0.81 is at or
 * above the threshold 0.75"), for a detector's own near-miss sentence ("Near miss (...): <this>, but ..., so it does not
 * fire"), which quoted the firing sentence and so read "..., so it fires (words: ...), but ..., so it does not fire".
 * Worked out when a near miss is reported, not for every reading.
 */
export function classifierMeasured(signal: Signal, output: ClassifierOutput): string {
  return `the classifier's ${output} score ${signal.score.toFixed(2)} is ${signal.score >= signal.threshold ? 'at or above' : 'below'} the threshold ${fmt(signal.threshold)}`;
}

/* ---------------------------------------------------------------- designer vocabulary */

const phraseCache = new WeakMap<readonly string[], PhraseMatcher>();
function designerMatcher(phrases: readonly string[]): PhraseMatcher {
  let m = phraseCache.get(phrases);
  if (!m) {
    m = phraseMatcher(phrases.map((p) => canonicalizeText(normalizeText(p)).join(' ')).filter((p) => p !== ''));
    phraseCache.set(phrases, m);
  }
  return m;
}

const exampleCache = new WeakMap<readonly string[], SimilarityTarget[]>();
function exampleTargets(examples: readonly string[]): SimilarityTarget[] {
  let t = exampleCache.get(examples);
  if (!t) {
    t = examples.map(similarityTarget).filter((x) => x.profile !== null);
    exampleCache.set(examples, t);
  }
  return t;
}

/** The designer's phrase found in the message (normalised words in order), or null. */
export function designerPhrase(analysis: TextAnalysis, phrases: readonly string[]): string | null {
  if (phrases.length === 0) return null;
  const hit = designerMatcher(phrases)(canonicalTokens(analysis));
  return hit === null ? null : hit.phrase;
}

/** A designer's example this alike is a near miss (the classifier's share of its threshold, NEAR_MISS_SHARE). */
export const EXAMPLE_NEAR_MISS = EXAMPLE_SIMILARITY * NEAR_MISS_SHARE;

/**
 * The designer's example the message is closest to, when at least `min` alike (default EXAMPLE_SIMILARITY: it counts
 * as that example). Session 27: `min` EXAMPLE_NEAR_MISS finds the closest example below that too, for the near miss.
 */
export function designerExample(analysis: TextAnalysis, examples: readonly string[], min = EXAMPLE_SIMILARITY): { example: string; score: number } | null {
  if (examples.length === 0) return null;
  const targets = exampleTargets(examples);
  let best: { example: string; score: number } | null = null;
  for (let i = 0; i < targets.length; i++) {
    const s = similarityToTarget(analysis.normalized, targets[i], min);
    if (s >= min && (best === null || s > best.score)) best = { example: examples[i], score: s };
  }
  return best;
}

/** A signal from the designer's phrases or examples for a reason, or null. */
export function designerSignal(facts: TurnFacts, reason: EscalationReason, phrases: readonly string[], examples: readonly string[], what: string): Signal | null {
  const phrase = designerPhrase(facts.analysis, phrases);
  if (phrase !== null) {
    return { reason, score: 1, threshold: 1, evidence: [phrase], turn: facts.turn, source: 'designer', explanation: `${what}: the message contains the policy's phrase "${phrase}", so it fires.` };
  }
  const ex = designerExample(facts.analysis, examples, EXAMPLE_NEAR_MISS);
  if (ex === null) return null;
  const fires = ex.score >= EXAMPLE_SIMILARITY;
  const signal: Signal = {
    reason,
    score: ex.score,
    threshold: EXAMPLE_SIMILARITY,
    evidence: [ex.example],
    turn: facts.turn,
    source: 'designer',
    explanation: fires
      ? `${what}: the message's similarity ${ex.score.toFixed(2)} to the policy's example "${ex.example}" is at or above ${EXAMPLE_SIMILARITY}, so it fires.`
      : `Near miss (${what.charAt(0).toLowerCase()}${what.slice(1)}): the message's similarity ${ex.score.toFixed(2)} to the policy's example "${ex.example}" is below ${EXAMPLE_SIMILARITY}, so it does not fire. Add the customer's wording as a phrase or an example if it should.`,
  };
  if (fires) return signal;
  // Session 27 (newcomer s19 F10): a message close to an example but under the bar is shown in the debug drawer, so a
  // designer sees which example it nearly matched and can add the wording ("someone pinched my bike" for "my bike
  // was nicked").
  reportNearMiss(signal);
  return null;
}
