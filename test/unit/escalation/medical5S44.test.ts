// Session 44 (medical5, retest s43 F11, F3, F7, "breathe a word"): heart-attack and stroke signs in everyday words, read
// by a symptom frame (symptomFrame.ts: a part of a person's body x what is happening to it), and the near misses that
// share their words. The set (test/fixtures/medical5/symptomSet.json) was written before the code.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectUrgency } from '../../../shared/escalation/detectors/detectUrgency';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import type { Flow } from '../../../shared/flow/schema';
import { playConversation } from '../../../shared/simulator/playConversation';
import { detectSensitiveTopic } from '../../../shared/escalation/detectors/detectSensitiveTopic';
import { signsInClause, symptomFrameIn } from '../../../shared/escalation/symptomFrame';
import { canonicalTokens } from '../../../shared/escalation/canonicalTokens';
import { analyzeText } from '../../../shared/nlu/analyzeText';
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

const tokens = (text: string) => canonicalTokens(analyzeText(text));
const flowOf = (name: string) => loadFlowText(readFileSync(new URL(`../../../flows/${name}.json`, import.meta.url), 'utf8')).flow as Flow;
const OPEN = Date.parse('2026-03-09T11:30:00Z');

describe('the frame: strong signs alone, weak signs only beside another class', () => {
  it.each([
    ['my chest hurts', 'chest', true],
    ['her face is drooping', 'face', true],
    ['his speech is slurred', 'speech', true],
    ['she suddenly can not lift her arm', 'limb', true],
    ['my arm is numb', 'limb', false],
    ['she can not speak properly', 'speech', false],
    ['my speech is slurred', 'speech', false],
    ['the arm is numb', 'limb', false],
  ])('%j: a %s sign, strong %s', (text, cls, strong) => {
    expect(signsInClause(tokens(text))).toEqual([expect.objectContaining({ cls, strong })]);
  });
  it('two weak signs of different classes are an emergency, two of one class are not', () => {
    expect(symptomFrameIn([tokens('she can not feel her face'), tokens('her arm went numb')])).toBe('can not feel her face; arm went numb');
    expect(symptomFrameIn([tokens('my arm is numb'), tokens('my leg is numb')])).toBeNull();
  });
  it.each([
    // A thing owns nothing; a cause, a reaction, a product, a hypothetical, negation.
    'the chest of drawers is heavy', 'the clock face is drooping', 'the dolls face is drooping', 'chest freezer hurts my back',
    'my chest hurts from coughing', 'my face dropped when i saw the bill', 'chest pain relief patches', 'what if my chest feels tight',
    'my chest does not hurt', 'no pain in his chest',
  ])('%j holds no sign', (text) => {
    expect(signsInClause(tokens(text))).toEqual([]);
  });
});

describe('"breathe a word" keeps a secret; "can not breathe" is still an emergency', () => {
  it.each(["I can't breathe a word of it", "he's not breathing a word of it", 'cant breath a single word'])('%j fires no urgency', (text) => {
    expect(urgency(text)).toBeNull();
  });
  it.each(["I can't breathe", 'she cant breath', "my son is not breathing, a word from you would help"])('%j is an emergency', (text) => {
    expect(urgency(text)?.emergency).toBe(true);
  });
});

describe('F7: a product topic shows its own words, never a person\'s condition', () => {
  it('the film\'s heart attack beside a skipping disc: damaged goods, the evidence is "skips"', () => {
    const s = fires(detectSensitiveTopic, 'in the film I ordered the hero has a heart attack and the disc skips there', flowOf('customer-support').escalation);
    expect(s?.evidence[0]).toBe('damaged goods');
    expect(s?.evidence.slice(2)).toContain('skips');
    expect(s?.evidence.slice(2)).not.toContain('heart');
    expect(s?.evidence.slice(2)).not.toContain('attack');
    expect(s?.explanation).toContain('"skips"');
  });
});

describe('the four flows: the emergency line once, an urgent handover, no email question', () => {
  it.each([
    ['customer-support', 'my chest hurts and my left arm is numb'],
    ['customer-support', 'pain in my chest going down my arm'],
    ['travel-urgency', "my sister's face is drooping and she can't speak properly"],
    ['insurance-claims', 'his speech is slurred and his arm is weak'],
    ['lead-gen', 'crushing feeling in his chest'],
  ])('%s: %j', (flow, text) => {
    const p = playConversation(flowOf(flow), 'c', [text], OPEN);
    expect([p.handoff?.reason, p.handoff?.priority]).toEqual(['urgency', 'urgent']);
    const bot = p.transcript.filter((t) => t.from === 'bot').map((t) => t.text);
    // (Harbor Mutual's own greeting names 112 too: the emergency line is the one that says "please call ... now".)
    expect(bot.filter((t) => /please call (?:999|911|112) now|cabin staff/.test(t))).toHaveLength(1);
    expect(bot.some((t) => /email address/i.test(t))).toBe(false);
  });
});
