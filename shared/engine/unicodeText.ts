/**
 * Small text helpers with no imports, so any shell can take them without the engine (session 17 review: the customer
 * widget imported digitValue from customerSecrets and its bundle grew from 255 to 913 KB with zod, re2js and the block
 * definitions). Pure.
 */

/**
 * The value of one decimal digit of any script ("7", full-width "７", Arabic-Indic "٧", Devanagari "७"): Unicode's
 * decimal digits come in blocks of ten consecutive code points from 0 to 9, so the value is the distance from the
 * start of the block. -1 when `ch` is not a decimal digit.
 */
export function digitValue(ch: string): number {
  const cp = ch.codePointAt(0)!;
  if (cp >= 48 && cp <= 57) return cp - 48;
  if (!/^\p{Nd}$/u.test(ch)) return -1;
  let start = cp;
  while (start > 0 && /^\p{Nd}$/u.test(String.fromCodePoint(start - 1))) start--;
  return (cp - start) % 10;
}

/** `s` with every decimal digit of any script written as an ASCII digit (other characters unchanged). */
export function asciiDigits(s: string): string {
  // eslint-disable-next-line no-misleading-character-class
  return s.replace(/\p{Nd}/gu, (d) => String(digitValue(d)));
}

/**
 * The invisible characters a pasted text may carry inside a word or a number, which are no word break and no
 * character of their own: soft hyphen, zero-width space, ZWNJ, ZWJ, word joiner, BOM, NUL, the direction marks,
 * embeddings, overrides and isolates a copy from another page carries (U+200E/F, U+202A-E, U+2066-9), the invisible
 * operators U+2061-4 and the combining grapheme joiner U+034F. Session 18 (review of session 17): this class was
 * written four times (the secrets' reader, the answer readers, the greeting split, the text normaliser), each with its
 * own subset, and "hi\u200e, I want a human" was greeted (the greeting split did not know U+200E). One class, here:
 * the inside of a [...] character class, for modules that build their own patterns.
 */
export const INVISIBLE_CLASS = '\\u00ad\\u0000\\u034f\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u2069\\ufeff';
/** One invisible character (INVISIBLE_CLASS); no `g` flag, safe for `.test`. */
export const INVISIBLE_CHAR = new RegExp(`[${INVISIBLE_CLASS}]`, 'u');
const INVISIBLE_GLOBAL = new RegExp(`[${INVISIBLE_CLASS}]`, 'gu');

/** `text` without its invisible characters (INVISIBLE_CLASS); the same string when it has none. */
export function withoutInvisible(text: string): string {
  return INVISIBLE_CHAR.test(text) ? text.replace(INVISIBLE_GLOBAL, '') : text;
}

/**
 * Session 38 (hostile s38 L6): the hyphens a copy from a PDF or a word processor carries inside a reference
 * ("HM\u20112231\u20110457" with non-breaking hyphens U+2011, an en dash U+2013, a hyphen U+2010, a minus sign U+2212, the
 * small and full-width hyphen-minus U+FE63 / U+FF0D) written as "-", only between two letters or digits (a dash between
 * words, "yes \u2013 cancel it", is left as it is). Same length, so positions in the text stay valid.
 */
const TYPOGRAPHIC_HYPHEN = /(?<=[\p{L}\p{N}])[\u2010\u2011\u2012\u2013\u2212\ufe63\uff0d](?=[\p{L}\p{N}])/gu;
export function plainHyphens(text: string): string {
  return /[\u2010\u2011\u2012\u2013\u2212\ufe63\uff0d]/.test(text) ? text.replace(TYPOGRAPHIC_HYPHEN, '-') : text;
}

/**
 * `text` cut to at most `max` UTF-16 units (what schemas and caps count) without splitting a surrogate pair: a cut in
 * the middle of an emoji saves a lone surrogate (hostile s17 H#15).
 */
export function cutUnits(text: string, max: number): string {
  return text.length <= max ? text : sliceUnits(text, 0, max);
}

/**
 * `text.slice(from, to)` that never cuts a surrogate pair in two: an end inside a pair moves before it, a start inside
 * one after it (for excerpts: a search hit's window). cutUnits is `sliceUnits(text, 0, max)`. Session 18 (review of
 * session 17): the agent routes had their own copy (sliceWhole).
 */
