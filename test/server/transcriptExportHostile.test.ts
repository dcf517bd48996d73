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
