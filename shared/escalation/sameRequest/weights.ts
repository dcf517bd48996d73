/**
 * Weights of the same-request model, written by scripts/train-escalation/sameRequestTrain.ts (ship): a logistic regression
 * over the dense pair features of ./features.ts, trained as multiple-instance learning on every development writer's
 * conversations (9420; every even id held out). Threshold 0.97: chosen on leave-one-writer-out, not on
 * the data trained on. Do not edit by hand: retrain.
 */
export const SAME_REQUEST_BIAS = -3.73807;
export const SAME_REQUEST_THRESHOLD = 0.97;
export const SAME_REQUEST_WEIGHTS: readonly number[] = [
  12.79512, // concept dice
  -1.53402, // concept containment
  10.99772, // subject dice
  -2.18561, // shares a subject
  9.11225, // letters in common (3-grams)
  4.18788, // words in common
  0.71959, // same kind of question
  -0.67511, // different kinds of question
  0.51174, // kind unknown
  -0.15950, // both real questions
  5.18918, // both ask where the order is
  19.70208, // different order references
  6.43897, // same order reference
  1.04150, // length ratio
  -1.14674, // later one shorter
  -5.70135, // exact repeat
  2.84439, // distance 1/gap
  -0.20293, // just before
  0.32139, // bot could not use it
  -1.83259, // earlier has no concepts
  -2.80902, // later has no concepts
  -0.35357, // concepts earlier (log)
  0.94063, // concepts later (log)
  -3.13851, // new concepts in the later one
  0.36693, // impatience marker
  3.39245, // same shop topic, no shared subject word
];
