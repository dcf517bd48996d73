/**
 * Session 31, live (e2e fixjoinS29WidgetJoin's one failure): opening hours are [from, to), so "00:00-23:59" meant to
 * be all day is closed from 23:59 to midnight. Session 29's fresh-clone CI ran that e2e test at 23:59:49 UTC with its
 * flow ending at 23:59: the customer asking for a person was out of hours and was never told "Ann will be with you
 * shortly". The test flow ends at 24:00 now, and a designer's 23:59 gets a warning that says what it does.
 */
import { describe, expect, it } from 'vitest';
import { isOpen } from '../../../shared/flow/openingHours';
import { validateFlow } from '../../../shared/flow/validateFlow';
import { supportFlowOpenQueue } from '../../support/runtimeHarness';
import { validDoc } from './helpers';

const problemsWith = (r: ReturnType<typeof validateFlow>, code: string) => r.problems.filter((p) => p.code === code);

describe('opening hours ending at 23:59 (session 31 live)', () => {
  it('a range ending at 23:59 warns that the last minute is closed; 24:00 and other ends do not', () => {
    const doc = validDoc();
    doc.blocks.push({
      id: 'hours',
      kind: 'business_hours',
      data: { timezone: 'UTC', weekly: { mon: [{ from: '00:00', to: '23:59' }], tue: [{ from: '00:00', to: '24:00' }], wed: [{ from: '09:00', to: '17:00' }] }, closedDates: [] },
    });
    const r = validateFlow(doc);
    const i = doc.blocks.length - 1;
    const warned = problemsWith(r, 'closed_last_minute');
    expect(warned.map((p) => [p.path, p.severity])).toEqual([[`$.blocks[${i}].data.weekly.mon[0].to`, 'warning']]);
    expect(warned[0].message).toMatch(/closed from 23:59 to midnight/);
    // Session 34 (newcomer s32 #7): the day as people read it (it said "on mon").
    expect(warned[0].message).toMatch(/^The opening hours on Monday end at 23:59/);
    expect(warned[0].hint).toMatch(/24:00/);
  });

  it("the e2e tests' all-day support flow is open at 23:59:49 UTC (where session 29's CI ran the test)", () => {
    const flow = supportFlowOpenQueue();
    const takeover = flow.blocks.find((b) => b.id === 'human_agent') as unknown as { data: { availability: Parameters<typeof isOpen>[0] } };
    expect(isOpen(takeover.data.availability, Date.parse('2026-12-04T23:59:49Z'))).toBe(true);
    expect(isOpen(takeover.data.availability, Date.parse('2026-12-05T00:00:05Z'))).toBe(true);
    expect(problemsWith(validateFlow(flow), 'closed_last_minute')).toEqual([]);
  });
});
