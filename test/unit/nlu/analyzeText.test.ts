import { describe, it, expect } from 'vitest';
import { analyzeText, shoutingOf } from '../../../shared/nlu/analyzeText';

describe('analyzeText', () => {
  it('bundles normalised text, tokens, stems, sentiment and entities', () => {
    const a = analyzeText("Where's my order #12345?? I've been waiting for days!!!");
    expect(a.text).toBe("Where's my order #12345?? I've been waiting for days!!!");
    expect(a.normalized).toBe('where is my order 12345 i have been waiting for days');
    expect(a.tokens).toEqual(a.normalized.split(' '));
    expect(a.stems).toHaveLength(a.tokens.length);
    expect(a.stems[a.tokens.indexOf('waiting')]).toBe('wait');
    expect(a.sentiment.score).toBeLessThan(-0.3);
    expect(a.entities).toEqual([{ type: 'order_id', value: '12345', text: '12345' }]);
  });

  it('measures shouting over words of two or more letters', () => {
    expect(analyzeText('WHERE IS MY ORDER').shouting).toBe(1);
    expect(analyzeText('where is my order').shouting).toBe(0);
    expect(shoutingOf('I want a refund')).toBe(0);
    expect(shoutingOf('THIS is bad')).toBeCloseTo(4 / 9, 5);
    expect(shoutingOf('!!! 123')).toBe(0);
  });

  it('handles empty text', () => {
    const a = analyzeText('');
    expect(a.tokens).toEqual([]);
    expect(a.stems).toEqual([]);
    expect(a.sentiment.score).toBe(0);
    expect(a.shouting).toBe(0);
  });

  it('returns the same analysis for repeated text (cache) and analyses many fresh texts', () => {
    expect(analyzeText('hello there')).toBe(analyzeText('hello there'));
    const words = 'where is my order the package never arrived and I want a refund please help now thanks bad when open'.split(' ');
    const msgs: string[] = [];
    for (let i = 0; i < 5000; i++) {
      const n = 5 + (i % 10);
      const w: string[] = [];
      for (let k = 0; k < n; k++) w.push(words[(i * 7 + k * 13 + Math.floor(i / 19)) % words.length]);
      msgs.push(`${w.join(' ')} ${i % 2 ? '!' : '?'} x${i}`);
    }
    // Speed is the bench's job (`npm run bench`); here: every message is analysed without throwing, with tokens.
    for (const m of msgs) expect(analyzeText(m).tokens.length).toBeGreaterThan(0);
  });
});
