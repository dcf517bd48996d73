/**
 * Round eight (session 6, helper escMulti): low confidence on vague messages, by family (detectLowConfidence.ts).
 * The detector runs where an intent router read the message (intent set); here with a weak reading (0.1), as the
 * support flow's router gives a vague message.
 */
import { describe, it, expect } from 'vitest';
import { detectLowConfidence } from '../../../shared/escalation/detectors/detectLowConfidence';
import { facts, intent, memory, policy } from './facts';

const vague = (text: string, recent: string[] = []) =>
  detectLowConfidence(facts(text, { intent: intent('return_item', 0.1), fallback: true }), policy(), memory({ recent }))?.reason ?? null;

describe('asking after something never named, at the start of the conversation', () => {
  it.each(['is it done yet?', 'any news on that?', 'Sorry, is it sorted?', 'Is it ok now with my parcel or not?', 'following up', 'Further to the above, please advise.'])(
    '%s is vague as a first message',
    (text) => {
      expect(vague(text)).toBe('low_confidence');
    },
  );
  it.each(['is it done yet?', 'any news on that?', 'following up'])('%s after a question has that question as its subject', (text) => {
    expect(vague(text, ['where is my parcel 40112'])).toBeNull();
  });
  it.each([
    // Remarks and thanks, not questions after an unnamed thing.
    "That's sorted now, thank you kindly.",
    'this is not working',
    'thanks for the help earlier',
    // A subject named.
    'is my refund done yet?',
    'any update on my order 40112?',
  ])('%s is not vague', (text) => {
    expect(vague(text)).toBeNull();
  });
});

describe('vague references in more words', () => {
  it.each([
    'my grandson said to ask you about it',
    'Oh hello, yes, so it is about the, what was it, the whatsit. You know.',
    'Excuse me, about the matter I mentioned before.',
    "Hello dear, it's about the box thing. Thank you",
    'that thing we talked about on the phone',
    'its doing that again',
    'a question about my order and the address',
  ])('%s is vague', (text) => {
    expect(vague(text)).toBe('low_confidence');
  });
  it.each(['Ok, thank you, I think about it', 'a question about my order and the delivery address change for 40112', 'it is doing fine, thanks'])(
    '%s is not vague',
    (text) => {
      expect(vague(text)).toBeNull();
    },
  );
});

describe('torn between two requests in the customer own words', () => {
  it('two requests with maybe / not sure and no intent fitting is low confidence, saying both', () => {
    const s = detectLowConfidence(
      facts('i want to send it back or maybe just change where it goes, not sure', { intent: intent('return_item', 0.12), fallback: true }),
      policy(),
      memory(),
    );
    expect(s?.reason).toBe('low_confidence');
    expect(s?.explanation).toContain('cannot decide between two requests');
  });
  it.each(['can it be charged by USB or is it batteries', '30 days from delivery or from purchase?', 'I would like to pay by card or paypal'])(
    '%s offers two options, it is not torn',
    (text) => {
      expect(detectLowConfidence(facts(text, { intent: intent('return_item', 0.12), fallback: true }), policy(), memory())).toBeNull();
    },
  );
});
