/**
 * Newcomer s14 N#3 (HIGH): whatever the customer typed at the template's "Which order ...?" questions became the order
 * number ("Just to check: shall I cancel order I don't know the number?", the orders API called with "I don't have it",
 * a return label for order "I don't remember it"). A question that takes an order number (fromEntity order_id, answer
 * type text) now asks again when the answer has no digit at all, then takes its fallback.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse, makeFlow } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';

const template = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const MONDAY_10_LONDON = Date.parse('2026-12-07T10:00:00Z');

describe('an order question does not take a sentence as the order number (newcomer s14 N#3)', () => {
  it('cancel: "the blue one" is asked again; nothing without a number is ever read back or stored', () => {
    const c = converse(template(), { now: MONDAY_10_LONDON });
    c.say('cancel my order');
    expect(c.lastBotText()).toBe('Which order would you like to cancel? (e.g. NW-104233)');
    // (Session 17, newcomer s16 N#1: "I don't know the number" takes the block's fallback at once: fixengineS17Questions.)
    c.say('the blue one');
    expect(c.lastBotText()).toBe('Order numbers look like NW-104233. Which order would you like to cancel?');
    c.say('never mind');
    expect(c.variables().orderNumber).toBeUndefined();
    expect(c.botTexts().join('\n')).not.toMatch(/cancel order (?!NW-104233)[^?]*\?/);
    expect(c.botTexts().join('\n')).not.toContain('never mind');
  });

  it('the address change: "forget it" is not the order to re-address', () => {
    const c = converse(template(), { now: MONDAY_10_LONDON });
    c.say('I need to change my delivery address');
    expect(c.lastBotText()).toBe('Which order should go to a new address? (e.g. NW-104233)');
    c.say('forget it');
    expect(c.variables().orderNumber).toBeUndefined();
    // Session 24 (hostile s14 #15 rest): "forget it" gives the question up: back to the menu, not asked again.
    expect(c.botTexts().slice(-2)).toEqual(["No problem, let's leave that.", "What's your question? A few words are enough."]);
  });

  it('track and return: no API call or label with a sentence; a real number still works', () => {
    const c = converse(template(), { now: MONDAY_10_LONDON });
    c.click('Track my order');
    c.say('the blue lamp');
    expect(c.effects('http_request')).toHaveLength(0);
    expect(c.lastBotText()).toBe('Order numbers look like NW-104233. Could you check your confirmation email and try again?');
    c.say('NW-104233');
    expect(c.effects('http_request')).toHaveLength(1);
    expect(c.variables().orderNumber).toBe('NW-104233');

    const r = converse(template(), { now: MONDAY_10_LONDON });
    r.click('Returns');
    r.say('the one from Tuesday');
    expect(r.lastBotText()).toBe('Order numbers look like NW-104233. Which order is the return for?');
    r.say('104233');
    // Session 34 (hostile s34 P1): the digits of the retry message's example ("look like NW-104233") get its letters.
    expect(r.variables().orderNumber).toBe('NW-104233');
    expect(r.lastBotText()).toBe('Why are you sending it back?');
  });

  it('a question without an order kind still takes any text', () => {
    const flow = makeFlow(
      [
        { id: 'q', kind: 'question', data: { text: 'What colour?', variable: 'colour' } },
        { id: 'e', kind: 'end', data: { text: 'Noted: {{colour}}' } },
      ],
      [['q', 'next', 'e']],
    );
    const c = converse(flow);
    c.say('I do not know, blue maybe');
    expect(c.lastBotText()).toBe('Noted: I do not know, blue maybe');
  });
});
