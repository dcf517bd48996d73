// @vitest-environment jsdom
/**
 * One page view is one conversation, in every build. The widget's page renders under <StrictMode>, which in a
 * React development build runs every effect twice on mount: the widget's start must still POST once. These tests
 * drive the real chat client (renderer/widget/chatClient.ts) against a scripted fetch and COUNT the requests the
 * server would see: new conversations (POST /flows/:id/conversations), resumes (GET /conversations/:id).
 */
import './support/setup';
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode } from 'react';
import { describe, expect, it } from 'vitest';
import { Widget } from '../../renderer/widget/Widget';
import { createChatClient, type ChatClient, type ChatEntry } from '../../renderer/widget/chatClient';

const entry = (seq: number, from: ChatEntry['from'], text: string): ChatEntry => ({ id: `c:${seq}`, seq, from, text, at: 1_700_000_000_000 + seq * 1000 });

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A scripted customer API: every new conversation greets with "Hello from cN"; answers come after a short delay. */
function fakeServer() {
  const creates: string[] = [];
  const resumes: string[] = [];
  const known = new Map<string, ChatEntry[]>();
  /** When set, conversation creations wait for it: "before the answer" then holds however slow the machine is. */
  const hold: { gate: Promise<void> | null } = { gate: null };
  const fetch = (async (url: string | URL | Request, init?: RequestInit) => {
    await new Promise((r) => setTimeout(r, 15)); // both StrictMode runs are in flight at once, as over a network
    const u = new URL(String(url));
    const method = init?.method ?? 'GET';
    const created = /^\/api\/v1\/flows\/([^/]+)\/conversations$/.exec(u.pathname);
    if (method === 'POST' && created && hold.gate) await hold.gate;
    if (method === 'POST' && created) {
      const id = `c${creates.length + 1}`;
      creates.push(id);
      const messages = [entry(1, 'bot', `Hello from ${id}`)];
      known.set(id, messages);
      return json(201, { conversationId: id, token: `tok-${id}`, mode: 'bot', messages });
    }
    const conv = /^\/api\/v1\/conversations\/([^/]+)$/.exec(u.pathname);
    if (method === 'GET' && conv) {
      resumes.push(conv[1]);
      const messages = known.get(conv[1]);
      if (!messages) return json(404, { error: 'conversation_not_found', message: 'No such conversation.' });
      return json(200, { mode: 'bot', messages, lastSeq: messages.length });
    }
    return json(404, { error: 'not_found', message: `${method} ${u.pathname}` });
  }) as typeof globalThis.fetch;
  return { fetch, creates, resumes, known, hold };
}

const memoryStorage = () => {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), m };
};

/** Lets every scripted answer arrive (and any late second start show itself) before counting. */
const settle = () => act(() => new Promise((r) => setTimeout(r, 120)));

