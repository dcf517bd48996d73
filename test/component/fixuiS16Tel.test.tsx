// @vitest-environment jsdom
/**
 * fixui, session 16: hostile s15 #11, the widget's tel: links, by rule (renderer/widget/linkify.tsx).
 * - opening hours written as two 24-hour times without colons ("0800-1200") are a time range, not a phone number;
 * - a number named by an acronym right before it ("SSN 123-45-6789", "NHS number 943 476 5919", "ISO 8601 ...") is that
 *   thing's identifier; an acronym about calling (TEL, FAX, SMS) still announces a phone number;
 * - no-break, narrow and zero-width spaces separate a number's groups like a space (the link shows the text as written);
 * - no country code starts with 0 ("+0 000 000 0000").
 */
import './support/setup';
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { telHref, withLinks } from '../../renderer/widget/linkify';

/** [link text, href] of every link in the message as the widget renders it; the text must read as written. */
function linksIn(text: string): string[][] {
  const { container, unmount } = render(<p>{withLinks(text)}</p>);
  expect(container.textContent).toBe(text);
  const out = [...container.querySelectorAll('a')].map((a) => [a.textContent ?? '', a.getAttribute('href') ?? '']);
  unmount();
  return out;
}

describe('hostile s15 #11: opening hours are not phone numbers', () => {
  it('"0800-1200 and 1400-1800", with dashes, en dashes and spaces; a phone number beside them is still linked', () => {
    expect(linksIn('We are open between 0800-1200 and 1400-1800, Monday to Friday.')).toEqual([]);
    expect(linksIn('Hours: 0900 – 1730 (Sat 1000–1600)')).toEqual([]);
    expect(linksIn('Open 0800-1800; call 0800 123 4567 outside those hours.')).toEqual([['0800 123 4567', 'tel:08001234567']]);
  });

  it('only times of day make a range: "2345-6789" (67 is no hour) stays a phone number after a call word', () => {
    expect(linksIn('call 2345-6789')).toEqual([['2345-6789', 'tel:23456789']]);
  });
});

describe('hostile s15 #11: a number named by an acronym is an identifier', () => {
  it('SSN, NHS number, ISO, VAT no., NI number: not linked', () => {
    for (const text of ['Your SSN 123-45-6789 is on file.', 'NHS number 943 476 5919', 'NHS number: 943 476 5919', 'see ISO 8601 2026-W49-3', 'VAT no. 123 4567 89', 'NI number 123 456 7890']) {
      expect(linksIn(text), text).toEqual([]);
    }
  });

  it('an acronym about calling still announces a phone number; two capitals alone (a country) do not name it', () => {
    expect(linksIn('TEL 020 7946 0958')).toEqual([['020 7946 0958', 'tel:02079460958']]);
    expect(linksIn('FAX: 020 7946 0959')).toEqual([['020 7946 0959', 'tel:02079460959']]);
    expect(linksIn('UK 0800 123 4567')).toEqual([['0800 123 4567', 'tel:08001234567']]);
  });
});

describe('hostile s15 #11: space-like characters inside a number', () => {
  it('no-break, narrow no-break and zero-width spaces: linked, shown as written', () => {
    expect(linksIn('Call +44\u00a07700\u00a0900123 today')).toEqual([['+44\u00a07700\u00a0900123', 'tel:+447700900123']]);
    expect(linksIn('Call +44\u202f20\u202f7946\u202f0958')).toEqual([['+44\u202f20\u202f7946\u202f0958', 'tel:+442079460958']]);
    expect(linksIn('Call +44\u200b7700\u200b900123')).toEqual([['+44\u200b7700\u200b900123', 'tel:+447700900123']]);
  });

  it('no country code starts with 0', () => {
    expect(telHref('+0 000 000 0000')).toBeNull();
    expect(linksIn('Call +0 000 000 0000')).toEqual([]);
    expect(telHref('+44 20 7946 0958')).toBe('tel:+442079460958');
  });
});
