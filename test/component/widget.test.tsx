// @vitest-environment jsdom
/**
 * The chat widget (renderer/widget): rendering, buttons, hostile text inert, agent names, reconnect banner and
 * catch-up by seq, and the client's resume-from-localStorage logic against a scripted fetch.
 */
import './support/setup';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Widget } from '../../renderer/widget/Widget';
import { createChatClient, mergeEntries, type AgentSignal, type ChatClient, type ChatEntry, type LinkState } from '../../renderer/widget/chatClient';

const HOSTILE = '<img src=x onerror="window.__pwned=1"> {{constructor}}';

const entry = (seq: number, from: ChatEntry['from'], text: string, more: Partial<ChatEntry> = {}): ChatEntry => ({ id: `c:${seq}`, seq, from, text, at: 1_700_000_000_000 + seq * 1000, ...more });

/** A scripted client: the test pushes entries and link states as the server would. */
function fakeClient(initial: ChatEntry[]) {
  let push: ((e: ChatEntry) => void) | null = null;
  let link: ((s: LinkState) => void) | null = null;
  let signal: ((s: AgentSignal) => void) | undefined;
  const server: ChatEntry[] = [...initial];
  const sent: unknown[] = [];
  const client: ChatClient = {
    start: vi.fn(async () => ({ conversationId: 'c', token: 't', mode: 'bot', messages: [...initial], lastSeq: initial.length, resumed: false })),
    restart: vi.fn(async () => ({ conversationId: 'c2', token: 't2', mode: 'bot', messages: [entry(1, 'bot', 'Fresh start')], lastSeq: 1, resumed: false })),
    send: vi.fn(async (_s, body) => {
      sent.push(body);
      const n = server.length;
      const mine = entry(n + 1, 'customer', 'text' in body ? body.text : body.choice);
      const reply = entry(n + 2, 'bot', 'Got it.');
      server.push(mine, reply);
      return { mode: 'bot', messages: [reply], lastSeq: n + 2 };
    }),
    typing: vi.fn(async () => undefined),
    catchUp: vi.fn(async (_s, after) => ({ mode: 'bot', messages: server.filter((e) => e.seq > after), lastSeq: server.length })),
    listen: vi.fn((_s, _after, onEntry, onLink, onSignal) => {
      push = onEntry;
      link = onLink;
      signal = onSignal;
      onLink('live');
      return () => undefined;
    }),
  };
  return { client, server, sent, push: (e: ChatEntry) => act(() => push!(e)), link: (s: LinkState) => act(() => link!(s)), signal: (s: AgentSignal) => act(() => signal!(s)) };
}

