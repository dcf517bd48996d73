// Session 10, the shipped support flow (flows/customer-support.json) end to end, as a customer meets it:
// - newcomer s9 #28: an order number the customer already gave (a return, a tracking question) is offered for the
//   cancellation ("Is it order NW-104233 you'd like to cancel?") instead of asked for again; a number in the cancel
//   request itself is taken at once (6db1d50), a new one typed at the offer wins.
// - newcomer s9 #9: "can I change my delivery address?" was answered with the shipping prices (the main menu's
//   synonym "delivery" took any sentence with the word); everyday shop questions a team gets, written for this test.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { validateFlow } from '../../../shared/flow/validateFlow';
import { playConversation } from '../../../shared/simulator/playConversation';

const flow = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const now = Date.parse('2026-12-01T10:00:00Z');
/** What the bot said after the customer's message `from` (0-based among the customer's turns). */
function botAfter(turns: string[], from = turns.length - 1): string {
  const t = playConversation(flow, 's10', turns, now).transcript;
  let seen = -1;
  const out: string[] = [];
  for (const x of t) {
    if (x.from === 'customer') seen++;
    else if (x.from === 'bot' && seen >= from) out.push(x.text);
  }
  return out.join('\n');
}
const returned = ['I want to return order NW-104233', 'Wrong size or fit', 'Yes'];

describe('cancelling an order the customer already named (newcomer s9 #28)', () => {
  it('offers the order given for the return instead of asking for it', () => {
    const said = botAfter([...returned, 'can I cancel that order instead?']);
    // Session 13 (hostile s13 #7): the confirmation names the order and offers to keep it.
    expect(said).toMatch(/Just to check: shall I cancel order NW-104233\?/);
    expect(said).not.toMatch(/Which order would you like to cancel/);
  });
  it('"yes" cancels that order', () => {
    expect(botAfter([...returned, 'cancel my order', 'yes', 'dana@example.com'])).toMatch(/stop order NW-104233/);
  });
  it('a new number typed at the offer is the one cancelled', () => {
    const said = botAfter([...returned, 'cancel my order', 'NW-555555', 'yes', 'dana@example.com']);
    expect(said).toMatch(/stop order NW-555555/);
    expect(said).not.toMatch(/stop order NW-104233/);
  });
  it('"Another order" asks which one', () => {
    const said = botAfter([...returned, 'cancel my order', 'Another order', 'NW-777777', 'yes', 'dana@example.com'], returned.length + 1);
    expect(said).toMatch(/Which order would you like to cancel\?/);
    expect(said).toMatch(/stop order NW-777777/);
  });
  it('a number in the cancel request is taken at once, even when another was given before', () => {
    // Session 13 (hostile s13 #7): not asked which order, but confirmed before anything is cancelled.
    const said = botAfter([...returned, 'please cancel order NW-222222', 'yes', 'dana@example.com'], returned.length);
    expect(said).not.toMatch(/Which order/);
    expect(said).toMatch(/shall I cancel order NW-222222\?/);
    expect(said).toMatch(/stop order NW-222222/);
  });
  it.each(['please cancel order NW-104233', 'I want to cancel NW-104233', 'how do I cancel my order NW-104233?'])('first message "%s" is not asked for the order', (m) => {
    const said = botAfter(['Something else', m, 'yes'], 1);
    expect(said).not.toMatch(/Which order/);
    expect(said).toMatch(/shall I cancel order NW-104233\?/);
    expect(said).toMatch(/What email address should we reply to\?/);
  });
  it('with no order number known, the bot asks', () => {
    expect(botAfter(['Something else', 'cancel my order'])).toMatch(/Which order would you like to cancel\?/);
  });
});

describe('everyday shop questions (newcomer s9 #9 and similar)', () => {
  // The main menu's synonym "delivery" took any sentence with the word to the shipping prices; the menu now names
  // shipping questions only, and other sentences go on to the router.
  it.each([
    ['can I change my delivery address?', /Which order should go to a new address\?/],
    ['how do I update the address for delivery?', /Which order should go to a new address\?/],
    ["is my delivery on its way? it's been a week", /What's your order number\?/],
    ['how much is delivery to Ireland?', /We ship to the EU/],
    ['shipping costs', /UK standard delivery/],
    ['how do I use my gift card?', /Gift cards can be used at checkout/],
  ])('"%s" gets its answer', (m, expected) => {
    const said = botAfter([m], 0);
    expect(said).toMatch(expected);
    expect(said).not.toMatch(/Sorry, I didn't get that/);
  });
  it('the address change is not answered with shipping prices', () => {
    expect(botAfter(['can I change my delivery address?'], 0)).not.toMatch(/£3\.95/);
  });
  it('the flow is valid with no problems on the new blocks', () => {
    const r = validateFlow(flow);
    const ids = ['cancel_has_number', 'cancel_known', 'confirm_cancel_order'];
    expect(r.problems.filter((p) => ids.includes(p.blockId ?? ''))).toEqual([]);
  });
});
