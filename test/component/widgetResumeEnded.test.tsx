// @vitest-environment jsdom
/**
 * Reloading the widget after the chat ended (newcomer s7 #1): the ended chat is shown again, the agent's last answer
 * included, with "This conversation has ended." and "Start a new chat"; no conversation is created until the
 * customer presses it. Also after the embedded (closed) widget is opened by the visitor.
 */
import './support/setup';
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode } from 'react';
import { describe, expect, it } from 'vitest';
import { Widget } from '../../renderer/widget/Widget';
import { createChatClient, type ChatEntry } from '../../renderer/widget/chatClient';

const entry = (seq: number, from: ChatEntry['from'], text: string, more: Partial<ChatEntry> = {}): ChatEntry => ({ id: `c:${seq}`, seq, from, text, at: 1_700_000_000_000 + seq * 1000, ...more });
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The transcript of a chat Bob resolved (as GET /api/v1/conversations/:id answers it). */
const ENDED = [
  entry(1, 'bot', 'Hi! How can I help?'),
  entry(2, 'customer', 'I want to talk to a human'),
  entry(3, 'agent', 'Hello, Bob here. Your tracking number is NW-777123.', { name: 'Bob' }),
  entry(4, 'system', '', { status: { mode: 'closed', handoff: { id: 'h1', status: 'resolved', reason: 'explicit_request' } } }),
  entry(5, 'system', 'The conversation has ended.', { status: { mode: 'closed' } }),
];

function server() {
  const calls: string[] = [];
  const fetch = (async (url: string | URL | Request, init?: RequestInit) => {
    const u = new URL(String(url));
    const method = init?.method ?? 'GET';
    calls.push(`${method} ${u.pathname}`);
    if (method === 'GET' && u.pathname === '/api/v1/conversations/old') return json(200, { mode: 'closed', messages: ENDED, lastSeq: 5 });
    if (method === 'POST' && u.pathname === '/api/v1/flows/shop/conversations') return json(201, { conversationId: 'new', token: 'tok-new', mode: 'bot', messages: [entry(1, 'bot', 'Welcome back! What can I do for you?')] });
    return json(404, { error: 'not_found', message: `${method} ${u.pathname}` });
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

function storageWithEndedChat() {
  const m = new Map<string, string>([['baton.widget.shop', JSON.stringify({ conversationId: 'old', token: 'tok-old' })]]);
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), m };
}

describe('widget reload after the chat ended', () => {
  it('shows the ended chat and "Start a new chat"; a new conversation starts only when pressed', async () => {
    const srv = server();
    const storage = storageWithEndedChat();
    render(
      <StrictMode>
        <Widget flowId="shop" title="Shop" client={createChatClient({ baseUrl: 'http://x', storage, fetch: srv.fetch })} />
      </StrictMode>,
    );
    await screen.findByText(/Your tracking number is/);
    expect(screen.getByText('This conversation has ended.')).toBeInTheDocument();
    expect(screen.getByText('Bob marked this chat as resolved')).toBeInTheDocument(); // session 43: was "Bob has left the chat"
    expect(screen.queryByRole('textbox', { name: 'Your message' })).toBeNull();
    expect(srv.calls.filter((c) => c.startsWith('POST'))).toEqual([]);
    expect(JSON.parse(storage.m.get('baton.widget.shop')!)).toEqual({ conversationId: 'old', token: 'tok-old' });

    await userEvent.click(screen.getByRole('button', { name: 'Start a new chat' }));
    await screen.findByText('Welcome back! What can I do for you?');
    expect(screen.queryByText(/Your tracking number is/)).toBeNull();
    expect(srv.calls.filter((c) => c.startsWith('POST'))).toEqual(['POST /api/v1/flows/shop/conversations']);
    expect(JSON.parse(storage.m.get('baton.widget.shop')!)).toEqual({ conversationId: 'new', token: 'tok-new' });
    expect(screen.getByRole('textbox', { name: 'Your message' })).toBeInTheDocument();
  });

  it('embedded closed: opening the chat shows the ended one, not a new conversation', async () => {
    const srv = server();
    const storage = storageWithEndedChat();
    render(<Widget flowId="shop" title="Shop" startNow={false} client={createChatClient({ baseUrl: 'http://x', storage, fetch: srv.fetch })} />);
    await screen.findByText(/Your tracking number is/);
    act(() => window.dispatchEvent(new MessageEvent('message', { data: { baton: 'opened' } })));
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.getByRole('button', { name: 'Start a new chat' })).toBeInTheDocument();
    expect(srv.calls.filter((c) => c.startsWith('POST'))).toEqual([]);
    cleanup();
  });
});
