/**
 * Hostile s15 H#18: at the read-back of a new address, "yes, except the house number is 14" or "yes apart from the
 * postcode, ..." is a correction, not a confirmation: the wrong address is not kept as confirmed. A plain yes still
 * confirms. (answeringWord: an exception after a yes opens a contrary clause, like "but".)
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';

const template = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const MONDAY_10_LONDON = Date.parse('2026-12-07T10:00:00Z');
const ADDRESS_QUESTION = 'What is the new delivery address? Please include the house number and postcode (e.g. 12 High Street, Leeds LS1 4AB).';
const READ_BACK = 'So order NW-104233 should go to: 5 Park Lane, Bristol BS1 5TR. Is that right?';

function atReadBack() {
  const c = converse(template(), { now: MONDAY_10_LONDON });
  c.say('change address for order NW-104233 to 5 Park Lane, Bristol BS1 5TR please');
  expect(c.lastBotText()).toBe(READ_BACK);
  return c;
}

describe('an exception after a yes at the address read-back (hostile s15 H#18)', () => {
  // Session 20 (hostile s19 #21): a correction that gives the part is read into the address and read back again
  // (addressCorrection.ts); one that gives no part asks for the address again. Never confirmed as it was.
  for (const [answer, next] of [
    ['yes, except the house number is 14', 'So order NW-104233 should go to: 14 Park Lane, Bristol BS1 5TR. Is that right?'],
    ['yes apart from the postcode, BS1 5TT', 'So order NW-104233 should go to: 5 Park Lane, Bristol BS1 5TT. Is that right?'],
    ['yes other than the street name', ADDRESS_QUESTION],
  ]) {
    it(`"${answer}" does not confirm the address read back`, () => {
      const c = atReadBack();
      const before = c.botTexts().length;
      c.say(answer);
      const after = c.botTexts().slice(before).join(' | ');
      // Not confirmed (before the fix: "What email address should we reply to?").
      expect(after).toBe(next);
    });
  }
  it('a plain "yes, that\'s right" still confirms', () => {
    const c = atReadBack();
    const before = c.botTexts().length;
    c.say("yes, that's right");
    const after = c.botTexts().slice(before).join(' | ');
    // Newcomer s17 N#5: the template says why an email is asked before asking it.
    expect(after).toBe("Thanks! I'll pass the new address to our delivery team so they can re-route the parcel. | What email address should we reply to?");
  });
});
