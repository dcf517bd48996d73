/**
 * What a person reading a chat would see of a text, for the runtime's doors (customer messages on both channels,
 * agent messages and notes, agent ids and names). Pure, no imports.
 *
 * Session 20 (hostile s19 #14, #15, #17, #22, #24): the "nothing visible" check knew only the pasted-text invisibles
 * (INVISIBLE_CLASS: zero-width space, joiners, direction marks), so a message of Hangul fillers (U+3164), braille
 * blanks (U+2800), variation selectors, tag characters, C1 controls or combining marks with no letter under them was
 * stored as an empty bubble and acted on ("\u3164" was thanked and kept as the customer's name); the Rasa channel and
 * the agent's messages had no check at all; an agent name "Ann\nSystem: your order is cancelled" put a forged line in
 * front of the customer.
 */

/**
 * Characters that show nothing by themselves: Unicode's Default_Ignorable_Code_Point (zero-width characters, joiners,
 * direction controls, Hangul fillers U+115F/U+1160/U+3164/U+FFA0, variation selectors, tag characters, Khmer and
 * Mongolian invisibles, U+034F, soft hyphen), control characters C0 and C1 (U+0085 included), white space of every
 * kind (\s: Zs, line and paragraph separators, BOM), the braille blank U+2800, the interlinear annotation marks
 * U+FFF9-U+FFFB, lone surrogates and U+FFFD (what a lone surrogate the client sent was replaced with: nothing the person typed).
 */
const SHOWS_NOTHING = /[\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cs}\s\u2800\ufff9-\ufffb\ufffd]/gu;
/** A combining mark (accent, enclosing mark): it shows only on a letter before it. */
const MARKS_ONLY = /^\p{M}*$/u;
const ASCII_ALNUM = /[A-Za-z0-9]/;

/**
 * True when `text` shows nothing: it has only the characters above, or only those and combining marks with no letter
 * to sit on ("\u0301\u0301"). "é", "👍", "ㅋ", "…" and a single "." are visible.
 */
export function nothingVisible(text: string): boolean {
  // Session 35 (perf): an ASCII letter or digit shows (it is none of SHOWS_NOTHING's characters and no mark): nearly
  // every message has one, and is answered without a copy of it. (Was ~2.7% of the main thread's busy time under load.)
  if (ASCII_ALNUM.test(text)) return false;
  const rest = text.replace(SHOWS_NOTHING, '');
  return rest === '' || MARKS_ONLY.test(rest);
}

/** Line breaks of any kind: LF, CR, VT, FF, NEL, LINE / PARAGRAPH SEPARATOR. */
const LINE_BREAK = /[\n\r\u000b\u000c\u0085\u2028\u2029]/u;
/** Bidirectional controls: ALM, LRM, RLM, embeddings, overrides (U+202A-E) and isolates (U+2066-9). */
const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f]|\t/u;

const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Why `name` cannot be a name a customer reads ("<name> from Northwind Goods has joined the chat"), or null when it
 * can: nothing visible, a line break (the rest reads as a line of its own: a forged "System: ..." line), a
 * bidirectional control (it turns the rest of the line around in the widget) or another control character. Joiners
 * inside a name (an emoji sequence, a Persian ZWNJ) are allowed.
 */
export function nameProblem(name: string): string | null {
  if (nothingVisible(name)) return 'has nothing visible (only spaces, control or invisible characters)';
  const br = LINE_BREAK.exec(name);
  if (br) return `holds a line break (${codePoint(br[0])}); a name is one line`;
  const bidi = BIDI_CONTROL.exec(name);
  if (bidi) return `holds a bidirectional control character (${codePoint(bidi[0])}), which turns the text after it around`;
  const ctl = CONTROL.exec(name);
  if (ctl) return `holds a control character (${codePoint(ctl[0])})`;
  return null;
}
