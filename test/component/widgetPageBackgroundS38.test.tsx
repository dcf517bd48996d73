// @vitest-environment jsdom
/**
 * Session 38 (README "Not finished", newcomer s35 rest): a phone browser that freezes the widget's page in the
 * background closes its push channel like a page closed for good, and the server counted the customer as gone. The
 * widget now says when its page goes to the background (visibilitychange hidden, freeze, pagehide persisted), comes
 * back (visible, resume, pageshow persisted) and when it is closing for good (pagehide not persisted: a tab closed, a
 * reload), each change once; the inbox shows a page closed in the background as such, not as gone.
 */
import './support/setup';
import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Widget } from '../../renderer/widget/Widget';
import { createChatClient, type ChatClient, type ChatEntry } from '../../renderer/widget/chatClient';
import { CustomerPageChip, CustomerPageRowNote, customerPageWords, pageGone } from '../../renderer/inbox/CustomerPageNote';

const entry = (seq: number, text: string): ChatEntry => ({ id: `c:${seq}`, seq, from: 'bot', text, at: 1_700_000_000_000 + seq * 1000 });

function fakeClient() {
  const page = vi.fn(async () => undefined);
  const client: ChatClient = {
    start: vi.fn(async () => ({ conversationId: 'c1', token: 't1', mode: 'waiting', messages: [entry(1, 'Finding someone for you.')], lastSeq: 1, resumed: false })),
    restart: vi.fn(),
    send: vi.fn(),
    typing: vi.fn(async () => undefined),
    catchUp: vi.fn(async () => ({ mode: 'waiting', messages: [], lastSeq: 1 })),
    listen: vi.fn((_s, _a, _e, onLink) => {
      onLink('live');
      return () => undefined;
    }),
    page,
  };
  return { client, page, states: () => page.mock.calls.map((c) => (c as unknown[])[1]) };
}

let visibility: DocumentVisibilityState = 'visible';
Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
afterEach(() => {
  visibility = 'visible';
});
/** Changes the visibility, then lets the next task run (a hidden page sends "background" in the next task). */
const setVisibility = (v: DocumentVisibilityState) =>
  act(async () => {
    visibility = v;
    document.dispatchEvent(new Event('visibilitychange'));
    await new Promise((r) => setTimeout(r, 5));
  });
const pageHideEvent = (persisted: boolean) => {
  const e = new Event('pagehide');
  Object.defineProperty(e, 'persisted', { value: persisted });
  return e;
};
const pageTransition = (type: 'pagehide' | 'pageshow', persisted: boolean) =>
  act(() => {
    const e = new Event(type);
    Object.defineProperty(e, 'persisted', { value: persisted });
    window.dispatchEvent(e);
  });

