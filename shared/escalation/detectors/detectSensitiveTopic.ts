/**
 * sensitive_topic: the message touches a topic the designer wants a person for (refunds, legal threats,
 * account deletion...). A topic phrase matches when all its content words (stemmed, synonyms folded) are in
 * the message in any order; or the intent router put the message in one of the topic's intents with
 * confidence >= 0.5. The first matching topic in the designer's order wins.
 *
 * Two readings of topic words are not topics: idioms ("what's the damage?" asks for a price), and damage
 * words used as a product's description in a shopping question ("is the smashed avocado cookbook in
 * stock?", "do you sell cracked pepper?"): there a damage word right before a noun names the product.
 */
import { normalizeText } from '../../nlu/normalizeText';
import type { EscalationPolicy, SensitiveTopic } from '../../flow/schema';
import { classifierOn, classifierScore, classifierSignal, designerSignal } from '../learnedSignals';
import { classifyMessage, topContributors, OUTPUT_INDEX } from '../classifier/escalationClassifier';
import { TOPIC_OUTPUTS } from '../classifier/outputs';
import { asMeasured, reportNearMiss } from '../nearMisses';
import { ownCaseScore } from '../ownCase';
import type { TopicOutput } from '../classifier/outputs';
import { CLASSIFIER_THRESHOLDS } from '../classifier/thresholds';
import type { EscalationMemory, Signal, TurnFacts } from '../types';
import { compileSensitiveTopics, conceptKeys, conceptKeySet, mayHoldKey, type CompiledPhrase, type CompiledTopic } from '../compileSensitiveTopics';
import type { TextAnalysis } from '../../nlu/types';
import { phraseMatcher } from '../phraseMatcher';
import { isStopWord } from '../../nlu/stopWords';
import { canonicalTokens, paddedTokens } from '../canonicalTokens';
import { othersStory, keptAfterChangeOfSubject } from '../othersStory';
import { fireAsFigure } from '../hazardNow';
import { amountMismatch, brokeIdiom, serviceBroken, praiseIdiom, frameExcludes, hasAccountEvent, hasRefundMoney, languageIdiom, ownChangeQuestion, damageOnlyAsPraise, hasMoney, meaningOf, priceQuestion, safetyCloseCallWithoutCue, MEANING_OUTPUTS, notOwnCase, fraudWithoutCase, complaintWithoutRecord, privacyWithoutData } from '../topicMeaning';
import { NEITHER_NOR, NOT_WORDS, negators } from '../negators';

/**
 * Idioms whose words look like a topic, as normalised tokens: "what is the damage" = "how much is it"; a body or a wallet
 * that complains ("my back's gonna complain after carrying that rug") is not a complaint to the shop.
 */
const findIdiom = phraseMatcher([
  'what is the damage', 'whats the damage',
  ...['back', 'backs', 'knees', 'knee', 'feet', 'legs', 'arms', 'wallet', 'bank account', 'stomach', 'body'].flatMap((b) => [
    `${b} going to complain`, `${b} gonna complain`, `${b} is going to complain`, `${b} s going to complain`, `${b} s gonna complain`, `${b} is gonna complain`, `${b} will complain`, `${b} complains`, `${b} complained`, `${b} are going to complain`, `${b} are complaining`, `${b} is complaining`,
  ]),
]);
/** Shopping questions: in these, a damage word before a noun describes the product. */
const findShopping = phraseMatcher([
  'in stock', 'back in stock', 'do you sell', 'do you stock', 'do you carry', 'do you have any', 'do you still have',
  'can i buy', 'where can i buy', 'can i order', 'looking to buy', 'looking for a', 'out of stock', 'available in',
]);
const PRODUCT_DESCRIPTION_CONCEPTS = new Set(['~damage']);
const INTENT_CONFIDENCE = 0.5;
/** A topic's designer signal reads its examples only (its phrases are the rule's). */
const NO_PHRASES: readonly string[] = [];

/**
 * The message's stems with idioms and product descriptions blanked out (a fresh array only when needed).
 */
function readableStems(stems: string[], tokens: string[]): string[] {
  let out: string[] | null = null;
  for (let hit = findIdiom(tokens); hit !== null; hit = findIdiom(tokens, hit.at + hit.length)) {
    out ??= stems.slice();
    for (let k = hit.at; k < hit.at + hit.length; k++) out[k] = '';
  }
  // Round eight: "I'm broke till payday" has no money, nothing damaged.
  for (const i of brokeIdiom(tokens)) {
    out ??= stems.slice();
    out[i] = '';
  }
  // Session 12: "cracking job", "dangerous good": praise, not damage or danger.
  for (const i of praiseIdiom(tokens)) {
    out ??= stems.slice();
    out[i] = '';
  }
  // Session 13: "your system is broken", "every link is broken": the shop's website, not damaged goods.
  for (const i of serviceBroken(tokens)) {
    out ??= stems.slice();
    out[i] = '';
  }
  // Session 7: "my English is broken", "sorry for my bad English": a language, not damaged goods.
  for (const i of languageIdiom(tokens)) {
    out ??= stems.slice();
    out[i] = '';
  }
  if (findShopping(tokens) !== null) {
    for (let i = 0; i + 1 < stems.length; i++) {
      if (isStopWord(tokens[i + 1])) continue;
      const [concept] = conceptKeys([stems[i]]).keys();
      if (!PRODUCT_DESCRIPTION_CONCEPTS.has(concept)) continue;
      out ??= stems.slice();
      out[i] = '';
    }
  }
  return out ?? stems;
}

/** Reused between calls (the detector is synchronous), so a message does not allocate a new Set. */
const scratchKeys = new Set<string>();

function containsAll(present: Set<string>, keys: readonly string[]): boolean {
  for (const k of keys) if (!present.has(k)) return false;
  return true;
}

/** The first topic (in the designer's order) with a phrase the message contains, and that phrase. */
interface PhraseHit {
  topic: number;
  phrase: number;
}

/** Phrases numbered in the designer's order (topic, then phrase), indexed by their first concept key. */
interface Anchors {
  byFirstKey: Map<string, number[]>;
  /** Phrases without keys (they match any message), in order. */
  everywhere: number[];
  at: PhraseHit[];
  /** Session 43 (perf): every key of every phrase; a message's other keys can neither start nor complete a phrase. */
  keys: Set<string>;
}
const anchors = new WeakMap<CompiledTopic[], Anchors>();
function anchorsOf(compiled: CompiledTopic[]): Anchors {
  let a = anchors.get(compiled);
  if (a === undefined) {
    a = { byFirstKey: new Map(), everywhere: [], at: [], keys: new Set() };
    for (let t = 0; t < compiled.length; t++) {
      for (let p = 0; p < compiled[t].phrases.length; p++) {
        const n = a.at.push({ topic: t, phrase: p }) - 1;
        for (const k of compiled[t].phrases[p].keys) a.keys.add(k);
        const key = compiled[t].phrases[p].keys[0];
        if (key === undefined) a.everywhere.push(n);
        else {
          const list = a.byFirstKey.get(key);
          if (list) list.push(n);
          else a.byFirstKey.set(key, [n]);
        }
      }
    }
    anchors.set(compiled, a);
  }
  return a;
}

/**
 * Phrase hits per compiled topic list and analysis: they depend on the message alone (not on the intent or
 * the turn), and analyses of repeated messages are shared, so a message seen before skips the key scan.
 */
const phraseHits = new WeakMap<CompiledTopic[], WeakMap<TextAnalysis, PhraseHit | null>>();

function firstPhraseHit(compiled: CompiledTopic[], analysis: TextAnalysis): PhraseHit | null {
  let byAnalysis = phraseHits.get(compiled);
  if (byAnalysis === undefined) {
    byAnalysis = new WeakMap();
    phraseHits.set(compiled, byAnalysis);
  }
  const known = byAnalysis.get(analysis);
  if (known !== undefined) return known;
  // Phrases are tested against the set of keys; the key -> positions map is only built for a match.
  // Only phrases whose first key is present can match: look those up instead of testing every phrase,
  // and keep the earliest in the designer's order (the same hit as a scan in order).
  const { byFirstKey, everywhere, at, keys } = anchorsOf(compiled);
  // (Session 24, speed: no first key of any phrase among the message's own stems: no phrase can match, and the idioms and
  // the key set need not be worked out. Blanked idioms only take keys away.)
  if (everywhere.length === 0 && !mayHoldKey(analysis.stems, byFirstKey)) {
    byAnalysis.set(analysis, null);
    return null;
  }
  // (Session 43, perf: only the keys some phrase has are kept: a phrase's first key and containsAll read no other, so the
  // hit is the same, and a long message's other keys are neither added nor walked.)
  const present = conceptKeySet(readableStems(analysis.stems, analysis.tokens), scratchKeys, keys);
  let first = everywhere.length > 0 ? everywhere[0] : Infinity;
  for (const key of present) {
    const candidates = byFirstKey.get(key);
    if (candidates === undefined) continue;
    for (const n of candidates) {
      if (n >= first) break;
      const { topic, phrase } = at[n];
      if (containsAll(present, compiled[topic].phrases[phrase].keys)) first = n;
    }
  }
  const hit: PhraseHit | null = first === Infinity ? null : at[first];
  byAnalysis.set(analysis, hit);
  return hit;
}

