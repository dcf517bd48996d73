/**
 * The escalation policy: runs the enabled word-based detectors on one customer message (variable rules are
 * edge-triggered and live in evaluateRuleSignals) and turns what fired into an
 * action ('none' | 'rephrase' | 'offer' | 'handoff') with a plain-English explanation, plus the memory
 * to keep for the next turn. Pure: never mutates its inputs, no clock, no randomness.
 *
 * Speed: every pattern is compiled at module level or once per policy (WeakMap), so a call is a few
 * token scans and Set look-ups; see test/unit/escalation/evaluateEscalation.test.ts for the measured time.
 */
import type { EscalationPolicy, EscalationReason } from '../flow/schema';
import type { EscalationAction, EscalationDecision, EscalationMemory, Signal, TurnFacts } from './types';
import { detectExplicitRequest } from './detectors/detectExplicitRequest';
import { detectNegativeSentiment } from './detectors/detectNegativeSentiment';
import { detectLowConfidence } from './detectors/detectLowConfidence';
import { detectRepeatedFallback, fallbackStreak, nextFallbackStreak } from './detectors/detectRepeatedFallback';
import { customerSaysLoop, detectLoop, isRepeatableQuestion } from './detectors/detectLoop';
import { detectSensitiveTopic } from './detectors/detectSensitiveTopic';
import { detectUrgency } from './detectors/detectUrgency';
import { effectiveSentiment } from './effectiveSentiment';
import { startNearMisses, takeNearMisses } from './nearMisses';
import { withoutNeverTrigger } from './neverTrigger';

type Detector = (facts: TurnFacts, policy: EscalationPolicy, memory: EscalationMemory) => Signal | null;

/**
 * Which reason is named when several fire on one message: the one a supervisor would name, i.e. the one
 * that tells the agent most about what to do. Signals are ordered by this rank first and by score only
 * within a reason, because scores of different detectors are not comparable (a low-confidence score of 0.9
 * says nothing about how angry a customer is).
 *  - explicit_request: the customer said what they want; nothing else matters.
 *  - urgency: the agent must act now, whatever the topic.
 *  - sensitive_topic: names the subject (refund, fraud...) and so the team or the skill that is needed.
 *  - negative_sentiment: an upset customer needs a careful tone first.
 *  - loop before repeated_fallback: a customer asking the same thing a 3rd time is a loop even when each
 *    attempt also fell back; "asked the same question three times" tells the agent what the question is,
 *    "did not understand twice" does not. The fallback streak is kept for messages that are all different.
 *  - low_confidence: the weakest finding (the bot is unsure), named only when nothing else fired.
 *  - hot_lead: from variable rules (see evaluateRuleSignals), never competes with a message's signals.
 */
const PRIORITY: Record<EscalationReason, number> = {
  explicit_request: 0,
  urgency: 1,
  sensitive_topic: 2,
  negative_sentiment: 3,
  loop: 4,
  repeated_fallback: 5,
  low_confidence: 6,
  hot_lead: 7,
};

const DETECTORS: { reason: EscalationReason; on: (p: EscalationPolicy) => boolean; run: Detector }[] = [
  { reason: 'explicit_request', on: (p) => p.explicitRequest.enabled, run: detectExplicitRequest },
  { reason: 'urgency', on: (p) => p.urgency.enabled, run: detectUrgency },
  { reason: 'sensitive_topic', on: (p) => p.sensitiveTopics.enabled, run: detectSensitiveTopic },
  { reason: 'negative_sentiment', on: (p) => p.negativeSentiment.enabled, run: detectNegativeSentiment },
  { reason: 'loop', on: (p) => p.loop.enabled, run: detectLoop },
  { reason: 'repeated_fallback', on: (p) => p.repeatedFallback.enabled, run: detectRepeatedFallback },
  { reason: 'low_confidence', on: (p) => p.lowConfidence.enabled, run: detectLowConfidence },
];

/**
 * A loop the customer names in words ("that's not what I asked", "I'm asking again") ranks just before
 * negative sentiment: the same words read as negative, but the loop is what the agent must know.
 */
function rank(s: Signal): number {
  return s.reason === 'loop' && customerSaysLoop(s) ? PRIORITY.negative_sentiment - 0.5 : PRIORITY[s.reason];
}

const LABEL: Record<EscalationReason, string> = {
  explicit_request: 'an explicit request',
  urgency: 'urgency',
  sensitive_topic: 'a sensitive topic',
  negative_sentiment: 'negative sentiment',
  loop: 'a loop',
  repeated_fallback: 'repeated fallbacks',
  low_confidence: 'low confidence',
  hot_lead: 'a hot lead',
};

const MEMORY_SIZE = 6;

/** The streak fields of the memory; clearInRow only when some (memories stay as they were for every other conversation). */
function streakMemory(s: { fallbacksInRow: number; clearInRow: number }): { fallbacksInRow: number; clearInRow?: number } {
  return s.clearInRow > 0 ? s : { fallbacksInRow: s.fallbacksInRow };
}

export function initialEscalationMemory(): EscalationMemory {
  return { fallbacksInRow: 0, recent: [], sentiments: [], level: 0 };
}

/** A signal's explanation as a clause inside a longer sentence. */
function clause(s: Signal): string {
  const e = s.explanation.endsWith('.') ? s.explanation.slice(0, -1) : s.explanation;
  return e.charAt(0).toLowerCase() + e.slice(1);
}

function alsoSeen(signals: Signal[], deciding: Signal): string {
  const others = signals.filter((s) => s !== deciding);
  return others.length === 0 ? '' : ` Also seen: ${others.map(clause).join('; ')}.`;
}

