// @vitest-environment jsdom
/**
 * fixwidget, session 9 (newcomer s9 report): links in bot/agent messages (#26), unread badge + preview (#30),
 * who the visitor is (#20).
 */
import './support/setup';
import { act, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Widget } from '../../renderer/widget/Widget';
import type { AgentSignal, ChatClient, ChatEntry, LinkState } from '../../renderer/widget/chatClient';

const entry = (seq: number, from: ChatEntry['from'], text: string, more: Partial<ChatEntry> = {}): ChatEntry => ({ id: `c:${seq}`, seq, from, text, at: 1_700_000_000_000 + seq * 1000, ...more });

function fakeClient(initial: ChatEntry[], mode = 'bot') {
  let push: ((e: ChatEntry) => void) | null = null;
  const client: ChatClient = {
    start: vi.fn(async () => ({ conversationId: 'c', token: 't', mode, messages: [...initial], lastSeq: initial.length, resumed: true })),
    resume: vi.fn(async () => ({ conversationId: 'c', token: 't', mode, messages: [...initial], lastSeq: initial.length, resumed: true })),
    restart: vi.fn(async () => ({ conversationId: 'c2', token: 't2', mode: 'bot', messages: [], lastSeq: 0, resumed: false })),
    send: vi.fn(async () => ({ mode, messages: [], lastSeq: 0 })),
    typing: vi.fn(async () => undefined),
    catchUp: vi.fn(async () => ({ mode, messages: [], lastSeq: initial.length })),
    listen: vi.fn((_s, _after, onEntry, onLink: (s: LinkState) => void, _onSignal?: (s: AgentSignal) => void) => {
      push = onEntry;
      onLink('live');
      return () => undefined;
    }),
  };
  return { client, push: (e: ChatEntry) => act(() => push!(e)) };
}

describe('#26 links in bot and agent messages', () => {
  it('makes http(s) links clickable in a new tab, without the sentence punctuation; hostile text stays text', async () => {
    const hostile = [
      'Book here: https://www.northwind.example/same-day?order=NW-1 (or call 0800 123 456).',
      'See (https://example.com/a_(b)) and https://example.com/x.',
      'javascript:alert(1) JAVASCRIPT://example.com/%0aalert(1) data:text/html,<script>alert(1)</script>',
      'https://evil.example/"><img src=x onerror="window.__pwned=1"> and https://q.example/it\'s',
      'Ticket T-12184D37 at http://tickets.example/T-12184D37',
    ];
    const f = fakeClient([entry(1, 'bot', hostile[4]), entry(2, 'agent', hostile[0], { name: 'Cara' }), entry(3, 'agent', hostile[1], { name: 'Cara' }), entry(4, 'agent', hostile[2], { name: 'Cara' }), entry(5, 'agent', hostile[3], { name: 'Cara' }), entry(6, 'customer', 'my page https://mine.example/x')]);
    const { container } = render(<Widget flowId="shop" title="Shop" client={f.client} />);
    await screen.findByRole('link', { name: 'https://www.northwind.example/same-day?order=NW-1' });
    const links = [...container.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      'http://tickets.example/T-12184D37',
      'https://www.northwind.example/same-day?order=NW-1',
      'tel:0800123456', // session 13: phone numbers are tel: links (newcomer s9 #31)
      'https://example.com/a_(b)',
      'https://example.com/x',
      'https://evil.example/',
      'https://q.example/it',
      'https://mine.example/x',
    ]);
    for (const a of links.filter((x) => !x.getAttribute('href')!.startsWith('tel:'))) {
      expect(a).toHaveAttribute('target', '_blank');
      expect(a).toHaveAttribute('rel', 'noopener noreferrer');
    }
    // Nothing injected: no element but links and spans inside the bubbles, the hostile parts read as text.
    expect(container.querySelector('img, script')).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
    expect(container.querySelector('a[href^="javascript"], a[href^="data"]')).toBeNull();
    const bubbles = [...container.querySelectorAll('.bw-bubble')].map((b) => b.textContent);
    expect(bubbles).toEqual([...hostile.slice(4), ...hostile.slice(0, 4), 'my page https://mine.example/x']);
    // The sentence around a link is kept (the closing bracket and full stop after it are text, not link).
    expect(screen.getByRole('link', { name: 'https://www.northwind.example/same-day?order=NW-1' }).nextSibling?.textContent).toBe(' (or call 0800 123 456).');
    // The customer's own link is a link too since newcomer s11 #11 (test/component/fixinboxWidgetS12.test.tsx).
    expect(screen.getByRole('link', { name: 'https://mine.example/x' })).toHaveAttribute('href', 'https://mine.example/x');
  });
});

