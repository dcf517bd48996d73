/**
 * Session 31 (brief answers item 1): a customer who corrects a reference they just typed ("where is my order NW-1 sorry
 * I mean NW-2", "NW-250778, no wait, NW-250779", "NW-250778 sorry NW-250779") means the LAST one. At "What's your
 * question?" such a message got "Sorry, I didn't get that": the router matched the words "sorry I mean" and the number
 * typed by mistake with the request (0.15 for track_order where "where is my order NW-2" reads 0.61), and an order number
 * alone with "no wait" or "sorry" beside it was no order number alone.
 *
 * The mechanism: between two reference-shaped runs (an order number, "NW-2", "#12345"), a gap made only of the words of
 * a correction ("sorry", "I mean", "no wait", "actually", "correction", "oops", "my bad", "make that", "scratch that", with
 * fillers such as "it's", "the order", "number", "should be") and at least one of those markers says the first run is
 * taken back. `withoutCorrected` drops the first run and the gap, so what is left reads as if typed right the first time
 * ("where is my order NW-2"). Only the reading of the request and of the reference uses it (the router's match, the
 * order number taken from the conversation); the escalation policy reads the message as typed. Pure.
 *
 * Not a correction: "NW-1 and NW-2" (named together: question.ts lists them), "NW-1, sorry and NW-2" ("and" is no word
 * of a correction), "NW-1 was the old one, this is NW-2" (words other than a correction's between them).
 */
import { matchesOf } from './matchesOf';

/** A reference-shaped run: letters and a digit ("NW-2", "NW-250778", "AB12"), "#" and digits, or three digits or more. */
const REF = /#\s?\d+\b|\b[A-Za-z]{1,4}-?\d[\dA-Za-z-]*|\b\d{3,}[\dA-Za-z-]*/g;

/** The words that take back what was just typed: at least one of them must be in the gap. */
const MARKER = /(?:^| )(?:sorry|i mean|i meant|meant|no wait|wait|hang on|actually|correction|corrected|typo|oops|whoops|my bad|my mistake|make that|scratch that|wrong one|wrong number|wrong)(?= |$)/;
/** The words a correction may hold besides its markers ("sorry, I mean it's order NW-2", "oh wait, that should be"). */
const GAP_WORDS: ReadonlySet<string> = new Set([
  'sorry', 'i', 'mean', 'meant', 'no', 'wait', 'hang', 'on', 'actually', 'correction', 'corrected', 'typo', 'oops', 'whoops', 'my',
  'bad', 'mistake', 'make', 'that', 'scratch', 'wrong', 'one', 'number', 'oh', 'ah', 'um', 'erm', 'er', 'its', "it's", 'it', 'is',
  'should', 'be', 'the', 'order', 'was', 'sry', 'soz',
]);
/** A correction is a few words: longer text between two references says something of its own. */
const MAX_GAP_WORDS = 7;

/** Whether the text between two references is only a correction ("sorry I mean", ", no wait, "). */
export function isCorrectionGap(gap: string): boolean {
  const words = gap
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[^\p{L}\p{N}'\s]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
  if (words.length === 0 || words.length > MAX_GAP_WORDS || !words.every((w) => GAP_WORDS.has(w))) return false;
  return MARKER.test(words.join(' ').replace(/'/g, ''));
}

/**
 * `text` without each reference the customer took back and the correction after it ("where is my order NW-1 sorry I
 * mean NW-2" -> "where is my order NW-2"; "NW-1 sorry NW-2 no wait NW-3" -> "NW-3"). The same string when there is none.
 */
export function withoutCorrected(text: string): string {
  if (!/\d/.test(text)) return text;
  const refs: { at: number; end: number }[] = [];
  for (const m of matchesOf(text, REF)) refs.push({ at: m.index, end: m.index + m[0].length });
  if (refs.length < 2) return text;
  let out = '';
  let from = 0;
  for (let i = 0; i + 1 < refs.length; i++) {
    if (!isCorrectionGap(text.slice(refs[i].end, refs[i + 1].at))) continue;
    out += text.slice(from, refs[i].at);
    from = refs[i + 1].at;
  }
  return from === 0 ? text : out + text.slice(from);
}
