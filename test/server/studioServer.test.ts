/**
 * The studio server over real HTTP on 127.0.0.1: the per-launch secret, flows on disk (atomic, git-friendly,
 * journal replay, edits during a save), versions and restore, import, export, duplicate, trash.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadFlowText } from '../../shared/flow/loadFlowText';
import type { Flow } from '../../shared/flow/schema';
import { startStudioServer, type StudioServer } from '../../runtime/studio/startStudioServer';
import { studioApi } from '../support/studioApi';

let home: string;
let studio: StudioServer;

const api = studioApi(() => studio);

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'baton-studio-'));
  studio = await startStudioServer({ home, port: 0 });
});
afterEach(async () => {
  await studio?.close();
  await rm(home, { recursive: true, force: true });
});

describe('per-launch secret', () => {
  it('refuses API calls without the secret or with a wrong one', async () => {
    const none = await fetch(`${studio.origin}/api/flows`);
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('no_secret');
    const wrong = await fetch(`${studio.origin}/api/flows`, { headers: { 'x-baton-secret': 'guess' } });
    expect(wrong.status).toBe(401);
    const right = await api('/api/flows');
    expect(right.status).toBe(200);
  });

  it('the printed link sets an HttpOnly cookie for pages, but the cookie alone does not open the API', async () => {
    expect(studio.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/studio\/\?token=/);
    const r = await fetch(studio.url, { redirect: 'manual' });
    expect(r.status).toBe(302);
    expect(r.headers.get('location')).toBe('/studio/');
    const cookie = r.headers.get('set-cookie')!;
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const page = await fetch(`${studio.origin}/studio/`, { headers: { cookie: cookie.split(';')[0] } });
    expect(page.status).not.toBe(401);
    const locked = await fetch(`${studio.origin}/studio/`);
    expect(locked.status).toBe(401);
    expect(await locked.text()).toContain('locked');
    const apiWithCookie = await fetch(`${studio.origin}/api/flows`, { headers: { cookie: cookie.split(';')[0] } });
    expect(apiWithCookie.status).toBe(401);
  });

  it('a cookie that cannot be decoded (planted by another app on 127.0.0.1) is ignored, not a 500 on every page (hostile s5 #10)', async () => {
    const r = await fetch(studio.url, { redirect: 'manual' });
    const good = r.headers.get('set-cookie')!.split(';')[0];
    const name = good.slice(0, good.indexOf('='));
    const planted = `${name}=%E0%A4%A`;
    const alone = await fetch(`${studio.origin}/studio/`, { headers: { cookie: planted } });
    expect(alone.status).toBe(401);
    expect(await alone.text()).toContain('locked');
    // The planted value before or after the real one: the real one still opens the page.
    for (const cookie of [`${planted}; ${good}`, `${good}; ${planted}`, `${name}=wrong; ${good}`]) {
      const page = await fetch(`${studio.origin}/studio/`, { headers: { cookie } });
      expect(page.status).toBe(200);
    }
  });

  it('a broken percent-escape in the path is a 400 in the studio error shape, not Fastify\'s (hostile s5 #12)', async () => {
    const r = await api('/api/flows/%E0%A4%A/scenarios');
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('bad_url');
    expect(r.json.statusCode).toBeUndefined();
    const long = await api(`/api/flows/${'k'.repeat(5000)}/scenarios`);
    expect(long.status).toBe(414); // was 403 "The request could not be read: Forbidden"
    expect(long.json.error.code).toBe('uri_too_long');
  });

  it('refuses other hosts (DNS rebinding) and other origins, and never sends CORS headers', async () => {
    // fetch cannot set Host; a raw request can (as a DNS-rebinding page's browser would send it)
    const rebinding = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: studio.port, path: '/api/flows', headers: { host: `evil.example:${studio.port}`, 'x-baton-secret': studio.secret } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(rebinding).toBe(403);
    const otherPage = await api('/api/flows', { headers: { origin: 'http://127.0.0.1:9999' } });
    expect(otherPage.status).toBe(403);
    const crossSite = await api('/api/flows', { headers: { 'sec-fetch-site': 'same-site' } });
    expect(crossSite.status).toBe(403);
    const preflight = await fetch(`${studio.origin}/api/flows`, {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1:9999', 'access-control-request-method': 'DELETE', 'access-control-request-headers': 'x-baton-secret' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.status).toBeGreaterThanOrEqual(400);
  });

  it('serves the page with a Content-Security-Policy', async () => {
    const r = await api('/studio/');
    expect(r.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(r.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});

describe('flows on disk', () => {
  async function createFromTemplate(template = 'customer-support') {
    const r = await api('/api/flows', { method: 'POST', body: { template } });
    expect(r.status).toBe(201);
    return r.json as { key: string; flow: Flow };
  }

  it('creates blank and template flows, lists them, lists templates', async () => {
    const t = await api('/api/templates');
    expect(t.json.templates.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining(['customer-support', 'lead-gen']));
    const blank = await api('/api/flows', { method: 'POST', body: { name: 'My new bot' } });
    expect(blank.status).toBe(201);
    expect(blank.json.key).toBe('my-new-bot');
    expect(blank.json.flow.blocks.map((b: { kind: string }) => b.kind)).toEqual(['start']);
    const { key } = await createFromTemplate();
    const list = await api('/api/flows');
    expect(list.json.flows.map((f: { key: string }) => f.key).sort()).toEqual([key, 'my-new-bot'].sort());
    const again = await createFromTemplate();
    expect(again.key).toBe(`${key}-2`);
    expect(again.flow.id).toBe(`${key}-2`);
  });

  it('saves atomically in a git-friendly format: moving a block changes one line, a logic edit never touches layout lines', async () => {
    const { key } = await createFromTemplate();
    const opened = (await api(`/api/flows/${key}`)).json;
    const file = opened.path as string;
    const before = await readFile(file, 'utf8');
    // stable: re-saving the same document writes the same bytes and makes no version
    const same = await api(`/api/flows/${key}`, { method: 'PUT', body: { flow: opened.flow, journalSeq: 0 } });
    expect(same.json.changed).toBe(false);
    expect(await readFile(file, 'utf8')).toBe(before);

    const moved = structuredClone(opened.flow) as Flow;
    moved.blocks[1].position = { x: 999, y: 111 };
    const r = await api(`/api/flows/${key}`, { method: 'PUT', body: { flow: moved, journalSeq: 0 } });
    expect(r.status).toBe(200);
    expect(r.json.changed).toBe(true);
    const after = await readFile(file, 'utf8');
    const a = before.split('\n');
    const b = after.split('\n');
    expect(b.length).toBe(a.length);
    const changedLines = b.filter((line, i) => line !== a[i]);
    expect(changedLines).toEqual(['      "position": { "x": 999, "y": 111 }']);

    const edited = structuredClone(moved);
    (edited.blocks[1].data as { text: string }).text = 'Hello from the test';
    await api(`/api/flows/${key}`, { method: 'PUT', body: { flow: edited, journalSeq: 0 } });
    const after2 = (await readFile(file, 'utf8')).split('\n');
    const changed2 = after2.filter((line, i) => line !== b[i]);
    expect(changed2).toHaveLength(1);
    expect(changed2[0]).toContain('Hello from the test');
    // no temp files left behind, and the file is a valid flow
    expect((await readdir(join(home, 'flows'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(loadFlowText(after2.join('\n')).ok).toBe(true);
  });

  it('refuses to save a broken document with problems, and keeps the file as it was', async () => {
    const { key } = await createFromTemplate();
    const opened = (await api(`/api/flows/${key}`)).json;
    const before = await readFile(opened.path, 'utf8');
    const r = await api(`/api/flows/${key}`, { method: 'PUT', body: { flow: { ...opened.flow, blocks: [{ id: 'x', kind: 'teleport' }] }, journalSeq: 0 } });
    expect(r.status).toBe(422);
    expect(r.json.error.problems[0]).toMatchObject({ path: expect.stringContaining('$.blocks[0]'), hint: expect.any(String) });
    expect(await readFile(opened.path, 'utf8')).toBe(before);
  });

  it('replays the journal of unsaved edits on the next open after a restart', async () => {
    const { key } = await createFromTemplate();
    const opened = (await api(`/api/flows/${key}`)).json;
    expect(opened.recovered).toBe(false);
    const j = await api(`/api/flows/${key}/journal`, {
      method: 'POST',
      body: {
        entries: [
          { seq: 1, patches: [{ op: 'replace', path: ['name'], value: 'Renamed in the journal' }] },
          { seq: 2, patches: [{ op: 'replace', path: ['blocks', 1, 'data', 'text'], value: 'Unsaved greeting' }] },
        ],
      },
    });
    expect(j.status).toBe(200);
    // the studio stops without saving (journal is durable before the call returns)
    await studio.close();
    studio = await startStudioServer({ home, port: 0 });
    const reopened = (await api(`/api/flows/${key}`)).json;
    expect(reopened.recovered).toBe(true);
    expect(reopened.replayed).toBe(2);
    expect(reopened.journalSeq).toBe(2);
    expect(reopened.flow.name).toBe('Renamed in the journal');
    expect(reopened.flow.blocks[1].data.text).toBe('Unsaved greeting');
  });

  it('a journal with a broken edit recovers every edit before it and says so', async () => {
    const { key } = await createFromTemplate();
    await api(`/api/flows/${key}/journal`, {
      method: 'POST',
      body: {
        entries: [
          { seq: 1, patches: [{ op: 'replace', path: ['name'], value: 'Good edit 1' }] },
          { seq: 2, patches: [{ op: 'replace', path: ['description'], value: 'Good edit 2' }] },
          { seq: 3, patches: [{ op: 'replace', path: ['blocks', 0, 'kind'], value: 'teleport' }] },
          { seq: 4, patches: [{ op: 'replace', path: ['name'], value: 'After the bad one' }] },
        ],
      },
    });
    const r = (await api(`/api/flows/${key}`)).json;
    expect(r.recovered).toBe(true);
    expect(r.replayed).toBe(2);
    expect(r.journalSeq).toBe(4);
    expect(r.flow.name).toBe('Good edit 1');
    expect(r.flow.description).toBe('Good edit 2');
    expect(r.problems[0]).toMatchObject({ code: 'journal_replay_stopped', message: expect.stringContaining('#3') });
  });

  it('keeps edits made while a save was in flight (they stay in the journal)', async () => {
    const { key } = await createFromTemplate();
    const opened = (await api(`/api/flows/${key}`)).json;
    const v1 = { ...opened.flow, name: 'Edit 1' };
    await api(`/api/flows/${key}/journal`, { method: 'POST', body: { entries: [{ seq: 1, patches: [{ op: 'replace', path: ['name'], value: 'Edit 1' }] }] } });
    // the save of seq 1 and the journal of seq 2 race
    const [save] = await Promise.all([
      api(`/api/flows/${key}`, { method: 'PUT', body: { flow: v1, journalSeq: 1 } }),
      api(`/api/flows/${key}/journal`, { method: 'POST', body: { entries: [{ seq: 2, patches: [{ op: 'replace', path: ['description'], value: 'Edit 2, typed during the save' }] }] } }),
    ]);
    expect(save.status).toBe(200);
    const reopened = (await api(`/api/flows/${key}`)).json;
    expect(reopened.flow.name).toBe('Edit 1');
    expect(reopened.flow.description).toBe('Edit 2, typed during the save');
    expect(reopened.recovered).toBe(true);
    const journal = await readFile(join(home, 'journal', `${key}.jsonl`), 'utf8');
    expect(journal.trim().split('\n').map((l) => JSON.parse(l).seq)).toEqual([2]);
  });

  it('keeps a version per save with a readable diff, and restoring is itself a new version', async () => {
    const { key } = await createFromTemplate();
    const opened = (await api(`/api/flows/${key}`)).json;
    const flow = structuredClone(opened.flow) as Flow;
    flow.blocks = flow.blocks.filter((b) => b.id !== 'welcome');
    flow.edges = flow.edges.filter((e) => e.from !== 'welcome' && e.to !== 'welcome');
    flow.blocks.push({ id: 'extra', kind: 'message', position: { x: 5, y: 5 }, data: { text: 'New block' } } as Flow['blocks'][number]);
    await api(`/api/flows/${key}`, { method: 'PUT', body: { flow, journalSeq: 0 } });
    const versions = (await api(`/api/flows/${key}/versions`)).json.versions;
    expect(versions.map((v: { revision: number }) => v.revision)).toEqual([2, 1]);
    expect(versions[0].summary).toMatch(/1 block added, 1 block removed/);
    const v1 = (await api(`/api/flows/${key}/versions/1`)).json;
    expect(v1.diff.blocks.added.map((b: { id: string }) => b.id)).toEqual(['welcome']);
    expect(v1.diff.blocks.removed.map((b: { id: string }) => b.id)).toEqual(['extra']);
    const restored = await api(`/api/flows/${key}/versions/1/restore`, { method: 'POST' });
    expect(restored.json.revision).toBe(3);
    const after = (await api(`/api/flows/${key}`)).json.flow;
    expect(after.blocks.some((b: { id: string }) => b.id === 'welcome')).toBe(true);
    const list = (await api(`/api/flows/${key}/versions`)).json.versions;
    expect(list[0]).toMatchObject({ revision: 3, restoredFrom: 1 });
    // undo the restore: restore version 2
    await api(`/api/flows/${key}/versions/2/restore`, { method: 'POST' });
    expect((await api(`/api/flows/${key}`)).json.flow.blocks.some((b: { id: string }) => b.id === 'extra')).toBe(true);
    expect((await api(`/api/flows/${key}/versions/99`)).status).toBe(404);
  });

  it('imports a valid file (migrating old formats) and refuses a broken one with problems, changing nothing', async () => {
    const v0 = await readFile('test/fixtures/flows/v0-support.json', 'utf8');
    const ok = await api('/api/import', { method: 'POST', body: { text: v0, fileName: 'v0-support.json' } });
    expect(ok.status).toBe(201);
    expect(ok.json.flow.version).toBe(1);
    expect(ok.json.flow.blocks.find((b: { id: string }) => b.id === 'agent').kind).toBe('human_takeover');
    const listBefore = (await api('/api/flows')).json.flows;
    const filesBefore = await readdir(join(home, 'flows'));

    const badJson = await api('/api/import', { method: 'POST', body: { text: '{ "version": 1, "blocks": [ }', fileName: 'broken.json' } });
    expect(badJson.status).toBe(422);
    expect(badJson.json.error.message).toContain('broken.json');
    expect(badJson.json.error.problems[0]).toMatchObject({ code: 'json_syntax', line: 1 });

    const badShape = await api('/api/import', {
      method: 'POST',
      body: { text: JSON.stringify({ version: 1, id: 'x', name: 'X', blocks: [{ id: 'a', kind: 'message', data: { text: 5 } }] }), fileName: 'shape.json' },
    });
    expect(badShape.status).toBe(422);
    expect(badShape.json.error.problems[0]).toMatchObject({ path: '$.blocks[0].data.text', blockId: 'a', hint: expect.any(String) });

    expect((await api('/api/flows')).json.flows).toEqual(listBefore);
    expect(await readdir(join(home, 'flows'))).toEqual(filesBefore);
  });

  it('exports logic-only JSON, byte-for-byte stable, secrets stripped, valid', async () => {
    const { key } = await createFromTemplate();
    const opened = (await api(`/api/flows/${key}`)).json;
    const flow = structuredClone(opened.flow) as Flow;
    flow.blocks.push({
      id: 'call',
      kind: 'http_request',
      position: { x: 0, y: 0 },
      data: { method: 'GET', url: 'https://api.example.com/orders?api_key=abcd1234efgh5678', headers: { Authorization: 'Bearer abcdefghijklmnopqrstuvwxyz123456' } },
    } as unknown as Flow['blocks'][number]);
    await api(`/api/flows/${key}`, { method: 'PUT', body: { flow, journalSeq: 0 } });
    const e1 = (await api(`/api/flows/${key}/export`)).json;
    const e2 = (await api(`/api/flows/${key}/export`)).json;
    expect(e1.text).toBe(e2.text);
    expect(e1.text).not.toContain('abcd1234efgh5678');
    expect(e1.text).not.toContain('abcdefghijklmnopqrstuvwxyz123456');
    expect(e1.text).toContain('{{secrets.');
    expect(e1.warnings.length).toBe(2);
    expect(e1.text).not.toContain('"position"');
    expect(e1.text).not.toContain('"notes"'); // canvas-only, and empty lists are never written
    const parsed = loadFlowText(e1.text);
    expect(parsed.flow).not.toBeNull();
    const withLayout = (await api(`/api/flows/${key}/export?layout=1`)).json.text;
    expect(withLayout).toContain('"position"');
    // Session 39 (newcomer s39 N17; the studio's Export asks layout=1 by default): imported back, every block keeps
    // its place on the canvas (it was laid out afresh).
    const back = await api('/api/import', { method: 'POST', body: { text: withLayout, fileName: 'shared-by-a-colleague.json' } });
    expect(back.status).toBe(201);
    const placed = (f: Flow) => Object.fromEntries(f.blocks.map((b) => [b.id, b.position]));
    expect(placed(back.json.flow as Flow)).toEqual(placed(loadFlowText(withLayout).flow!));
    expect(Object.values(placed(back.json.flow as Flow)).every((p) => p !== undefined)).toBe(true);
    const download = await api(`/api/flows/${key}/export?download=1`);
    expect(download.headers.get('content-disposition')).toContain(`${key}.json`);
    expect(download.text).toBe(e1.text);
  });

  it('names the export file by the flow id after the id is changed in Flow settings (newcomer s35), by its key when the id is invalid', async () => {
    const { key } = await createFromTemplate('lead-gen');
    const opened = (await api(`/api/flows/${key}`)).json;
    const flow = { ...(opened.flow as Flow), id: 'newcomer-shop' };
    expect((await api(`/api/flows/${key}`, { method: 'PUT', body: { flow, journalSeq: 0 } })).status).toBe(200);
    const r = (await api(`/api/flows/${key}/export`)).json;
    expect(r.fileName).toBe('newcomer-shop.json');
    expect(r.scenarios.fileName).toBe('newcomer-shop.scenarios.json');
    expect(JSON.parse(r.scenarios.text).flow).toBe('newcomer-shop');
    expect((await api(`/api/flows/${key}/export?download=1`)).headers.get('content-disposition')).toContain('filename="newcomer-shop.json"');
    const bad = { ...flow, id: 'shop "one"/../x' };
    expect((await api(`/api/flows/${key}`, { method: 'PUT', body: { flow: bad, journalSeq: 0 } })).status).toBe(200);
    expect((await api(`/api/flows/${key}/export`)).json.fileName).toBe(`${key}.json`);
  });

  it('Duplicate names the copy after the flow id as it is now, not the key it was created with (newcomer s35 #5)', async () => {
    const { key } = await createFromTemplate('lead-gen');
    const opened = (await api(`/api/flows/${key}`)).json;
    expect((await api(`/api/flows/${key}`, { method: 'PUT', body: { flow: { ...(opened.flow as Flow), id: 'newcomer-shop' }, journalSeq: 0 } })).status).toBe(200);
    const dup = await api(`/api/flows/${key}/duplicate`, { method: 'POST' });
    expect(dup.json.key).toBe('newcomer-shop-copy');
    expect(dup.json.flow.id).toBe('newcomer-shop-copy');
    // A second copy is numbered; the original keeps its key (the editor's address).
    expect((await api(`/api/flows/${key}/duplicate`, { method: 'POST' })).json.key).toBe('newcomer-shop-copy-2');
    expect((await api(`/api/flows/${key}`)).json.flow.id).toBe('newcomer-shop');
  });

  it('keeps recorded scenarios beside the flow: from the template, validated on write, duplicated, trashed and restored with it', async () => {
    const { key } = await createFromTemplate('lead-gen');
    const r = await api(`/api/flows/${key}/scenarios`);
    expect(r.status).toBe(200);
    expect(r.json.exists).toBe(true);
    expect(r.json.file.flow).toBe(key);
    expect(r.json.file.scenarios.length).toBeGreaterThan(0);
    const file = join(home, 'flows', `${key}.scenarios.json`);
    const bad = await api(`/api/flows/${key}/scenarios`, { method: 'PUT', body: { version: 1, scenarios: [{ name: 'x', steps: [{ sayy: 'hi' }] }] } });
    expect(bad.status).toBe(422);
    expect(bad.json.error.problems[0].path).toContain('$.scenarios[0]');
    const kept = { ...r.json.file, scenarios: r.json.file.scenarios.slice(0, 1) };
    const ok = await api(`/api/flows/${key}/scenarios`, { method: 'PUT', body: kept });
    expect(ok.json.scenarios).toBe(1);
    expect(JSON.parse(await readFile(file, 'utf8')).scenarios).toHaveLength(1);
    const dup = (await api(`/api/flows/${key}/duplicate`, { method: 'POST' })).json;
    expect((await api(`/api/flows/${dup.key}/scenarios`)).json.file).toMatchObject({ flow: dup.key, scenarios: [expect.anything()] });
    await api(`/api/flows/${key}`, { method: 'DELETE' });
    expect(existsSync(file)).toBe(false);
    const trashId = (await api('/api/trash')).json.trash[0].trashId;
    await api(`/api/trash/${trashId}/restore`, { method: 'POST' });
    expect((await api(`/api/flows/${key}/scenarios`)).json.file.scenarios).toHaveLength(1);
  });

  it('duplicates, deletes into the trash and restores from it', async () => {
    const { key } = await createFromTemplate('lead-gen');
    const dup = await api(`/api/flows/${key}/duplicate`, { method: 'POST' });
    expect(dup.status).toBe(201);
    expect(dup.json.flow.name).toMatch(/\(copy\)$/);
    const del = await api(`/api/flows/${key}`, { method: 'DELETE' });
    expect(del.status).toBe(200);
    expect((await api('/api/flows')).json.flows.map((f: { key: string }) => f.key)).toEqual([dup.json.key]);
    expect((await api(`/api/flows/${key}`)).status).toBe(404);
    const trash = (await api('/api/trash')).json.trash;
    expect(trash).toHaveLength(1);
    const back = await api(`/api/trash/${trash[0].trashId}/restore`, { method: 'POST' });
    expect(back.json.key).toBe(key);
    const reopened = (await api(`/api/flows/${key}`)).json;
    expect(reopened.flow.id).toBe(key);
    expect((await api(`/api/flows/${key}/versions`)).json.versions.length).toBeGreaterThan(0);
    expect((await api('/api/trash')).json.trash).toEqual([]);
  });

  it('a flow file broken by hand opens with its problems and is left untouched; files dropped in the folder are listed', async () => {
    await writeFile(join(home, 'flows', 'by-hand.json'), '{ "version": 1, "id": "by-hand", "name": "By hand", "blocks": [ ');
    await studio.close();
    studio = await startStudioServer({ home, port: 0 });
    const list = (await api('/api/flows')).json.flows;
    expect(list.find((f: { key: string }) => f.key === 'by-hand').problem).toMatch(/not valid JSON/);
    const r = await api('/api/flows/by-hand');
    expect(r.status).toBe(422);
    expect(r.json.error.problems[0].code).toBe('json_syntax');
    expect(await readFile(join(home, 'flows', 'by-hand.json'), 'utf8')).toBe('{ "version": 1, "id": "by-hand", "name": "By hand", "blocks": [ ');
  });

  it('answers bad calls with clear errors, never a stack trace', async () => {
    const noFlow = await api('/api/flows/nope');
    expect(noFlow.status).toBe(404);
    expect(noFlow.json.error.hint).toBeTruthy();
    const badKey = await api('/api/flows/..%2F..%2Fetc');
    expect(badKey.status).toBe(400);
    const badJson = await fetch(`${studio.origin}/api/import`, { method: 'POST', headers: { 'x-baton-secret': studio.secret, 'content-type': 'application/json' }, body: '{nope' });
    expect(badJson.status).toBe(400);
    const text = await badJson.text();
    expect(text).not.toMatch(/at .*\.(ts|js):\d+/);
    const noRoute = await api('/api/nothing');
    expect(noRoute.status).toBe(404);
    const prefs = await api('/api/preferences', { method: 'PUT', body: { theme: 'dark' } });
    expect(prefs.json.preferences).toEqual({ theme: 'dark' });
  });
});
