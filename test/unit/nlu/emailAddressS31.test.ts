/**
 * Session 31 (newcomer s28 N8, first half): "how do I change my email address on my account?" started a delivery-address
 * change ("Which order should go to a new address?"). An email, web or IP address is no place to deliver to.
 */
import { describe, expect, it } from 'vitest';
import { template, MONDAY_10_LONDON, understood } from './supportRouter';
import { converse } from '../engine/harness';

describe('an email address is no delivery address', () => {
  it.each([
    ['how do I change my email address on my account?'],
    ['update my email address please'],
    ['change my e-mail address'],
    ['wrong email address on my account'],
    ['my IP address is blocked'],
  ])('%j is not change_address', (text) => {
    expect(understood(text)).not.toBe('change_address');
    const c = converse(template(), { now: MONDAY_10_LONDON });
    c.say(text);
    expect(c.botTexts().join('\n')).not.toContain('new address');
  });

  it('a postal address still is, whatever word comes before it', () => {
    for (const t of ['I need to change my delivery address', 'I need to change my address', 'change my home address please', 'my shipping address is wrong', 'can it go to my work address instead']) {
      expect(understood(t), t).toBe('change_address');
    }
    const c = converse(template(), { now: MONDAY_10_LONDON });
    c.say('please change my delivery address');
    expect(c.botTexts().join('\n')).toContain('new address');
  });
});
