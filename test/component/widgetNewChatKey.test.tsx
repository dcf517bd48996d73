// @vitest-environment jsdom
/**
 * Newcomer s35 #6: the studio's "Run again" opened the previous run's conversation (old revision, old greeting), so
 * the designer did not see her edit. Run's widget link now carries a key per press (newChatKey): the first mount with
 * a new key leaves the stored conversation and starts a new one; a reload with the same key resumes it as before.
 */
import './support/setup';
import { cleanup, render, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { describe, expect, it } from 'vitest';
import { Widget } from '../../renderer/widget/Widget';
import { createChatClient, type ChatEntry } from '../../renderer/widget/chatClient';

const entry = (seq: number, from: ChatEntry['from'], text: string): ChatEntry => ({ id: `c:${seq}`, seq, from, text, at: 1_700_000_000_000 + seq * 1000 });
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A customer API whose n-th conversation greets with `greetings[n-1]` (the flow as edited between two Runs). */
function fakeServer(greetings: string[]) {
  const calls: string[] = [];
  let n = 0;
  const fetch = (async (url: string | URL | Request, init?: RequestInit) => {
    const u = new URL(String(url));
    const method = init?.method ?? 'GET';
    calls.push(`${method} ${u.pathname}`);
    if (method === 'POST' && u.pathname === '/api/v1/flows/shop/conversations') {
      n += 1;
      return json(201, { conversationId: `c${n}`, token: `tok-c${n}`, mode: 'bot', messages: [entry(1, 'bot', greetings[n - 1])] });
    }
    const m = /^\/api\/v1\/conversations\/(c\d+)$/.exec(u.pathname);
    if (method === 'GET' && m) return json(200, { mode: 'bot', messages: [entry(1, 'bot', greetings[Number(m[1].slice(1)) - 1])], lastSeq: 1 });
    if (method === 'POST' && /\/leave$/.test(u.pathname)) return json(200, { mode: 'closed', messages: [], lastSeq: 1 });
    return json(404, { error: 'not_found', message: `${method} ${u.pathname}` });
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const memoryStorage = () => {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
};

describe('widget: a new chat once per key (the studio Run, newcomer s35 #6)', () => {
  it('Run, Run again after an edit, then a reload: new chat with the new greeting, then the same chat', async () => {
    const server = fakeServer(['Hello (old greeting)', 'Hello (edited greeting)']);
    const storage = memoryStorage();
    const open = (key: string) =>
      render(
        <StrictMode>
          <Widget flowId="shop" title="Shop" storage={storage} newChatKey={key} client={createChatClient({ baseUrl: 'http://x', storage, fetch: server.fetch })} />
        </StrictMode>,
      );
    open('run1');
    await screen.findByText('Hello (old greeting)');
    cleanup();

    open('run2'); // Run again, after the designer edited the greeting
    await screen.findByText('Hello (edited greeting)');
    expect(screen.queryByText('Hello (old greeting)')).toBeNull();
    expect(server.calls.filter((c) => c.startsWith('POST'))).toEqual(['POST /api/v1/flows/shop/conversations', 'POST /api/v1/conversations/c1/leave', 'POST /api/v1/flows/shop/conversations']);
    cleanup();

    open('run2'); // a reload of the same window: the same chat
    await screen.findByText('Hello (edited greeting)');
    expect(server.calls.filter((c) => c.startsWith('POST'))).toHaveLength(3);
    expect(server.calls.at(-1)).toBe('GET /api/v1/conversations/c2');
  });
});
