/**
 * Hostile s8 findings on the admin transcript export (runtime/server/transcriptExport.ts), each a behaviour an admin
 * or a customer would notice: a misspelled filter exported everyone (#7), a stalled download held shutdown (#9), one
 * damaged conversation made the whole export a bare 500 (#10), Unicode line breaks forged speaker lines (#2), CSV cells
 * split by ';' locales ran as formulas (#3), the id-list limits did not agree with the docs (#8).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, auth, startTestRuntime, type TestRuntime } from './runtimeFixtures';

let r: TestRuntime;
const ids: string[] = [];

async function raw(path: string, init: RequestInit = {}) {
  const res = await fetch(r.url + path, { ...init, headers: { ...auth(ADMIN), ...(init.headers as Record<string, string>) } });
  return { status: res.status, headers: res.headers, text: await res.text() };
}
const post = (path: string, body: unknown) => raw(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

beforeAll(async () => {
  r = await startTestRuntime();
  for (let i = 0; i < 3; i++) ids.push((await r.post('/api/v1/flows/shop/conversations', {})).body.conversationId);
});
afterAll(() => r.stop());

describe('#7 a misspelled filter is refused, not answered with every conversation', () => {
  it.each([`id=ID`, `conversationId=ID`, `Ids=ID`, `ids[]=ID`, `flowid=shop`, `status=closed`])('GET ?%s -> 400 naming the field', async (q) => {
    const key = q.split('=')[0];
    const res = await raw(`/api/v1/admin/transcripts?${q.replace('ID', ids[0])}`);
    expect(res.status).toBe(400);
    const body = JSON.parse(res.text);
    expect(body.error).toBe('invalid_request');
    expect(body.message).toContain(`"${key}"`);
    expect(body.message).toContain('ids, flowId, mode, from, to, limit, offset, format');
    expect(res.text).not.toContain(ids[1]);
  });

  it('POST {"idz": [...]} -> 400 naming "idz" and the accepted fields', async () => {
    const res = await post('/api/v1/admin/transcripts/export', { idz: [ids[0]] });
    expect(res.status).toBe(400);
    const body = JSON.parse(res.text);
    expect(body.message).toContain('"idz"');
    expect(body.message).toContain('accepted fields are ids, flowId');
    expect(res.text).not.toContain(ids[1]);
  });

  it('one transcript: ?fromat=csv -> 400 naming it; the right spelling still works', async () => {
    const bad = await raw(`/api/v1/admin/conversations/${ids[0]}/transcript?fromat=csv`);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).message).toContain('"fromat"');
    expect((await raw(`/api/v1/admin/transcripts?ids=${ids[0]}&format=csv`)).status).toBe(200);
  });
});

describe('#10 one damaged conversation does not make the whole export a bare 500', () => {
  // The store's own error for a damaged data folder (runtime/store/embeddedStore.ts statePart).
  const damaged = (id: string) => new Error(`conversation ${id}: its state field "escalation" is missing from the data folder /d (stateParts); restore the folder from a backup`);

  it('a log that cannot be read: that conversation is marked with the reason, the others are exported (json, jsonl, csv, text)', async () => {
    const readLog = r.store.readLog;
    r.store.readLog = (id, after, limit) => (id === ids[1] ? Promise.reject(damaged(ids[1])) : readLog.call(r.store, id, after, limit));
    try {
      const json = await raw(`/api/v1/admin/transcripts?ids=${ids.join(',')}`);
      expect(json.status).toBe(200);
      const body = JSON.parse(json.text);
      expect(body.conversations).toHaveLength(3);
      const bad = body.conversations.find((c: { conversationId: string }) => c.conversationId === ids[1]);
      expect(bad.error).toContain(`conversation ${ids[1]}`);
      expect(bad.error).toContain('restore the folder from a backup');
      expect(body.conversations.filter((c: { messages: unknown[] }) => c.messages.length > 0)).toHaveLength(2);

      const jsonl = (await raw(`/api/v1/admin/transcripts?ids=${ids.join(',')}&format=jsonl`)).text.trim().split('\n').map((l) => JSON.parse(l));
      expect(jsonl.find((l) => l.conversationId === ids[1]).error).toContain('left out of this export');
      expect(jsonl.filter((l) => l.conversationId === ids[2] && l.from === 'bot').length).toBeGreaterThan(0);

      const csv = (await raw(`/api/v1/admin/transcripts?ids=${ids.join(',')}&format=csv`)).text;
      expect(csv).toMatch(new RegExp(`${ids[1]},shop,\\w+,,,error,,"?conversation ${ids[1]}: its messages could not be read`));
      expect(csv).toContain(`${ids[2]},shop`);

      const text = (await raw(`/api/v1/admin/transcripts?ids=${ids.join(',')}&format=text`)).text;
      expect(text).toContain(`(ERROR: conversation ${ids[1]}: its messages could not be read`);
      expect(text.split('Welcome to the shop!').length - 1).toBe(2);
    } finally {
      r.store.readLog = readLog;
    }
  });

  it('a record that cannot be read: a 500 naming it and how to export the others (not "something went wrong")', async () => {
    const get = r.store.getConversation;
    const list = r.store.listByMode;
    r.store.getConversation = (id) => (id === ids[1] ? Promise.reject(damaged(ids[1])) : get.call(r.store, id));
    r.store.listByMode = (m) => (m === 'bot' ? Promise.reject(damaged(ids[1])) : list.call(r.store, m));
    try {
      const byIds = await raw(`/api/v1/admin/transcripts?ids=${ids.join(',')}`);
      expect(byIds.status).toBe(500);
      const b = JSON.parse(byIds.text);
      expect(b.error).toBe('conversation_unreadable');
      expect(b.message).toContain(`"${ids[1]}"`);
      expect(b.message).toContain('restore the folder from a backup');
      expect(b.message).toContain('Leave it out of querystring.ids to export the others');
      const all = await raw('/api/v1/admin/transcripts');
      expect(all.status).toBe(500);
      expect(JSON.parse(all.text).message).toContain(`conversation ${ids[1]}`);
      expect(JSON.parse(all.text).message).toContain('Export the other modes');
      expect((await raw(`/api/v1/admin/transcripts?ids=${ids[0]},${ids[2]}`)).status).toBe(200);
    } finally {
      r.store.getConversation = get;
      r.store.listByMode = list;
    }
  });
});

/** What a speaker line looks like in the text export. */
const SPEAKER = /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\] (Bot|Customer|System|Agent[^:]*):/;

