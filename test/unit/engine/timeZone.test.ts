/**
 * Dates and times are computed in the flow's time zone, never the host's: the same flow, inputs and clock
 * give the same outputs under TZ=UTC and TZ=Pacific/Kiritimati (UTC+14, where the local date differs from
 * UTC's for ten hours a day). Node re-reads process.env.TZ when it is assigned, so the test switches the
 * host zone in-process and checks that the switch really happened.
 */
import { afterAll, describe, it, expect } from 'vitest';
import { converse, makeFlow } from './harness';
import type { Flow } from '../../../shared/flow/schema';

const original = process.env.TZ;
afterAll(() => {
  if (original === undefined) delete process.env.TZ;
  else process.env.TZ = original;
});

/** 2024-01-15T20:30Z: a Monday evening in London; already Tuesday 10:30 in Kiritimati. */
const NOW = Date.UTC(2024, 0, 15, 20, 30);

function flow(): Flow {
  return makeFlow(
    [
      { id: 'when', kind: 'question', data: { text: 'Which day?', inputType: 'date', variable: 'day' } },
      { id: 'dep', kind: 'question', data: { text: 'Departure time?', variable: 'departure' } },
      {
        id: 'soon',
        kind: 'condition',
        data: { combinator: 'and', rules: [{ variable: 'departure', op: 'within_minutes', value: 120 }] },
      },
      {
        id: 'hours',
        kind: 'business_hours',
        data: { timezone: 'Europe/London', weekly: { mon: [{ from: '09:00', to: '21:00' }] }, closedDates: [] },
      },
      { id: 'open', kind: 'end', data: { text: 'day={{day}} soon=yes, we are open' } },
      { id: 'closed', kind: 'end', data: { text: 'day={{day}} soon=yes, we are closed' } },
      { id: 'later', kind: 'end', data: { text: 'day={{day}} soon=no' } },
    ],
    [
      ['when', 'next', 'dep'],
      ['dep', 'next', 'soon'],
      ['soon', 'true', 'hours'],
      ['soon', 'false', 'later'],
      ['hours', 'open', 'open'],
      ['hours', 'closed', 'closed'],
    ],
    { settings: { timezone: 'Europe/London' } },
  );
}

function play(tz: string): { offset: number; texts: string[]; variables: unknown } {
  process.env.TZ = tz;
  const c = converse(flow(), { now: NOW });
  c.say('today');
  c.say('2024-01-15T21:45'); // a wall-clock time in the flow's zone (London): 75 minutes from now
  return { offset: new Date(NOW).getTimezoneOffset(), texts: c.botTexts(), variables: c.variables() };
}

describe('time zones', () => {
  it('gives the same outputs under TZ=UTC and TZ=Pacific/Kiritimati', () => {
    const utc = play('UTC');
    const kiri = play('Pacific/Kiritimati');
    // The host zone really changed (otherwise this test would prove nothing).
    expect(utc.offset).toBe(0);
    expect(kiri.offset).toBe(-14 * 60);
    expect(kiri.texts).toEqual(utc.texts);
    expect(kiri.variables).toEqual(utc.variables);
    // And the answers are the flow's (London's): "today" is Monday the 15th, the departure is soon, and the
    // team (open until 21:00 London time) is open at 20:30.
    expect(utc.texts.at(-1)).toBe('day=2024-01-15 soon=yes, we are open');
  });

  it('reads "today" in the flow zone: Kiritimati flows see Tuesday at the same instant', () => {
    process.env.TZ = 'UTC';
    const f = flow();
    const kiriFlow: Flow = { ...f, settings: { ...f.settings, timezone: 'Pacific/Kiritimati' } };
    const c = converse(kiriFlow, { now: NOW });
    c.say('today');
    expect(c.variables().day).toBe('2024-01-16');
  });

  it('an urgency rule reads a departure time written without an offset in the flow zone', () => {
    process.env.TZ = 'UTC';
    const ny = makeFlow(
      [
        { id: 'dep', kind: 'question', data: { text: 'When does your flight leave?', variable: 'departureTime' } },
        { id: 'seat', kind: 'question', data: { text: 'Window or aisle?', variable: 'seat' } },
        { id: 'ht', kind: 'human_takeover' },
        { id: 'bye', kind: 'end', data: { text: 'Have a good trip' } },
      ],
      [['dep', 'next', 'seat'], ['seat', 'next', 'bye'], ['ht', 'resolved', 'bye']],
      {
        settings: { timezone: 'America/New_York' },
        escalation: { enabled: true, targetBlockId: 'ht', mode: 'immediate', urgency: { enabled: true, phrases: [], rules: [{ variable: 'departureTime', op: 'within_minutes', value: 20 }] } },
      },
    );
    // 15:00 UTC is 10:00 in New York: a 10:10 departure (New York time) is 10 minutes away.
    const c = converse(ny, { now: Date.UTC(2026, 0, 15, 15, 0) });
    c.say('2026-01-15T10:10');
    expect(c.mode()).toBe('waiting');
    expect(c.state.handoff?.reason).toBe('urgency');
  });
});
