/** Hostile s29 H4: at the offer of a person, "no, I want to kill myself" was a polite no ("What's your question?"). */
import { describe, expect, it } from 'vitest';
import { atOffer } from './atOffer';
import { takeoverTexts } from '../../../shared/engine/humanTakeover';

describe('self-harm at the offer of a person (hostile s29 H4)', () => {
  it.each(['no, I want to kill myself', 'no i want to die', 'no thanks, I am going to end my life', 'yes no I want to kill myself'])('%j hands over as urgent with the crisis line first', (t) => {
    const c = atOffer();
    const n = c.botTexts().length;
    c.say(t);
    expect(c.botTexts().slice(n)[0]).toBe(takeoverTexts.crisisWhileWaiting);
    expect(c.botTexts().slice(n).join(' ')).not.toMatch(/What's your question/);
  });

  it('a plain "no thanks" still declines, without the crisis line', () => {
    const c = atOffer();
    const n = c.botTexts().length;
    c.say('no thanks');
    expect(c.botTexts().slice(n)).not.toContain(takeoverTexts.crisisWhileWaiting);
    expect(c.state.handoff).toBeNull();
  });
});
