/**
 * Session 31 (perf): the runtime benches' path must not depend on the wall clock.
 *
 * flows/customer-support.json's Human takeover (`human_agent`) has opening hours (Mon-Fri 08:00-20:00, Sat 09:00-13:00,
 * Europe/London) and the benches sign no agent in. In hours, a conversation the policy hands over waits in the queue
 * (mode 'waiting'): its later messages are relayed to the agent, and no policy reads them. Out of hours, the takeover
 * says its out-of-hours message and leaves by no_agent to the follow-up ticket, whose email question reads every
 * message that is no address with the whole escalation policy, hands over again after FRESH_TURNS messages, finds
 * nobody again, and so on. The same code then costs about twice the CPU per message (messagePath, session 31: see
 * docs/runtime.md "Session 31 (perf)"), so a run at 01:00 and a run at 19:50 measured different paths: session 30's
 * "half the speed of session 28" was this (session 28 measured 19:48-20:00 on a weekday, session 30 at 01:00).
 *
 * BENCH_HOURS picks the path, whatever the time:
 * - `closed` (default): the takeover is never open (no weekly hours): the follow-up ticket path, every policy
 *   reading included (the heavier path, and the one session 30's figures measured);
 * - `open`: open all day every day, no closed dates: handed-over conversations wait in the queue;
 * - `clock`: the flow as shipped (the path depends on when the bench runs, as before session 31).
 */
import type { Flow } from '../../shared/flow/schema';

export type BenchHours = 'closed' | 'open' | 'clock';

/** BENCH_HOURS, checked: a typo stops the bench instead of measuring another path than the one asked for. */
export function benchHours(env: NodeJS.ProcessEnv = process.env): BenchHours {
  const v = env.BENCH_HOURS ?? 'closed';
  if (v === 'closed' || v === 'open' || v === 'clock') return v;
  throw new Error(`BENCH_HOURS=${JSON.stringify(v)}: expected closed (default), open or clock`);
}

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/**
 * The flow with every Human takeover's opening hours pinned as `hours` says (a new object; the input is not changed).
 * Takeovers without opening hours (no `availability`) are left as they are.
 */
export function withBenchHours<F extends Pick<Flow, 'blocks'>>(flow: F, hours: BenchHours): F {
  if (hours === 'clock') return flow;
  return {
    ...flow,
    blocks: flow.blocks.map((b) => {
      const data = b.data as { availability?: { weekly?: unknown; closedDates?: unknown } | null } | undefined;
      // A takeover with no hours (availability null, as the schema defaults it, or absent) is left as it is.
      if (b.kind !== 'human_takeover' || data?.availability === undefined || data.availability === null) return b;
      const weekly = Object.fromEntries(DAYS.map((d) => [d, hours === 'open' ? [{ from: '00:00', to: '24:00' }] : []]));
      return { ...b, data: { ...data, availability: { ...data.availability, weekly, closedDates: hours === 'open' ? [] : data.availability.closedDates } } };
    }),
  };
}

/** The same on a flow file's JSON text (the benches that start `baton serve` write the flow to a file). */
export function benchHoursText(json: string, hours: BenchHours): string {
  if (hours === 'clock') return json;
  return JSON.stringify(withBenchHours(JSON.parse(json) as Flow, hours), null, 2);
}
