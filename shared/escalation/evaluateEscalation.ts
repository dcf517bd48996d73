/**
 * The escalation policy: runs the enabled word-based detectors on one customer message (variable rules are
 * edge-triggered and live in evaluateRuleSignals) and turns what fired into an
 * action ('none' | 'rephrase' | 'offer' | 'handoff') with a plain-English explanation, plus the memory
 * to keep for the next turn. Pure: never mutates its inputs, no clock, no randomness.
 *
 * Speed: every pattern is compiled at module level or once per policy (WeakMap), so a call is a few
 * token scans and Set look-ups; see test/unit/escalation/evaluateEscalation.test.ts for the measured time.
 */
import { ANSWER_DID_NOT_FIT_HALF, IN_SHOP_REQUEST, didNotFit, withTurnIntent } from './intentMemory';
import { inDomainScore } from './inDomain/inDomainScore';
import { BARE_REPLY, FILLER, isUnsureReply } from '../nlu/bareReplies';
import type { EscalationPolicy, EscalationReason } from '../flow/schema';
import type { EscalationAction, EscalationDecision, EscalationMemory, Signal, TurnFacts } from './types';
import { detectExplicitRequest } from './detectors/detectExplicitRequest';
import { detectNegativeSentiment } from './detectors/detectNegativeSentiment';
import { detectLowConfidence } from './detectors/detectLowConfidence';
import { acknowledges, askedAgainAt, clearShopQuestion, detectRepeatedFallback, fallbackStreak, fallbackWeight, keepsRequestWord, nextFallbackStreak, nextInShopStreak, nextOpenerOnly, streakReachedAtHalf } from './detectors/detectRepeatedFallback';
import { customerSaysLoop, detectLoop, isRepeatableQuestion, newInformation, streakLoop } from './detectors/detectLoop';
import { detectSensitiveTopic } from './detectors/detectSensitiveTopic';
import { detectUrgency } from './detectors/detectUrgency';
import { effectiveSentiment } from './effectiveSentiment';
import { dropNearMissesSince, nearMissMark, reportNearMiss, startNearMisses, takeNearMisses } from './nearMisses';
import { classifierOn } from './learnedSignals';
import { withoutNeverTrigger } from './neverTrigger';
import { addressFreeFacts } from './addressFree';
import { policyFallbackFacts } from './inDomain/policyFallback';
import { hasHarmCue } from './topicMeaning';
import { canonicalTokens } from './canonicalTokens';
import { questionType } from './questionConcepts';
import { repeatedFailureReported, understoodComplaint, type UnderstoodComplaint } from './complaintFirst';

type Detector = (facts: TurnFacts, policy: EscalationPolicy, memory: EscalationMemory) => Signal | null;

/**
 * Which reason is named when several fire on one message (round seven: an evidence-weighted ranking instead of a
 * fixed order with special cases). Each signal gets a weight: how much its reason tells the agent (the order a
 * supervisor would name them in, REASON_WEIGHT) times how sure the evidence is (EVIDENCE). Signals are named
 * heaviest first; equal weights keep the supervisor's order, then the higher score.
 *  - urgency that is a person in danger now 110 (self-harm, a person hurt or ill: GRAVE_URGENCY_WEIGHT, session 41).
 *  - explicit_request 100: the customer said what they want (the action logic below always hands over on it).
 *  - urgency 90: the agent must act now, whatever the topic.
 *  - sensitive_topic 80: names the subject (refund, fraud...) and so the team or the skill that is needed.
 *  - a loop the customer names in words 75 ("that's not what I asked", "you keep sending the same link"): the
 *    customer's own diagnosis of the conversation; the same words often read as negative, but the loop is what
 *    the agent must know.
 *  - negative_sentiment 70: an upset customer needs a careful tone first.
 *  - loop 60 (the same question asked `count` times): tells the agent what the question is.
 *  - repeated_fallback 50: "the bot did not understand twice" says least about what to do.
 *  - low_confidence 40: the bot is unsure; named only when nothing else fired.
 *  - hot_lead 30: from variable rules (see evaluateRuleSignals), never competes with a message's signals.
 * Evidence: the customer's words matched by a rule or the designer's phrase count in full (1); the learned
 * classifier alone counts 0.75 at its threshold rising to 1 at a score of 1 (a bare guess never outranks the
 * customer's own words of the next reason up: 80 x 0.75 = 60 < 70 and 75; 70 x 0.75 = 52.5 < 60).
 */
