/**
 * Session 31 (perf): the runtime benches pin the customer-support flow's takeover hours (test/bench/benchHours.ts), so
 * their path does not depend on the time of day: out of hours every handed-over conversation loops through the
 * follow-up ticket's email question (the whole policy on every message), in hours it waits in the queue.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { benchHours, benchHoursText, withBenchHours } from '../bench/benchHours';
import { isOpen } from '../../shared/flow/openingHours';
import { loadFlowText } from '../../shared/flow/loadFlowText';
import type { Flow, OpeningHours } from '../../shared/flow/schema';

const text = readFileSync(new URL('../../flows/customer-support.json', import.meta.url), 'utf8');
const flow = JSON.parse(text) as Flow;
const hoursOf = (f: Flow): OpeningHours => (f.blocks.find((b) => b.id === 'human_agent')!.data as { availability: OpeningHours }).availability;

// A weekday in hours and a Sunday night in the flow's own zone (Europe/London), and Christmas (a closed date).
const TUESDAY_10 = Date.parse('2026-11-24T10:00:00Z');
const SUNDAY_3 = Date.parse('2026-11-29T03:00:00Z');
const CHRISTMAS_10 = Date.parse('2026-12-25T10:00:00Z');
const instants = [TUESDAY_10, SUNDAY_3, CHRISTMAS_10, Date.parse('2026-12-05T23:59:30Z'), Date.parse('2026-12-07T00:00:00Z')];

describe('benchHours (session 31 perf)', () => {
  it('the shipped flow is open on a weekday morning and closed on a Sunday night: the path depends on the clock', () => {
    expect(isOpen(hoursOf(flow), TUESDAY_10)).toBe(true);
    expect(isOpen(hoursOf(flow), SUNDAY_3)).toBe(false);
  });

  it('closed: never open, whatever the time', () => {
    const h = hoursOf(withBenchHours(flow, 'closed'));
    for (const t of instants) expect(isOpen(h, t)).toBe(false);
  });

  it('open: always open, closed dates included', () => {
    const h = hoursOf(withBenchHours(flow, 'open'));
    for (const t of instants) expect(isOpen(h, t)).toBe(true);
  });

  it('clock: the flow as shipped; the input flow is never changed', () => {
    expect(withBenchHours(flow, 'clock')).toBe(flow);
    const before = JSON.stringify(flow);
    withBenchHours(flow, 'open');
    withBenchHours(flow, 'closed');
    expect(JSON.stringify(flow)).toBe(before);
  });

  it('a takeover with no hours (availability null, as lead-gen\'s) is left as it is (session 45: it threw)', () => {
    // Loaded, the schema fills the default in (null); the flow file has none.
    const lead = loadFlowText(readFileSync(new URL('../../flows/lead-gen.json', import.meta.url), 'utf8')).flow as Flow;
    const takeover = lead.blocks.find((b) => b.kind === 'human_takeover')!;
    expect((takeover.data as { availability?: unknown }).availability).toBeNull();
    for (const hours of ['open', 'closed'] as const) expect(withBenchHours(lead, hours).blocks).toEqual(lead.blocks);
  });

  it('the pinned flow files still load with no problem', () => {
    for (const h of ['closed', 'open'] as const) {
      const loaded = loadFlowText(benchHoursText(text, h));
      expect(loaded.ok, h).toBe(true);
      expect(isOpen(hoursOf(loaded.flow as Flow), SUNDAY_3)).toBe(h === 'open');
    }
  });

  it('BENCH_HOURS: closed by default; a typo stops the bench', () => {
    expect(benchHours({})).toBe('closed');
    expect(benchHours({ BENCH_HOURS: 'open' })).toBe('open');
    expect(benchHours({ BENCH_HOURS: 'clock' })).toBe('clock');
    expect(() => benchHours({ BENCH_HOURS: 'opne' })).toThrow(/BENCH_HOURS="opne": expected closed \(default\), open or clock/);
  });
});
