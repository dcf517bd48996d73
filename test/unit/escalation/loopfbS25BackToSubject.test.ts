// Session 25 (loopfb): a handed-over fallback streak is named a loop when an asking goes back to the subject of an earlier
// one rather than the one just before (detectLoop.streakLoop / backToEarlierSubject): "do weekends count" / "do Saturdays
// and Sundays count" / "weekends included?" is one request. It only names a handoff repeated fallbacks make anyway.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { escalationOrClarify, playConversation } from '../../../shared/simulator/playConversation';
import { streakLoop } from '../../../shared/escalation/detectors/detectLoop';
import { normalizeText } from '../../../shared/nlu/normalizeText';
import { facts, memory, policy } from './facts';

const shipped = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const now = Date.parse('2026-11-24T10:00:00Z');
const reason = (turns: string[]) => escalationOrClarify(playConversation(shipped, 'c', turns, now), turns.length)?.reason ?? 'none';
const pol = policy({ mode: 'immediate', repeatedFallback: { enabled: true, count: 2 }, loop: { enabled: true, count: 3, similarity: 0.8 } });
const streak = (earlier: string[], text: string, throughout = false) =>
  streakLoop(facts(text, { fallback: true }), pol, memory({ recent: earlier.map((e) => normalizeText(e)), fallbacksInRow: 2, intents: ['', ''] }), throughout);

describe('back to the first asking\'s subject', () => {
  it('is named a loop (was repeated fallback)', () => {
    expect(reason(['Something else', 'the 30 day return, do weekends count', "I know it's 30 days, do Saturdays and Sundays count in it", 'weekends included?'])).toBe('loop');
  });
  it('streakLoop links the third asking to the first', () => {
    expect(streak(['the 30 day return do weekends count', 'i know it is 30 days do saturdays and sundays count in it'], 'weekends included')?.reason).toBe('loop');
  });
  it('not when repeated fallbacks do not hand over (throughout): the loop alone needs one subject throughout', () => {
    expect(streak(['the 30 day return do weekends count', 'i know it is 30 days do saturdays and sundays count in it'], 'weekends included', true)).toBeNull();
  });
});

describe('what stays repeated fallbacks', () => {
  it('different order references', () => {
    expect(streak(['where is my parcel 40210', 'can you deliver firewood'], 'where is my parcel 40211')).toBeNull();
  });
  it('three different requests', () => {
    expect(reason(['Something else', 'do you sell fishing rods', 'can you deliver firewood', 'do you sell car tyres'])).toBe('repeated_fallback');
    expect(reason(['Something else', 'wot is ur fav colour', 'do u like cats', 'wot is ur fav food'])).toBe('repeated_fallback');
  });
});
