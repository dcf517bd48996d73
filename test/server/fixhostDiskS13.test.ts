/**
 * Hostile s13 #1, #2, #3, #4, #13, #16 and newcomer s13 #8: the studio's flow store and what it finds on disk, over real
 * HTTP on 127.0.0.1 and real files (runtime/studio/flowStore.ts).
 * - #16: flows/ (or an external flow's folder, or journal/) deleted while the studio runs: Keep mine, create and journal
 *   append answered 500, and a failed create left the flow in the index with no file.
 * - #1: delete of a flow whose file is gone / a folder / a named pipe answered 500 and the flow could not be deleted.
 * - #3: take-disk accepted journalSeq 2^53: every later journal append was "skipped".
 * - #2: Reload in one tab replayed ANOTHER tab's journaled edits onto this tab's document (its own edit was lost).
 * - #13: a named pipe at journal/<key>.jsonl froze the studio.
 * - #4: a link swapped in and out of the flow's path between the save's target choice and its check wrote this flow
 *   into another flow's file.
 */
import { execFileSync } from 'node:child_process';
import { watch } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rename, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startStudioServer, type StudioServer } from '../../runtime/studio/startStudioServer';
import { FlowStore } from '../../runtime/studio/flowStore';
import { studioApi } from '../support/studioApi';

let home: string;
let studio: StudioServer;
const api = studioApi(() => studio);
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'baton-fixhost13-'));
  studio = await startStudioServer({ home, port: 0 });
});
afterEach(async () => {
  await studio.close();
  await rm(home, { recursive: true, force: true });
});

async function mk(name: string) {
  const r = await api('/api/flows', { method: 'POST', body: { name } });
  expect(r.status).toBe(201);
  const o = await api(`/api/flows/${r.json.key}`);
  return { key: r.json.key as string, flow: o.json.flow, rev: o.json.revision as number, path: o.json.path as string, seq: o.json.journalSeq as number };
}
const edit = (f: any, description: string) => ({ ...f, description });
const listed = async (key: string) => ((await api('/api/flows')).json.flows as { key: string }[]).some((f) => f.key === key);

describe('hostile s13 #16: the flow\'s folder or journal/ deleted while the studio runs', () => {
  it('Keep mine writes the flow again into a re-created flows/ (was 500), and says so', async () => {
    const a = await mk('folder gone');
    await rm(join(home, 'flows'), { recursive: true, force: true });
    const disk = await api(`/api/flows/${a.key}/disk`);
    expect(disk.json.state).toBe('missing');
    expect(disk.json.problem).toContain('folder');
    const keep = await api(`/api/flows/${a.key}`, { method: 'PUT', body: { flow: edit(a.flow, 'mine'), journalSeq: 0, baseRevision: a.rev, tab: 't', overwriteDisk: true } });
    expect(keep.status).toBe(200);
    expect(JSON.parse(await readFile(a.path, 'utf8')).description).toBe('mine');
    expect(keep.json.warnings.join(' ')).toContain('created again');
  });

  it('an external flow whose folder is gone: Keep mine creates the folder and writes it', async () => {
    const outside = join(home, 'elsewhere', 'repo');
    await mkdir(outside, { recursive: true });
    const file = join(outside, 'ext.json');
    await writeFile(file, JSON.stringify({ version: 1, id: 'ext', name: 'Ext', blocks: [{ id: 'start', kind: 'start', data: {} }], edges: [] }));
    // `baton studio FILE` registers it so (runtime/cli/studioCommand.ts).
    const opened = { json: await studio.store.openPath(file) };
    const o = await api(`/api/flows/${opened.json.key}`);
    await rm(join(home, 'elsewhere'), { recursive: true, force: true });
    const keep = await api(`/api/flows/${opened.json.key}`, { method: 'PUT', body: { flow: edit(o.json.flow, 'kept'), journalSeq: 0, baseRevision: o.json.revision, tab: 't', overwriteDisk: true } });
    expect(keep.status).toBe(200);
    expect(JSON.parse(await readFile(file, 'utf8')).description).toBe('kept');
  });

  it('creating a flow after flows/ was deleted works (was 500); a create that cannot write leaves no index entry', async () => {
    await mk('first');
    await rm(join(home, 'flows'), { recursive: true, force: true });
    const made = await api('/api/flows', { method: 'POST', body: { name: 'after rm' } });
    expect(made.status).toBe(201);
    expect(await readFile(join(home, 'flows', `${made.json.key}.json`), 'utf8')).toContain('after rm');
    // flows/ replaced by a plain file: the create is refused with what to do, and the flow is not listed.
    await rm(join(home, 'flows'), { recursive: true, force: true });
    await writeFile(join(home, 'flows'), 'not a folder');
    const refused = await api('/api/flows', { method: 'POST', body: { name: 'cannot write' } });
    expect(refused.status).toBe(422);
    expect(refused.json.error.message).toContain('not a folder');
    expect(await listed('cannot-write')).toBe(false);
  });

  it('journal/ deleted: the append is journaled (was 500) and a reopen recovers it', async () => {
    const a = await mk('journal gone');
    await rm(join(home, 'journal'), { recursive: true, force: true });
    const seq = Date.now();
    const j = await api(`/api/flows/${a.key}/journal`, { method: 'POST', body: { entries: [{ seq, flow: edit(a.flow, 'journaled') }], baseRevision: a.rev, tab: 't' } });
    expect(j.status).toBe(200);
    expect(j.json.skipped).toBeUndefined();
    const again = await api(`/api/flows/${a.key}`);
    expect(again.json.recovered).toBe(true);
    expect(again.json.flow.description).toBe('journaled');
  });
});

