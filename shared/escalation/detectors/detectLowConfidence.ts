/**
 * low_confidence: an intent router got the message but the bot cannot tell what the customer wants. Only
 * runs when `facts.intent` is set (the message was classified by an intent router), so free-text questions
 * and button blocks never trigger it. Two cases:
 *
 *  1. Vague: the message has no content beyond vague references ("it's about my thing", "the stuff from
 *     before", "that other problem", "hmm so about that"). Whatever the matcher says, there is nothing to
 *     route on (it may even match "thing" to an item intent), and a person can ask what it is about.
 *  2. Torn: confidence is under the designer's threshold because two intents fit about equally well
 *     (the runner-up scores at least TORN_RATIO of the best, and the best at least MIN_PARTIAL): the bot
 *     has readings but cannot choose ("my parcel came but it's the wrong one, can I send it back or swap
 *     it?").
 *
 * A weak match to a single intent ("do you price match?" sharing only "price" with shipping costs) is
 * NOT low confidence: the bot did not understand, which is a fallback and counts towards
 * `repeated_fallback`. Escalating on it would hand over on the first off-topic question, and the fallback
 * streak the designer set would never matter. The same holds for messages that match nothing at all.
 */
import type { EscalationPolicy } from '../../flow/schema';
import type { EscalationMemory, Signal, TurnFacts } from '../types';
import { canonicalTokens } from '../canonicalTokens';
import { isStopWord } from '../../nlu/stopWords';

const MIN_PARTIAL = 0.3;
const TORN_RATIO = 0.55;
const TORN_MAX_WORDS = 25;
/** Score of a vague message: as sure as a near-zero confidence, since there is nothing to match. */
const VAGUE_SCORE = 0.9;

/** Nouns that refer to something without saying what it is. */
const VAGUE_NOUNS = new Set([
  'thing', 'things', 'stuff', 'something', 'anything', 'problem', 'problems', 'issue', 'issues', 'matter',
  'matters', 'question', 'questions', 'query', 'queries', 'item', 'items', 'product', 'situation', 'case',
  'concern', 'business', 'whatsit', 'thingy', 'subject', 'topic',
]);
/** Pronouns that refer vaguely only in a frame: "about that", "regarding it", "what happened". */
const VAGUE_PRONOUNS = new Set(['it', 'that', 'this', 'what', 'one']);
const ABOUT = new Set(['about', 'regarding', 're', 'concerning', 'with']);
const HAPPENED = new Set(['happened', 'happen', 'mentioned', 'said', 'told', 'wrote', 'discussed', 'talked']);
/** Words that add nothing to what the message is about. */
const FILLER = new Set([
  'about', 'regarding', 're', 'concerning', 'hmm', 'hm', 'um', 'uh', 'erm', 'er', 'so', 'well', 'ok', 'okay',
  'yes', 'know', 'mean', 'before', 'earlier', 'yesterday', 'last', 'week', 'month', 'day', 'time', 'ago',
  'other', 'another', 'same', 'whatever', 'happened', 'happen', 'mentioned', 'said', 'told', 'wrote',
  'discussed', 'talked', 'asked', 'quick', 'little', 'small', 'bit', 'still', 'again', 'hi', 'hello', 'hey',
  'there', 'here', 'not', 'sure', 'how', 'explain', 'remember', 'recall', 'previous',
  'previously', 'already', 'you', 'we', 'old',
  // Politeness and small talk around a vague reference ("I was hoping you might help me with the matter from before").
  'hoping', 'hope', 'hoped', 'might', 'help', 'wondered', 'wondering', 'wonder', 'just', 'following', 'follow', 'up', 'getting',
  'touch', 'afraid', 'usual', 'thought', 'think', 'better', 'ask', 'asking', 'get', 'back', 'sorry', 'please', 'thanks', 'again',
  'sister', 'brother', 'mum', 'dad', 'wife', 'husband', 'friend', 'law', 'son', 'daughter', 'neighbour', 'colleague', 'mentioned',
  'other', 'couple', 'days', 'weeks', 'contact', 'contacting', 'writing', 'reaching', 'out', 'regards', 'kind', 'idk', 'dunno',
]);

/** The vague words of a content-free message, or null when the message says what it is about. */
function vagueWords(toks: string[]): string[] | null {
  const vague: string[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (VAGUE_NOUNS.has(t)) vague.push(t);
    else if (VAGUE_PRONOUNS.has(t) && (ABOUT.has(toks[i - 1] ?? '') || HAPPENED.has(toks[i + 1] ?? ''))) vague.push(t);
    else if (!FILLER.has(t) && !VAGUE_PRONOUNS.has(t) && !isStopWord(t)) return null;
  }
  return vague.length > 0 ? vague : null;
}

export function detectLowConfidence(facts: TurnFacts, policy: EscalationPolicy, _memory: EscalationMemory): Signal | null {
  const intent = facts.intent;
  if (intent === null) return null;
  const threshold = policy.lowConfidence.threshold;
  const toks = canonicalTokens(facts.analysis);
  const vague = toks.length > 0 && toks.length <= 20 ? vagueWords(toks) : null;
  if (vague !== null) {
    return {
      reason: 'low_confidence',
      score: VAGUE_SCORE,
      threshold,
      evidence: vague,
      turn: facts.turn,
      explanation: `The message is too vague to tell what the customer wants (only ${vague.map((w) => `"${w}"`).join(', ')}).`,
    };
  }
  if (intent.intentId === null || !(intent.confidence < threshold)) return null;
  // A long message shares a few words with several intents by chance ("I got it Monday, thanks, the
  // delivery was quick"): two partial readings there are not a customer torn between two requests.
  if (toks.length > TORN_MAX_WORDS) return null;
  const [best, second] = intent.ranking;
  if (best === undefined || second === undefined || best.score < MIN_PARTIAL || second.score < TORN_RATIO * best.score) return null;
  const conf = intent.confidence.toFixed(2);
  return {
    reason: 'low_confidence',
    score: Math.max(0, Math.min(1, 1 - intent.confidence)),
    threshold,
    evidence: [best.intentName, second.intentName, conf],
    turn: facts.turn,
    explanation: `Low intent confidence: "${best.intentName}" (${best.score.toFixed(2)}) and "${second.intentName}" (${second.score.toFixed(2)}) fit about equally, confidence ${conf} < ${threshold}.`,
  };
}
