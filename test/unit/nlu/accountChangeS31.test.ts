/**
 * Session 31 (brief answers item 4, newcomer s28 N8 rest): "I need to update the email on my account" (no "address")
 * started a delivery-address change: "update" is "change", and the message read as the template's "I need to change my
 * delivery address" (0.61). A change whose object is an account detail (email, password, username, login, phone,
 * account) is no address change.
 */
import { describe, expect, it } from 'vitest';
import { template, MONDAY_10_LONDON, understood } from './supportRouter';
import { converse } from '../engine/harness';
import { createIntentMatcher } from '../../../shared/nlu/createIntentMatcher';

describe('a change of an account detail is no address change', () => {
  it.each([
    'I need to update the email on my account',
    'change my password',
    'can I edit my username?',
    'how do I update my phone number',
    'please update my account',
    'I want to change my login email',
  ])('%j is not change_address', (text) => {
    expect(understood(text)).not.toBe('change_address');
    const c = converse(template(), { now: MONDAY_10_LONDON });
    c.say('Something else');
    c.say(text);
    expect(c.botTexts().join('\n')).not.toContain('new address');
  });

  it.each([
    'I need to change my delivery address',
    'can I update the shipping address',
    'change my address',
    'change the address on my account',
    'update the billing address',
    'please change my home address',
  ])('%j is still change_address', (text) => {
    expect(understood(text)).toBe('change_address');
  });

  it('a flow whose intent changes an account detail still matches it in other words', () => {
    const m = createIntentMatcher([
      { id: 'account', name: 'account', examples: ['change my email', 'update my password', 'edit my username'] },
      { id: 'address', name: 'address', examples: ['change my delivery address', 'update the shipping address'] },
    ]);
    expect(m.match('I need to update the email on my account').intentName).toBe('account');
    expect(m.match('can I change my password please').intentName).toBe('account');
    expect(m.match('I need to update my delivery address').intentName).toBe('address');
  });
});
