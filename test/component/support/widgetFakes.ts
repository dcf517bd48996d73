/**
 * A scripted customer API for widget component tests: POST /api/v1/flows/shop/conversations starts conversation n
 * (c1, c2, ...) with the messages and mode `start(n)` gives; POST .../leave ends it; anything else is a 404. Every call
 * is recorded as "METHOD /path". (Review of session 40: the widget restart tests had near-copies of it.)
 */
import type { ChatEntry } from '../../../renderer/widget/chatClient';

export const entry = (seq: number, from: ChatEntry['from'], text: string, more: Partial<ChatEntry> = {}): ChatEntry => ({ id: `c:${seq}`, seq, from, text, at: 1_700_000_000_000 + seq * 1000, ...more });
export const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export function fakeCustomerApi(start: (n: number) => { mode: string; messages: ChatEntry[] }) {
  const calls: string[] = [];
  let n = 0;
  const fetch = (async (url: string | URL | Request, init?: RequestInit) => {
    const u = new URL(String(url));
    const method = init?.method ?? 'GET';
    calls.push(`${method} ${u.pathname}`);
    if (method === 'POST' && u.pathname === '/api/v1/flows/shop/conversations') {
      n += 1;
      const { mode, messages } = start(n);
      return json(201, { conversationId: `c${n}`, token: `tok-c${n}`, mode, messages });
    }
    if (method === 'POST' && /\/leave$/.test(u.pathname)) return json(200, { mode: 'closed', messages: [], lastSeq: 4 });
    return json(404, { error: 'not_found', message: `${method} ${u.pathname}` });
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

export const memoryStorage = () => {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
};
