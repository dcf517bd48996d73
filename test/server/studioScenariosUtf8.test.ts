/**
 * The studio server refuses a scenarios file with invalid UTF-8 (422 with the byte offset and what to do)
 * instead of handing the studio U+FFFD that its next save would write back; duplicating the flow copies the
 * file byte for byte; the export carries a warning instead of a damaged copy. (Session 4, simfix.)
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { studioApi } from '../support/studioApi';

const { startStudioServer } = await import('../../runtime/studio/startStudioServer');
type Studio = Awaited<ReturnType<typeof startStudioServer>>;

let home: string;
let studio: Studio;

const api = studioApi(() => studio);

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'baton-studio-utf8-'));
  studio = await startStudioServer({ home, port: 0 });
});
afterEach(async () => {
  await studio?.close();
  await rm(home, { recursive: true, force: true });
});

describe('scenarios file with invalid UTF-8', () => {
  it('GET answers 422 with the byte offset; a save based on it is refused; duplicate copies the bytes; export warns', async () => {
    const created = await api('/api/flows', { method: 'POST', body: { template: 'lead-gen' } });
    expect(created.status).toBe(201);
    const key = created.json.key as string;
    const path = join(home, 'flows', `${key}.scenarios.json`);
    const prefix = Buffer.from('{"version": 1, "scenarios": [{"name": "a", "steps": [{"say": "caf');
    const bytes = Buffer.concat([prefix, Buffer.from([0xe9]), Buffer.from('"}]}]}')]);
    await writeFile(path, bytes);

    const r = await api(`/api/flows/${key}/scenarios`);
    expect(r.status).toBe(422);
    expect(r.json.error.code).toBe('scenarios_invalid');
    expect(r.json.error.message).toContain(`is not valid UTF-8 text (byte offset ${prefix.length} (0xE9, line 1, column ${prefix.length + 1}`);
    expect(r.json.error.hint).toContain('Save the file as UTF-8');
    expect(r.text).not.toContain('\uFFFD');
    expect(r.text).not.toContain('\\ufffd');

    // A save with the revision of the damaged file is refused, and the bytes stay.
    const put = await api(`/api/flows/${key}/scenarios`, { method: 'PUT', body: { version: 1, scenarios: [{ name: 'b', steps: [{ say: 'x' }] }] }, headers: { 'if-match': 'anything' } });
    expect(put.status).toBe(422);
    expect(await readFile(path)).toEqual(bytes);

    const dup = await api(`/api/flows/${key}/duplicate`, { method: 'POST' });
    expect(dup.status).toBe(201);
    expect(await readFile(join(home, 'flows', `${dup.json.key}.scenarios.json`))).toEqual(bytes);

    const exp = await api(`/api/flows/${key}/export`);
    expect(exp.status).toBe(200);
    expect(exp.json.scenarios).toBeUndefined();
    expect(exp.json.warnings.join(' ')).toContain('not valid UTF-8');
  });
});
