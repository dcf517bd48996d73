/**
 * Strict UTF-8 for scenario files: a byte that is not valid UTF-8 is reported with its offset, line and column
 * instead of being replaced by U+FFFD (which would silently change a customer turn or an expectation, and then
 * be written back by the next save). Pure: TextDecoder is part of the language runtime in Node and browsers.
 */

export interface Utf8Error {
  /** Byte offset (0-based) of the first byte that is not valid UTF-8. */
  offset: number;
  /** That byte. */
  byte: number;
  /** Line and column (1-based; the column counts characters) where it sits. */
  line: number;
  column: number;
  /** Up to 24 characters of valid text just before it, to find it in an editor. */
  before: string;
  /** What that byte would be in Windows-1252 / Latin-1, the usual culprit ("é"), when it is a letter or sign. */
  latin1: string | null;
}

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Length of the valid UTF-8 sequence starting at `i`, or 0 when the byte at `i` cannot start one there. */
function sequenceLength(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  const cont = (k: number) => i + k < b.length && (b[i + k] & 0xc0) === 0x80;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    if (!cont(1) || !cont(2)) return 0;
    const c1 = b[i + 1];
    if (c === 0xe0 && c1 < 0xa0) return 0; // overlong
    if (c === 0xed && c1 > 0x9f) return 0; // surrogates
    return 3;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    const c1 = b[i + 1];
    if (c === 0xf0 && c1 < 0x90) return 0; // overlong
    if (c === 0xf4 && c1 > 0x8f) return 0; // above U+10FFFF
    return 4;
  }
  return 0;
}

/** Offset of the first byte that is not valid UTF-8, or -1 when all of `bytes` is valid. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const n = sequenceLength(bytes, i);
    if (n === 0) return i;
    i += n;
  }
  return -1;
}

function latin1Of(byte: number): string | null {
  try {
    const ch = new TextDecoder('windows-1252').decode(new Uint8Array([byte]));
    return /^[\p{L}\p{N}\p{S}\p{P}]$/u.test(ch) ? ch : null;
  } catch {
    return null;
  }
}

/** The text of `bytes` (a leading byte-order mark dropped), or where and what the first invalid byte is. */
export function decodeUtf8Strict(bytes: Uint8Array): { ok: true; text: string } | { ok: false; error: Utf8Error } {
  // Every leading byte-order mark (hostile s16 H#16: a second one became part of the text).
  let start = 0;
  while (bytes[start] === 0xef && bytes[start + 1] === 0xbb && bytes[start + 2] === 0xbf) start += 3;
  const body = start ? bytes.subarray(start) : bytes;
  try {
    // The native decoder is fast; only a file it refuses is walked byte by byte to find where.
    return { ok: true, text: strict.decode(body) };
  } catch {
    const at = firstInvalidUtf8(body);
    const offset = (at < 0 ? 0 : at) + start;
    const prefix = new TextDecoder('utf-8').decode(bytes.subarray(start, offset));
    const lines = prefix.split('\n');
    const last = lines[lines.length - 1];
    return {
      ok: false,
      error: {
        offset,
        byte: bytes[offset],
        line: lines.length,
        column: [...last].length + 1,
        before: [...last].slice(-24).join(''),
        // No Windows-1252 guess after a NUL byte: such a file is UTF-16/32 or binary, and iconv would garble it.
        latin1: bytes.subarray(0, offset).includes(0) ? null : latin1Of(bytes[offset]),
      },
    };
  }
}

/** "byte offset 1234 (0xE9, line 12, column 31, after "Café ou th")", for messages. */
export function describeUtf8Error(e: Utf8Error): string {
  const hex = e.byte.toString(16).toUpperCase().padStart(2, '0');
  const after = e.before.trim() ? `, after ${JSON.stringify(e.before)}` : '';
  return `byte offset ${e.offset} (0x${hex}, line ${e.line}, column ${e.column}${after})`;
}

/**
 * Whether `bytes` are UTF-16 text, the one rule every reader of a user's file uses (flows and conversation sets in the
 * CLI, scenario files, the agents file): Windows editors save "Unicode" as UTF-16, which read as UTF-8 gives
 * "Unexpected token" on every line.
 * - A UTF-16 byte-order mark (FF FE or FE FF) is UTF-16, whatever follows (a BOM alone is an empty UTF-16 file; an odd
 *   length is a cut UTF-16 file, still UTF-16).
 * - Without one: the first 64 bytes read as 16-bit units (a last odd byte left out; at least 2 units) are mostly
 *   ASCII written in UTF-16: in at least 3 of 4 units one byte is zero and the other not, always on the same side
 *   (the start of a JSON file is ASCII); or the first two units are (then other scripts may follow: '{"客服...'). One or a few NUL bytes inside UTF-8 text, or a file of zeros, are not UTF-16:
 *   the UTF-8 reader names them.
 * - An empty file is not UTF-16 (each reader says it is empty).
 */
