/**
 * Hostile s29 H5, newcomer s29 N7: at "Would you like to talk to a person?" "okay then", "absolutely", "yesss", "why
 * not", "go on then" were not read as yes ("Sorry, I didn't get that" and the offer gone; "go on then" started a
 * delivery-address change), and "maybe later", "i'm good thanks", "absolutely not" not as no. Whole answers from two short
 * lists, with their letters stretched or a filler tail, now answer; "ok thanks" still signs off (session 26).
 */
import { describe, expect, it } from 'vitest';
import { atOffer } from './atOffer';
import { OFFER_UNCLEAR } from '../../../shared/engine/engine';
import { offerAnswer } from '../../../shared/nlu/bareReplies';

describe('answers to the offer of a person, session 30 (hostile s29 H5, newcomer s29 N7)', () => {
  it.each(['okay then', 'ok then', 'absolutely', 'yesss', 'Yesss please!', 'YESSS', 'go on then', 'go ahead', 'why not', 'sounds good',
    'that would be great', 'certainly', 'ofc', 'I guess so', 'alright', 'okayyy', 'ok go on then', 'sure thing'])('%j is yes: the person is taken', (yes) => {
    const c = atOffer();
    c.say(yes);
    expect(c.lastStep.decision?.action).toBe('handoff');
    expect(c.state.waiting?.kind).toBe('takeover_question');
  });

  it.each(['maybe later', 'later', 'not now', "i'm good thanks", 'I am fine, thanks', 'no need', 'absolutely not', 'nooo', 'nooo thanks', 'never mind', 'not really'])('%j is no: back to the question, no person', (no) => {
    const c = atOffer();
    c.say(no);
    expect(c.state.handoff).toBeNull();
    expect(c.lastStep.decision?.action ?? 'none').toBe('none');
    expect(c.state.waiting?.kind).toBe('input');
    expect(c.botTexts()).not.toContain(OFFER_UNCLEAR);
  });

  it.each(['ok thanks', 'alright thanks', 'okay thank you'])('%j still signs off: no person (session 26)', (bye) => {
    const c = atOffer();
    c.say(bye);
    expect(c.state.handoff).toBeNull();
    expect(c.lastStep.decision?.action ?? 'none').toBe('none');
  });

  it('"yes no" is still asked again', () => {
    const c = atOffer();
    const n = c.botTexts().length;
    c.say('yes no');
    expect(c.botTexts().slice(n)[0]).toBe(OFFER_UNCLEAR);
  });
});

describe('offerAnswer: whole answers only, not prefixes', () => {
  it('reads the listed answers whole, and not sentences that start with them', () => {
    expect(offerAnswer('go ahead')).toBe(true);
    expect(offerAnswer('go ahead and cancel my order')).toBeNull();
    expect(offerAnswer('fine by me')).toBe(true);
    expect(offerAnswer('later today my parcel comes')).toBeNull();
    expect(offerAnswer('absolutely not')).toBe(false);
    expect(offerAnswer('keep chatting')).toBe(false); // doubled letters of the original lists still read as typed
  });
});
