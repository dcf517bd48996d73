// @vitest-environment jsdom
/**
 * Newcomer s39 in the widget and the push channels:
 * - N23: the customer's answer to the rating question reads as stars and "5/5" (the inbox shows ★★★★★ too), not a bare
 *   "5"; an ended chat's header no longer promises "Our assistant replies at once".
 * - N29: with the server down the browser retried the push channel every 2 s (the server's `retry:`) for as long as the
 *   page stayed open, a console error each time (widget and inbox): after one retry of its own the client closes the
 *   stream and reopens it after a growing delay, capped at 10 s; a stream that opens resets it.
 */
import './support/setup';
import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Widget } from '../../renderer/widget/Widget';
import { createChatClient, reconnectDelay, type ChatClient, type ChatEntry } from '../../renderer/widget/chatClient';
import { createInboxApi, inboxReconnectDelay } from '../../renderer/inbox/inboxApi';

const entry = (seq: number, from: ChatEntry['from'], text: string, more: Partial<ChatEntry> = {}): ChatEntry => ({ id: `c:${seq}`, seq, from, text, at: 1_700_000_000_000 + seq * 1000, ...more });
const scale = ['1', '2', '3', '4', '5'].map((n) => ({ id: n, label: n }));

function clientWith(mode: string, messages: ChatEntry[]): ChatClient {
  return {
    start: vi.fn(async () => ({ conversationId: 'c', token: 't', mode, messages, lastSeq: messages.length, resumed: true })),
    restart: vi.fn(async () => ({ conversationId: 'c2', token: 't2', mode: 'bot', messages: [], lastSeq: 0, resumed: false })),
    send: vi.fn(async () => ({ mode, messages: [], lastSeq: messages.length })),
    typing: vi.fn(async () => undefined),
    catchUp: vi.fn(async () => ({ mode, messages: [], lastSeq: messages.length })),
    listen: vi.fn((_s, _after, _onEntry, onLink) => {
      onLink('live');
      return () => undefined;
    }),
  };
}

describe('N23: the rating in the widget, and an ended chat\'s header', () => {
  it('the answer to the rating question is stars and 5/5; the ended chat says it ended', async () => {
    const log = [
      entry(1, 'bot', 'Before you go: how would you rate this chat, from 1 (bad) to 5 (great)?', { buttons: scale }),
      entry(2, 'customer', '5'),
      entry(3, 'bot', 'Thank you for your feedback.'),
      entry(4, 'system', '', { status: { mode: 'closed' } }),
    ];
    render(<Widget flowId="shop" title="Shop" client={clientWith('closed', log)} />);
    await screen.findByText('Thank you for your feedback.');
    const rated = document.querySelector('.bw-customer .bw-rated')!;
    expect(rated).not.toBeNull();
    expect(rated.textContent).toBe('★★★★★ 5/5');
    expect(rated.getAttribute('aria-label')).toMatch(/^You at .+: rated 5 of 5, very satisfied$/);
    // No bare "5" bubble left.
    expect([...document.querySelectorAll('.bw-customer .bw-bubble')].map((b) => b.textContent)).toEqual(['★★★★★ 5/5']);
    // Session 50 (rt5, newcomer s49 N4): the footer says it has ended; the header no longer says it again (no subtitle).
    expect(screen.getByText('This conversation has ended.', { selector: '.bw-ended span' })).toBeInTheDocument();
    expect(document.querySelector('.bw-sub')).toBeNull();
    expect(screen.queryByText('Our assistant replies at once')).toBeNull();
  });

  it('a "3" that answers another question stays a "3"; a lower rating shows its empty stars', async () => {
    const log = [
      entry(1, 'bot', 'How many items?'),
      entry(2, 'customer', '3'),
      entry(3, 'bot', 'Rate us, from 1 to 5', { buttons: scale }),
      entry(4, 'customer', '2'),
      entry(5, 'bot', 'Thanks.'),
    ];
    render(<Widget flowId="shop" title="Shop" client={clientWith('bot', log)} />);
    await screen.findByText('Thanks.');
    expect([...document.querySelectorAll('.bw-customer .bw-bubble')].map((b) => b.textContent)).toEqual(['3', '★★☆☆☆ 2/5']);
    // A chat still with the bot keeps its promise.
    expect(screen.getByText('Our assistant replies at once')).toBeInTheDocument();
  });
});

/** An EventSource stand-in the test drives: `fail(state)` is a network error (state 0: the browser retries itself). */
class FakeSource {
  static all: FakeSource[] = [];
  readyState = 0;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSource.all.push(this);
  }
  addEventListener() {}
  close() {
    this.readyState = 2;
  }
  fail(state = 0) {
    this.readyState = state;
    this.onerror?.();
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
}