export const REASON_WEIGHT: Record<EscalationReason, number> = {
  explicit_request: 100,
  urgency: 90,
  sensitive_topic: 80,
  negative_sentiment: 70,
  loop: 60,
  repeated_fallback: 50,
  low_confidence: 40,
  hot_lead: 30,
};
/** A loop the customer names in words (customerSaysLoop). */
export const NAMED_LOOP_WEIGHT = 75;
/**
 * Session 41 (medical2, hostile s41 H3): urgency that is a person in danger now, words of self-harm (Signal.crisis) or a
 * person hurt or ill now (Signal.emergency), outranks even the customer's request for a person: "get me a human, my dad is
 * having a heart attack" is named urgency (so the handoff takes the block's urgent priority), the request is also seen.
 */
export const GRAVE_URGENCY_WEIGHT = 110;
/** Urgency that is a person in danger (self-harm or an emergency of the body now). */
export function graveUrgency(s: Signal): boolean {
  return s.reason === 'urgency' && (s.crisis === true || s.emergency === true);
}
/** The classifier's evidence at its threshold; it rises linearly to 1 at a score of 1. */
export const CLASSIFIER_EVIDENCE = 0.75;

/** How sure a signal's evidence is (0.75..1) and why, in words. */
function evidence(s: Signal): { factor: number; why: string } {
  if (s.source === 'classifier') {
    const margin = s.threshold >= 1 ? 1 : Math.min(1, Math.max(0, (s.score - s.threshold) / (1 - s.threshold)));
    return { factor: CLASSIFIER_EVIDENCE + (1 - CLASSIFIER_EVIDENCE) * margin, why: `the classifier alone, score ${s.score.toFixed(2)} over ${s.threshold}` };
  }
  if (s.reason === 'loop' && customerSaysLoop(s)) return { factor: 1, why: "the customer's own words about the loop" };
  if (s.source === 'designer') return { factor: 1, why: "the policy's own phrase" };
  return { factor: 1, why: "the customer's words" };
}

/** The weight of a signal's reason before its evidence (a named loop and grave urgency weigh their own). */
function baseWeight(s: Signal): number {
  if (s.reason === 'loop' && customerSaysLoop(s)) return NAMED_LOOP_WEIGHT;
  return graveUrgency(s) ? GRAVE_URGENCY_WEIGHT : REASON_WEIGHT[s.reason];
}

/** A signal's weight alone (no words): what the ranking compares. */
function weightOf(s: Signal): number {
  const base = baseWeight(s);
  if (s.source !== 'classifier') return base;
  const margin = s.threshold >= 1 ? 1 : Math.min(1, Math.max(0, (s.score - s.threshold) / (1 - s.threshold)));
  return Math.round(base * (CLASSIFIER_EVIDENCE + (1 - CLASSIFIER_EVIDENCE) * margin) * 10) / 10;
}

/** A signal's weight in the ranking (see REASON_WEIGHT) and the reason for it in words. */
export function signalWeight(s: Signal): { weight: number; why: string } {
  const base = baseWeight(s);
  const e = evidence(s);
  const weight = weightOf(s);
  return { weight, why: e.factor === 1 ? `${base}: ${e.why}` : `${base} x ${e.factor.toFixed(2)} = ${weight}: ${e.why}` };
}

/** Signals heaviest first; equal weights in the supervisor's order, then by score. */
export function rankSignals(signals: readonly Signal[]): Signal[] {
  if (signals.length < 2) return [...signals];
  const weighed = signals.map((s) => ({ s, w: weightOf(s) }));
  weighed.sort((a, b) => b.w - a.w || REASON_WEIGHT[b.s.reason] - REASON_WEIGHT[a.s.reason] || b.s.score - a.s.score);
  return weighed.map((x) => x.s);
}

/** Why the first signal was named before the others (one clause per other reason), for the decision's explanation. */
function whyFirst(signals: readonly Signal[], first: Signal): string {
  const others = signals.filter((s) => s !== first && s.reason !== first.reason);
  if (others.length === 0) return '';
  const top = signalWeight(first);
  const parts = others.map((o) => `${LABEL[o.reason]} (${signalWeight(o).why})`);
  return ` Named ${LABEL[first.reason]} (weight ${top.why}) before ${parts.join(', ')}.`;
}

