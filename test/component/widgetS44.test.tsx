// @vitest-environment jsdom
/**
 * Session 44 (studio7), the session-43 blind re-test of the widget:
 *  - N6: after a person had the chat (resolved, the bot asks for a rating) the header said "Our assistant replies at
 *    once", as if nobody had been there; now "Back with our assistant". A chat only ever with the bot keeps its promise.
 *  - N1: after a resize the log did not stay on the newest message: the widget's log now follows its box while the
 *    customer is at the bottom (renderer/ui/useStickToBottom.ts).
 */
import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Widget } from '../../renderer/widget/Widget';
import type { ChatClient, ChatEntry } from '../../renderer/widget/chatClient';

const entry = (seq: number, from: ChatEntry['from'], text: string, more: Partial<ChatEntry> = {}): ChatEntry => ({ id: `c:${seq}`, seq, from, text, at: 1_700_000_000_000 + seq * 1000, ...more });

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

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

describe('widget header after a person had the chat (retest s43 N6)', () => {
  it('resolved by Ann, the bot asking for a rating: "Back with our assistant", not "replies at once"', async () => {
    const log = [
      entry(1, 'bot', "I'm connecting you with someone."),
      entry(2, 'system', '', { status: { mode: 'agent', handoff: { id: 'h', status: 'accepted', reason: 'flow' } } }),
      entry(3, 'agent', 'Hello Dana, I can help.', { agentName: 'Ann' } as Partial<ChatEntry>),
      entry(4, 'system', 'Ann marked this chat as resolved', { status: { mode: 'bot' } }),
      entry(5, 'bot', 'Before you go: how would you rate this chat?'),
    ];
    render(<Widget flowId="shop" title="Shop" client={clientWith('bot', log)} />);
    await screen.findByText('Before you go: how would you rate this chat?');
    expect(screen.getByText('Back with our assistant', { selector: '.bw-sub' })).toBeInTheDocument();
    expect(screen.queryByText('Our assistant replies at once')).toBeNull();
  });

  it('negative: a chat only ever with the bot keeps "Our assistant replies at once"', async () => {
    render(<Widget flowId="shop" title="Shop" client={clientWith('bot', [entry(1, 'bot', 'Hi, how can I help?')])} />);
    await screen.findByText('Hi, how can I help?');
    expect(screen.getByText('Our assistant replies at once', { selector: '.bw-sub' })).toBeInTheDocument();
  });
});

describe('widget log after a resize (retest s43 N1)', () => {
  it('at the newest message, a smaller box keeps the newest message in view', async () => {
    const observers: (() => void)[] = [];
    const Real = globalThis.ResizeObserver;
    globalThis.ResizeObserver = class {
      constructor(private cb: () => void) {}
      observe() {
        observers.push(this.cb);
      }
      disconnect() {}
      unobserve() {}
    } as unknown as typeof ResizeObserver;
    cleanups.push(() => {
      globalThis.ResizeObserver = Real;
    });
    let height = 1000;
    let client = 400;
    const sh = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'scrollHeight');
    const ch = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
    Object.defineProperty(HTMLElement.prototype, 'scrollHeight', { configurable: true, get: () => height });
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => client });
    cleanups.push(() => {
      if (sh) Object.defineProperty(HTMLElement.prototype, 'scrollHeight', sh);
      else delete (HTMLElement.prototype as { scrollHeight?: number }).scrollHeight;
      if (ch) Object.defineProperty(HTMLElement.prototype, 'clientHeight', ch);
      else delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight;
    });
    render(<Widget flowId="shop" title="Shop" client={clientWith('bot', [entry(1, 'bot', 'Hi'), entry(2, 'customer', 'x'), entry(3, 'bot', 'Could you tell us in a few words what went wrong?')])} />);
    await screen.findByText('Could you tell us in a few words what went wrong?');
    const log = screen.getByRole('list', { name: 'Conversation' });
    expect(log.scrollTop).toBe(1000);
    log.dispatchEvent(new Event('scroll'));
    // The window gets shorter (700 x 800 -> 700 x 600): the lines wrap and the box shrinks.
    client = 300;
    height = 1250;
    act(() => observers.forEach((f) => f()));
    expect(log.scrollTop).toBe(1250);
  });
});