describe('widget under StrictMode: one page view, one conversation', () => {
  it('starts ONE conversation on mount (StrictMode runs the start effect twice in development builds)', async () => {
    const server = fakeServer();
    const storage = memoryStorage();
    const client = createChatClient({ baseUrl: 'http://x', storage, fetch: server.fetch });
    render(
      <StrictMode>
        <Widget flowId="shop" title="Shop" client={client} />
      </StrictMode>,
    );
    await screen.findByText('Hello from c1');
    await settle();
    expect(server.creates).toEqual(['c1']);
    expect(JSON.parse(storage.m.get('baton.widget.shop')!)).toEqual({ conversationId: 'c1', token: 'tok-c1' });
    expect(screen.queryByText('Hello from c2')).toBeNull();
  });

  it('the widget itself asks its client to start once per mount (whatever the client does with repeats)', async () => {
    let starts = 0;
    const client: ChatClient = {
      start: async () => ((starts += 1), { conversationId: `c${starts}`, token: 't', mode: 'bot', messages: [entry(1, 'bot', `Hello from c${starts}`)], lastSeq: 1, resumed: false }),
      restart: async () => Promise.reject(new Error('not used')),
      send: async () => Promise.reject(new Error('not used')),
      catchUp: async () => ({ mode: 'bot', messages: [], lastSeq: 1 }),
      typing: async () => undefined,
      listen: () => () => undefined,
    };
    const view = render(
      <StrictMode>
        <Widget flowId="shop" title="Shop" client={client} />
      </StrictMode>,
    );
    await screen.findByText('Hello from c1');
    await settle();
    expect(starts).toBe(1);
    // Another flow in the same mounted widget is another start.
    view.rerender(
      <StrictMode>
        <Widget flowId="sales" title="Shop" client={client} />
      </StrictMode>,
    );
    await screen.findByText('Hello from c2');
    expect(starts).toBe(2);
  });

  it('a reload resumes the stored conversation: no new conversation, the same messages', async () => {
    const server = fakeServer();
    const storage = memoryStorage();
    const first = render(
      <StrictMode>
        <Widget flowId="shop" title="Shop" client={createChatClient({ baseUrl: 'http://x', storage, fetch: server.fetch })} />
      </StrictMode>,
    );
    await screen.findByText('Hello from c1');
    await settle();
    first.unmount();
    // The page again, with a new client (a reload builds everything anew; localStorage stays).
    render(
      <StrictMode>
        <Widget flowId="shop" title="Shop" client={createChatClient({ baseUrl: 'http://x', storage, fetch: server.fetch })} />
      </StrictMode>,
    );
    await screen.findByText('Hello from c1');
    await settle();
    expect(server.creates).toEqual(['c1']);
    expect(server.resumes).toContain('c1');
    // The composer works on the resumed conversation.
    expect(screen.getByLabelText('Your message')).toBeEnabled();
  });

  it('embedded closed: a page view starts nothing; opening the chat (twice, quickly) starts ONE conversation', async () => {
    const server = fakeServer();
    const storage = memoryStorage();
    render(
      <StrictMode>
        <Widget flowId="shop" title="Shop" startNow={false} client={createChatClient({ baseUrl: 'http://x', storage, fetch: server.fetch })} />
      </StrictMode>,
    );
    await settle();
    expect(server.creates).toEqual([]);
    expect(screen.getByLabelText('Your message')).toBeDisabled();
    act(() => {
      window.dispatchEvent(new MessageEvent('message', { data: { baton: 'opened' } }));
      window.dispatchEvent(new MessageEvent('message', { data: { baton: 'opened' } }));
    });
    await screen.findByText('Hello from c1');
    await settle();
    expect(server.creates).toEqual(['c1']);
  });

  it('"Start a new conversation" clicked twice before the answer starts ONE new conversation and shows it', async () => {
    const server = fakeServer();
    const storage = memoryStorage();
    render(
      <StrictMode>
        <Widget flowId="shop" title="Shop" client={createChatClient({ baseUrl: 'http://x', storage, fetch: server.fetch })} />
      </StrictMode>,
    );
    await screen.findByText('Hello from c1');
    const restart = screen.getByRole('button', { name: 'Start a new conversation' });
    // The server answers only after both clicks (under load two clicks took longer than its 15 ms, so the second
    // click legitimately came after the answer and the test failed now and then).
    let answer!: () => void;
    server.hold.gate = new Promise<void>((r) => (answer = r));
    await userEvent.click(restart);
    await userEvent.click(restart);
    server.hold.gate = null;
    answer();
    await screen.findByText('Hello from c2');
    await settle();
    expect(server.creates).toEqual(['c1', 'c2']);
    expect(screen.queryByText('Hello from c1')).toBeNull();
    expect(JSON.parse(storage.m.get('baton.widget.shop')!).conversationId).toBe('c2');
  });

  it('the client answers two starts of one flow made at once with the same conversation', async () => {
    const server = fakeServer();
    const client = createChatClient({ baseUrl: 'http://x', storage: memoryStorage(), fetch: server.fetch });
    const [a, b] = await Promise.all([client.start('shop'), client.start('shop')]);
    expect(server.creates).toEqual(['c1']);
    expect(a.conversationId).toBe('c1');
    expect(b.conversationId).toBe('c1');
    // Another flow is another conversation; a start after the first finished resumes it.
    await client.start('sales');
    const again = await client.start('shop');
    expect(server.creates).toEqual(['c1', 'c2']);
    expect(again).toMatchObject({ conversationId: 'c1', resumed: true });
    await waitFor(() => expect(server.resumes).toContain('c1'));
  });
});
