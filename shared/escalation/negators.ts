/**
 * Session 45 (tidy2, review of session 44): the words that negate what follows, one vocabulary for the escalation
 * readers. Each reader had its own set spelled out (eight of them by session 44), each slightly different. What they
 * share is here; each reader's set is built from these groups and keeps exactly the words it had, because the
 * differences are decisions each reader was tuned with (adding "nothing" to the explicit-request reader, or "without"
 * to the shouted-complaint one, would change what they decide, and needs its own escrfEval pass):
 *
 * - every reader: NOT_WORDS (not, no, never);
 * - NEGATIVE_PRONOUNS (nobody, nothing, none): "nobody helped", "nothing works", "none came";
 * - NEITHER_NOR: the feature scope, the explicit request and the sensitive topic negate with them;
 * - the rest stays with its reader: Scots "nae" (urgency, sensitive topic), contractions written without an apostrophe
 *   ("isnt", "arent": hazardNow; "dont", "didnt"...: sensitive topic), dialect and texting ("nah", "ay", "nuh"...),
 *   the symptom frame's "nobodys" / "noone".
 *
 * Kept apart on purpose: shared/nlu/sentiment.ts's NEGATE is VADER's published list (with its apostrophe forms, and
 * "rarely", "seldom", "despite"), read by VADER's own rules; topicMeaning's DISOWNED_NEGATORS and FRAUD_NEGATORS are
 * token gates of one frame each; detectLoop's and detectSensitiveTopic's negation patterns are phrases, not words.
 */

/** Negate in every reader. */
export const NOT_WORDS = ['not', 'no', 'never'] as const;
/** "nobody helped", "nothing works", "none came". */
export const NEGATIVE_PRONOUNS = ['nobody', 'nothing', 'none'] as const;
/** "neither ... nor". */
export const NEITHER_NOR = ['neither', 'nor'] as const;

/** A reader's negation set: the groups and words given, as one set (membership only: the readers ask `has`). */
export function negators(...parts: ReadonlyArray<string | readonly string[]>): ReadonlySet<string> {
  return new Set(parts.flat());
}

/** Whether a word of `neg` stands within `span` tokens before token `at` of `toks` (the readers' "negated just before"). */
export function negatedWithin(toks: readonly string[], at: number, neg: ReadonlySet<string>, span = 3): boolean {
  for (let k = Math.max(0, at - span); k < at; k++) if (neg.has(toks[k]!)) return true;
  return false;
}