describe('hostile s13 #1: delete of a flow whose file is gone, a folder or a named pipe', () => {
  it('a missing file: the flow is deleted (was 500), and restoring it writes the studio\'s last version', async () => {
    const a = await mk('del missing');
    const saved = await api(`/api/flows/${a.key}`, { method: 'PUT', body: { flow: edit(a.flow, 'last saved'), journalSeq: 0 } });
    expect(saved.status).toBe(200);
    await unlink(a.path);
    const d = await api(`/api/flows/${a.key}`, { method: 'DELETE' });
    expect(d.status).toBe(200);
    expect(d.json.note).toContain('already gone');
    expect(await listed(a.key)).toBe(false);
    const back = await api(`/api/trash/${d.json.trashId}/restore`, { method: 'POST' });
    expect(back.status).toBe(200);
    expect(JSON.parse(await readFile(join(home, 'flows', `${back.json.key}.json`), 'utf8')).description).toBe('last saved');
  });

  for (const kind of ['folder', 'pipe'] as const) {
    it(`a ${kind} at the path: refused 422 with what to do (was 500), still listed, no empty trash folder`, async () => {
      const a = await mk(`del ${kind}`);
      await unlink(a.path);
      if (kind === 'folder') await mkdir(a.path);
      else execFileSync('mkfifo', [a.path]);
      const d = await api(`/api/flows/${a.key}`, { method: 'DELETE', timeoutMs: 5000 });
      expect(d.status).toBe(422);
      expect(d.json.error.message).toContain(kind === 'folder' ? 'is now a folder' : 'named pipe');
      expect(d.json.error.hint).toContain(kind === 'folder' ? 'mv ' : 'rm ');
      expect(await listed(a.key)).toBe(true);
      expect(await readdir(join(home, 'trash'))).toEqual([]);
      // Once it is moved away, the delete goes through.
      await rm(a.path, { recursive: true, force: true });
      expect((await api(`/api/flows/${a.key}`, { method: 'DELETE' })).status).toBe(200);
    });
  }
});

describe('hostile s13 #3: take-disk with a journalSeq far beyond the journal', () => {
  it('is refused 409 as save refuses it, and later journal appends are kept', async () => {
    const a = await mk('take seq');
    await writeFile(a.path, JSON.stringify(edit(a.flow, 'from disk'), null, 2));
    const td = await api(`/api/flows/${a.key}/take-disk`, { method: 'POST', body: { flow: edit(a.flow, 'mine'), journalSeq: Number.MAX_SAFE_INTEGER, tab: 't' } });
    expect(td.status).toBe(409);
    expect(td.json.error.code).toBe('journal_seq_ahead');
    // Nothing changed: the ordinary Reload still works, and an edit after it is journaled.
    const ok = await api(`/api/flows/${a.key}/take-disk`, { method: 'POST', body: { flow: edit(a.flow, 'mine'), journalSeq: 0, tab: 't' } });
    expect(ok.status).toBe(200);
    const o = await api(`/api/flows/${a.key}`);
    const j = await api(`/api/flows/${a.key}/journal`, { method: 'POST', body: { entries: [{ seq: Date.now(), flow: edit(o.json.flow, 'typed after reload') }], baseRevision: o.json.revision, tab: 't' } });
    expect(j.json.skipped).toBeUndefined();
    expect((await api(`/api/flows/${a.key}`)).json.flow.description).toBe('typed after reload');
  });

  it('a journal entry numbered far beyond the clock is refused, so it cannot swallow later edits', async () => {
    const a = await mk('append seq');
    const far = await api(`/api/flows/${a.key}/journal`, { method: 'POST', body: { entries: [{ seq: Number.MAX_SAFE_INTEGER, flow: edit(a.flow, 'far') }], baseRevision: a.rev, tab: 't' } });
    expect(far.status).toBe(409);
    const j = await api(`/api/flows/${a.key}/journal`, { method: 'POST', body: { entries: [{ seq: Date.now(), flow: edit(a.flow, 'now') }], baseRevision: a.rev, tab: 't' } });
    expect(j.status).toBe(200);
    expect(j.json.skipped).toBeUndefined();
  });
});

