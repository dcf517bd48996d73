// @vitest-environment jsdom
/**
 * fixrt, session 14: the widget's tel: links (hostile s14 H#1, H#2).
 * - H#1: a date with a time after it ("2026-11-30 09:15:00") was linked as "2026-11-30 09" -> tel:2026113009.
 * - H#2: "+1 (555) 123-4567" and "+44 (0)20 7946 0958" were not linked; "order #1234567", "Order 10492831",
 *   "acc 12345678", "$1 234 567.89" and the digits of an IBAN were.
 */
import './support/setup';
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
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
