import { describe, expect, it } from 'vitest';
import { isOpen } from '../../../shared/flow/openingHours';
import { closedTime, flowOpeningHours, openTime } from '../../../shared/simulator/virtualClock';
import { loadFlow, MONDAY_10 } from './helpers';

describe('virtual clock: outside business hours', () => {
  it('moves to the first closed time of the takeover availability', () => {
    const flow = loadFlow('customer-support');
    const hours = flowOpeningHours(flow);
    expect(hours.map((h) => h.blockId)).toEqual(['human_agent']);
    expect(isOpen(hours[0].hours, MONDAY_10)).toBe(true);
    const c = closedTime(flow, MONDAY_10);
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    expect(isOpen(hours[0].hours, c.at)).toBe(false);
    // Monday 20:00 in London (UTC+0 in March) is the first closed quarter hour.
    expect(new Date(c.at).toISOString()).toBe('2026-03-02T20:00:00.000Z');
    expect(openTime(flow, c.at)).toBe(Date.parse('2026-03-03T08:00:00Z'));
  });

  it('says when a flow has no business hours', () => {
    const c = closedTime(loadFlow('lead-gen'), MONDAY_10);
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.reason).toMatch(/no business hours/);
  });
});
