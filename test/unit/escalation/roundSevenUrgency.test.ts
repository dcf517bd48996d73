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
    ['I need receive before Chinese New Year, is this week', 'week', 3 * 24 * 60 + 7 * 60],
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
  ])('%j is urgent (%s)', (text, words) => {
    expect(urgentByRule(text)).toContain(words.split(' ')[0]);
  });

  it.each([
    'I have a few left of the old batteries, no rush',
    'I have a couple of questions left',
    'they are playing music right now lol, anyway where is my order',
    "I'm looking at the website right now",
    'the parcel is waiting at the depot',
  ])('%j is not urgent by rule', (text) => {
    expect(urgentByRule(text)).toBeNull();
  });
});