export function looksLikeUtf16(bytes: Uint8Array): boolean {
  if (looksLikeUtf32(bytes)) return true;
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return true;
  const units = Math.min(bytes.length, 64) >> 1;
  if (units < 2) return false;
  let little = 0; // 'a' 00: ASCII in UTF-16LE
  let big = 0; // 00 'a': ASCII in UTF-16BE
  for (let i = 0; i < units * 2; i += 2) {
    if (bytes[i] !== 0 && bytes[i + 1] === 0) little++;
    else if (bytes[i] === 0 && bytes[i + 1] !== 0) big++;
  }
  if (little > 0 && big > 0) return false;
  if (Math.max(little, big) * 4 >= units * 3) return true;
  // Hostile s15 H#13(f): text in a script outside ASCII right after the start ('{"id":"客服客服...', a flow named in
  // Chinese) has few units with a zero byte; a file whose first two characters are ASCII written in UTF-16 is UTF-16
  // (no UTF-8 text starts with two characters each followed by a NUL).
  const le = (i: number) => bytes[i] !== 0 && bytes[i + 1] === 0;
  const be = (i: number) => bytes[i] === 0 && bytes[i + 1] !== 0;
  return (le(0) && le(2)) || (be(0) && be(2));
}

/**
 * Session 16 (hostile s16 H#16): UTF-32 (BOM 00 00 FE FF or FF FE 00 00, or, in the first 64 bytes, 4-byte units of
 * which at least 3 in 4 are ASCII with three zero bytes on the same side). Counted as "UTF-16" by looksLikeUtf16 (the
 * readers' message says UTF-16; the advice, save again as UTF-8, is right for both), never read as Windows-1252 (the
 * iconv advice turned such a file into NULs).
 */
export function looksLikeUtf32(bytes: Uint8Array): boolean {
  if (bytes.length >= 4 && bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff) return true;
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) return true;
  const units = Math.min(bytes.length, 64) >> 2;
  if (units < 2) return false;
  let little = 0;
  let big = 0;
  for (let i = 0; i < units * 4; i += 4) {
    if (bytes[i] !== 0 && bytes[i + 1] === 0 && bytes[i + 2] === 0 && bytes[i + 3] === 0) little++;
    else if (bytes[i] === 0 && bytes[i + 1] === 0 && bytes[i + 2] === 0 && bytes[i + 3] !== 0) big++;
  }
  return (little === 0 || big === 0) && Math.max(little, big) * 4 >= units * 3;
}

/**
 * The same rule on text someone already decoded as UTF-8 without refusing bad bytes (a UTF-16 byte-order mark became
 * two U+FFFD): for readers handed text, not bytes.
 */
export function textLooksLikeUtf16(text: string): boolean {
  if (text.startsWith('\uFFFD\uFFFD')) return true;
  return looksLikeUtf16(new TextEncoder().encode(text.slice(0, 64)));
}

/** What every reader says of a UTF-16 file: "<where>: the file is saved as UTF-16, not UTF-8 ... Save it again as UTF-8 ...". */
export const UTF16_PROBLEM = 'the file is saved as UTF-16, not UTF-8 (as Windows editors save "Unicode" text)';
export const UTF16_HINT = 'Save it again as UTF-8 (in Notepad: Save as, Encoding: UTF-8; in other editors: "Save with encoding" > UTF-8).';
export function utf16Refusal(where: string, content?: Uint8Array | string): string {
  // Session 17 (hostile s16 H#16 rest): given the file's bytes or text, a UTF-32 file is named UTF-32.
  const encoding = content === undefined ? 'UTF-16' : (typeof content === 'string' ? textWideEncodingOf(content) : wideEncodingOf(content)) ?? 'UTF-16';
  return wideEncodingRefusal(where, encoding);
}

/** What a reader says of a file with a byte that is not UTF-8 (after the file name): where, and what to do. */
export function utf8Refusal(e: Utf8Error): string {
  const guess = e.latin1 ? ` (it looks like Windows-1252 / Latin-1 text: that byte is "${e.latin1}" there; convert it, e.g. \`iconv -f windows-1252 -t utf-8 FILE > FILE.utf8\`)` : '';
  return `the file is not valid UTF-8 text: ${describeUtf8Error(e)} is not part of a UTF-8 character. Save it as UTF-8${guess}; nothing was read.`;
}

