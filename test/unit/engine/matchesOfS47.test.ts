/**
 * Session 47 (perf4, issue 8): matchesOf(text, re) gives exactly String.prototype.matchAll's matches without matchAll's
 * copy of the pattern (shared/engine/matchesOf.ts). Property tests against matchAll itself: random texts over the code
 * units the engine's patterns care about (ASCII, digits of other scripts, surrogate pairs, lone surrogates, zero-width
 * characters), patterns that match empty strings (where the step past an empty match differs with the u flag), every
 * flag that changes how exec walks (g, y, u, v, i, s, m, d), a lastIndex left set on the pattern (matchAll's copy starts
 * there), and a loop that uses the same pattern again while it reads the matches.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesOf } from '../../../shared/engine/matchesOf';

const PATTERNS: RegExp[] = [
  /(?:)/g,
  /(?:)/gu,
  new RegExp('(?:)', 'gv'),
  /a*/g,
  /a*?/gu,
  /\b/gu,
  /(?=\p{Nd})/gu,
  /\p{Nd}*/gu,
  /\p{Nd}+/gu,
  /[^\p{L}\p{N}]*/gu,
  /./gsu,
  /./g,
  /^|$/gm,
  /^/gmu,
  /(\d)(?<rest>\d*)/gdu,
  /[\u{1F600}-\u{1F64F}]?/gu,
  /\uD83D/g,
  /\uD83D/gu,
  /[\u00ad\u200b-\u200f\ufeff]|[\u00b2\u00b3\u00b9\u2070-\u2079]/gu,
  /pin|cvv/giu,
  /\s+/gy,
  /x?/gy,
  /(?<![\p{L}\p{N}])(pin(?:[-\s]*(?:code|number))?|cvv2?)(\s*(?:[:=]\s*)?)(\p{Nd}(?:[ -]?\p{Nd}){2,7})(?!\p{Nd})/giu,
];

const UNITS = ['a', 'A', 'b', 'x', '1', '7', ' ', '\n', '-', ':', '=', 'p', 'i', 'n', 'c', 'v', '\u0664', '\uFF11', '\u00b2', '\u200b', '\ufeff', '\uD83D', '\uDE00', '\uDE01', '\u00e9', 'K', '\u212A', '\u017F'];
const text = fc.array(fc.constantFrom(...UNITS), { maxLength: 24 }).map((cs) => cs.join(''));
const plain = (ms: RegExpMatchArray[]) => ms.map((m) => ({ all: [...m], index: m.index, input: m.input, groups: m.groups, indices: (m as RegExpMatchArray & { indices?: unknown }).indices }));

describe('matchesOf: String.prototype.matchAll without the copy (session 47, perf4)', () => {
  it('gives matchAll\'s matches for every pattern, text and starting lastIndex, and leaves lastIndex as it was', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: PATTERNS.length - 1 }), text, fc.integer({ min: 0, max: 30 }), (p, s, last) => {
        const re = PATTERNS[p];
        re.lastIndex = last;
        const expected = plain([...s.matchAll(re)]);
        expect(re.lastIndex).toBe(last);
        const got = plain(matchesOf(s, re));
        expect(re.lastIndex).toBe(last);
        expect(got).toEqual(expected);
        re.lastIndex = 0;
      }),
      { numRuns: 20_000, seed: 47 },
    );
  });

  it('the surrogate pairs: an empty match steps a whole code point with u (and v), one code unit without', () => {
    const s = 'a\uD83D\uDE00b\uD83D';
    expect(matchesOf(s, /(?:)/gu).map((m) => m.index)).toEqual([...s.matchAll(/(?:)/gu)].map((m) => m.index));
    expect(matchesOf(s, /(?:)/gu).map((m) => m.index)).toEqual([0, 1, 3, 4, 5]);
    expect(matchesOf(s, /(?:)/g).map((m) => m.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(matchesOf(s, new RegExp('(?:)', 'gv')).map((m) => m.index)).toEqual([0, 1, 3, 4, 5]);
  });

  it('a loop that reads the same pattern again inside gets what matchAll gave', () => {
    const re = /\d+/g;
    const s = '12 a 345 b 6';
    const nested = (all: (t: string) => Iterable<RegExpMatchArray>) => [...all(s)].map((m) => [m[0], ...[...all(s.slice(m.index))].map((n) => n[0])]);
    expect(nested((t) => matchesOf(t, re))).toEqual(nested((t) => t.matchAll(re)));
    expect(re.lastIndex).toBe(0);
  });

  it('refuses a pattern without g, as matchAll does', () => {
    expect(() => 'a1'.matchAll(/\d/ as RegExp)).toThrow(TypeError);
    expect(() => matchesOf('a1', /\d/)).toThrow(TypeError);
  });

  it('puts lastIndex back when exec throws', () => {
    const re = /a/g;
    re.lastIndex = 3;
    const exec = re.exec;
    re.exec = function (this: RegExp) {
      this.lastIndex = 99;
      throw new Error('boom');
    };
    expect(() => matchesOf('aaaa', re)).toThrow('boom');
    re.exec = exec;
    expect(re.lastIndex).toBe(3);
  });
});