describe('#30 unread badge and preview while the panel is closed', () => {
  function embedded() {
    const posted: Array<{ data: unknown; origin: string }> = [];
    const parent = { postMessage: (data: unknown, origin: string) => posted.push({ data, origin }) };
    const spy = vi.spyOn(window, 'parent', 'get').mockReturnValue(parent as unknown as Window);
    const last = () => [...posted].reverse().find((p) => (p.data as { baton?: string }).baton === 'unread');
    return { posted, last, restore: () => spy.mockRestore() };
  }
  const fromLoader = (baton: string) => act(() => window.dispatchEvent(new MessageEvent('message', { data: { baton } })));

  it('counts agent/bot messages that arrive while closed, previews the newest as text, clears on open, survives a reload', async () => {
    const host = embedded();
    const storage = new Map<string, string>();
    const store = { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => void storage.set(k, v) };
    try {
      const f = fakeClient([entry(1, 'bot', 'Hello!'), entry(2, 'customer', 'talk to a person'), entry(3, 'agent', 'Bob has joined', { name: 'Bob' })], 'agent');
      const view = render(<Widget flowId="shop" title="Shop" client={f.client} startNow={false} hostOrigin="https://shop.example" storage={store} />);
      await screen.findByText('Bob has joined');
      // Resumed while closed with nothing stored: what was there is not "new".
      await vi.waitFor(() => expect(host.last()?.data).toEqual({ baton: 'unread', count: 0, preview: null }), { timeout: 10_000 });
      fromLoader('opened');
      fromLoader('closed');
      f.push(entry(4, 'system', '', { status: { mode: 'agent' } }));
      f.push(entry(5, 'agent', 'Hi, Bob here. <img src=x onerror="window.__pwned=1"> What can I do for you today? I have your order open.', { name: 'Bob' }));
      await vi.waitFor(() => expect((host.last()?.data as { count: number }).count).toBe(1), { timeout: 10_000 });
      f.push(entry(6, 'agent', 'Are you still there?', { name: 'Bob' }));
      await vi.waitFor(() => expect(host.last()?.data).toEqual({ baton: 'unread', count: 2, preview: 'Bob: Are you still there?' }), { timeout: 10_000 });
      expect(host.last()?.origin).toBe('https://shop.example');
      // A reload with the panel still closed: the same two are unread.
      view.unmount();
      host.posted.length = 0;
      const f2 = fakeClient([entry(1, 'bot', 'Hello!'), entry(2, 'customer', 'talk to a person'), entry(3, 'agent', 'Bob has joined', { name: 'Bob' }), entry(5, 'agent', 'Hi, Bob here.', { name: 'Bob' }), entry(6, 'agent', 'Are you still there?', { name: 'Bob' })], 'agent');
      render(<Widget flowId="shop" title="Shop" client={f2.client} startNow={false} hostOrigin="https://shop.example" storage={store} />);
      await vi.waitFor(() => expect(host.last()?.data).toEqual({ baton: 'unread', count: 2, preview: 'Bob: Are you still there?' }), { timeout: 10_000 });
      // Opened: cleared, and stays cleared after closing again.
      fromLoader('opened');
      await vi.waitFor(() => expect(host.last()?.data).toEqual({ baton: 'unread', count: 0, preview: null }), { timeout: 10_000 });
      fromLoader('closed');
      await new Promise((r) => setTimeout(r, 50));
      expect(host.last()?.data).toEqual({ baton: 'unread', count: 0, preview: null });
    } finally {
      host.restore();
    }
  });

  it('a long message is previewed shortened, as plain text', async () => {
    const { unreadSummary, PREVIEW_CHARS } = await import('../../renderer/widget/Widget');
    const long = `Hi, Bob here. ${'x'.repeat(200)}`;
    const s = unreadSummary([entry(1, 'bot', 'Hello'), entry(2, 'agent', long, { name: 'Bob\u202e' }), entry(3, 'system', 'Bob has joined')], 0);
    expect(s.count).toBe(2);
    expect(s.preview!.startsWith('Bob[U+202E]: Hi, Bob here. xxx')).toBe(true);
    expect(s.preview!.endsWith('…')).toBe(true);
    expect(s.preview!.length).toBeLessThanOrEqual(PREVIEW_CHARS + 'Bob[U+202E]: '.length);
  });
});

