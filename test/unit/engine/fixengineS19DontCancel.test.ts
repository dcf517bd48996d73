/**
 * Session 19 (fixengine, brief item 4): a first message that only asks the bot NOT to do something ("Don't cancel order
 * NW-104233 please") got "Sorry, I didn't get that." and the list of what the bot can do. Now it is acknowledged: nothing
 * is cancelled, the order stays as it is, and the bot asks what else it can do; a message that goes on to ask something
 * else is read as that request.
 */
import { describe, expect, it } from 'vitest';
import { first } from '../nlu/supportRouter';

const said = (line: string) => {
  const c = first(line);
  return { c, text: c.botTexts().join(' | ') };
};

describe('a request not to do something is acknowledged', () => {
  it.each([
    ["Don't cancel order NW-104233 please", /I won't cancel anything: order NW-104233 stays as it is/],
    ['please do not cancel my order NW-104233', /I won't cancel anything: order NW-104233 stays as it is/],
    ["I don't want to cancel my order", /I won't cancel anything: your order stays as it is/],
    ["don't cancel it", /I won't cancel anything: nothing has been changed/],
  ])('"%s"', (line, answer) => {
    const { c, text } = said(line);
    expect(text).toMatch(answer);
    expect(text).not.toMatch(/didn't get that/);
    expect(text).not.toMatch(/shall I cancel/);
    // Still at the menu: the next request is read.
    c.say('where is my order NW-104233?');
    expect(c.botTexts().slice(-3).join(' ')).not.toMatch(/didn't get that/);
  });

  it('a request after the refusal is that request; a plain cancel is still confirmed', () => {
    expect(said("don't cancel it, just change the address").text).toMatch(/new address/);
    expect(said('cancel NW-230918').text).toMatch(/shall I cancel order NW-230918/);
  });
});
