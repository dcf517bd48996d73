/**
 * Hostile s17 #18 (Skyline Air, a 2-hour urgency horizon): "in 90 minutes" was not urgent while "in 2 hours" was; "at
 * 01:30" (a 24-hour time with its leading zero) was read as 13:30; on the nights the clocks change a deadline was
 * counted in wall-clock minutes, an hour off.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalTokens } from '../../../shared/escalation/canonicalTokens';
import { findDeadline } from '../../../shared/escalation/deadlines';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { analyzeText } from '../../../shared/nlu/analyzeText';
import { playConversation } from '../../../shared/simulator/playConversation';

const away = (text: string, now: string, zone = 'Europe/London') => findDeadline(canonicalTokens(analyzeText(text)), Date.parse(now), zone, 24)?.minutesAway ?? null;
const skyline = loadFlowText(readFileSync(new URL('../../../flows/travel-urgency.json', import.meta.url), 'utf8')).flow!;
const reason = (text: string, now: string) => playConversation(skyline, 'dl', [text], Date.parse(now)).escalation?.reason ?? 'none';

describe('deadlines on the clock', () => {
  it('reads a 24-hour time with a leading zero as the morning ("at 01:30" at 23:50 is 100 minutes away)', () => {
    expect(away('my flight is at 01:30, I need the booking changed', '2026-03-02T23:50:00Z')).toBe(100);
    expect(away('I need it by 07:15 please', '2026-03-02T06:00:00Z')).toBe(75);
    // Without the zero a small hour is still the afternoon (shop hours): "by 4:30" at 10:00 is 16:30.
    expect(away('I need it by 4:30 please', '2026-03-02T10:00:00Z')).toBe(390);
  });

  it('counts real minutes across the night the clocks change (Europe/London)', () => {
    // 29 March 2026: 01:00 GMT becomes 02:00 BST. At 00:10 GMT, 3am BST is 02:00 UTC: 110 minutes.
    expect(away('my flight is at 3am, I need the booking changed', '2026-03-29T00:10:00Z')).toBe(110);
    // 25 October 2026: 02:00 BST becomes 01:00 GMT. At 01:10 BST (00:10 UTC), 3am GMT is 03:00 UTC: 170 minutes.
    expect(away('my flight is at 3am, I need it changed', '2026-10-25T00:10:00Z')).toBe(170);
    // 1:30am comes first while still on summer time: 20 minutes.
    expect(away('my flight is at 1:30am, I need it changed', '2026-10-25T00:10:00Z')).toBe(20);
    // A time inside the spring-forward gap does not exist: read as the same wall time after the gap (hostile s24 #9).
    expect(away('my flight is at 1:30am, I need the booking changed', '2026-03-29T00:10:00Z')).toBe(80);
    expect(away('my flight is at 2:30am, I need it changed', '2026-03-08T05:30:00Z', 'America/New_York')).toBe(120);
    // An ordinary night is unchanged.
    expect(away('my flight is at 3am, I need it changed', '2026-03-02T00:10:00Z')).toBe(170);
  });

  it('Skyline Air (2 hours): the right side of the horizon on both change nights, and "in 90 minutes" is urgent', () => {
    expect(reason('my flight is at 3am and I need to change my seat', '2026-03-29T00:10:00Z')).toBe('urgency');
    expect(reason('my flight is at 3am and I need to change my seat', '2026-10-25T00:10:00Z')).toBe('none');
    expect(reason('my flight is at 01:30 and I need to change my seat', '2026-03-02T23:50:00Z')).toBe('urgency');
    expect(reason('I need my booking changed in 90 minutes', '2026-03-02T10:00:00Z')).toBe('urgency');
    expect(reason('I need my booking changed in 3 hours', '2026-03-02T10:00:00Z')).toBe('none');
  });
});