describe('the widget says when its page goes to the background (session 38)', () => {
  it('hidden -> background, visible -> foreground, each change once; a frozen page is background too', async () => {
    const f = fakeClient();
    render(<Widget flowId="shop" title="Shop" client={f.client} reconnectProbeMs={60_000} />);
    await screen.findByText('Finding someone for you.');
    await act(async () => undefined); // the page listeners' effect has run
    expect(f.states()).toEqual([]); // a visible page says nothing
    await setVisibility('hidden');
    await act(() => void document.dispatchEvent(new Event('freeze'))); // already said
    expect(f.states()).toEqual(['background']);
    expect(f.page.mock.calls[0][0]).toEqual({ conversationId: 'c1', token: 't1' });
    await setVisibility('visible');
    await act(() => void document.dispatchEvent(new Event('resume')));
    expect(f.states()).toEqual(['background', 'foreground']);
    // A freeze without a hidden state first (a page discarded in the background): background.
    await act(() => void document.dispatchEvent(new Event('freeze')));
    expect(f.states()).toEqual(['background', 'foreground', 'background']);
  });

  it('a tab hidden for a while, then closed: background, then closing (pagehide not persisted)', async () => {
    const f = fakeClient();
    render(<Widget flowId="shop" title="Shop" client={f.client} reconnectProbeMs={60_000} />);
    await screen.findByText('Finding someone for you.');
    await act(async () => undefined); // the page listeners' effect has run
    await setVisibility('hidden');
    await pageTransition('pagehide', false);
    expect(f.states()).toEqual(['background', 'closing']);
  });

  it('a tab closed at once (hidden and pagehide in the same task): closing alone, no background that could arrive last', async () => {
    const f = fakeClient();
    render(<Widget flowId="shop" title="Shop" client={f.client} reconnectProbeMs={60_000} />);
    await screen.findByText('Finding someone for you.');
    await act(async () => undefined); // the page listeners' effect has run
    await act(async () => {
      visibility = 'hidden';
      document.dispatchEvent(new Event('visibilitychange'));
      window.dispatchEvent(pageHideEvent(false));
      await new Promise((r) => setTimeout(r, 5));
    });
    expect(f.states()).toEqual(['closing']);
  });

  it('hidden then frozen in the same task: background at once (no task runs after a freeze)', async () => {
    const f = fakeClient();
    render(<Widget flowId="shop" title="Shop" client={f.client} reconnectProbeMs={60_000} />);
    await screen.findByText('Finding someone for you.');
    await act(async () => undefined); // the page listeners' effect has run
    act(() => {
      visibility = 'hidden';
      document.dispatchEvent(new Event('visibilitychange'));
      document.dispatchEvent(new Event('freeze'));
    });
    expect(f.states()).toEqual(['background']);
    await act(async () => void (await new Promise((r) => setTimeout(r, 5))));
    expect(f.states()).toEqual(['background']);
  });

  it('the back-forward cache: pagehide persisted is background, pageshow persisted is foreground', async () => {
    const f = fakeClient();
    render(<Widget flowId="shop" title="Shop" client={f.client} reconnectProbeMs={60_000} />);
    await screen.findByText('Finding someone for you.');
    await act(async () => undefined); // the page listeners' effect has run
    await pageTransition('pagehide', true);
    await pageTransition('pageshow', true);
    expect(f.states()).toEqual(['background', 'foreground']);
  });

  it('stops listening when the widget goes away', async () => {
    const f = fakeClient();
    const { unmount } = render(<Widget flowId="shop" title="Shop" client={f.client} reconnectProbeMs={60_000} />);
    await screen.findByText('Finding someone for you.');
    await act(async () => undefined); // the page listeners' effect has run
    unmount();
    await setVisibility('hidden');
    expect(f.states()).toEqual([]);
  });

  it("the chat client sends it with keepalive and the conversation's token", async () => {
    const fetch = vi.fn(async () => new Response('{"ok":true}', { status: 200, headers: { 'content-type': 'application/json' } }));
    const client = createChatClient({ baseUrl: 'https://chat.example', storage: { getItem: () => null, setItem: () => undefined, removeItem: () => undefined }, fetch: fetch as unknown as typeof globalThis.fetch });
    await client.page!({ conversationId: 'c 1', token: 'tok' }, 'background');
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit & { headers: Record<string, string> }];
    expect(url).toBe('https://chat.example/api/v1/conversations/c%201/page');
    expect(init).toMatchObject({ method: 'POST', keepalive: true, body: '{"state":"background"}' });
    expect(init.headers.authorization).toBe('Bearer tok');
    // Best effort: a refused or failed call is not an error for the page.
    fetch.mockImplementationOnce(async () => {
      throw new TypeError('offline');
    });
    await expect(client.page!({ conversationId: 'c1', token: 'tok' }, 'closing')).resolves.toBeUndefined();
  });
});

describe('the inbox: a page closed in the background is not gone (session 38)', () => {
  const at = Date.UTC(2026, 0, 5, 10, 4);
  const clock = (x: number) => new Date(x).toISOString().slice(11, 16);
  it('chip words and colours, no row note, not gone', () => {
    const page = { open: false, at: at + 60_000, backgroundAt: at };
    expect(pageGone(page)).toBe(false);
    expect(customerPageWords(page, clock)).toBe("Customer's page in the background since 10:04");
    render(<CustomerPageChip page={page} />);
    const chip = screen.getByTestId('customer-page');
    expect(chip.className).toContain('ib-page-open');
    expect(chip.getAttribute('title')).toContain('freezes a page it hides');
    const { container } = render(<CustomerPageRowNote page={page} />);
    expect(container.textContent).toBe('');
    // Closed without a word about the background: gone, as before.
    expect(pageGone({ open: false, at })).toBe(true);
    expect(customerPageWords({ open: false, at }, clock)).toBe("Customer's page closed at 10:04");
  });
});
