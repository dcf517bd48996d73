/**
 * Size limits of the escalation policy's vocabulary (phrase lists, example lists, neverTrigger, sensitive topics),
 * enforced by the flow schema (shared/flow/schema.ts) so `baton validate`, the studio and `baton serve` refuse a
 * flow over them with where and what to do. Why: every entry is checked against the labelled sets' ordinary
 * questions when the flow is validated (a few ms each), and examples are compared with every customer message.
 * Session 5's hostile test: lists of 2-10k entries made validate take 100-200 s and cost 0.1-1 s of CPU per
 * message; one neverTrigger phrase of ~8k words broke every customer message. Real flows use a handful per list
 * (the bundled flows: at most 6). Pure constants.
 */

/** Entries in one list: phrases or neverTrigger of a reason, or of one sensitive topic (intents too). */
export const MAX_POLICY_LIST_ENTRIES = 200;
/**
 * Examples in one list, and in the whole policy. Examples are the expensive kind: each customer message is compared
 * with every example (~2-5 µs each on this machine: 600 examples cost 1.4-2.7 ms per message, test/bench/vocabularyBench.ts),
 * while phrases are looked up by word whatever their number.
 */
export const MAX_EXAMPLES_PER_LIST = 50;
export const MAX_POLICY_EXAMPLES = 200;
/** Sensitive topics in a policy. */
export const MAX_SENSITIVE_TOPICS = 50;
/** Phrases + examples + neverTrigger entries in the whole policy, all lists together. */
export const MAX_POLICY_ENTRIES = 1000;
/** Characters in one phrase or neverTrigger entry (a phrase is a few words, not a paragraph). */
export const MAX_PHRASE_CHARS = 200;
/** Characters in one example message. */
export const MAX_EXAMPLE_CHARS = 500;

export const listLimitHint = (what: string) =>
  `Keep at most ${MAX_POLICY_LIST_ENTRIES} ${what} per list (${MAX_POLICY_ENTRIES} in the whole escalation policy): keep the wordings that really differ; near-identical ones are matched anyway (normalised words, similar examples).`;
export const phraseLengthHint = `Keep a phrase to a few words (at most ${MAX_PHRASE_CHARS} characters): a phrase is matched word for word, so a long one never matches a customer's message.`;
export const exampleListHint = `Keep at most ${MAX_EXAMPLES_PER_LIST} examples per list (${MAX_POLICY_EXAMPLES} in the whole escalation policy): every customer message is compared with every example, so a few that really differ do the work of many; add the distinctive words as phrases instead.`;
export const exampleLengthHint = `Keep an example to one customer message (at most ${MAX_EXAMPLE_CHARS} characters).`;
