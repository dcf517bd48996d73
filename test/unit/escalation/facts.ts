/**
 * Test helper: builds TurnFacts from a customer message with the real NLU `analyzeText`, and a policy
 * with every default filled in by the real zod schema.
 */
import { analyzeText } from '../../../shared/nlu/analyzeText';
import { escalationPolicySchema, type EscalationPolicy, type Value } from '../../../shared/flow/schema';
import type { IntentMatch } from '../../../shared/nlu/types';
import type { EscalationMemory, Signal, TurnFacts } from '../../../shared/escalation/types';
import { initialEscalationMemory } from '../../../shared/escalation/evaluateEscalation';

export const NOW = Date.parse('2024-05-01T12:00:00Z');

export function facts(text: string, extra: Partial<Omit<TurnFacts, 'text' | 'analysis'>> = {}): TurnFacts {
  return {
    text,
    analysis: analyzeText(text),
    turn: 0,
    now: NOW,
    variables: {},
    intent: null,
    fallback: false,
    ...extra,
  };
}

export function policy(input: Record<string, unknown> = {}): EscalationPolicy {
  return escalationPolicySchema.parse(input);
}

export function memory(over: Partial<EscalationMemory> = {}): EscalationMemory {
  return { ...initialEscalationMemory(), ...over };
}

export function intent(name: string | null, confidence: number): IntentMatch {
  return {
    intentId: name,
    intentName: name,
    confidence,
    ranking: name === null ? [] : [{ intentId: name, intentName: name, score: confidence }],
  };
}

export type Detector = (f: TurnFacts, p: EscalationPolicy, m: EscalationMemory) => Signal | null;

/** Runs a detector on a plain message with a default policy and empty memory. */
export function fires(detect: Detector, text: string, p: EscalationPolicy = policy(), m: EscalationMemory = memory(), vars: Record<string, Value | undefined> = {}): Signal | null {
  return detect(facts(text, { variables: vars }), p, m);
}
