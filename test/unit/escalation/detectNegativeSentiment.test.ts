import { describe, it, expect } from 'vitest';
import { detectNegativeSentiment } from '../../../shared/escalation/detectors/detectNegativeSentiment';
import { facts, fires, memory, policy } from './facts';

const angry = [
  'this bot is useless',
  'you are so stupid',
  'what the hell?!',
  "I hate this, it's the worst",
  'fuck this',
  'why is this not working?!?!',
  "I'm not happy with the delivery",
  'I am very angry',
  'thanks for nothing',
];
const calm = [
  'great, thanks!',
  'ok',
  'my order is late',
  'this is fucking awesome!!!',
  'where is my parcel',
  'can I change my address',
  'I love it',
  'not bad at all',
];

describe('detectNegativeSentiment', () => {
  it.each(angry)('fires on %j', (text) => {
    const s = fires(detectNegativeSentiment, text);
    expect(s).not.toBeNull();
    expect(s!.score).toBeGreaterThanOrEqual(0.5);
    expect(s!.threshold).toBe(-0.5);
  });

  it.each(calm)('does not fire on %j', (text) => {
    expect(fires(detectNegativeSentiment, text)).toBeNull();
  });

  it('names the words and the numbers in its explanation', () => {
    const s = fires(detectNegativeSentiment, 'this bot is useless')!;
    expect(s.evidence).toContain('useless');
    expect(s.explanation).toMatch(/^Negative sentiment: the message reads as (very )?negative, -0\.\d\d on a scale from -1 \(very negative\) to 1 \(very positive\), at or below the flow's single-message threshold of -0\.5, so it fires \(words: .*"useless"/);
  });

  it('counts insults and "?!" beyond the plain sentiment score', () => {
    const plain = facts('why is this not working');
    const exasperated = facts('why is this not working?!?!');
    const p = policy();
    expect(detectNegativeSentiment(plain, p, memory())).toBeNull();
    expect(detectNegativeSentiment(exasperated, p, memory())!.evidence).toContain('?!');
  });

  it('follows the designer threshold', () => {
    const strict = policy({ negativeSentiment: { threshold: -0.9 } });
    expect(fires(detectNegativeSentiment, 'this bot is useless', strict)).toBeNull();
  });

  it('fires on a trend of mildly negative messages', () => {
    const p = policy({ negativeSentiment: { threshold: -0.9, trendThreshold: -0.2, trendTurns: 3 } });
    const text = 'my order is late again, not happy';
    const score = facts(text).analysis.sentiment.score;
    expect(score).toBeLessThanOrEqual(-0.2);
    expect(detectNegativeSentiment(facts(text), p, memory({ sentiments: [-0.3] }))).toBeNull();
    const s = detectNegativeSentiment(facts(text), p, memory({ sentiments: [0.5, -0.3, -0.25] }))!;
    expect(s.explanation).toContain('3 messages in a row');
    expect(s.threshold).toBe(-0.2);
  });

  it('does not fire on a trend broken by a neutral message', () => {
    const p = policy({ negativeSentiment: { threshold: -0.9, trendTurns: 3 } });
    expect(detectNegativeSentiment(facts('my order is late again, not happy'), p, memory({ sentiments: [-0.4, 0] }))).toBeNull();
  });
});

describe('detectNegativeSentiment: support-chat complaints', () => {
  it.each([
    'worst customer service ever',
    'what a waste of my time',
    'you are wasting my time',
    'terrible experience, never ordering again',
    'this is infuriating',
    "I've given you my order number three times already, this is infuriating",
    'honestly this is a shambles',
    'this is a joke',
    'what a joke',
  ])('fires on %j', (text) => {
    expect(fires(detectNegativeSentiment, text)!.reason).toBe('negative_sentiment');
  });

  it.each([
    'I ordered the wrong colour, can I cancel my order?',
    'can I cancel my order?',
    'please stop my order',
    'do you deliver to PO boxes?',
    'tell me a joke about penguins',
    'I got the wrong size, can I exchange it?',
  ])('does not fire on everyday requests: %j', (text) => {
    expect(fires(detectNegativeSentiment, text)).toBeNull();
  });
});