export function detectSensitiveTopic(facts: TurnFacts, policy: EscalationPolicy, memory: EscalationMemory): Signal | null {
  const signal = readSensitiveTopic(facts, policy, memory);
  // Session 15 (escmsg): a remark about something else closed by "anyway" before an ordinary question ("Long day, our
  // system went down twice ... Anyway, can I track NW-121340 please"): othersStory.ts.
  return signal === null || signal.source === 'designer' ? signal : keptAfterChangeOfSubject(facts, signal, (f) => readSensitiveTopic(f, policy, memory));
}

/**
 * Session 41 (fe, issue 11): a topic read by a phrase, an intent or the classifier must also read as the customer's own case
 * to the own-case score (ownCase.ts) when the classifier is not sure of a topic: a general question about a policy, a
 * topic's word in another sense ("our boiler broke, do you sell electric blankets?") or a story beside a shop question
 * reads under OWN_CASE_CUT and is a near miss that names the score. Not asked: for a phrase with the customer's own word
 * next to it ("mine arrived broken", "is my item damaged?", as phraseUnread), for a meaning frame (more than a keyword), for
 * the designer's own examples, and with the learned classifier switched off. Chosen on odd ids (out-of-fold scores by
 * writer, ownCaseTrain.ts --folds 5), checked on even ids.
 */
export const OWN_CASE_CUT = 0.005;
/** The classifier's highest topic reading at which it is sure enough of a topic that the own-case score is not asked. */
export const OWN_CASE_CLASSIFIER_SURE = 0.95;
function topicReading(analysis: TextAnalysis): number {
  const scores = classifyMessage(analysis);
  let best = 0;
  for (const o of TOPIC_OUTPUTS) best = Math.max(best, scores[OUTPUT_INDEX[o]]);
  return best;
}
/**
 * A phrase hit the own-case score is not asked about: the customer's own word next to it ("is my item damaged?", "can I get
 * reimbursed?"), or a phrase of more than one word ("arrived damaged", "charged twice": more than a keyword).
 */
function phraseSaysOwnCase(tokens: readonly string[], at: number, ruled: Signal): boolean {
  return at >= 0 && (ownWordNear(tokens, at) || ruled.evidence.length > 2);
}
function judgedOwnCase(facts: TurnFacts, signal: Signal): Signal | null {
  const p = ownCaseScore(facts.analysis);
  if (p >= OWN_CASE_CUT || topicReading(facts.analysis) >= OWN_CASE_CLASSIFIER_SURE) return signal;
  reportNearMiss({
    ...signal,
    explanation: `Near miss: ${asMeasured(signal.explanation)}, but the own-case score reads ${p.toFixed(3)} (under ${OWN_CASE_CUT}: a general question or the topic's word in another sense, not the customer's own case), so it does not fire.`,
  });
  return null;
}

/** Why the message is not the customer's own case (notOwnCase, then othersStory), worked out on first use per message. */
interface OwnCaseMemo {
  readonly toks: readonly string[];
  readonly analysis: TextAnalysis;
  why: string | null | undefined;
}
function ownCaseOf(memo: OwnCaseMemo): string | null {
  if (memo.why !== undefined) return memo.why;
  const { toks, analysis } = memo;
  let why = notOwnCase(toks, analysis.text.includes('?'));
  // (Session 12: or the topic's words tell someone else's experience or one with another shop before an ordinary question,
  // "my friend had a parcel broken from other shop. You put protection for glass things?": othersStory.ts.)
  if (why === null) {
    const story = othersStory(toks, analysis.text, analysis.shouting);
    why = story === null ? null : `its words tell someone else's experience or one with another shop ("${story}")`;
  }
  return (memo.why = why);
}

