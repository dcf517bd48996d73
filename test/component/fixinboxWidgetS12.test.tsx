// @vitest-environment jsdom
/**
 * fixinbox, session 12 (newcomer s11 report), widget side:
 * - #3: the queue places are one line updated in place (was: "number 3", "number 3", "number 2" one under the
 *   other), and the waiting bar says the newest place;
 * - #11: a link the customer wrote is a link too (http(s) only, new tab, rel noopener noreferrer, no markup injected);
 * - s12 #21: while waiting, the "Waiting for a person." pill is not a third waiting line.
 */
import './support/setup';
import { act, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Widget } from '../../renderer/widget/Widget';
import type { ChatClient, ChatEntry, LinkState } from '../../renderer/widget/chatClient';

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
    listen: vi.fn((_s, _after, onEntry, onLink: (s: LinkState) => void) => {
      push = onEntry;
      onLink('live');
      return () => undefined;
    }),
  };
  // The widget opens its push channel after its first render's effects: under load that can come after the first
  // message is on screen (CI, session 15: 'push is not a function'), so a push waits for it.
  const pushWhenListening = async (e: ChatEntry) => {
    await vi.waitFor(() => {
      if (!push) throw new Error('the widget has not opened its push channel yet');
    });
    act(() => push!(e));
  };
  return { client, push: pushWhenListening };
}

const waiting = (seq: number) => entry(seq, 'system', 'Waiting for a person.', { status: { mode: 'waiting', handoff: { id: 'h1', status: 'pending', reason: 'explicit_request' } } as ChatEntry['status'] });

describe('#3 the place in the queue is one line, updated in place', () => {
  it('a new place replaces the old line instead of adding one; the waiting bar says it too', async () => {
    const f = fakeClient(
      [
        entry(1, 'customer', 'I want a person'),
        entry(2, 'bot', "I'm connecting you with a person. Expected wait: about 4 minutes."),
        waiting(3),
        entry(4, 'system', 'You are number 3 in the queue. Expected wait: about 4 minutes.'),
        entry(5, 'customer', 'ok, waiting'),
      ],
      'waiting',
    );
    const { container } = render(<Widget flowId="shop" title="Shop" client={f.client} />);
    await screen.findByText('You are number 3 in the queue. Expected wait: about 4 minutes.', { selector: '.bw-system span' });
    const queueItems = () => [...container.querySelectorAll('.bw-log .bw-system')].map((li) => li.textContent).filter((t) => /in the queue|next in line/.test(t ?? ''));
    const line = container.querySelector('.bw-queue');

    await f.push(entry(6, 'system', 'You are number 2 in the queue. Expected wait: about 2 minutes.'));
    await vi.waitFor(() => expect(queueItems()).toEqual(['You are number 2 in the queue. Expected wait: about 2 minutes.']), { timeout: 10_000 });
    // The same element, where the first place was said (before the customer's "ok, waiting"): updated, not added.
    expect(container.querySelector('.bw-queue')).toBe(line);
    expect(line?.nextElementSibling?.textContent).toContain('ok, waiting');
    const bar = container.querySelector('.bw-wait');
    expect(bar).toHaveTextContent('Waiting for a person to join: number 2 in the queue. You can keep writing.');

    await f.push(entry(7, 'system', 'You are next in line. Expected wait: under a minute.'));
    await vi.waitFor(() => expect(queueItems()).toEqual(['You are next in line. Expected wait: under a minute.']), { timeout: 10_000 });
    expect(container.querySelector('.bw-wait')).toHaveTextContent('Waiting for a person to join: next in line. You can keep writing.');
    // newcomer s12 #21: while waiting, no "Waiting for a person." pill under the header and above the bar that say it.
    expect([...container.querySelectorAll('.bw-log .bw-system')].map((li) => li.textContent)).not.toContain('Waiting for a person.');

    // Someone joins: the waiting is over; a later wait (back in the queue) gets its own line.
    await f.push(entry(8, 'system', '', { status: { mode: 'agent', handoff: { id: 'h1', status: 'assigned', reason: 'explicit_request' } } as ChatEntry['status'] }));
    await f.push(entry(9, 'system', '', { status: { mode: 'waiting', handoff: { id: 'h1', status: 'pending', reason: 'explicit_request' } } as ChatEntry['status'] }));
    await f.push(entry(10, 'system', 'You are number 2 in the queue. Expected wait: about 2 minutes.'));
    await vi.waitFor(() => expect(queueItems()).toEqual(['You are next in line. Expected wait: under a minute.', 'You are number 2 in the queue. Expected wait: about 2 minutes.']), { timeout: 10_000 });
    // The first wait's pill reads in the history again; the current one is not shown.
    expect([...container.querySelectorAll('.bw-log .bw-system')].filter((li) => li.textContent === 'Waiting for a person.')).toHaveLength(1);
  });
});

describe('#11 links the customer wrote', () => {
  it('are links (new tab, noopener noreferrer); other schemes and markup stay text', async () => {
    const text = 'see https://shop.example/orders/NW-104233?tab=track, not javascript:alert(1) or https://x.example/"><img src=x onerror="window.__pwned=1">';
    const f = fakeClient([entry(1, 'bot', 'Hello!'), entry(2, 'customer', text)]);
    const { container } = render(<Widget flowId="shop" title="Shop" client={f.client} />);
    const a = await screen.findByRole('link', { name: 'https://shop.example/orders/NW-104233?tab=track' });
    expect(a).toHaveAttribute('href', 'https://shop.example/orders/NW-104233?tab=track');
    expect(a).toHaveAttribute('target', '_blank');
    expect(a).toHaveAttribute('rel', 'noopener noreferrer');
    expect(a.closest('.bw-customer')).not.toBeNull();
    expect([...container.querySelectorAll('.bw-customer a')].map((x) => x.getAttribute('href'))).toEqual(['https://shop.example/orders/NW-104233?tab=track', 'https://x.example/']);
    expect(container.querySelector('img, script, a[href^="javascript"]')).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
    // The whole message still reads as the customer wrote it.
    expect(container.querySelector('.bw-customer .bw-bubble')?.textContent).toBe(text);
  });
});
