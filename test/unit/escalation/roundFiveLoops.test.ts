/**
 * Round five loop cases (issue 11): a question the bot failed to understand twice, asked a third time in other
 * words, is a loop (the agent learns what the question is), not a repeated fallback after the second asking.
 */
import { describe, it, expect } from 'vitest';
import { detectRepeatedFallback } from '../../../shared/escalation/detectors/detectRepeatedFallback';
import { asksSameSubjectAgain } from '../../../shared/escalation/detectors/detectLoop';
import { evaluateEscalation, initialEscalationMemory } from '../../../shared/escalation/evaluateEscalation';
import type { EscalationMemory } from '../../../shared/escalation/types';
import { facts, memory, policy } from './facts';

const norm = (t: string) => facts(t).analysis.normalized;

/** Plays customer messages that all fall back; returns each turn's decision reason (null when the bot goes on). */
function playFallbacks(texts: string[], p = policy()): (string | null)[] {
  let mem: EscalationMemory = initialEscalationMemory();
  const reasons: (string | null)[] = [];
  for (const [turn, text] of texts.entries()) {
    const { decision, memory: next } = evaluateEscalation(p, facts(text, { fallback: true, turn }), mem);
    reasons.push(decision.action === 'handoff' ? decision.reason : null);
    mem = next;
  }
  return reasons;
}

describe('a question the bot failed on, asked again: loop on the third asking', () => {
  it.each([
    ['ship to poland?', 'do you send to Poland', 'Poland delivery possible?'],
    ['can i pay with klarna', 'klarna payment ok?', 'is klarna accepted for payment'],
  ])('%j / %j / %j hands over as a loop', (a, b, c) => {
    const reasons = playFallbacks([a, b, c]);
    expect(reasons.slice(0, 2)).toEqual([null, null]);
    expect(reasons[2]).toBe('loop');
  });

  it('still hands over as a repeated fallback when the third message is something else unusable', () => {
    expect(playFallbacks(['ship to poland?', 'do you send to Poland', 'asdkjh qwpoe zzx'])).toEqual([null, null, 'repeated_fallback']);
  });

  it('does not wait for two different unusable messages', () => {
    expect(playFallbacks(['how do I get red wine out of a carpet', 'what is the capital of peru'])).toEqual([null, 'repeated_fallback']);
    expect(playFallbacks(['asdfgh', 'qwerty uiop zxcv'])).toEqual([null, 'repeated_fallback']);
  });

  it('does not wait when loops are switched off', () => {
    expect(playFallbacks(['ship to poland?', 'do you send to Poland'], policy({ loop: { enabled: false } }))).toEqual([null, 'repeated_fallback']);
  });

  it('asksSameSubjectAgain needs two shared concepts, not one word in common', () => {
    expect(asksSameSubjectAgain(facts('do you send to Poland').analysis, [norm('ship to poland?')])).toBe(true);
    expect(asksSameSubjectAgain(facts('do you send to Norway').analysis, [norm('ship to poland?')])).toBe(false);
    expect(asksSameSubjectAgain(facts('do you send to Poland').analysis, [])).toBe(false);
    expect(detectRepeatedFallback(facts('do you send to Norway', { fallback: true }), policy(), memory({ fallbacksInRow: 1, recent: [norm('ship to poland?')] }))?.reason).toBe(
      'repeated_fallback',
    );
  });
});
