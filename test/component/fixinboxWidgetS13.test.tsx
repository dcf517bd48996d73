// @vitest-environment jsdom
/**
 * fixinbox, session 13 (newcomer s9 #31, what a Chatwoot user expects of the widget):
 * - phone numbers in a message are tel: links (tap to call on a phone); dates, amounts, order and ticket numbers are not;
 * - unread messages while the panel is closed blink the host page's title, and stop when it opens or they are read;
 *   data-title-blink="false" turns that off; a short tone only with data-sound="true" (off by default).
 */
import './support/setup';
import { act, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Widget } from '../../renderer/widget/Widget';
import type { ChatClient, ChatEntry, LinkState } from '../../renderer/widget/chatClient';
import { telHref } from '../../renderer/widget/linkify';

const entry = (seq: number, from: ChatEntry['from'], text: string, more: Partial<ChatEntry> = {}): ChatEntry => ({ id: `c:${seq}`, seq, from, text, at: 1_700_000_000_000 + seq * 1000, ...more });

function fakeClient(initial: ChatEntry[]) {
  const client: ChatClient = {
    start: vi.fn(async () => ({ conversationId: 'c', token: 't', mode: 'agent', messages: [...initial], lastSeq: initial.length, resumed: true })),
    resume: vi.fn(async () => ({ conversationId: 'c', token: 't', mode: 'agent', messages: [...initial], lastSeq: initial.length, resumed: true })),
    restart: vi.fn(async () => ({ conversationId: 'c2', token: 't2', mode: 'bot', messages: [], lastSeq: 0, resumed: false })),
    send: vi.fn(async () => ({ mode: 'agent', messages: [], lastSeq: 0 })),
    typing: vi.fn(async () => undefined),
    catchUp: vi.fn(async () => ({ mode: 'agent', messages: [], lastSeq: initial.length })),
    listen: vi.fn((_s, _after, _onEntry, onLink: (s: LinkState) => void) => {
      onLink('live');
      return () => undefined;
    }),
  };
  return client;
}

describe('phone numbers in messages are tel: links', () => {
  it('an agent\'s "+44 20 7946 0958" and "(555) 123-4567" can be tapped; order, ticket, date and amount stay text', async () => {
    const text = 'Call us on +44 20 7946 0958 or (555) 123-4567. Order NW-104233, ticket T-12184D37, sent 2026-11-30, 12 500 000 points.';
    render(<Widget flowId="shop" title="Shop" client={fakeClient([entry(1, 'agent', text, { name: 'Ann Lee' })])} />);
    const bubble = (await screen.findByText(/Call us on/)).closest('.bw-bubble') as HTMLElement;
    const links = within(bubble).getAllByRole('link');
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['+44 20 7946 0958', 'tel:+442079460958'],
      ['(555) 123-4567', 'tel:5551234567'],
    ]);
    // The whole sentence still reads as written.
    expect(bubble.textContent).toBe(text);
  });

  it('telHref refuses what is not a phone number', () => {
    expect(telHref('+1-800-555-0199')).toBe('tel:+18005550199');
    expect(telHref('020 7946 0958')).toBe('tel:02079460958');
    for (const not of ['2026-11-30', '30.11.2026', '1299.00', '4111 1111 1111 1111', '12 500 000', '1 2 3 4 5 6 7', '123456']) expect(telHref(not)).toBeNull();
  });
});

describe('the widget loader blinks the page title for unread messages', () => {
  afterEach(() => {
    vi.useRealTimers();
    document.querySelectorAll('[data-baton-widget]').forEach((r) => r.remove());
  });

  async function load(attrs: Record<string, string> = {}) {
    const { WIDGET_LOADER } = await import('../../runtime/server/servePages');
    const script = document.createElement('script');
    script.src = 'http://127.0.0.1:4000/widget.js';
    script.setAttribute('data-flow', attrs.flow ?? 'blink');
    for (const [k, v] of Object.entries(attrs)) if (k !== 'flow') script.setAttribute(`data-${k}`, v);
    Object.defineProperty(document, 'currentScript', { configurable: true, get: () => script });
    new Function(WIDGET_LOADER)();
    const frame = document.querySelector<HTMLIFrameElement>(`#baton-widget-${attrs.flow ?? 'blink'} iframe`)!;
    // What the widget frame posts while its panel is closed (renderer/widget/Widget.tsx).
    const unread = (count: number) => act(() => void window.dispatchEvent(new MessageEvent('message', { origin: 'http://127.0.0.1:4000', source: frame.contentWindow, data: { baton: 'unread', count, preview: 'Ann Lee: Hi' } })));
    return { frame, unread };
  }

  it('"(2) New messages" and the page title in turn while unread; the page title back when opened', async () => {
    vi.useFakeTimers();
    document.title = 'Northwind shop';
    const { unread } = await load();
    await unread(2);
    expect(document.title).toBe('(2) New messages');
    vi.advanceTimersByTime(1000);
    expect(document.title).toBe('Northwind shop');
    vi.advanceTimersByTime(1000);
    expect(document.title).toBe('(2) New messages');
    // The visitor opens the chat: the title is the page's own again, and stays.
    const launcher = document.querySelector<HTMLButtonElement>('#baton-widget-blink > button[aria-expanded]')!;
    act(() => launcher.click());
    expect(document.title).toBe('Northwind shop');
    vi.advanceTimersByTime(3000);
    expect(document.title).toBe('Northwind shop');
  });

  it('stops when the messages are read elsewhere (count 0); data-title-blink="false" never blinks; no tone by default', async () => {
    vi.useFakeTimers();
    document.title = 'Northwind shop';
    const Audio = vi.fn();
    (window as unknown as { AudioContext: unknown }).AudioContext = Audio;
    const a = await load({ flow: 'one' });
    await a.unread(1);
    expect(document.title).toBe('(1) New message');
    await a.unread(0);
    expect(document.title).toBe('Northwind shop');
    vi.advanceTimersByTime(3000);
    expect(document.title).toBe('Northwind shop');
    expect(Audio).not.toHaveBeenCalled();

    const b = await load({ flow: 'quiet', 'title-blink': 'false' });
    await b.unread(3);
    vi.advanceTimersByTime(2000);
    expect(document.title).toBe('Northwind shop');
    delete (window as unknown as { AudioContext?: unknown }).AudioContext;
  });

  it('data-sound="true" plays a tone when a new unread message arrives, not when the count goes down', async () => {
    const started: number[] = [];
    class FakeAudio {
      currentTime = 0;
      destination = {};
      createOscillator() {
        return { frequency: { value: 0 }, connect: () => undefined, start: () => started.push(1), stop: () => undefined };
      }
      createGain() {
        return { gain: { setValueAtTime: () => undefined, exponentialRampToValueAtTime: () => undefined }, connect: () => undefined };
      }
    }
    (window as unknown as { AudioContext: unknown }).AudioContext = FakeAudio;
    const { unread } = await load({ flow: 'loud', sound: 'true', 'title-blink': 'false' });
    await unread(1);
    await unread(2);
    await unread(1);
    expect(started).toHaveLength(2);
    delete (window as unknown as { AudioContext?: unknown }).AudioContext;
  });
});
