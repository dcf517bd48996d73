/**
 * The policy's `neverTrigger` words: phrases a business uses that look like a signal and are not (a
 * product called "Rage Red", a town called "Hurry"). They are removed from the message before the text
 * detectors read it, so no rule and no classifier can fire on them; the rest of the message still counts.
 */
import { analyzeText } from '../nlu/analyzeText';
import { normalizeText } from '../nlu/normalizeText';
import type { TurnFacts } from './types';

const compiled = new WeakMap<readonly string[], RegExp | null>();

function patternOf(words: readonly string[]): RegExp | null {
  let re = compiled.get(words);
  if (re === undefined) {
    const alts = words
      .map((w) => normalizeText(w))
      .filter((w) => w !== '')
      .sort((a, b) => b.length - a.length)
      .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[^a-z0-9]+'));
    re = alts.length === 0 ? null : new RegExp(`(^|[^a-z0-9])(?:${alts.join('|')})(?=$|[^a-z0-9])`, 'gi');
    compiled.set(words, re);
  }
  return re;
}

export function withoutNeverTrigger(facts: TurnFacts, words: readonly string[]): TurnFacts {
  if (words.length === 0) return facts;
  const re = patternOf(words);
  if (re === null) return facts;
  re.lastIndex = 0;
  if (!re.test(facts.text)) return facts;
  const text = facts.text.replace(re, '$1').replace(/\s{2,}/g, ' ').trim();
  return { ...facts, analysis: analyzeText(text) };
}