describe('chat widget', () => {
  it('shows bot messages and the latest buttons; a button sends its choice', async () => {
    const f = fakeClient([entry(1, 'bot', 'Hi! I am the assistant.'), entry(2, 'bot', 'What can I help you with?', { buttons: [{ id: 'track', label: 'Track my order' }, { id: 'returns', label: 'Returns' }] })]);
    render(<Widget flowId="shop" title="Shop" client={f.client} />);
    await screen.findByText('Hi! I am the assistant.');
    await userEvent.click(screen.getByRole('button', { name: 'Track my order' }));
    expect(f.sent).toEqual([{ choice: 'track' }]);
    await screen.findByText('Got it.');
    // Buttons of an answered question are gone.
    expect(screen.queryByRole('button', { name: 'Returns' })).toBeNull();
    expect(screen.getByRole('list', { name: 'Conversation' })).toHaveAttribute('aria-live', 'polite');
  });

  it('shows hostile customer text as text, agent messages with the agent name, the waiting state', async () => {
    const f = fakeClient([entry(1, 'bot', 'Hello')]);
    const { container } = render(<Widget flowId="shop" title="Shop" client={f.client} />);
    await screen.findByText('Hello');
    await userEvent.click(screen.getByLabelText('Your message'));
    await userEvent.paste(HOSTILE);
    await userEvent.keyboard('{Enter}');
    await screen.findByText(HOSTILE);
    expect(container.querySelector('img')).toBeNull();
    await vi.waitFor(() => expect(f.client.listen).toHaveBeenCalled(), { timeout: 10_000 });
    f.push(entry(10, 'system', '', { status: { mode: 'waiting', handoff: { id: 'h', status: 'pending', reason: 'explicit_request' } } }));
    expect(await screen.findAllByText(/Waiting for a person/)).not.toHaveLength(0);
    f.push(entry(11, 'system', '', { status: { mode: 'agent', handoff: { id: 'h', status: 'assigned', reason: 'explicit_request' } } }));
    f.push(entry(12, 'agent', 'Hi, Ann here.', { name: 'Ann Lee' }));
    await screen.findByText('Hi, Ann here.');
    expect(screen.getByText('Ann Lee')).toBeInTheDocument();
    expect(screen.getByText('You are chatting with Ann Lee')).toBeInTheDocument();
  });

  it('says it is reconnecting after a drop and catches up once live, without duplicates', async () => {
    const f = fakeClient([entry(1, 'bot', 'Hello')]);
    render(<Widget flowId="shop" title="Shop" client={f.client} />);
    await screen.findByText('Hello');
    // The push channel opens after the first messages are shown: wait for it (slow machines).
    await vi.waitFor(() => expect(f.client.listen).toHaveBeenCalled(), { timeout: 10_000 });
    f.link('reconnecting');
    expect(screen.getByRole('status')).toHaveTextContent(/reconnecting/i);
    // Missed while offline: only the catch-up brings it; the push channel then repeats it.
    f.server.push(entry(2, 'agent', 'Are you still there?', { name: 'Ann' }));
    f.link('live');
    await screen.findByText('Are you still there?');
    f.push(entry(2, 'agent', 'Are you still there?', { name: 'Ann' }));
    expect(screen.getAllByText('Are you still there?')).toHaveLength(1);
    expect(screen.queryByText(/reconnecting/i)).toBeNull();
  });

  it('CSAT buttons have spoken labels ("1 of 5: very dissatisfied"); other buttons keep their text', async () => {
    const scale = [1, 2, 3, 4, 5].map((n) => ({ id: String(n), label: String(n) }));
    const f = fakeClient([entry(1, 'bot', 'How would you rate us, 1 to 5?', { buttons: scale })]);
    render(<Widget flowId="shop" title="Shop" client={f.client} />);
    await screen.findByText('How would you rate us, 1 to 5?');
    expect(screen.getByRole('button', { name: '1 of 5: very dissatisfied' })).toHaveTextContent('1');
    expect(screen.getByRole('button', { name: '3 of 5: neutral' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: '5 of 5: very satisfied' }));
    expect(f.sent).toEqual([{ choice: '5' }]);
  });

  it('explains a missing data-flow instead of failing silently', async () => {
    const f = fakeClient([]);
    render(<Widget flowId="" title="Shop" client={f.client} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('data-flow');
    expect(f.client.start).not.toHaveBeenCalled();
  });
});

describe('chat client', () => {
  const storage = () => {
    const m = new Map<string, string>();
    return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), m };
  };
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

  it('resumes the stored conversation, and starts a new one when the server no longer knows it', async () => {
    const s = storage();
    s.setItem('baton.widget.shop', JSON.stringify({ conversationId: 'old', token: 'tok' }));
    const calls: string[] = [];
    const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
      calls.push(`${init?.method ?? 'GET'} ${String(url).replace('http://x', '')} ${(init?.headers as Record<string, string>)?.authorization ?? ''}`.trim());
      if (String(url).includes('/conversations/old?')) return json(200, { mode: 'agent', messages: [entry(1, 'bot', 'hi')], lastSeq: 1 });
      if (String(url).includes('/conversations/gone?')) return json(404, { error: 'conversation_not_found', message: 'No conversation' });
      return json(201, { conversationId: 'new', token: 'tok2', mode: 'bot', messages: [entry(1, 'bot', 'Hello again')] });
    }) as unknown as typeof globalThis.fetch;
    const c = createChatClient({ baseUrl: 'http://x', storage: s, fetch });
    const a = await c.start('shop');
    expect(a).toMatchObject({ conversationId: 'old', resumed: true, mode: 'agent', lastSeq: 1 });
    expect(calls[0]).toBe('GET /api/v1/conversations/old?after=0 Bearer tok');

    s.setItem('baton.widget.shop', JSON.stringify({ conversationId: 'gone', token: 'tok' }));
    const b = await c.start('shop');
    expect(b).toMatchObject({ conversationId: 'new', resumed: false, lastSeq: 1 });
    expect(JSON.parse(s.m.get('baton.widget.shop')!)).toEqual({ conversationId: 'new', token: 'tok2' });
  });

  it('turns a server error into its message and a network failure into a plain sentence', async () => {
    const s = storage();
    const fetch = vi.fn(async () => json(400, { error: 'invalid_request', message: 'body.text: too long' })) as unknown as typeof globalThis.fetch;
    const c = createChatClient({ baseUrl: 'http://x', storage: s, fetch });
    await expect(c.send({ conversationId: 'c', token: 't' }, { text: 'x' })).rejects.toThrow('body.text: too long');
    const down = createChatClient({ baseUrl: 'http://x', storage: s, fetch: (async () => Promise.reject(new TypeError('fetch failed'))) as unknown as typeof globalThis.fetch });
    await expect(down.start('shop')).rejects.toThrow(/No connection/);
  });

  it('merges entries by seq, in order, ignoring repeats', () => {
    const list = mergeEntries([entry(1, 'bot', 'a'), entry(3, 'bot', 'c')], [entry(2, 'customer', 'b'), entry(3, 'bot', 'c')]);
    expect(list.map((e) => e.seq)).toEqual([1, 2, 3]);
    const same = [entry(1, 'bot', 'a')];
    expect(mergeEntries(same, [entry(1, 'bot', 'a')])).toBe(same);
  });
});

