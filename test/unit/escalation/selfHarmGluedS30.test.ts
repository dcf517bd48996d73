/**
 * Hostile s29 H7: "killmyself" (no space), a zero-width character as the only separator ("kill\u200Bmyself",
 * "I\u200Bwant\u200Bto\u200Bdie": normalizeText drops it inside a word, which glued the words) and "ending everything"
 * were not read as self-harm. Glued tokens that split whole into the phrases' own words are read split; the other
 * senses stay left alone.
 */
import { describe, expect, it } from 'vitest';
import { selfHarmIn, selfHarmInText } from '../../../shared/escalation/selfHarm';
import { analyzeText } from '../../../shared/nlu/analyzeText';

const both = (t: string) => [selfHarmInText(t), selfHarmIn(analyzeText(t))];

describe('self-harm typed without spaces or with invisible separators (hostile s29 H7)', () => {
  it.each([
    ['i want to killmyself tonight', 'kill myself'],
    ['I want to kill\u200Bmyself', 'kill myself'],
    ['I want to kill\u2060myself', 'kill myself'],
    ['I want to kill\u00ADmyself', 'kill myself'],
    ['I want to\u200Bkill myself', 'kill myself'],
    ['I\u200Bwant\u200Bto\u200Bdie', 'want to die'],
    ['iwanttodie', 'want to die'],
    ['imgonnakillmyself', 'kill myself'],
    ['dontwannalive anymore', 'do not want to live'],
    ['thinking i should endmylife', 'end my life'],
    ['i feel like ending everything', 'ending everything'],
    ['I just want to end everything.', 'end everything'],
  ])('%j is read as %j', (text, words) => {
    expect(both(text)).toEqual([words, words]);
  });

  it.each([
    'ending everything on my account please',
    'I want to end everything with this company',
    'i could killmyself laughing',
    'my lifestyle blog needs a new lamp',
    'the skills workshop ended, everything was great',
    'alive and well, thanks',
    'where is my order',
    'deliverylive tracking',
  ])('%j is not', (text) => {
    expect(both(text)).toEqual([null, null]);
  });
});
