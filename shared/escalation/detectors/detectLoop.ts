/**
 * loop: the conversation goes round in circles. Either the customer asks the same question
 * `policy.loop.count` times in all (this message plus earlier ones in `memory.recent`), or says so
 * ("that's not what I asked", "you're not listening"). Two messages are the same question when what they
 * ask about is the same: the Dice overlap of their `questionConcepts` (content-word stems with synonyms
 * folded, typos tolerated) is >= `policy.loop.similarity`, so "how much is delivery to Norway?" and
 * "what's the delivery cost to Norway?" are one question while "are you open on Saturday?" and "are you
 * open on Sunday?" are two, although their letters are 88% alike. Messages with fewer than 2 concepts
 * ("where is my ordr", "my order, where is it") say too little for that and are compared with the NLU
 * `similarity` of the texts instead (typos, word order).
 * Messages under 3 words ("yes", "no", "ok") never count as repeats: customers legitimately say them over
 * and over. Button clicks in between do not break a loop (the engine keeps `memory.recent` across them).
 */
import type { EscalationPolicy } from '../../flow/schema';
import type { EscalationMemory, Signal, TurnFacts } from '../types';
import { similarity } from '../../nlu/similarity';
import { canonicalTokens } from '../canonicalTokens';
import { mayBeSimilar } from '../mayBeSimilar';
import { phraseMatcher } from '../phraseMatcher';
import { analysisConcepts, conceptOverlap, questionConcepts } from '../questionConcepts';

/** Complaints that the bot is looping, as canonical token strings (contractions spelled out). */
const LOOP_PHRASES = [
  'not what i asked', 'not what i am asking', 'not what i was asking', 'not my question', 'you are not listening',
  'you do not listen', 'you never listen', 'you are not understanding', 'you do not understand me',
  'you already said that', 'you said that already', 'you already told me', 'you just said that', 'i already told you',
  'i told you already', 'i have already told you', 'already told you', 'i already said', 'i just said', 'i already asked',
  'i just asked', 'answer my question', 'answer the question', 'same answer', 'same thing again', 'same reply',
  'same response', 'you keep saying', 'keep repeating', 'repeating yourself', 'stop repeating', 'going in circles',
  'go in circles', 'round in circles', 'around in circles', 'going nowhere', 'read my question', 'did not answer my',
  'does not answer my', 'not answering my', 'you are not answering', 'not what i said', 'that is not what i meant',
  // Softened and non-native forms of the same complaint.
  'not quite what i asked', 'not really what i asked', 'not exactly what i asked', 'that not what i ask', 'is not what i ask',
  'not what i ask for', 'not my question', 'you not answer', 'you no understand', 'you not understand', 'that was not my question',
  'wrong answer', 'not the answer i', 'you misunderstood', 'you misunderstand', 'u not listening', 'not listening to me',
  'answered something else', 'answered a different question', 'answering something else', 'answered the wrong', 'my question was about',
  'my question was not', 'that does not answer', 'that did not answer', 'did not answer that', 'you did not answer',
];
const findLoopPhrase = phraseMatcher(LOOP_PHRASES);
/**
 * Markers of asking again in other words ("to put it another way", "once more", "I meant"): a loop when
 * the customer has already asked at least twice before (the re-asking is then the third time).
 */
const REPHRASE_PHRASES = [
  'to put it another way', 'in other words', 'once more', 'one more time', 'i meant', 'what i meant', 'what i am trying to ask',
  'what i am asking', 'i am asking about', 'i am asking', 'i asked', 'i am still not clear', 'still not clear', 'not sure i follow',
  'let me ask again', 'asking again', 'ask again', 'again my question', 'i repeat', 'repeat my question', 'just to ask once more',
  'not quite what i asked', 'not what i ask', 'that not what i ask', 'i ask where', 'i ask you', 'one last time', 'for the third time',
  'third time', 'for the last time',
  // Exasperated re-asking: "i mean can i give the courier cash", "Belgium delivery is possible yes or no?".
  'i mean', 'yes or no', 'simple question', 'still waiting for an answer', 'still no answer',
];
const findRephrase = phraseMatcher(REPHRASE_PHRASES);

export const MIN_REPEAT_TOKENS = 3;

/**
 * Whether a message is kept as an earlier question for loop detection: 3+ words, or a 2-word texting-style
 * question that names a subject ("paypal ok?", "delivery price?"). "yes", "ok thanks", "no idea" name none.
 */
export function isRepeatableQuestion(analysis: TextFacts): boolean {
  const n = analysis.tokens.length;
  if (n >= MIN_REPEAT_TOKENS) return true;
  return n === 2 && analysisConcepts(analysis).length >= 1;
}
type TextFacts = TurnFacts['analysis'];
/**
 * Longer messages are compared for exact repeats only: the NLU similarity grows with the square of the
 * length (~250 µs for two 80-word texts), and near-identical long letters are rare while a pasted repeat is exact.
 */
const MAX_FUZZY_TOKENS = 30;

/** Fewer concepts than this ("refund?", "help me") are too little to call two messages the same question. */
const MIN_CONCEPTS = 2;
/**
 * Three in a row on one subject: when the customer's last three questions (this one and the two just before
 * it) each share at least this Dice overlap of concepts with this one, the customer is asking the same thing in
 * other words ("do you take paypal" / "can I pay with paypal or not" / "is paypal an accepted payment
 * method"), even though no single pair reaches `policy.loop.similarity`. Consecutive only: the same subject
 * coming back after other questions is ordinary.
 */
