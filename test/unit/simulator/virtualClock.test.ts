import { describe, expect, it } from 'vitest';
import { isOpen } from '../../../shared/flow/openingHours';
import { closedTime, flowOpeningHours, openTime } from '../../../shared/simulator/virtualClock';
import { loadFlow, MONDAY_10 } from './helpers';

describe('virtual clock: outside business hours', () => {
  it('moves to the first closed time of the takeover availability', () => {
    const flow = loadFlow('customer-support');
    const hours = flowOpeningHours(flow);
    // Session 36: the sample's "Team in now?" Business hours block (after No agent) keeps the takeover's hours.
    expect(hours.map((h) => h.blockId)).toEqual(['human_agent', 'team_hours']);
    expect(hours[1].hours).toEqual(hours[0].hours);
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
