/** Hostile s28 H5: a date at the edge of JavaScript's range with no offset crashed every reader of zoned times. */
import { describe, expect, it } from 'vitest';
import { parseZonedTime } from '../../../shared/flow/zonedTime';

describe('parseZonedTime and years out of range', () => {
  it.each(['+275760-09-12T12:00', '-271821-04-20T12:00', '0000-01-01T00:00', '+010000-01-01T00:00'])('%s is refused with the range, not thrown', (t) => {
    const r = parseZonedTime(t, 'Europe/London');
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.message).toMatch(/out of range; use a year from 0001 to 9999/);
  });
  it('years inside the range still read in the zone', () => {
    const r = parseZonedTime('9999-12-31T10:00', 'Europe/London');
    expect(r.ok && new Date(r.at).toISOString()).toBe('9999-12-31T10:00:00.000Z');
    expect(parseZonedTime('2026-03-02T10:00', 'Europe/London').ok).toBe(true);
  });
});
