/**
 * Session 20 (fixengine, brief item 4; hostile s19 #21): a correction given with the yes or no at the address read-back
 * keeps the rest of the address: "yes, flat 2" adds the flat (it was dropped: the yes was taken), "yes, except it is 14
 * High Street" replaces the street (town and postcode were lost), "yes but the postcode is LS2 5CD" the postcode, "no,
 * the house number is 14" the number; "no, <whole address>" is that address (it asked for the address again).
 * The corrected address is read back again before anything is done. Negatives: a bare yes passes the address on as
 * it was, a bare no asks for the address, a yes with words that hold no address part is a yes.
 */
import { describe, expect, it } from 'vitest';
import { first } from '../nlu/supportRouter';

const readBack = (line: string) => {
  const c = first('send NW-230918 to 12 High Street, Leeds LS1 4AB');
  expect(c.lastBotText()).toBe('So order NW-230918 should go to: 12 High Street, Leeds LS1 4AB. Is that right?');
  c.say(line);
  return c;
};

describe('a correction at the address read-back', () => {
  it.each([
    ['yes, flat 2', 'Flat 2, 12 High Street, Leeds LS1 4AB'],
    ['yes, except it is 14 High Street', '14 High Street, Leeds LS1 4AB'],
    ['yes but the postcode is LS2 5CD', '12 High Street, Leeds LS2 5CD'],
    ['no, the house number is 14', '14 High Street, Leeds LS1 4AB'],
    ['no, 14 High Street, Leeds LS1 4AB', '14 High Street, Leeds LS1 4AB'],
    ['no, 5 Park Lane, Bristol BS1 5TR', '5 Park Lane, Bristol BS1 5TR'],
    ['yes, apartment 3b please', 'Apartment 3b, 12 High Street, Leeds LS1 4AB'],
  ])('"%s" -> read back as %s', (line, address) => {
    const c = readBack(line);
    expect(c.lastBotText()).toBe(`So order NW-230918 should go to: ${address}. Is that right?`);
    c.say('yes');
    expect(c.botTexts().join(' | ')).toMatch(/pass the new address to our delivery team/);
    expect(c.variables().newAddress).toBe(address);
  });

  it('negatives: a bare yes, a bare no, a yes with no address part', () => {
    const yes = readBack('yes');
    expect(yes.variables().newAddress).toBe('12 High Street, Leeds LS1 4AB');
    expect(yes.botTexts().join(' | ')).toMatch(/pass the new address/);
    expect(readBack('no').lastBotText()).toMatch(/^What is the new delivery address\?/);
    const thanks = readBack("yes that's right, thanks");
    expect(thanks.botTexts().join(' | ')).toMatch(/pass the new address/);
    expect(thanks.variables().newAddress).toBe('12 High Street, Leeds LS1 4AB');
  });
});
