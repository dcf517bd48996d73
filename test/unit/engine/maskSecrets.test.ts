/**
 * shared/engine/maskSecrets.ts: a secret echoed back by an API is masked in every encoding it may come back in
 * (the hostile tester's session-5 finding: JSON-escaped and URL-encoded echoes were printed and saved).
 */
import { describe, expect, it } from 'vitest';
import { maskDeep, secretMasker } from '../../../shared/engine/maskSecrets';

const SECRET = 's3cr3t/Pa55+é"xyz';
const mask = secretMasker([SECRET]);
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const php = (s: string) => JSON.stringify(s).replace(/\//g, '\\/').replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
const everyCharU = (s: string) => [...s].map((c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')).join('');

describe('secretMasker', () => {
  it.each([
    ['raw', SECRET],
    ['JSON-escaped', JSON.stringify(SECRET).slice(1, -1)],
    ['JSON-escaped PHP style (\\/ and \\u00e9)', php(SECRET).slice(1, -1)],
    ['every character as \\uXXXX', everyCharU(SECRET)],
    ['every character as \\uXXXX, upper-case hex', everyCharU(SECRET).replace(/u([0-9a-f]{4})/g, (_m, h: string) => 'u' + h.toUpperCase())],
    ['JSON inside a JSON string (\\\\\\")', JSON.stringify(JSON.stringify(SECRET)).slice(3, -3)],
    ['encodeURIComponent', encodeURIComponent(SECRET)],
    ['encodeURIComponent, lower-case hex', encodeURIComponent(SECRET).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())],
    ['encodeURI', encodeURI(SECRET)],
    ['URL-encoded twice', encodeURIComponent(encodeURIComponent(SECRET))],
    ['HTML-escaped', SECRET.replace(/"/g, '&quot;').replace(/\//g, '&#47;').replace(/é/g, '&#xE9;')],
    ['hex', Buffer.from(SECRET).toString('hex')],
    ['HEX', Buffer.from(SECRET).toString('hex').toUpperCase()],
  ])('masks the secret %s', (_name, encoded) => {
    const text = `{"echo":"before ${encoded} after"}`;
    const out = mask(text);
    expect(out).toBe('{"echo":"before [secret] after"}');
  });

  it('masks a space written as %20 and as + (form encoding), and as itself', () => {
    const m = secretMasker(['open sesame 42']);
    expect(m('q=open%20sesame%2042&r=open+sesame+42 and open sesame 42')).toBe('q=[secret]&r=[secret] and [secret]');
  });

  it('masks a base64 copy at every byte alignment (Basic auth, a token carrying it), leaving at most the edge bytes', () => {
    const key = 'sk-live-9f8e7d6c5b4a';
    const m = secretMasker([key]);
    for (const prefix of ['', 'u:', 'ab:', 'user:']) {
      const encoded = b64(`${prefix}${key}`);
      const out = m(`Authorization: Basic ${encoded}`);
      expect(out, `prefix "${prefix}"`).toContain('[secret]');
      // What is left of the base64 text does not decode to the key or to most of it.
      const left = out.replace('Authorization: Basic ', '').replace('[secret]', '');
      expect(left.length, `prefix "${prefix}": ${out}`).toBeLessThanOrEqual(12);
      expect(Buffer.from(left, 'base64').toString('latin1')).not.toContain(key.slice(2, -2));
    }
    // base64url and base64 with \/ (PHP json_encode) too.
    const withSlash = 'a?b>c?d>e?f>g?h>';
    const m2 = secretMasker([withSlash]);
    const std = b64(withSlash);
    expect(std).toMatch(/[+/]/);
    expect(m2(std.replace(/\//g, '\\/'))).toContain('[secret]');
    expect(m2(Buffer.from(withSlash).toString('base64url'))).toContain('[secret]');
  });

  it('masks a header value the runtime sent without its control characters', () => {
    const m = secretMasker(['tok\r\nen-value']);
    expect(m('got tok en-value')).toBe('got [secret]');
  });

  it('masks several secrets, the longer first where they overlap, and leaves ordinary text alone', () => {
    const m = secretMasker(['abc123', 'abc123-long-one']);
    expect(m('x abc123-long-one y abc123 z')).toBe('x [secret] y [secret] z');
    const ordinary = 'Your order NW-104233 ships Friday; track it at https://example.com/t?id=9 (50% off + free "gift")';
    expect(m(ordinary)).toBe(ordinary);
    expect(mask(ordinary)).toBe(ordinary);
  });

  it('does not mask values shorter than 3 characters (they would mask ordinary text) nor empty ones', () => {
    const m = secretMasker(['ab', '']);
    expect(m('ab cab')).toBe('ab cab');
  });

  it('takes linear time on a large hostile answer', () => {
    const m = secretMasker([SECRET, 'another-secret-value']);
    const big = '\\\\\\\\%25%25%25&#x&#'.repeat(50_000) + 's3cr3t/Pa55+é';
    const t = performance.now();
    const out = m(big);
    expect(out.length).toBe(big.length);
    // Generous: about 50 ms on this machine; a catastrophic backtracking regex would take minutes.
    expect(performance.now() - t).toBeLessThan(5000);
  });
});

describe('maskDeep', () => {
  it('masks every string of a parsed JSON answer, keys included, and keeps "__proto__" a key', () => {
    const parsed = JSON.parse(`{"a":["${SECRET.replace('"', '\\"')}",1,null,{"${encodeURIComponent(SECRET)}":true}],"__proto__":{"x":"${everyCharU(SECRET)}"}}`);
    const out = maskDeep(parsed, mask) as Record<string, unknown>;
    expect(JSON.stringify(out)).toBe('{"a":["[secret]",1,null,{"[secret]":true}],"__proto__":{"x":"[secret]"}}');
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });
});

describe('secretMasker and header bytes', () => {
  it('masks a non-ASCII secret whose UTF-8 bytes came back one character per byte (a header read as latin1)', () => {
    const mojibake = Buffer.from(SECRET, 'utf8').toString('latin1');
    expect(mojibake).not.toBe(SECRET);
    expect(mask(`{"x-api-key":${JSON.stringify(mojibake)}}`)).toBe('{"x-api-key":"[secret]"}');
  });
});