function readSensitiveTopic(facts: TurnFacts, policy: EscalationPolicy, _memory: EscalationMemory): Signal | null {
  const topics = policy.sensitiveTopics.topics;
  if (topics.length === 0) return null;
  const compiled = compileSensitiveTopics(topics);
  const learnedOn = classifierOn(policy);
  const toks = canonicalTokens(facts.analysis);
  // Round eight: said in so many words not to be the customer's own case (a general question, "everything inside is
  // fine", "my own fault"): no rule, frame or classifier names a topic (a near miss shows what was seen).
  // (Read only when something is about to fire: most messages never need it.)
  // (Session 24, speed: a memo object and a module function, not two closures made per message.)
  const own: OwnCaseMemo = { toks, analysis: facts.analysis, why: undefined };
  /** Topics whose words the customer negated ("I don't want a refund"): the classifier does not bring them back. */
  let negated: Set<number> | null = null;
  const found = ruleSignal(facts, compiled);
  if (found !== null) {
    // Positions are for the guard only: the decision (persisted with the state) keeps the plain Signal.
    const { topicIndex, at, ...ruled } = found;
    // A phrase in a negated clause ("I don't want a refund, just tracking") or in a general question
    // about a policy ("what is your refund policy?") is not the customer's own case, unless the
    // classifier reads the message as the topic anyway (not for a negation: the classifier reads the topic's word).
    const negation = at >= 0 ? negationOf(facts.analysis.tokens, at, absenceIsTheCase(facts.analysis, at)) : null;
    const notOwn = ownCaseOf(own);
    // Session 8: someone else complaining ("my wife keeps complaining the slippers are too warm", "he's forever complaining
    // the shops there don't have...") is not the customer's complaint to the shop: read like a negated topic.
    const othersComplain =
      topicOutputFor(topics[topicIndex]) === 'complaint' && SOMEONE_ELSE_COMPLAINS.test(paddedTokens(toks))
        ? 'someone else is the one complaining'
        : at >= 0 && occupationAt(facts.analysis.tokens, at)
          ? 'the customer says what they do for a living'
          : at >= 0 && takenBack(facts.analysis.tokens, at)
            ? 'the customer takes it back ("no wait", "scratch that", "joking")'
          : at >= 0 && topicOutputFor(topics[topicIndex]) === 'complaint' && complimentNotComplaint(facts.analysis.tokens, at)
            ? 'the complaints word names the channel and the customer brings a compliment'
            : at >= 0 && topicOutputFor(topics[topicIndex]) === 'refund' && refundRouteQuestion(facts.analysis)
              ? 'the customer asks where or how a refund is paid (to which card, as store credit, to whom), and tells nothing that went wrong'
            : at >= 0 && topicOutputFor(topics[topicIndex]) === 'fraud' && aboutFraudMeasures(facts.analysis.tokens, at)
              ? "the customer asks about the shop's protection against fraud and tells no case"
            : at >= 0 && topicOutputFor(topics[topicIndex]) === 'cancellation'
              ? accountStays(facts.analysis.text)
            : null;
    const guard = notOwn ?? negation ?? othersComplain ?? guardOf(facts.analysis, at);
    // Session 37 (fe): a phrase no guard stops still needs the classifier to read something a person is for in the message
    // (phraseUnread), unless the customer's own word is next to it (ownWordNear): otherwise its words are used in another
    // sense or tell of something else ("nicely broken in", "travel hack: pack socks inside the shoes", "the neighbour broke
    // his lease"). The meaning frames below still read it (a frame is more than a keyword).
    const unread = guard === null && at >= 0 && learnedOn && !ownWordNear(facts.analysis.tokens, at) ? phraseUnread(facts.analysis, topics[topicIndex]) : null;
    if (guard === null && unread === null) {
      // Session 41 (fe): the own-case score, unless the customer's own word is next to the phrase (judgedOwnCase).
      return !learnedOn || phraseSaysOwnCase(facts.analysis.tokens, at, ruled) ? ruled : judgedOwnCase(facts, ruled);
    }
    if (unread !== null) reportNearMiss({ ...ruled, explanation: `Near miss: ${asMeasured(ruled.explanation)}, but ${unread}, so it does not fire.` });
    else {
      const output = topicOutputFor(topics[topicIndex]);
      const p = learnedOn && output !== null ? classifierScore(facts.analysis, output) : 0;
      // (Session 13: not when the customer says it is asked in general, or asks what the shop does: "do you refund the
      // postage if you send stuff back?", "just asking in general, how many days for a refund to show?". A question only
      // shaped like a general one, "how do I file a complaint?", still lets the classifier read the customer's own case.)
      // (Session 32: nor when the customer says nothing of themselves outside a condition: "What is the refund time after
      // you receive a return?", "Are refunds issued to the original payment method? Asking before I pay": a question about
      // the policy, which the classifier reads as the topic all the same.)
      if (notOwn === null && negation === null && othersComplain === null && p >= OWN_CASE_SCORE && !saidToBeGeneral(facts.analysis) && speaksOfThemselves(facts.analysis)) {
        return phraseSaysOwnCase(facts.analysis.tokens, at, ruled) ? ruled : judgedOwnCase(facts, ruled);
      }
      reportNearMiss({ ...ruled, explanation: `Near miss: ${asMeasured(ruled.explanation)}, but ${guard}, so it does not fire.` });
      if (notOwn !== null) return null;
      if (negation !== null || othersComplain !== null) {
        negated = new Set([topicIndex]);
        // Another topic's phrase, not negated, still counts ("I don't want a refund, the lamp arrived smashed").
        const other = laterPhraseHit(facts, compiled, topicIndex);
        if (other !== null) return other;
      }
    }
  }
  const meant = meaningSignal(facts, topics, toks);
  if (meant !== null) {
    // Session 10: a frame's words in a negated clause ("I don't want to delete my account, I only want to change my
    // address in it") decline the topic as a phrase's would (not a frame that is itself a negation: "I never ordered").
    const framed = meant.evidence[1] ?? '';
    const frameAt = framed === '' || /\b(?:not|no|never|nothing|without)\b/.test(framed) ? -1 : wordIndexOf(toks, framed);
    const declined = frameAt > 0 ? negationOf(toks, frameAt) : null;
    // (Session 35: a frame of the account closed or gone, when the account stays or only holds the deleted thing: as for a phrase.)
    const meantAt = topics.findIndex((t) => t.name === meant.evidence[0]);
    const stays = meantAt >= 0 && topicOutputFor(topics[meantAt]) === 'cancellation' ? accountStays(facts.analysis.text) : null;
    const why = ownCaseOf(own) ?? declined ?? stays ?? generalQuestion(facts.analysis);
    if (why === null) return meant;
    reportNearMiss({ ...meant, explanation: `Near miss: ${asMeasured(meant.explanation)}, but ${why}, so it does not fire.` });
    if (why === stays) (negated ??= new Set()).add(meantAt);
    // (A declined frame leaves the classifier its say, with its guards: "nothing caught fire" but "a black scorch mark".)
    else if (why !== declined) return null;
  }
  for (let t = 0; t < topics.length; t++) {
    // (Session 24, speed: a topic without examples has nothing to compare; its label is not built.)
    const examples = topics[t].examples;
    if (examples === undefined || examples.length === 0) continue;
    const d = designerSignal(facts, 'sensitive_topic', NO_PHRASES, examples, `Sensitive topic "${topics[t].name}"`);
    if (d) return { ...d, evidence: [topics[t].name, ...d.evidence] };
  }
  if (!learnedOn) return null;
  // The classifier reads topics by meaning: the best-scoring topic of the policy that has a classifier output.
  let bestTopic = -1;
  let bestShare = 0;
  // Session 7: a topic read from function words alone (functionWordsOnly) gives way to one read from content words
  // ("a delivery address ... saved on my login that I never put there": fraud from "never", "that"; security from "login").
  let grammarOnly = -1;
  for (let t = 0; t < topics.length; t++) {
    const output = topicOutputFor(topics[t]);
    if (output === null) continue;
    const share = classifierScore(facts.analysis, output) / CLASSIFIER_THRESHOLDS[output];
    if (share >= 1 && functionWordsOnly(facts.analysis, output) !== null) {
      if (grammarOnly < 0) grammarOnly = t;
      continue;
    }
    if (share > bestShare) {
      bestShare = share;
      bestTopic = t;
    }
  }
  if (grammarOnly >= 0 && bestShare < 1) bestTopic = grammarOnly;
  if (bestTopic < 0) return null;
  const c = classifierSignal(facts, 'sensitive_topic', topicOutputFor(topics[bestTopic])!, `Sensitive topic "${topics[bestTopic].name}"`, undefined, (words) => topicEvidence(toks, topicOutputFor(topics[bestTopic])!, words));
  if (c === null) return null;
  const best = { ...c, signal: { ...c.signal, evidence: [topics[bestTopic].name, ...c.signal.evidence] } };
  if (best.nearMiss) {
    reportNearMiss(best.signal);
    return null;
  }
  const bestOutput = topicOutputFor(topics[bestTopic])!;
  const general =
    ownCaseOf(own) ??
    (negated?.has(bestTopic) ? 'the customer negates its words' : null) ??
    (frameExcludes(toks, bestOutput) ? 'the words are not about the topic' : null) ??
    (bestOutput === 'safety' && safetyCloseCallWithoutCue(toks, best.signal.score) ? 'a close call with no word of harm or hazard' : null) ??
    (bestOutput === 'billing' && !hasMoney(toks, amountsIn(facts.analysis)) ? 'the message has no money in it' : null) ??
    // Session 8: refund = money back; billing = what was charged, not what will be; security = something done to the account.
    (bestOutput === 'refund' && !hasRefundMoney(toks, amountsIn(facts.analysis), facts.analysis.text) ? 'the message has no money in it (sending goods back is a return)' : null) ??
    (bestOutput === 'billing' && priceQuestion(toks) ? 'it asks what the shop charges, nothing was charged yet' : null) ??
    (bestOutput === 'security' && !hasAccountEvent(toks) ? 'no word of a login, a change or someone else on the account' : null) ??
    // Session 11: a classifier-only fraud, complaint or privacy case names its subject (topicMeaning.ts).
    (bestOutput === 'fraud' && fraudWithoutCase(toks) ? 'no one else, no purchase the customer denies and no card or account they say was used' : null) ??
    (bestOutput === 'complaint' && complaintWithoutRecord(toks) ? 'the customer does not ask for it to be reported or recorded (told with feeling, it is negative sentiment)' : null) ??
    (bestOutput === 'privacy' && privacyWithoutData(toks) ? 'no word of the customer\'s data, a third party or a legal step' : null) ??
    functionWordsOnly(facts.analysis, bestOutput) ??
    (bestOutput === 'cancellation' && mindChangeOnly(toks) ? 'the customer changed their mind or let a question go ("never mind"), with no word of cancelling, stopping or deleting anything' : null) ??
    (bestOutput === 'security' && ownChangeQuestion(toks) ? 'the customer asks how to change their own details, nothing changed that they did not do' : null) ??
    (bestOutput === 'damaged' && damageOnlyAsPraise(toks) ? 'its only words of damage are praise ("cracking job", "the lamp is cracked, absolutely goated")' : null) ??
    generalQuestion(facts.analysis);
  if (general !== null) {
    reportNearMiss({ ...best.signal, explanation: `Near miss: ${asMeasured(best.signal.explanation)}, but ${general}, so it does not fire.` });
    return null;
  }
  return judgedOwnCase(facts, best.signal);
}

/**
 * Session 44 (medical5, retest s43 F7): the words a fired topic shows the designer are the words that carry it. "in the
 * film I ordered the hero has a heart attack and the disc skips there" is damaged goods by the classifier, which named
 * "heart", "attack": a person's condition is never the evidence of a product topic (safety, a product hurting someone,
 * keeps it), and the message's own words of a fault come first ("skips").
 */
const PERSON_CONDITION = new Set(['heart', 'attack', 'stroke', 'seizure', 'cardiac', 'arrest', 'collapsed', 'fainted', 'unconscious', 'breathing', 'breathe',
  'bleeding', 'blood', 'choking', 'overdose', 'allergic', 'anaphylaxis', 'asthma', 'chest', 'pain', 'pains', 'hero', 'heroine', 'character', 'villain']);
const FAULT_WORDS = new Set(['damage', 'damaged', 'broken', 'broke', 'smashed', 'cracked', 'shattered', 'defective', 'faulty', 'skips', 'skipping', 'skipped',
  'scratched', 'scratches', 'dented', 'torn', 'ripped', 'stuck', 'jammed', 'jams', 'freezes', 'frozen', 'flickers', 'flickering', 'leaks', 'leaking', 'missing']);
