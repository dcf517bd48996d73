/**
 * Session 22 (lead): a question the customer calls general or hypothetical ("just in general", "asking for the future",
 * "hypothetically") is not their own case even when it says "my" inside a condition ("if my order came damaged", "if i
 * delete my account"). Blind writer w36's odd half had two such messages handed over as sensitive topics. A "my" outside
 * the condition is still the customer's case.
 */
import { describe, expect, it } from 'vitest';
import { reasonOf } from './support/supportFlowPlay';

describe('a question said to be general, with "my" only inside its condition, is not the customer\'s case', () => {
  it.each([
    'how do u handle data if i delete my account, just in general',
    'how do i report a problem if my order came damaged? asking for the future',
  ])('%j stays with the bot', (text) => {
    expect(reasonOf(text)).toBeNull();
  });
  it.each([
    'my parcel arrived damaged yesterday, just wondering how I report it',
    'someone used my card on your site, just wondering what I should do',
  ])('%j is still the customer\'s own case', (text) => {
    expect(reasonOf(text)).toBe('sensitive_topic');
  });
});

describe('"as a complaint" after the thing being filed is what to file it as, not the customer\'s job (blind writer w36)', () => {
  it.each([
    'pls log this as a complaint: the driver swore at me when i asked him to bring it inside',
    'please treat it as a complaint, the courier threw my parcel over the gate',
  ])('%j is a sensitive topic', (text) => {
    expect(reasonOf(text)).toBe('sensitive_topic');
  });
  it.each([
    'As a retired solicitor I like to read the small print: where are your terms of sale?',
    'I work as a complaints handler myself, so where do I find your returns address?',
  ])('%j is still the customer\'s job, not a case', (text) => {
    expect(reasonOf(text)).toBeNull();
  });
});
