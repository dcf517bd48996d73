/**
 * Newcomer s11 #17: a flow file edited on disk while the studio has it open was overwritten whole by the studio's next
 * save (the disk edit survived only as an unannounced version). Now, over real HTTP: the server notices the change
 * (GET /disk), refuses an editor's save based on the version it loaded (409 changed_on_disk, nothing written), and
 * the designer chooses: Reload (POST /take-disk: the disk version is taken, the studio's edits kept as a version) or
 * Keep mine (the save again with overwriteDisk: the disk version kept as a version). A malformed file on disk is
 * named with where its error is, and the studio's copy is kept. Hostile s11 #16: line endings only are no change.
 */
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Flow } from '../../shared/flow/schema';
import { startStudioServer, type StudioServer } from '../../runtime/studio/startStudioServer';
import { studioApi } from '../support/studioApi';

let home: string;
let studio: StudioServer | undefined;
const api = studioApi(() => studio!);

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'baton-studio-disk-'));
  studio = await startStudioServer({ home, port: 0 });
});
afterEach(async () => {
  await studio?.close();
  await rm(home, { recursive: true, force: true });
});

const textOf = (flow: Flow, id: string) => (flow.blocks.find((b) => b.id === id)?.data as { text?: string } | undefined)?.text;
function setText(flow: Flow, id: string, text: string): Flow {
  const f = structuredClone(flow);
  (f.blocks.find((b) => b.id === id)!.data as { text: string }).text = text;
  return f;
}

async function openFlow() {
  const key = ((await api('/api/flows', { method: 'POST', body: { template: 'customer-support' } })).json as { key: string }).key;
  const opened = (await api(`/api/flows/${key}`)).json as { flow: Flow; revision: number; journalSeq: number };
  const welcome = opened.flow.blocks.find((b) => typeof (b.data as { text?: unknown }).text === 'string' && b.id !== 'order_status')!.id;
  return { key, opened, welcome, file: join(home, 'flows', `${key}.json`) };
}

async function historyTexts(key: string): Promise<string[]> {
  const dir = join(home, 'history', key);
  return Promise.all((await readdir(dir)).filter((f) => f.endsWith('.json')).map((f) => readFile(join(dir, f), 'utf8')));
}

