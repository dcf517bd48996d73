/**
 * Text from customers and agents, made inert for display in the inbox and the widget (issue 10 hostile pass).
 * React already renders it as text, never HTML; this handles the characters that still change how the page reads:
 * - bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) can reverse what follows
 *   ("U+202E gnp.exe" reads as "exe.png"): each one is replaced by a visible marker such as "[U+202E]";
 * - C0/C1 control characters other than newline and tab are replaced by U+FFFD;
 * - line and paragraph separators (U+2028, U+2029) become newlines.
 * The stored text is unchanged; the marker shows an agent that something odd was sent. Pair with CSS
 * `unicode-bidi: plaintext` on message bubbles and `<bdi>` around names so right-to-left text still reads well.
 */
import { cutPreview } from '../../shared/engine/unicodeText';
const BIDI = /[\u202A-\u202E\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const SEPARATOR = /[\u2028\u2029]/g;

const hex = (c: string) => `[U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}]`;

export function inertText(text: unknown): string {
  const s = typeof text === 'string' ? text : text === null || text === undefined ? '' : String(text);
  return wellFormed(s).replace(BIDI, hex).replace(CONTROL, '\uFFFD').replace(SEPARATOR, '\n');
}

// A high surrogate not followed by a low one, or a low one not after a high one.
const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Hostile s17 H#19: a text cut by UTF-16 units (the runtime's list preview "aa\ud83d…", a 4,000-character cap) holds
 * half an emoji, which shows as a box. Half a pair just before a cut ("…", " […]", the end) is the cut's: dropped;
 * any other lone half is shown as U+FFFD.
 */
export function wellFormed(text: string): string {
  if (!/[\uD800-\uDFFF]/.test(text)) return text;
  return text.replace(LONE, (c, at: number) => {
    const rest = text.slice(at + 1);
    return rest === '' || /^(?:…| \[…\])/.test(rest) ? '' : '\uFFFD';
  });
}

/**
 * At most `max` characters of a text, "…" added when cut, never inside an emoji or a letter with its accents (whole
 * graphemes where the browser can tell them, else whole code points). For previews: toasts, list lines, drafts.
 * Session 18 (review of session 17): the cut is shared/engine/unicodeText's cutPreview, which the runtime's list and
 * search previews use too; here the text is first made well-formed.
 */
export function cutText(text: string, max: number): string {
  return cutPreview(wellFormed(text), max);
}

/**
 * Like cutText, but a cut text ends at a word boundary: the last whole word that fits, then "…" (a first word longer than
 * half of `max` is cut inside, as cutText does). Session 40: the transfer toast's quote, one short line.
 */
export function cutAtWord(text: string, max: number): string {
  const one = text.replace(/\s+/g, ' ').trim();
  const cut = cutText(one, max);
  if (cut === one) return one;
  const body = cut.slice(0, -1);
  const space = one.charAt(body.length) === ' ' ? body.length : body.lastIndexOf(' ');
  const kept = space >= max / 2 ? body.slice(0, space) : body;
  return `${kept.replace(/[\s,;:.!?\-–—]+$/u, '')}…`;
}

/** True when `inertText` would change the text (e.g. to flag a message in tests or the UI). */
export function hasHiddenControls(text: string): boolean {
  BIDI.lastIndex = 0;
  CONTROL.lastIndex = 0;
  return BIDI.test(text) || CONTROL.test(text);
}
