/**
 * Round seven (session 5, escneg2): urgency families the rules missed on the team sets (each family, positive and
 * negative): participles after a wish ("need my address changed before it ships tonight"), possessive days ("for
 * tonight's doses"), relative deadlines ("in 3 days", "the Eid is after two days"), dates ("by the 28th"), movable and
 * two-word holidays, a small amount of an essential left, anyone waiting at the door, fraud happening "right now".
 */
import { describe, expect, it } from 'vitest';
import { detectUrgency } from '../../../shared/escalation/detectors/detectUrgency';
import { findDeadline } from '../../../shared/escalation/deadlines';
import { analyzeText } from '../../../shared/nlu/analyzeText';
import { canonicalTokens } from '../../../shared/escalation/canonicalTokens';
import { facts, policy, memory } from './facts';

// Tuesday 24 November 2026, 10:00 UTC (the reports' clock).
const NOW = Date.parse('2026-11-24T10:00:00Z');
const toks = (text: string) => canonicalTokens(analyzeText(text));
const deadline = (text: string, hours = 168) => findDeadline(toks(text), NOW, 'UTC', hours);
const urgent = (text: string) => detectUrgency(facts(text, { now: NOW }), policy(), memory());
const urgentByRule = (text: string) => {
  const s = urgent(text);
  return s !== null && s.source === 'rule' ? s.evidence[0] : null;
};

describe('round seven urgency: deadlines (shared/escalation/deadlines.ts)', () => {
  it.each([
    ['need my address changed before it ships tonight', 'tonight', 11 * 60],
    ['I need it delivered by Friday', 'by friday', 3 * 24 * 60 - 10 * 60],
    ['I ordered it 3 days ago and need it by friday', 'by friday', 3 * 24 * 60 - 10 * 60],
    ['my elderly mum needs it for tonight\'s doses', 'tonights', 11 * 60],
    ['I need it in 3 days for the wedding', 'in 3 days', 3 * 24 * 60],
    ['my flight is in 5 hours and I need the adapter', 'in 5 hours', 5 * 60],
    ['please quickly, the Eid is after two days', 'after two days', 2 * 24 * 60],
    ['I need it 3 days from now', '3 days from now', 3 * 24 * 60],
    ['need it by the 28th', '28th', 4 * 24 * 60 - 10 * 60],
    ['need it for thanksgiving', 'thanksgiving', 2 * 24 * 60 - 10 * 60],
    ['must stop this order before 9. pls', 'before 9', 23 * 60],
    ['school play starts at 6. costume still not here', 'at 6', 8 * 60],
    ['by thurs or dont bother', 'by thurs', 2 * 24 * 60 - 10 * 60],
    ['Within next 2 hours I have to leave for station, please expedite.', 'within next 2 hours', 120],
    ['After one hour I go to airport, can you stop the delivery?', 'after one hour', 60],
    ['The rings box is for my wedding next Sunday, it must be here before, please.', 'sunday', 5 * 24 * 60 - 10 * 60],
    ['The harvest festival at church is on Sunday and I promised the tablecloths.', 'on sunday', 5 * 24 * 60 - 10 * 60],
  ])('%j is a deadline (%s)', (text, words, minutes) => {
    const d = deadline(text);
    expect(d?.words.endsWith(words)).toBe(true);
    expect(d?.minutesAway).toBe(minutes);
  });

  it.each([
    'I ordered it 3 days ago',
    'it was delivered by Friday',
    'it arrived on the 3rd of November',
    'after 2 days it broke, I need a new one',
    'see you in 2 days',
    'it came quickly, in 2 days, thanks',
    'Could I have the parcel delivered after 6pm? I work late.',
    "Can't wait to hear what today's excuse is.",
    'I need it before December 3rd', // 9 days away: beyond the default week
    'need it by new year\'s eve', // 37 days away
    'I need receive before Chinese New Year', // no fixed date
    'unfortunately im not home til 6, can they come after',
    'If it\'s no bother, could you confirm what time the Leeds shop opens on Saturday?',
    'deadly deals this weekend, fair play',
    'Tracking shows the parcel went to a different depot. Will it still come this week?',
    'After 2 days it stopped working, can I return it?',
    'I bought 2 at 6 pounds each',
    'ok i see, it come Friday, thank', // information received, acknowledged
    'ok so arriving Thursday',
    'so I waited in all day Tuesday, took the day off for it, and at 6pm the tracking flips to customer not in', // a story
  ])('%j is not an urgent deadline', (text) => {
    expect(deadline(text)).toBeNull();
  });

  it('reads a bare ordinal in the month the message names', () => {
    expect(deadline('what is the last day to order for delivery before the 25th of the month, in December?')).toBeNull();
    expect(deadline('what is the last day to order for delivery before the 25th of the month, in December?', 24 * 40)?.minutesAway).toBe(31 * 24 * 60 - 10 * 60);
  });

  it('knows the movable and two-word holidays of the year', () => {
    expect(deadline('I need it before Easter', 24 * 200)?.minutesAway).toBe(Date.UTC(2027, 2, 28) / 60000 - Date.UTC(2026, 10, 24) / 60000 - 10 * 60);
    expect(deadline('must arrive by boxing day', 24 * 40)?.minutesAway).toBe(32 * 24 * 60 - 10 * 60);
  });
});

describe('round seven urgency: happening now (detectUrgency)', () => {
  it.each([
    ["my insulin cool bag was in that parcel and I've got about a day's supply left", 'a days supply left'],
    ['we only have two days of inhaler left', 'two days of inhaler left'],
    ["I'm stuck in hospital and my neighbour is waiting at my door to take the parcel", 'is waiting at my door'],
    ['someone using my card rn', 'right now'],
    ['money is leaving my account right now', 'right now'],
    ['A young man is at my front door with a very large box. He is waiting.', 'is at my front door'],
    ['guy at door. wants cash on delivery', 'guy at door'],
    ["driver's 20 min away and i'm not home. redirect?", '20 minutes away'],
    ['the microwave is pouring out smoke and the alarm is going off', 'smoke'],
    ['The pressure cooker lid blew off just now and my mother has burnt her arm, please help fast.', 'burnt'],
    ['my son just drank some of the descaler, i need to tell the doctor', 'drank'],
  ])('%j is urgent (%s)', (text, words) => {
    expect(urgentByRule(text)).toContain(words.split(' ')[0]);
  });

  it.each([
    'I have a few left of the old batteries, no rush',
    'I have a couple of questions left',
    'they are playing music right now lol, anyway where is my order',
    "I'm looking at the website right now",
    'the parcel is waiting at the depot',
    'The phone charger I bought from you started sparking when I plugged it in.',
    'the hair dryer burned my hand, it just got crazy hot',
    'the charger started smoking last week, is that normal?',
    'the courier left it at the door last night',
  ])('%j is not urgent by rule', (text) => {
    expect(urgentByRule(text)).toBeNull();
  });
});
