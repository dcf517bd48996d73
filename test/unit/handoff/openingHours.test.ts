import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { isOpen, isValidTimeZone, localTime, nextOpening } from '../../../shared/flow/openingHours';
import type { OpeningHours, Weekday } from '../../../shared/flow/schema';

type Range = { from: string; to: string };
function hours(timezone: string, days: Partial<Record<Weekday, Range[]>>, closedDates: string[] = []): OpeningHours {
  return { timezone, weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [], ...days }, closedDates };
}
const weekdays9to5 = (tz: string, closed: string[] = []) => {
  const r = [{ from: '09:00', to: '17:00' }];
  return hours(tz, { mon: r, tue: r, wed: r, thu: r, fri: r }, closed);
};
const at = (iso: string) => Date.parse(iso);

describe('localTime', () => {
  it('reads the local date, weekday and minutes in the zone', () => {
    // 2026-01-05 is a Monday; 23:30 UTC is already Tuesday 08:30 in Tokyo
    expect(localTime('Asia/Tokyo', at('2026-01-05T23:30:00Z'))).toEqual({ date: '2026-01-06', weekday: 'tue', minutes: 8 * 60 + 30 });
    expect(localTime('UTC', at('2026-01-05T00:00:00Z'))).toEqual({ date: '2026-01-05', weekday: 'mon', minutes: 0 });
    expect(localTime('America/New_York', at('2026-01-05T03:00:00Z'))).toEqual({ date: '2026-01-04', weekday: 'sun', minutes: 22 * 60 });
  });

  it('follows DST in Paris on 2026-03-29 (clocks jump from 02:00 to 03:00)', () => {
    expect(localTime('Europe/Paris', at('2026-03-29T00:59:00Z')).minutes).toBe(1 * 60 + 59);
    expect(localTime('Europe/Paris', at('2026-03-29T01:00:00Z')).minutes).toBe(3 * 60);
  });

  it('reads an unknown zone as UTC instead of throwing', () => {
    expect(localTime('Mars/Olympus_Mons', at('2026-01-05T10:15:00Z'))).toEqual({ date: '2026-01-05', weekday: 'mon', minutes: 615 });
  });
});

