/**
 * Session 15 (fixengine): one rule for UTF-16 files (shared/simulator/utf8.ts looksLikeUtf16), used by the CLI's flow
 * and conversation-set reader, scenario files and the agents file, which each had their own (BOM or every other byte
 * zero in the first 64 / BOM or a NUL in the first 200 / on decoded text). Every one says the same sentence.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AgentsFileError, loadAgentsFile, parseAgentsText } from '../../../runtime/agents/agentDirectory';
import { readTextFile } from '../../../runtime/cli/readFlowFile';
import { parseScenarioBytes, parseScenarioText } from '../../../shared/simulator/scenarioSchema';
import { looksLikeUtf16, textLooksLikeUtf16, UTF16_HINT, UTF16_PROBLEM, utf16Refusal } from '../../../shared/simulator/utf8';

const json = '{"version": 1, "scenarios": []}';
const le = (s: string) => new Uint8Array(Buffer.from(s, 'utf16le'));
const be = (s: string) => new Uint8Array(Buffer.from(s, 'utf16le').swap16());
const cat = (...parts: (Uint8Array | number[])[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('looksLikeUtf16: the edge cases, decided once', () => {
  it('a byte-order mark, little or big endian, is UTF-16 whatever follows (even nothing, or an odd length)', () => {
    expect(looksLikeUtf16(cat([0xff, 0xfe], le(json)))).toBe(true);
    expect(looksLikeUtf16(cat([0xfe, 0xff], be(json)))).toBe(true);
    expect(looksLikeUtf16(Uint8Array.from([0xff, 0xfe]))).toBe(true);
    expect(looksLikeUtf16(cat([0xff, 0xfe], le(json), [0x7b]))).toBe(true);
  });

  it('without a mark: ASCII written in UTF-16, either byte order, with non-ASCII further on or a last odd byte', () => {
    expect(looksLikeUtf16(le(json))).toBe(true);
    expect(looksLikeUtf16(be(json))).toBe(true);
    expect(looksLikeUtf16(le('{"version": 1, "name": "日本語", "steps": []}'))).toBe(true); // 3 of 4 units or more still ASCII in the first 64 bytes
    expect(looksLikeUtf16(cat(le('{"a":1}'), [0x0a]))).toBe(true); // odd length: the last byte is left out
    expect(looksLikeUtf16(le('{}'))).toBe(true); // the shortest: two units
    // hostile s15 H#13(f): a flow named in Chinese, its first 32 units mostly CJK, no BOM
    expect(looksLikeUtf16(le('{"id":"客服客服客服客服客服客服客服客服客服客服客服客服客服", "name": "x"}'))).toBe(true);
    expect(looksLikeUtf16(be('{"id":"客服客服客服客服客服客服客服客服客服客服客服客服客服", "name": "x"}'))).toBe(true);
  });

  it('UTF-8 is not UTF-16: plain, with its BOM, with a NUL or two inside, non-ASCII; nor zeros, one unit, or nothing', () => {
    expect(looksLikeUtf16(utf8(json))).toBe(false);
    expect(looksLikeUtf16(cat([0xef, 0xbb, 0xbf], utf8(json)))).toBe(false);
    expect(looksLikeUtf16(utf8('{"a": "x\u0000y", "b": "\u0000"}'))).toBe(false);
    expect(looksLikeUtf16(utf8('{\u0000}\n'))).toBe(false); // half the units have a zero: not 3 of 4
    expect(looksLikeUtf16(utf8('{"name": "日本語", "city": "Zürich"}'))).toBe(false);
    expect(looksLikeUtf16(new Uint8Array(64))).toBe(false);
    expect(looksLikeUtf16(le('{'))).toBe(false);
    expect(looksLikeUtf16(new Uint8Array(0))).toBe(false);
  });

  it('the text form (for text decoded as UTF-8 without refusing bad bytes) agrees with the byte form', () => {
    for (const bytes of [cat([0xff, 0xfe], le(json)), cat([0xfe, 0xff], be(json)), le(json), be(json), utf8(json), utf8('{"a": "\u0000"}'), new Uint8Array(0)]) {
      expect(textLooksLikeUtf16(Buffer.from(bytes).toString('utf8'))).toBe(looksLikeUtf16(bytes));
    }
  });
});

describe('every reader gives the same error for a UTF-16 file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fixengine-utf16-'));
  const files = { bomLe: cat([0xff, 0xfe], le(json)), bomBe: cat([0xfe, 0xff], be(json)), noBom: le(json) };

  it('baton validate / simulate / serve read flows and conversation sets: "cannot read FILE: ..."', async () => {
    for (const [name, bytes] of Object.entries(files)) {
      const file = join(dir, `${name}.json`);
      writeFileSync(file, bytes);
      expect(await readTextFile(file)).toEqual({ ok: false, message: `cannot read ${file}: ${UTF16_PROBLEM}. ${UTF16_HINT}` });
    }
  });

  it('scenario files, from bytes and from text: the same problem and hint', () => {
    for (const bytes of Object.values(files)) {
      expect(parseScenarioBytes(bytes)).toEqual({ ok: false, file: null, problems: [{ path: '$', message: UTF16_PROBLEM, hint: UTF16_HINT }] });
      expect(parseScenarioText(Buffer.from(bytes).toString('utf8')).problems).toEqual([{ path: '$', message: UTF16_PROBLEM, hint: UTF16_HINT }]);
    }
  });

  it('the agents file (at start and when it changes on disk): the same sentence after the file name', async () => {
    const doc = JSON.stringify({ agents: [] });
    for (const bytes of [cat([0xff, 0xfe], le(doc)), cat([0xfe, 0xff], be(doc)), le(doc)]) {
      const file = join(dir, 'agents.json');
      writeFileSync(file, bytes);
      await expect(loadAgentsFile(file)).rejects.toThrow(new AgentsFileError(utf16Refusal(`--agents ${file}`)));
      expect(() => parseAgentsText(Buffer.from(bytes).toString('utf8'), file)).toThrow(utf16Refusal(file));
    }
  });

  it('a NUL inside a UTF-8 file is not called UTF-16: the JSON reader names where it is', () => {
    const r = parseScenarioBytes(utf8('{"version": 1,\n "scenarios": [] \u0000}'));
    expect(r.ok).toBe(false);
    expect(r.problems[0].message).not.toContain('UTF-16');
    expect(r.problems[0].message).toMatch(/line 2/);
    expect(() => parseAgentsText(utf8('{"agents": []}\u0000'), 'agents.json')).toThrow(/agents\.json: not valid JSON/);
  });

  it('hostile s15 H#13(a): a byte that is not UTF-8 in a flow or an agents file is named with where it is, not read as U+FFFD', async () => {
    const flow = join(dir, 'latin1.json');
    writeFileSync(flow, Buffer.concat([Buffer.from('{"id": "x",\n "name": "Caf'), Buffer.from([0xe9]), Buffer.from('"}')]));
    const r = await readTextFile(flow);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/^cannot read .*latin1\.json: the file is not valid UTF-8 text: byte offset 25 \(0xE9, line 2, column 14.*Windows-1252.*"é"/);
    const ok = join(dir, 'bom.json');
    writeFileSync(flow, Buffer.from('{}'));
    writeFileSync(ok, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"name": "Café"}')]));
    expect(await readTextFile(ok)).toEqual({ ok: true, text: '{"name": "Café"}' });
    const agents = join(dir, 'agents-latin1.json');
    writeFileSync(agents, Buffer.concat([Buffer.from('{"agents": [{"name": "A'), Buffer.from([0xf1]), Buffer.from('nn"}]}')]));
    await expect(loadAgentsFile(agents)).rejects.toThrow(/agents-latin1\.json: the file is not valid UTF-8 text: byte offset 23/);
  });
});
