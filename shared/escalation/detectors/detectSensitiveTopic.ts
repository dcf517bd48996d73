/**
 * sensitive_topic: the message touches a topic the designer wants a person for (refunds, legal threats,
 * account deletion...). A topic phrase matches when all its content words (stemmed, synonyms folded) are in
 * the message in any order; or the intent router put the message in one of the topic's intents with
 * confidence >= 0.5. The first matching topic in the designer's order wins.
 */
import type { EscalationPolicy } from '../../flow/schema';
import type { EscalationMemory, Signal, TurnFacts } from '../types';
import { compileSensitiveTopics, conceptKeys } from '../compileSensitiveTopics';

const INTENT_CONFIDENCE = 0.5;

export function detectSensitiveTopic(facts: TurnFacts, policy: EscalationPolicy, _memory: EscalationMemory): Signal | null {
  const topics = policy.sensitiveTopics.topics;
  if (topics.length === 0) return null;
  const compiled = compileSensitiveTopics(topics);
  const { stems, tokens } = facts.analysis;
  const keys = conceptKeys(stems);
  const intent = facts.intent;
  const intentNames =
    intent && intent.confidence >= INTENT_CONFIDENCE
      ? [intent.intentName, intent.intentId].filter((n): n is string => n !== null).map((n) => n.toLowerCase())
      : [];
  for (const ct of compiled) {
    for (const p of ct.phrases) {
      if (!p.keys.every((k) => keys.has(k))) continue;
      const at = new Set<number>();
      for (const k of p.keys) for (const i of keys.get(k) ?? []) at.add(i);
      const words = [...at].sort((a, b) => a - b).map((i) => tokens[i]);
      return {
        reason: 'sensitive_topic',
        score: 1,
        threshold: 1,
        evidence: [ct.topic.name, ...words],
        turn: facts.turn,
        explanation: `Sensitive topic "${ct.topic.name}" ("${words.join(' ')}" matches "${p.phrase}").`,
      };
    }
    const hit = intentNames.find((n) => ct.intents.has(n));
    if (hit !== undefined && intent) {
      return {
        reason: 'sensitive_topic',
        score: intent.confidence,
        threshold: INTENT_CONFIDENCE,
        evidence: [ct.topic.name, `intent ${intent.intentName ?? hit}`],
        turn: facts.turn,
        explanation: `Sensitive topic "${ct.topic.name}" (intent "${intent.intentName ?? hit}" at ${intent.confidence.toFixed(2)}).`,
      };
    }
  }
  return null;
}
