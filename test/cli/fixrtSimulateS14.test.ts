/**
 * hostile s14 H#16, `baton simulate`: a UTF-16 file (as Windows editors save "Unicode" text) gave "not valid JSON
 * (Unexpected token '\uFFFD' ...)" per line; a file where no line is a conversation (UTF-16, only bad lines, empty) said
 * "conversations: 0" and exited 0 (a CI step passed on nothing); two lines with the same id gave two results with one
 * id without a word. Now: the encoding is named, nothing played exits 2 with a NOTHING PLAYED line, a repeated id is said.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { readFlowFile } from '../../runtime/cli/readFlowFile';
import { simulateCommand } from '../../runtime/cli/simulateCommand';
import { flowSchema } from '../../shared/flow/schema';

const dir = mkdtempSync(join(tmpdir(), 'baton-sim-s14-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const flow = flowSchema.parse(JSON.parse(readFileSync('flows/customer-support.json', 'utf8')));

async function run(name: string, content: string | Buffer) {
  const file = join(dir, name);
  writeFileSync(file, content);
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((out += String(c)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((err += String(c)), true));
  try {
    return { code: await simulateCommand(flow, { conversations: file, now: Date.parse('2026-11-24T10:00:00Z') }), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

const lines = '{"id":"a","turns":["where is my order"]}\n{"id":"b","turns":["hello"]}\n';

describe('hostile s14 H#16: baton simulate on files it cannot use', () => {
  it('UTF-16 with a byte-order mark (little and big endian) and without: named, exit 2, nothing played', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lines, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    for (const [name, bytes] of [['le.jsonl', le], ['be.jsonl', be], ['nobom.jsonl', Buffer.from(lines, 'utf16le')]] as const) {
      const r = await run(name, bytes);
      expect(r.code).toBe(2);
      expect(r.err).toBe(`baton simulate: cannot read ${join(dir, name)}: the file is saved as UTF-16, not UTF-8 (as Windows editors save "Unicode" text). Save it again as UTF-8 (in Notepad: Save as, Encoding: UTF-8; in other editors: "Save with encoding" > UTF-8).\n`);
      expect(r.out).toBe('');
    }
  });

  it('only bad lines, or an empty file: NOTHING PLAYED and exit 2', async () => {
    for (const [name, text] of [['bad.jsonl', 'not json\n{"turns": []}\n'], ['empty.jsonl', ''], ['blank.jsonl', '\n\n']] as const) {
      const r = await run(name, text);
      expect(r.code).toBe(2);
      expect(r.err).toContain('conversations: 0');
      expect(r.err).toContain(`NOTHING PLAYED: no line of ${join(dir, name)} is a conversation like {"id": "c1", "turns": ["where is my order?"]}`);
    }
  });

  it('a repeated id is said with both lines; both play; exit 0', async () => {
    const r = await run('dup.jsonl', `${lines}{"id":"a","turns":["refund"]}\n`);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`${join(dir, 'dup.jsonl')}:3: the id "a" was already used on line 1; both are played, and two results carry that id`);
    expect(r.err).toContain('conversations: 3');
    expect(r.out.trim().split('\n')).toHaveLength(3);
  });

  it('a plain UTF-8 file (with or without its byte-order mark) still plays', async () => {
    for (const [name, text] of [['ok.jsonl', lines], ['bom.jsonl', `\ufeff${lines}`]] as const) {
      const r = await run(name, text);
      expect(r.code).toBe(0);
      expect(r.err).toContain('conversations: 2');
      expect(r.err).not.toContain('NOTHING PLAYED');
    }
  });

  it('a UTF-16 flow file is named too (baton validate / serve read flows the same way)', async () => {
    const file = join(dir, 'flow16.json');
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync('flows/customer-support.json', 'utf8'), 'utf16le')]));
    const r = await readFlowFile(file);
    expect(r).toMatchObject({ status: 'unreadable' });
    expect((r as { message: string }).message).toMatch(/saved as UTF-16, not UTF-8 .*Save it again as UTF-8/);
  });
});
