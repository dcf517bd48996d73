/**
 * Session 25 (hostile s24 #4, #16): single letters ("f f", "a.b.c.d.e.f") were read as anger by the classifier, which
 * learned spaced-out swearing ("w t f", "b.s."); a crying emoji nine times before "it is so beautiful" summed to a
 * sentiment of -0.97. Letters alone now count only when they spell a word of anger, and an emoji or emoticon counts at
 * most twice in the sentiment score (plain VADER's score keeps every one).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { sentimentDetail } from '../../../shared/nlu/sentiment';
import { playConversation } from '../../../shared/simulator/playConversation';

const shipped = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const now = Date.parse('2026-11-24T10:00:00Z');
const reasonOf = (text: string) => playConversation(shipped, 'letters', ['Something else', text], now).escalation?.reason ?? 'none';
const signalsOf = (text: string) => (playConversation(shipped, 'letters', ['Something else', text], now).escalation?.signals ?? []).map((s) => s.reason);

describe('single letters (hostile s24 #4)', () => {
  it('are no anger when they spell nothing', () => {
    for (const text of ['f f', 'a.b.c.d.e.f', 'F F', 'x y z', 'f.f.f.f.f']) {
      expect(signalsOf(text), text).not.toContain('negative_sentiment');
      expect(reasonOf(text), text).not.toBe('negative_sentiment');
    }
  });

  it('still read spaced-out or masked swearing as anger', () => {
    for (const text of ['w t f', 'w.t.f', 's t f u', 'b.s.', 'f f s', 's#!t', 'f*** f***']) expect(reasonOf(text), text).toBe('negative_sentiment');
  });
});

describe('one emoji many times (hostile s24 #16)', () => {
  const crying = '😭'.repeat(9) + ' it is so beautiful';

  it('counts at most twice in the sentiment score; plain VADER keeps them all', () => {
    const d = sentimentDetail(crying);
    expect(d.score).toBeCloseTo(sentimentDetail('😭😭 it is so beautiful').score, 6);
    expect(d.score).toBeGreaterThan(-0.5);
    expect(d.vaderScore).toBeLessThan(-0.5);
  });

  it('hands nine crying faces around praise to nobody', () => {
    expect(signalsOf(crying)).not.toContain('negative_sentiment');
    expect(reasonOf(crying)).toBe('none');
  });

  it('still reads angry emoji and a complaint with crying faces as negative', () => {
    expect(reasonOf('😡😡😡😡😡😡')).toBe('negative_sentiment');
    expect(reasonOf('this is a joke, where is my parcel ' + '😭'.repeat(6))).toBe('negative_sentiment');
    expect(sentimentDetail('terrible service 😠😠😠😠').score).toBeLessThan(-0.5);
  });
});

// hostile25 #7: letters that are texting shorthand on their own ("n", "r", "u") were expanded in the tokens, so a word
// spelled out with them was not "single letters" and the classifier's 0.99 fired.
describe('words spelled out letter by letter, texting letters included', () => {
  it.each(['s h i p p i n g', 'o r d e r  s t a t u s', 'r e t u r n', 'd.e.l.i.v.e.r.y'])('%j is not anger', (text) => {
    expect(reasonOf(text)).not.toBe('negative_sentiment');
  });
  it.each(['s t f u', 'w.t.f', 'F.U.'])('%j still is', (text) => {
    expect(reasonOf(text)).toBe('negative_sentiment');
  });
});
