// Newcomer s8 #25: closed dates all in the past get a warning in the studio.
import { describe, expect, it } from 'vitest';
import { pastClosedDatesProblems } from '../../renderer/studio/hooks/pastClosedDates';
import { tinyFlow } from '../component/support/sampleFlow';

function flowWith(closedDates: string[]) {
  const flow: any = structuredClone(tinyFlow());
  flow.blocks.push({ id: 'hours', kind: 'business_hours', position: { x: 0, y: 0 }, data: { hours: { timezone: 'Europe/London', weekly: {}, closedDates } } });
  return flow;
}

describe('closed dates all in the past (newcomer s8 #25)', () => {
  it('warns on the block when every closed date is before today, naming the latest', () => {
    const p = pastClosedDatesProblems(flowWith(['2025-12-25', '2025-12-26']), '2026-12-01');
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ severity: 'warning', code: 'closed_dates_past', blockId: 'hours', path: '$.blocks[' + (tinyFlow().blocks.length) + '].data.hours.closedDates' });
    expect(p[0].message).toContain('the latest is 2025-12-26');
  });
  it('says nothing when a closed date is today or later, or there are none', () => {
    expect(pastClosedDatesProblems(flowWith(['2025-12-25', '2026-12-25']), '2026-12-01')).toEqual([]);
    expect(pastClosedDatesProblems(flowWith([]), '2026-12-01')).toEqual([]);
  });
});