function topicEvidence(toks: readonly string[], output: TopicOutput, words: string[]): string[] {
  if (output === 'safety') return words;
  const own = output === 'damaged' ? toks.filter((t, i) => FAULT_WORDS.has(t) && toks.indexOf(t) === i) : [];
  const kept = words.filter((w) => !PERSON_CONDITION.has(w) && !own.includes(w));
  return own.length === 0 && kept.length === words.length ? words : [...own, ...kept];
}

/**
 * Session 26 (topicfe, issue 11): the classifier reads cancellation from "changed my mind" and "never mind" ("actually never
 * mind, I'll keep it", "I've changed my mind, it's not quite right for the hallway" at a return, "Sorry, I changed my mind,
 * no cancel"). With no word of cancelling, stopping, closing or deleting (not negated: "no cancel"), the customer takes a
 * question back or gives a reason for a return; "Please annul my order, I changed my mind" still fires.
 */
const MIND_CHANGE = / (?:change|changed|changing|changes) (?:my|our|me) minds? | never ?mind | nevermind | nvm /;
const CANCEL_WORD = / (?:cancel\w*|annul\w*|stop|stopped|halt|close|closed|delete|deleted|deleting|remove|removed|terminate\w*|withdraw\w*|unsubscribe\w*|revoke\w*|void|scrap|call off|no longer|(?:do not|dont|not) (?:want|need|send|ship))\b/;
const NEGATED_CANCEL = / (?:no|not|never|do not|dont|without) (?:\w+ )?cancel\w*\b/g;
function mindChangeOnly(toks: readonly string[]): boolean {
  const padded = paddedTokens(toks);
  if (!MIND_CHANGE.test(padded)) return false;
  return !CANCEL_WORD.test(padded.replace(NEGATED_CANCEL, ' '));
}

/** The index of the first token of `words` (space-separated tokens) in `toks`, or -1. */
function wordIndexOf(toks: readonly string[], words: string): number {
  const first = words.split(' ');
  outer: for (let i = 0; i + first.length <= toks.length; i++) {
    for (let k = 0; k < first.length; k++) if (toks[i + k] !== first[k]) continue outer;
    return i;
  }
  return -1;
}

/** The first phrase hit of a topic after `skip` in the designer's order that is not negated, as a signal; or null. */
function laterPhraseHit(facts: TurnFacts, compiled: CompiledTopic[], skip: number): Signal | null {
  const keys = conceptKeys(readableStems(facts.analysis.stems, facts.analysis.tokens));
  for (let t = 0; t < compiled.length; t++) {
    if (t === skip) continue;
    for (const p of compiled[t].phrases) {
      if (!p.keys.every((k) => keys.has(k))) continue;
      const { at, ...signal } = phraseSignal(facts, compiled[t], p);
      if (negationOf(facts.analysis.tokens, at, absenceIsTheCase(facts.analysis, at)) === null && guardOf(facts.analysis, at) === null) return signal;
    }
  }
  return null;
}

/**
 * A topic by meaning (topicMeaning.ts): the first topic of the policy, in the designer's order, whose classifier
 * output has a frame the message means. Named with the frame's meaning and the words that matched.
 */
/** The policy's topics that have a meaning frame, as [output, topic] in the designer's order (first topic per output). */
const framed = new WeakMap<readonly SensitiveTopic[], { outputs: TopicOutput[]; topics: SensitiveTopic[] }>();
function framedTopics(topics: readonly SensitiveTopic[]): { outputs: TopicOutput[]; topics: SensitiveTopic[] } {
  let f = framed.get(topics);
  if (f === undefined) {
    f = { outputs: [], topics: [] };
    for (const topic of topics) {
      const output = topicOutputFor(topic);
      if (output === null || !MEANING_OUTPUTS.includes(output) || f.outputs.includes(output)) continue;
      f.outputs.push(output);
      f.topics.push(topic);
    }
    framed.set(topics, f);
  }
  return f;
}

function meaningSignal(facts: TurnFacts, topics: readonly SensitiveTopic[], toks: readonly string[]): Signal | null {
  const f = framedTopics(topics);
  // Session 45 (misfire, blind s44 M1): "on fire" said as praise ("your deals are on fire today") is no product in flames.
  const figure = f.outputs.length === 0 ? [] : fireAsFigure(toks);
  const read = figure.length === 0 ? toks : toks.filter((_, i) => !figure.some((at) => i === at || i === at + 1));
  let hit = f.outputs.length === 0 ? null : meaningOf(read, f.outputs);
  if (hit === null && f.outputs.includes('billing')) {
    const words = amountMismatch(toks);
    if (words !== null) hit = { output: 'billing', words, meaning: 'the amount taken is not the amount it should be' };
  }
  if (hit !== null) {
    const topic = f.topics[f.outputs.indexOf(hit.output)];
    return {
      reason: 'sensitive_topic',
      score: 1,
      threshold: 1,
      evidence: [topic.name, hit.words],
      turn: facts.turn,
      source: 'rule',
      explanation: `Sensitive topic "${topic.name}" by meaning: ${hit.meaning} ("${hit.words}").`,
    };
  }
  return null;
}

/**
 * Session 7: a topic the classifier alone reads needs a content word among the words that carry its score. When every
 * word that pushes it is a function word ("sorry I didn't get that": "did", "i", "not", "that" for fraud), the score
 * comes from the message's grammar, not its subject: a near miss that names them.
 */
const FUNCTION_WORDS = new Set(['not', 'no', 'never', 'nothing', 'how', 'when', 'where', 'why', 'sorry', 'yes', 'ok', 'okay', 'thanks', 'thank', 'hi', 'hello', 'even', 'still', 'again', 'now', 'then', 'than', 'there', 'yet', 'only', 'ever']);
/**
 * Session 8: the everyday words of any order's life (it came, a box, the parcel, an order, sent back, my account, an
 * email). A topic carried by these alone is read from what every shop conversation says, not from the topic's subject:
 * "the last order came in a box big enough to live in", "I've packed them in the original box", "it's unused and still
 * in its box", "sorry I didn't get that, is it out for delivery?". A real case names its subject ("arrived in pieces",
 * "bent", "soaked", "someone", "charged twice"), which is not in this list.
 */
const ORDER_WORDS = new Set([
  'came', 'come', 'comes', 'coming', 'arrived', 'arrive', 'arrives', 'arriving', 'box', 'boxes', 'parcel', 'parcels', 'package', 'packages',
  'packaging', 'packed', 'order', 'orders', 'ordered', 'ordering', 'item', 'items', 'thing', 'things', 'stuff', 'goods', 'delivery', 'deliveries',
  'delivered', 'received', 'receive', 'give', 'gave', 'send', 'sent', 'back', 'inside', 'open', 'opened', 'big', 'new', 'present', 'gift',
  'unused', 'account', 'email', 'settings', 'save', 'saved', 'touch', 'inform', 'bit', 'different', 'think',
]);
function functionWordsOnly(analysis: TextAnalysis, output: TopicOutput): string | null {
  // Every word that pushes the score (not only the top four: "I didn't authorise these purchases" has "did", "i", "not"
  // first and "authorise" fifth).
  const words = topContributors(analysis, output, 64);
  if (words.length === 0) return null;
  let everyday = false;
  // (Not for fraud and refunds: orders the customer did not place and money sent back are made of these words; nor when
  // "came" is a part coming off: "the heel came off", "it fell apart". Read only when an everyday word is met.)
  const fraudOrRefund = output === 'fraud' || output === 'refund';
  for (const w of words) {
    if (isStopWord(w) || FUNCTION_WORDS.has(w)) continue;
    if (fraudOrRefund || !ORDER_WORDS.has(w)) return null;
    if (!everyday && cameApart(canonicalTokens(analysis))) return null;
    everyday = true;
  }
  return `only ${everyday ? 'function words and everyday order words' : 'function words'} carry the score (${words.slice(0, 6).map((w) => `"${w}"`).join(', ')})`;
}

const COME = new Set(['came', 'come', 'comes', 'coming', 'fell', 'falls', 'falling', 'fallen']);
const APART = new Set(['off', 'apart', 'away', 'loose', 'undone', 'unstuck', 'unglued', 'unstitched', 'open']);
/** "came off", "fell apart", "come loose": a part of the product coming away, a damage in words of one syllable. */
function cameApart(toks: readonly string[]): boolean {
  for (let i = 0; i + 1 < toks.length; i++) if (COME.has(toks[i]) && APART.has(toks[i + 1])) return true;
  return false;
}

