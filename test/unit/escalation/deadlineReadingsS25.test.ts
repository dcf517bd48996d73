/**
 * Session 25 (hostile s24 #10, #11, #14): deadlines the clock did not read or read wrong: "24:00", "0130", "boarding at
 * 01:30" (boarding was no deadline word), "half past one" and "my flight is at 1:30" said at night (read as 13:30: shop
 * hours make 1-7 the afternoon; now the nearer reading still ahead), "in an hour and a half" (60 minutes), "tonight at
 * 11pm" (tonight's 21:00).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalTokens } from '../../../shared/escalation/canonicalTokens';
import { findDeadline } from '../../../shared/escalation/deadlines';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { analyzeText } from '../../../shared/nlu/analyzeText';
import { playConversation } from '../../../shared/simulator/playConversation';

const away = (text: string, now: string) => findDeadline(canonicalTokens(analyzeText(text)), Date.parse(now), 'Europe/London', 24)?.minutesAway ?? null;
const skyline = loadFlowText(readFileSync(new URL('../../../flows/travel-urgency.json', import.meta.url), 'utf8')).flow!;
const reason = (text: string, now: string) => playConversation(skyline, 'dl', [text], Date.parse(now)).escalation?.reason ?? 'none';
/** 23:50 in London (GMT): a night before a morning flight. */
const NIGHT = '2026-03-02T23:50:00Z';
const MORNING = '2026-03-02T10:00:00Z';
const EVENING = '2026-03-02T20:00:00Z';

describe('clock times read at night (hostile s24 #10, #11)', () => {
  it('reads "24:00", "0130", "0130 hours", "01.30", "boarding at 01:30"', () => {
    expect(away('my flight is at 24:00, I need the booking changed', NIGHT)).toBe(10);
    expect(away('my flight is at 0130, I need the booking changed', NIGHT)).toBe(100);
    expect(away('flight departs 0130 hours', NIGHT)).toBe(100);
    expect(away('my flight is at 01.30, I need it changed', NIGHT)).toBe(100);
    expect(away('boarding at 01:30', NIGHT)).toBe(100);
  });

  it('takes the nearer reading still ahead of a time without am / pm', () => {
    expect(away('my flight is at 1:30, I need the booking changed', NIGHT)).toBe(100);
    expect(away('my flight is at half past one, I need it changed', NIGHT)).toBe(100);
    // In the morning the same words are the afternoon, as before.
    expect(away('my flight is at 1:30, I need the booking changed', MORNING)).toBe(210);
    expect(away('I need it by 4:30 please', MORNING)).toBe(390);
  });

  it('keeps what am / pm, a 24-hour time or a leading zero say', () => {
    expect(away('my flight is at 1:30pm, I need the booking changed', NIGHT)).toBe(820);
    expect(away('my flight is at 13:30, I need it changed', NIGHT)).toBe(820);
  });

  it('does not read a year, an amount or an order number as four-digit times', () => {
    expect(away('I need it by 2026', NIGHT)).toBeNull();
    expect(away('my order 0130 needs to arrive', NIGHT)).toBeNull();
    expect(away('I need it by 1000 pounds', NIGHT)).toBeNull();
  });

  it('hands Skyline Air (2 hours) over at night for these times', () => {
    for (const text of ['my flight is at 24:00', 'my flight is at 0130', 'boarding at 01:30', 'my flight is at half past one', 'my flight is at 1:30']) {
      expect(reason(text, NIGHT), text).toBe('urgency');
    }
    expect(reason('my flight is at 1:30pm', NIGHT)).toBe('none');
  });
});

describe('durations with a half (hostile s24 #11)', () => {
  it('counts "an hour and a half" as 90 minutes', () => {
    expect(away('I need it in an hour and a half', MORNING)).toBe(90);
    expect(away('my flight leaves in one and a half hours', MORNING)).toBe(90);
    expect(away('I need it in 2 hours and a half', MORNING)).toBe(150);
  });

  it('Skyline Air: an hour and a half is urgent, two and a half hours not', () => {
    expect(reason('my flight leaves in an hour and a half', MORNING)).toBe('urgency');
    expect(reason('my flight leaves in one and a half hours', MORNING)).toBe('urgency');
    expect(reason('my flight leaves in 2 hours and a half', MORNING)).toBe('none');
  });
});

describe('a part of the day next to a clock time (hostile s24 #14)', () => {
  it('"tonight at 11pm" is 23:00, not tonight\'s 21:00', () => {
    expect(away('I need it by tonight at 11pm', EVENING)).toBe(180);
    expect(away('my flight is tonight at 11', EVENING)).toBe(180);
    expect(away('tonight at 12 my flight leaves', EVENING)).toBe(240);
    // "tonight" alone is still 21:00.
    expect(away('I need it tonight', EVENING)).toBe(60);
  });
});
