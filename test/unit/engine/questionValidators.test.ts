import { describe, it, expect } from 'vitest';
import { validateAnswer } from '../../../shared/engine/questionValidators';

const NOW = Date.UTC(2024, 0, 31, 23, 30); // late on Jan 31st (UTC)
const ok = (value: unknown) => ({ ok: true, value });
const bad = { ok: false };

describe('validateAnswer', () => {
  it('text: accepts any non-empty answer, trimmed', () => {
    expect(validateAnswer('text', '  hello there ', NOW)).toEqual(ok('hello there'));
    expect(validateAnswer('text', '   ', NOW)).toEqual(bad);
  });

  it('email: lower-cases, finds the address inside a sentence, rejects non-emails', () => {
    expect(validateAnswer('email', 'Ana.Lopez@Example.COM', NOW)).toEqual(ok('ana.lopez@example.com'));
    expect(validateAnswer('email', "sure, it's bob+shop@mail.co.uk thanks", NOW)).toEqual(ok('bob+shop@mail.co.uk'));
    // Session 46 (tidy3): an address spelled out in words is read by every email reader (emailAnswer; session 45 read it
    // at the email questions only, details4 L6), this check too; a bare "at" in a sentence still is no address.
    expect(validateAnswer('email', 'ana at example dot com', NOW)).toEqual(ok('ana@example.com'));
    expect(validateAnswer('email', 'ana is at the office', NOW)).toEqual(bad);
    expect(validateAnswer('email', 'ana@example', NOW)).toEqual(bad);
  });

  it('phone: keeps + and digits, needs 7 to 15 digits', () => {
    expect(validateAnswer('phone', '+33 6 12-34-56 78', NOW)).toEqual(ok('+33612345678'));
    expect(validateAnswer('phone', '(555) 123-4567', NOW)).toEqual(ok('5551234567'));
    expect(validateAnswer('phone', 'call me on 020 7946 0958', NOW)).toEqual(ok('02079460958'));
    expect(validateAnswer('phone', '12345', NOW)).toEqual(bad);
    expect(validateAnswer('phone', '1234567890123456', NOW)).toEqual(bad);
    expect(validateAnswer('phone', 'no phone', NOW)).toEqual(bad);
  });

  it('number: finds one amount in what people type (currency, thousands, k / million), refuses two or none', () => {
    // Newcomer s6 #16: "$60,000", "60k" and "about $60k a year" were each refused ("Just a number please").
    expect(validateAnswer('number', '$60,000', NOW)).toEqual(ok(60000));
    expect(validateAnswer('number', '60k', NOW)).toEqual(ok(60000));
    expect(validateAnswer('number', 'about $60k a year', NOW)).toEqual(ok(60000));
    expect(validateAnswer('number', '£60 000 per year', NOW)).toEqual(ok(60000));
    expect(validateAnswer('number', 'roughly 1.5 million euros', NOW)).toEqual(ok(1500000));
    expect(validateAnswer('number', '$2m', NOW)).toEqual(ok(2000000));
    expect(validateAnswer('number', 'I am 35', NOW)).toEqual(ok(35));
    expect(validateAnswer('number', '12,50 €', NOW)).toEqual(ok(12.5));
    expect(validateAnswer('number', 'between 50 and 60k', NOW)).toEqual(bad);
    expect(validateAnswer('number', '2 or 3', NOW)).toEqual(bad);
    expect(validateAnswer('number', '5 m', NOW)).toEqual(bad);
    expect(validateAnswer('number', 'a lot', NOW)).toEqual(bad);
    // Session 38 (hostile s38 L5): a range is read as its low end, the decision documented in numberAnswerS38 (was refused).
    expect(validateAnswer('number', '50-60k', NOW)).toEqual(ok(50000));
  });

  it('number: never a truncated or borrowed number (hostile s6): ids, phones, European and Indian grouping, signs, bounds', () => {
    expect(validateAnswer('number', '€1.000.000', NOW)).toEqual(ok(1000000));
    expect(validateAnswer('number', '€60.000', NOW)).toEqual(ok(60000));
    expect(validateAnswer('number', '60,00,000', NOW)).toEqual(ok(6000000));
    expect(validateAnswer('number', '60.000', NOW)).toEqual(bad); // sixty, or sixty thousand?
    expect(validateAnswer('number', '1.2.3', NOW)).toEqual(bad);
    expect(validateAnswer('number', '3½k', NOW)).toEqual(bad);
    expect(validateAnswer('number', '1.7976931348623157e308', NOW)).toEqual(bad);
    expect(validateAnswer('number', 'my order NW-104233', NOW)).toEqual(bad);
    expect(validateAnswer('number', '+44 20 7946 0958', NOW)).toEqual(bad);
    expect(validateAnswer('number', '-$60k', NOW)).toEqual(ok(-60000));
    expect(validateAnswer('number', 'minus 60k', NOW)).toEqual(ok(-60000));
    expect(validateAnswer('number', '99999999999999999999k', NOW)).toEqual(bad);
    expect(validateAnswer('number', '1 234', NOW)).toEqual(ok(1234));
  });

  it('number: accepts thousands separators and decimals, stores a number', () => {
    expect(validateAnswer('number', '1,234.5', NOW)).toEqual(ok(1234.5));
    expect(validateAnswer('number', '12', NOW)).toEqual(ok(12));
    expect(validateAnswer('number', ' -3.25 ', NOW)).toEqual(ok(-3.25));
    expect(validateAnswer('number', '12,5', NOW)).toEqual(ok(12.5));
    // Session 38 (hostile s38 L5, M7): a number in words is read (was refused); words with no number still are.
    expect(validateAnswer('number', 'twelve', NOW)).toEqual(ok(12));
    // Session 44 (hostfix, hostile s44 L5): changed on purpose: a dozen is read as 12 ("or so" as "about forty" is 40).
    expect(validateAnswer('number', 'a dozen or so', NOW)).toEqual(ok(12));
    expect(validateAnswer('number', 'a few', NOW)).toEqual(bad);
    expect(validateAnswer('number', '12abc', NOW)).toEqual(bad);
  });

  it('date: ISO, DD/MM/YYYY, today and tomorrow (in UTC) become an ISO date', () => {
    expect(validateAnswer('date', '2024-03-05', NOW)).toEqual(ok('2024-03-05'));
    expect(validateAnswer('date', '05/03/2024', NOW)).toEqual(ok('2024-03-05'));
    expect(validateAnswer('date', 'Today', NOW)).toEqual(ok('2024-01-31'));
    expect(validateAnswer('date', 'tomorrow', NOW)).toEqual(ok('2024-02-01'));
    expect(validateAnswer('date', '31/02/2024', NOW)).toEqual(bad);
    expect(validateAnswer('date', 'next week', NOW)).toEqual(bad);
  });

  it('url: accepts http(s) and adds https:// to a bare domain', () => {
    expect(validateAnswer('url', 'https://example.com/a?b=1', NOW)).toEqual(ok('https://example.com/a?b=1'));
    expect(validateAnswer('url', 'http://localhost:3000/x', NOW)).toEqual(ok('http://localhost:3000/x'));
    expect(validateAnswer('url', 'shop.example.org/cart', NOW)).toEqual(ok('https://shop.example.org/cart'));
    expect(validateAnswer('url', 'ftp://example.com', NOW)).toEqual(bad);
    expect(validateAnswer('url', 'not a link', NOW)).toEqual(bad);
  });
});
