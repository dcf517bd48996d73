/**
 * Weights of the same-request model, written by scripts/train-escalation/sameRequestTrain.ts (ship): a logistic regression
 * over the dense pair features of ./features.ts, trained as multiple-instance learning on every development writer's
 * conversations (7043; the even ids of w16-w21 held out). Threshold 0.97: chosen on leave-one-writer-out, not on
 * the data trained on. Do not edit by hand: retrain.
 */
export const SAME_REQUEST_BIAS = -3.46811;
export const SAME_REQUEST_THRESHOLD = 0.97;
export const SAME_REQUEST_WEIGHTS: readonly number[] = [
  8.85802, // concept dice
  -1.32967, // concept containment
  6.25450, // subject dice
  -0.98416, // shares a subject
  8.33814, // letters in common (3-grams)
  3.87331, // words in common
  0.42896, // same kind of question
  -0.92661, // different kinds of question
  0.37197, // kind unknown
  -0.03908, // both real questions
  5.69159, // both ask where the order is
  18.46934, // different order references
  7.77862, // same order reference
  0.57733, // length ratio
  -0.99913, // later one shorter
  -6.96043, // exact repeat
  2.73111, // distance 1/gap
  -0.47192, // just before
  0.59514, // bot could not use it
  0.18955, // earlier has no concepts
  -2.58251, // later has no concepts
  -0.44174, // concepts earlier (log)
  1.35268, // concepts later (log)
  -3.00324, // new concepts in the later one
  1.30146, // impatience marker
];
