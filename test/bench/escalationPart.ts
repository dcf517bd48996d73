/**
 * Session 37 (fe): which detector part decided an escalation, as a label from a closed list, for reports that must show
 * no customer text (the kept-out sets: keptOutReport.ts) and for the development corpora (escrfEval.ts).
 *
 * A label is `reason / part`, where the part is one of the fixed names below, chosen by the deciding signal's source
 * and the code-written opening of its explanation (never its quoted words): the fallback counter, the learned loop
 * model, the loop's word rules, the classifier (with its output name), a sensitive topic's phrase list or meaning
 * reading (with the topic's name from the flow, and the meaning's fixed description), urgency's deadline or words,
 * sentiment's lexicon score or one of its named patterns, the designer's phrases or examples. An explanation no pattern
 * knows gives `reason / <source> / other`: nothing of the message is ever copied into a label.
 */
import type { Signal } from '../../shared/escalation/types';

/** The escalation (or clarifying question) a corpus counts: its reason and the signals of its turn. */
export interface DecidedEscalation {
  reason: string;
  signals?: readonly Signal[];
}

/** [pattern on the explanation, part name]: first match wins. Patterns match code-written words only. */
const PARTS: readonly (readonly [RegExp, string])[] = [
  // repeated fallback: the counter of messages the bot could not use, with what counted them
  [/^The bot did not understand \d+ messages in a row, \d+ of them clear questions about the shop/, 'fallback counter (shop questions asked again)'],
  [/^The bot did not understand .*The last asks again what opened the streak/, 'fallback counter (off-topic request asked again)'],
  [/^The bot did not understand .*The last one matched .* reads as off-topic for the shop/, 'fallback counter (matched intent read off-topic)'],
  [/^The bot did not understand \d+ messages in a row/, 'fallback counter'],
  // loop: the learned same-request model, or a word rule
  // Session 44 (loop2): detectLoop's restatementChain (its explanation names the model too, so it comes first).
  [/each asking restating the one before/, 'learned loop model: chain of restatements'],
  [/the learned same-request model links/, 'learned loop model'],
  [/^The customer asked about the same thing \d+ times and the bot could not answer any of them/, 'loop rule: unanswered askings on one subject'],
  [/^The customer asked about the same thing \d+ times and the bot answered the first/, 'loop rule: answered, then asked again'],
  [/^The customer asked about the same thing \d+ times in a row in other words/, 'loop rule: chain of rewordings'],
  [/^The customer says the bot is going in circles/, 'loop rule: customer names the loop'],
  [/^The customer says the bot is not answering the question/, 'loop rule: customer says not answered'],
  [/^The customer says the bot answered something else/, 'loop rule: customer corrects the answer'],
  [/^The customer asks again in other words/, 'loop rule: rephrasing words'],
  [/^The customer asks again \(/, 'loop rule: asks-again marker'],
  [/^The customer gave .* times and the bot still could not use the message/, 'loop rule: same detail given again'],
  [/^The customer asked the same thing \d+ times, adding or dropping details/, 'loop rule: adding or dropping details'],
  [/^The customer asked where the order is \d+ times/, 'loop rule: tracking in other words'],
  [/^The customer asked the same thing \d+ times: they said/, 'loop rule: customer says it restates'],
  [/^The customer asked for .* times in a row with nothing new/, 'loop rule: intent repeated, answered each time'],
  [/^The customer asked for .* times in a row, and the bot took/, 'loop rule: intent repeated, taken as an answer'],
  [/^The customer asked .* times in other words/, 'loop rule: request family in other words'],
  [/^The customer asked the same thing \d+ times/, 'loop rule: exact repeats'],
  // explicit request
  [/^The customer asked for a person: the classifier/, 'classifier'],
  [/^The customer asked for a person/, 'rule: asked for a person'],
  // urgency
  [/^Urgency, /, 'rule: self-harm / crisis'],
  [/^Urgency: a deadline/, 'rule: deadline on the clock'],
  [/^Urgency: a product hurting someone happening as the customer writes/, 'rule: a safety case happening now'],
  [/^Urgency: the classifier/, 'classifier'],
  [/^Urgency \(/, 'rule: urgent words'],
  // negative sentiment
  [/^Negative sentiment for \d+ messages in a row/, 'rule: lexicon score, trend'],
  [/^Negative sentiment: the message reads as/, 'rule: lexicon score'],
  [/^Negative sentiment: the classifier/, 'classifier'],
  [/^Negative sentiment: an angry emoji/, 'rule: angry emoji'],
  [/^Negative sentiment: praise that the message's own facts contradict/, 'rule: sarcasm'],
  [/^Negative sentiment: the message is shouted/, 'rule: shouting'],
  [/^Negative sentiment: /, 'rule: pattern without a classic negative word'],
  // low confidence
  [/^The message is too vague to tell what the customer wants \(it reads like the vague first messages/, 'learned vague-message score'],
  [/^The message is too vague/, 'rule: vague words'],
  [/^The first message names nothing the bot could act on/, 'rule: first message names nothing'],
  [/^Low intent confidence/, 'intent confidence'],
  [/^The customer cannot decide between two requests/, 'intent confidence (two requests)'],
];

/** The meaning readings of sensitive topics: their fixed descriptions (topicMeaning.ts), not the customer's words. */
const MEANING = /^Sensitive topic "([^"]{1,60})" by meaning: ([a-z][a-z ,'/-]{0,160}?) \("/;
const TOPIC_PHRASE = /^Sensitive topic "([^"]{1,60})" \(".*" matches "/;
const TOPIC_INTENT = /^Sensitive topic "([^"]{1,60})" \(intent "/;
const TOPIC_CLASSIFIER = /^Sensitive topic "([^"]{1,60})": the classifier/;