describe('newcomer s11 #17: a flow file edited on disk while the studio has it open', () => {
  it('is noticed, a save based on the loaded version is refused 409 with a clear body, and the disk edit stays on disk', async () => {
    const { key, opened, welcome, file } = await openFlow();
    expect((await api(`/api/flows/${key}/disk`)).json).toMatchObject({ changed: false, revision: opened.revision });
    const onDisk = await readFile(file, 'utf8');
    const diskFlow = setText(JSON.parse(onDisk) as Flow, 'order_status', 'MENU EDITED ON DISK');
    const diskText = JSON.stringify(diskFlow, null, 2) + '\n';
    await writeFile(file, diskText);

    const status = await api(`/api/flows/${key}/disk`);
    expect(status.json).toMatchObject({ changed: true, path: file });
    expect(status.json.problem).toBeUndefined();

    // The studio changes another block and saves (as the editor does: with the revision it loaded).
    const mine = setText(opened.flow, welcome, 'Welcome changed in the studio');
    const s = await api(`/api/flows/${key}`, { method: 'PUT', body: { flow: mine, journalSeq: 0, baseRevision: opened.revision } });
    expect(s.status).toBe(409);
    expect(s.json.error.code).toBe('changed_on_disk');
    expect(s.json.error.message).toContain('changed outside the studio');
    expect(s.json.error.message).toContain('nothing on disk changed');
    expect(s.json.error.hint).toMatch(/Reload.*Keep mine/);
    expect(await readFile(file, 'utf8')).toBe(diskText);
  });

  it('Reload takes the disk version and keeps the studio edits as a version; later saves are based on it', async () => {
    const { key, opened, welcome, file } = await openFlow();
    const diskText = JSON.stringify(setText(JSON.parse(await readFile(file, 'utf8')) as Flow, 'order_status', 'MENU EDITED ON DISK'), null, 2) + '\n';
    await writeFile(file, diskText);
    const mine = setText(opened.flow, welcome, 'Welcome changed in the studio');
    // The edit was journaled first (as the editor does), so it must not come back at the next open.
    await api(`/api/flows/${key}/journal`, { method: 'POST', body: { entries: [{ seq: opened.journalSeq + 1, flow: mine }], baseRevision: opened.revision } });

    const r = await api(`/api/flows/${key}/take-disk`, { method: 'POST', body: { flow: mine, journalSeq: opened.journalSeq + 1 } });
    expect(r.status).toBe(200);
    expect(textOf(r.json.flow, 'order_status')).toBe('MENU EDITED ON DISK');
    expect(r.json.editsRevision).toBeGreaterThan(opened.revision);
    expect(r.json.message).toContain(`version ${r.json.editsRevision}`);
    expect(await readFile(file, 'utf8')).toBe(diskText);
    const kept = await api(`/api/flows/${key}/versions/${r.json.editsRevision}`);
    expect(JSON.stringify(kept.json)).toContain('Welcome changed in the studio');

    const reopened = (await api(`/api/flows/${key}`)).json as { flow: Flow; revision: number; journalSeq: number; recovered: boolean };
    expect(reopened.revision).toBe(r.json.revision);
    expect(reopened.recovered).toBe(false);
    expect(textOf(reopened.flow, welcome)).not.toBe('Welcome changed in the studio');
    expect((await api(`/api/flows/${key}/disk`)).json.changed).toBe(false);
    const next = setText(reopened.flow, welcome, 'after reload');
    const s = await api(`/api/flows/${key}`, { method: 'PUT', body: { flow: next, journalSeq: reopened.journalSeq + 1, baseRevision: reopened.revision } });
    expect(s.status).toBe(200);
    const saved = JSON.parse(await readFile(file, 'utf8')) as Flow;
    expect(textOf(saved, 'order_status')).toBe('MENU EDITED ON DISK');
    expect(textOf(saved, welcome)).toBe('after reload');
  });

  it('Keep mine (overwriteDisk) writes the studio version and keeps the disk one as a version, and says which', async () => {
    const { key, opened, welcome, file } = await openFlow();
    const diskText = JSON.stringify(setText(JSON.parse(await readFile(file, 'utf8')) as Flow, 'order_status', 'MENU EDITED ON DISK'), null, 2) + '\n';
    await writeFile(file, diskText);
    const mine = setText(opened.flow, welcome, 'Welcome changed in the studio');
    const s = await api(`/api/flows/${key}`, { method: 'PUT', body: { flow: mine, journalSeq: 0, baseRevision: opened.revision, overwriteDisk: true } });
    expect(s.status).toBe(200);
    expect(s.json.warnings?.[0]).toMatch(/changed outside the studio.*kept as version \d+/);
    const written = JSON.parse(await readFile(file, 'utf8')) as Flow;
    expect(textOf(written, welcome)).toBe('Welcome changed in the studio');
    expect(textOf(written, 'order_status')).not.toBe('MENU EDITED ON DISK');
    expect(await historyTexts(key)).toContain(diskText);
    expect((await api(`/api/flows/${key}/disk`)).json.changed).toBe(false);
  });

  it('a malformed file on disk: the 409 and GET /disk say where the error is; Reload is refused and changes nothing', async () => {
    const { key, opened, welcome, file } = await openFlow();
    const good = await readFile(file, 'utf8');
    const broken = good.replace('"blocks": [', '"blocks": [,');
    expect(broken).not.toBe(good);
    await writeFile(file, broken);
    const status = (await api(`/api/flows/${key}/disk`)).json;
    expect(status.changed).toBe(true);
    expect(status.problem).toMatch(/line \d+/i);
    const mine = setText(opened.flow, welcome, 'Welcome changed in the studio');
    const s = await api(`/api/flows/${key}`, { method: 'PUT', body: { flow: mine, journalSeq: 0, baseRevision: opened.revision } });
    expect(s.status).toBe(409);
    expect(s.json.error.message).toMatch(/not a readable flow: .*line \d+/i);
    const r = await api(`/api/flows/${key}/take-disk`, { method: 'POST', body: { flow: mine, journalSeq: 1 } });
    expect(r.status).toBe(422);
    expect(await readFile(file, 'utf8')).toBe(broken);
    // Keep mine still works and keeps the broken file as a version.
    const k = await api(`/api/flows/${key}`, { method: 'PUT', body: { flow: mine, journalSeq: 0, baseRevision: opened.revision, overwriteDisk: true } });
    expect(k.status).toBe(200);
    expect(textOf(JSON.parse(await readFile(file, 'utf8')) as Flow, welcome)).toBe('Welcome changed in the studio');
    expect(await historyTexts(key)).toContain(broken);
  });

  it('hostile s11 #16: a change of line endings only (CRLF) is not a change: no banner, the save goes through', async () => {
    const { key, opened, welcome, file } = await openFlow();
    const lf = await readFile(file, 'utf8');
    await writeFile(file, lf.replace(/\n/g, '\r\n'));
    expect((await api(`/api/flows/${key}/disk`)).json.changed).toBe(false);
    const mine = setText(opened.flow, welcome, 'Welcome changed in the studio');
    const s = await api(`/api/flows/${key}`, { method: 'PUT', body: { flow: mine, journalSeq: 0, baseRevision: opened.revision } });
    expect(s.status).toBe(200);
    expect(s.json.warnings).toBeUndefined();
  });

  it('hostile s11 #16: journaled edits on a file that only became CRLF are recovered onto it, not set aside', async () => {
    const { key, opened, welcome, file } = await openFlow();
    const mine = setText(opened.flow, welcome, 'Welcome journaled before a crash');
    await api(`/api/flows/${key}/journal`, { method: 'POST', body: { entries: [{ seq: opened.journalSeq + 1, flow: mine }], baseRevision: opened.revision } });
    await studio!.close();
    await writeFile(file, (await readFile(file, 'utf8')).replace(/\n/g, '\r\n'));
    studio = await startStudioServer({ home, port: 0 });
    const reopened = (await api(`/api/flows/${key}`)).json as { flow: Flow; recovered: boolean; problems: { code: string }[] };
    expect(reopened.recovered).toBe(true);
    expect(textOf(reopened.flow, welcome)).toBe('Welcome journaled before a crash');
    expect(reopened.problems.map((p) => p.code)).not.toContain('journal_base_changed');
  });
});