/** Session 42 (medical3): the detectors that read the message address-free (evaluate). */
const READS_MEANING = new Set<EscalationReason>(['explicit_request', 'urgency', 'sensitive_topic', 'negative_sentiment']);
const DETECTORS: { reason: EscalationReason; on: (p: EscalationPolicy) => boolean; run: Detector }[] = [
  { reason: 'explicit_request', on: (p) => p.explicitRequest.enabled, run: detectExplicitRequest },
  { reason: 'urgency', on: (p) => p.urgency.enabled, run: detectUrgency },
  { reason: 'sensitive_topic', on: (p) => p.sensitiveTopics.enabled, run: detectSensitiveTopic },
  { reason: 'negative_sentiment', on: (p) => p.negativeSentiment.enabled, run: detectNegativeSentiment },
  { reason: 'loop', on: (p) => p.loop.enabled, run: detectLoop },
  { reason: 'repeated_fallback', on: (p) => p.repeatedFallback.enabled, run: detectRepeatedFallback },
  { reason: 'low_confidence', on: (p) => p.lowConfidence.enabled, run: detectLowConfidence },
];

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

/** Earlier repeatable questions and sentiments the memory keeps (a loop or a trend sees at most this many + the message). */
export const MEMORY_SIZE = 6;

/** The streak fields after a message the policy reads in full (see nextFallbackStreak, nextInShopStreak). */
function nextStreakMemory(facts: TurnFacts, memory: EscalationMemory): { fallbacksInRow: number; clearInRow?: number; inShopStreak?: true; openerOnly?: true } {
  const own = facts.ownQuestion === true;
  const next = nextFallbackStreak(facts.analysis, facts.fallback, memory, own);
  const streak = streakMemory(next, nextInShopStreak(facts.analysis, memory, next.fallbacksInRow, own));
  return streak.inShopStreak === true && nextOpenerOnly(facts.analysis, memory, next.fallbacksInRow, own) ? withField(streak, 'openerOnly', true as const) : streak;
}
/**
 * `{ ...o, [key]: value }` for a key `o` lacks, without the spread (session 31 perf): on node 20 a spread's copy given a
 * field its source lacks takes V8's slow path (~1.5 µs; Object.assign then a set ~0.07 µs). The same object, in the same
 * key order. Not for sources that may hold a `__proto__` key (Object.assign would set the prototype); memories do not.
 */
function withField<T extends object, K extends string, V>(o: T, key: K, value: V): T & Record<K, V> {
  const out = Object.assign({}, o) as T & Record<K, V>;
  (out as Record<string, unknown>)[key] = value;
  return out;
}
/**
 * The streak fields of the memory; clearInRow only when some, inShopStreak only when so (memories stay as they were for
 * every other conversation).
 */
function streakMemory(s: { fallbacksInRow: number; clearInRow: number }, inShop = false): { fallbacksInRow: number; clearInRow?: number; inShopStreak?: true } {
  const streak = s.clearInRow > 0 ? s : { fallbacksInRow: s.fallbacksInRow };
  return inShop && s.fallbacksInRow > 0 ? withField(streak, 'inShopStreak', true as const) : streak;
}

/**
 * Session 9 (newcomer s8 #17): a message reason the designer switched off, or the classifier switched off, leaves a near
 * miss saying what it would have done ("negative sentiment is switched off in this flow: ... it would have fired"), so a
 * tester sees what the switch costs. Only the message reasons (explicit, urgency, topic, negative), only when off; the
 * detector runs on the policy with the switch on (copies cached per policy) and its own near misses are dropped.
 */
