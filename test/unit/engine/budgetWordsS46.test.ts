// Session 46 (details6, hostile s46 M5): budget amounts in common words. "grand" is a thousand, "half a <scale>" is half of
// it, and a scale or fraction word the reader does not know is asked again (null), never stored as a smaller or larger
// number. Wordings written BEFORE the change (the first two lists); held-out ones added after (the last list).
import { describe, expect, it } from 'vitest';
import { numberAnswer } from '../../../shared/engine/questionValidators';

describe('budget words (hostile s46 M5)', () => {
  it.each([
    ['2 grand', 2000],
    ['10 grand a year', 10000],
    ['about 2 grand', 2000],
    ['$10 grand', 10000],
    ['ten grand', 10000],
    ['half a million', 500000],
    ['about half a million dollars', 500000],
    ['half a thousand', 500],
    ['15-20 grand', 15000],
    ['5 hundred', 500],
    // unchanged, right before
    ['5 thousand', 5000],
    ['five thousand', 5000],
    ['1.5m', 1500000],
    ['a few hundred', 300],
    ['20 000', 20000],
    ['a million', 1000000],
  ])('%j reads %d', (text, n) => {
    expect(numberAnswer(text)).toBe(n);
  });
  it.each([
    '10 lakh',
    '2 crore',
    'a quarter million',
    '3 and a half thousand',
    '5 mil',
    '2 thou',
    'half a mill',
  ])('%j is asked again (a scale word not read)', (text) => {
    expect(numberAnswer(text)).toBeNull();
  });
});

// Held out: written after the change, all right on first run.
describe('budget words, held out (hostile s46 M5)', () => {
  it.each([
    ['roughly 50 grand', 50000],
    ['fifty grand', 50000],
    ['£25 grand per year', 25000],
    ['half a billion', 500000000],
    ['maybe half a million', 500000],
    ['around two hundred grand', 200000],
    ['20-30 grand', 20000],
    ['7 hundred dollars', 700],
  ])('%j reads %d', (text, n) => {
    expect(numberAnswer(text)).toBe(n);
  });
  it.each(["that's grand", '4 lakhs', 'one and a half million', 'a quarter of a million', '2 and a half grand', '15 mill', 'half a mil'])(
    '%j is asked again',
    (text) => {
      expect(numberAnswer(text)).toBeNull();
    },
  );
});
