/**
 * Session 31 (perf): evaluateEscalation builds the next memory as a literal (and withTurnIntent copies it with
 * Object.assign) instead of spreading streakMemory's object and adding fields, which V8 on node 20 does on a slow path.
 * Stored states are JSON: the memory must keep the fields, values and order the spread gave. A guard of that (it
 * passes before the change too: the change is for speed, measured in docs/runtime.md "Session 31 (perf)").
 */
import { describe, expect, it } from 'vitest';
import { evaluateEscalation, initialEscalationMemory } from '../../../shared/escalation/evaluateEscalation';
import { analyzeText } from '../../../shared/nlu/analyzeText';
import { loadSupportFlow } from '../../bench/escalationReport';
import type { EscalationMemory, TurnFacts } from '../../../shared/escalation/types';

const policy = { ...loadSupportFlow().escalation, mode: 'graduated' as const };
const facts = (text: string, fallback: boolean, turn: number): TurnFacts => ({
  text,
  analysis: analyzeText(text),
  turn,
  now: Date.parse('2026-11-24T10:00:00Z'),
  variables: {},
  intent: fallback ? null : { intentId: 'track_order', intentName: 'track_order', confidence: 0.9, ranking: [] },
  fallback,
  timezone: 'Europe/London',
});

describe('the next escalation memory keeps the spread\'s fields and order (session 31 perf)', () => {
  it('no clearInRow while no clear shop question counted; the intents last', () => {
    let m: EscalationMemory = initialEscalationMemory();
    m = evaluateEscalation(policy, facts('where is my order?', false, 0), m).memory;
    expect(Object.keys(m)).toEqual(['fallbacksInRow', 'recent', 'sentiments', 'level', 'intents']);
    expect(m.fallbacksInRow).toBe(0);
    m = evaluateEscalation(policy, facts('asdfgh', true, 1), m).memory;
    expect(Object.keys(m)).toEqual(['fallbacksInRow', 'recent', 'sentiments', 'level', 'intents']);
    expect(m.fallbacksInRow).toBe(1);
    // No intent entry to keep: no intents field (withTurnIntent returns the literal itself).
    m = evaluateEscalation(policy, facts('hmm', true, 0), initialEscalationMemory()).memory;
    expect(Object.keys(m)).toEqual(['fallbacksInRow', 'recent', 'sentiments', 'level']);
  });

  it('the streak fields first (clearInRow, inShopStreak when so), then recent, sentiments, level, intents', () => {
    const m = evaluateEscalation(policy, facts('is the blue jacket in stock?', true, 0), initialEscalationMemory()).memory;
    expect(m.clearInRow).toBe(1);
    expect(JSON.stringify(m)).toBe('{"fallbacksInRow":1,"clearInRow":1,"inShopStreak":true,"recent":["is the blue jacket in stock"],"sentiments":[0],"level":0}');
    // After an earlier message the bot used, the intent entries ride along, last.
    const used = evaluateEscalation(policy, facts('where is my order?', false, 0), initialEscalationMemory()).memory;
    const next = evaluateEscalation(policy, facts('is the blue jacket in stock?', true, 1), used).memory;
    expect(Object.keys(next)).toEqual(['fallbacksInRow', 'clearInRow', 'inShopStreak', 'recent', 'sentiments', 'level', 'intents']);
  });
});
