/**
 * Session 36 (perf): the escalation policy's sentiment score of a customer transcript entry's text
 * (effectiveSentiment(analyzeText(text)).score), remembered per entry for the handoff summary's "sounded upset" line
 * (handoffContext.ts mostUpset), which reads every customer entry of the 30-entry window at each ticket or handoff.
 * Before, each summary analysed the whole window again, the texts long gone from analyzeText's 500-text cache: in the
 * closed-path bench (messagePath, distinct texts) 57% of all full text analyses were these re-readings.
 *
 * - `noteUpsetScores`, at the end of every step: the step's customer entries whose text the step has analysed already
 *   (analyzeText's cache holds it) get their score now, from that analysis: no analysis is made for it.
 * - `upsetScore`: the remembered score, else the analysis as before.
 *
 * Pure and exact: analyzeText and effectiveSentiment are functions of the text, so a remembered score is the score a
 * fresh reading gives; the text is checked on every hit. Keyed by the entry object (a WeakMap): an entry's score goes
 * when the entry does (the window drops it, the store's cache lets its record go).
 */
import { analyzeText, analyzedAlready } from '../nlu/analyzeText';
import { effectiveSentiment } from '../escalation/effectiveSentiment';

const scores = new WeakMap<object, { text: string; score: number }>();

/** effectiveSentiment(analyzeText(e.text)).score, remembered for `e`. */
export function upsetScore(e: { readonly text: string }): number {
  const hit = scores.get(e);
  if (hit !== undefined && hit.text === e.text) return hit.score;
  const score = effectiveSentiment(analyzeText(e.text)).score;
  scores.set(e, { text: e.text, score });
  return score;
}

/** Remembers the score of each customer entry of `entries` whose text is already analysed (no new analysis). */
export function noteUpsetScores(entries: readonly { readonly from: string; readonly text: string }[]): void {
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (e.from !== 'customer') continue;
    const analysis = analyzedAlready(e.text);
    if (analysis !== undefined) scores.set(e, { text: e.text, score: effectiveSentiment(analysis).score });
  }
}