const MESSAGE_REASONS = new Set<EscalationReason>(['explicit_request', 'urgency', 'sensitive_topic', 'negative_sentiment']);
const SECTION: Partial<Record<EscalationReason, 'explicitRequest' | 'urgency' | 'sensitiveTopics' | 'negativeSentiment'>> = {
  explicit_request: 'explicitRequest',
  urgency: 'urgency',
  sensitive_topic: 'sensitiveTopics',
  negative_sentiment: 'negativeSentiment',
};
const switchedOn = new WeakMap<EscalationPolicy, Map<string, EscalationPolicy>>();
function withSwitchOn(policy: EscalationPolicy, reason: EscalationReason, reasonOff: boolean, classifierOff: boolean): EscalationPolicy {
  let byKey = switchedOn.get(policy);
  if (byKey === undefined) {
    byKey = new Map();
    switchedOn.set(policy, byKey);
  }
  const key = `${reason}|${reasonOff}|${classifierOff}`;
  let p = byKey.get(key);
  if (p === undefined) {
    const section = SECTION[reason]!;
    p = { ...policy };
    if (reasonOff) (p as Record<string, unknown>)[section] = { ...policy[section], enabled: true };
    if (classifierOff) p.classifier = { ...policy.classifier, enabled: true };
    byKey.set(key, p);
  }
  return p;
}
function switchedOffNearMisses(policy: EscalationPolicy, facts: TurnFacts, read: TurnFacts, memory: EscalationMemory, signals: Signal[], flowPolicy: EscalationPolicy): void {
  const classifierOff = !classifierOn(policy);
  for (const d of DETECTORS) {
    if (!MESSAGE_REASONS.has(d.reason)) continue;
    // Switched off by the caller for this message (the engine at a block's own questions), not by the flow: no near miss.
    if (flowPolicy !== policy && d.on(flowPolicy) !== d.on(policy)) continue;
    const reasonOff = !d.on(policy);
    if (!reasonOff && (!classifierOff || signals.some((s) => s.reason === d.reason))) continue;
    const mark = nearMissMark();
    const s = d.run(READS_MEANING.has(d.reason) ? read : facts, withSwitchOn(policy, d.reason, reasonOff, classifierOff), memory);
    dropNearMissesSince(mark);
    if (s === null || (!reasonOff && s.source !== 'classifier')) continue;
    const what = reasonOff
      ? `${LABEL[d.reason].replace(/^an? /, '')} is switched off in this flow`
      : 'the classifier is switched off in this flow';
    reportNearMiss({ ...s, explanation: `Near miss (${what}): ${clause(s)}; it would have fired.` });
  }
}

/**
 * Session 15 (escconv): the waiting block read the message only as the answer to its own question and it did not fit
 * (TurnFacts.ownQuestion: "its the wrong size" to "Why are you sending it back?" [Wrong size or fit] [Changed my mind]...,
 * so the bot says "Please choose one of the options."). When the message asks nothing of its own (no question mark, no
 * question word or auxiliary opening it, no "I want / need ..." request), the bot did not fail to understand a request:
 * the customer answered its question in other words and the block asks again. Once, right after a message the bot used,
 * it is not a fallback turn for repeated fallback or a vague message (the loop detectors read it as before), like an
 * answer with no digit at an order-number question (see evaluateEscalation: a second such answer in a row counts, and
 * the first with it). An answer that asks something ("do I need the original box?"), asks for something ("I want to
 * cancel it instead") or says a word of the customer's request again ("change it there") still counts.
 */
export function answerOnly(facts: TurnFacts, memory: EscalationMemory): boolean {
  if (!facts.fallback || facts.ownQuestion !== true) return false;
  const a = facts.analysis;
  if (a.text.includes('?') || questionType(a.normalized) !== null || ASKS_FOR.test(` ${a.normalized} `)) return false;
  return !memory.recent.slice(-RECENT_REQUESTS).some((request) => keepsRequestWord(a, request));
}
/** The customer's latest questions an answer is compared with (the request that led to the block's question, and rewordings). */
const RECENT_REQUESTS = 3;
/** A request in the customer's own words ("I want to cancel it instead", "need the address changed"). */
const ASKS_FOR = / (?:need|needs|want|wanna|would like|like to|wish to|hoping to|trying to|please|pls|plz) /;

/**
 * Session 16 (escconv): the message that opens a fallback streak (the first the bot could not use that counts) reads
 * off-topic for the shop (in-domain score under IN_SHOP_REQUEST: the weather, a taxi, a key mash) and is not a clear
 * question about the shop (those count half: "do you sell garden sheds?", detectRepeatedFallback.fallbackWeight): kept in the
 * memory (intentMemory.OFF_TOPIC_MISS) so that an acknowledgement after it does not close the streak
 * (detectRepeatedFallback.acknowledgedFirst). Only the opening request: a short follow-up in a shop chat ("And Reunion?"
 * after "You deliver to Madagascar?") reads off-topic on its own. Not a message that itself acknowledges ("ok age
 * check, makes sense", detectRepeatedFallback.acknowledges): that is the customer reacting to an answer, not a request.
 * Nor one that gives a reference (a number of four digits or more: "nw280612" after the bot could not look the order up),
 * nor bare replies and undecided answers ("maybe" at the offer of a person: an answer to the bot, not a request).
 */
