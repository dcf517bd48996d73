/**
 * Session 41 (fe, issue 11): the own-case score, "is this message, which reads as a sensitive topic, the customer's own
 * case?", 0..1. A general question about a policy ("how long do refunds take?", "refund policy?"), a topic word in another
 * sense ("my phone broke", "how do I change my password") or someone else's story is not; "I was charged twice", "my
 * son's hand was burnt by the kettle" is. A logistic regression over the in-domain score's features (hashed word
 * unigrams, bigrams and character 4-grams of the canonical tokens) plus a question-mark token, trained by
 * scripts/train-escalation/ownCaseTrain.ts on the development corpora's odd ids: every customer message the
 * sensitive-topic detector read (fired or came close), of conversations labelled sensitive_topic (1) or none (0).
 *
 * Read by detectSensitiveTopic only when a topic is about to fire (rare): below OWN_CASE_CUT the topic is a near miss.
 * Pure and deterministic; cached per analysis object.
 */
import type { TextAnalysis } from '../nlu/types';
import { canonicalTokens } from './canonicalTokens';
import { decode, scoreTokens, type InDomainModel } from './inDomain/inDomainScore';
import { OWN_CASE_WEIGHTS } from './ownCaseWeights';

export const OWN_CASE_BUCKETS = 8192;
/** A pseudo-token for a question mark in the message (canonical tokens drop punctuation). */
const QUESTION = '<q>';

/** The tokens the model reads: the canonical tokens, then QUESTION when the message asks something. */
export function ownCaseTokens(analysis: TextAnalysis): string[] {
  const toks = canonicalTokens(analysis);
  return analysis.text.includes('?') ? [...toks, QUESTION] : [...toks];
}

let shipped: InDomainModel | null = null;
let active: InDomainModel | null = null;
let cache = new WeakMap<TextAnalysis, number>();

/** Replaces the model (training scripts measure a model end to end this way); null restores the shipped one. */
export function useOwnCaseModel(model: InDomainModel | null): void {
  active = model;
  cache = new WeakMap();
}

/** P(the customer's own case) of a message, 0..1. */
export function ownCaseScore(analysis: TextAnalysis): number {
  let s = cache.get(analysis);
  if (s === undefined) {
    shipped ??= decode(OWN_CASE_WEIGHTS);
    s = scoreTokens(ownCaseTokens(analysis), active ?? shipped);
    cache.set(analysis, s);
  }
  return s;
}
