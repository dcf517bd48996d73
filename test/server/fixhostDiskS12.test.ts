/**
 * Hostile s12 #1-#6 and #15: the studio's flow store and what it finds on disk (runtime/studio/flowStore.ts).
 * - #1: an editor's write landing while a save is in flight (after the read, before the rename) was lost: not on disk,
 *   not in the history. The race is injected at that very step (FlowStore's beforeFlowWrite hook), every time.
 * - #2: a flow file replaced by a named pipe hung the save for ever (blocking open); the disk check said "not changed".
 * - #3: a deleted file was silently recreated; missing / too large / link loop read as "not changed".
 * - #4: a folder at the flow's path: every save 500 "unexpected".
 * - #5: Keep mine on a file turned into a link to another flow's file overwrote that other flow.
 * - #6: Reload took a file carrying another flow's id. #15: edits journaled after the copy sent with Reload were lost.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rename, rm, symlink, truncate, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Flow } from '../../shared/flow/schema';
import { FlowStore, StudioError } from '../../runtime/studio/flowStore';

let home: string;
let store: FlowStore;
let race: ((path: string) => Promise<void>) | null = null;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'baton-fixhost-disk-'));
  race = null;
  store = await FlowStore.open({
    home,
    beforeFlowWrite: async (path) => {
      const r = race;
      race = null; // once: the editor writes one time during the save
      await r?.(path);
    },
  });
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

const edit = (f: Flow, description: string): Flow => ({ ...f, description });
const fileText = (f: Flow) => JSON.stringify(f, null, 2) + '\n';

async function newFlow(name: string) {
  const { key } = await store.create({ name });
  const o = await store.open(key);
  return { key, flow: o.flow, revision: o.revision, path: o.path };
}
async function historyTexts(key: string): Promise<string[]> {
  const dir = join(home, 'history', key);
  return Promise.all((await readdir(dir)).filter((f) => f.endsWith('.json')).map((f) => readFile(join(dir, f), 'utf8')));
}
/** The StudioError a promise rejects with, failing the test after `ms` (a hang is the bug of #2). */
async function refusal(p: Promise<unknown>, ms = 4000): Promise<StudioError> {
  const r = await Promise.race([p.then(() => 'resolved' as const, (e: unknown) => e), new Promise((ok) => setTimeout(() => ok('hung'), ms))]);
  if (!(r instanceof StudioError)) throw new Error(`expected a StudioError, got ${r instanceof Error ? r.stack : String(r)}`);
  return r;
}

describe('hostile s12 #1: a disk edit made while a save is in flight', () => {
  for (const how of ['writeFile', 'write + rename'] as const) {
    it(`an editor's save (baseRevision) is refused 409 and the disk edit stays on disk (${how})`, async () => {
      const a = await newFlow('race one');
      const diskText = fileText(edit(a.flow, 'EDITED ON DISK'));
      race = async (path) => {
        if (how === 'writeFile') await writeFile(path, diskText);
        else {
          await writeFile(`${path}.x`, diskText);
          await rename(`${path}.x`, path);
        }
      };
      const err = await refusal(store.save(a.key, edit(a.flow, 'studio'), 0, { baseRevision: a.revision, tab: 't' }));
      expect(err.status).toBe(409);
      expect(err.code).toBe('changed_on_disk');
      expect(err.message).toContain('nothing on disk changed');
      expect(await readFile(a.path, 'utf8')).toBe(diskText);
      // The refused save left no version claiming to be on disk.
      expect((await historyTexts(a.key)).some((t) => t.includes('"studio"'))).toBe(false);
    });
  }

  it('a save without baseRevision (a script) or Keep mine writes, and the disk edit is kept as a version, with a warning', async () => {
    const a = await newFlow('race two');
    race = (path) => writeFile(path, fileText(edit(a.flow, 'EDITED ON DISK')));
    const r = await store.save(a.key, edit(a.flow, 'studio'), 0);
    expect(JSON.parse(await readFile(a.path, 'utf8')).description).toBe('studio');
    expect((await historyTexts(a.key)).some((t) => t.includes('EDITED ON DISK'))).toBe(true);
    expect(r.warnings?.join(' ')).toMatch(/changed outside the studio.*kept as version/);

    const o = await store.open(a.key);
    race = (path) => writeFile(path, fileText(edit(a.flow, 'SECOND DISK EDIT')));
    await store.save(a.key, edit(a.flow, 'mine again'), 0, { baseRevision: o.revision, tab: 't', overwriteDisk: true });
    expect(JSON.parse(await readFile(a.path, 'utf8')).description).toBe('mine again');
    expect((await historyTexts(a.key)).some((t) => t.includes('SECOND DISK EDIT'))).toBe(true);
  });
});

