/**
 * `baton test`, `baton validate` and `baton chat`'s /save refuse a scenario file with invalid UTF-8, naming the
 * file, the byte offset and what to do; nothing is read as U+FFFD and the file is never rewritten.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { chatCommand } from '../../runtime/cli/chatCommand';
import { readFlowFile } from '../../runtime/cli/readFlowFile';
import { batonInProcess } from './runInProcess';

const dir = mkdtempSync(join(tmpdir(), 'baton-utf8-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of lead-gen with a scenario file whose customer turn was saved in Latin-1 ("café" with 0xE9). */
function latin1Files() {
  const flow = join(dir, 'lead.json');
  writeFileSync(flow, readFileSync('flows/lead-gen.json'));
  const scenarios = join(dir, 'lead.scenarios.json');
  const prefix = Buffer.from('{\n  "version": 1,\n  "scenarios": [\n    { "name": "a", "steps": [{ "say": "caf', 'utf8');
  const bytes = Buffer.concat([prefix, Buffer.from([0xe9]), Buffer.from('" }] }\n  ]\n}\n', 'utf8')]);
  writeFileSync(scenarios, bytes);
  return { flow, scenarios, bytes, offset: prefix.length };
}

describe('invalid UTF-8 in a scenario file', () => {
  it('baton test exits 2 naming the file, the byte offset, line and column, and how to fix it', async () => {
    const { flow, scenarios, bytes, offset } = latin1Files();
    const r = await batonInProcess(['test', flow]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${scenarios} $: the file is not valid UTF-8 text: byte offset ${offset} (0xE9, line 4, column 43, after`);
    expect(r.stderr).toContain('hint: Save the file as UTF-8');
    expect(r.stderr).toContain('that byte is "é" there');
    expect(r.stdout + r.stderr).not.toContain('\uFFFD');
    expect(readFileSync(scenarios)).toEqual(bytes);
  });

  it('baton validate says the same and exits 2 (the file cannot be read as text)', async () => {
    const { scenarios, offset } = latin1Files();
    const r = await batonInProcess(['validate', scenarios]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`byte offset ${offset} (0xE9`);
  });

  it('baton chat /save refuses to add to such a file and leaves its bytes as they were', async () => {
    const { flow, scenarios, bytes, offset } = latin1Files();
    const loaded = await readFlowFile(flow);
    if (loaded.status !== 'ok') throw new Error('flow does not load');
    let out = '';
    await chatCommand(flow, loaded.flow, {
      now: Date.parse('2026-03-02T10:00:00Z'),
      http: 'fail',
      color: false,
      input: Readable.from(['hello\n', '/save b\n']),
      interactive: false,
      write: (t) => void (out += t),
    });
    expect(out).toContain(`not saved: ${scenarios} is not a valid scenario file ($: the file is not valid UTF-8 text: byte offset ${offset}`);
    expect(readFileSync(scenarios)).toEqual(bytes);
  });
});
