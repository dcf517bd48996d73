/**
 * Newcomer s13 #21 (README "Not finished"): at the template's "Would you like to talk to a person? [Talk to a person]
 * [No thanks]" (Retries 1, fallback to the router), a second undecided answer ("maybe" / "maybe") used the block's last
 * retry and went to the router, which said "Sorry, I didn't get that" and "What's your question?": the offer was gone.
 * An undecided answer is asked again even past the Retries (behaviours/buttons.ts, isUnsureReply in nlu/bareReplies.ts);
 * other text the router does not understand still goes to it once the Retries are used up (s12 #9 unchanged).
 */
import { describe, expect, it } from 'vitest';
import { isUnsureReply } from '../../../shared/nlu/bareReplies';
import { normalizeText } from '../../../shared/nlu/normalizeText';

import { atOffer, RETRY, template } from './templateOffer';

describe('an undecided answer at a Buttons block keeps the question (newcomer s13 #21)', () => {
  it('what is undecided', () => {
    for (const t of ['maybe', 'Not sure', "I'm not sure", 'dunno', 'idk', "erm, I don't know", 'no idea tbh', 'hmm', 'what do you think?', 'I am honestly not sure yet'])
      expect(isUnsureReply(normalizeText(t)), t).toBe(true);
    for (const t of ['no', 'yes', 'sure', 'maybe later', "I don't know my order number", 'I want a person', 'track', 'ok', ''])
      expect(isUnsureReply(normalizeText(t)), t).toBe(false);
  });

  it('"maybe" twice at the offer: asked again both times, the offer stays, and a later "no thanks" is still taken', () => {
    const c = atOffer();
    c.say('maybe');
    expect(c.lastBotText()).toBe(RETRY);
    c.say('maybe');
    // Session 49 (conv11, hostile s49 M11): the same line right after itself is said another way, the options listed.
    expect(c.lastBotText()).toBe('I still can\'t tell what you\'d like. Please pick one: "Talk to a person" or "No thanks".');
    expect(c.lastButtons().map((b) => b.label)).toEqual(['Talk to a person', 'No thanks']);
    expect(c.botTexts()).not.toContain("What's your question? A few words are enough.");
    expect(c.state.waiting).toMatchObject({ kind: 'input', blockId: 'offer_person' });
    c.say('no thanks');
    expect(c.lastBotText()).toBe('Anything else I can help with?');
  });

  it('other text the router does not understand still leaves the offer once the Retries are used up', () => {
    const c = atOffer();
    c.say('purple');
    expect(c.lastBotText()).toBe(RETRY);
    c.say('purple');
    expect(c.state.waiting?.blockId).not.toBe('offer_person');
  });
});
