/**
 * Session 17 (fixnlu, hostile s17 H#14): "your postcode" / "your address" is the shop's, not the customer's: the matcher
 * reads it as "shop address". "what is your postcode?" started an address change (change_address 0.71, "Which order
 * should go to a new address?").
 */
import { describe, expect, it } from 'vitest';
import { template, MONDAY_10_LONDON, router, matcher, understood } from './supportRouter';
import { converse } from '../engine/harness';


describe("the shop's postcode is no address change", () => {
  it.each([['what is your postcode?'], ['what is your address'], ["what's your postcode"]])('%j is not change_address', (text) => {
    expect(understood(text)).not.toBe('change_address');
    const c = converse(template(), { now: MONDAY_10_LONDON });
    c.say(text);
    expect(c.botTexts().join('\n')).not.toContain('new address');
  });

  it("the customer's own address still is", () => {
    for (const t of ['I need to change my delivery address', 'wrong address on my order', 'edit the address on my order', 'can you update your records with my new address']) {
      expect(understood(t), t).toBe('change_address');
    }
  });
});
