/**
 * Closed dates that are all in the past (newcomer s8 #25: the template's holidays were last year's, so on 25 Dec
 * customers were queued to a closed team). The flow validator has no clock (shared/ stays pure), so the studio checks
 * this with today's date and adds the warning to its problems list.
 */
import type { FlowProblem } from '../../../shared/flow/flowProblem';
import type { Flow } from '../../../shared/flow/schema';

/** `today` is YYYY-MM-DD (the studio's local date). */
export function pastClosedDatesProblems(flow: Flow, today: string): FlowProblem[] {
  const out: FlowProblem[] = [];
  const walk = (value: unknown, path: (string | number)[], blockId: string) => {
    if (!value || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach((v, i) => walk(v, [...path, i], blockId));
    for (const [k, v] of Object.entries(value)) {
      if (k === 'closedDates' && Array.isArray(v) && v.length > 0 && v.every((d) => typeof d === 'string' && d < today)) {
        const last = [...(v as string[])].sort().at(-1)!;
        out.push({
          severity: 'warning',
          code: 'closed_dates_past',
          path: ['$', ...path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)), '.closedDates'].join(''),
          blockId,
          message: `Every closed date of block '${blockId}' is in the past (the latest is ${last}): on this year's holidays customers would be queued to a closed team.`,
          hint: 'Add this year’s closed dates (public holidays, closing days) in the format YYYY-MM-DD.',
        });
      } else walk(v, [...path, k], blockId);
    }
  };
  flow.blocks.forEach((b, i) => walk(b.data, ['blocks', i, 'data'], b.id));
  return out;
}

/** Today's local date as YYYY-MM-DD. */
export function localToday(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}
