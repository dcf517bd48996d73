/**
 * Session 24 (polish2): `baton simulate` cut a customer message over the engine's 4,000-character limit
 * (MAX_CUSTOMER_TEXT) without a word, while `baton chat` says so (session 24, hostile s23 #2). Its report now names each
 * cut message on stderr (file line, conversation id, turn, length) and counts them in the summary; stdout's JSON lines
 * are unchanged (the transcript shows what the bot read, ending with the engine's cut mark).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { batonInProcess } from './runInProcess';

const dir = mkdtempSync(join(tmpdir(), 'baton-cut-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, 'c.jsonl');
const long = `where is my order NW-230918? ${'x'.repeat(5000)}`; // 5,029 characters
writeFileSync(
  file,
  [
    { id: 'long1', turns: ['hi', long] },
    { id: 'short', turns: ['where is my order NW-230918'] },
    { id: 'two', turns: ['a'.repeat(4001), 'b'.repeat(4000), 'c'.repeat(9000)] },
  ].map((c) => JSON.stringify(c)).join('\n') + '\n',
);

describe('baton simulate says which messages it cut', () => {
  it('each cut message is named with its conversation and turn, and the summary counts them', async () => {
    const r = await batonInProcess(['simulate', 'flows/customer-support.json', '--conversations', file]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${file}:1: conversation "long1": turn 2 (5,029 characters) was cut: the bot read its first 4,000 characters`);
    expect(r.stderr).toContain(`${file}:3: conversation "two": turn 1 (4,001 characters) and turn 3 (9,000 characters) were cut`);
    expect(r.stderr).not.toContain('"short"');
    expect(r.stderr).not.toMatch(/turn 2 \(4,000 characters\)/); // exactly 4,000 is read whole
    expect(r.stderr).toContain('cut: 3 messages over 4,000 characters in 2 conversations');
    // stdout is as before: one JSON line per conversation, the transcript holding what the bot read.
    const results = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(results.map((x) => x.id)).toEqual(['long1', 'short', 'two']);
    const said = results[0].transcript.filter((t: { from: string }) => t.from === 'customer')[1].text as string;
    expect(said.startsWith('where is my order NW-230918?')).toBe(true);
    expect(said.length).toBeLessThan(long.length);
  });

  it('a file with no long message has no cut lines', async () => {
    const f = join(dir, 'short.jsonl');
    writeFileSync(f, JSON.stringify({ id: 's', turns: ['b'.repeat(4000)] }) + '\n');
    const r = await batonInProcess(['simulate', 'flows/customer-support.json', '--conversations', f]);
    expect(r.stderr).not.toMatch(/cut/);
  });
});