describe('#2 Unicode line breaks in a message cannot forge another speaker line in the text export', () => {
  it.each([
    ['U+2028', '\u2028'],
    ['U+2029', '\u2029'],
    ['NEL', '\u0085'],
    ['VT', '\v'],
    ['FF', '\f'],
  ])('%s', async (_name, sep) => {
    const c = (await r.post('/api/v1/flows/shop/conversations', {})).body;
    const forged = '[2026-12-01 09:40:00 UTC] Agent Alice: your refund of 900 EUR is approved';
    const sent = await r.post(`/api/v1/conversations/${c.conversationId}/messages`, { text: `ok${sep}${forged}` }, auth(c.token));
    expect(sent.status).toBe(200);
    const text = (await raw(`/api/v1/admin/conversations/${c.conversationId}/transcript?format=text`)).text;
    // Read it as Python's splitlines() (and editors, log viewers) do: every Unicode line terminator ends a line.
    const lines = text.split(/\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]/);
    // No line starts as the forged speaker.
    expect(lines.some((l) => l.startsWith(forged))).toBe(false);
    if (sep === '\v' || sep === '\f') {
      // Session 17 (hostile s16 H#16 rest, 91c0cad): C0 controls other than tab, CR and LF are dropped at the API door,
      // so the forged text stays on the customer's own line.
      expect(text).toContain('Customer: ok' + forged);
      return;
    }
    expect(lines.filter((l) => SPEAKER.test(l)).every((l) => !l.includes('Agent Alice'))).toBe(true);
    expect(lines.filter((l) => l.includes('Agent Alice'))).toEqual(['    ' + forged]);
    expect(text).toContain('Customer: ok\n    ' + forged);
  });
});

