/**
 * Session 27 (convo, hostile s26 H4): odd answers to the offer of a person after unanswered shop questions.
 * "yes no" was taken as yes (a contradiction: now neither is taken and the offer is asked again); "👍" and "k" were
 * read as the next message (in chat they are yes: now they accept, and "👎" declines).
 */
import { describe, expect, it } from 'vitest';
import { atOffer } from './atOffer';
import { OFFER_BOT_ID, OFFER_PERSON_ID } from '../../../shared/engine/escalationWording';
import { OFFER_UNCLEAR } from '../../../shared/engine/engine';

describe('answers to the offer of a person (hostile s26 H4)', () => {
  it('"yes no", "no yes", "yeah nah", "no wait yes", "yes or no?" take nothing: the offer is asked again with its buttons', () => {
    for (const both of ['yes no', 'no yes', 'Yeah nah', 'no wait, yes', 'yes... no', 'yes or no?', 'yep nope']) {
      const c = atOffer();
      const n = c.botTexts().length;
      c.say(both);
      expect(c.state.handoff, both).toBeNull();
      expect(c.state.waiting?.kind, both).toBe('offer');
      expect(c.lastStep.decision?.action ?? 'none', both).toBe('none');
      const said = c.botTexts().slice(n);
      expect(said, both).toEqual([OFFER_UNCLEAR, 'Would you like to talk to a person?']);
      expect(c.lastButtons().map((b) => b.id)).toEqual([OFFER_PERSON_ID, OFFER_BOT_ID]);
      // A clear answer after it is taken.
      c.say('yes');
      expect(c.lastStep.decision?.action, both).toBe('handoff');
    }
  });
  it('a yes or a no beside other words keeps its meaning: "yes, no problem" accepts, "ok no" and "no thanks" decline', () => {
    for (const yes of ['yes, no problem', 'yes please']) {
      const c = atOffer();
      c.say(yes);
      expect(c.lastStep.decision?.action, yes).toBe('handoff');
    }
    for (const no of ['ok no', 'no thanks', 'no', 'nope']) {
      const c = atOffer();
      c.say(no);
      expect(c.state.handoff, no).toBeNull();
      expect(c.state.waiting?.kind, no).toBe('input');
      expect(c.botTexts(), no).not.toContain(OFFER_UNCLEAR);
    }
  });
  it('"👍", "👍🏽", "👍👍", "👌", "✅", "k", "kk", "K." accept (handoff as repeated_fallback)', () => {
    for (const yes of ['👍', '👍🏽', '👍👍', '👌', '✅', 'k', 'kk', 'K.', 'okie']) {
      const c = atOffer();
      c.say(yes);
      expect(c.lastStep.decision?.action, yes).toBe('handoff');
      expect(c.lastStep.decision?.reason, yes).toBe('repeated_fallback');
    }
  });
  it('"👎" and "❌" decline (back to the question), "👍 thanks" and "k thanks" are neither (no handover)', () => {
    for (const no of ['👎', '👎🏻', '❌']) {
      const c = atOffer();
      c.say(no);
      expect(c.state.handoff, no).toBeNull();
      expect(c.state.waiting?.kind, no).toBe('input');
    }
    for (const other of ['👍 thanks', 'k thanks']) {
      const c = atOffer();
      c.say(other);
      expect(c.state.handoff, other).toBeNull();
      expect(c.lastStep.decision?.action ?? 'none', other).toBe('none');
    }
  });
});

/** Hostile s28 H10 (first part): "no i want a human" at the offer of a person declined it. */
describe('a request for a person beside a "no" at the offer of a person (hostile s28 H10)', () => {
  it.each(['no i want a human', 'no, let me talk to a real person', 'nah just get me an agent'])('%j takes the offer', (text) => {
    const c = atOffer();
    c.say(text);
    expect(c.lastStep.decision?.action).toBe('handoff');
    expect(c.state.waiting?.kind).toBe('takeover_question');
  });
  it.each(['no thanks', "no, I don't want a person", 'no i will wait for the bot'])('%j still declines', (text) => {
    const c = atOffer();
    c.say(text);
    expect(c.lastStep.decision?.action ?? 'none').not.toBe('handoff');
    expect(c.state.waiting?.kind).not.toBe('takeover_question');
  });
});
