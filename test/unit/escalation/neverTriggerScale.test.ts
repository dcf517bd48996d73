/**
 * neverTrigger matching on words (a trie compiled once per list), not one big regular expression: any list the
 * engine is given runs (a ~8k-word phrase made V8 throw "Regular expression too large" on every customer message,
 * hostile tester session 5), and matching keeps its meaning: whole words, any separators, case and accents
 * ignored, the rest of the message kept. Timing is in test/bench, not here.
 */
import { describe, expect, it } from 'vitest';
import { removeNeverTrigger, withoutNeverTrigger } from '../../../shared/escalation/neverTrigger';
import { analyzeText } from '../../../shared/nlu/analyzeText';
import type { TurnFacts } from '../../../shared/escalation/types';

const facts = (text: string): TurnFacts => ({ text, analysis: analyzeText(text), turn: 1, now: 0, variables: {}, intent: null, fallback: false });

describe('removeNeverTrigger', () => {
  it('removes whole-word phrases with any separators, case and accents, keeping the rest', () => {
    const words = ['Rage Red', 'Café Hurry'];
    expect(removeNeverTrigger('the RAGE-red hoodie arrived broken', words)).toBe('the hoodie arrived broken');
    expect(removeNeverTrigger('two at cafe  hurry, now!', words)).toBe('two at , now!');
    expect(removeNeverTrigger('outrage reduction', words)).toBeNull();
    expect(removeNeverTrigger('rage redder', words)).toBeNull();
  });

  it('the longest listed phrase wins where several start at the same word', () => {
    expect(removeNeverTrigger('hurry up town is far', ['hurry', 'hurry up town'])).toBe('is far');
    expect(removeNeverTrigger('hurry up please', ['hurry', 'hurry up town'])).toBe('up please');
  });

  it('matches an entry in its normalised spelling too (as before: "pls" is "please")', () => {
    expect(removeNeverTrigger('please help', ['pls help'])).toBe('');
  });

  it('runs a phrase of 8,000 words and a list of 10,000 entries without throwing, and still matches', () => {
    const long = 'y '.repeat(8000).trim();
    expect(removeNeverTrigger('hello y y y', [long])).toBeNull();
    expect(removeNeverTrigger(`hi ${long} there`, [long])).toBe('hi there');
    const many = Array.from({ length: 10_000 }, (_, i) => `brand${i} name${i}`);
    expect(removeNeverTrigger('is brand9999 name9999 in stock? brand5 name6', many)).toBe('is in stock? brand5 name6');
    expect(withoutNeverTrigger(facts('I hate brand7 name7'), many).analysis.text).toBe('I hate');
  });

  it('leaves the facts untouched when nothing matches, and re-analyses the text when something does', () => {
    const f = facts('where is my order');
    expect(withoutNeverTrigger(f, ['Rage Red'])).toBe(f);
    expect(withoutNeverTrigger(f, [])).toBe(f);
    expect(withoutNeverTrigger(facts('Rage Red where is it'), ['Rage Red']).analysis.text).toBe('where is it');
  });
});
