// Session 44 (hostfix, hostile s44 H1): a fire, smoke, a gas leak or carbon monoxide happening now, with a person affected
// or not contained, is an emergency (hazardNow.ts): urgency read by a rule, Signal.emergency set, so the engine says the
// emergency line first and hands over without the email question. The set (test/fixtures/hostfix/hazardSet.json) was
// written before the code.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectUrgency } from '../../../shared/escalation/detectors/detectUrgency';
import { hazardNow } from '../../../shared/escalation/hazardNow';
import { analyzeText } from '../../../shared/nlu/analyzeText';
import { canonicalTokens } from '../../../shared/escalation/canonicalTokens';
import { fires, policy } from './facts';

interface Entry { voice: string; text: string; why?: string }
const SET = JSON.parse(readFileSync(new URL('../../fixtures/hostfix/hazardSet.json', import.meta.url), 'utf8')) as { fire: Entry[]; not: Entry[] };
const urgency = (text: string) => fires(detectUrgency, text, policy());

describe('hazard set: 25 emergencies, 25 near misses, five voices', () => {
  it('holds 25 of each in five voices', () => {
    expect(SET.fire.length).toBe(25);
    expect(SET.not.length).toBe(25);
    for (const list of [SET.fire, SET.not]) expect(new Set(list.map((e) => e.voice))).toEqual(new Set(['terse', 'rambling', 'non-native', 'panicked', 'polite']));
  });
  it.each(SET.fire.map((e) => [e.text]))('%j is an emergency (urgency, emergency set)', (text) => {
    const s = urgency(text);
    expect(s?.reason).toBe('urgency');
    expect(s?.emergency).toBe(true);
  });
  it.each(SET.not.map((e) => [e.text, e.why]))('%j (%s) is no emergency', (text) => {
    expect(urgency(text)?.emergency ?? false).toBe(false);
    expect(hazardNow(canonicalTokens(analyzeText(text)))).toBeNull();
  });
});

describe('hazard: corpus near misses found by escrfEval (after the set)', () => {
  it.each(["The red dress is so beautiful, my friends say it is 'burning hot' hahaha. Do you have the same in size 8?"])('%j is no emergency', (text) => {
    expect(hazardNow(canonicalTokens(analyzeText(text)))).toBeNull();
  });
});