/**
 * The deciding signal: the first signal of the escalation's reason (what the supervisor order names), or null.
 */
export function decidingSignal(e: DecidedEscalation): Signal | null {
  return e.signals?.find((s) => s.reason === e.reason) ?? null;
}

/** `reason / part` for an escalation, from a closed list of names (see the file's comment). */
export function escalationPart(e: DecidedEscalation, topicNames: ReadonlySet<string>): string {
  const s = decidingSignal(e);
  if (s === null) return `${e.reason} / no signal`;
  const text = s.explanation;
  if (s.source === 'designer') return `${e.reason} / designer phrase or example`;
  if (e.reason === 'sensitive_topic') {
    // A topic name is the flow's (checked against the flow's list), never the message's.
    const topic = (m: RegExpExecArray | null) => (m && topicNames.has(m[1]) ? m[1] : 'a topic');
    const meaning = MEANING.exec(text);
    if (meaning) return `sensitive_topic / rule by meaning (${topic(meaning)}): ${meaning[2]}`;
    const phrase = TOPIC_PHRASE.exec(text);
    if (phrase) return `sensitive_topic / rule: topic phrase (${topic(phrase)})`;
    const intent = TOPIC_INTENT.exec(text);
    if (intent) return `sensitive_topic / intent (${topic(intent)})`;
    const cls = TOPIC_CLASSIFIER.exec(text);
    if (cls) return `sensitive_topic / classifier (${topic(cls)})`;
  }
  for (const [re, name] of PARTS) if (re.test(text)) return `${e.reason} / ${name}`;
  return `${e.reason} / ${s.source ?? 'rule'} / other`;
}

/** Counts of parts, largest first, as table rows (`| part | n |`). */
/** The parts and their counts, most first (ties by name). */
export function partRows(counts: ReadonlyMap<string, number>): [string, number][] {
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}
export function partTable(counts: ReadonlyMap<string, number>): string[] {
  return partRows(counts).map(([part, n]) => `| ${part} | ${n} |`);
}
