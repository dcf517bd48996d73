/**
 * Round six (session 4): the classifier's device cues for negative sentiment without a classic negative word, and
 * the sentiment score's politeness frames. Each device is checked on a message that shows it and on a look-alike
 * that must not (the cue's weight is learned; these tests check what the model is shown).
 */
import { describe, expect, it } from 'vitest';
import { cueFeature, featuresOf, NEGATIVE_ONLY_CUES, NEGATIVE_STOP_WORDS, wordFeature } from '../../../shared/escalation/classifier/features';
import { analyzeText } from '../../../shared/nlu/analyzeText';
import { sentimentOf } from '../../../shared/nlu/sentiment';

const has = (text: string, cue: string) => featuresOf(analyzeText(text)).includes(cueFeature(cue));

describe('round six device cues', () => {
  it('sarcasm: praise next to a complaint fact, not praise and a fact far apart or negated praise', () => {
    expect(has('Brilliant. Paid for express and got the scenic route.', 'praise+fact')).toBe(true);
    expect(has('sooo glad i paid extra lmao. 5 days and counting', 'praise+fact')).toBe(true);
    expect(has('👏 you lost it again', 'praise+fact')).toBe(true);
    expect(has('great, thanks, see you next time', 'praise+fact')).toBe(false);
    expect(has('not great, it is late', 'praise+fact')).toBe(false);
    expect(has("We've just come back from a long weekend away at my cousin's, lovely time, and I noticed the order hasn't turned up yet", 'praise+fact')).toBe(false);
  });

  it('emoji classes: a face reads like its class, whatever its variant', () => {
    expect(has('ok then 🤦‍♀️', 'emoji:annoyed')).toBe(true);
    expect(has('where is it 🤬', 'emoji:angry')).toBe(true);
    expect(has('well done 👏👏', 'emoji:mocking')).toBe(true);
    expect(has('thank you 😊', 'emoji:happy')).toBe(true);
    expect(has('thank you 😊', 'emoji:angry')).toBe(false);
    expect(has('thank you', 'emoji:happy')).toBe(false);
  });

  it('one shouted word in a lower-case message, not a shouted message or an order code', () => {
    expect(has('absolutely SUPERB that my parcel went to Glasgow', 'caps-word')).toBe(true);
    expect(has('WHERE IS MY ORDER', 'caps-word')).toBe(false);
    expect(has('my order NW-1042 is late', 'caps-word')).toBe(false);
  });

  it('stretched words and scare quotes', () => {
    expect(has('sooo glad', 'stretched')).toBe(true);
    expect(has('see www.example.com', 'stretched')).toBe(false);
    expect(has('hhhhhhhhhhhh', 'stretched')).toBe(false);
    expect(has("paid extra for 'next day' delivery", 'scare-quotes')).toBe(true);
    expect(has("it's been 5 days, don't you think", 'scare-quotes')).toBe(false);
  });

  it('rhetorical questions, weariness and leaving', () => {
    expect(has('do you even read these?', 'rhetorical?')).toBe(true);
    expect(has('I even read the manual', 'rhetorical?')).toBe(false);
    expect(has('late as usual', 'weary')).toBe(true);
    expect(has('when will it arrive', 'weary')).toBe(false);
    expect(has("I'll take my business elsewhere", 'leaving')).toBe(true);
    expect(has('well done, thanks', 'leaving')).toBe(false);
  });

  it('lists what the training script treats specially', () => {
    expect(NEGATIVE_ONLY_CUES).toContain('praise+fact');
    expect(NEGATIVE_STOP_WORDS).toContain('and');
    expect(NEGATIVE_STOP_WORDS).not.toContain('not');
    expect(featuresOf(analyzeText('and so on'))).toContain(wordFeature('and'));
  });
});

describe('round six politeness frames in the sentiment score', () => {
  it('an apology or a self-deprecating question is not anger', () => {
    expect(sentimentOf("I'm terribly sorry to bother you, what payment methods do you have").score).toBeGreaterThan(-0.05);
    expect(sentimentOf('sorry for the dumb question, how do i track my order').score).toBeGreaterThan(-0.3);
  });

  it('the rest of an apologetic message still counts', () => {
    expect(sentimentOf('sorry but this is terrible').score).toBeLessThan(-0.5);
    expect(sentimentOf("I'm so sorry to say this is the worst service ever").score).toBeLessThan(-0.5);
    expect(sentimentOf('this is a stupid system').score).toBeLessThan(-0.3);
  });
});
