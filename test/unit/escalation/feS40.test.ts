/**
 * Session 40 (fe, issue 11): in a message that asks something plainly (a question mark, no run of marks, calmly said) the negative
 * classifier must be surer by ASKING_MARGIN (detectNegativeSentiment askingThreshold). Sentences made up for the tests
 * (not the corpora's): the positive was handed over as negative sentiment on main 715a1a0f (classifier 0.81 against 0.75);
 * the negatives are handed over as before.
 */
import { describe, expect, it } from 'vitest';
import { decide, reasonOf } from './support/supportFlowPlay';
import { analyzeText } from '../../../shared/nlu/analyzeText';
import { classifierScore } from '../../../shared/escalation/learnedSignals';
import { CLASSIFIER_THRESHOLDS } from '../../../shared/escalation/classifier/thresholds';
import { ASKING_MARGIN, askingThreshold, classifierThresholdFor } from '../../../shared/escalation/detectors/detectNegativeSentiment';

const excited = 'Hello, I just ordered the rocking horse and my daughter is going to love it, she even asked for it every night.';
const asked = `${excited} How many days to Glasgow please?`;

describe('a plain question needs the negative classifier surer (askingThreshold)', () => {
  it('the test sentence is in the band the margin covers: at or above the classifier threshold, below it plus the margin', () => {
    const p = classifierScore(analyzeText(asked), 'negative');
    expect(p).toBeGreaterThanOrEqual(CLASSIFIER_THRESHOLDS.negative);
    expect(p).toBeLessThan(CLASSIFIER_THRESHOLDS.negative + ASKING_MARGIN);
  });

  it('an excited customer asking how long delivery takes stays with the bot (was negative sentiment)', () => {
    expect(reasonOf(asked)).toBeNull();
    const d = decide(asked);
    expect(d.reason).toBeNull();
    const miss = d.nearMisses?.find((n) => n.reason === 'negative_sentiment');
    expect(miss?.source).toBe('classifier');
    expect(miss?.threshold).toBeCloseTo(CLASSIFIER_THRESHOLDS.negative + ASKING_MARGIN, 5);
    expect(miss?.explanation).toMatch(/but the customer asks something plainly \(a question mark, no run of marks, calmly said\), where the classifier must reach 0\.90 to fire, so it does not fire\.$/);
  });

  it('the same words said as a request with no question mark are not this rule\'s: since session 44 the long-message rule keeps them', () => {
    // Session 43 (policy1, changed on purpose): the reading (a soft first complaint the flow understands is answered first
    // now, complaintFirst.ts, so the policy's reading is asserted, not the handover).
    // Session 44 (fe2, changed on purpose): this was the known limit "the feature is the question mark, not the request"
    // (it fired at 0.81). The message has 25+ words and is calmly said, so longThreshold (0.93) now keeps it with the bot.
    const d = decide(`${excited} Please tell me how many days to Glasgow.`);
    expect(d.reason).toBeNull();
    expect(d.nearMisses?.find((n) => n.reason === 'negative_sentiment')?.explanation).toMatch(/the message is long \(\d+ words\) and calmly said/);
  });

  it.each([
    // Rhetorical questions read above the raised threshold.
    'How hard can it be to deliver one parcel to the right address?',
    // A run of question marks is exasperation: the usual threshold.
    `${excited} How many days to Glasgow please??`,
    // An angry emoji is not calm (and its own rule fires).
    `${excited} How many days to Glasgow please? 😡`,
  ])('%j is still negative sentiment', (text) => expect(reasonOf(text)).toBe('negative_sentiment'));

  it('a run of exclamation marks before the question keeps the usual threshold (the classifier reads 0.81 here)', () => {
    const text = 'the lamp arrived cracked!!! do you have another in stock?';
    const p = classifierScore(analyzeText(text), 'negative');
    expect(p).toBeGreaterThanOrEqual(CLASSIFIER_THRESHOLDS.negative);
    expect(p).toBeLessThan(CLASSIFIER_THRESHOLDS.negative + ASKING_MARGIN);
    expect(decide(text).signals.some((s) => s.reason === 'negative_sentiment')).toBe(true);
  });

  it.each([
    ['how many days to Glasgow?', 0.9],
    ['is it in stock? and the blue one?', 0.9],
    ['？', 0.9],
    ['?', 0.9],
  ])('%j asks plainly: threshold %s', (text, want) => expect(askingThreshold(text, 0.75)).toBeCloseTo(want, 5));

  it.each([
    'where is it??', 'are you serious?!', 'what!?', 'hello??? anyone???', 'please tell me how many days.', '',
    // A run of marks anywhere is exasperation, even before a plain question.
    'the lamp arrived cracked!!! do you have another in stock?',
  ])(
    '%j does not ask plainly (null)',
    (text) => expect(askingThreshold(text, 0.75)).toBeNull(),
  );

  it("follows the designer's threshold and never goes past 0.99", () => {
    // A looser sentiment threshold (-0.3) puts the classifier at 0.35; a plain question at 0.35 + the margin.
    expect(askingThreshold('ok?', classifierThresholdFor(-0.3))).toBeCloseTo(classifierThresholdFor(-0.3) + ASKING_MARGIN, 5);
    expect(askingThreshold('ok?', 0.9)).toBe(0.99);
  });
});
