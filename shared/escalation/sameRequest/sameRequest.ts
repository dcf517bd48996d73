/**
 * The learned "same request asked again" model: the probability that a customer message asks again what an earlier
 * question of the conversation asked, in whatever words ("how do I change the size of the jumper I ordered?" / "can I
 * swap my jumper for a bigger one?"). A logistic regression over the pair features of ./features.ts, weights in
 * ./weights.ts (retrain: scripts/train-escalation/sameRequestData.ts then sameRequestTrain.ts ship). Pure, no
 * allocation per pair beyond the memoised per-text features.
 */
import { DENSE, guardedPairFeatures, pairFeatures } from './features';
import { SAME_REQUEST_BIAS, SAME_REQUEST_THRESHOLD, SAME_REQUEST_WEIGHTS } from './weights';

export { SAME_REQUEST_THRESHOLD };

const scratch = new Float64Array(DENSE);

/**
 * Probability (0..1) that `later` is the same request as `earlier` asked again; `gap` is how many kept questions back
 * `earlier` is (1 = the one just before), `fallback` whether the bot could not use `later`.
 */
export function sameRequestScore(earlier: string, later: string, gap: number, fallback: boolean): number {
  return probability(pairFeatures(earlier, later, gap, fallback, scratch));
}

function probability(x: Float64Array): number {
  let z = SAME_REQUEST_BIAS;
  for (let i = 0; i < DENSE; i++) z += SAME_REQUEST_WEIGHTS[i] * x[i];
  return 1 / (1 + Math.exp(-z));
}

export interface SameRequestLink {
  /** The earlier question (normalised text, as kept in `memory.recent`). */
  earlier: string;
  /** How many kept questions back it is (1 = just before). */
  back: number;
  score: number;
}

/**
 * The earlier questions `later` asks again (score >= threshold), oldest first, when there are at least `need` of them
 * (a loop's third asking links to two earlier ones); otherwise null. Askings that name different values in one slot
 * (different order references, one thing swapped for another: see namesDifferentValue), or that share only the order
 * they are about (sharesOnlyTheOrder), or that the caller's `apart` tells apart, are never linked.
 */
export function askedAgainByModel(
  later: string,
  recent: readonly string[],
  fallback: boolean,
  need: number,
  threshold = SAME_REQUEST_THRESHOLD,
  apart?: (earlier: string, later: string) => boolean,
): SameRequestLink[] | null {
  if (recent.length < need || need < 1) return null;
  let links: SameRequestLink[] | null = null;
  for (let i = 0; i < recent.length; i++) {
    // Too few questions left to reach `need` links: the answer is already null.
    if ((links?.length ?? 0) + (recent.length - i) < need) return null;
    if (apart?.(recent[i], later)) continue;
    const back = recent.length - i;
    // The guards and the features in one pass over the pair (session 10): null when a guard tells them apart.
    const x = guardedPairFeatures(recent[i], later, back, fallback, scratch);
    if (x === null) continue;
    const score = probability(x);
    if (score >= threshold) (links ??= []).push({ earlier: recent[i], back, score });
  }
  return links !== null && links.length >= need ? links : null;
}
