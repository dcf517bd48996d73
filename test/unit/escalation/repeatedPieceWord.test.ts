/**
 * Hostile s23 #1: one long word made of a repeated piece ("hehe" x30, "abab..." x20, "haha" x50) added the same few
 * character grams dozens of times, and the classifier read it as a safety topic or anger with certainty. Each distinct
 * gram of a word counts once now (features.ts charGrams), in the slow path (featuresOf) and the fast one (the cached
 * per-word sums) alike, and a laugh or a keyboard mash is no reason to hand over.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyMessage, classifyMessageUncached, OUTPUT_INDEX } from '../../../shared/escalation/classifier/escalationClassifier';
import { featuresOf, ownWordFeatures } from '../../../shared/escalation/classifier/features';
import { OUTPUTS } from '../../../shared/escalation/classifier/outputs';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { analyzeText } from '../../../shared/nlu/analyzeText';
import { playConversation } from '../../../shared/simulator/playConversation';

const shipped = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const now = Date.parse('2026-11-24T10:00:00Z');

const MASHES = ['hehe'.repeat(30), 'ab'.repeat(40), 'haha'.repeat(50), 'lol' + 'ol'.repeat(60), 'x'.repeat(300)];

describe('a word made of one repeated piece', () => {
  it('adds each character gram once, however often the piece repeats', () => {
    const grams = (t: string) => {
      const out: number[] = [];
      ownWordFeatures(t, out);
      return out;
    };
    // "<hehe...he>": the 3-grams <he heh ehe he> and the 4-grams <heh hehe eheh ehe>, plus the word itself.
    expect(grams('hehe'.repeat(30))).toHaveLength(1 + 4 + 4);
    expect(grams('hehe'.repeat(30))).toHaveLength(new Set(grams('hehe'.repeat(30))).size);
    // A word without a repeated gram keeps all of them: "<order>" has 5 3-grams and 4 4-grams.
    expect(grams('order')).toHaveLength(1 + 5 + 4);
    // Both paths (a scan for a short word, a set over 40 letters) keep exactly the distinct grams: as many ids as
    // distinct 3- and 4-letter pieces of "<word>" (these words' pieces do not collide in the 18-bit hash).
    const distinct = (t: string) => {
      const w = '<' + t + '>';
      const pieces = new Set<string>();
      for (const size of [3, 4]) for (let k = 0; k + size <= w.length; k++) pieces.add(size + w.slice(k, k + size));
      return pieces.size;
    };
    for (const t of ['banana', 'mississippi', 'hahaha', 'supercalifragilisticexpialidociousrefundorder', 'na'.repeat(30) + 'batman']) {
      expect(grams(t), t).toHaveLength(1 + distinct(t));
    }
  });

  it('scores no output high, fast path and slow path alike', () => {
    for (const text of MASHES) {
      const fast = classifyMessage(analyzeText(text));
      const slow = classifyMessageUncached(analyzeText(text));
      for (let k = 0; k < OUTPUTS.length; k++) {
        expect(fast[k], `${OUTPUTS[k]} for ${text.slice(0, 12)}...`).toBeLessThan(0.5);
        expect(fast[k]).toBeCloseTo(slow[k], 6);
      }
    }
    expect(classifyMessage(analyzeText('haha'.repeat(50)))[OUTPUT_INDEX.negative]).toBeLessThan(0.5);
    expect(featuresOf(analyzeText('hehe'.repeat(30))).length).toBeLessThan(20);
  });

  it('is no reason to hand the conversation over in the support flow', () => {
    for (const text of MASHES) {
      const played = playConversation(shipped, 'mash', ['Something else', text], now);
      const reasons = (played.escalation?.signals ?? []).map((s) => s.reason);
      expect(reasons, text.slice(0, 12)).not.toContain('negative_sentiment');
      expect(reasons, text.slice(0, 12)).not.toContain('sensitive_topic');
      expect(played.escalation?.reason ?? 'none', text.slice(0, 12)).not.toMatch(/negative|sensitive/);
    }
  });
});

describe('a phrase pasted many times in one message (hostile s11 #13)', () => {
  const pasted = (phrase: string, times: number) => Array.from({ length: times }, () => phrase).join(' ');

  it('counts a word, and a pair of words, at most twice: forty times scores like twice', () => {
    for (const phrase of ['where is my order', 'the parcel is late', 'i want my money back now']) {
      const twice = classifyMessage(analyzeText(pasted(phrase, 2)));
      const forty = classifyMessage(analyzeText(pasted(phrase, 40)));
      for (let k = 0; k < OUTPUTS.length; k++) {
        // Windows of 12 words may still pick a stretch the two copies did not fill the same way: close, not equal.
        expect(forty[k], `${OUTPUTS[k]} for "${phrase}" x40`).toBeLessThan(Math.max(0.5, twice[k] + 0.1));
      }
    }
    // Before: "the parcel is late" four times read as urgent 0.99, "where is my order" x50 as a refund 1.00.
    expect(classifyMessage(analyzeText(pasted('the parcel is late', 4)))[OUTPUT_INDEX.urgency]).toBeLessThan(0.5);
    expect(classifyMessage(analyzeText(pasted('where is my order', 50)))[OUTPUT_INDEX.refund]).toBeLessThan(0.5);
  });

  it('still counts a word said twice twice ("no no", "please please")', () => {
    const ids = (t: string) => featuresOf(analyzeText(t));
    expect(ids('no no').length).toBeGreaterThan(ids('no').length + 1);
    expect(ids('no no no').length).toBe(ids('no no').length + 1 /* the bigram "no no" a second time */);
    expect(ids('no no no no').length).toBe(ids('no no no').length);
  });

  it('scores the same on the fast path (cached word sums) as on the slow one (featuresOf)', () => {
    const texts = [
      pasted('where is my order', 40),
      pasted('not happy not happy', 10) + ' get me a manager',
      'no no no no NO this is not what I ordered, not what I ordered at all, not at all',
      pasted('hello?', 30),
    ];
    for (const text of texts) {
      const fast = classifyMessage(analyzeText(text));
      const slow = classifyMessageUncached(analyzeText(text));
      for (let k = 0; k < OUTPUTS.length; k++) expect(fast[k], `${OUTPUTS[k]}: ${text.slice(0, 30)}`).toBeCloseTo(slow[k], 6);
    }
  });

  it('is not handed over as a topic or urgency in the support flow', () => {
    for (const phrase of ['where is my order', 'the parcel is late']) {
      const played = playConversation(shipped, 'pasted', ['Something else', pasted(phrase, 50)], now);
      const reasons = (played.escalation?.signals ?? []).map((s) => s.reason);
      expect(reasons, phrase).not.toContain('sensitive_topic');
      expect(reasons, phrase).not.toContain('urgency');
    }
  });
});

describe('one emoji repeated (hostile s24 #3)', () => {
  it('counts at most twice, like a word: ten parcels are two', () => {
    const ten = classifyMessage(analyzeText('my parcel is late ' + '📦'.repeat(10)));
    const two = classifyMessage(analyzeText('my parcel is late ' + '📦'.repeat(2)));
    for (let k = 0; k < OUTPUTS.length; k++) expect(ten[k], OUTPUTS[k]).toBeCloseTo(two[k], 6);
    expect(ten[OUTPUT_INDEX.urgency]).toBeLessThan(0.5);
    const slow = classifyMessageUncached(analyzeText('my parcel is late ' + '📦'.repeat(10)));
    for (let k = 0; k < OUTPUTS.length; k++) expect(ten[k]).toBeCloseTo(slow[k], 6);
    // Angry emoji still count (twice): a complaint with them is still read as negative.
    expect(classifyMessage(analyzeText('this is a joke 🤬🤬🤬🤬🤬🤬'))[OUTPUT_INDEX.negative]).toBeGreaterThan(0.5);
  });
});