describe('hostile s13 #2: Reload in tab A while tab B has journaled edits', () => {
  async function versionFlows(key: string) {
    const vs = (await api(`/api/flows/${key}/versions`)).json.versions as { revision: number }[];
    return Promise.all(vs.map(async (v) => (await api(`/api/flows/${key}/versions/${v.revision}`)).json.flow));
  }

  it('whole-flow entries: A\'s edit is kept as A\'s version, B\'s as its own (was: B\'s document filed as A\'s, A\'s lost)', async () => {
    const a = await mk('two tabs');
    const base = a.flow;
    await api(`/api/flows/${a.key}/journal`, { method: 'POST', body: { entries: [{ seq: Date.now() + 5000, flow: { ...base, name: 'B renamed it', description: 'tab B text' } }], baseRevision: a.rev, tab: 'B' } });
    await writeFile(a.path, JSON.stringify(edit(base, 'disk'), null, 2));
    const td = await api(`/api/flows/${a.key}/take-disk`, { method: 'POST', body: { flow: edit(base, 'tab A edit'), journalSeq: 1, tab: 'A' } });
    expect(td.status).toBe(200);
    const mine = (await api(`/api/flows/${a.key}/versions/${td.json.editsRevision}`)).json.flow;
    expect(mine.description).toBe('tab A edit');
    expect(mine.name).not.toBe('B renamed it');
    expect(td.json.message).not.toContain('reached the studio after Reload');
    const all = await versionFlows(a.key);
    expect(all.some((f) => f.description === 'tab B text' && f.name === 'B renamed it')).toBe(true);
    expect(td.json.message).toContain(`version ${td.json.othersRevision}`);
    expect((await api(`/api/flows/${a.key}`)).json.flow.description).toBe('disk');
  });

  it('patch entries: B\'s patch is not mixed into A\'s copy; A\'s own late patch is', async () => {
    const a = await mk('two tabs patches');
    const base = a.flow;
    const t = Date.now();
    await api(`/api/flows/${a.key}/journal`, { method: 'POST', body: { entries: [{ seq: t + 5000, patches: [{ op: 'replace', path: ['description'], value: 'tab B text' }] }], baseRevision: a.rev, tab: 'B' } });
    await api(`/api/flows/${a.key}/journal`, { method: 'POST', body: { entries: [{ seq: t + 6000, patches: [{ op: 'replace', path: ['name'], value: 'A late rename' }] }], baseRevision: a.rev, tab: 'A' } });
    await writeFile(a.path, JSON.stringify(edit(base, 'disk'), null, 2));
    const td = await api(`/api/flows/${a.key}/take-disk`, { method: 'POST', body: { flow: { ...base, name: 'A renamed it', description: 'tab A edit' }, journalSeq: t, tab: 'A' } });
    expect(td.status).toBe(200);
    const mine = (await api(`/api/flows/${a.key}/versions/${td.json.editsRevision}`)).json.flow;
    expect(mine.description).toBe('tab A edit');
    expect(mine.name).toBe('A late rename');
    const all = await versionFlows(a.key);
    expect(all.some((f) => f.description === 'tab B text')).toBe(true);
  });
});

describe('hostile s13 #13: a named pipe or a folder at journal/<key>.jsonl', () => {
  it('opening such flows answers 422 at once, and the studio keeps answering (was: frozen)', async () => {
    const flows = [];
    for (let i = 0; i < 5; i++) flows.push(await mk(`jf ${i}`));
    for (const f of flows.slice(0, 4)) execFileSync('mkfifo', [join(home, 'journal', `${f.key}.jsonl`)]);
    const answers = await Promise.all(flows.slice(0, 4).map((f) => api(`/api/flows/${f.key}`, { timeoutMs: 5000 })));
    for (const r of answers) {
      expect(r.status).toBe(422);
      expect(r.json.error.code).toBe('journal_not_a_file');
      expect(r.json.error.message).toContain('named pipe');
    }
    expect((await api(`/api/flows/${flows[4].key}`, { timeoutMs: 5000 })).status).toBe(200);
    expect((await api('/api/flows', { timeoutMs: 5000 })).status).toBe(200);
  }, 30_000);

  it('a folder there: the append is refused 422 with what to do (was 500)', async () => {
    const a = await mk('journal folder');
    await mkdir(join(home, 'journal', `${a.key}.jsonl`));
    const j = await api(`/api/flows/${a.key}/journal`, { method: 'POST', body: { entries: [{ seq: Date.now(), flow: edit(a.flow, 'x') }], baseRevision: a.rev, tab: 't' } });
    expect(j.status).toBe(422);
    expect(j.json.error.message).toContain('a folder');
    expect(j.json.error.hint).toContain('mv ');
  });
});

