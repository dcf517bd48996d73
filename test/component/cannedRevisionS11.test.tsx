// @vitest-environment jsdom
/**
 * Hostile s11 #17 (inbox side): the canned replies' revision read with the list goes back with the save, so the server
 * can refuse (409) a save made on a list someone edited since, instead of deleting the reply they added.
 */
import { describe, expect, it, vi } from 'vitest';
import { createAdminApi } from '../../renderer/inbox/admin/adminApi';
import { createInboxApi } from '../../renderer/inbox/inboxApi';

function fakeFetch(calls: string[]) {
  let revision = 7;
  return vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    const u = new URL(String(url));
    calls.push(`${init?.method ?? 'GET'} ${u.pathname}${u.search}`);
    if ((init?.method ?? 'GET') === 'PUT') {
      const sent = u.searchParams.get('revision');
      if (sent !== null && Number(sent) !== revision) return new Response(JSON.stringify({ error: 'agents_file_changed', message: 'The canned replies changed since you opened them.' }), { status: 409 });
      revision++;
    }
    return new Response(JSON.stringify({ replies: [{ shortcut: 'hi', text: 'Hello' }], revision }), { status: 200 });
  });
}

describe('canned replies are saved on the revision they were read at', () => {
  for (const [name, make] of [
    ['admin screen API', (f: typeof fetch) => createAdminApi({ baseUrl: 'http://127.0.0.1:9', fetch: f })],
    ['inbox API', (f: typeof fetch) => createInboxApi({ baseUrl: 'http://127.0.0.1:9', fetch: f })],
  ] as const) {
    it(name, async () => {
      const calls: string[] = [];
      const api = make(fakeFetch(calls) as unknown as typeof fetch);
      await api.cannedReplies!('tok');
      await api.saveCannedReplies!('tok', [{ shortcut: 'hi', text: 'Hello there' }]);
      await api.saveCannedReplies!('tok', [{ shortcut: 'hi', text: 'Hello again' }]);
      expect(calls).toEqual(['GET /api/v1/agent/canned-replies', 'PUT /api/v1/agent/canned-replies?revision=7', 'PUT /api/v1/agent/canned-replies?revision=8']);
    });
  }
});