describe('isValidTimeZone', () => {
  it('accepts IANA zones and rejects typos and blanks', () => {
    expect(isValidTimeZone('Europe/Paris')).toBe(true);
    expect(isValidTimeZone('America/New_York')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Europe/Pariss')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});

describe('isOpen', () => {
  it('opens at `from` and closes at `to` (ranges are [from, to))', () => {
    const h = weekdays9to5('UTC');
    expect(isOpen(h, at('2026-01-05T08:59:00Z'))).toBe(false);
    expect(isOpen(h, at('2026-01-05T09:00:00Z'))).toBe(true);
    expect(isOpen(h, at('2026-01-05T16:59:59Z'))).toBe(true);
    expect(isOpen(h, at('2026-01-05T17:00:00Z'))).toBe(false);
    expect(isOpen(h, at('2026-01-10T12:00:00Z'))).toBe(false); // Saturday
  });

  it('keeps 9 to 5 local in Paris across the 2026-03-29 DST change', () => {
    const h = weekdays9to5('Europe/Paris');
    // Friday 27 March, winter time (UTC+1): opens at 08:00Z
    expect(isOpen(h, at('2026-03-27T07:59:00Z'))).toBe(false);
    expect(isOpen(h, at('2026-03-27T08:00:00Z'))).toBe(true);
    expect(isOpen(h, at('2026-03-27T16:00:00Z'))).toBe(false);
    // Monday 30 March, summer time (UTC+2): opens at 07:00Z, closes at 15:00Z
    expect(isOpen(h, at('2026-03-30T07:00:00Z'))).toBe(true);
    expect(isOpen(h, at('2026-03-30T06:59:00Z'))).toBe(false);
    expect(isOpen(h, at('2026-03-30T14:59:00Z'))).toBe(true);
    expect(isOpen(h, at('2026-03-30T15:00:00Z'))).toBe(false);
  });

  it('keeps 9 to 5 local in New York across the 2026-03-08 DST change', () => {
    const h = weekdays9to5('America/New_York');
    expect(isOpen(h, at('2026-03-06T14:00:00Z'))).toBe(true); // Fri 09:00 EST
    expect(isOpen(h, at('2026-03-06T13:59:00Z'))).toBe(false);
    expect(isOpen(h, at('2026-03-09T13:00:00Z'))).toBe(true); // Mon 09:00 EDT
    expect(isOpen(h, at('2026-03-09T12:59:00Z'))).toBe(false);
    expect(isOpen(h, at('2026-03-09T21:00:00Z'))).toBe(false); // Mon 17:00 EDT
  });

  it('supports a range that ends at 24:00', () => {
    const h = hours('UTC', { mon: [{ from: '20:00', to: '24:00' }] });
    expect(isOpen(h, at('2026-01-05T23:59:00Z'))).toBe(true);
    expect(isOpen(h, at('2026-01-06T00:00:00Z'))).toBe(false);
  });

  it('supports several ranges a day (a lunch break)', () => {
    const h = hours('UTC', { mon: [{ from: '09:00', to: '12:00' }, { from: '13:00', to: '17:00' }] });
    expect(isOpen(h, at('2026-01-05T11:59:00Z'))).toBe(true);
    expect(isOpen(h, at('2026-01-05T12:30:00Z'))).toBe(false);
    expect(isOpen(h, at('2026-01-05T13:00:00Z'))).toBe(true);
  });

  it('supports a night shift that runs past midnight (Friday 22:00-06:00)', () => {
    const h = hours('UTC', { fri: [{ from: '22:00', to: '06:00' }] });
    expect(isOpen(h, at('2026-01-09T21:59:00Z'))).toBe(false); // Fri
    expect(isOpen(h, at('2026-01-09T22:00:00Z'))).toBe(true);
    expect(isOpen(h, at('2026-01-10T03:00:00Z'))).toBe(true); // Sat morning, same shift
    expect(isOpen(h, at('2026-01-10T05:59:00Z'))).toBe(true);
    expect(isOpen(h, at('2026-01-10T06:00:00Z'))).toBe(false);
    expect(isOpen(h, at('2026-01-10T22:30:00Z'))).toBe(false); // Sat night: no shift
    expect(isOpen(h, at('2026-01-09T03:00:00Z'))).toBe(false); // Fri morning: Thursday had no shift
  });

  it('closes the whole local day on a closed date', () => {
    const h = weekdays9to5('UTC', ['2026-01-06']);
    expect(isOpen(h, at('2026-01-06T10:00:00Z'))).toBe(false);
    expect(isOpen(h, at('2026-01-05T10:00:00Z'))).toBe(true);
    expect(isOpen(h, at('2026-01-07T10:00:00Z'))).toBe(true);
  });

  it('reads closed dates in the team time zone, not UTC', () => {
    // 2026-12-24T20:00Z is already Christmas Day 09:00 in Auckland (UTC+13)
    const h = hours('Pacific/Auckland', { fri: [{ from: '08:00', to: '18:00' }], thu: [{ from: '00:00', to: '24:00' }] }, ['2026-12-25']);
    expect(isOpen(h, at('2026-12-24T20:00:00Z'))).toBe(false);
    expect(isOpen(hours('Pacific/Auckland', h.weekly), at('2026-12-24T20:00:00Z'))).toBe(true);
  });

  it('a closed date stops last night’s shift at midnight, and cancels the shift starting on it', () => {
    const night = { fri: [{ from: '22:00', to: '06:00' }] };
    const satClosed = hours('UTC', night, ['2026-01-10']);
    expect(isOpen(satClosed, at('2026-01-09T23:00:00Z'))).toBe(true);
    expect(isOpen(satClosed, at('2026-01-10T01:00:00Z'))).toBe(false);
    const friClosed = hours('UTC', night, ['2026-01-09']);
    expect(isOpen(friClosed, at('2026-01-09T23:00:00Z'))).toBe(false);
    expect(isOpen(friClosed, at('2026-01-10T01:00:00Z'))).toBe(false);
  });

  it('treats an unknown time zone as UTC instead of throwing', () => {
    const h = weekdays9to5('Not/AZone');
    expect(() => isOpen(h, at('2026-01-05T09:00:00Z'))).not.toThrow();
    expect(isOpen(h, at('2026-01-05T09:00:00Z'))).toBe(true);
    expect(isOpen(h, at('2026-01-05T08:59:00Z'))).toBe(false);
  });
});

describe('nextOpening', () => {
  it('returns now when already open', () => {
    const now = at('2026-01-05T10:00:00Z');
    expect(nextOpening(weekdays9to5('UTC'), now)).toBe(now);
  });

  it('jumps over a weekend, and across the New York DST change on the way', () => {
    // Friday 6 March 17:00 EST (just closed) -> Monday 9 March 09:00 EDT = 13:00Z, not 14:00Z
    expect(nextOpening(weekdays9to5('America/New_York'), at('2026-03-06T22:00:00Z'))).toBe(at('2026-03-09T13:00:00Z'));
  });

  it('finds the afternoon range after a lunch break, and tomorrow after closing', () => {
    const h = hours('UTC', { mon: [{ from: '13:00', to: '17:00' }, { from: '09:00', to: '12:00' }], tue: [{ from: '10:00', to: '11:00' }] });
    expect(nextOpening(h, at('2026-01-05T12:15:00Z'))).toBe(at('2026-01-05T13:00:00Z'));
    expect(nextOpening(h, at('2026-01-05T07:00:00Z'))).toBe(at('2026-01-05T09:00:00Z'));
    expect(nextOpening(h, at('2026-01-05T18:00:00Z'))).toBe(at('2026-01-06T10:00:00Z'));
  });

  it('skips closed dates (a long Easter weekend)', () => {
    const h = weekdays9to5('Europe/Paris', ['2026-04-03', '2026-04-06']);
    // Thursday 2 April 17:00 CEST -> Tuesday 7 April 09:00 CEST = 07:00Z
    expect(nextOpening(h, at('2026-04-02T15:00:00Z'))).toBe(at('2026-04-07T07:00:00Z'));
  });

  it('opens at 03:00 when a range starts inside the DST gap (Paris 2026-03-29 02:30)', () => {
    const h = hours('Europe/Paris', { sun: [{ from: '02:30', to: '05:00' }] });
    expect(nextOpening(h, at('2026-03-28T20:00:00Z'))).toBe(at('2026-03-29T01:00:00Z'));
    expect(isOpen(h, at('2026-03-29T01:00:00Z'))).toBe(true);
  });

  it('opens at the first 02:30 on the night clocks go back (Paris 2026-10-25)', () => {
    const h = hours('Europe/Paris', { sun: [{ from: '02:30', to: '04:00' }] });
    expect(nextOpening(h, at('2026-10-24T12:00:00Z'))).toBe(at('2026-10-25T00:30:00Z'));
  });

  it('returns null when nothing opens within 14 days', () => {
    expect(nextOpening(hours('UTC', {}), at('2026-01-05T10:00:00Z'))).toBeNull();
    const allClosed = Array.from({ length: 20 }, (_, i) => `2026-01-${String(i + 5).padStart(2, '0')}`);
    expect(nextOpening(weekdays9to5('UTC', allClosed), at('2026-01-05T10:00:00Z'))).toBeNull();
  });

  it('finds a night shift that started before now', () => {
    const h = hours('UTC', { fri: [{ from: '22:00', to: '06:00' }] });
    const now = at('2026-01-10T02:00:00Z');
    expect(nextOpening(h, now)).toBe(now);
    expect(nextOpening(h, at('2026-01-10T07:00:00Z'))).toBe(at('2026-01-16T22:00:00Z'));
  });

  it('property: the result is open and the team is closed from now until then', () => {
    const hhmm = fc.integer({ min: 0, max: 47 }).map((h) => `${String(Math.floor(h / 2)).padStart(2, '0')}:${h % 2 ? '30' : '00'}`);
    const range = fc.record({ from: hhmm, to: fc.oneof(hhmm, fc.constant('24:00')) });
    const day = fc.array(range, { maxLength: 2 });
    const arb = fc.record({
      tz: fc.constantFrom('UTC', 'Europe/Paris', 'America/New_York', 'Asia/Kolkata'),
      mon: day, wed: day, sat: day,
      // around the spring DST changes of 2026
      now: fc.integer({ min: at('2026-03-01T00:00:00Z'), max: at('2026-04-05T00:00:00Z') }),
    });
    fc.assert(
      fc.property(arb, ({ tz, mon, wed, sat, now }) => {
        const h = hours(tz, { mon, wed, sat });
        const next = nextOpening(h, now);
        const step = 20 * 60_000;
        const horizon = next ?? now + 14 * 24 * 3600_000;
        for (let t = now; t < horizon; t += step) if (isOpen(h, t)) return false;
        if (next === null) return true;
        return next >= now && isOpen(h, next) && (next === now || !isOpen(h, next - 60_000));
      }),
      { numRuns: 60 },
    );
  });
});
