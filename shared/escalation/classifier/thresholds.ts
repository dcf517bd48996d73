/**
 * Probability at or above which the classifier alone makes a signal fire, per output. Chosen on the
 * tuning data (test/fixtures/escalation/labelled.jsonl and the unit tests' trap lists) so that ordinary
 * questions stay under the 3% false-escalation target: the classifier only adds what the word rules miss,
 * so it must be sure. The negative-sentiment threshold moves with the designer's sentiment threshold
 * (see detectNegativeSentiment).
 *
 * Session 3: the topic thresholds were re-chosen with scripts/train-escalation/calibrate.ts on the final
 * model (held-out data: the generated test corpus of another seed, at most 0.2% of its messages without the
 * label above the threshold, and the highest score of any ordinary conversation of every labelled set that is
 * not kept out, plus 0.03). Complaint, privacy, fraud and safety came out at 0.50 and are set to 0.6 for a
 * margin; billing 0.82 and security 0.67 as suggested; refund 0.75 (suggested 0.52, but "how do I send it
 * back?" reaches 0.67-0.74: a question about returning, not about money). Cancellation and damaged stay where
 * they were: ordinary messages reach 0.92-0.94 there but the rules' guards stop them. Explicit 0.8: the
 * classifier only acts on messages with a person or contact word that do not decline a person, and the highest
 * such ordinary message of the labelled sets scores 0.74. Negative and urgency stay hand-set: their highest
 * ordinary scores come from messages the detectors' guards already stop.
 */
import type { ClassifierOutput } from './outputs';

export const CLASSIFIER_THRESHOLDS: Readonly<Record<ClassifierOutput, number>> = {
  explicit: 0.8,
  negative: 0.75,
  urgency: 0.85,
  refund: 0.75,
  billing: 0.82,
  security: 0.67,
  cancellation: 0.85,
  complaint: 0.6,
  privacy: 0.6,
  fraud: 0.6,
  damaged: 0.8,
  safety: 0.6,
};