describe('hostile s12 #2-#5: what is at the flow path is said as what it is, never "not changed"', () => {
  it('#2 a named pipe: the disk check says so at once, a save answers 422 at once, nothing hangs, other flows still save', async () => {
    const a = await newFlow('fifo one');
    const b = await newFlow('fifo two');
    await unlink(a.path);
    execFileSync('mkfifo', [a.path]);
    try {
      const d = await Promise.race([store.diskStatus(a.key), new Promise<null>((ok) => setTimeout(() => ok(null), 4000))]);
      expect(d).toMatchObject({ changed: true, state: 'not_a_file' });
      expect(d!.problem).toContain('named pipe');
      for (const overwriteDisk of [false, true]) {
        const err = await refusal(store.save(a.key, edit(a.flow, 'mine'), 0, { baseRevision: a.revision, tab: 't', overwriteDisk }));
        expect(err.status).toBe(422);
        expect(err.message).toMatch(/named pipe.*Nothing was written/);
        expect(err.hint).toContain(`rm "${a.path}"`);
      }
      await store.save(b.key, edit(b.flow, 'fine'), 0, { baseRevision: b.revision });
      expect(JSON.parse(await readFile(b.path, 'utf8')).description).toBe('fine');
    } finally {
      await unlink(a.path).catch(() => {});
    }
  });

  it('#3 a deleted file: the disk check says it is gone; an editor save is refused (not recreated); Keep mine recreates it; Reload says why not', async () => {
    const a = await newFlow('deleted one');
    await unlink(a.path);
    const d = await store.diskStatus(a.key);
    expect(d).toMatchObject({ changed: true, state: 'missing' });
    expect(d.problem).toContain('was deleted');
    const err = await refusal(store.save(a.key, edit(a.flow, 'mine'), 0, { baseRevision: a.revision, tab: 't' }));
    expect(err.status).toBe(409);
    expect(err.code).toBe('changed_on_disk');
    expect(err.message).toContain('The file on disk is not a readable flow: the file was deleted');
    expect(err.hint).toMatch(/Keep mine.*again.*delete the flow/);
    await expect(readFile(a.path)).rejects.toMatchObject({ code: 'ENOENT' });
    const td = await refusal(store.takeDiskVersion(a.key, edit(a.flow, 'mine'), 0));
    expect(td.message).toContain('was deleted');
    await store.save(a.key, edit(a.flow, 'mine'), 0, { baseRevision: a.revision, tab: 't', overwriteDisk: true });
    expect(JSON.parse(await readFile(a.path, 'utf8')).description).toBe('mine');
    expect((await store.diskStatus(a.key)).changed).toBe(false);
  });

  it('#3 too large and a link loop: the disk check names each; a save is refused and writes nothing', async () => {
    const a = await newFlow('huge one');
    await truncate(a.path, 70 * 1024 * 1024); // sparse: instant
    const d = await store.diskStatus(a.key);
    expect(d).toMatchObject({ changed: true, state: 'too_large' });
    expect(d.problem).toMatch(/70 MB, larger than a flow the studio can edit \(32 MB at most/);
    const err = await refusal(store.save(a.key, edit(a.flow, 'mine'), 0, { baseRevision: a.revision, overwriteDisk: true }));
    expect(err.status).toBe(413);
    expect(err.hint).toContain('move it out of the way');

    const b = await newFlow('loop one');
    await unlink(b.path);
    await symlink(b.path, b.path);
    expect(await store.diskStatus(b.key)).toMatchObject({ changed: true, state: 'loop' });
    const err2 = await refusal(store.save(b.key, edit(b.flow, 'mine'), 0, { baseRevision: b.revision }));
    expect(err2.status).toBe(422);
    expect(err2.message).toContain('symbolic link that loops');
  });

  it('#4 a folder: 422 saying it is a folder and what to do (with or without Keep mine); Reload says "a folder"', async () => {
    const a = await newFlow('dir one');
    await unlink(a.path);
    await mkdir(a.path);
    expect(await store.diskStatus(a.key)).toMatchObject({ changed: true, state: 'folder' });
    for (const overwriteDisk of [false, true]) {
      const err = await refusal(store.save(a.key, edit(a.flow, 'mine'), 0, { baseRevision: a.revision, overwriteDisk }));
      expect(err.status).toBe(422);
      expect(err.code).toBe('flow_not_a_file');
      expect(err.message).toContain(`${a.path} is now a folder`);
      expect(err.message).not.toContain('.tmp');
      expect(err.hint).toContain('Move the folder away');
    }
    const td = await refusal(store.takeDiskVersion(a.key, edit(a.flow, 'mine'), 0));
    expect(td.message).toContain('is now a folder');
    expect(td.message).not.toContain('named pipe');
  });

  it('#5 a link to another flow\'s file: the disk check names that flow; Keep mine is refused and the other flow is untouched', async () => {
    const a = await newFlow('sym one');
    const b = await newFlow('sym two');
    const bText = await readFile(b.path, 'utf8');
    await unlink(a.path);
    await symlink(b.path, a.path);
    const d = await store.diskStatus(a.key);
    expect(d).toMatchObject({ changed: true, state: 'linked' });
    expect(d.problem).toContain(`symbolic link to ${b.path}, the file of the flow "sym two"`);
    const err = await refusal(store.save(a.key, edit(a.flow, 'mine'), 0, { baseRevision: a.revision, tab: 't', overwriteDisk: true }));
    expect(err.status).toBe(409);
    expect(err.code).toBe('flow_file_linked');
    expect(err.hint).toContain(`rm "${a.path}"`);
    expect(await readFile(b.path, 'utf8')).toBe(bText);
    expect((await store.diskStatus(b.key)).changed).toBe(false);
  });
});

describe('hostile s12 #6 and #15: Reload', () => {
  it('#6 a disk file carrying another flow\'s id is refused 409 naming that flow; ids stay unique', async () => {
    const a = await newFlow('id one');
    const b = await newFlow('id two');
    await writeFile(a.path, fileText({ ...b.flow, name: 'B copy in A' }));
    const err = await refusal(store.takeDiskVersion(a.key, a.flow, 0));
    expect(err.status).toBe(409);
    expect(err.code).toBe('flow_id_taken');
    expect(err.message).toContain(`"${b.flow.id}", which the flow "id two" already has`);
    const ids = (await store.list()).map((f) => f.flowId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('#15 edits journaled after the copy sent with Reload are kept in the version of the studio\'s edits, and said', async () => {
    const a = await newFlow('take one');
    const s1 = Date.now();
    await store.appendJournal(a.key, [{ seq: s1, flow: edit(a.flow, 'edit one') }], { baseRevision: a.revision, tab: 't' });
    await writeFile(a.path, fileText({ ...a.flow, name: 'changed on disk' }));
    await store.appendJournal(a.key, [{ seq: s1 + 1, flow: edit(a.flow, 'edit one and TWO') }], { baseRevision: a.revision, tab: 't' });
    // The Reload names its tab (hostile s13 #2: only that tab's entries are replayed onto its copy).
    const r = await store.takeDiskVersion(a.key, edit(a.flow, 'edit one'), s1, 't');
    expect(r.flow.name).toBe('changed on disk');
    expect(r.editsRevision).not.toBeNull();
    expect(r.message).toContain('1 edit that reached the studio after Reload was chosen');
    const kept = JSON.parse(await readFile(join(home, 'history', a.key, `${r.editsRevision}.json`), 'utf8')) as Flow;
    expect(kept.description).toBe('edit one and TWO');
    // And it does not come back over the disk version at the next open.
    expect((await store.open(a.key)).flow.name).toBe('changed on disk');
  });
});

describe('hostile s12 #1, same shape: the scenarios file', () => {
  it('a hand edit landing while a scenarios save (If-Match) is being written is refused 409, and the hand edit stays', async () => {
    const a = await newFlow('scen one');
    const r = await store.readScenarios(a.key);
    const first = await store.writeScenarios(a.key, { ...r.file, scenarios: [] }, r.revision);
    const hand = JSON.stringify({ version: 1, flow: a.flow.id, scenarios: [] }, null, 4) + '\n';
    race = (path) => writeFile(path, hand);
    const err = await refusal(store.writeScenarios(a.key, { ...r.file, scenarios: [] }, first.revision));
    expect(err.status).toBe(409);
    expect(err.code).toBe('stale_scenarios');
    expect(await readFile(store.scenarioPath(a.key), 'utf8')).toBe(hand);
  });
});

describe('hostile s12 #6: a twin id already in the studio', () => {
  it('a flow sharing its id with another (a file dropped into flows/) still saves, and every save warns naming the other flow', async () => {
    const b = await newFlow('twin two');
    await writeFile(join(home, 'flows', 'dropped.json'), fileText({ ...b.flow, name: 'Dropped copy' }));
    store = await FlowStore.open({ home });
    const o = await store.open('dropped');
    expect(o.flow.id).toBe(b.flow.id);
    const r = await store.save('dropped', edit(o.flow, 'mine'), 0, { baseRevision: o.revision });
    expect(r.changed).toBe(true);
    expect(r.warnings?.join(' ')).toContain(`"twin two" (${b.path}), has the same id ${b.flow.id}`);
  });
});
