/**
 * low_confidence: an intent router classified this message but is not sure. Only runs when `facts.intent`
 * is set, so free-text questions and button blocks never trigger it.
 */
import type { EscalationPolicy } from '../../flow/schema';
import type { EscalationMemory, Signal, TurnFacts } from '../types';

export function detectLowConfidence(facts: TurnFacts, policy: EscalationPolicy, _memory: EscalationMemory): Signal | null {
  const intent = facts.intent;
  const threshold = policy.lowConfidence.threshold;
  if (intent === null || !(intent.confidence < threshold)) return null;
  const best = intent.intentName ?? intent.ranking[0]?.intentName ?? null;
  const conf = intent.confidence.toFixed(2);
  const what = best === null ? `no intent matched (confidence ${conf} < ${threshold})` : `best intent "${best}" at ${conf} < ${threshold}`;
  return {
    reason: 'low_confidence',
    score: Math.max(0, Math.min(1, 1 - intent.confidence)),
    threshold,
    evidence: best === null ? [conf] : [best, conf],
    turn: facts.turn,
    explanation: `Low intent confidence (${what}).`,
  };
}
