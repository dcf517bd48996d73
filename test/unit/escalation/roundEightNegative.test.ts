/**
 * Round eight (session 6, escMsg): negative-looking words that are not the customer's feeling now, each a family:
 *  - reassurance and owning the fault ("no problem, no hurry", "no worries about the delay", "my fault, I dropped it",
 *    "worst case I can pick it up"): only the frame's own words are calmed, at their positions;
 *  - a hypothetical clause in a question ("if it arrives broken, what happens?"): calmed up to the clause's end;
 *  - a question asked in general ("I ask in general", "out of interest", "my order is not late"): neither the lexicon
 *    nor the classifier fires (a near miss), unless the message is strongly negative, shouted or has an angry emoji.
 * Each with the complaints that must still fire.
 */
import { describe, expect, it } from 'vitest';
import { sentimentDetail } from '../../../shared/nlu/sentiment';
import { detectNegativeSentiment } from '../../../shared/escalation/detectors/detectNegativeSentiment';
import { startNearMisses, takeNearMisses } from '../../../shared/escalation/nearMisses';
import { fires } from './facts';

describe('round eight: calm frames in the sentiment score', () => {
  it.each([
    'No problem, no hurry, I wait the package',
    'no worries at all, take your time',
    'Worst case I can just collect it from the depot, where is it exactly?',
    'not your fault, the courier said so. can I change the delivery day?',
    'If the vase arrives broken, what happens?',
    'in case it is damaged in transit, do I get a refund?',
  ])('%j is not negative', (text) => {
    expect(sentimentDetail(text).score).toBeGreaterThan(-0.05);
  });

  it.each([
    ['there is a problem with my order, no worries though', 'problem'],
    ['this is terrible, no reply for weeks', 'terrible'],
    ['if you do not refund me I will complain, this is a disgrace', 'disgrace'],
    ['what if it breaks again? this is the worst shop ever', 'worst'],
    ['If it arrives broken again I am done with you', 'broken'],
  ])('%j still is (%s)', (text, word) => {
    const d = sentimentDetail(text);
    expect(d.score).toBeLessThan(-0.3);
    expect(d.negativeWords).toContain(word);
  });
});

describe('round eight: questions asked in general', () => {
  it.each([
    'What do you do if a card is used by fraud? I ask in general, no problem with me.',
    'For knowledge, if delivery is late do you give any compensation? My order is not late, it is on time.',
    'Out of interest, what happens when a parcel is lost by the courier?',
  ])('%j does not fire', (text) => {
    expect(fires(detectNegativeSentiment, text)).toBeNull();
  });

  it('names the words it set aside in a near miss', () => {
    startNearMisses();
    expect(fires(detectNegativeSentiment, 'Out of interest, what do you do when a lost parcel is stolen and the box is damaged?')).toBeNull();
    const near = takeNearMisses().filter((s) => s.reason === 'negative_sentiment');
    expect(near).toHaveLength(1);
    expect(near[0].explanation).toContain('in general');
    expect(near[0].explanation).toContain('"stolen"');
  });

  it.each([
    'out of interest, why is your service so terrible and useless?',
    'IN GENERAL IS IT NORMAL TO WAIT FIVE WEEKS FOR A REFUND???',
    'hypothetically, how long before I can call this a scam 😡',
    'just curious, is anyone going to answer my complaint about the broken lamp or should I give up?',
  ])('%j still fires', (text) => {
    expect(fires(detectNegativeSentiment, text)?.reason).toBe('negative_sentiment');
  });
});

describe('round eight: the kind-use veto never covers words of anger', () => {
  it.each(['this is infuriating', 'honestly appalling', 'you are incompetent'])('%j fires', (text) => {
    expect(fires(detectNegativeSentiment, text)?.reason).toBe('negative_sentiment');
  });
  it.each(['this jacket is sick', 'no problem at all, thanks'])('%j does not (a kind use)', (text) => {
    expect(fires(detectNegativeSentiment, text)).toBeNull();
  });
});
