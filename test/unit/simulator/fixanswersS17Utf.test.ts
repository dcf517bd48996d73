/**
 * Session 17 (hostile s16 H#16 rest): UTF-32 named UTF-32 (it was called UTF-16), JSON-escaped lone surrogates found
 * with their path (the file readers refuse them), and customer/agent text cleaned of NUL, control characters and lone
 * surrogates (the runtime stores what cleanTypedText returns).
 */
import { describe, expect, it } from 'vitest';
import { cleanTypedText, findLoneSurrogate, loneSurrogateAt, loneSurrogateRefusal, textWideEncodingOf, utf16Refusal, wideEncodingOf } from '../../../shared/simulator/utf8';

const enc = (s: string, bytesOf: (cp: number) => number[], bom: number[] = []) => new Uint8Array([...bom, ...[...s].flatMap((c) => bytesOf(c.codePointAt(0)!))]);
const u32le = (cp: number) => [cp & 255, (cp >> 8) & 255, (cp >> 16) & 255, 0];
const u32be = (cp: number) => [0, (cp >> 16) & 255, (cp >> 8) & 255, cp & 255];
const u16le = (cp: number) => [cp & 255, cp >> 8];
const JSON_TEXT = '{"version": 1, "blocks": []}';

describe('UTF-32 is named UTF-32', () => {
  it('with a BOM (FF FE 00 00 starts like UTF-16\'s), big-endian, and without a BOM', () => {
    expect(wideEncodingOf(enc(JSON_TEXT, u32le, [0xff, 0xfe, 0, 0]))).toBe('UTF-32');
    expect(wideEncodingOf(enc(JSON_TEXT, u32be, [0, 0, 0xfe, 0xff]))).toBe('UTF-32');
    expect(wideEncodingOf(enc(JSON_TEXT, u32le))).toBe('UTF-32');
    expect(wideEncodingOf(enc(JSON_TEXT, u16le, [0xff, 0xfe]))).toBe('UTF-16');
    expect(wideEncodingOf(new TextEncoder().encode(JSON_TEXT))).toBeNull();
  });
  it('on text already decoded as UTF-8, and in the readers\' refusal', () => {
    const bytes = enc(JSON_TEXT, u32le, [0xff, 0xfe, 0, 0]);
    expect(textWideEncodingOf(new TextDecoder().decode(bytes))).toBe('UTF-32');
    expect(utf16Refusal('cannot read f.json', bytes)).toMatch(/^cannot read f\.json: the file is saved as UTF-32, not UTF-8\. Save it again as UTF-8/);
    expect(utf16Refusal('cannot read f.json', new TextDecoder().decode(bytes))).toContain('UTF-32');
    expect(utf16Refusal('cannot read f.json', enc(JSON_TEXT, u16le, [0xff, 0xfe]))).toContain('saved as UTF-16');
    expect(utf16Refusal('cannot read f.json')).toContain('saved as UTF-16');
  });
});

describe('lone surrogates after JSON.parse', () => {
  it('are found with their path and the text before them; a pair is a character', () => {
    expect(findLoneSurrogate(JSON.parse('{"blocks":[{"data":{"text":"Hello \\ud800 there"}}]}'))).toEqual({ path: '$.blocks[0].data.text', before: 'Hello ' });
    expect(findLoneSurrogate(JSON.parse('{"agents":[{"name":"Ann\\udc00"}]}'))?.path).toBe('$.agents[0].name');
    expect(findLoneSurrogate(JSON.parse('{"a b\\ud800":1}'))?.path).toBe('$["a b\\ud800"]');
    expect(findLoneSurrogate(JSON.parse('{"text":"\\ud83d\\ude00 ok"}'))).toBeNull();
    expect(loneSurrogateAt('x\ud83d')).toBe(1);
    expect(loneSurrogateAt('\ude00\ud83d\ude00')).toBe(0);
  });
  it('the refusal says where and what to do', () => {
    const m = loneSurrogateRefusal({ path: '$.blocks[0].data.text', before: 'Hello ' });
    expect(m).toContain('$.blocks[0].data.text');
    expect(m).toContain('after "Hello "');
    expect(m).toMatch(/Remove that escape or write the character itself/);
  });
});

describe('customer and agent text to store (cleanTypedText)', () => {
  it('drops NUL and control characters, keeps tab and line breaks, replaces lone surrogates with U+FFFD', () => {
    expect(cleanTypedText('a \ud800\udfff\udc00 \u0000 x\u0007\ty\r\nz\ud83d')).toBe('a \ud800\udfff\ufffd  x\ty\r\nz\ufffd');
    const plain = 'Hello 👨‍👩‍👧, café';
    expect(cleanTypedText(plain)).toBe(plain);
  });
});