/*
 * Session 17 (hostile s16 H#16 rest): UTF-32 named as such, and text that is not well-formed after JSON.parse.
 */

/** "UTF-32" or "UTF-16" for bytes one of the two rules above recognises (UTF-32 first: its BOM starts like UTF-16's). */
export function wideEncodingOf(bytes: Uint8Array): 'UTF-32' | 'UTF-16' | null {
  if (looksLikeUtf32(bytes)) return 'UTF-32';
  return looksLikeUtf16(bytes) ? 'UTF-16' : null;
}

/** The same on text decoded as UTF-8 without refusing bad bytes (a UTF-32 BOM became U+FFFD U+FFFD and two NULs). */
export function textWideEncodingOf(text: string): 'UTF-32' | 'UTF-16' | null {
  if (text.startsWith('\uFFFD\uFFFD\u0000\u0000') || text.startsWith('\u0000\u0000\uFFFD\uFFFD')) return 'UTF-32';
  return wideEncodingOf(new TextEncoder().encode(text.slice(0, 64)));
}

/** What a reader says of a file in UTF-16 or UTF-32: "<where>: the file is saved as UTF-32, not UTF-8 ...". */
export function wideEncodingProblem(encoding: 'UTF-32' | 'UTF-16'): string {
  return encoding === 'UTF-16' ? UTF16_PROBLEM : 'the file is saved as UTF-32, not UTF-8';
}
export function wideEncodingRefusal(where: string, encoding: 'UTF-32' | 'UTF-16'): string {
  return `${where}: ${wideEncodingProblem(encoding)}. ${UTF16_HINT}`;
}

/** The first lone surrogate (a UTF-16 half with no partner: "\ud800" written as a JSON escape) in `s`, or -1. */
export function loneSurrogateAt(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const n = s.charCodeAt(i + 1);
      if (n >= 0xdc00 && n <= 0xdfff) i++;
      else return i;
    } else if (c >= 0xdc00 && c <= 0xdfff) return i;
  }
  return -1;
}

/**
 * The first string (object keys included) in a parsed JSON value that holds a lone surrogate: its path ("$.blocks[3].
 * data.text") and the characters before it, or null. JSON.parse accepts "\ud800", which no UTF-8 file can hold: a
 * file reader refuses it, naming the place (a flow, an agents file, a conversations file).
 */
export function findLoneSurrogate(value: unknown, path = '$'): { path: string; before: string } | null {
  // Walked with a stack, not recursion (session 17 review: a scenario file nested 20,000 levels deep overflowed the
  // call stack here before the reader's own depth check could refuse it); paths are built only for the string found.
  interface Node {
    value: unknown;
    parent: Node | null;
    step: string;
  }
  const pathOf = (n: Node): string => {
    const steps: string[] = [];
    for (let c: Node | null = n; c; c = c.parent) steps.push(c.step);
    return steps.reverse().join('');
  };
  const keyStep = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`);
  const found = (s: string, n: Node) => {
    const i = loneSurrogateAt(s);
    return i < 0 ? null : { path: pathOf(n), before: s.slice(Math.max(0, i - 24), i) };
  };
  const stack: Node[] = [{ value, parent: null, step: path }];
  while (stack.length > 0) {
    const n = stack.pop()!;
    const v = n.value;
    if (typeof v === 'string') {
      const r = found(v, n);
      if (r) return r;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], parent: n, step: `[${i}]` });
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, child] = entries[i];
        // The key is read before its value (a key node, then the value node, in document order).
        stack.push({ value: child, parent: n, step: keyStep(k) });
        stack.push({ value: k, parent: n, step: keyStep(k) });
      }
    }
  }
  return null;
}

/** What a file reader says of a lone surrogate (after the file name): where, and what to do. */
export function loneSurrogateRefusal(found: { path: string; before: string }): string {
  const after = found.before.trim() ? ` after ${JSON.stringify(found.before)}` : '';
  return `the file holds a lone UTF-16 surrogate (a "\\uD800"-"\\uDFFF" escape without its partner) at ${found.path}${after}: it is no character. Remove that escape or write the character itself; nothing was read.`;
}

/**
 * Customer or agent text made safe to store (decided session 17, with the runtime's owner): NUL and the other C0
 * control characters except tab, line feed and carriage return are dropped, and a lone surrogate becomes U+FFFD. A
 * chat message is never refused for them (the customer cannot see or fix what their client sent); a file is (above).
 */
export function cleanTypedText(s: string): string {
  // eslint-disable-next-line no-control-regex
  const noControls = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s) ? s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '') : s;
  return loneSurrogateAt(noControls) < 0 ? noControls : noControls.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\uFFFD');
}
