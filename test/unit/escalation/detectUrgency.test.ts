import { describe, it, expect } from 'vitest';
import { detectUrgency } from '../../../shared/escalation/detectors/detectUrgency';
import { NOW, fires, policy } from './facts';

describe('detectUrgency', () => {
  it.each([
    ['this is urgent', 'urgent'],
    ['I need it ASAP', 'asap'],
    ["it's an emergency", 'emergency'],
    ['please help immediately', 'immediately'],
    ['I need this fixed right now', 'right now'],
    ['can you do it right away', 'right away'],
    ['as soon as possible please', 'as soon as possible'],
    ["I can't wait any longer", 'can not wait'],
    ['my flight leaves in 20 minutes', 'leaves in 20 minutes'],
    ['the shop closes in 15 mins', 'closes in 15 minutes'],
    ['I need it within the hour', 'within the hour'],
    ['the train goes in half an hour', 'in half an hour'],
    ['the meeting starts in 2 hours', 'starts in 2 hours'],
    // Session 24 (hostile s17 #18): up to two hours in minutes too, as in hours.
    ['my train leaves in 90 minutes', 'leaves in 90 minutes'],
    ['10 minutes left!', '10 minutes left'],
  ])('fires on %j', (text, words) => {
    const s = fires(detectUrgency, text)!;
    expect(s.reason).toBe('urgency');
    expect(s.evidence).toEqual([words]);
    expect(s.explanation).toBe(`Urgency ("${words}").`);
  });

  // Until round four a trap; both independent writers label the same shape urgent ("It's my anniversary
  // dinner in 3 hours", "I leave for the airport in about three hours"), like "the meeting starts in 2 hours" above.
  // Round seven: a relative deadline ("in 3 hours", "in 2 days") is a rule on the clock now (deadlines.ts), no longer the classifier's.
  it('reads an event a few hours away as urgent (a relative deadline)', () => {
    const s = fires(detectUrgency, 'the flight is in 3 hours')!;
    expect(s.reason).toBe('urgency');
    expect(s.source).toBe('rule');
    expect(s.evidence).toEqual(['in 3 hours']);
  });

  it.each([
    'no rush',
    'not urgent',
    'whenever you can',
    'this is not an emergency',
    "I can't wait to see it!",
    'I waited for 30 minutes',
    'I ordered it 10 minutes ago',
    "I'm not home right now",
    'take your time, it can wait',
    'in 150 minutes',
    'see you in 2 days',
  ])('does not fire on %j', (text) => {
    expect(fires(detectUrgency, text)).toBeNull();
  });

  it("fires on the designer's own phrases", () => {
    const p = policy({ urgency: { phrases: ['Boarding now', "can't log in to pay"] } });
    expect(fires(detectUrgency, "we're boarding now!", p)!.evidence).toEqual(['boarding now']);
    expect(fires(detectUrgency, 'I cant log in to pay my bill', p)).not.toBeNull();
    expect(fires(detectUrgency, "we're boarding now!")).toBeNull();
  });

  it('leaves variable rules to evaluateRuleSignals (they are edge-triggered, not per message)', () => {
    const p = policy({ urgency: { rules: [{ variable: 'departureTime', op: 'within_minutes', value: 20 }] } });
    const soon = new Date(NOW + 12 * 60_000).toISOString();
    expect(fires(detectUrgency, 'just a question', p, undefined, { departureTime: soon })).toBeNull();
  });

  it.each([
    "I'm so angry right now, nothing on this site works",
    "I'm at work right now, can the parcel go to a neighbour?",
    'it is raining right now',
    "I'm busy this minute",
  ])('reads "right now" in a statement as the present moment, not a deadline: %j', (text) => {
    expect(fires(detectUrgency, text)).toBeNull();
  });

  it.each([
    'I need this sorted right now',
    'fix it right now please',
    'I have to change the address right now',
    'tell me this minute where my parcel is',
  ])('counts "right now" inside a demand: %j', (text) => {
    expect(fires(detectUrgency, text)!.reason).toBe('urgency');
  });
});
