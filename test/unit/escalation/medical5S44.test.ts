// Session 44 (medical5, retest s43 F11, F3, F7, "breathe a word"): heart-attack and stroke signs in everyday words, read
// by a symptom frame (symptomFrame.ts: a part of a person's body x what is happening to it), and the near misses that
// share their words. The set (test/fixtures/medical5/symptomSet.json) was written before the code.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectUrgency } from '../../../shared/escalation/detectors/detectUrgency';
import { fires, policy } from './facts';

interface Entry { voice: string; text: string; sign?: string; why?: string; deadline?: boolean }
const SET = JSON.parse(readFileSync(new URL('../../fixtures/medical5/symptomSet.json', import.meta.url), 'utf8')) as { fire: Entry[]; not: Entry[] };
const urgency = (text: string) => fires(detectUrgency, text, policy());

describe('the set written before the code: every sign is an emergency', () => {
  it('holds at least 40 of each, in five voices', () => {
    expect(SET.fire.length).toBeGreaterThanOrEqual(40);
    expect(SET.not.length).toBeGreaterThanOrEqual(40);
    for (const list of [SET.fire, SET.not]) expect(new Set(list.map((e) => e.voice))).toEqual(new Set(['terse', 'rambling', 'non-native', 'panicked', 'polite']));
  });
  it.each(SET.fire.map((e) => [e.text, e.sign]))('%j (%s) is an emergency (urgency, a rule, emergency)', (text) => {
    const s = urgency(text);
    expect(s?.reason).toBe('urgency');
    expect(s?.source).toBe('rule');
    expect(s?.emergency).toBe(true);
  });
});

describe('the set written before the code: near misses are no emergency', () => {
  // (Two name a day, "by Friday": a deadline the designer's horizon reads as urgency, not an emergency.)
  it.each(SET.not.filter((e) => e.deadline !== true).map((e) => [e.text, e.why]))('%j (%s) fires no urgency', (text) => {
    expect(urgency(text)).toBeNull();
  });
  it.each(SET.not.filter((e) => e.deadline === true).map((e) => [e.text, e.why]))('%j (%s) is no emergency', (text) => {
    const s = urgency(text);
    expect(s?.emergency ?? false).toBe(false);
    expect(s?.evidence.join(' ') ?? '').not.toMatch(/speech/);
  });
});
