/**
 * Session 44 (fe2, issue 11): a long message said calmly needs the negative classifier surer (detectNegativeSentiment
 * longThreshold), and the new development fixture test/fixtures/escalation-negative/fe2-s44.jsonl (600 single messages,
 * five voices) is well formed and its held-out even half keeps the figures measured this session. Sentences in the rule's
 * tests are made up for the tests (not the fixture's or the corpora's).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decide, flow, reasonOf } from './support/supportFlowPlay';
import { analyzeText } from '../../../shared/nlu/analyzeText';
import { classifierScore } from '../../../shared/escalation/learnedSignals';
import { CLASSIFIER_THRESHOLDS } from '../../../shared/escalation/classifier/thresholds';
import { LONG_THRESHOLD, LONG_WORDS, longThreshold } from '../../../shared/escalation/detectors/detectNegativeSentiment';
import { negReport, type NegItem } from '../../../scripts/train-escalation/negReport';

const FIXTURE = 'test/fixtures/escalation-negative/fe2-s44.jsonl';

// A friendly story around a shop request, 41 words: the classifier reads it between its threshold and LONG_THRESHOLD.
const story = 'So my book club meets at mine next week for the first time and I have nowhere near enough mugs for everyone, so I am after a set of six in a plain colour that will go with my grey kitchen';

describe('a long calmly said message needs the negative classifier surer (longThreshold)', () => {
  it('the story is long and read in the band the rule covers', () => {
    const a = analyzeText(story);
    expect(a.tokens.length).toBeGreaterThanOrEqual(LONG_WORDS);
    const p = classifierScore(a, 'negative');
    expect(p).toBeGreaterThanOrEqual(CLASSIFIER_THRESHOLDS.negative);
    expect(p).toBeLessThan(LONG_THRESHOLD);
  });

  it('the story stays with the bot, with a near miss that names the length and the threshold it had to reach', () => {
    const d = decide(story);
    expect(d.reason).toBeNull();
    const miss = d.nearMisses?.find((n) => n.reason === 'negative_sentiment');
    expect(miss?.source).toBe('classifier');
    expect(miss?.threshold).toBeCloseTo(LONG_THRESHOLD, 5);
    expect(miss?.explanation).toMatch(/but the message is long \(\d+ words\) and calmly said \(no run of marks\), where the classifier must reach 0\.93 to fire, so it does not fire\.$/);
    expect(reasonOf(story)).toBeNull();
  });

  it.each([
    // A long complaint the classifier reads above LONG_THRESHOLD.
    'Three weeks ago I paid for next day delivery, and since then I have had two emails saying it is on the way and one saying it has been returned to sender, and nobody has explained any of it',
    // The same story with an angry emoji is not calm.
    story.replace('everyone,', 'everyone 😡'),
  ])('%j is still negative sentiment', (text) => {
    expect(analyzeText(text).tokens.length).toBeGreaterThanOrEqual(LONG_WORDS);
    expect(decide(text).reason).toBe('negative_sentiment');
  });

  it('a short message keeps the usual threshold (the rule asks for LONG_WORDS words)', () => {
    expect(longThreshold('where is my order, it has been ages', 8, CLASSIFIER_THRESHOLDS.negative)).toBeNull();
  });

  it('a run of marks anywhere keeps the usual threshold: exasperation', () => {
    for (const marks of ['??', '?!', '!!', '！！']) expect(longThreshold(`a long message ${marks} with many words`, 30, 0.75)).toBeNull();
    expect(longThreshold('a long message, said calmly. with many words?', 30, 0.75)).toBe(LONG_THRESHOLD);
  });

  it("never lowers a designer's stricter classifier threshold", () => {
    expect(longThreshold('a long calm message', 40, 0.98)).toBe(0.98);
    expect(longThreshold('a long calm message', LONG_WORDS, 0.5)).toBe(LONG_THRESHOLD);
  });
});

interface Row { id: string; expect: string; turns: string[]; voice: string; kind: string }
const rows: Row[] = readFileSync(FIXTURE, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Row);

describe('the new fixture fe2-s44.jsonl', () => {
  it('has 600 messages: five voices, 60 negative and 60 ordinary each, no text twice, played after "Something else"', () => {
    expect(rows).toHaveLength(600);
    const voices = ['terse', 'rambling', 'non-native', 'sarcastic', 'polite-indirect'];
    for (const v of voices) {
      expect(rows.filter((r) => r.voice === v && r.expect === 'negative_sentiment')).toHaveLength(60);
      expect(rows.filter((r) => r.voice === v && r.expect === 'none')).toHaveLength(60);
    }
    expect(new Set(rows.map((r) => r.turns[1].toLowerCase())).size).toBe(600);
    expect(new Set(rows.map((r) => r.id)).size).toBe(600);
    for (const r of rows) {
      expect(r.turns).toHaveLength(2);
      expect(r.turns[0]).toBe('Something else');
      expect(r.id).toMatch(/^s44-(neg|ord)-[a-z]+-\d{3}$/);
    }
  });

  it('splits evenly: each voice and label has 30 odd ids (train / tune) and 30 even ids (held out)', () => {
    const odd = rows.filter((r) => Number(r.id.slice(-3)) % 2 === 1);
    expect(odd).toHaveLength(300);
    for (const v of new Set(rows.map((r) => r.voice))) {
      for (const label of ['negative_sentiment', 'none']) expect(odd.filter((r) => r.voice === v && r.expect === label)).toHaveLength(30);
    }
  });

  // Floors measured on this branch (docs/escalation.md "Session 44 (fe2)"): the held-out half, before (main ac284108) 91
  // negatives handed over as negative sentiment and 19 ordinary handed over; after the long-message rule 90 and 17.
  it('held-out even half: at least 90 of 150 negatives handed over as negative sentiment, at most 17 of 150 ordinary handed over', () => {
    const even: NegItem[] = rows.filter((r) => Number(r.id.slice(-3)) % 2 === 0).map((r) => ({ id: r.id, expect: r.expect, turns: r.turns, kind: r.kind }));
    const r = negReport(FIXTURE, flow, even);
    expect(r.negatives).toBe(150);
    expect(Math.round(r.recall * 150)).toBeGreaterThanOrEqual(90);
    expect(Math.round(r.falseAny * 150)).toBeLessThanOrEqual(17);
    // Plain VADER on the same negatives (the baseline): 44 of 150.
    expect(r.recall).toBeGreaterThan(r.vader);
  }, 60_000);
});