const amountsIn = (analysis: TextAnalysis) => {
  let n = 0;
  for (const e of analysis.entities) if (e.type === 'amount') n++;
  return n;
};

const SOMEONE_ELSE_COMPLAINS = / (?:he|she|they|everyone|everybody|people|my (?:wife|husband|partner|mum|mom|mam|mother|dad|father|son|daughter|kids|children|brother|sister|friend|friends|nan|gran|grandma|grandad|neighbour|neighbor|boss|colleague|flatmate|cousin|aunt|uncle|wee one|little one)) (?:s |is |are |was |keeps |keep |kept |always |forever |constantly |still |never stops |will not stop |would not stop |won t stop )*(?:complaining|complains|moaning|moans|whinging|whining)\b/;

/**
 * Session 9: "as a retired solicitor I am interested in your terms", "I'm a lawyer myself, do you ship to Jersey?": the
 * customer's occupation, not a lawyer brought in (read like a negated topic: another topic's phrase still counts).
 */
const OCCUPATION_BEFORE = new Set(['as', 'retired', 'former', 'trainee', 'practising', 'practicing', 'qualified']);
/** Session 22: the thing being filed before "as" ("log this as a complaint"): "as" then names what to file it as. */
const FILED_AS = new Set(['this', 'it', 'that', 'them', 'these', 'those']);
const LEGAL_STEPS = new Set(['sue', 'suing', 'sued', 'lawsuit', 'court', 'courts', 'legal', 'claim', 'claims', 'action', 'proceedings', 'litigation', 'tribunal', 'ombudsman', 'letter', 'client', 'clients', 'behalf', 'representing', 'represent']);
function occupationAt(toks: readonly string[], at: number): boolean {
  for (let k = 0; k < toks.length; k++) if (LEGAL_STEPS.has(toks[k])) return false;
  const p1 = toks[at - 1] ?? '';
  const p2 = toks[at - 2] ?? '';
  const p3 = toks[at - 3] ?? '';
  // Session 22 (blind writer w36): "pls log this as a complaint", "treat it as a complaint": "as" after the thing being
  // filed names what to file it as, not the customer's job.
  const asAt = p1 === 'as' ? at - 1 : p2 === 'as' ? at - 2 : -1;
  if (asAt > 0 && FILED_AS.has(toks[asAt - 1])) return false;
  if (OCCUPATION_BEFORE.has(p1) || (OCCUPATION_BEFORE.has(p2) && (p1 === 'a' || p1 === 'an' || OCCUPATION_BEFORE.has(p1)))) return true;
  if ((p1 === 'a' || p1 === 'an') && (p2 === 'im' || p2 === 'am' || (p2 === 'm' && p3 === 'i') || p2 === 'was' || (p2 === 'as' ))) return true;
  if ((p1 === 'a' || p1 === 'an') && OCCUPATION_BEFORE.has(p2)) return true;
  return false;
}

/**
 * Session 10: "can I get a refund, no wait, I just want to send it back for another size": a correction in the six words
 * after the phrase takes it back (read like a negated topic: another topic's phrase after it still counts).
 */
const TAKE_BACK = / (?:no wait|wait no|scratch that|actually no|no actually|sorry i mean|no i mean|forget that|strike that|never mind that)\b/;
function takenBack(toks: readonly string[], at: number): boolean {
  if (TAKE_BACK.test(` ${toks.slice(at + 1, at + 8).join(' ')} `)) return true;
  // Session 35 (fe): a joke owned up to after it ("Complaint: too many good options. Joking."), not "not joking".
  for (let k = at + 1; k < Math.min(toks.length, at + 8); k++) if (JOKE_OWNED.has(toks[k]) && toks[k - 1] !== 'not' && toks[k - 1] !== 'no') return true;
  return false;
}
const JOKE_OWNED = new Set(['joking', 'kidding', 'jk', 'jking', 'jokin', 'kiddin']);
/**
 * Session 35 (fe, issue 11): the complaints word names the shop's channel ("you have a complaints page", "the complaints
 * form") and the customer brings a compliment ("but I just want to give a compliment!"): praise, not a complaint.
 */
const COMPLAINT_CHANNEL = new Set(['page', 'form', 'line', 'section', 'department', 'dept', 'team', 'procedure', 'process', 'policy', 'email', 'address', 'link', 'button', 'box', 'people']);
const COMPLIMENT = new Set(['compliment', 'compliments', 'praise', 'commend', 'kudos']);
function complimentNotComplaint(toks: readonly string[], at: number): boolean {
  return COMPLAINT_CHANNEL.has(toks[at + 1] ?? '') && toks.some((t) => COMPLIMENT.has(t));
}

/**
 * Session 35 (fe, issue 11): a deletion word in a message that names the account, but the account is not what goes.
 * Either the account is only where the deleted thing is ("how can I remove the old address from my account?", "old address
 * delete from account how", "in account, ok. And delete old card?": every mention of it follows from / in / on / off), or
 * the customer says the account stays ("delete one item from my wishlist, not the account", "I want to keep the
 * account", "I am not deleting mine", "Not closing it, just reading up"). The place reading is for deleting and removing
 * only: a plan, an order or a payment cancelled, ended or stopped on the account is the topic ("terminate the Plus plan on
 * my account", "I cancelled the order but the money is still taken from my account"); nor when a deletion word takes "it",
 * "this" or "everything" with no place after it ("remove my card from my account and close it"). A mention of the account
 * as the thing itself ("delete my account") keeps the phrase unless the customer says it stays. Read like a negated topic.
 */
