import { describe, it, expect } from 'vitest';
import { sentimentDetail, sentimentOf } from '../../../shared/nlu/sentiment';
import data from '../../fixtures/nlu/sentiment.json';

const NEGATIVE = -0.3;

describe('sentimentOf on the labelled fixture', () => {
  const labelled = data as { text: string; label: 'negative' | 'neutral' | 'positive' }[];

  it('has a fixture of at least 60 messages with every label', () => {
    expect(labelled.length).toBeGreaterThanOrEqual(60);
    for (const l of ['negative', 'neutral', 'positive']) expect(labelled.some((d) => d.label === l)).toBe(true);
  });

  it('recalls at least 90% of negative messages at -0.3', () => {
    const neg = labelled.filter((d) => d.label === 'negative');
    const missed = neg.filter((d) => sentimentOf(d.text).score > NEGATIVE).map((d) => d.text);
    expect(missed.length / neg.length, `missed: ${missed.join(' | ')}`).toBeLessThanOrEqual(0.1);
  });

  it('flags at most 10% of neutral/positive messages as negative', () => {
    const other = labelled.filter((d) => d.label !== 'negative');
    const wrong = other.filter((d) => sentimentOf(d.text).score <= NEGATIVE).map((d) => d.text);
    expect(wrong.length / other.length, `flagged: ${wrong.join(' | ')}`).toBeLessThanOrEqual(0.1);
  });
});

describe('sentimentOf rules', () => {
  it('scores within -1..1 and explains negative scores with words', () => {
    const s = sentimentOf('this is USELESS, I have been waiting for an hour!!!');
    expect(s.score).toBeLessThan(-0.5);
    expect(s.score).toBeGreaterThanOrEqual(-1);
    expect(s.negativeWords).toContain('useless');
    expect(s.negativeWords).toContain('for an hour');
  });

  it('catches sarcasm markers that plain VADER scores as positive', () => {
    expect(sentimentOf('great, just great').score).toBeLessThan(NEGATIVE);
    expect(sentimentOf('thanks for nothing').score).toBeLessThan(NEGATIVE);
    expect(sentimentOf('great, thanks a lot!').score).toBeGreaterThan(0.3);
  });

  it('uses caps, punctuation, negation and emoji', () => {
    expect(sentimentOf('this is BAD!!!').score).toBeLessThan(sentimentOf('this is bad').score);
    expect(sentimentOf('not good').score).toBeLessThan(0);
    expect(sentimentOf('🤬').score).toBeLessThan(NEGATIVE);
    expect(sentimentOf(':)').score).toBeGreaterThan(0);
    expect(sentimentOf('WHERE IS MY ORDER?!?!').score).toBeLessThan(NEGATIVE);
  });

  it('leaves plain questions neutral', () => {
    expect(sentimentOf('where is my order').score).toBe(0);
    expect(sentimentOf('').score).toBe(0);
    expect(sentimentOf('').negativeWords).toEqual([]);
  });
});

describe('sentimentOf in a support chat', () => {
  it.each(['can I cancel my order?', 'please stop my order', 'do you deliver to PO boxes?', 'I ordered the wrong colour, can I change it?'])(
    'reads transactional words as neutral: %j',
    (text) => {
      expect(sentimentOf(text).score).toBeGreaterThan(-0.3);
    },
  );

  it('keeps the original VADER score for comparison', () => {
    expect(sentimentDetail('can I cancel my order?').vaderScore).toBeLessThan(-0.2);
  });

  it.each(['what a waste of my time', 'terrible experience, never ordering again', 'this is a shambles', 'this is a joke'])(
    'scores customer complaints VADER misses as clearly negative: %j',
    (text) => {
      expect(sentimentOf(text).score).toBeLessThanOrEqual(-0.5);
    },
  );

  it('does not read "tell me a joke" as a complaint', () => {
    expect(sentimentOf('tell me a joke about penguins').score).toBeGreaterThanOrEqual(0);
  });
});
