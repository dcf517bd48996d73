/**
 * Hostile s9 #10: crash recovery replayed journaled edits (patches by position: blocks[5]...) onto a flow file that
 * had changed on disk since (git pull, an editor): the edit landed on another block and was reported as "recovered".
 * Now both are kept: the file opens as it is on disk (its latest version), the edits are replayed onto the version
 * they were made on and kept as a version of their own, and the open answer says so. Over real HTTP, with the studio
 * stopped between the edit and the change on disk.
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
  home = await mkdtemp(join(tmpdir(), 'baton-studio-h10-'));
  studio = await startStudioServer({ home, port: 0 });
});
afterEach(async () => {
  await studio?.close();
  await rm(home, { recursive: true, force: true });
});

type Problem = { code: string; severity: string; message: string; hint: string };
const textOf = (flow: Flow, id: string) => (flow.blocks.find((b) => b.id === id)?.data as { text?: string } | undefined)?.text;

describe('hostile s9 #10: unsaved edits found after a crash, on a file changed on disk meanwhile', () => {
  it('opens the file as it is, keeps the edits (on the version they were made on) as a version, and says which', async () => {
    const key = ((await api('/api/flows', { method: 'POST', body: { template: 'customer-support' } })).json as { key: string }).key;
    const opened = (await api(`/api/flows/${key}`)).json as { flow: Flow; revision: number; journalSeq: number };
    const at = opened.flow.blocks.findIndex((b) => b.id === 'order_status');
    expect(at).toBeGreaterThan(0);
    const originalStatusText = textOf(opened.flow, 'order_status');
    // An unsaved edit, journaled as the studio client does; then the studio stops before saving.
    const seq = opened.journalSeq + 1;
    const j = await api(`/api/flows/${key}/journal`, {
      method: 'POST',
      body: { baseRevision: opened.revision, entries: [{ seq, patches: [{ op: 'replace', path: ['blocks', at, 'data', 'text'], value: 'JOURNALED EDIT meant for order_status' }] }] },
    });
    expect(j.status).toBe(200);
    await studio!.close();
    studio = undefined;

    // Meanwhile the file changes on disk: a pull moved a block to the front and reworded the welcome.
    const file = join(home, 'flows', `${key}.json`);
    const disk = JSON.parse(await readFile(file, 'utf8')) as Flow;
    disk.blocks.unshift(disk.blocks.pop()!);
    const welcome = disk.blocks.find((b) => b.id === 'welcome')!;
    (welcome.data as { text: string }).text = 'PULLED welcome text';
    const diskText = JSON.stringify(disk, null, 2) + '\n';
    await writeFile(file, diskText);

    studio = await startStudioServer({ home, port: 0 });
    const again = await api(`/api/flows/${key}`);
    expect(again.status).toBe(200);
    const r = again.json as { flow: Flow; revision: number; recovered: boolean; replayed: number; problems: Problem[] };
    // The file as it is: nothing laid over it, no block got the edit.
    expect(r.recovered).toBe(false);
    expect(textOf(r.flow, 'welcome')).toBe('PULLED welcome text');
    expect(textOf(r.flow, 'order_status')).toBe(originalStatusText);
    expect(JSON.stringify(r.flow)).not.toContain('JOURNALED EDIT');
    expect(await readFile(file, 'utf8')).toBe(diskText);
    const notice = r.problems.find((p) => p.code === 'journal_base_changed');
    expect(notice?.severity).toBe('warning');
    expect(notice?.message).toContain(`They are kept as version ${opened.revision + 1} (your edits on version ${opened.revision})`);
    expect(notice?.message).toContain(`the editor shows the file as it is now (version ${opened.revision + 2})`);
    expect(notice?.hint).toMatch(/Version history/);
    expect(r.revision).toBe(opened.revision + 2);

    // The edits, on the block they were meant for, in the history; the file on disk is the latest version.
    const versions = (await api(`/api/flows/${key}/versions`)).json.versions as { revision: number; summary: string }[];
    expect(versions.find((v) => v.revision === opened.revision + 1)?.summary).toMatch(/^unsaved edits recovered after the studio stopped \(1 edit/);
    const edits = (await api(`/api/flows/${key}/versions/${opened.revision + 1}`)).json as { flow?: Flow } & Flow;
    const editsFlow = (edits.flow ?? edits) as Flow;
    expect(textOf(editsFlow, 'order_status')).toBe('JOURNALED EDIT meant for order_status');
    expect(textOf(editsFlow, 'welcome')).not.toBe('PULLED welcome text');
    expect(await readFile(join(home, 'history', key, `${opened.revision + 2}.json`), 'utf8')).toBe(diskText);

    // Opened again: the journal was emptied, no second notice; a save from here is an ordinary one.
    const third = (await api(`/api/flows/${key}`)).json as { flow: Flow; revision: number; journalSeq: number; problems: Problem[] };
    expect(third.problems.some((p) => p.code === 'journal_base_changed')).toBe(false);
    expect(third.revision).toBe(opened.revision + 2);
    const next = structuredClone(third.flow);
    next.description = 'after recovery';
    const saved = await api(`/api/flows/${key}`, { method: 'PUT', body: { flow: next, journalSeq: third.journalSeq, baseRevision: third.revision } });
    expect(saved.status).toBe(200);
    expect(saved.json.revision).toBe(opened.revision + 3);
    expect(saved.json.warnings).toBeUndefined();
    expect((await readdir(join(home, 'journal'))).filter((f) => f.startsWith(key))).toEqual([]);
  });

  it('replays as before when the file on disk is the one the studio wrote', async () => {
    const key = ((await api('/api/flows', { method: 'POST', body: { template: 'customer-support' } })).json as { key: string }).key;
    const opened = (await api(`/api/flows/${key}`)).json as { flow: Flow; revision: number; journalSeq: number };
    const at = opened.flow.blocks.findIndex((b) => b.id === 'order_status');
    await api(`/api/flows/${key}/journal`, { method: 'POST', body: { baseRevision: opened.revision, entries: [{ seq: opened.journalSeq + 1, patches: [{ op: 'replace', path: ['blocks', at, 'data', 'text'], value: 'JOURNALED EDIT' }] }] } });
    await studio!.close();
    studio = await startStudioServer({ home, port: 0 });
    const r = (await api(`/api/flows/${key}`)).json as { flow: Flow; recovered: boolean; replayed: number; revision: number; problems: Problem[] };
    expect(r.recovered).toBe(true);
    expect(r.replayed).toBe(1);
    expect(textOf(r.flow, 'order_status')).toBe('JOURNALED EDIT');
    expect(r.revision).toBe(opened.revision);
    expect(r.problems.some((p) => p.code === 'journal_base_changed')).toBe(false);
  });
});