function offTopicMiss(facts: TurnFacts, memory: EscalationMemory, answered: number): boolean {
  return facts.fallback && answered === 0 && memory.fallbacksInRow === 0 && fallbackWeight(facts.analysis, memory, facts.ownQuestion === true) === 1 &&
    inDomainScore(facts.analysis) < IN_SHOP_REQUEST && !acknowledges(facts.analysis) &&
    !facts.analysis.tokens.some((t) => /\d{4,}/.test(t)) && !answerWords(facts.analysis.normalized);
}
/** Bare replies, fillers or an undecided answer ("maybe", "yes pls", "hmm", "not sure"): an answer to the bot, not a request. */
function answerWords(normalized: string): boolean {
  if (isUnsureReply(normalized)) return true;
  const toks = normalized.split(' ').filter((t) => t !== '');
  return toks.length > 0 && toks.every((t) => FILLER.has(t) || BARE_REPLY.has(t));
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

/**
 * Session 26 (shopfb, issue 11): the bot failed on this message and the `count - 1` before it, one after another (clear shop
 * questions included, which count nothing towards repeated fallbacks), and none of them opens as a follow-up or with an
 * acknowledgement ("and ...", "ok cool, ..."; detectLoop.newInformation): the customer may be asking one request
 * `count` times, so streakLoop links the askings as loosely as when repeated fallbacks fire (the learned model's link,
 * back to an earlier subject): "Does the standing desk ship assembled?" / "Is assembly required for the Vertex desk?" /
 * "Will it arrive in pieces or ready to use.", "does the nw-118204 parcel need a signature" / "signature needed or can
 * they leave it" / "do I need to sign for it". Three different questions ("The sofa fabric is easy clean?" / "The cover
 * can remove?" / "Pet hair stick on it?") are still not linked.
 */
function failedAskingsReachLoop(facts: TurnFacts, memory: EscalationMemory, count: number): boolean {
  if (nextFallbackStreak(facts.analysis, true, memory, facts.ownQuestion === true).fallbacksInRow < count || memory.recent.length < count - 1) return false;
  return !newInformation(facts.analysis.normalized) && !memory.recent.slice(-(count - 1)).some(newInformation);
}

function noneExplanation(policy: EscalationPolicy, facts: TurnFacts, memory: EscalationMemory, score: number, answered: boolean): string {
  if (!policy.enabled) {
    return policy.explicitRequest.enabled
      ? 'No escalation: the escalation policy is off, so only explicit requests for a person are checked.'
      : 'No escalation: the escalation policy is off.';
  }
  if (answered && policy.repeatedFallback.enabled) {
    return 'No escalation: the message answered the bot\'s own question without fitting it, and asks nothing of its own, so the bot asks its question again; an answer is not a request the bot failed to understand and does not count as a fallback.';
  }
  // Near misses help a tester see how close the conversation came.
  if (policy.negativeSentiment.enabled && score < 0 && score > policy.negativeSentiment.threshold) {
    return `No escalation: the strongest signal was sentiment ${score.toFixed(2)}, above the threshold ${policy.negativeSentiment.threshold}, so it does not fire.`;
  }
  if (policy.repeatedFallback.enabled && facts.fallback) {
    const next = streakMemory(nextFallbackStreak(facts.analysis, true, memory, facts.ownQuestion === true));
    const streak = fallbackStreak(next);
    const half = next.clearInRow ? ` (${next.clearInRow} clear question${next.clearInRow > 1 ? 's' : ''} about the shop counted nothing)` : '';
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
  /** The flow's own policy when `policy` is a variant of it the caller made (near misses name only the flow's switches). */
  flowPolicy: EscalationPolicy = policy,
): { decision: EscalationDecision; memory: EscalationMemory } {
  return evaluate(policy, factsIn, memory, flowPolicy, true) as { decision: EscalationDecision; memory: EscalationMemory };
}

/**
 * Session 34 (perf): evaluateEscalation's decision alone, for a caller that keeps the memory as it was (the engine's
 * no-agent follow-up, nobodyFreeText): the same decision, without working out the next memory (the streak, the
 * repeatable questions, the turn's intent) it would drop.
 */
export function escalationDecision(
  policy: EscalationPolicy,
  factsIn: TurnFacts,
  memory: EscalationMemory,
  flowPolicy: EscalationPolicy = policy,
  /**
   * Session 48 (perf5): false when the caller never reads the decision's `shopQuestion` flag (the engine's no-agent
   * follow-up, nobodyFreeText: only a router's fallback reads it, runBlocks.routerFallback, and none follows there):
   * the clear-shop-question reading (detectRepeatedFallback.assess, ~1.5% of the closed path's step) is then not made
   * and the flag is absent. Every other field of the decision is the same.
   */
  readShopQuestion = true,
): EscalationDecision {
  return evaluate(policy, factsIn, memory, flowPolicy, false, readShopQuestion).decision;
}

function evaluate(
  policy: EscalationPolicy,
  factsIn: TurnFacts,
  memory: EscalationMemory,
  flowPolicy: EscalationPolicy,
  nextMemory: boolean,
  readShopQuestion = true,
): { decision: EscalationDecision; memory: EscalationMemory | null } {
  // Words the designer says must never trigger ("Rage Red" is a colour) are taken out before any detector reads the message.
  // Session 9 (escrf): an off-topic message the router matched weakly counts as a fallback for the policy (policyFallback.ts).
  // Session 15 (escconv): an answer to the bot's own question that did not fit and asks nothing is no fallback (answerOnly).
  const facts = policyFallbackFacts(withoutNeverTrigger(factsIn, policy.neverTrigger ?? []));
  // Session 42 (medical3, hostile s42 M2): the detectors that read what the words mean (a request, urgency, a topic, the
  // customer's feeling) read the message without its email and web addresses (addressFree.ts): identifiers, not words of
  // the case. Those that count and compare messages (loop, fallbacks, low confidence) read it whole: an address typed
  // three times is a repeat (escrfEval w23-339: "anna.k@outlook.com" given again and again is a loop).
  const read = addressFreeFacts(facts);
  const lastEntry = memory.intents?.[memory.intents.length - 1];
  const unfitBefore = didNotFit(lastEntry);
  // The first answer that does not fit, right after a message the bot used: it would have counted this much.
  const answered = !unfitBefore && memory.fallbacksInRow === 0 && answerOnly(facts, memory) ? fallbackWeight(facts.analysis, memory, facts.ownQuestion === true) : 0;
  // A second answer in a row that does not fit the block's question and asks nothing either (the bot asks it again, again):
  // the customer is stuck there, and the first counts too, as it would have (in full, or half for a clear question about
  // the shop). A question or a request after it counts alone ("its the wrong size" / "do I need the original box?").
  if (unfitBefore && answerOnly(facts, memory)) {
    const half = lastEntry === ANSWER_DID_NOT_FIT_HALF ? 1 : 0;
    // The answer before now counts, and its in-domain score is not kept: the streak is not known to be all about the shop.
    const { inShopStreak: _unknown, openerOnly: _opener, ...rest } = memory;
    memory = { ...rest, fallbacksInRow: memory.fallbacksInRow + 1, clearInRow: (memory.fallbacksInRow === 0 ? 0 : memory.clearInRow ?? 0) + half };
  }
  const signals: Signal[] = [];
  startNearMisses();
  for (const d of DETECTORS) {
    // A switched-off policy still honours "let me talk to a person": ignoring that is never right.
    if (!policy.enabled && d.reason !== 'explicit_request') continue;
    if (!d.on(policy)) continue;
    if (answered > 0 && (d.reason === 'repeated_fallback' || d.reason === 'low_confidence')) continue;
    const s = d.run(READS_MEANING.has(d.reason) ? read : facts, policy, memory);
    if (s) signals.push(s);
  }
  if (policy.enabled) switchedOffNearMisses(policy, facts, read, memory, signals, flowPolicy);
  // Failed messages in a row that are one request asked `loop.count` times are a loop (see streakLoop): named instead of
  // repeated fallbacks, and (session 8, newcomer s8 #6) a loop also when clear shop questions counting half kept the
  // streak under the repeated-fallback limit ("how do I change the size of the jumper?" / "can I swap my jumper for a
  // bigger one?" / "is it possible to exchange the jumper for a large?": three failures, one request).
  // The message must ask something (thanks or "ok, I'll try Bristol" after two failed questions closes them).
  // (Session 34, perf: only when the loop check is on: streakLoop reads nothing otherwise, and the weight and streak
  // readings before it were worked out for nothing on the policy variants with it off, nobodyFreePolicy's.)
  if (policy.enabled && policy.loop.enabled && facts.fallback && !signals.some((s) => s.reason === 'loop') && fallbackWeight(facts.analysis, memory, facts.ownQuestion === true) > 0) {
    // Session 25 (shopq): clear shop questions count nothing now; where they would have reached the limit counting half,
    // the askings are linked as loosely as when repeated fallbacks fire (streakReachedAtHalf).
    const throughout = !signals.some((s) => s.reason === 'repeated_fallback') &&
      !(policy.repeatedFallback.enabled && streakReachedAtHalf(facts.analysis, memory, policy.repeatedFallback.count, facts.ownQuestion === true)) &&
      !failedAskingsReachLoop(facts, memory, policy.loop.count);
    const loop = streakLoop(facts, policy, memory, throughout);
    if (loop) signals.push(loop);
  }
  let upsetFirst = '';
  if (signals.length > 1) {
    const ranked = rankSignals(signals);
    signals.length = 0;
    signals.push(...ranked);
    // Session 13 (escneg): urgency the classifier alone reads (no time, deadline or emergency word: the urgency rules saw
    // nothing) is not named before negative sentiment the customer's own words show ("I'm wicked pissed right now ...
    // processing for 2 weeks", "I am very tired of this ... every day it is 'tomorrow'"): the agent first needs to know the
    // customer is upset. Not when the message has a word of harm or a person at risk ("he's hurt his hip and can't get up").
    const upset = signals[0].reason === 'urgency' && signals[0].source === 'classifier' ? signals.find((s) => s.reason === 'negative_sentiment' && s.source !== 'classifier') : undefined;
    if (upset !== undefined && !hasHarmCue(canonicalTokens(read.analysis))) {
      signals.splice(signals.indexOf(upset), 1);
      signals.unshift(upset);
      upsetFirst = ` Named negative sentiment before urgency: the customer's words are upset, and only the classifier reads urgency (score ${signals[1].score.toFixed(2)}; no time, deadline or emergency word).`;
    }
  }

  const sentiment = effectiveSentiment(read.analysis).score;
  let action: EscalationAction = 'none';
  let deciding: Signal | null = signals[0] ?? null;
  let level = memory.level;
  let explanation: string;

  if (deciding === null) {
    explanation = noneExplanation(policy, facts, memory, sentiment, answered > 0);
  } else {
    const explicit = signals.find((s) => s.reason === 'explicit_request');
    // Graduated mode exception: a customer in a hurry must not be made to rephrase or click through an
    // offer first; they go straight to a person, like an explicit request. (Hot leads and urgency rules
    // come from evaluateRuleSignals, which the engine always acts on at once.)
    const pressing = signals.find((s) => s.reason === 'urgency');
    // Session 41 (medical2, hostile s41 H3): a person in danger beside the request is named first (urgent priority).
    const grave = explicit ? signals.find(graveUrgency) : undefined;
    if (explicit) {
      deciding = grave ?? explicit;
      action = 'handoff';
      explanation = `Handed over: ${clause(deciding)}.`;
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
    explanation += alsoSeen(signals, deciding) + (deciding === signals[0] ? (upsetFirst || whyFirst(signals, deciding)) : '');
  }

  // Session 50 (conv12, newcomer s49 N2): the designer's Retries come before a repeated-fallback handover: while the
  // waiting block will ask its question again (TurnFacts.retriesLeft), misses alone are not handed over; the streak goes
  // on, so the first miss after the last retry hands over. Any other signal beside them (a request for a person, a loop)
  // acts now.
  // Graduated mode's rephrase and offer steps ask again themselves (and hand nothing over): they go on as before.
  if (action === 'handoff' && facts.retriesLeft === true && signals.every((s) => s.reason === 'repeated_fallback')) {
    action = 'none';
    level = memory.level;
    explanation = `Not acted on yet: ${clause(signals[0])}, but the block asks its question again first (its Retries are not used up); a miss after its last retry is acted on.`;
  }
  // Session 50 (conv12, hostile s49 L1): acknowledgements alone ("ok" / "ok") ask nothing the bot failed at.
  if (action !== 'none' && facts.onlyAcknowledged === true && signals.every((s) => s.reason === 'repeated_fallback')) {
    action = 'none';
    level = memory.level;
    explanation = `Not acted on: ${clause(signals[0])}, but they are all bare acknowledgements ("ok"), which ask nothing the bot failed at.`;
  }

  // Session 43 (policy1): a complaint the flow understood is the request (complaintFirst.ts): the first soft one is
  // answered, not handed over; a strong one, or the next one, hands over.
  let complaint: UnderstoodComplaint | undefined;
  if (action === 'handoff' && facts.understood === true) {
    const c = understoodComplaint(policy, signals, read, memory);
    if (c !== null) {
      complaint = c.verdict;
      if (c.verdict === 'answered') {
        action = 'none';
        explanation = `Not handed over: the bot understood the message, so it answers it, with an apology first (a complaint the flow understood is the request; a strong one, or a second one, hands over). What the policy read: ${explanation.replace(/^Handed over: /, '')}`;
      } else {
        explanation += c.verdict === 'strong'
          ? ` The bot understood the message, but the complaint is strong (${c.why}), so it hands over.`
          : ` The bot understood the message, but ${c.why}, so this one hands over.`;
      }
    }
  }

  // Session 44 (details2, retest s43 F4): a failure said to happen again, with no other reading, in a message the flow
  // understood: answered with the apology (complaintFirst.ts repeatedFailureReported); the action stays none.
  if (action === 'none' && signals.length === 0 && policy.enabled && repeatedFailureReported(facts) !== null) {
    complaint = memory.complained === true ? undefined : 'answered';
    if (complaint !== undefined) explanation = `No escalation: the customer reports a failure again (${repeatedFailureReported(facts)}), and the bot understood the message, so it answers it with an apology first.`;
  }

  // (Decision only, escalationDecision: no next memory.)
  let next: EscalationMemory | null = null;
  if (nextMemory && action === 'handoff') {
    // A person takes over: when they hand the conversation back, the bot starts with a clean slate instead of
    // re-firing on the streaks, repeats and level that led to this handoff.
    next = initialEscalationMemory();
  } else if (nextMemory) {
    const recent =
      isRepeatableQuestion(facts.analysis) ? [...memory.recent, facts.analysis.normalized].slice(-MEMORY_SIZE) : [...memory.recent];
    // Thanks, a smile or the customer's own slip neither extend nor break a streak of failed requests; a clear
    // question about the shop counts half (detectRepeatedFallback.fallbackWeight).
    const kept = answered > 0 ? streakMemory({ fallbacksInRow: memory.fallbacksInRow, clearInRow: memory.clearInRow ?? 0 }, memory.inShopStreak === true) : null;
    const streak = kept === null ? nextStreakMemory(facts, memory) : memory.openerOnly === true && memory.fallbacksInRow > 0 ? withField(kept, 'openerOnly', true as const) : kept;
    // `{ ...streak, recent, sentiments, level }`, field for field, without the spread: session 31 (perf) measured the
    // spread followed by three fields its source lacks at ~1.5% of the shard thread's busy time (V8 on node 20 takes a
    // slow path adding fields to a spread's copy, ~1.5 µs per field; a copy by Object.assign then set: ~0.07 µs).
    const built = Object.assign({}, streak) as EscalationMemory;
    built.recent = recent;
    built.sentiments = [...memory.sentiments, sentiment].slice(-MEMORY_SIZE);
    built.level = level;
    if (complaint === 'answered' || memory.complained === true) built.complained = true;
    // Session 49 (conv11): the same block's question not answered again (detectRepeatedFallback.askedAgainAt).
    const again = Math.abs(askedAgainAt(facts, memory));
    if (again > 0 && facts.askedAt !== undefined) built.askedAgain = { at: facts.askedAt, n: again };
    next = built;
  }

  const nearMisses = takeNearMisses().filter((n) => !signals.some((s) => s.reason === n.reason));
  if (deciding === null && nearMisses.length > 0 && explanation === 'No signal.') explanation = `No escalation. ${nearMisses[0].explanation}`;
  // Session 26 (shopfb): a clear shop question the bot has no answer for, and nothing done about it: the engine says so.
  const shopQuestion = readShopQuestion && policy.enabled && action === 'none' && facts.fallback && facts.ownQuestion !== true && answered === 0 &&
    clearShopQuestion(facts.analysis, memory);
  return {
    decision: {
      action, reason: deciding?.reason ?? null, signals, explanation, turn: facts.turn, nearMisses,
      ...(shopQuestion ? { shopQuestion: true as const } : {}),
      ...(complaint !== undefined ? { understoodComplaint: complaint } : {}),
    },
    // The intent understood for this message rides along (session 12, intentMemory.ts: read by the loop detector).
    memory: next === null ? null : withTurnIntent(memory, next, facts, action, answered, offTopicMiss(facts, memory, answered)),
  };
}
