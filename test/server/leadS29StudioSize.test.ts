/**
 * Hostile s28 H8: the studio imported a 10,000-block flow and a 30 MB description without a word, then took 20-30 s a
 * frame. It now refuses a flow it cannot draw (more than MAX_STUDIO_BLOCKS blocks, a description longer than
 * MAX_STUDIO_DESCRIPTION_CHARS, a file over MAX_STUDIO_FLOW_BYTES) at import, at "open a file", and when a listed flow's
 * file grew past it on disk, naming what and where; nothing is changed, and a flow at the limit still opens.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startStudioServer, type StudioServer } from '../../runtime/studio/startStudioServer';
import { MAX_STUDIO_BLOCKS, MAX_STUDIO_DESCRIPTION_CHARS, MAX_STUDIO_FLOW_BYTES } from '../../runtime/studio/studioSizeLimits';
import { studioApi } from '../support/studioApi';

let home: string;
let studio: StudioServer;
const api = studioApi(() => studio);

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'baton-studio-size-'));
  studio = await startStudioServer({ home, port: 0 });
});
afterEach(async () => {
  await studio?.close();
  await rm(home, { recursive: true, force: true });
});

type Doc = { id: string; name: string; description?: string; blocks: Array<Record<string, unknown>>; edges: Array<Record<string, unknown>> };

/** Northwind's exported document with `extra` chained Message blocks after its last block. */
async function northwindWith(extra: number): Promise<Doc> {
  const doc = JSON.parse(await readFile(join(__dirname, '../../flows/customer-support.json'), 'utf8')) as Doc;
  for (let i = 0; i < extra; i++) {
    doc.blocks.push({ id: `extra_${i}`, kind: 'message', data: { text: `Extra ${i}` } });
    if (i > 0) doc.edges.push({ id: `extra_e${i}`, from: `extra_${i - 1}`, exit: 'next', to: `extra_${i}` });
  }
  return doc;
}

async function flowCount(): Promise<number> {
  return ((await api('/api/flows')).json.flows as unknown[]).length;
}

describe('what the studio opens (hostile s28 H8)', () => {
  it('refuses to import more blocks than it can draw, saying how many and what to do; nothing is added', async () => {
    const doc = await northwindWith(MAX_STUDIO_BLOCKS);
    const before = await flowCount();
    const r = await api('/api/import', { method: 'POST', body: { text: JSON.stringify(doc), fileName: 'huge.json' } });
    expect(r.status).toBe(422);
    expect(r.json.error.code).toBe('import_too_large');
    expect(r.json.error.message).toContain(`huge.json cannot be imported: The flow has ${(doc.blocks.length).toLocaleString('en-US')} blocks`);
    expect(r.json.error.message).toContain('Nothing was changed');
    expect(r.json.error.hint).toMatch(/Split it into smaller flows/);
    expect(r.json.error.problems).toEqual([expect.objectContaining({ code: 'studio_too_many_blocks', path: '$.blocks', severity: 'error' })]);
    expect(await flowCount()).toBe(before);
  });

  it('imports a flow at the limit', async () => {
    const base = await northwindWith(0);
    const doc = await northwindWith(MAX_STUDIO_BLOCKS - base.blocks.length);
    expect(doc.blocks.length).toBe(MAX_STUDIO_BLOCKS);
    const r = await api('/api/import', { method: 'POST', body: { text: JSON.stringify(doc), fileName: 'big.json' } });
    expect(r.json.error?.message).toBeUndefined();
    expect(r.status).toBe(201);
    expect((await api(`/api/flows/${r.json.key}`)).status).toBe(200);
  });

  it('refuses a description longer than it shows, naming the field', async () => {
    const doc = await northwindWith(0);
    doc.description = 'x'.repeat(MAX_STUDIO_DESCRIPTION_CHARS + 1);
    const r = await api('/api/import', { method: 'POST', body: { text: JSON.stringify(doc), fileName: 'long.json' } });
    expect(r.status).toBe(422);
    expect(r.json.error.problems).toEqual([expect.objectContaining({ code: 'studio_description_too_long', path: '$.description' })]);
    expect(r.json.error.hint).toMatch(/Shorten "description"/);
    doc.description = 'x'.repeat(MAX_STUDIO_DESCRIPTION_CHARS);
    expect((await api('/api/import', { method: 'POST', body: { text: JSON.stringify(doc), fileName: 'ok.json' } })).status).toBe(201);
  });

  it('refuses a file too large in another field (a very long message), saying what to look for', async () => {
    const doc = await northwindWith(1);
    doc.blocks[doc.blocks.length - 1].data = { text: 'y'.repeat(MAX_STUDIO_FLOW_BYTES) };
    const r = await api('/api/import', { method: 'POST', body: { text: JSON.stringify(doc), fileName: 'fat.json' } });
    expect(r.status).toBe(422);
    expect(r.json.error.problems).toEqual([expect.objectContaining({ code: 'studio_file_too_large', path: '$' })]);
    expect(r.json.error.hint).toMatch(/very long text/);
    // Newcomer s29 N3: a file just over the limit does not read as the limit ("The file is 5 MB; ... up to 5 MB").
    expect(r.json.error.message).toMatch(/The file is 5\.[1-9] MB; the studio opens flow files of up to 5 MB/);
  });

  it('refuses to open such a file from disk, and leaves it as it was', async () => {
    const file = join(home, 'outside-huge.json');
    const text = JSON.stringify(await northwindWith(MAX_STUDIO_BLOCKS));
    await writeFile(file, text);
    await expect(studio.store.openPath(file)).rejects.toMatchObject({ status: 422, code: 'file_too_large' });
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('a listed flow whose file grew past the limit on disk is not opened into the editor; its file is kept', async () => {
    const made = await api('/api/flows', { method: 'POST', body: { template: 'customer-support' } });
    expect((await api(`/api/flows/${made.json.key}`)).status).toBe(200);
    const path = (await api(`/api/flows/${made.json.key}`)).json.path as string;
    const grown = JSON.stringify(await northwindWith(MAX_STUDIO_BLOCKS));
    await writeFile(path, grown);
    const r = await api(`/api/flows/${made.json.key}`);
    expect(r.status).toBe(422);
    expect(r.json.error.code).toBe('flow_too_large');
    expect(r.json.error.message).toContain(`Its file ${path} was not changed`);
    expect(await readFile(path, 'utf8')).toBe(grown);
  });

  it('"Reload from disk" in an open tab does not load a file that grew past the limit (hostile s29 H8)', async () => {
    const made = await api('/api/flows', { method: 'POST', body: { template: 'customer-support' } });
    const opened = await api(`/api/flows/${made.json.key}`);
    const path = opened.json.path as string;
    const grown = JSON.stringify(await northwindWith(MAX_STUDIO_BLOCKS));
    await writeFile(path, grown);
    const r = await api(`/api/flows/${made.json.key}/take-disk`, { method: 'POST', body: { journalSeq: opened.json.journalSeq } });
    expect(r.status).toBe(422);
    expect(r.json.error.code).toBe('flow_too_large');
    expect(r.json.error.message).toMatch(/^Reload was refused: the file on disk .* is too large for the studio: The flow has 2,04\d blocks/);
    expect(r.json.error.message).toContain("the studio's copy is kept");
    expect(await readFile(path, 'utf8')).toBe(grown);
  });
});