describe('N29: the push channels back off while the server is down', () => {
  afterEach(() => {
    vi.useRealTimers();
    FakeSource.all = [];
  });

  it('the delays: widget 1, 2, 4, 8 s then 10 s; inbox 2, 4, 8 s then 10 s', () => {
    expect([0, 1, 2, 3, 4, 5, 20].map(reconnectDelay)).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000, 10_000]);
    expect([0, 1, 2, 3, 10].map(inboxReconnectDelay)).toEqual([2000, 4000, 8000, 10_000, 10_000]);
  });

  it('widget: one browser retry, then its own growing delay; an open stream starts over', () => {
    vi.useFakeTimers();
    const links: string[] = [];
    const client = createChatClient({ baseUrl: 'http://x', storage: localStorage, fetch: vi.fn() as never, EventSource: FakeSource as never });
    const stop = client.listen({ conversationId: 'c', token: 't' }, () => 0, () => undefined, (s) => links.push(s));
    const first = FakeSource.all[0];
    first.open();
    // (Reopens do not get a browser retry of their own: failing once, they are closed and wait again.)
    // The server goes away: the browser's own retry (state 0) is left to it once.
    first.fail(0);
    expect(first.readyState).toBe(0);
    expect(FakeSource.all).toHaveLength(1);
    // Its retry fails too: the client closes the stream and waits 1 s, then 2 s, 4 s, ...
    first.fail(0);
    expect(first.readyState).toBe(2);
    vi.advanceTimersByTime(999);
    expect(FakeSource.all).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeSource.all).toHaveLength(2);
    FakeSource.all[1].fail(0);
    vi.advanceTimersByTime(1999);
    expect(FakeSource.all).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeSource.all).toHaveLength(3);
    // Back: live, and the next outage starts from the short delay again.
    FakeSource.all[2].open();
    expect(links.at(-1)).toBe('live');
    FakeSource.all[2].fail(0);
    FakeSource.all[2].fail(0);
    vi.advanceTimersByTime(1000);
    expect(FakeSource.all).toHaveLength(4);
    // What the page shows did not change: reconnecting while down, live once back.
    expect(links.filter((s, i) => s !== links[i - 1])).toEqual(['connecting', 'live', 'reconnecting', 'live', 'reconnecting']);
    stop();
  });

  it('inbox: one browser retry, then a session check and a reopen after 2 s, then 4 s', async () => {
    vi.useFakeTimers();
    const fetch = vi.fn(async () => new Response(JSON.stringify({ agent: { id: 'ann' } }), { status: 200, headers: { 'content-type': 'application/json' } }));
    const api = createInboxApi({ baseUrl: 'http://x', fetch: fetch as never, EventSource: FakeSource as never });
    const links: string[] = [];
    const stop = api.events('tok', { onEvent: () => undefined, onLink: (s) => links.push(s) });
    FakeSource.all[0].open();
    FakeSource.all[0].fail(0);
    expect(fetch).not.toHaveBeenCalled();
    FakeSource.all[0].fail(0);
    expect(FakeSource.all[0].readyState).toBe(2);
    await vi.advanceTimersByTimeAsync(1999);
    expect(fetch).toHaveBeenCalledTimes(1); // the session check (a 401 would sign out)
    expect(FakeSource.all).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSource.all).toHaveLength(2);
    FakeSource.all[1].fail(0);
    await vi.advanceTimersByTimeAsync(3999);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(FakeSource.all).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSource.all).toHaveLength(3);
    FakeSource.all[2].open();
    expect(links.at(-1)).toBe('live');
    stop();
  });

  it('inbox, server unreachable: only the session check is retried (2, 4, 8 s), the stream reopens once it answers', async () => {
    vi.useFakeTimers();
    let down = true;
    const fetch = vi.fn(async () => {
      if (down) throw new TypeError('Failed to fetch');
      return new Response(JSON.stringify({ agent: { id: 'ann' } }), { status: 200, headers: { 'content-type': 'application/json' } });
    });
    const api = createInboxApi({ baseUrl: 'http://x', fetch: fetch as never, EventSource: FakeSource as never });
    const stop = api.events('tok', { onEvent: () => undefined, onLink: () => undefined });
    FakeSource.all[0].open();
    FakeSource.all[0].fail(0);
    FakeSource.all[0].fail(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(fetch).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(fetch).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(4000);
    expect(fetch).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(7999);
    expect(fetch).toHaveBeenCalledTimes(3);
    // 14 s down: 3 requests, and no stream reopened meanwhile (it was one every 2 s).
    expect(FakeSource.all).toHaveLength(1);
    down = false;
    await vi.advanceTimersByTimeAsync(1);
    expect(fetch).toHaveBeenCalledTimes(4);
    expect(FakeSource.all).toHaveLength(2);
    stop();
  });
});
