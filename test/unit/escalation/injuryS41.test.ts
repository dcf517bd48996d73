/**
 * Session 41 (injury, hostile s40 H2, H4): a person hurt or ill now is urgent and its urgency signal says so
 * (Signal.emergency), so the engine says the emergency line first; something dangerous swallowed is such an emergency.
 * Guarded both ways: injuries long ago, hypotheticals, questions about an injury claim form, money and deadlines are not.
 */
import { describe, expect, it } from 'vitest';
import { detectUrgency } from '../../../shared/escalation/detectors/detectUrgency';
import { facts, memory, policy } from './facts';

const p = policy();
const urgency = (text: string) => detectUrgency(facts(text), p, memory());

describe('something dangerous swallowed by a person is urgent, an emergency', () => {
  it.each([
    "my son swallowed a battery from your toy and he's vomiting",
    'My daughter swallowed a magnet from your kit, what do I do',
    'I think my toddler has swallowed a button battery!!',
    'he drank some bleach',
    'my son ate one of the dishwasher pods and is throwing up',
    'my son swallowed a battery 20 minutes ago',
    'my daughter might have swallowed one of the magnets',
    'my son has swallowed two magnets',
    // Session 45 (emerg, hostile s45 H1; changed on purpose): a magnet swallowed, told plainly, is an emergency at once
    // (session 41 read it as a report with no sign of now, the corpus's w2 row 699, a safety topic).
    'My son swallowed one of the little magnets from the toy set.',
  ])('%s', (text) => {
    const s = urgency(text);
    expect(s?.reason).toBe('urgency');
    expect(s?.emergency).toBe(true);
  });
});

describe('a person hurt or ill now: the urgency signal is an emergency', () => {
  it.each([
    'yes, my son is unconscious',
    'he is unconscious',
    "my husband was hurt in a car crash, he's bleeding",
    'please hurry my husband is bleeding and unconscious',
    'my son is choking on a part from your toy',
    "my wife collapsed at the gate, she's not breathing",
    'someone in the office just collapsed, call an ambulance',
    'help, someone is having a heart attack',
    'someone is badly injured, there was a fire',
    'yesterday my son fell through the roof and is unconscious, ambulance coming',
  ])('%s', (text) => {
    expect(urgency(text)?.emergency).toBe(true);
  });
});

describe('urgent, but nobody hurt: no emergency', () => {
  it.each([
    'my flight leaves in 20 minutes, hurry',
    // (Session 47, emerg4, hostile s47 M2: smoke coming out of a product now is an emergency by itself, moved to
    // emerg4S47's emergencies on purpose.)
    'hurry, nobody is hurt but the car is on fire',
    'I need this by tomorrow morning, it is urgent',
    'someone is using my card right now',
    'I was injured last year, it is urgent that you pay my claim today',
  ])('%s', (text) => {
    const s = urgency(text);
    expect(s?.reason).toBe('urgency');
    expect(s?.emergency).toBeUndefined();
  });
});

describe('not urgent at all: past injuries, hypotheticals, questions, money, animals', () => {
  it.each([
    'what if my child swallows a magnet?',
    'is it dangerous if swallowed?',
    'could my son choke if he swallowed a magnet?',
    "he didn't swallow it, it was on the floor",
    'my dog ate a battery',
    'my son swallowed a magnet last year and was fine',
    'my son swallowed a coin two weeks ago, can I claim on the policy?',
    'I was injured last year, do I need the injury claim form?',
    'where do I find the injury claim form?',
    'do you cover injuries from a car accident?',
    'the battery ate my money',
    'your prices are hard to swallow',
    'does the toy have small magnets a child could swallow?',
    'I ate there last week and the bill was huge',
  ])('%s', (text) => {
    expect(urgency(text)).toBeNull();
  });
});
