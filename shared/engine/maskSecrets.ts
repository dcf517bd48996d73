/**
 * The one place secret values are masked before anything a person can read (the studio's "Call for real", `baton
 * chat --http live`, the scenarios they save, the runtime's HTTP error log lines). A remote API rarely echoes a
 * secret verbatim: it JSON-escapes it (`\"`, `\/`, `\u00e9`, every character as `\uXXXX`, a JSON text inside a JSON
 * string: `\\\"`), URL-encodes it (`%2F` or `%2f`, a space as `%20` or `+`, twice: `%252F`), HTML-escapes it
 * (`&quot;`, `&#47;`), base64-encodes it (inside a Basic auth header or a token, at any byte alignment) or prints it
 * in hex. The masker finds the secret in ANY mix of these encodings, character by character, and replaces the whole
 * occurrence with `[secret]`.
 *
 * Limits (said in docs/simulator.md): values shorter than 3 characters are not masked (they would mask ordinary
 * text); a base64 copy is found when at least 6 bytes of the secret line up with base64 groups (the first and last
 * one or two bytes of the secret may stay visible as base64 characters next to `[secret]`); an encoding not listed
 * above (encrypted, hashed, reversed, split by the API) cannot be recognised.
 *
 * Pure: no Node or browser API (UTF-8 and base64 are computed here).
 */

export const SECRET_MASK = '[secret]';
const MIN_SECRET_LENGTH = 3;

function utf8(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return out;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 of whole 3-byte groups (no padding). */
function base64Groups(bytes: number[]): string {
  let s = '';
  for (let i = 0; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    s += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + B64[n & 63];
  }
  return s;
}

const escapeRe = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

/** A hex digit in either case: `[aA]`, `7`. */
const hexDigitRe = (d: string) => (/[a-f]/i.test(d) ? `[${d.toLowerCase()}${d.toUpperCase()}]` : d);
const hexRe = (n: number, width: number) => [...n.toString(16).padStart(width, '0')].map(hexDigitRe).join('');

/** `%XX` for one byte, also percent-encoded again (`%25XX`, `%2525XX`). */
const percentRe = (b: number) => `%(?:25)*${hexRe(b, 2)}`;

const JSON_SHORT: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', '\b': 'b', '\f': 'f', '\n': 'n', '\r': 'r', '\t': 't' };
const HTML_NAMED: Record<string, string[]> = { '&': ['amp'], '<': ['lt'], '>': ['gt'], '"': ['quot'], "'": ['apos'], ' ': ['nbsp'] };

/** Every way one character of a secret may be written: as itself, JSON-escaped (once or more), %-encoded, HTML. */
function charRe(ch: string): string {
  const cp = ch.codePointAt(0)!;
  const alts = new Set<string>();
  alts.add(escapeRe(ch));
  const bytes = utf8(ch);
  alts.add(bytes.map(percentRe).join(''));
  if (ch === ' ') alts.add('\\+');
  // JSON: \uXXXX (a surrogate pair above U+FFFF), the short escapes; the backslash doubled when JSON sits in JSON.
  if (cp < 0x10000) alts.add(`\\\\+u${hexRe(cp, 4)}`);
  else {
    const hi = 0xd800 + ((cp - 0x10000) >> 10);
    const lo = 0xdc00 + ((cp - 0x10000) & 0x3ff);
    alts.add(`\\\\+u${hexRe(hi, 4)}\\\\+u${hexRe(lo, 4)}`);
  }
  if (JSON_SHORT[ch] !== undefined) alts.add(ch === '\\' ? '\\\\+' : `\\\\+${escapeRe(JSON_SHORT[ch])}`);
  // HTML: &#NN; &#xHH; and the named entities.
  alts.add(`&#0*${cp};`);
  alts.add(`&#[xX]0*${[...cp.toString(16)].map(hexDigitRe).join('')};`);
  for (const name of HTML_NAMED[ch] ?? []) alts.add(`&${name};`);
  return alts.size === 1 ? [...alts][0] : `(?:${[...alts].join('|')})`;
}

/** A base64 (or base64url) character, also when JSON-escaped (`\/`) or %-encoded. */
function base64CharRe(c: string): string {
  if (c === '/') return `(?:/|\\\\+/|${percentRe(0x2f)}|_)`;
  if (c === '+') return `(?:\\+|${percentRe(0x2b)}|-)`;
  return c;
}

/** The base64 copies of the secret's bytes at the three alignments (only the characters the secret alone decides). */
function base64Res(bytes: number[]): string[] {
  const out: string[] = [];
  for (let skip = 0; skip < 3; skip++) {
    const core = base64Groups(bytes.slice(skip));
    if (core.length >= 8) out.push([...core].map(base64CharRe).join(''));
  }
  return out;
}

function secretRe(secret: string): string[] {
  const bytes = utf8(secret);
  const out = [[...secret].map(charRe).join('')];
  if (bytes.length >= 4) out.push(bytes.map((b) => hexRe(b, 2)).join('')); // hex dump, either case
  out.push(...base64Res(bytes));
  return out;
}

/** The forms the runtime itself sends a value in: a header value loses control characters (stripControl). */
function sentForms(secret: string): string[] {
  // eslint-disable-next-line no-control-regex
  const header = secret.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  // A header's UTF-8 bytes read back one character per byte (Node and most servers read headers as latin1).
  const latin1 = String.fromCharCode(...utf8(header));
  return [...new Set([secret, header, latin1])];
}

export type Masker = (text: string) => string;

/**
 * A function that replaces every occurrence of any of `secrets` (in any encoding above) with `[secret]`.
 * Longer secrets win over a shorter one found at the same place.
 */
export function secretMasker(secrets: readonly string[]): Masker {
  const values = [...new Set(secrets.flatMap(sentForms))].filter((s) => [...s].length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
  if (values.length === 0) return (text) => text;
  const re = new RegExp(values.flatMap(secretRe).join('|'), 'g');
  return (text) => (text ? text.replace(re, SECRET_MASK) : text);
}

/** `value` (a parsed JSON answer) with `mask` applied to every string in it, object keys included. */
export function maskDeep(value: unknown, mask: Masker): unknown {
  if (typeof value === 'string') return mask(value);
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, mask));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    // defineProperty: a "__proto__" key (JSON.parse makes it an own property) stays a key, not the prototype.
    for (const [k, v] of Object.entries(value)) Object.defineProperty(out, mask(k), { value: maskDeep(v, mask), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value;
}
