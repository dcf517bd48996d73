/**
 * Probability at or above which the classifier alone makes a signal fire, per output. Chosen on the
 * tuning data (test/fixtures/escalation/labelled.jsonl and the unit tests' trap lists) so that ordinary
 * questions stay under the 3% false-escalation target: the classifier only adds what the word rules miss,
 * so it must be sure. The negative-sentiment threshold moves with the designer's sentiment threshold
 * (see detectNegativeSentiment).
 */
import type { ClassifierOutput } from './outputs';

export const CLASSIFIER_THRESHOLDS: Readonly<Record<ClassifierOutput, number>> = {
  explicit: 0.9,
  negative: 0.75,
  urgency: 0.85,
  refund: 0.8,
  billing: 0.8,
  security: 0.8,
  cancellation: 0.85,
  complaint: 0.8,
  privacy: 0.8,
  fraud: 0.8,
  damaged: 0.8,
  safety: 0.8,
};
