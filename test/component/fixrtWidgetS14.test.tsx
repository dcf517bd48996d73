// @vitest-environment jsdom
/**
 * fixrt, session 14: the widget's tel: links (hostile s14 H#1, H#2).
 * - H#1: a date with a time after it ("2026-11-30 09:15:00") was linked as "2026-11-30 09" -> tel:2026113009.
 * - H#2: "+1 (555) 123-4567" and "+44 (0)20 7946 0958" were not linked; "order #1234567", "Order 10492831",
 *   "acc 12345678", "$1 234 567.89" and the digits of an IBAN were.
 * - newcomer s14 N#8: the number in the customer's own bubble was a tel: link (and invisible: indigo on indigo); the
 *   customer's own text has no tel: links now (an http link they wrote stays one; its colour: test/e2e/widgetFixrtS14).
 */
import './support/setup';
import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Widget } from '../../renderer/widget/Widget';
import type { ChatClient, ChatEntry } from '../../renderer/widget/chatClient';
import { withLinks } from '../../renderer/widget/linkify';

/** [link text, href] of every link in the message as the widget renders it; the text must read as written. */
function linksIn(text: string): string[][] {
  const { container, unmount } = render(<p>{withLinks(text)}</p>);
  expect(container.textContent).toBe(text);
  const out = [...container.querySelectorAll('a')].map((a) => [a.textContent ?? '', a.getAttribute('href') ?? '']);
  unmount();
  return out;
}

describe('hostile s14 H#1: a date, with or without a time, is never a phone link', () => {
  it.each([
    'at 2026-11-30 09:15:00 UTC',
    'your parcel was collected 2026-11-30 12:30',
    'on 30/11/2026 14:05 you paid',
    'on 30.11.2026, 14:05 you paid',
    'logged 2026-11-30T09:15:00Z',
    'between 09:15 and 12:30',
  ])('%s', (text) => {
    expect(linksIn(text)).toEqual([]);
  });

  it('a phone number after a date and time is still linked, and only it', () => {
    expect(linksIn('Collected 2026-11-30 12:30; questions: call 0800 123 456.')).toEqual([['0800 123 456', 'tel:0800123456']]);
  });
});

describe('hostile s14 H#2: the common written formats are linked, order/account numbers and amounts are not', () => {
  it('country code with the area code in brackets, and the UK (0) trunk digit (dropped from the tel: address)', () => {
    expect(linksIn('Call +1 (555) 123-4567 today')).toEqual([['+1 (555) 123-4567', 'tel:+15551234567']]);
    expect(linksIn('Ring +44 (0)20 7946 0958.')).toEqual([['+44 (0)20 7946 0958', 'tel:+442079460958']]);
    expect(linksIn('Appelez le 01.23.45.67.89')).toEqual([['01.23.45.67.89', 'tel:0123456789']]);
    expect(linksIn('phone no. 020 7946 0958')).toEqual([['020 7946 0958', 'tel:02079460958']]);
  });

  it.each([
    'order #1234567',
    'Order 10492831 shipped',
    'Order no. 1049 2831 shipped',
    'acc 12345678',
    'account number: 1234-5678-90',
    'Refund of $1 234 567.89 sent',
    'Refund of 1 234 567.89 sent',
    'Refund: 1 299 000 EUR',
    'IBAN GB82 WEST 1234 5698 7654 32',
    'your code is 48213957',
  ])('%s: no link', (text) => {
    expect(linksIn(text)).toEqual([]);
  });

  it('digits written with no + and no separator are a phone number after "call" / "phone" / "tel"', () => {
    expect(linksIn('please call 08001234567 now')).toEqual([['08001234567', 'tel:08001234567']]);
    expect(linksIn('Tel: +49 30 1234567')).toEqual([['+49 30 1234567', 'tel:+49301234567']]);
  });
});

describe('newcomer s14 N#8: no tel: link in the customer\'s own message', () => {
  const entry = (seq: number, from: ChatEntry['from'], text: string): ChatEntry => ({ id: `c:${seq}`, seq, from, text, at: 1_700_000_000_000 + seq * 1000, ...(from === 'agent' ? { name: 'Ann Lee' } : {}) });
  it('the customer\'s "call me on 07700 900123" is text; the agent\'s number is a link; the customer\'s http link stays a link', async () => {
    const entries = [entry(1, 'customer', 'call me on 07700 900123 instead, see https://mine.example/x'), entry(2, 'agent', 'Or call us on 0800 123 456.')];
    const client = {
      start: vi.fn(async () => ({ conversationId: 'c', token: 't', mode: 'agent', messages: entries, lastSeq: 2, resumed: true })),
      resume: vi.fn(async () => ({ conversationId: 'c', token: 't', mode: 'agent', messages: entries, lastSeq: 2, resumed: true })),
      restart: vi.fn(),
      send: vi.fn(),
      typing: vi.fn(async () => undefined),
      catchUp: vi.fn(async () => ({ mode: 'agent', messages: [], lastSeq: 2 })),
      listen: vi.fn(() => () => undefined),
    } as unknown as ChatClient;
    const { container } = render(<Widget flowId="shop" title="Shop" client={client} />);
    await screen.findByText(/Or call us on/);
    const mine = container.querySelector('.bw-customer .bw-bubble') as HTMLElement;
    expect(mine.textContent).toBe(entries[0].text);
    expect([...mine.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['https://mine.example/x']);
    const theirs = container.querySelector('.bw-agent .bw-bubble') as HTMLElement;
    expect([...theirs.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['tel:0800123456']);
  });
});
