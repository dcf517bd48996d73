/**
 * The support template's order changes (session 13):
 * - hostile s13 #7 (HIGH): "Don't cancel order NW-104233 please" cancelled the order with no confirmation (the number
 *   in the message skipped the confirm block). Every cancel is now confirmed first: "Just to check: shall I cancel order
 *   NW-104233?" [Yes, cancel it] [Another order] [No, keep it].
 * - newcomer s13 #15 (HIGH) / hostile s13 #8: "yes", "no" or "actually I want to cancel it instead" was taken as the new
 *   delivery address and nothing was read back. The address question is a Postal address question now (a number and
 *   words: asked again otherwise) and the address is read back before the email question.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { validateAnswer } from '../../../shared/engine/questionValidators';
import { converse } from '../engine/harness';

const template = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const MONDAY_10_LONDON = Date.parse('2026-12-07T10:00:00Z');
const EMAIL_Q = 'What email address should we reply to?';

describe('template: a cancel is always confirmed (hostile s13 #7)', () => {
  for (const said of ["Don't cancel order NW-104233 please", 'Please do not cancel my order NW-104233, I still want it.', 'do NOT cancel NW-104233!!!']) {
    // Session 18 (fixengine, hostile s17 H#12): a negated request is no request: not even offered as a cancellation.
    it(`"${said}": cancels nothing and does not offer to cancel`, () => {
      const c = converse(template(), { now: MONDAY_10_LONDON });
      c.say(said);
      expect(c.botTexts().join('\n')).not.toMatch(/stop order|shall I cancel/);
      expect(c.effects('create_ticket')).toEqual([]);
      // Session 19 (fixengine, brief item 4): acknowledged, no longer the fallback (review revcore s18 #17).
      expect(c.botTexts().join('\n')).toMatch(/I won't cancel anything: order NW-104233 stays as it is/);
      expect(c.botTexts()).not.toContain("Sorry, I didn't get that.");
    });
  }

  it('a real cancel: confirmed, then what happens, then the email', () => {
    const c = converse(template(), { now: MONDAY_10_LONDON });
    c.say('please cancel order NW-555123');
    expect(c.lastBotText()).toBe('Just to check: shall I cancel order NW-555123?');
    c.say('yes please');
    expect(c.botTexts().slice(-2)).toEqual(["I'll ask the warehouse to stop order NW-555123, and we'll confirm by email.", EMAIL_Q]);
  });

  it('the order number asked for is confirmed too; "Another order" asks for it again', () => {
    const c = converse(template(), { now: MONDAY_10_LONDON });
    c.say('I want to cancel my order');
    expect(c.lastBotText()).toBe('Which order would you like to cancel? (e.g. NW-104233)');
    c.say('NW-222333');
    expect(c.lastBotText()).toBe('Just to check: shall I cancel order NW-222333?');
    c.click('Another order');
    expect(c.lastBotText()).toBe('Which order would you like to cancel? (e.g. NW-104233)');
  });
});

describe('template: the new address is checked and read back (newcomer s13 #15, hostile s13 #8)', () => {
  const start = () => {
    const c = converse(template(), { now: MONDAY_10_LONDON });
    c.say('I need to change the delivery address on order NW-104233');
    expect(c.lastBotText()).toMatch(/^What is the new delivery address\?/);
    return c;
  };

  it('"yes", "no" and a change of mind are not an address: asked again', () => {
    for (const said of ['yes', 'no', 'actually I want to cancel it instead']) {
      const c = start();
      c.say(said);
      expect(c.lastBotText(), said).toBe('I need the house number, street and postcode for the new address (e.g. 12 High Street, Leeds LS1 4AB). What is the new address?');
      expect(c.variables().newAddress, said).toBeUndefined();
    }
  });

  it('the address is read back before the email; "Change it" asks again', () => {
    const c = start();
    c.say('12 High Street, Leeds LS1 4AB');
    expect(c.lastBotText()).toBe('So order NW-104233 should go to: 12 High Street, Leeds LS1 4AB. Is that right?');
    c.click('Change it');
    expect(c.lastBotText()).toMatch(/^What is the new delivery address\?/);
    c.say('14 Rosewood Lane, York YO1 7HH');
    c.say('yes');
    expect(c.lastBotText()).toBe(EMAIL_Q);
    c.say('kim@example.com');
    expect(c.botTexts().join('\n')).toMatch(/we'll send it to 14 Rosewood Lane, York YO1 7HH\./);
  });

  it('the Postal address answer type on its own', () => {
    const ok = (t: string) => validateAnswer('address', t, 0).ok;
    for (const t of ['12 High Street, Leeds LS1 4AB', '221B Baker Street London', 'Flat 3, 7 Rue de la Paix, 75002 Paris', '1600 Amphitheatre Pkwy, Mountain View CA 94043']) expect(ok(t), t).toBe(true);
    for (const t of ['yes', 'no', 'ok', 'actually I want to cancel it instead', 'order NW-104233', '12', 'High Street', 'x'.repeat(301) + ' 1']) expect(ok(t), t.slice(0, 30)).toBe(false);
  });
});
