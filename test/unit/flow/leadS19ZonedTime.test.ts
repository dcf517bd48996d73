/**
 * hostile s18 #22: `baton simulate --now` read a time without an offset in the machine's zone, took "Feb 31" as 3 March
 * and was silent about a wall time the clocks skip. parseZonedTime reads it strictly in the flow's zone.
 */
import { describe, expect, it } from 'vitest';
import { parseZonedTime } from '../../../shared/flow/zonedTime';

function at(text: string, zone: string): number {
  const r = parseZonedTime(text, zone);
  if (!r.ok) throw new Error(r.message);
  return r.at;
}

describe('parseZonedTime', () => {
  it('keeps Z and explicit offsets as written, whatever the flow zone', () => {
    expect(at('2026-11-24T10:00:00Z', 'Europe/Paris')).toBe(Date.UTC(2026, 10, 24, 10));
    expect(at('2026-11-24T10:00:00+01:00', 'America/New_York')).toBe(Date.UTC(2026, 10, 24, 9));
    expect(at('2026-11-24T10:00-0530', 'UTC')).toBe(Date.UTC(2026, 10, 24, 15, 30));
  });

  it('reads a time without offset in the flow zone, summer and winter', () => {
    expect(at('2026-07-01T09:00', 'Europe/London')).toBe(Date.UTC(2026, 6, 1, 8));
    expect(at('2026-12-01T09:00:00', 'Europe/London')).toBe(Date.UTC(2026, 11, 1, 9));
    expect(at('2026-12-01T09:00:00', 'America/New_York')).toBe(Date.UTC(2026, 11, 1, 14));
    expect(at('2026-12-01', 'Europe/Paris')).toBe(Date.UTC(2026, 10, 30, 23));
  });

  it('refuses days and times that do not exist, saying why', () => {
    const feb = parseZonedTime('2026-02-31T10:00:00Z', 'UTC');
    expect(feb).toEqual({ ok: false, message: expect.stringContaining('2026-02 has 28 days, so there is no day 31') });
    expect(parseZonedTime('2028-02-29T10:00:00Z', 'UTC').ok).toBe(true);
    expect(parseZonedTime('2026-13-01', 'UTC')).toEqual({ ok: false, message: expect.stringContaining('no month 13') });
    expect(parseZonedTime('2026-01-01T24:00', 'UTC')).toEqual({ ok: false, message: expect.stringContaining('not a time of day') });
    expect(parseZonedTime('yesterday-ish', 'UTC')).toEqual({ ok: false, message: expect.stringContaining('not a date and time; use ISO 8601') });
    expect(parseZonedTime('Tue, 24 Nov 2026 10:00:00 GMT', 'UTC').ok).toBe(false);
  });

  it('refuses a wall time inside a daylight-saving gap and names the offset to use', () => {
    const gap = parseZonedTime('2026-03-29T01:30', 'Europe/London');
    expect(gap.ok).toBe(false);
    if (!gap.ok) {
      expect(gap.message).toContain('does not exist in Europe/London');
      expect(gap.message).toContain('+00:00 to +01:00');
      expect(gap.message).toContain('2026-03-29T01:30:00+00:00 is 02:30 there');
    }
    expect(at('2026-03-29T02:00', 'Europe/London')).toBe(Date.UTC(2026, 2, 29, 1));
  });

  it('review s19 R12: the suggested offset lands after the change (New York too); a date alone whose midnight is skipped starts when the clocks land', () => {
    const ny = parseZonedTime('2026-03-08T02:30', 'America/New_York');
    expect(ny.ok).toBe(false);
    if (!ny.ok) expect(ny.message).toContain('2026-03-08T02:30:00-05:00 is 03:30 there');
    expect(at('2026-03-08T02:30:00-05:00', 'UTC')).toBe(Date.UTC(2026, 2, 8, 7, 30));
    const santiago = parseZonedTime('2026-09-06', 'America/Santiago');
    expect(santiago).toEqual({ ok: true, at: Date.UTC(2026, 8, 6, 4), note: expect.stringContaining('the day starts at 01:00') });
  });

  it('takes the first of a wall time that happens twice and says so', () => {
    const fold = parseZonedTime('2026-10-25T01:30', 'Europe/London');
    expect(fold.ok).toBe(true);
    if (fold.ok) {
      expect(fold.at).toBe(Date.UTC(2026, 9, 25, 0, 30));
      expect(fold.note).toContain('happens twice in Europe/London');
      expect(fold.note).toContain('add +00:00 for the second');
    }
    expect(at('2026-10-25T01:30+00:00', 'Europe/London')).toBe(Date.UTC(2026, 9, 25, 1, 30));
  });

  it('reads an unknown zone as UTC and says so', () => {
    const r = parseZonedTime('2026-12-01T09:00', 'Mars/Olympus');
    expect(r).toEqual({ ok: true, at: Date.UTC(2026, 11, 1, 9), note: expect.stringContaining('"Mars/Olympus" is unknown') });
  });

  it('matches Date.UTC on every hour of a year in a zone with DST, away from the changes', () => {
    // Seeded walk: every 7 hours through 2026 in New York; the wall time read back through Intl is the one typed.
    const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    let checked = 0;
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 7 * 3_600_000) {
      const p = Object.fromEntries(fmt.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
      const text = `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
      const r = parseZonedTime(text, 'America/New_York');
      expect(r.ok).toBe(true);
      // In the fall-back hour the first reading is taken; elsewhere the exact instant comes back.
      if (r.ok && !r.note) { expect(r.at).toBe(t); checked++; }
    }
    expect(checked).toBeGreaterThan(1200);
  });
});
