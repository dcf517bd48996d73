/**
 * Newcomer s13 #15 rest / s14 N#4, N#5; hostile s14 H#9, H#15 (addresses): the address written in the change-address
 * request is taken (read back, not asked again); the address question's retry says what is needed; a correction, a
 * refusal, an email or control characters are not stored as the address; "P.O. Box 42" and a CJK address are addresses.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { addressIn, validateAnswer } from '../../../shared/engine/questionValidators';

const template = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const MONDAY_10_LONDON = Date.parse('2026-12-07T10:00:00Z');
const ADDRESS_QUESTION = 'What is the new delivery address? Please include the house number and postcode (e.g. 12 High Street, Leeds LS1 4AB).';
const ADDRESS_RETRY = 'I need the house number, street and postcode for the new address (e.g. 12 High Street, Leeds LS1 4AB). What is the new address?';
const address = (t: string) => validateAnswer('address', t, MONDAY_10_LONDON);

describe('addresses', () => {
  it('the address inside a message: found after to / is / at, without trailing thanks; nothing else is one', () => {
    expect(addressIn('change address for order NW-104233 to 5 Park Lane, Bristol BS1 5TR please')).toBe('5 Park Lane, Bristol BS1 5TR');
    expect(addressIn('I moved, new address is 7b Elm Road, York YO1 7HH. thanks')).toBe('7b Elm Road, York YO1 7HH');
    expect(addressIn('send order NW-100000 to flat 3, 22 Queen St, Bath')).toBe('flat 3, 22 Queen St, Bath');
    for (const t of ['I need to change my delivery address', 'change address for order 104233', 'my address is wrong on order NW-104233', 'I have 2 orders to change'])
      expect(addressIn(t), t).toBeNull();
  });

  it('N#4: the address given in the request is read back, not asked for again', () => {
    const c = converse(template(), { now: MONDAY_10_LONDON });
    c.say('change address for order NW-104233 to 5 Park Lane, Bristol BS1 5TR please');
    expect(c.botTexts()).not.toContain(ADDRESS_QUESTION);
    expect(c.lastBotText()).toBe('So order NW-104233 should go to: 5 Park Lane, Bristol BS1 5TR. Is that right?');
    // Without an address in the request, it is asked; N#5: the retry says what is needed.
    const d = converse(template(), { now: MONDAY_10_LONDON });
    d.say('I need to change my delivery address for NW-104233');
    expect(d.lastBotText()).toBe(ADDRESS_QUESTION);
    d.say('my office');
    expect(d.lastBotText()).toBe(ADDRESS_RETRY);
  });

  it('H#9: corrections, refusals, an email and control characters are not stored as the address', () => {
    for (const t of ['no wait, it was order 104234', "Don't send it to 12 High Street, cancel it", 'order no. 104234 please']) expect(address(t).ok, t).toBe(false);
    expect(address('my email is ana@example.com and I live at 5 Elm Road')).toEqual({ ok: true, value: '5 Elm Road' });
    expect(address('my email is ana@example.com')).toEqual({ ok: false });
    expect(address('12 High\u001b[31m Street,\u0000 Leeds\u0007 LS1 4AB')).toEqual({ ok: true, value: '12 High Street, Leeds LS1 4AB' });
    const c = converse(template(), { now: MONDAY_10_LONDON });
    c.say('I need to change my delivery address for NW-104233');
    c.say('no wait, it was order 104234');
    expect(c.variables().newAddress).toBeUndefined();
    expect(c.lastBotText()).toBe(ADDRESS_RETRY);
  });

  it('H#15: P.O. boxes and CJK addresses are addresses; an ordinary one still is', () => {
    expect(address('P.O. Box 42').ok).toBe(true);
    expect(address('東京都千代田区1-1').ok).toBe(true);
    expect(address('12 High Street, Leeds LS1 4AB')).toEqual({ ok: true, value: '12 High Street, Leeds LS1 4AB' });
    expect(address('yes').ok).toBe(false);
  });
});
