/**
 * Invalid UTF-8 in a scenario file is refused with the byte offset, line and column and what to do (README
 * "Not finished" > Simulator, session 4), never read as U+FFFD.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenarioBytes } from '../../../shared/simulator/scenarioSchema';
import { decodeUtf8Strict, firstInvalidUtf8 } from '../../../shared/simulator/utf8';

const enc = (s: string) => new TextEncoder().encode(s);
const cat = (...parts: (Uint8Array | number[])[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

describe('strict UTF-8', () => {
  it('finds the first bad byte exactly where the platform decoder refuses (random bytes)', () => {
    const fatal = new TextDecoder('utf-8', { fatal: true });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 10 }), (noise, text) => {
        const bytes = cat(enc(text), noise);
        const at = firstInvalidUtf8(bytes);
        let valid = true;
        try {
          fatal.decode(bytes);
        } catch {
          valid = false;
        }
        expect(at === -1).toBe(valid);
        if (at >= 0) {
          // Everything before it is valid UTF-8.
          expect(() => fatal.decode(bytes.subarray(0, at))).not.toThrow();
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('names overlong forms, surrogates, a cut-off character and values above U+10FFFF', () => {
    expect(firstInvalidUtf8(cat(enc('ab'), [0xc0, 0xaf]))).toBe(2);
    expect(firstInvalidUtf8(cat(enc('a'), [0xed, 0xa0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(cat(enc('abc'), [0xe2, 0x82]))).toBe(3);
    expect(firstInvalidUtf8(cat([0xf4, 0x90, 0x80, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(enc('ça va, 日本, 🙂'))).toBe(-1);
  });

  it('gives line, column (in characters) and the text before the bad byte; a BOM is skipped', () => {
    const r = decodeUtf8Strict(cat([0xef, 0xbb, 0xbf], enc('{\n  "say": "Caf'), [0xe9], enc(' ou thé"}')));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ offset: 3 + 15, byte: 0xe9, line: 2, column: 14, before: '  "say": "Caf', latin1: 'é' });
    expect(decodeUtf8Strict(cat([0xef, 0xbb, 0xbf], enc('{"a": "thé"}')))).toEqual({ ok: true, text: '{"a": "thé"}' });
  });
});

describe('parseScenarioBytes', () => {
  it('refuses a Latin-1 file with the offset and what to do, instead of reading U+FFFD', () => {
    const prefix = '{"version": 1, "scenarios": [{"name": "a", "steps": [{"say": "caf';
    expect(prefix.length).toBe(65);
    const bytes = cat(enc(prefix), [0xe9], enc('"}]}]}'));
    const r = parseScenarioBytes(bytes);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([
      {
        path: '$',
        message: 'the file is not valid UTF-8 text: byte offset 65 (0xE9, line 1, column 66, after ", \\"steps\\": [{\\"say\\": \\"caf") is not part of a UTF-8 character',
        hint: expect.stringContaining('Save the file as UTF-8'),
      },
    ]);
    expect(r.problems[0].hint).toContain('It looks like Windows-1252 / Latin-1 text (that byte is "é" there)');
    expect(r.problems[0].hint).toContain('iconv -f windows-1252 -t utf-8');
  });

  it('reads valid UTF-8 (with or without a BOM) as before, and still names UTF-16', () => {
    const text = '{"version": 1, "scenarios": [{"name": "thé", "steps": [{"say": "日本"}]}]}';
    expect(parseScenarioBytes(enc(text))).toMatchObject({ ok: true, file: { scenarios: [{ name: 'thé', steps: [{ say: '日本' }] }] } });
    expect(parseScenarioBytes(cat([0xef, 0xbb, 0xbf], enc(text))).ok).toBe(true);
    const utf16 = cat([0xff, 0xfe], ...[...'{"version": 1}'].map((c) => [c.charCodeAt(0), 0]));
    expect(parseScenarioBytes(utf16).problems[0].message).toBe('the file is saved as UTF-16, not UTF-8 (as Windows editors save "Unicode" text)');
  });
});
