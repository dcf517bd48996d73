// Session 29 (loops, issue 11): the shop topic of an asking (sameRequest/shopConcepts.ts) and the pair features that read
// it: two askings of one request in words they do not share ("can I have it gift wrapped" / "could you pack it as a
// present") are on one shop topic; two questions on different topics are not. Sentences are made up for the tests.
import { describe, expect, it } from 'vitest';
import { SHOP_CONCEPT_CLASSES, shopConceptClasses, shopConceptNames } from '../../../shared/escalation/sameRequest/shopConcepts';
import { DENSE, DENSE_FEATURES, namesDifferentValue, pairFeatures } from '../../../shared/escalation/sameRequest/features';
import { SAME_REQUEST_WEIGHTS } from '../../../shared/escalation/sameRequest/weights';
import { facts } from './facts';

const norm = (t: string) => facts(t).analysis.normalized;
const topics = (t: string) => shopConceptNames(shopConceptClasses(norm(t)));
const sameTopicNoWord = DENSE_FEATURES.indexOf('same shop topic, no shared subject word');

describe('shopConceptClasses', () => {
  it('names the shop topic of a question from its words, plurals included', () => {
    expect(topics('can I have it gift wrapped')).toContain('gift');
    expect(topics('could you pack it as a present')).toContain('gift');
    expect(topics('do the table legs come off')).toContain('parts');
    expect(topics('how many inches wide is the mirror')).toContain('dimensions');
    expect(topics('do these boots run tight')).toContain('fit');
    expect(topics('can I pay with cash when it arrives')).toContain('payWay');
  });
  it('names none for a message without shop words', () => {
    expect(shopConceptClasses(norm('hello there'))).toBe(0);
    expect(shopConceptClasses('')).toBe(0);
  });
  it('fits the classes in one bit set', () => {
    expect(Object.keys(SHOP_CONCEPT_CLASSES).length).toBeLessThanOrEqual(32);
  });
});

describe('the pair features of one shop topic', () => {
  it('one topic in other words: same topic, no shared subject word', () => {
    const f = pairFeatures(norm('Gift wrap possible?'), norm('can you pack it in a nice box with ribbon'), 1, true);
    expect(f.length).toBe(DENSE);
    expect(f[sameTopicNoWord]).toBe(1);
  });
  it('two topics: not the feature', () => {
    const f = pairFeatures(norm('can I have it gift wrapped'), norm('do you take paypal'), 1, true);
    expect(f[sameTopicNoWord]).toBe(0);
  });
  it('a shared subject word: not the "no shared word" feature', () => {
    const f = pairFeatures(norm('is gift wrap free'), norm('how much is the gift wrap'), 1, true);
    expect(f[sameTopicNoWord]).toBe(0);
  });
  it('the model has a weight for every feature', () => {
    expect(SAME_REQUEST_WEIGHTS.length).toBe(DENSE);
  });
});

describe('two values of one shop topic', () => {
  it('different ways of paying, languages or letter sizes are different values', () => {
    expect(namesDifferentValue(norm('can I pay with PayPal'), norm('can I pay by bank transfer'))).toBe(true);
    expect(namesDifferentValue(norm('is the site in Spanish'), norm('can I read it in German'))).toBe(true);
  });
  it('the same value, or a value on one side only, is not', () => {
    expect(namesDifferentValue(norm('can I pay with PayPal'), norm('is paypal accepted at checkout'))).toBe(false);
    expect(namesDifferentValue(norm('how do I pay'), norm('can I pay by bank transfer'))).toBe(false);
  });
});