function noneExplanation(policy: EscalationPolicy, facts: TurnFacts, memory: EscalationMemory, score: number): string {
  if (!policy.enabled) {
    return policy.explicitRequest.enabled
      ? 'No escalation: the escalation policy is off, so only explicit requests for a person are checked.'
      : 'No escalation: the escalation policy is off.';
  }
  // Near misses help a tester see how close the conversation came.
  if (policy.negativeSentiment.enabled && score < 0 && score > policy.negativeSentiment.threshold) {
    return `No escalation: the strongest signal was sentiment ${score.toFixed(2)}, above the threshold ${policy.negativeSentiment.threshold}, so it does not fire.`;
  }
  if (policy.repeatedFallback.enabled && facts.fallback) {
    const next = streakMemory(nextFallbackStreak(facts.analysis, true, memory));
    const streak = fallbackStreak(next);
    const half = next.clearInRow ? ` (${next.clearInRow} clear question${next.clearInRow > 1 ? 's' : ''} about the shop counted half)` : '';
    return `No escalation: strongest signal was ${Number.isInteger(streak) ? streak : streak.toFixed(1)} of ${policy.repeatedFallback.count} fallbacks in a row${half}.`;
  }
  if (policy.lowConfidence.enabled && facts.intent) {
    return `No escalation: intent confidence ${facts.intent.confidence.toFixed(2)} is above ${policy.lowConfidence.threshold}.`;
  }
  return 'No signal.';
}

export function evaluateEscalation(
  policy: EscalationPolicy,
  factsIn: TurnFacts,
  memory: EscalationMemory,
): { decision: EscalationDecision; memory: EscalationMemory } {
  // Words the designer says must never trigger ("Rage Red" is a colour) are taken out before any detector reads the message.
  const facts = withoutNeverTrigger(factsIn, policy.neverTrigger ?? []);
  const signals: Signal[] = [];
  startNearMisses();
  for (const d of DETECTORS) {
    // A switched-off policy still honours "let me talk to a person": ignoring that is never right.
    if (!policy.enabled && d.reason !== 'explicit_request') continue;
    if (!d.on(policy)) continue;
    const s = d.run(facts, policy, memory);
    if (s) signals.push(s);
  }
  signals.sort((a, b) => rank(a) - rank(b) || b.score - a.score);
  // A loop the customer names in words ("you didn't answer my question") outranks a sensitive topic that only the
  // classifier guessed (no topic phrase matched): the customer's own words are the stronger evidence.
  const named = signals.find((s) => s.reason === 'loop' && customerSaysLoop(s));
  if (named && signals[0]?.reason === 'sensitive_topic' && signals[0].source === 'classifier') {
    signals.splice(signals.indexOf(named), 1);
    signals.unshift(named);
  }

  const sentiment = effectiveSentiment(facts.analysis).score;
  let action: EscalationAction = 'none';
  let deciding: Signal | null = signals[0] ?? null;
  let level = memory.level;
  let explanation: string;

  if (deciding === null) {
    explanation = noneExplanation(policy, facts, memory, sentiment);
  } else {
    const explicit = signals.find((s) => s.reason === 'explicit_request');
    // Graduated mode exception: a customer in a hurry must not be made to rephrase or click through an
    // offer first; they go straight to a person, like an explicit request. (Hot leads and urgency rules
    // come from evaluateRuleSignals, which the engine always acts on at once.)
    const pressing = signals.find((s) => s.reason === 'urgency');
    if (explicit) {
      deciding = explicit;
      action = 'handoff';
      explanation = `Handed over: ${clause(explicit)}.`;
    } else if (policy.mode === 'immediate') {
      action = 'handoff';
      explanation = `Handed over: ${clause(deciding)}.`;
    } else if (pressing) {
      deciding = pressing;
      action = 'handoff';
      explanation = `Handed over at once (${LABEL[pressing.reason]} skips the rephrase and offer steps): ${clause(pressing)}.`;
    } else if (level === 0) {
      action = 'rephrase';
      level = 1;
      explanation = `Asked the customer to rephrase (graduated mode, step 1 of 3): ${clause(deciding)}.`;
    } else if (level === 1) {
      action = 'offer';
      level = 2;
      explanation = `Offered a person (graduated mode, step 2 of 3): ${clause(deciding)}.`;
    } else {
      action = 'handoff';
      explanation = `Handed over (graduated mode, step 3 of 3): ${clause(deciding)}.`;
    }
    explanation += alsoSeen(signals, deciding);
  }

  let next: EscalationMemory;
  if (action === 'handoff') {
    // A person takes over: when they hand the conversation back, the bot starts with a clean slate instead of
    // re-firing on the streaks, repeats and level that led to this handoff.
    next = initialEscalationMemory();
  } else {
    const recent =
      isRepeatableQuestion(facts.analysis) ? [...memory.recent, facts.analysis.normalized].slice(-MEMORY_SIZE) : [...memory.recent];
    next = {
      // Thanks, a smile or the customer's own slip neither extend nor break a streak of failed requests; a clear
      // question about the shop counts half (detectRepeatedFallback.fallbackWeight).
      ...streakMemory(nextFallbackStreak(facts.analysis, facts.fallback, memory)),
      recent,
      sentiments: [...memory.sentiments, sentiment].slice(-MEMORY_SIZE),
      level,
    };
  }

  const nearMisses = takeNearMisses().filter((n) => !signals.some((s) => s.reason === n.reason));
  if (deciding === null && nearMisses.length > 0 && explanation === 'No signal.') explanation = `No escalation. ${nearMisses[0].explanation}`;
  return {
    decision: { action, reason: deciding?.reason ?? null, signals, explanation, turn: facts.turn, nearMisses },
    memory: next,
  };
}