describe('widget loader', () => {
  it('adds a launcher and a frame for the flow, once', async () => {
    const { WIDGET_LOADER } = await import('../../runtime/server/servePages');
    const script = document.createElement('script');
    script.src = 'http://127.0.0.1:4000/widget.js';
    script.setAttribute('data-flow', 'shop');
    Object.defineProperty(document, 'currentScript', { configurable: true, get: () => script });
    new Function(WIDGET_LOADER)();
    new Function(WIDGET_LOADER)();
    const frames = document.querySelectorAll('iframe');
    expect(frames).toHaveLength(1);
    expect(frames[0].src).toBe('http://127.0.0.1:4000/widget/?flow=shop&title=Chat%20with%20us&host=http%3A%2F%2Flocalhost%3A3000');
    const button = screen.getByRole('button', { name: /Open the chat/ });
    expect(frames[0].style.display).toBe('none');
    await userEvent.click(button);
    expect(frames[0].style.display).toBe('block');
    expect(button).toHaveAttribute('aria-expanded', 'true');
    await waitFor(() => expect(button).toHaveAccessibleName('Close the chat'));
  });

  it('session 45 (retest s44 #4): a reload finds the chat as the visitor left it, open or closed (this tab only)', async () => {
    const { WIDGET_LOADER } = await import('../../runtime/server/servePages');
    // A "reload": the page's widget is gone and the same tag runs again (sessionStorage survives, as in a real reload).
    const load = () => {
      document.getElementById('baton-widget-keep')?.remove();
      const script = document.createElement('script');
      script.src = 'http://127.0.0.1:4000/widget.js';
      script.setAttribute('data-flow', 'keep');
      Object.defineProperty(document, 'currentScript', { configurable: true, get: () => script });
      new Function(WIDGET_LOADER)();
      const root = document.getElementById('baton-widget-keep')!;
      return { frame: root.querySelector('iframe')!, button: within(root).getByRole('button', { name: /the chat/ }) };
    };
    let w = load();
    expect(w.frame.style.display).toBe('none');
    await userEvent.click(w.button);
    expect(w.frame.style.display).toBe('block');
    w = load();
    expect(w.frame.style.display).toBe('block');
    expect(w.frame.src).toContain('&open=1');
    expect(w.button).toHaveAttribute('aria-expanded', 'true');
    // Closed by the visitor: closed after the reload too.
    await userEvent.click(w.button);
    w = load();
    expect(w.frame.style.display).toBe('none');
    expect(w.frame.src).not.toContain('&open=1');
    // Another tab (no kept state): as the page says.
    sessionStorage.removeItem('baton-open:keep');
    w = load();
    expect(w.frame.style.display).toBe('none');
    document.getElementById('baton-widget-keep')?.remove();
  });

  it('session 46 (retest-studio s45 L4): a chat the page opened by itself stays open after a resize to 390 px and a reload', async () => {
    const { WIDGET_LOADER } = await import('../../runtime/server/servePages');
    sessionStorage.removeItem('baton-open:wide');
    let wide = true;
    const media = vi.spyOn(window, 'matchMedia').mockImplementation((q: string) => ({ matches: /min-width: 761px/.test(q) ? wide : false, media: q, addEventListener() {}, removeEventListener() {}, addListener() {}, removeListener() {}, onchange: null, dispatchEvent: () => false }) as unknown as MediaQueryList);
    const load = () => {
      document.getElementById('baton-widget-wide')?.remove();
      const script = document.createElement('script');
      script.src = 'http://127.0.0.1:4000/widget.js';
      script.setAttribute('data-flow', 'wide');
      script.setAttribute('data-open', 'wide');
      Object.defineProperty(document, 'currentScript', { configurable: true, get: () => script });
      new Function(WIDGET_LOADER)();
      return document.getElementById('baton-widget-wide')!.querySelector('iframe')!;
    };
    // 1,280 px: the page opens it (data-open="wide").
    expect(load().style.display).toBe('block');
    // Narrowed to 390 px, then reloaded: still open (nobody closed it).
    wide = false;
    const f = load();
    expect(f.style.display).toBe('block');
    expect(f.src).toContain('&open=1');
    // A new tab at 390 px (nothing kept): as the page says, closed.
    sessionStorage.removeItem('baton-open:wide');
    expect(load().style.display).toBe('none');
    media.mockRestore();
    document.getElementById('baton-widget-wide')?.remove();
    sessionStorage.removeItem('baton-open:wide');
  });

  it('a second widget.js tag for another flow offsets its launcher; the same flow twice is ignored with a warning', async () => {
    const { WIDGET_LOADER } = await import('../../runtime/server/servePages');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const load = (flow: string) => {
      const script = document.createElement('script');
      script.src = 'http://127.0.0.1:4000/widget.js';
      script.setAttribute('data-flow', flow);
      Object.defineProperty(document, 'currentScript', { configurable: true, get: () => script });
      new Function(WIDGET_LOADER)();
    };
    load('sales');
    load('support');
    load('support');
    const roots = [...document.querySelectorAll<HTMLElement>('[data-baton-widget]')].filter((r) => ['sales', 'support'].includes(r.getAttribute('data-baton-widget')!));
    expect(roots).toHaveLength(2);
    const rights = roots.map((r) => parseInt(r.style.right, 10));
    expect(rights[1]).toBeGreaterThanOrEqual(rights[0] + 56); // not stacked: at least one launcher width apart
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('"support" is already on this page'));
    warn.mockRestore();
    roots.forEach((r) => r.remove());
  });

  it('shows "<agent> is typing" from push signals while an agent holds the chat; it ends with the message or after a quiet spell', async () => {
    const f = fakeClient([entry(1, 'bot', 'Hello')]);
    render(<Widget flowId="shop" title="Shop" client={f.client} agentTypingMs={300} />);
    await screen.findByText('Hello');
    await vi.waitFor(() => expect(f.client.listen).toHaveBeenCalled(), { timeout: 10_000 });
    const typingLine = () => screen.queryByText((_, el) => el?.className === 'bw-name' && el.textContent === 'Ann Lee is typing…');
    // Nobody asks the server: there is no poll any more (the client has no such method).
    expect((f.client as unknown as Record<string, unknown>).agentTyping).toBeUndefined();
    f.signal({ type: 'agent', name: 'Ann Lee' });
    f.push(entry(2, 'system', '', { status: { mode: 'agent', handoff: { id: 'h', status: 'assigned', reason: 'explicit_request' } } }));
    expect(await screen.findByText('You are chatting with Ann Lee')).toBeInTheDocument();
    f.signal({ type: 'typing', name: 'Ann Lee' });
    expect(typingLine()).toBeInTheDocument();
    // Her message ends it at once.
    f.push(entry(3, 'agent', 'Hi, Ann here.', { name: 'Ann Lee' }));
    await screen.findByText('Hi, Ann here.');
    expect(typingLine()).toBeNull();
    // Signals keep it up; without one for agentTypingMs it goes away by itself.
    f.signal({ type: 'typing', name: 'Ann Lee' });
    await new Promise((r) => setTimeout(r, 200));
    f.signal({ type: 'typing', name: 'Ann Lee' });
    await new Promise((r) => setTimeout(r, 200));
    expect(typingLine()).toBeInTheDocument(); // 400 ms after the first signal, 200 after the last
    await waitFor(() => expect(typingLine()).toBeNull(), { timeout: 2000 });
    // Transferred to Bob: the header follows the push channel before Bob writes anything.
    f.signal({ type: 'agent', name: 'Bob Stone' });
    expect(await screen.findByText('You are chatting with Bob Stone')).toBeInTheDocument();
    // Back to the bot: a late typing signal is not shown outside agent mode.
    f.push(entry(4, 'system', '', { status: { mode: 'bot' } }));
    f.signal({ type: 'typing', name: 'Bob Stone' });
    expect(screen.queryByText(/is typing…/)).toBeNull();
  });

  it('the client passes typing and holder frames of the push channel to onSignal and skips broken ones', () => {
    const sources: FakeSource[] = [];
    class FakeSource {
      readyState = 1;
      onopen: (() => void) | null = null;
      onerror: (() => void) | null = null;
      listeners = new Map<string, Array<(ev: { data: string }) => void>>();
      constructor(readonly url: string) {
        sources.push(this);
      }
      addEventListener(type: string, fn: (ev: { data: string }) => void) {
        this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
      }
      emit(type: string, data: string) {
        for (const fn of this.listeners.get(type) ?? []) fn({ data });
      }
      close() {
        this.readyState = 2;
      }
    }
    const client = createChatClient({ baseUrl: 'http://x', storage: localStorage, fetch: vi.fn() as never, EventSource: FakeSource as never });
    const signals: AgentSignal[] = [];
    const entries: ChatEntry[] = [];
    const stop = client.listen({ conversationId: 'c 1', token: 't' }, () => 7, (e) => entries.push(e), () => undefined, (s) => signals.push(s));
    expect(sources[0].url).toBe('http://x/api/v1/conversations/c%201/events?token=t&after=7');
    sources[0].emit('typing', '{"name":"Ann"}');
    sources[0].emit('agent', '{"name":"Bob"}');
    sources[0].emit('agent', '{"name":null}');
    sources[0].emit('typing', 'not json');
    sources[0].emit('typing', '{"name":42}');
    sources[0].emit('message', JSON.stringify(entry(8, 'agent', 'Hi', { name: 'Bob' })));
    expect(signals).toEqual([
      { type: 'typing', name: 'Ann' },
      { type: 'agent', name: 'Bob' },
      { type: 'agent', name: null },
    ]);
    expect(entries.map((e) => e.seq)).toEqual([8]);
    stop();
    expect(sources[0].readyState).toBe(2);
  });

  it('marks bidi overrides and control characters in agent names and text instead of obeying them', async () => {
    const f = fakeClient([entry(1, 'bot', 'Hello')]);
    render(<Widget flowId="shop" title="Shop" client={f.client} />);
    await screen.findByText('Hello');
    await vi.waitFor(() => expect(f.client.listen).toHaveBeenCalled(), { timeout: 10_000 });
    f.push(entry(2, 'system', '', { status: { mode: 'agent', handoff: { id: 'h', status: 'assigned', reason: 'explicit_request' } } }));
    f.push(entry(3, 'agent', 'Open invoice\u202Efdp.exe\u0000 now', { name: 'Bob\u2066' }));
    const bubble = await screen.findByText(/Open invoice/);
    expect(bubble.textContent).toBe('Open invoice[U+202E]fdp.exe\uFFFD now');
    expect(bubble).toHaveAttribute('dir', 'auto');
    expect(screen.getByText('You are chatting with Bob[U+2066]')).toBeInTheDocument();
  });

  it('embedded closed: a page view creates no conversation; opening the chat starts one; a stored one is resumed at once', async () => {
    const f = fakeClient([entry(1, 'bot', 'What can I help you with?')]);
    f.client.resume = vi.fn(async () => null);
    render(<Widget flowId="shop" title="Shop" client={f.client} startNow={false} />);
    await vi.waitFor(() => expect(f.client.resume).toHaveBeenCalledWith('shop'), { timeout: 10_000 });
    expect(f.client.start).not.toHaveBeenCalled();
    expect(screen.getByLabelText('Your message')).toBeDisabled();
    // The loader says the visitor opened the chat.
    act(() => window.dispatchEvent(new MessageEvent('message', { data: { baton: 'opened' } })));
    await screen.findByText('What can I help you with?');
    expect(f.client.start).toHaveBeenCalledTimes(1);
    // Opening again does not start a second conversation.
    act(() => window.dispatchEvent(new MessageEvent('message', { data: { baton: 'opened' } })));
    expect(f.client.start).toHaveBeenCalledTimes(1);
  });

  it('the client resumes only a stored conversation and never creates one in resume()', async () => {
    const calls: string[] = [];
    const storage = new Map<string, string>();
    const client = createChatClient({
      baseUrl: 'http://x',
      storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v), removeItem: (k) => void storage.delete(k) },
      fetch: (async (url: string, init?: RequestInit) => {
        calls.push(`${init?.method ?? 'GET'} ${url}`);
        if (String(url).includes('/flows/shop/conversations')) return new Response(JSON.stringify({ conversationId: 'c9', token: 't9', mode: 'bot', messages: [] }), { status: 201 });
        return new Response(JSON.stringify({ mode: 'bot', messages: [], lastSeq: 0 }), { status: 200 });
      }) as typeof fetch,
    });
    expect(await client.resume!('shop')).toBeNull();
    expect(calls).toEqual([]);
    await client.start('shop');
    expect(calls).toEqual(['POST http://x/api/v1/flows/shop/conversations']);
    expect((await client.resume!('shop'))?.conversationId).toBe('c9');
  });

  it('a failed send error clears when the connection is back; one pill per status; Escape asks the host page to close', async () => {
    const f = fakeClient([entry(1, 'bot', 'Hello')]);
    const { ChatError } = await import('../../renderer/widget/chatClient');
    const down = new ChatError('No connection to the chat server. Check your internet connection and try again.', 0, 'network');
    vi.mocked(f.client.send).mockRejectedValueOnce(down).mockRejectedValueOnce(down); // the send and its silent retry
    render(<Widget flowId="shop" title="Shop" client={f.client} />);
    await screen.findByText('Hello');
    await vi.waitFor(() => expect(f.client.listen).toHaveBeenCalled(), { timeout: 10_000 });
    f.link('reconnecting');
    await userEvent.type(screen.getByLabelText('Your message'), 'are you there{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('No connection');
    expect(screen.getByLabelText('Your message')).toHaveValue('are you there'); // draft kept
    f.link('live');
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    // The handoff closes and then the mode changes: "This chat was marked as resolved" once, not twice (session 43: was
    // "The person has left the chat", newcomer s42 N13).
    f.push(entry(5, 'system', '', { status: { mode: 'bot', handoff: { id: 'h', status: 'resolved', reason: 'explicit_request' } } }));
    f.push(entry(6, 'system', '', { status: { mode: 'bot', handoff: { id: 'h', status: 'resolved', reason: 'explicit_request' } } }));
    await screen.findByText('This chat was marked as resolved');
    expect(screen.getAllByText('This chat was marked as resolved')).toHaveLength(1);
    // Escape inside the widget (in a frame) asks the page to close it; the test page is not framed, so nothing posts.
    const post = vi.spyOn(window.parent, 'postMessage');
    await userEvent.keyboard('{Escape}');
    expect(post).not.toHaveBeenCalled();
    post.mockRestore();
  });

  it('a lost answer is asked again once with the same idempotency key: on success no error and an empty box; three Enter presses in one task send once', async () => {
    const f = fakeClient([entry(1, 'bot', 'Hello')]);
    const keys: Array<string | undefined> = [];
    const realSend = f.client.send;
    let fail = true;
    f.client.send = vi.fn(async (s, body, key) => {
      keys.push(key);
      if (fail) {
        // The server took the message, but its answer was lost on the way back.
        fail = false;
        await realSend(s, body, key);
        const { ChatError } = await import('../../renderer/widget/chatClient');
        throw new ChatError('No connection to the chat server.', 0, 'network');
      }
      return realSend(s, body, key);
    });
    render(<Widget flowId="shop" title="Shop" client={f.client} />);
    await screen.findByText('Hello');
    const box = screen.getByLabelText('Your message');
    await userEvent.type(box, 'where is my order{Enter}');
    await screen.findAllByText('Got it.');
    await waitFor(() => expect(keys).toHaveLength(2));
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(keys[1]).toBe(keys[0]);
    // The customer is not told it failed, and the text is not put back to be sent again.
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(box).toHaveValue('');
    // A different message gets a new key; Enter x3 in one task sends it once.
    await userEvent.type(box, 'thanks');
    act(() => {
      for (let i = 0; i < 3; i++) box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    });
    await waitFor(() => expect(keys).toHaveLength(3));
    await new Promise((r) => setTimeout(r, 50));
    expect(keys).toHaveLength(3);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('a send reported failed whose message then arrives on the push channel clears the error and the box', async () => {
    const f = fakeClient([entry(1, 'bot', 'Hello')]);
    const { ChatError } = await import('../../renderer/widget/chatClient');
    const keys: Array<string | undefined> = [];
    f.client.send = vi.fn(async (_s, _body, key) => {
      keys.push(key);
      throw new ChatError('No connection to the chat server.', 0, 'network');
    });
    render(<Widget flowId="shop" title="Shop" client={f.client} />);
    await screen.findByText('Hello');
    await vi.waitFor(() => expect(f.client.listen).toHaveBeenCalled(), { timeout: 10_000 });
    const box = screen.getByLabelText('Your message');
    await userEvent.type(box, 'NW-104233{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('No connection');
    expect(box).toHaveValue('NW-104233');
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    // The push channel shows the message did reach the server, with the bot's answer.
    f.push(entry(2, 'customer', 'NW-104233'));
    f.push(entry(3, 'bot', 'Thanks, looking it up.'));
    await screen.findByText('Thanks, looking it up.');
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(box).toHaveValue('');
  });

  it('a stored conversation the server refuses (any 4xx but 429) or a tampered token is forgotten: a new chat starts', async () => {
    for (const [stored, status] of [[{ conversationId: 'x'.repeat(3000), token: 'abc' }, 414], [{ conversationId: 'c1', token: 'a\u0000b' }, 0], [{ conversationId: '', token: '' }, 0]] as const) {
      const storage = new Map<string, string>([['baton.widget.shop', JSON.stringify(stored)]]);
      const calls: string[] = [];
      const client = createChatClient({
        baseUrl: 'http://x',
        storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v), removeItem: (k) => void storage.delete(k) },
        fetch: (async (url: string, init?: RequestInit) => {
          calls.push(`${init?.method ?? 'GET'} ${String(url).slice(0, 60)}`);
          if (String(url).includes('/flows/shop/conversations')) return new Response(JSON.stringify({ conversationId: 'new', token: 'tnew', mode: 'bot', messages: [] }), { status: 201 });
          return new Response(JSON.stringify({ error: 'uri_too_long', message: 'too long' }), { status: status || 400 });
        }) as typeof fetch,
      });
      const s = await client.start('shop');
      expect(s.conversationId).toBe('new');
      expect(JSON.parse(storage.get('baton.widget.shop')!).conversationId).toBe('new');
    }
  });
});
