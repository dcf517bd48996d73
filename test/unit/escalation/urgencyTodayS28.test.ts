/** Session 28 (lead): a deadline of "today" with a clock time still ahead is explained as today and how far the time is, not "is now". */
import { describe, expect, it } from 'vitest';
import { detectUrgency } from '../../../shared/escalation/detectors/detectUrgency';
import { facts, memory, policy, NOW } from './facts';

// NOW is 12:00 UTC (13:00 in London in May).
describe('the urgency explanation of a day named with a time', () => {
  it('"need it TODAY" with "tonight at 6": today, the time about 5 hours away', () => {
    const s = detectUrgency(facts("Tonight at 6 is the party and the balloon arch hasn't come, I need it TODAY!!", { timezone: 'Europe/London' }), policy(), memory());
    expect(s?.reason).toBe('urgency');
    expect(s?.explanation).toMatch(/\) is today \(the time named is about 5 hours away\) on the conversation's clock/);
  });
  it('a clock time alone still says how far it is; "today" alone is still now', () => {
    expect(detectUrgency(facts('the party is at 6pm, I need it by then', { timezone: 'Europe/London' }), policy(), memory())?.explanation).toMatch(/is about 5 hours away/);
    expect(detectUrgency(facts('I need it today for the party', { timezone: 'Europe/London', now: NOW }), policy(), memory())?.explanation).toMatch(/\) is now on/);
  });
});
