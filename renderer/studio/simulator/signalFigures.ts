/**
 * The figures a debug-drawer bullet shows for one signal, in the same units and with the same sign as the signal's
 * sentence (newcomer s7 #13: the bullet said "negative sentiment score 0.88 / threshold -0.50" next to "the score
 * -0.88 is at or below the threshold -0.5", and "repeated fallback score 1.00 / threshold 2.00" next to "2 messages in
 * a row (limit 2)"). A Signal's `score` is a strength 0..1 while its `threshold` is in the designer's units (a signed
 * sentiment, a count of messages, an intent confidence), so the two are only printed side by side when they are the
 * same kind of number.
 */
import type { Signal } from '../../../shared/escalation/types';

/** -0.5 stays -0.5, 0.8766 becomes 0.88: the way the signal sentences print numbers. */
const num = (x: number): string => String(Number(x.toFixed(2)));

export function signalFigures(s: Signal): string {
  if (s.source === 'classifier') return `classifier score ${num(s.score)} / threshold ${num(s.threshold)}`;
  switch (s.reason) {
    case 'negative_sentiment':
      // The lexicon's strength is the negated sentiment score; its threshold is the signed one the designer set.
      if (s.source !== 'designer' && s.threshold <= 0) return `sentiment ${num(-s.score)} / fires at or below ${num(s.threshold)}`;
      break;
    case 'repeated_fallback':
      return `limit ${num(s.threshold)} in a row`;
    case 'loop':
      return `limit ${num(s.threshold)}`;
    case 'low_confidence':
      // Strength = 1 - the intent's confidence; a message "too vague" has no confidence to show.
      if (/confidence/i.test(s.explanation)) return `confidence ${num(1 - s.score)} / fires below ${num(s.threshold)}`;
      return 'too vague to read';
    default:
      break;
  }
  if (s.score === 1 && s.threshold === 1) return s.source === 'designer' ? "matched the policy's phrase" : 'matched';
  return `score ${num(s.score)} / threshold ${num(s.threshold)}`;
}
