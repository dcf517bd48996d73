/**
 * Session 41 (lead): hostile s40 L1 (thanks after a withdrawal were answered "Sure. What's your question?") and L7 (out of
 * hours, the same still-closed line word for word to a customer asking again, angrier).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse, makeFlow } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { ticketPrompts } from '../../../shared/engine/ticketBlock';

const support = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const MONDAY_OPEN = Date.parse('2026-03-09T11:30:00Z');
const SATURDAY_CLOSED = Date.parse('2026-03-07T13:30:00Z');

describe('thanks after a withdrawn request for a person (hostile s40 L1)', () => {
  it('"thanks" gets "You\'re welcome." and the question, no handoff', () => {
    const c = converse(support(), { now: MONDAY_OPEN });
    c.say('I want a human');
    c.say('never mind, I sorted it');
    expect(c.lastBotText()).not.toMatch(/^You're welcome/);
    c.say('thanks');
    // Session 43 (hostq, hostile s43 L1, changed on purpose): back at the main menu, thanks get the menu again with its
    // buttons (was the router's "What's your question?" without them).
    expect(c.lastBotText()).toBe("You're welcome. What can I help you with? Pick an option or just type your question.");
    c.say('where is my order');
    expect(c.lastBotText()).toMatch(/order number/);
  });

  it('"ok" alone is still "Sure." (not thanks)', () => {
    const c = converse(support(), { now: MONDAY_OPEN });
    c.say('I want a human');
    c.say('never mind, I sorted it');
    c.say('ok');
    expect(c.lastBotText()).toBe("Sure. What's your question? A few words are enough.");
  });
});

describe('asking for a person again and again out of hours (hostile s40 L7)', () => {
  const APOLOGY = "I'm sorry, I know you'd rather talk to someone now, but nobody can join until our team is back on Monday at 8am.";

  it('the second still-closed line in a row is an apology, not the same words', () => {
    const c = converse(support(), { now: SATURDAY_CLOSED });
    c.say('talk to a human');
    c.say('can I just talk to someone');
    const first = c.lastBotText();
    expect(first).toMatch(/^Our team is still offline, so I can't put you through yet: they're back on Monday at 8am\./);
    c.say('I SAID I want a PERSON, this is ridiculous');
    expect(c.lastBotText()).toBe(`${APOLOGY} ${ticketPrompts.emailWhileClosed}`);
    expect(c.effects('handoff_request')).toHaveLength(0);
    c.say('kim@example.com');
    expect(c.variables().customerEmail).toBe('kim@example.com');
  });

  it('not in a row (something else between): the plain still-closed line again', () => {
    const c = converse(support(), { now: SATURDAY_CLOSED });
    c.say('talk to a human');
    c.say('where is my order');
    c.say('can I talk to someone');
    expect(c.lastBotText()).toMatch(/^Our team is still offline, so I can't put you through yet/);
    expect(c.botTexts().join('\n')).not.toContain("I'm sorry, I know you'd rather");
  });
});

describe('a reference given in the message that is handed to a person (hostile s40 L6)', () => {
  const travel = () => loadFlowText(readFileSync(new URL('../../../flows/travel-urgency.json', import.meta.url), 'utf8')).flow!;

  it('Skyline Air: "at the gate ..., K7XQ2P" at the booking question hands over as urgent and keeps bookingRef', () => {
    const c = converse(travel(), { now: MONDAY_OPEN });
    c.say('I am at the gate and my flight leaves in 10 minutes, K7XQ2P');
    expect(c.effects('handoff_request')).toHaveLength(1);
    expect(c.variables().bookingRef).toBe('K7XQ2P');
  });

  it('Northwind: "it is NW-104233 and I want a person now" at the order question keeps orderNumber', () => {
    const c = converse(support(), { now: MONDAY_OPEN });
    c.say('where is my order');
    c.say('it is NW-104233 and I want a person now');
    expect(c.effects('handoff_request').length + (c.state.waiting?.kind === 'takeover_question' ? 1 : 0)).toBeGreaterThan(0);
    expect(c.variables().orderNumber).toBe('NW-104233');
  });

  it('no reference in the message: nothing is stored', () => {
    const c = converse(travel(), { now: MONDAY_OPEN });
    c.say('I am at the gate and my flight leaves in 10 minutes');
    expect(c.effects('handoff_request')).toHaveLength(1);
    expect(c.variables().bookingRef).toBeUndefined();
    expect(c.state.keptAnswer).toBeUndefined();
  });
});

describe('the kept reference is taken when its question is entered again (hostile s40 L6)', () => {
  const flow = () =>
    makeFlow(
      [
        { id: 'q', kind: 'question', data: { text: "What's your order number? (e.g. NW-104233)", inputType: 'text', fromEntity: 'order_id', variable: 'orderNumber' } },
        { id: 'done', kind: 'end', data: { text: 'Looking up {{orderNumber}}.' } },
        { id: 'ht', kind: 'human_takeover' },
      ],
      [['q', 'next', 'done'], ['ht', 'no_agent', 'q']],
      { escalation: { targetBlockId: 'ht' } },
    );

  it('nobody joins after the customer wrote again: back at the question, NW-104233 is taken without asking', () => {
    const c = converse(flow());
    c.say('it is NW-104233, I want a human');
    expect(c.effects('handoff_request')).toHaveLength(1);
    expect(c.variables().orderNumber).toBe('NW-104233');
    c.say('hello? anyone there?');
    c.noAgent();
    expect(c.lastBotText()).toBe('Looking up NW-104233.');
    expect(c.state.keptAnswer).toBeUndefined();
  });

  it('without a reference the question is asked again', () => {
    const c = converse(flow(), { agents: [] });
    c.say('I want a human');
    expect(c.lastBotText()).toMatch(/order number/);
    expect(c.variables().orderNumber).toBeUndefined();
  });
});

describe("the agent's summary says where the customer was (newcomer s40 N9)", () => {
  const summaryOf = (c: ReturnType<typeof converse>): string => {
    const req = c.effects('handoff_request')[0];
    if (!req || req.type !== 'handoff_request') throw new Error('no handoff');
    return req.context.summary;
  };

  it('Track my order, then a request for a person at the order question: the choice and the question are named', () => {
    const c = converse(support(), { now: MONDAY_OPEN });
    c.say('Track my order');
    c.say('hang on, can I just talk to a real person please');
    if (c.state.waiting?.kind === 'takeover_question') c.say('sam@example.com');
    expect(summaryOf(c)).toContain('Was at: chose "Track my order", then was asked "What\'s your order number?');
  });

  it('a typed request then a request for a person: the question only', () => {
    const c = converse(support(), { now: MONDAY_OPEN });
    c.say('where is my order');
    c.say('can I talk to a person');
    if (c.state.waiting?.kind === 'takeover_question') c.say('sam@example.com');
    const summary = summaryOf(c);
    expect(summary).toContain('Was at: was asked "What\'s your order number?');
    expect(summary).not.toContain('chose');
  });

  it('a first message: nothing was under way, no "Was at"', () => {
    const c = converse(support(), { now: MONDAY_OPEN });
    c.say('I want to talk to a person');
    if (c.state.waiting?.kind === 'takeover_question') c.say('sam@example.com');
    expect(summaryOf(c)).not.toContain('Was at:');
  });
});
