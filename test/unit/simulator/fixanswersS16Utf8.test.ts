/** Session 16 (hostile s16 H#16): UTF-32 files, a double BOM, no Windows-1252 advice after NUL bytes. */
import { describe, expect, it } from 'vitest';
import { decodeUtf8Strict, looksLikeUtf16, looksLikeUtf32 } from '../../../shared/simulator/utf8';

const enc32 = (s: string, little: boolean, bom: boolean) => {
  const cps = [...(bom ? '\uFEFF' : '') + s].map((c) => c.codePointAt(0)!);
  const b = new Uint8Array(cps.length * 4);
  const v = new DataView(b.buffer);
  cps.forEach((cp, i) => v.setUint32(i * 4, cp, little));
  return b;
};

describe('UTF-32 and other non-UTF-8 files', () => {
  it('UTF-32 LE/BE with or without a BOM is recognised (and refused as a wide encoding, not read as Windows-1252)', () => {
    for (const little of [true, false]) for (const bom of [true, false]) {
      const b = enc32('{"version":1,"blocks":[]}', little, bom);
      expect(looksLikeUtf32(b), `${little} ${bom}`).toBe(true);
      expect(looksLikeUtf16(b)).toBe(true);
    }
    expect(looksLikeUtf32(new TextEncoder().encode('{"version":1,"blocks":[]}'))).toBe(false);
    expect(looksLikeUtf32(new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0x22, 0x00]))).toBe(false); // UTF-16LE
  });
  it('two UTF-8 byte-order marks: both dropped, none left in the text', () => {
    const r = decodeUtf8Strict(new Uint8Array([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x7b, 0x7d]));
    expect(r).toEqual({ ok: true, text: '{}' });
  });
  it('no Windows-1252 guess for a bad byte after NUL bytes; still one for plain Latin-1 text', () => {
    const r = decodeUtf8Strict(new Uint8Array([0x7b, 0x00, 0x00, 0x00, 0xe9]));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.latin1).toBeNull();
    const l = decodeUtf8Strict(new Uint8Array([0x43, 0x61, 0x66, 0xe9]));
    if (!l.ok) expect(l.error.latin1).toBe('é');
    expect(l.ok).toBe(false);
  });
});