describe('#3 CSV cells that a ;-separator locale would split into a formula are defused and quoted', () => {
  it('x;=1+1;y, leading spaces, and tab-separated parts', async () => {
    const c = (await r.post('/api/v1/flows/shop/conversations', {})).body;
    for (const text of ['x;=1+1;y', ' =2+2', 'a\t@SUM(1)', 'plain; text'])
      expect((await r.post(`/api/v1/conversations/${c.conversationId}/messages`, { text }, auth(c.token))).status).toBe(200);
    const csv = (await raw(`/api/v1/admin/conversations/${c.conversationId}/transcript?format=csv`)).text;
    expect(csv).toContain(`,"x;'=1+1;y",`);
    expect(csv).toContain(`,' =2+2,`);
    expect(csv).toContain(`,"a\t'@SUM(1)",`);
    expect(csv).toContain(`,"plain; text",`);
    // Opened in a ';'-separator locale: no piece of any row starts (after spaces and quotes) a formula.
    for (const row of csv.split('\r\n').slice(1))
      for (const piece of row.split(/[;\t]/)) expect(piece.replace(/^[\s"]+/, '')).not.toMatch(/^[=+\-@]/);
  });
});

describe('#8 the id-list limits: the documented ones work, past them an answer in the API error shape', () => {
  it('POST takes 1,000 ids of 100 characters (before: 413 body_too_large at 64 KB)', async () => {
    const many = Array.from({ length: 1000 }, (_, i) => `${String(i).padStart(4, '0')}-${'x'.repeat(95)}`);
    const res = await post('/api/v1/admin/transcripts/export', { ids: many });
    // Read and looked up: every id is unknown here, so a 404 naming them (not a refusal of the body's size).
    expect(res.status).toBe(404);
    expect(JSON.parse(res.text)).toMatchObject({ error: 'conversation_not_found', field: 'body.ids' });
    expect(JSON.parse(res.text).message).toContain('1000 of 1000 conversation ids are unknown');
    const huge = await post('/api/v1/admin/transcripts/export', { ids: [ids[0]], flowId: 'y'.repeat(300 * 1024) });
    expect(huge.status).toBe(413);
    expect(JSON.parse(huge.text)).toMatchObject({ error: 'body_too_large', message: 'The request body is larger than 262144 bytes.' });
  });

  it('GET: about 320 UUIDs work; a longer list is a 400 pointing at POST (before: Node 431 in a foreign shape past ~440)', async () => {
    const uuids = Array.from({ length: 320 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const ok = await raw(`/api/v1/admin/transcripts?ids=${[ids[0], ...uuids].join(',')}`);
    expect(ok.status).toBe(404); // read and looked up (unknown ids), not refused for its length
    const more = Array.from({ length: 500 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const long = await raw(`/api/v1/admin/transcripts?ids=${more.join(',').slice(0, 12_001)}`);
    expect(long.status).toBe(400);
    const body = JSON.parse(long.text);
    expect(body).toMatchObject({ error: 'invalid_request', field: 'querystring.ids' });
    expect(body.message).toContain('use POST /api/v1/admin/transcripts/export');
  });

  it('/openapi.json gives the same limits as the schema enforces', async () => {
    const doc = (await r.get('/openapi.json')).body;
    const p = doc.paths['/api/v1/admin/transcripts'].get.parameters.find((x: { name: string }) => x.name === 'ids');
    expect(p.schema.maxLength).toBe(12_000);
    expect(p.description ?? p.schema.description).toContain('at most 12,000 characters');
    const body = doc.paths['/api/v1/admin/transcripts/export'].post.requestBody.content['application/json'].schema;
    expect(body.properties.ids.maxItems).toBe(1000);
    expect(body.properties.ids.description).toContain('at most 1,000');
  });
});
