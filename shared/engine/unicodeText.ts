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
 * `text` cut to at most `max` UTF-16 units (what schemas and caps count) without splitting a surrogate pair: a cut in
 * the middle of an emoji saves a lone surrogate (hostile s17 H#15).
 */
export function cutUnits(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}
