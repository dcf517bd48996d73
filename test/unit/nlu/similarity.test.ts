import { describe, it, expect } from 'vitest';
import { similarity } from '../../../shared/nlu/similarity';

describe('similarity', () => {
  it('is 1 for texts that are the same after normalisation', () => {
    expect(similarity('Where is my order?', 'where is my order')).toBe(1);
    expect(similarity('can u help', 'can you help')).toBe(1);
  });

  it('stays high for typos and reordering, below 1', () => {
    expect(similarity('where is my order', 'wher is my ordr')).toBeGreaterThan(0.8);
    expect(similarity('refund', 'refnud')).toBeGreaterThan(0.8);
    const reordered = similarity('where is my order', 'my order where is');
    expect(reordered).toBeGreaterThan(0.8);
    expect(reordered).toBeLessThan(1);
  });

  it('is low for unrelated texts, even when they share function words', () => {
    expect(similarity('where is my order', 'what is the capital of peru')).toBeLessThan(0.3);
    expect(similarity('where is my order', 'is my cat sick')).toBeLessThan(0.3);
    expect(similarity('card', 'banana')).toBeLessThan(0.3);
  });

  it('is 0 for empty input and symmetric', () => {
    expect(similarity('', 'hello')).toBe(0);
    expect(similarity('?!', '...')).toBe(0);
    expect(similarity('cancel my order', 'cancel order please')).toBeCloseTo(similarity('cancel order please', 'cancel my order'), 10);
  });
});