const ACCOUNT_WORD = String.raw`(?:account|acct|acc|profile|login)s?`;
const ACCOUNT_MENTION = new RegExp(String.raw`\b${ACCOUNT_WORD}\b`, 'g');
const ACCOUNT_AS_PLACE = new RegExp(String.raw`\b(?:from|in|on|off|into|inside|within|under|to)(?: (?:my|the|your|ur|our|me|mi|this|that|an?))? ${ACCOUNT_WORD}\b`, 'g');
const ACCOUNT_KEPT = new RegExp(
  String.raw`\bnot (?:the|my|me|mi|ur|your|our|an?) ${ACCOUNT_WORD}\b|\b(?:want|wanna|like|prefer|rather|hope|hoping|plan|planning|going) (?:to )?keep (?:the|my|me|mi|our|an?) ${ACCOUNT_WORD}\b|(?:^|[.!?;,:]\s*|\b(?:i am|im|we are|i'm)\s+)not (?:deleting|closing|cancell?ing|removing|shutting|getting rid of) (?:it|mine|my one|(?:the|my) ${ACCOUNT_WORD})\b`,
);
const DELETES_IT = /\b(?:delet\w*|remov\w*|cancel\w*|clos(?:e|ed|ing)|shut) (?:it|this|that|everything|the lot|all of it)\b(?! (?:from|in|off|on)\b)/;
/** Cancelling or ending something on the account is the topic ("terminate the Plus plan on my account"): the place reading is for deleting and removing. */
const ENDS_A_SERVICE = /\b(?:cancel\w*|terminat\w*|clos(?:e|ed|es|ing|ure)|unsubscrib\w*|shut|deactivat\w*|stop\w*)\b/;
function accountStays(text: string): string | null {
  const t = text.toLowerCase().replace(/[\u2019']/g, '');
  if (ACCOUNT_KEPT.test(t)) return 'the customer says the account stays';
  if (DELETES_IT.test(t) || ENDS_A_SERVICE.test(t)) return null;
  const mentions = t.match(ACCOUNT_MENTION)?.length ?? 0;
  const places = t.match(ACCOUNT_AS_PLACE)?.length ?? 0;
  return mentions > 0 && places === mentions ? 'the account is only where the deleted thing is, not what is deleted' : null;
}

/**
 * Session 37 (fe, issue 11): below this, the classifier's highest score over ALL its outputs (explicit, negative, urgency
 * and every topic), a topic phrase with nothing of the customer's own next to it does not fire. A phrase is a keyword: it
 * fires on any use of its words, and the guards above stop the uses someone thought of (negations, general questions,
 * idioms). The classifier has read these words in thousands of ordinary and sensitive messages by many writers; when it
 * reads nothing a person is for in the message, the words are used in another sense ("travel hack", "broke his lease"),
 * are about someone else ("my uncle is a lawyer"), or ask in general ("is VAT refunded for orders outside the UK?").
 * Chosen on the odd ids of the development corpora (escrfEval against the session's start: 0.05 won 1 lost 0, 0.1 won 2
 * lost 1), checked on the even ids, which the classifier was not trained on (0.05: won 8, lost 0). Over the topic
 * outputs alone it won more (24, lost 1), but mostly by moving angry accusations ("this is a scam", "I'm going to sue
 * you") from the topic to negative sentiment: the negative output keeps them. Only for a topic the classifier has an
 * output for (topicOutputFor) and with the classifier on: a designer's own topic keeps its phrases as they are. The near
 * miss names the score.
 */
export const PHRASE_UNREAD_SCORE = 0.05;

/** The customer as owner or subject ("my account got hacked", "mine arrived broken", "we were charged"). */
const OWN_WORDS = new Set(['my', 'mine', 'mines', 'our', 'ours', 'me', 'us', 'i', 'we']);
/** Words either side of a phrase's first word in which the customer's own word keeps the phrase (ownWordNear). */
const OWN_WINDOW = 3;
/**
 * Whether the customer speaks of themselves or of their own thing within OWN_WINDOW words of the phrase: then the phrase
 * fires as before whatever the classifier reads, because the classifier misses a case told with a question's words ("my
 * account got hacked yesterday, what happens if they order things?", "my parcel arrived damaged, just wondering how I
 * report it" score under 0.01).
 */
function ownWordNear(tokens: readonly string[], at: number): boolean {
  for (let i = Math.max(0, at - OWN_WINDOW); i <= Math.min(tokens.length - 1, at + OWN_WINDOW); i++) if (OWN_WORDS.has(tokens[i])) return true;
  return false;
}

/** Why a topic phrase's hit is not the customer's case by the classifier's reading (PHRASE_UNREAD_SCORE), or null. */
function phraseUnread(analysis: TextAnalysis, topic: SensitiveTopic): string | null {
  if (topicOutputFor(topic) === null) return null;
  const scores = classifyMessage(analysis);
  let top = 0;
  for (let i = 0; i < scores.length; i++) if (scores[i] > top) top = scores[i];
  if (top >= PHRASE_UNREAD_SCORE) return null;
  return `the classifier reads nothing a person is needed for in the message (its highest score over every reason and topic is ${top.toFixed(2)}, below ${PHRASE_UNREAD_SCORE}) and the customer tells nothing of their own next to the words: they are used in another sense or about something else`;
}

/**
 * Session 37 (fe): a question about where or how a refund is paid ("do I get the refund on the original card or store
 * credit?", "and the refund goes back on the same card?", "does the refund go to me or to them?"): how the policy works,
 * asked by someone who may well be returning something, not a refund gone wrong. Only as a question (a question mark, or
 * a choice with "or") and with nothing that went wrong or is awaited (still, not, never, yet, waiting, where is).
 */
const REFUND_ROUTE = /\brefunds? (?:go|goes|going|come|comes|(?:be|is|are|get|gets) (?:paid|sent|issued|put|made|given)) (?:back )?(?:to|on|onto|into|in|as)\b|\b(?:get|gets|getting|receive|receives) (?:the |a |my |your )?refunds? (?:on|as|to|in|into|or)\b/;
const REFUND_WRONG = /\b(?:still|not|never|yet|waiting|wait|where is|wheres|havent|hasnt|didnt|dont|doesnt|missing|owed|owe)\b/;
function refundRouteQuestion(analysis: TextAnalysis): boolean {
  const n = analysis.normalized;
  if (!REFUND_ROUTE.test(n) || REFUND_WRONG.test(n)) return false;
  return analysis.text.includes('?') || / or /.test(n);
}

/** At or above this classifier score a guarded phrase hit still counts (the message really is the customer's case). */
const OWN_CASE_SCORE = 0.5;
const NEGATORS = negators(
  NOT_WORDS, 'without', NEITHER_NOR, 'nothing', 'nothings', 'zero', 'none', 'cannot',
  // Session 9: dialect and texting negators ("mi nah ask fi refund", "it ay damaged", "it aint broken", "it isnt damaged").
  'nah', 'ay', 'aint', 'isnt', 'wasnt', 'nae', 'naw', 'dont', 'didnt', 'doesnt',
  // Session 10: "me nuh want no refund" (Jamaican "not").
  'nuh',
  // Session 32: "nobody hacked anything haha, I just forgot my password", "no one's hacked anything" (tokens no, ones).
  'nobody', 'noone',
  // Session 35: Scots "cannae complain", "canna".
  'cannae', 'canna',
);
/** General questions about a policy, not the customer's own case. */
// (Session 8, speed: two patterns, the opening one anchored, so a long message is not scanned at every position for
// the opening alternatives; the same readings as the one pattern before.)
const GENERAL_QUESTION_START = /^(?:what is|what are|whats|how long (?:do|does|will)|(?:are|do|does|will|when (?:do|does|will|are|is)|how (?:are|is)) (?:the |your )?(?:refunds?|returns?|exchanges?) (?:issued|paid|made|given|sent|processed|credited|go|come|done|take|taken|work|handled)\b|how do|how does|do you (?:offer|give|do|have)|what do you do (?:to|about|against|if|when)|is there a|are there|can i get a|what happens if|what if|if i|if my|if it|where can i (?:read|find|see))\b/;
// (Session 9: "only question", "I just want to know before registration", "how you check fraud?" without "do".)
const GENERAL_QUESTION_WORDS = /\bwhat happens (?:in general )?if\b|\b(?:polic(?:y|ies)|in general|general question|just asking|for the future|planning ahead|before i buy|before ordering|only (?:a )?question|just (?:want|wanted|wanna) to know|before (?:i )?(?:register|registering|registration|sign up|signing up)|i want to buy)\b|^how (?:you|u) \w+/;

// Session 8: what the shop did to the customer is their own case too ("is there a reason you charged me an extra £6?").
// (Session 27, topics: "my" for someone the customer buys for or quotes, "for my flatmate", "My granddaughter says", is not
// their case; "my son's lamp arrived smashed", "my sister and I want our money back" still are.)
const OWN_CASE = /\bmine\b|(?<!\b(?:for|to) )\bmy\b(?! (?:friend|mate|pal|neighbour|neighbor|sister|brother|mum|mom|mam|mother|dad|father|son|daughter|wife|husband|partner|cousin|aunt|auntie|uncle|nan|gran|granny|grandma|grandmother|grandad|grandpa|grandfather|granddaughter|grandson|colleague|coworker|teammate|boss|flatmate|housemate|girlfriend|boyfriend|niece|nephew) (?:says|said|told|thinks|reckons|warned)\b)|\b(?:for|to) my\b(?! (?:friend|mate|pal|neighbour|neighbor|sister|brother|mum|mom|mam|mother|dad|father|son|daughter|wife|husband|partner|cousin|aunt|auntie|uncle|nan|gran|granny|grandma|grandmother|grandad|grandpa|grandfather|granddaughter|grandson|colleague|coworker|teammate|boss|flatmate|housemate|girlfriend|boyfriend|niece|nephew)\b(?! and (?:i|me)\b))|\bi (was|got|have been|received|paid|bought|returned)\b|\b(charged|billed|debited|overcharged|refunded|locked) (me|us)\b|\bdid you (charge|bill|take|lock|delete|cancel) (me|us|my|our)\b|\bme (?:account|order|parcel|card|money|refund|details|address|stuff)\b|\b(?:swore|shouted|yelled|screamed|was rude|were rude|lied) (?:at|to) (?:me|us)\b|\b(?:he|she|they) (?:was|were) (?:so |very |really |extremely |quite )?(?:rude|abusive|aggressive|horrible|nasty)\b|\b(?:do not|dont|no longer) want (?:it|this|that|them) (?:no more|any more|anymore)\b/;
/**
 * Session 22: the customer says in so many words that the question is general or hypothetical ("just in general",
 * "asking for the future", "hypothetically", "out of curiosity"). Then a "my" inside a condition ("if my order came
 * damaged", "if i delete my account") is the hypothetical, not their case (blind writer w36: "how do u handle data if i
 * delete my account, just in general").
 */
const SAID_GENERAL = /\b(?:in general|generally speaking|for the future|for future reference|hypothetical(?:ly)?|out of curiosity|just (?:curious|wondering)|in case (?:it )?ever|if (?:it )?ever)\b/;
const CONDITION = /\b(?:if|when|whenever|in case|should)\b[^?.!,;]*/g;
/** The customer's own case is in the message (OWN_CASE), not only inside a condition of a question said to be general. */
function ownCaseIn(n: string): boolean {
  if (!OWN_CASE.test(n)) return false;
  if (!SAID_GENERAL.test(n)) return true;
  return OWN_CASE.test(n.replace(CONDITION, ' '));
}
// (Session 11: "how do I report your driver, he was so rude", "how do I file something official about the driver who swore
// at me", "how do I get rid of me account, don't want it no more": a "how do I" question about the customer's own case.)
const ASKS_WHAT_THE_SHOP_DOES = /^(do you|is it possible to|can you)\b/;

/**
 * A negator in the four words before the phrase that declines the topic, or null. Only the words of declining may
 * stand between them ("I don't want a refund", "no complaint", "I have no complaint whatsoever", "nothing is broken",
 * "I was not charged twice", "can't complain"); any other word means the negation belongs to another clause or says
 * the thing is missing ("I haven't received my refund", "I can't log in, someone hacked my account", "not sure if the
 * refund went through"), and "still no refund" / "yet no refund" is the case itself.
 */
function negationOf(toks: readonly string[], at: number, absenceIsTheCase = false): string | null {
  let intent = false;
  // (Session 35: five words back, "I do not need to make a complaint": every word between must still be one of declining.)
  for (let k = at - 1; k >= Math.max(0, at - 5); k--) {
    // Session 10: "no, I want a refund", "yeah nah I want my account deleted": a "no" that opens the message (or follows
    // "yes", "ok") and is followed by the customer's own "I" answers what came before; it declines nothing after it.
    if (toks[k] === 'no' && (k === 0 || ANSWER_OPENERS.has(toks[k - 1])) && (toks[k + 1] === 'i' || toks[k + 1] === 'we' || toks[k + 1] === 'just' || toks[k + 1] === 'please')) return null;
    if (NEGATORS.has(toks[k])) {
      if (k > 0 && (toks[k - 1] === 'still' || toks[k - 1] === 'yet')) return null;
      for (let j = at + 1; j < Math.min(toks.length, at + 4); j++) {
        // (Session 12: "at least it's not damaged, but still": a new clause starts, its "still" is not this one's.)
        if (CLAUSE_BREAK.has(toks[j])) break;
        if (toks[j] === 'yet' || toks[j] === 'still') return null;
        // "no refund needed"
        if (j <= at + 2 && (toks[j] === 'needed' || toks[j] === 'wanted' || toks[j] === 'necessary' || toks[j] === 'required')) intent = true;
        // Session 7: a message that opens by declining politely ("No refund please, I keep the dress", "no refund thanks").
        if (k === 0 && j === at + 1 && (toks[j] === 'please' || toks[j] === 'thanks' || toks[j] === 'thank' || toks[j] === 'pls')) intent = true;
        // Session 9: "not a refund, just the label": a correction of what is asked, not a refund missing.
        if (toks[k] === 'not' && (toks[k + 1] === 'a' || toks[k + 1] === 'an') && j === at + 1 && (toks[j] === 'just' || toks[j] === 'only' || toks[j] === 'simply')) intent = true;
      }
      // Session 10: "I want no refund", "me nuh want no refund": a wish just before the negator declines it too.
      if (INTENT.has(ingForm(toks[k - 1] ?? ''))) intent = true;
      // A refund that has not come is the case ("I was not refunded", "no refund"); only "I don't want a refund" declines it.
      if (absenceIsTheCase && !intent) return null;
      return `"${toks[k]}" negates it`;
    }
    if (INTENT.has(ingForm(toks[k])) || toks[k] === 'require' || toks[k] === 'requiring' || toks[k] === 'seeking' || toks[k] === 'expecting' || toks[k] === 'demanding' || toks[k] === 'requesting') intent = true;
    if (!DECLINING.has(ingForm(toks[k]))) return null;
  }
  return null;
}
/** The phrase at `at` is a refund ("refund", "money back"): its absence is the customer's case. */
function absenceIsTheCase(analysis: TextAnalysis, at: number): boolean {
  return conceptKeys(analysis.stems.slice(at, at + 2)).has('~refund');
}
const CLAUSE_BREAK = new Set(['but', 'however', 'though', 'although', 'and']);
const ANSWER_OPENERS = new Set(['yes', 'ok', 'well', 'oh', 'um', 'erm', 'hmm', 'sorry']);
const INTENT = new Set(['ask', 'want', 'wanting', 'wish', 'need', 'looking', 'asking', 'interested', 'after', 'mean', 'plan', 'planning', 'like', 'worried', 'concerned', 'bothered', 'fussed']);
/** Words that may stand between a negator and the topic it declines. */
const DECLINING = new Set([
  'want', 'wanting', 'wish', 'need', 'have', 'has', 'any', 'a', 'an', 'the', 'my', 'real', 'worried', 'concerned', 'bothered', 'fussed',
  'normally', 'usually', 'often', 'ever', 'generally', 'such', 'one', 'to', 'mean', 'plan',
  'planning', 'looking', 'asking', 'for', 'is', 'was', 'were', 'are', 'am', 'be', 'been', 'it', 's', 'about', 'interested', 'in', 'after',
  'going', 'really', 'big', 'major', 'do', 'did', 'does', 'at', 'all', 'again', 'anything', 'make', 'making', 'file', 'raise', 'this',
  'that', 'single', 'whatsoever', 'kind', 'of', 'sort', 'actually', 'even', 'i', 'we', 'you', 'would', 'will', 'like', 'or',
  // Session 9: "mi nah ask fi refund".
  'ask', 'fi', 'fe', 'mi', 'me',
  // Session 32: "no one's hacked anything" (normalised: no ones hacked).
  'ones',
  // Session 16: a wish said formally ("I do not require a refund, nor any other remedy", "not seeking compensation").
  'require', 'requiring', 'seek', 'seeking', 'expect', 'expecting', 'chasing', 'demand', 'demanding', 'request', 'requesting',
]);
/**
 * Session 16: the word as DECLINING and INTENT read it: a dropped final g ("ah'm no wantin a refund", "not lookin for
 * money back", "nae askin") is the -ing form.
 */
const ingForm = (t: string): string => (t.length > 4 && t.endsWith('in') ? `${t}g` : t);
/** Why a phrase hit is not the customer's own case (a general question about a policy), or null when it is. */
function guardOf(analysis: TextAnalysis, at: number): string | null {
  if (at < 0) return null; // an intent hit: the router already read the whole message
  return generalQuestion(analysis);
}

/** A general question about a policy (no own case in it), or null. */
/**
 * Session 8: a greeting or a preamble before the question ("hi, how long do refunds take?", "just a question, for
 * Christmas gifts do you have a longer refund period?"): the question starts after it.
 */
const PREAMBLE = /^(?:(?:hi|hello|hey|hiya|heya|morning|evening|afternoon|good (?:morning|afternoon|evening|day)|hi there|hello there|dear \w+|just a (?:quick )?question|a quick question|quick question|one question|a question|question|sorry|excuse me|please|um|erm|selamat \w+|buenas|bonjour|hallo|namaste|salaam|salam)(?: |$))+(?:(?:for|about|regarding|re) (?:\w+ ){1,3}(?=do you|does|is there|what|how|can))?/;
function generalQuestion(analysis: TextAnalysis): string | null {
  const whole = analysis.normalized;
  const pre = PREAMBLE.exec(whole);
  const n = pre === null || pre[0].length === 0 ? whole : whole.slice(pre[0].length);
  const own = ownCaseIn(n);
  if ((GENERAL_QUESTION_START.test(n) || GENERAL_QUESTION_WORDS.test(n)) && !own) return 'it is a general question about a policy, not the customer\'s own case';
  // Round four: "do you refund shipping costs when someone returns?", "is it possible to delete an account
  // later?", "can you delete an account if someone asks?" ask what the shop does, unless the customer is in it
  // ("can you credit me for the lamp").
  if (ASKS_WHAT_THE_SHOP_DOES.test(n) && !own && !/\b(me|us|our)\b/.test(n)) return 'it is a general question about what the shop does, not the customer\'s own case';
  return null;
}

/**
 * Session 32: whether the customer speaks of themselves (I, me, my, we, us, our) outside the conditions and time clauses
 * of their question ("if I return something", "before I pay", "once it is received"). A general question that does not
 * ("What is the refund time after you receive a return?") asks about the policy, not about the customer's own case.
 */
const CONDITION_OR_TIME = /\b(?:if|when|whenever|in case|should|before|after|once|until|unless)\b[^?.!,;:]*/g;
const FIRST_PERSON: ReadonlySet<string> = new Set(['i', 'im', 'ive', 'id', 'ill', 'me', 'my', 'mine', 'myself', 'we', 'us', 'our', 'ours', 'ourselves', 'mi', 'meh']);
function speaksOfThemselves(analysis: TextAnalysis): boolean {
  const outside = normalizeText(analysis.text.toLowerCase().replace(CONDITION_OR_TIME, ' '));
  return outside.split(' ').some((t) => FIRST_PERSON.has(t));
}

/**
 * Session 32: "is the fraud protection on ur checkout good? just being careful w my card", "fraud awareness question: do
 * you ever ask for my password by email?": the topic's word names the shop's measures against it (the word after it),
 * and the rest of the message tells no case (topicMeaning.fraudWithoutCase: no one else, nothing stolen or unauthorised,
 * no purchase denied, no money taken that should not have been). "I need your fraud team, someone used my card" is a case.
 */
const FRAUD_MEASURES: ReadonlySet<string> = new Set(['protection', 'protections', 'prevention', 'awareness', 'check', 'checks', 'checking', 'detection', 'filter', 'filters', 'measures', 'safeguards', 'tips', 'advice', 'warning', 'warnings']);
function aboutFraudMeasures(tokens: readonly string[], at: number): boolean {
  if (!FRAUD_MEASURES.has(tokens[at + 1] ?? '') && !fraudAwareness(tokens, at)) return false;
  return fraudWithoutCase(tokens.filter((_, i) => i !== at));
}

/**
 * Session 34 (fe, issue 11): fraud as the thing to be careful of, guarded against or told apart, not something that
 * happened: "my nan says to be careful about fraud online, how do you keep card payments safe?", "how do you protect
 * people from fraud on the site?", "is there a way to tell a scam text from a real one?", "is the £5 lamp deal a scam or
 * real?". A word of caution or protection up to four words before the topic's word ("tell" only with "from" after it: "tell
 * you about a scam" is not it), or a deal, offer or site asked to be a scam or real. Never with a past verb of the
 * customer's own exposure (clicked, gave, entered, paid, lost...): "I clicked a scam link, how do I spot one?" is a case.
 */
const CAUTION: ReadonlySet<string> = new Set(['careful', 'aware', 'wary', 'beware', 'watch', 'avoid', 'avoiding', 'protect', 'protects', 'protecting', 'prevent', 'prevents', 'preventing', 'spot', 'spotting', 'guard', 'against', 'safe']);
const OFFERED: ReadonlySet<string> = new Set(['deal', 'deals', 'offer', 'offers', 'sale', 'price', 'prices', 'discount', 'discounts', 'site', 'website', 'voucher', 'code', 'email', 'text', 'advert', 'ad']);
const REAL: ReadonlySet<string> = new Set(['real', 'legit', 'genuine', 'legitimate', 'not', 'true']);
const EXPOSED: ReadonlySet<string> = new Set(['clicked', 'gave', 'given', 'entered', 'typed', 'paid', 'lost', 'sent', 'fell', 'replied', 'happened', 'shared', 'handed', 'victim', 'scammed', 'conned', 'tricked', 'taken']);
function fraudAwareness(tokens: readonly string[], at: number): boolean {
  if (tokens.some((t) => EXPOSED.has(t))) return false;
  for (let k = Math.max(0, at - 4); k < at; k++) {
    const t = tokens[k];
    if (CAUTION.has(t)) return true;
    if (t === 'tell' && tokens.slice(at + 1, at + 6).includes('from')) return true;
  }
  // "is the duvet deal a scam or actually real", "legit or a scam?"
  const after = tokens.slice(at + 1, at + 4);
  const askedReal = (after[0] === 'or' && (REAL.has(after[1] ?? '') || REAL.has(after[2] ?? ''))) || (tokens[at - 1] === 'or' && REAL.has(tokens[at - 2] ?? '')) || (tokens[at - 2] === 'or' && tokens[at - 1] === 'a' && REAL.has(tokens[at - 3] ?? ''));
  return askedReal && tokens.slice(Math.max(0, at - 5), at).some((t) => OFFERED.has(t));
}

/** Session 13: the customer says the question is general ("in general", "just asking", a policy) or asks what the shop does. */
function saidToBeGeneral(analysis: TextAnalysis): boolean {
  const whole = analysis.normalized;
  const pre = PREAMBLE.exec(whole);
  const n = pre === null || pre[0].length === 0 ? whole : whole.slice(pre[0].length);
  if (ownCaseIn(n)) return false;
  return GENERAL_QUESTION_WORDS.test(n) || (ASKS_WHAT_THE_SHOP_DOES.test(n) && !/\b(me|us|our)\b/.test(n));
}

/** Which classifier output reads a designer's topic, from its name and phrases; null for a topic the classifier does not know. */
const TOPIC_WORDS: [TopicOutput, RegExp][] = [
  ['safety', /safe|injur|danger|hazard|hurt|burn|fire/],
  ['fraud', /fraud|scam|unauthori[sz]ed (order|purchase|payment)|stolen card/],
  ['security', /secur|hack|login|log in|password|account access|breach/],
  ['privacy', /privacy|gdpr|personal data|data protection|legal|lawyer|sue/],
  ['billing', /bill|charg|invoice|overcharg|payment error|wrong amount/],
  ['refund', /refund|money back|reimburs/],
  ['cancellation', /cancel|delet|close (my )?account|deactivat/],
  ['complaint', /complain|grievance/],
  ['damaged', /damag|broken|defect|faulty|smashed/],
];
const topicOutputs = new WeakMap<SensitiveTopic, TopicOutput | null>();
export function topicOutputFor(topic: SensitiveTopic): TopicOutput | null {
  let out = topicOutputs.get(topic);
  if (out !== undefined) return out;
  const name = topic.name.toLowerCase();
  out = TOPIC_WORDS.find(([, re]) => re.test(name))?.[0] ?? null;
  if (out === null) {
    const phrases = topic.phrases.join(' | ').toLowerCase();
    out = TOPIC_WORDS.find(([, re]) => re.test(phrases))?.[0] ?? null;
  }
  topicOutputs.set(topic, out);
  return out;
}

/** The word rules: a topic phrase the message contains, or an intent of the topic. */
function ruleSignal(facts: TurnFacts, compiled: CompiledTopic[]): (Signal & { topicIndex: number; at: number }) | null {
  const phraseHit = firstPhraseHit(compiled, facts.analysis);
  const intent = facts.intent;
  const intentNames =
    intent && intent.confidence >= INTENT_CONFIDENCE
      ? [intent.intentName, intent.intentId].filter((n): n is string => n !== null).map((n) => n.toLowerCase())
      : [];
  // Topics before the first phrase hit can still match by intent (each topic checks phrases, then intents).
  const lastTopic = phraseHit === null ? compiled.length - 1 : phraseHit.topic;
  for (let t = 0; t <= lastTopic; t++) {
    const ct = compiled[t];
    if (phraseHit !== null && t === phraseHit.topic) return { ...phraseSignal(facts, ct, ct.phrases[phraseHit.phrase]), topicIndex: t };
    const hit = intentNames.find((n) => ct.intents.has(n));
    if (hit !== undefined && intent) {
      return {
        reason: 'sensitive_topic',
        score: intent.confidence,
        threshold: INTENT_CONFIDENCE,
        evidence: [ct.topic.name, `intent ${intent.intentName ?? hit}`],
        turn: facts.turn,
        source: 'rule',
        explanation: `Sensitive topic "${ct.topic.name}" (intent "${intent.intentName ?? hit}" at ${intent.confidence.toFixed(2)}).`,
        topicIndex: t,
        at: -1,
      };
    }
  }
  return null;
}

/** The signal for a phrase the message contains, quoting the message's words that matched it (`at`: the first word's index). */
function phraseSignal(facts: TurnFacts, ct: CompiledTopic, p: CompiledPhrase): Signal & { at: number } {
  const { tokens } = facts.analysis;
  const keys = conceptKeys(readableStems(facts.analysis.stems, tokens));
  const at = new Set<number>();
  for (const k of p.keys) for (const i of keys.get(k) ?? []) at.add(i);
  const positions = [...at].sort((a, b) => a - b);
  const words = positions.map((i) => tokens[i]);
  return {
    reason: 'sensitive_topic',
    score: 1,
    threshold: 1,
    evidence: [ct.topic.name, ...words],
    turn: facts.turn,
    source: 'rule',
    at: positions[0] ?? 0,
    explanation: `Sensitive topic "${ct.topic.name}" ("${words.join(' ')}" matches "${p.phrase}").`,
  };
}
