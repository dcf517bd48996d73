/**
 * Hostile s28 H10 (rest): at the offer of a person, "👍👎" was taken as anger and handed over; "ＹＥＳ" (full-width),
 * "\u200Byes" (a zero-width space first), "\u202Eyes" and "✅ yes" were not read as yes ("Sorry, I didn't get that" and
 * the offer gone); "yes no" was asked again without end (30 answers, 30 offers).
 */
import { describe, expect, it } from 'vitest';
import { atOffer } from './atOffer';
import { OFFER_UNCLEAR } from '../../../shared/engine/engine';

const OFFER = 'Would you like to talk to a person?';

describe('answers to the offer of a person, session 29 (hostile s28 H10 rest)', () => {
  it.each(['👍👎', '👍 👎', '👎👍', '👍🏽👎🏻', '✅❌', '👍 no', '❌ yes'])('%j says both: nothing is taken, the offer is asked again', (both) => {
    const c = atOffer();
    const n = c.botTexts().length;
    c.say(both);
    expect(c.state.handoff).toBeNull();
    expect(c.lastStep.decision?.action ?? 'none').toBe('none');
    expect(c.state.waiting?.kind).toBe('offer');
    expect(c.botTexts().slice(n)).toEqual([OFFER_UNCLEAR, OFFER]);
  });

  it.each(['ＹＥＳ', 'ｙｅｓ', '\u200Byes', '\u202Eyes', '\uFEFFyes please', '✅ yes', 'yes 👍', '👍 sure'])('%j is yes: the person is taken', (yes) => {
    const c = atOffer();
    c.say(yes);
    expect(c.lastStep.decision?.action).toBe('handoff');
    expect(c.lastStep.decision?.reason).toBe('repeated_fallback');
    expect(c.state.waiting?.kind).toBe('takeover_question');
  });

  it.each(['ＮＯ', '\u200Bno', '\u202Eno thanks', '❌ no thanks', 'no 👎'])('%j is no: back to the question, no person', (no) => {
    const c = atOffer();
    c.say(no);
    expect(c.state.handoff).toBeNull();
    expect(c.state.waiting?.kind).toBe('input');
    expect(c.botTexts()).not.toContain(OFFER_UNCLEAR);
  });

  it('"👍 thanks" is still read as words are (no handover)', () => {
    const c = atOffer();
    c.say('👍 thanks');
    expect(c.state.handoff).toBeNull();
    expect(c.lastStep.decision?.action ?? 'none').toBe('none');
  });

  it('a second unclear answer in a row takes the person: "yes no" thirty times is asked again once, not thirty times', () => {
    const c = atOffer();
    const n = c.botTexts().length;
    c.say('yes no');
    expect(c.state.waiting?.kind).toBe('offer');
    c.say('yes no');
    expect(c.lastStep.decision?.action).toBe('handoff');
    expect(c.state.waiting?.kind).toBe('takeover_question');
    for (let i = 0; i < 28; i++) c.say('yes no');
    expect(c.botTexts().slice(n).filter((t) => t === OFFER_UNCLEAR)).toHaveLength(1);
    expect(c.botTexts().slice(n).filter((t) => t === OFFER)).toHaveLength(1);
  });

  it('after one unclear answer a clear "no" still declines (the limit only takes the person on a second unclear one)', () => {
    const c = atOffer();
    c.say('yes no');
    expect(c.state.waiting?.kind).toBe('offer');
    c.say('no');
    expect(c.state.handoff).toBeNull();
    expect(c.state.waiting?.kind).toBe('input');
    expect(c.lastStep.decision?.action ?? 'none').not.toBe('handoff');
  });
});
