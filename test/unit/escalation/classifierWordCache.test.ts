/**
 * Session 7 (speed): the classifier scores a message from cached per-word weight sums (classifyMessage) instead of one
 * table walk per hashed id (featuresOf). Both must give the same probabilities and the same explaining words, on
 * messages of every kind, including negation scopes, bigrams across long messages (windows), cues and repeats.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyMessage, classifyMessageUncached, escalationModel, OUTPUT_INDEX, topContributors, WORD_CACHE } from '../../../shared/escalation/classifier/escalationClassifier';
import { featuresOf, type FeatureGroup } from '../../../shared/escalation/classifier/features';
import { OUTPUTS, type ClassifierOutput } from '../../../shared/escalation/classifier/outputs';
import { analyzeText } from '../../../shared/nlu/analyzeText';

const MESSAGES = [
  'I want to talk to a real person NOW!!',
  "I didn't order this and I don't recognise the charge on my card",
  'not happy, not happy at all, never again 😡',
  'f***ing useless. third time asking',
  "So I ordered a sofa bed in October, then my landlord said we might be moving, then we didn't move after all, and now the sofa bed has arrived at my old flat and nobody there will sign for it, can someone please call me back",
  '??',
  '',
  'refund refund refund',
  'the box was dented but everything inside is fine, no action needed',
  'WHERE IS MY PARCEL',
];
const corpus = readFileSync(new URL('../../fixtures/escalation/labelled.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .flatMap((l) => (JSON.parse(l) as { turns: string[] }).turns);

/** The explaining words the way they were computed before the cache: featuresOf's groups, one walk per id. */
function contributorsByIds(text: string, output: ClassifierOutput): string[] {
  const m = escalationModel();
  const k = OUTPUT_INDEX[output];
  const groups: FeatureGroup[] = [];
  const ids = featuresOf(analyzeText(text), [], groups);
  const byName = new Map<string, number>();
  for (const g of groups) {
    let sum = 0;
    for (let a = g.from; a < g.to; a++) for (let e = m.start[ids[a]]; e < m.start[ids[a] + 1]; e++) if (m.out[e] === k) sum += m.weight[e];
    byName.set(g.name, (byName.get(g.name) ?? 0) + sum);
  }
  return [...byName].filter(([, v]) => v > 0.25).sort((a, b) => b[1] - a[1]).slice(0, 4).map(([n]) => n);
}

describe('classifier word cache (session 7)', () => {
  it('scores every message exactly as the id-by-id walk does', () => {
    for (const text of [...MESSAGES, ...corpus]) {
      const fast = classifyMessage(analyzeText(text));
      const slow = classifyMessageUncached(analyzeText(`${text} `));
      expect([...fast], text).toEqual([...slow]);
    }
  });

  it('names the same words for a score as the id-by-id walk', () => {
    for (const text of [...MESSAGES, ...corpus.slice(0, 120)]) {
      for (const output of OUTPUTS) expect(topContributors(analyzeText(text), output), `${output}: ${text}`).toEqual(contributorsByIds(text, output));
    }
  });

  it('keeps a bounded cache and gives the same scores after it is cleared', () => {
    const text = 'I want to speak to a manager about a charge I did not make';
    const before = [...classifyMessage(analyzeText(text))];
    // More distinct words than the cache holds: it is cleared on the way, and the scores do not move.
    for (let i = 0; i <= WORD_CACHE; i += 50) classifyMessage(analyzeText(Array.from({ length: 50 }, (_, k) => `zq${i + k}x`).join(' ')));
    expect(escalationModel().wordSums!.size).toBeLessThanOrEqual(WORD_CACHE);
    expect([...classifyMessage(analyzeText(`${text} .`))]).toEqual(before);
  });
});
