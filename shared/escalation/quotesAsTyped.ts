/**
 * Session 28 (newcomer s27 G5 rest): explanations quote the words a detector read, and detectors read the normalised
 * text (lower-cased, "hasn't" as "has not", "u" as "you"). Shown to a designer or an agent beside the customer's
 * message, "tonight at 6 and the balloon arch has not come i need it today" reads as if the customer had typed it. Each
 * quoted span of an explanation that is a run of the message's own words is shown as the customer typed it ("Tonight
 * at 6 and the balloon arch hasn't come, I need it TODAY"); a quote that is not (a rule's wording, a designer phrase, a
 * word the normaliser made from a symbol) is left as it is. Display only: decisions, tests and corpora keep the
 * normalised evidence.
 */
import { normalizeText } from '../nlu/normalizeText';
import { quotable } from '../engine/unicodeText';

const QUOTED = /"([^"\n]{1,400})"/g;
const EDGE = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
/**
 * Session 30 (hostile s29 H6): a word of the typed message is a run of letters and digits (with inner apostrophes:
 * "hasn't"), not its whole space-separated chunk: "today-->call-+44-7700-900123-for-a-refund<--tonight" was quoted whole
 * for "today", so a customer wrote their own text into the account an agent reads of why the chat came to her.
 */
const PIECE = /[\p{L}\p{N}\p{M}]+(?:['\u2019][\p{L}\p{N}\p{M}]+)*/gu;
/** A typed quote longer than this many characters over its normalised words is not shown (the normalised one is). */
const SLACK = 20;

interface Typed {
  /** The normalised words of the message, in order. */
  words: string[];
  /** For each word, the letters and digits of the typed message it came from: [start, end). */
  from: Array<[number, number]>;
}

function typedWords(typed: string): Typed {
  const words: string[] = [];
  const from: Array<[number, number]> = [];
  for (const m of typed.matchAll(PIECE)) {
    const start = m.index ?? 0;
    for (const w of normalizeText(m[0]).split(' ')) {
      if (w === '') continue;
      words.push(w);
      from.push([start, start + m[0].length]);
    }
  }
  return { words, from };
}

/** The typed text of the words `quote` names, or null when they are not a run of the message's words. */
export function asTyped(quote: string, typed: string, index: Typed = typedWords(typed)): string | null {
  const q = normalizeText(quote).split(' ').filter((w) => w !== '');
  const { words, from } = index;
  if (q.length === 0 || q.length > words.length) return null;
  outer: for (let i = 0; i + q.length <= words.length; i++) {
    for (let j = 0; j < q.length; j++) if (words[i + j] !== q[j]) continue outer;
    // Between the words, what the customer typed (punctuation, spacing) is kept, but only so much of it, without control
    // or direction characters, and with their double quotes as single ones (the explanation's own quotes must pair).
    const shown = quotable(typed.slice(from[i][0], from[i + q.length - 1][1])).replace(EDGE, '').replace(/\s+/g, ' ').replace(/"/g, "'");
    return shown === '' || shown.length > quote.length * 2 + SLACK ? null : shown;
  }
  return null;
}

/** `explanation` with each quote of the message's own words as the customer typed them (see the file's comment). */
export function quotesAsTyped(explanation: string, typed: string): string {
  return quotesAsTypedIn(explanation, [typed]);
}

/** As `quotesAsTyped`, when which message a signal read is not known: the newest of `typed` that has the quote wins. */
export function quotesAsTypedIn(explanation: string, typed: readonly string[]): string {
  if (!explanation.includes('"')) return explanation;
  const indexes = new Map<string, Typed>();
  return explanation.replace(QUOTED, (whole, quote: string, at: number) => {
    // The designer's phrase a quote matched ("... matches "refund"") is the flow's wording, not the customer's.
    if (explanation.slice(Math.max(0, at - 8), at) === 'matches ') return whole;
    for (let i = typed.length - 1; i >= 0; i--) {
      const t = typed[i];
      if (t === '') continue;
      let index = indexes.get(t);
      if (index === undefined) indexes.set(t, (index = typedWords(t)));
      const shown = asTyped(quote, t, index);
      if (shown !== null) return `"${shown}"`;
    }
    return whole;
  });
}
