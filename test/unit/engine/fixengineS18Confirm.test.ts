/**
 * Session 18 (fixengine), newcomer s17 N#17: at the address read-back ("So order NW-10234 should go to: ... Is that
 * right? [Yes, that's right | Change it]") and the cancel confirmation, any other question was taken as "Change it" /
 * "Another order" (the block's fallback leads where that choice leads): the customer was asked for a new address, and
 * every later question refused as one. Now a question the flow answers with messages alone is answered and the
 * confirmation asked again (kept pending); a request that starts something else goes there; a question the flow does
 * not understand asks the confirmation again; "no" / "change it" / a request that leads back here are read as before.
 */
import { describe, expect, it } from 'vitest';
import { first } from '../nlu/supportRouter';

const READBACK = 'So order NW-10234 should go to: 5 Elm Street, Leeds LS1 4AB. Is that right?';
const NEW_ADDRESS = /^What is the new delivery address\?/;
const CANCEL_CONFIRM = 'Just to check: shall I cancel order NW-10234?';

function atReadBack() {
  const c = first('Hi, I moved house. Please send order NW-10234 to 5 Elm Street, Leeds LS1 4AB');
  expect(c.lastBotText()).toBe(READBACK);
  return c;
}
function atCancelConfirmation() {
  const c = first('I want to cancel my order');
  c.say('NW-10234');
  expect(c.lastBotText()).toBe(CANCEL_CONFIRM);
  return c;
}
const saidSince = (c: ReturnType<typeof first>, n: number) => c.botTexts().slice(n);

describe('a question answered on the side keeps the confirmation pending', () => {
  it.each([
    ['Shipping costs to Canada?', /ship to the EU, the US and Canada/],
    ['what are your opening hours?', /Monday to Friday 8am-8pm/],
  ])('at the address read-back, "%s" is answered and the read-back asked again, buttons and all', (line, answer) => {
    const c = atReadBack();
    const n = c.botTexts().length;
    c.say(line);
    const said = saidSince(c, n);
    expect(said.some((t) => answer.test(t))).toBe(true);
    expect(said.some((t) => NEW_ADDRESS.test(t))).toBe(false);
    expect(c.lastBotText()).toBe(READBACK);
    expect(c.lastButtons().map((b) => b.label)).toEqual(["Yes, that's right", 'Change it']);
    // Still pending: the customer can now confirm.
    c.click("Yes, that's right");
    expect(c.botTexts().slice(-3).join(' ')).toMatch(/pass the new address/);
  });

  it('at the cancel confirmation, a shipping question is answered and the confirmation asked again (no "Which order?")', () => {
    const c = atCancelConfirmation();
    const n = c.botTexts().length;
    c.say('Shipping costs to Canada?');
    const said = saidSince(c, n);
    expect(said.some((t) => /Canada/.test(t))).toBe(true);
    expect(said.some((t) => /Which order would you like to cancel/.test(t))).toBe(false);
    expect(c.lastBotText()).toBe(CANCEL_CONFIRM);
  });

  it('at the new-address question, a question about opening hours is answered and the address asked again', () => {
    const c = first('Hi, I moved house. Please send order NW-10234');
    expect(c.lastBotText()).toMatch(NEW_ADDRESS);
    c.say('what are your opening hours?');
    expect(c.botTexts().slice(-2)[0]).toMatch(/Monday to Friday/);
    expect(c.lastBotText()).toMatch(NEW_ADDRESS);
    expect(c.lastBotText()).not.toMatch(/^I need the house number/);
  });

  it('at the order-number question, "never mind, how much is shipping to Canada?" is answered and the question kept', () => {
    const c = first('where is my order');
    c.say('never mind, how much is shipping to Canada?');
    expect(c.botTexts().slice(-2)[0]).toMatch(/Canada/);
    expect(c.lastBotText()).toMatch(/^What's your order number\?/);
  });
});

describe('a request that starts something else goes there', () => {
  it('"actually, where is my other order NW-55555?" at the read-back looks NW-55555 up (no new-address question)', () => {
    const c = atReadBack();
    const n = c.botTexts().length;
    c.say('actually, where is my other order NW-55555?');
    expect(saidSince(c, n).some((t) => NEW_ADDRESS.test(t))).toBe(false);
    expect(c.variables().orderNumber).toBe('NW-55555');
    expect(c.effects('http_request').length).toBeGreaterThan(0);
  });
});

describe('answers about the confirmation itself are read as before (negative cases)', () => {
  it.each(['no', 'Change it', "that's wrong"])('"%s" at the read-back asks for the new address', (line) => {
    const c = atReadBack();
    c.say(line);
    expect(c.lastBotText()).toMatch(NEW_ADDRESS);
  });
  it('"yes" at the read-back confirms', () => {
    const c = atReadBack();
    c.say('yes');
    expect(c.botTexts().join(' ')).toMatch(/pass the new address/);
  });
  it('"where is my parcel??" at the order-number question (tracking leads back here) is asked again as before', () => {
    const c = first('where is my order');
    c.say('where is my parcel??');
    expect(c.lastBotText()).toMatch(/^Order numbers look like NW-104233/);
  });
  it('a question the flow understands nowhere is not taken as "Change it": the read-back is asked again', () => {
    const c = atReadBack();
    c.say('what is the capital of Peru?');
    expect(c.lastBotText()).toBe(`Sorry, I can't help with that here. ${READBACK}`);
    expect(c.botTexts().some((t) => NEW_ADDRESS.test(t))).toBe(false);
  });
});
