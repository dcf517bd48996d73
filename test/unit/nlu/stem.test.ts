import { describe, it, expect } from 'vitest';
import { stemTokens, stemWord } from '../../../shared/nlu/stem';

describe('stemTokens', () => {
  it('maps inflections of a word to one stem', () => {
    const [a, b, c, d] = stemTokens(['refunds', 'refunded', 'refunding', 'refund']);
    expect(new Set([a, b, c, d]).size).toBe(1);
    expect(stemTokens(['cancelled', 'cancelling'])[0]).toBe(stemTokens(['cancelling'])[0]);
  });

  it('keeps order and length, and leaves numbers and short words alone', () => {
    expect(stemTokens(['shipping', 'to', 'order', '12345'])).toEqual(['ship', 'to', 'order', '12345']);
    expect(stemTokens([])).toEqual([]);
  });

  it('does not merge different words', () => {
    expect(stemWord('return')).not.toBe(stemWord('refund'));
  });
});
