/**
 * The sentiment the escalation policy acts on: the NLU score pushed further down by what VADER-style scores
 * under-weight in a support chat: insults aimed at the bot ("useless", "stupid bot"; "a joke" is scored by
 * the NLU phrases "is a joke", "what a joke", so "tell me a joke" stays neutral), profanity, and
 * exasperated punctuation ("?!", "!!!"). Each distinct hit lowers the score by 0.1, at most 0.3 in total,
 * so a boost can tip a borderline complaint over the threshold but never turns praise into anger.
 * It is also the value stored in `EscalationMemory.sentiments` for the trend rule.
 */
import type { TextAnalysis } from '../nlu/types';
import { canonicalTokens, hasGateWord, tokenGate } from './canonicalTokens';

const INSULTS = new Set([
  'useless', 'stupid', 'dumb', 'idiot', 'idiotic', 'moron', 'moronic', 'pathetic', 'garbage', 'rubbish', 'trash',
  'worthless', 'incompetent', 'ridiculous', 'clueless', 'hopeless', 'brainless', 'unhelpful', 'worst',
]);
const PROFANITY = new Set([
  'fuck', 'fucking', 'fuckin', 'fucked', 'fck', 'fk', 'shit', 'shitty', 'crap', 'crappy', 'damn', 'dammit',
  'bullshit', 'wtf', 'ffs', 'bloody', 'ass', 'asshole', 'bastard', 'piss', 'pissed', 'sucks', 'screw', 'hell',
]);
/** Session 24 (speed): both lists in one Set, one look-up per token. */
const INSULT_OR_PROFANITY = new Set([...INSULTS, ...PROFANITY]);
const INSULTING_WORDS = tokenGate(INSULT_OR_PROFANITY);
const EXASPERATED = /\?!|!\?|!{3,}|\?{3,}/;
const STEP = 0.1;
const MAX_BOOST = 0.3;

/**
 * Session 43 (policy1): the message's first insult or swear word (not negated: "not useless"), or null. Read by the
 * rule for a complaint the flow understood (complaintFirst.ts): abuse is a strong complaint, handed over at once.
 */
export function insultOrSwear(analysis: TextAnalysis): string | null {
  if (effectiveSentiment(analysis).words.length === 0) return null;
  for (const w of effectiveSentiment(analysis).words) if (INSULT_OR_PROFANITY.has(w)) return w;
  return null;
}

export interface EffectiveSentiment {
  /** -1..1 after boosts. */
  score: number;
  /** The NLU score before boosts. */
  base: number;
  /** Words (and punctuation) that pulled it down, for explanations; no duplicates. */
  words: string[];
}

/** The detector and the memory update both need it for the same message: compute once per analysis. */
const cache = new WeakMap<TextAnalysis, EffectiveSentiment>();

export function effectiveSentiment(analysis: TextAnalysis): EffectiveSentiment {
  const hit = cache.get(analysis);
  if (hit) return hit;
  const base = analysis.sentiment.score;
  const words: string[] = [];
  let boost = 0;
  const toks = canonicalTokens(analysis);
  // (Session 24, speed: a message with no insult or profanity, most, skips the pass.)
  const insulting = hasGateWord(toks, INSULTING_WORDS);
  for (let i = 0; insulting && i < toks.length; i++) {
    const t = toks[i];
    if (INSULT_OR_PROFANITY.has(t) && !words.includes(t)) {
      // "not useless" / "no joke" are not insults.
      const prev = toks[i - 1];
      if (prev === 'not' || prev === 'no') continue;
      // Session 9: "bad ass boots" is praise (the NLU's slang frame), not profanity.
      if (t === 'ass' && prev === 'bad' && !analysis.sentiment.negativeWords.includes('bad')) continue;
      words.push(t);
      boost += STEP;
    }
  }
  const punct = EXASPERATED.exec(analysis.text);
  if (punct) {
    words.push(punct[0]);
    boost += STEP;
  }
  for (const w of analysis.sentiment.negativeWords) if (!words.includes(w)) words.push(w);
  const score = Math.max(-1, base - Math.min(boost, MAX_BOOST));
  const result = { score, base, words };
  cache.set(analysis, result);
  return result;
}
