/**
 * low_confidence: an intent router classified this message but is not sure. Only runs when `facts.intent`
 * is set, so free-text questions and button blocks never trigger it.
 *
 * It needs a partial match (some intent at `MIN_PARTIAL` or more): a message that matches nothing at all
 * ("asdfgh", "what is the capital of Peru") is not the bot being unsure, it is the bot not understanding,
 * which `repeated_fallback` counts. Otherwise every first miss would hand over and the fallback streak
 * the designer set would never matter.
 */
const MIN_PARTIAL = 0.1;
import type { EscalationPolicy } from '../../flow/schema';
import type { EscalationMemory, Signal, TurnFacts } from '../types';

export function detectLowConfidence(facts: TurnFacts, policy: EscalationPolicy, _memory: EscalationMemory): Signal | null {
  const intent = facts.intent;
  const threshold = policy.lowConfidence.threshold;
  if (intent === null || intent.intentId === null || !(intent.confidence < threshold) || intent.confidence < MIN_PARTIAL) return null;
  const best = intent.intentName ?? intent.intentId;
  const conf = intent.confidence.toFixed(2);
  return {
    reason: 'low_confidence',
    score: Math.max(0, Math.min(1, 1 - intent.confidence)),
    threshold,
    evidence: [best, conf],
    turn: facts.turn,
    explanation: `Low intent confidence (best intent "${best}" at ${conf} < ${threshold}).`,
  };
}