describe('newcomer s13 #8: the deleted-file wording', () => {
  it('has no nested parentheses', async () => {
    const a = await mk('deleted words');
    await unlink(a.path);
    const disk = await api(`/api/flows/${a.key}/disk`);
    expect(disk.json.state).toBe('missing');
    expect(disk.json.problem).toBe('the file was deleted, or a git checkout removed it');
  });
});

describe('hostile s13 #4: a link swapped in and back between the save\'s target choice and its check', () => {
  it('never writes this flow into the other flow\'s file', async () => {
    const h = await mkdtemp(join(tmpdir(), 'baton-fixhost13-swap-'));
    let hook: ((path: string) => Promise<void>) | null = null;
    const store = await FlowStore.open({
      home: h,
      beforeFlowWrite: async (p) => {
        const f = hook;
        hook = null;
        await f?.(p);
      },
    });
    try {
      const a = await store.create({ name: 'swap a' });
      const b = await store.create({ name: 'swap b' });
      const aPath = join(h, 'flows', `${a.key}.json`);
      const bPath = join(h, 'flows', `${b.key}.json`);
      const aText = await readFile(aPath, 'utf8');
      const bText = await readFile(bPath, 'utf8');
      // Right before the write: a.json becomes a link to b.json (so the write's target is b.json); as soon as the temp
      // file appears (before its fsync and the check), a.json is a plain file again, with the content the save read.
      hook = async () => {
        await symlink(bPath, `${aPath}.l`);
        await rename(`${aPath}.l`, aPath);
        const w = watch(join(h, 'flows'), (_ev, name) => {
          if (!name || !String(name).endsWith('.tmp')) return;
          w.close();
          writeFileSync(`${aPath}.f`, aText);
          renameSync(`${aPath}.f`, aPath);
        });
      };
      const r = await store.save(a.key, { ...a.flow, description: 'mine' }, 0, { overwriteDisk: true }).catch((e: Error) => e);
      expect(await readFile(bPath, 'utf8')).toBe(bText);
      if (!(r instanceof Error)) expect(JSON.parse(await readFile(aPath, 'utf8')).description).toBe('mine');
    } finally {
      await rm(h, { recursive: true, force: true });
    }
  });
});

describe('newcomer s13 #7: a link at the flow\'s path', () => {
  it('the disk check names where it leads (one rule: a link is followed, saves write the file it leads to)', async () => {
    const a = await mk('linked out');
    const outside = join(home, 'repo');
    await mkdir(outside);
    const other = join(outside, 'other.json');
    await writeFile(other, await readFile(a.path, 'utf8'));
    await unlink(a.path);
    await symlink(other, a.path);
    const disk = await api(`/api/flows/${a.key}/disk`);
    expect(disk.json.changed).toBe(false);
    expect(disk.json.linkTo).toBe(other);
    const s = await api(`/api/flows/${a.key}`, { method: 'PUT', body: { flow: edit(a.flow, 'through the link'), journalSeq: 0, baseRevision: a.rev, tab: 't' } });
    expect(s.status).toBe(200);
    expect(JSON.parse(await readFile(other, 'utf8')).description).toBe('through the link');
    expect((await api(`/api/flows/${a.key}/disk`)).json.linkTo).toBe(other);
  });
});

describe('newcomer s13 #6: a large flow file', () => {
  it('over what a save can send: said as its size and the limit (too_large, no Reload), not as broken JSON', async () => {
    const a = await mk('large');
    await writeFile(a.path, JSON.stringify({ ...a.flow, description: 'x'.repeat(40 * 1024 * 1024) }));
    const disk = await api(`/api/flows/${a.key}/disk`);
    expect(disk.json.state).toBe('too_large');
    expect(disk.json.problem).toMatch(/it is 40 MB, larger than a flow the studio can edit \(32 MB at most/);
  }, 30_000);
});