export function sliceUnits(text: string, from: number, to: number): string {
  const low = (i: number) => i > 0 && i < text.length && (text.charCodeAt(i) & 0xfc00) === 0xdc00 && (text.charCodeAt(i - 1) & 0xfc00) === 0xd800;
  return text.slice(low(from) ? from + 1 : from, low(to) ? to - 1 : to);
}

type Segmenter = { segment(t: string): Iterable<{ segment: string }> };
let graphemeSegmenter: Segmenter | null | undefined;
function segmenter(): Segmenter | null {
  if (graphemeSegmenter === undefined) {
    try {
      const S = (Intl as unknown as { Segmenter?: new (l?: string, o?: { granularity: string }) => Segmenter }).Segmenter;
      graphemeSegmenter = S ? new S(undefined, { granularity: 'grapheme' }) : null;
    } catch {
      graphemeSegmenter = null;
    }
  }
  return graphemeSegmenter;
}

/**
 * A preview: at most `max` UTF-16 units of `text`, "…" included when cut, never inside a grapheme (an emoji with its
 * skin tone or ZWJ family, a letter with its accents) where the platform can tell graphemes (Intl.Segmenter), else
 * never inside a code point. Why it differs from cutUnits: a preview is read by a person (a family emoji cut after
 * its first member shows another emoji), a stored text is counted by schemas in units. Session 18 (review of session
 * 17): the inbox's cutText and the agent routes' list/search previews now share it.
 */
export function cutPreview(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  const seg = segmenter();
  for (const p of seg ? seg.segment(text) : Array.from(text)) {
    const g = typeof p === 'string' ? p : p.segment;
    if (out.length + g.length > max - 1) break;
    out += g;
  }
  return `${out}…`;
}

/**
 * Session 25 (hostile s24 #12): how many characters a person counts in `text`: graphemes (an emoji with its skin tone or
 * ZWJ family, a letter with its accents, a flag: one each) where the platform can tell them (Intl.Segmenter), else code
 * points. `text.length` counts UTF-16 units: 2,100 emoji were "4,200 characters".
 */
export function graphemeCount(text: string): number {
  const seg = segmenter();
  if (!seg) return Array.from(text).length;
  let n = 0;
  for (const _ of seg.segment(text)) n++;
  return n;
}

/**
 * Session 25 (hostile s24 #12): the longest start of `text` made of whole graphemes within `max` UTF-16 units (what the
 * engine's cap counts), so a cut never leaves half an emoji family or a letter without its accent; `text` itself when it
 * fits. (cutUnits only keeps surrogate pairs whole; cutPreview adds "…".)
 */
export function cutGraphemes(text: string, max: number): string {
  if (text.length <= max) return text;
  const seg = segmenter();
  if (!seg) return cutUnits(text, max);
  let end = 0;
  for (const p of seg.segment(text)) {
    if (end + p.segment.length > max) break;
    end += p.segment.length;
  }
  return text.slice(0, end);
}

/**
 * Session 27 (convo, hostile s26 H3): what a quote of the customer's words in the summary leaves out. The summary goes
 * into tickets, notification emails and terminal tools, and its key message may be an older message the customer chose:
 * ANSI escape sequences (colours, cursor moves: CSI and OSC, 7-bit and C1), the other C0 and C1 control characters and
 * DEL, and the direction marks, embeddings, overrides and isolates (a U+202E shows "gnp.exe" as "exe.png") are dropped;
 * line breaks and tabs fold to a space as before. The transcript keeps what was typed.
 */
// eslint-disable-next-line no-control-regex
const ANSI_SEQUENCE = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|(?:\u001b\]|\u009d)[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[@-_]?/g;
// eslint-disable-next-line no-control-regex
const CONTROL_OR_BIDI = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** A quote of the customer's words, safe to print: no escape sequences, controls or direction overrides (see above). */
export function quotable(text: string): string {
  return text.replace(ANSI_SEQUENCE, '').replace(CONTROL_OR_BIDI, '');
}
