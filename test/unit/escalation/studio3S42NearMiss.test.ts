/**
 * Session 42 (studio3): a near miss says what was measured and against what. The lexicon's near misses said "the sentiment
 * score is at or below the threshold -0.5" with no score (and named the trend threshold as if one message had been read);
 * near misses built on a firing sentence read "..., so it fires (words: ...), but ..., so it does not fire".
 */
import { describe, expect, it } from 'vitest';
import { decide } from './support/supportFlowPlay';
import { asMeasured } from '../../../shared/escalation/nearMisses';

const missOf = (text: string, reason = 'negative_sentiment') => decide(text).nearMisses?.find((n) => n.reason === reason)?.explanation ?? '';

describe('near-miss sentences name the measurement and what it was compared with', () => {
  it('a lexicon near miss gives the message\'s score, its scale and the single-message threshold', () => {
    const s = missOf("Sorry, I'm hopeless at this, how do I send something back?");
    expect(s).toMatch(/^Near miss: the message reads as negative, -0\.61 on a scale from -1 \(very negative\) to 1 \(very positive\), at or below the flow's single-message threshold of -0\.5, but its negative words are about the customer themselves/);
    expect(s).not.toMatch(/the sentiment score is at or below the threshold/);
  });

  it('a classifier near miss names which score (negative) and its threshold, and never says "so it fires" before "but"', () => {
    const s = missOf('Hello, I just ordered the rocking horse and my daughter is going to love it, she even asked for it every night. How many days to Glasgow please?');
    expect(s).toMatch(/^Near miss \(negative sentiment\): the classifier's negative score 0\.\d\d is at or above the threshold 0\.75, but the customer asks something plainly/);
    expect(s).not.toMatch(/so it fires/);
  });

  it('a topic near miss built on a firing classifier sentence drops its "so it fires" and keeps the words', () => {
    const s = missOf('I feel awful asking twice, but could you send the tracking link again? I binned the email by accident.', 'sensitive_topic');
    expect(s).toMatch(/the classifier score 0\.\d\d is at or above the threshold 0\.\d+ \(words: "twice"/);
    expect(s).toMatch(/, but the message has no money in it, so it does not fire\.$/);
    expect(s).not.toMatch(/so it fires/);
  });
});

describe('asMeasured', () => {
  it('drops the final ", so it fires" and the full stop, keeping a words clause', () => {
    expect(asMeasured('Topic "x": the classifier score 0.90 is at or above the threshold 0.8, so it fires (words: "a", "b").')).toBe('Topic "x": the classifier score 0.90 is at or above the threshold 0.8 (words: "a", "b")');
    expect(asMeasured('Urgency: a deadline today, so it fires.')).toBe('Urgency: a deadline today');
  });
  it('leaves a sentence without that ending as it is (but its full stop)', () => {
    expect(asMeasured('Explicit request ("talk to a person" matches "speak to someone").')).toBe('Explicit request ("talk to a person" matches "speak to someone")');
    expect(asMeasured('so it fires when it rains, then stops.')).toBe('so it fires when it rains, then stops');
  });
});
