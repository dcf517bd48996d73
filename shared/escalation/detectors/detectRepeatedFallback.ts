/**
 * repeated_fallback: the bot could not use `count` customer messages in a row. A message the bot did use
 * breaks the streak, so this only fires on a fallback turn.
 */
import type { EscalationPolicy } from '../../flow/schema';
import type { EscalationMemory, Signal, TurnFacts } from '../types';

export function detectRepeatedFallback(facts: TurnFacts, policy: EscalationPolicy, memory: EscalationMemory): Signal | null {
  if (!facts.fallback) return null;
  const inRow = memory.fallbacksInRow + 1;
  const count = policy.repeatedFallback.count;
  if (inRow < count) return null;
  return {
    reason: 'repeated_fallback',
    score: 1,
    threshold: count,
    evidence: [`${inRow} in a row`],
    turn: facts.turn,
    explanation: `The bot did not understand ${inRow} messages in a row (limit ${count}).`,
  };
}
