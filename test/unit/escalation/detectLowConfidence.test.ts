import { describe, it, expect } from 'vitest';
import { detectLowConfidence } from '../../../shared/escalation/detectors/detectLowConfidence';
import type { IntentMatch } from '../../../shared/nlu/types';
import { facts, intent, memory, policy } from './facts';

/** A router reading where two intents fit: best `a` and runner-up `b` (calibrated scores). */
function torn(confidence: number, a = 0.3, b = 0.25): IntentMatch {
  return {
    intentId: 'billing',
    intentName: 'billing',
    confidence,
    ranking: [
      { intentId: 'billing', intentName: 'billing', score: a },
      { intentId: 'returns', intentName: 'returns', score: b },
    ],
  };
}
const run = (text: string, m: IntentMatch | null, p = policy()) => detectLowConfidence(facts(text, { intent: m }), p, memory());
const ON_TOPIC = 'something about my bill';

describe('detectLowConfidence: torn between intents', () => {
  it.each([0.1, 0.15, 0.2, 0.25, 0.3, 0.34, 0.349])('fires at confidence %s when two intents fit (default threshold 0.35)', (c) => {
    const s = run('my bill or my return', torn(c))!;
    expect(s.reason).toBe('low_confidence');
    expect(s.threshold).toBe(0.35);
    expect(s.evidence).toEqual(['billing', 'returns', c.toFixed(2)]);
  });

  it.each([0.35, 0.36, 0.5, 0.7, 0.9, 0.99, 1])('does not fire at confidence %s', (c) => {
    expect(run('my bill or my return', torn(c, 0.9, 0.8))).toBeNull();
  });

  it('explains with both intents and the confidence', () => {
    expect(run('my bill or my return', torn(0.21))!.explanation).toBe(
      'Low intent confidence: "billing" (0.30) and "returns" (0.25) fit about equally, confidence 0.21 < 0.35.',
    );
  });

  it('treats a weak match to a single intent as not understood (a fallback), not as unsure', () => {
    expect(run(ON_TOPIC, intent('billing', 0.25))).toBeNull();
    expect(run(ON_TOPIC, torn(0.25, 0.3, 0.1))).toBeNull();
  });

  it('does not fire when no intent router classified the message', () => {
    expect(run(ON_TOPIC, null)).toBeNull();
  });

  it('leaves messages that match nothing at all to repeated_fallback', () => {
    expect(run(ON_TOPIC, intent(null, 0))).toBeNull();
    expect(run(ON_TOPIC, torn(0.03, 0.05, 0.05))).toBeNull();
  });

  it('uses the designer threshold', () => {
    expect(run('my bill or my return', torn(0.5, 0.6, 0.5), policy({ lowConfidence: { threshold: 0.6 } }))).not.toBeNull();
    expect(run('my bill or my return', torn(0.3), policy({ lowConfidence: { threshold: 0.2 } }))).toBeNull();
  });
});

describe('detectLowConfidence: vague messages', () => {
  it.each([
    "it's about my thing",
    'the stuff from before',
    'I have a question about something',
    'hmm so about that',
    'the issue with the item',
    'about the thing from last week, you know',
    'that other problem',
    "it's regarding what happened",
    'I have an issue',
  ])('fires on %j at an intent router, whatever the matcher says', (text) => {
    for (const m of [intent(null, 0), intent('return_item', 0.82)]) {
      const s = run(text, m)!;
      expect(s.reason).toBe('low_confidence');
      expect(s.explanation).toMatch(/^The message is too vague to tell what the customer wants \(only "/);
    }
  });

  it.each([
    'I have a problem with my order',
    'the thing I bought is broken',
    "that's all",
    "that's it, thanks",
    'hi',
    'yes',
    'what about delivery to Spain',
    'something is wrong with my payment',
  ])('does not fire on %j, which says what it is about or is not a request', (text) => {
    expect(run(text, intent(null, 0))).toBeNull();
  });

  it('only runs at an intent router', () => {
    expect(run('the stuff from before', null)).toBeNull();
  });
});
