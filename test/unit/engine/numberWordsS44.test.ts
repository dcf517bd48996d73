// Session 44 (hostfix, hostile s44 L5): numbers counted in dozens and scores, and "a few" / "a couple" before a multiplier,
// read by the one number-in-words reader (questionValidators numberInWords, via numberAnswer).
import { describe, expect, it } from 'vitest';
import { numberAnswer } from '../../../shared/engine/questionValidators';

describe('number words: dozens, scores, a few hundred', () => {
  it.each([
    ['a dozen people', 12],
    ['half a dozen', 6],
    ['two dozen', 24],
    ['a couple of dozen of us', 24],
    ['a few hundred', 300],
    ['a couple of hundred staff', 200],
    ['a couple thousand', 2000],
    ['a score of us', 20],
    ['a dozen or so', 12],
    ['about forty of us', 40],
  ])('%j reads %d', (text, n) => {
    expect(numberAnswer(text)).toBe(n);
  });
  it.each(['a couple', 'a few of us', 'what is the score', 'dozens', 'one of us', 'a few'])('%j names no number', (text) => {
    expect(numberAnswer(text)).toBeNull();
  });
});
