/**
 * Session 12 (escloop): which intent the bot understood for each of the customer's latest messages, kept in the
 * escalation memory (`EscalationMemory.intents`, newest last), so the loop detector sees a customer asking for the same
 * thing again while the bot ANSWERS each time: the same intent matched, so there is no fallback, and the rewording is
 * one the concept rules do not link ("when are you open?" / "what are your opening hours" / "what time does customer
 * service close": the opening hours, three times in a row). See detectLoop's `sameIntentAgain` for the rule that reads it.
 *
 * One entry per customer message the policy read: the intent's name when the bot understood the message as that intent
 * (an intent matched, not a fallback) and the message is a question that can be repeated (isRepeatableQuestion, the
 * same test that puts it in `memory.recent`); '' otherwise (a thanks, an answer to a question block, a fallback), which
 * breaks a run. Memories written before this field load as they are (no entries: no run).
 */
import type { EscalationAction, EscalationMemory, TurnFacts } from './types';
import { isRepeatableQuestion } from './detectors/detectLoop';

/** Entries kept (the loop count is at most this + 1 in any flow worth having; like the memory's other lists). */
export const INTENT_MEMORY = 6;

/**
 * The entry for a message of emoji alone the bot could not use (not an intent name: those never start with a colon). The
 * repeated-fallback detector reads it: a friendly emoji as the customer's first message counts nothing by itself (a smile
 * back at the greeting), but emoji alone twice in a row say the customer had nothing the bot could use both times.
 */
export const EMOJI_ONLY = ':emoji';
/** Emoji (and marks) alone: no letter, no digit, a pictograph. */
export function emojiOnly(text: string): boolean {
  return !/[\p{L}\p{N}]/u.test(text) && /\p{Extended_Pictographic}/u.test(text);
}

/**
 * The entry for a question the bot took as the answer to its own question (a Question block waiting for an order number or
 * an address: no intent is matched there, and the block used the text), e.g. "I know it says delivered, I'm asking which
 * place they put it" to "What's your order number?". Not an intent either: the loop detector counts it as an asking the
 * bot did something with, like an understood one (detectLoop streakLoop).
 */
export const TAKEN_AS_ANSWER = ':answer';

/**
 * Session 15 (escconv): the entry for an answer to the bot's own question that did not fit and asked nothing
 * (evaluateEscalation's answerOnly): not counted as a fallback once; a second such answer in a row is the customer stuck
 * at that question, and both count. Read like '' (no intent) everywhere else.
 */
export const ANSWER_DID_NOT_FIT = ':unfit';
/** The same, for an answer that would have counted half (a clear question about the shop: detectRepeatedFallback.fallbackWeight). */
export const ANSWER_DID_NOT_FIT_HALF = ':unfit-half';
/**
 * Session 16 (escconv): the entry for a message the bot could not use that counted towards the fallback streak and reads
 * off-topic for the shop (in-domain score under IN_SHOP_REQUEST: "whats the weather like in leeds", "can you book me a
 * taxi", a key mash). The bot's not-understood reply was the only answer such a message could get, so an acknowledgement
 * after it ("ok. can you recommend a hotel then") takes no answer and does not close the misses (see
 * detectRepeatedFallback.acknowledgedFirst). Read like '' (no intent) everywhere else.
 */
export const OFF_TOPIC_MISS = ':off';
/** In-domain score (inDomain/inDomainScore.ts) under which a counted miss is OFF_TOPIC_MISS. */
export const IN_SHOP_REQUEST = 0.2;
/** Whether one of the streak's last `fallbacksInRow` entries (all inside the streak) is an off-topic miss. */
export function offTopicMissInStreak(memory: Pick<EscalationMemory, 'intents' | 'fallbacksInRow'>): boolean {
  const intents = memory.intents;
  if (intents === undefined || memory.fallbacksInRow <= 0) return false;
  for (let i = Math.max(0, intents.length - memory.fallbacksInRow); i < intents.length; i++) if (intents[i] === OFF_TOPIC_MISS) return true;
  return false;
}
/** Whether a memory entry names no intent the bot understood ('' or one of the colon entries that are not answers taken). */
export const noIntent = (entry: string): boolean => entry === '' || entry === EMOJI_ONLY || entry === OFF_TOPIC_MISS || didNotFit(entry);

/** Whether a memory entry is one of the two above. */
export const didNotFit = (entry: string | undefined): boolean => entry === ANSWER_DID_NOT_FIT || entry === ANSWER_DID_NOT_FIT_HALF;

/** The intent this message was understood as, for the memory ('' when none: see the file's comment). */
export function intentEntry(facts: Pick<TurnFacts, 'intent' | 'fallback' | 'analysis'>): string {
  const name = facts.intent?.intentName;
  if (facts.fallback && emojiOnly(facts.analysis.text)) return EMOJI_ONLY;
  if (facts.fallback) return '';
  if (name === null || name === undefined || name === '') return facts.intent === null && isRepeatableQuestion(facts.analysis) ? TAKEN_AS_ANSWER : '';
  return isRepeatableQuestion(facts.analysis) ? name : '';
}

/**
 * The memory to keep after a message (evaluateEscalation returns it): `after`, the rest of the new memory, with this message's intent entry added
 * to `before.intents`. A handoff starts a clean slate (evaluateEscalation already reset the rest), and a conversation
 * that never had an understood question keeps its memory as it was (no field).
 */
export function withTurnIntent(
  before: EscalationMemory,
  after: EscalationMemory,
  facts: Pick<TurnFacts, 'intent' | 'fallback' | 'analysis'>,
  action: EscalationAction,
  unfit: 0 | 0.5 | 1 = 0,
  /** Session 16: the message counted towards the fallback streak and reads off-topic for the shop (OFF_TOPIC_MISS). */
  offTopicMiss = false,
): EscalationMemory {
  if (action === 'handoff') return after;
  const earlier = before.intents ?? [];
  const entry = unfit !== 0 ? (unfit === 0.5 ? ANSWER_DID_NOT_FIT_HALF : ANSWER_DID_NOT_FIT) : offTopicMiss ? OFF_TOPIC_MISS : intentEntry(facts);
  if (entry === '' && earlier.length === 0) return after;
  const intents = earlier.length >= INTENT_MEMORY ? [...earlier.slice(1 - INTENT_MEMORY), entry] : [...earlier, entry];
  // The same object as `{ ...after, intents }` (a memory has no `__proto__` field), without V8's slow path for a field
  // added to a spread's copy on node 20 (session 31 perf; embeddedStore.ts copyOf).
  const out = Object.assign({}, after);
  out.intents = intents;
  return out;
}