describe('#20 the page says who the visitor is', () => {
  it('sends data-* identity and a later identify() with the create call; bad values are dropped with a warning naming them', async () => {
    const { identityFromHash } = await import('../../renderer/widget/identity');
    const warnings: string[] = [];
    const id = identityFromHash(`#baton=${encodeURIComponent(JSON.stringify({ variables: { cartValue: 620, bad: { x: 1 } }, profile: { email: 'lee@example.com', name: 'Lee' } }))}`, (m) => warnings.push(m));
    expect(id).toEqual({ variables: { cartValue: 620 }, profile: { email: 'lee@example.com', name: 'Lee' } });
    expect(warnings).toEqual([expect.stringContaining('variable "bad"')]);
    expect(identityFromHash('#baton=%7Bnot json', (m) => warnings.push(m))).toBeUndefined();
    expect(warnings[1]).toMatch(/could not be read; the chat starts without them/);
    expect(identityFromHash(`#baton=${encodeURIComponent('{"email":"not-an-email"}')}`, (m) => warnings.push(m))).toBeUndefined();
    expect(warnings[2]).toMatch(/email must be one email address/);

    const f = fakeClient([entry(1, 'bot', 'Hello!')]);
    render(<Widget flowId="shop" title="Shop" client={f.client} startNow={false} hostOrigin="https://shop.example" identity={id} />);
    await vi.waitFor(() => expect(f.client.resume).toHaveBeenCalled(), { timeout: 10_000 });
    (f.client.resume as ReturnType<typeof vi.fn>).mockResolvedValue(null);
    // identify() from the page (its origin only), then the visitor opens the chat: one create with both.
    act(() => window.dispatchEvent(new MessageEvent('message', { origin: 'https://evil.example', data: { baton: 'identify', identity: { email: 'evil@example.com' } } })));
    act(() => window.dispatchEvent(new MessageEvent('message', { origin: 'https://shop.example', data: { baton: 'identify', identity: { name: 'Lee Park', variables: { plan: 'gold' } } } })));
    act(() => window.dispatchEvent(new MessageEvent('message', { data: { baton: 'opened' } })));
    await vi.waitFor(() => expect(f.client.start).toHaveBeenCalled(), { timeout: 10_000 });
    expect(f.client.start).toHaveBeenCalledWith('shop', { variables: { cartValue: 620, plan: 'gold' }, profile: { email: 'lee@example.com', name: 'Lee Park' } });
  });

  it('the client posts variables/profile; a 400 for them starts the chat without them (console warning), never a dead widget', async () => {
    const { createChatClient } = await import('../../renderer/widget/chatClient');
    const bodies: unknown[] = [];
    const fetch = vi.fn(async (_url: string, init?: RequestInit) => {
      const body = JSON.parse(String(init?.body ?? '{}')) as { variables?: unknown };
      bodies.push(body);
      if (body.variables) return new Response(JSON.stringify({ error: 'invalid_request', message: 'variables.cartValue: unknown variable' }), { status: 400 });
      return new Response(JSON.stringify({ conversationId: 'c1', token: 't1', mode: 'bot', messages: [] }), { status: 200 });
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const store = new Map<string, string>();
    const client = createChatClient({ baseUrl: 'http://rt', fetch: fetch as unknown as typeof globalThis.fetch, storage: { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => void store.set(k, v), removeItem: (k) => void store.delete(k) } });
    const s = await client.start('shop', { variables: { cartValue: 620 }, profile: { email: 'lee@example.com' } });
    expect(s.conversationId).toBe('c1');
    expect(bodies).toEqual([{ variables: { cartValue: 620 }, profile: { email: 'lee@example.com' } }, {}]);
    expect(warn.mock.calls[0][0]).toMatch(/visitor details were refused \(variables.cartValue: unknown variable\)/);
    warn.mockRestore();
  });
});

describe('#7 header follows the assignment', () => {
  it('a send answer (mode waiting) arriving after the push channel said Bob joined does not put "Waiting for a person" back', async () => {
    const f = fakeClient([entry(1, 'bot', 'Hello')]);
    let release: (() => void) | null = null;
    f.client.send = vi.fn(
      () =>
        new Promise((resolve) => {
          release = () => resolve({ mode: 'waiting', messages: [entry(3, 'bot', "I'm connecting you with someone."), entry(4, 'system', '', { status: { mode: 'waiting', handoff: { id: 'h', status: 'pending', reason: 'explicit_request' } } })], lastSeq: 4 });
        }),
    );
    render(<Widget flowId="shop" title="Shop" client={f.client} />);
    await screen.findByText('Hello');
    const { default: userEvent } = await import('@testing-library/user-event');
    await userEvent.click(screen.getByLabelText('Your message'));
    await userEvent.paste('I want to talk to a person');
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() => expect(release).not.toBeNull(), { timeout: 10_000 });
    // The push channel is quicker than the POST answer: Bob has joined already.
    f.push(entry(2, 'customer', 'I want to talk to a person'));
    f.push(entry(3, 'bot', "I'm connecting you with someone."));
    f.push(entry(4, 'system', '', { status: { mode: 'waiting', handoff: { id: 'h', status: 'pending', reason: 'explicit_request' } } }));
    f.push(entry(5, 'system', '', { status: { mode: 'agent', handoff: { id: 'h', status: 'assigned', reason: 'explicit_request' } } }));
    f.push(entry(6, 'system', 'Bob has joined the chat.', { name: 'Bob' }));
    await act(async () => release!());
    await screen.findByText('You are chatting with a person');
    expect(screen.queryByText('Waiting for a person…')).toBeNull();
    expect(screen.queryByText(/Waiting for a person to join/)).toBeNull();
  });
});