export const CHAIN_SIMILARITY = 0.5;

function sameQuestion(text: string, concepts: string[], earlier: string, threshold: number): boolean {
  const before = questionConcepts(earlier);
  if (concepts.length >= MIN_CONCEPTS && before.length >= MIN_CONCEPTS) {
    // A tiny tolerance: 2 of {a, b} against {a, b, c} is exactly 0.8 and must count at the default 0.8.
    return conceptOverlap(concepts, before, threshold - 1e-9) >= threshold - 1e-9;
  }
  return mayBeSimilar(text, earlier, threshold) && similarity(text, earlier) >= threshold;
}

function remember(s: Signal): Signal {
  said.add(s);
  return s;
}

/** The earlier questions of a consecutive run on this message's subject (see CHAIN_SIMILARITY), or null. */
function chainOfThree(concepts: string[], recent: readonly string[], count: number): string[] | null {
  const need = count - 1;
  if (concepts.length === 0 || recent.length < need) return null;
  const run = recent.slice(-need);
  const seen = new Set<string>();
  for (const earlier of run) {
    const before = questionConcepts(earlier);
    if (before.length === 0 || conceptOverlap(concepts, before, CHAIN_SIMILARITY) < CHAIN_SIMILARITY) return null;
    for (const c of before) seen.add(c);
  }
  // A new subject in the third message ("return label?" then "return address?") is a new question about the
  // same area, not the same one again (nor is "delivery to Norway?" then "to Denmark?" then "to Sweden?"):
  // every concept of this message must have come up in the two before it.
  if (concepts.some((c) => !seen.has(c))) return null;
  return run;
}

/**
 * Whether this message asks again about the subject of the customer's last question: both name 2+ concepts
 * and share at least 0.6 of them (Dice) ("ship to poland?" / "do you send to Poland"). Used to let a
 * question the bot failed to understand twice become a loop on its third asking instead of a fallback streak.
 */
export function asksSameSubjectAgain(analysis: TextFacts, recent: readonly string[]): boolean {
  if (recent.length === 0 || !isRepeatableQuestion(analysis) || analysis.tokens.length > MAX_FUZZY_TOKENS) return false;
  const concepts = analysisConcepts(analysis);
  const before = questionConcepts(recent[recent.length - 1]);
  if (concepts.length < MIN_CONCEPTS || before.length < MIN_CONCEPTS) return false;
  // More than half alike: {ship, poland} and {ship, norway} (0.5) are two questions.
  return conceptOverlap(concepts, before, SAME_SUBJECT) >= SAME_SUBJECT;
}
const SAME_SUBJECT = 0.6;

/** Loop signals where the customer says the bot is going round in circles (see customerSaysLoop). */
const said = new WeakSet<Signal>();
/**
 * True for a loop signal from the customer's own words ("that's not what I asked"): the customer named the
 * problem, so the policy names it before the negative sentiment the same words carry.
 */
export function customerSaysLoop(s: Signal): boolean {
  return said.has(s);
}

export function detectLoop(facts: TurnFacts, policy: EscalationPolicy, memory: EscalationMemory): Signal | null {
  const cfg = policy.loop;
  const hit = findLoopPhrase(canonicalTokens(facts.analysis));
  if (hit) {
    return remember({
      reason: 'loop',
      score: 1,
      threshold: cfg.count,
      evidence: [hit.phrase],
      turn: facts.turn,
      explanation: `The customer says the bot is going in circles ("${hit.phrase}").`,
    });
  }
  const toks = canonicalTokens(facts.analysis);
  const again = memory.recent.length >= 2 ? findRephrase(toks) : null;
  if (again) {
    return remember({
      reason: 'loop',
      score: 1,
      threshold: cfg.count,
      evidence: [again.phrase],
      turn: facts.turn,
      explanation: `The customer asks again in other words ("${again.phrase}") after ${memory.recent.length} earlier questions.`,
    });
  }
  const text = facts.analysis.normalized;
  const length = facts.analysis.tokens.length;
  if (!isRepeatableQuestion(facts.analysis)) return null;
  let times = 1;
  // From the analysis' own words (shared per message), not by splitting the normalised text again.
  const concepts = length <= MAX_FUZZY_TOKENS ? analysisConcepts(facts.analysis) : [];
  for (const earlier of memory.recent) {
    if (earlier === text) times++;
    else if (length > MAX_FUZZY_TOKENS) continue;
    else if (sameQuestion(text, concepts, earlier, cfg.similarity)) times++;
  }
  if (times < cfg.count) {
    const chain = chainOfThree(concepts, memory.recent, cfg.count);
    if (!chain) return null;
    return {
      reason: 'loop',
      score: 1,
      threshold: cfg.count,
      evidence: [text, ...chain],
      turn: facts.turn,
      explanation: `The customer asked about the same thing ${cfg.count} times in a row in other words ("${chain.join('", "')}" then "${text}").`,
    };
  }
  return {
    reason: 'loop',
    score: 1,
    threshold: cfg.count,
    evidence: [text, `${times} times`],
    turn: facts.turn,
    explanation: `The customer asked the same thing ${times} times ("${text}").`,
  };
}
