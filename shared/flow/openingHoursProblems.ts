/**
 * Checks opening hours beyond their schema: a time zone this runtime knows (a misspelt zone would silently
 * be read as UTC), closed dates that exist, time ranges that end after they start.
 *
 * Pure: no Node, DOM, React or Electron imports.
 */
import type { BlockProblem, FlowContext } from './blocks/types';
import type { OpeningHours } from './blocks/fields';
import { dayNames, weekdays } from './blocks/fields';
import { dateProblem, minutesOf } from './formats';

export function openingHoursProblems(hours: OpeningHours, base: Array<string | number>, ctx: Pick<FlowContext, 'isValidTimeZone'>): BlockProblem[] {
  const out: BlockProblem[] = [];
  if (!ctx.isValidTimeZone(hours.timezone)) {
    out.push({
      severity: 'error',
      code: 'bad_timezone',
      path: [...base, 'timezone'],
      message: `'${hours.timezone}' is not a time zone this computer knows.`,
      hint: "Use an IANA time zone name such as 'Europe/London', 'America/New_York' or 'UTC'.",
    });
  }
  hours.closedDates.forEach((d, i) => {
    const why = dateProblem(d);
    if (why) {
      out.push({
        severity: 'error',
        code: 'bad_date',
        path: [...base, 'closedDates', i],
        message: `The closed date '${d}' does not exist: ${why}.`,
        hint: 'Use a real calendar date as YYYY-MM-DD, e.g. 2026-12-25.',
      });
    }
  });
  for (const day of weekdays) {
    // Session 48 (studio16, studio14's leftover): two openings of one day that overlap (09:00-13:00 and 12:00-17:00)
    // were unchecked; most likely a typo in one of them.
    const ranges = hours.weekly[day].map((r, i) => ({ r, i })).filter(({ r }) => minutesOf(r.to) > minutesOf(r.from));
    ranges.sort((a, b) => minutesOf(a.r.from) - minutesOf(b.r.from));
    for (let k = 1; k < ranges.length; k++) {
      const prev = ranges[k - 1]!;
      const cur = ranges[k]!;
      if (minutesOf(cur.r.from) >= minutesOf(prev.r.to)) continue;
      out.push({
        severity: 'warning',
        code: 'overlapping_hours',
        path: [...base, 'weekly', day, cur.i],
        message: `The opening hours on ${dayNames[day]} overlap: ${prev.r.from}-${prev.r.to} and ${cur.r.from}-${cur.r.to}.`,
        hint: `Make one opening end before the next starts, or join them into one (${prev.r.from}-${minutesOf(cur.r.to) > minutesOf(prev.r.to) ? cur.r.to : prev.r.to}).`,
      });
    }
    hours.weekly[day].forEach((r, i) => {
      // Session 31 (live): "to 23:59" for "until midnight" leaves the chat closed for the last minute of every day
      // (ranges are [from, to)): a customer asking for a person then is told it is out of hours. 24:00 is midnight.
      if (r.to === '23:59' && minutesOf(r.from) < minutesOf(r.to)) {
        out.push({
          severity: 'warning',
          code: 'closed_last_minute',
          path: [...base, 'weekly', day, i, 'to'],
          message: `The opening hours on ${dayNames[day]} end at 23:59: the chat is closed from 23:59 to midnight, a customer asking for a person then is told it is out of hours.`,
          hint: 'To stay open until midnight, end at 24:00.',
        });
      }
      if (minutesOf(r.to) > minutesOf(r.from)) return;
      out.push({
        severity: 'error',
        code: 'bad_time_range',
        path: [...base, 'weekly', day, i],
        message: `The opening hours on ${dayNames[day]} run from ${r.from} to ${r.to}, which ends before it starts.`,
        hint: 'Make "to" later than "from"; for hours past midnight, split them: 22:00-24:00 on one day and 00:00-02:00 on the next.',
      });
    });
  }
  return out;
}
