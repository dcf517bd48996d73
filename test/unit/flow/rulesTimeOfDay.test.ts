/**
 * Newcomer s8 #37: the Skyline template asks "When does your flight leave?" and hands over when departureTime is
 * within 20 minutes. A traveller who answered "10:15" at 10:00 was not handed over (only "2026-03-02T10:15" was read
 * as a time). A time of day is now read on the conversation's day in the flow's time zone.
 */
import { describe, expect, it } from 'vitest';
import { evaluateRule, toTime } from '../../../shared/flow/rules';
import { describeRule } from '../../../shared/escalation/describeRule';
import type { Rule } from '../../../shared/flow/schema';
import { readFileSync } from 'node:fs';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { playConversation } from '../../../shared/simulator/playConversation';

const zone = 'Europe/London';
// Mon 2 Mar 2026 10:00 in London (GMT, so 10:00Z).
const now = Date.UTC(2026, 2, 2, 10, 0);
const soon: Rule = { variable: 'departureTime', op: 'within_minutes', value: 20 } as Rule;
const within = (answer: string) => evaluateRule(soon, { departureTime: answer }, now, zone);

describe('a time of day as a customer types it', () => {
  it('fires "within 20 minutes" for a departure 15 minutes away in the forms people type', () => {
    for (const a of ['10:15', '10.15', '10.15am today', '10:15 am', 'at 10:15', 'today at 10:15', '10:15 today']) expect(within(a), a).toBe(true);
    expect(describeRule(soon, { departureTime: '10:15' }, now, zone)).toBe('departureTime is within 20 minutes (in 15 min)');
  });

  it('does not fire for a time later today, tomorrow, or one that has passed (read as tomorrow)', () => {
    for (const a of ['6pm', '18:45', 'tomorrow 10:15', 'tomorrow at 10.15am', '09:00']) expect(within(a), a).toBe(false);
    expect(toTime('08:30', zone, now)).toBe(Date.UTC(2026, 2, 3, 8, 30));
    expect(toTime('6pm', zone, now)).toBe(Date.UTC(2026, 2, 2, 18, 0));
  });

  it('reads the wall clock in the flow time zone, not UTC (British Summer Time)', () => {
    const summer = Date.UTC(2026, 6, 14, 9, 0); // 10:00 in London (BST, UTC+1)
    expect(toTime('10:15', zone, summer)).toBe(Date.UTC(2026, 6, 14, 9, 15));
    expect(evaluateRule(soon, { departureTime: '10:15' }, summer, zone)).toBe(true);
  });

  it('is not fooled by numbers that are not times, and leaves ISO date-times as they were', () => {
    for (const a of ['10', '25:00', '10:75', '13pm', 'gate 10', 'NW-104233']) expect(toTime(a, zone, now), a).toBeNull();
    expect(toTime('2026-03-02T10:15', zone, now)).toBe(Date.UTC(2026, 2, 2, 10, 15));
    expect(toTime('10:15', zone)).toBeNull(); // no clock given: as before
  });

  it('the Skyline template hands a traveller who answers "10:15" at 10:00 to the airport desk, and not one leaving at 6pm', () => {
    const file = new URL('../../../flows/travel-urgency.json', import.meta.url).pathname;
    const loaded = loadFlowText(readFileSync(file, 'utf8')) as unknown as { flow: Parameters<typeof playConversation>[0] };
    for (const [answer, reason] of [['10:15', 'urgency'], ['10.15am today', 'urgency'], ['6pm', null]] as const) {
      const played = playConversation(loaded.flow, 'sky-' + answer, ['K7XQ2P', answer], now);
      expect(played.escalation?.reason ?? null, answer).toBe(reason);
    }
  });
});
