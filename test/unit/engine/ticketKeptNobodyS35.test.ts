/**
 * Session 35 (hostile s34 #4, HIGH): out of hours, a request for a person at the cancellation ticket's email question
 * entered the closed takeover, which left by its No agent exit to the generic follow-up ticket: "ticket opened for
 * ana@example.com: cancel it like I said" (normal priority, no order number); the cancellation ticket was never opened.
 * Now the takeover says it is closed (and when it is back, the second time) and the cancellation ticket goes on.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { ticketPrompts } from '../../../shared/engine/ticketBlock';
import type { AgentPresence } from '../../../shared/handoff/types';

const SATURDAY_AFTERNOON = Date.parse('2026-03-07T13:30:00Z'); // Northwind: closed (Sat 9am-1pm)
const MONDAY_MORNING = Date.parse('2026-03-09T11:30:00Z'); // open
const PARAGRAPH = /^Our team is offline right now \(we're here Mon-Fri/;
const load = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;

function atCancelEmail(now: number, agents?: AgentPresence[]) {
  const c = converse(load(), { now, ...(agents ? { agents } : {}) });
  c.say('cancel NW-104233');
  c.say('yes');
  expect(c.lastBotText()).toBe(ticketPrompts.email);
  return c;
}

describe('a request for a person at the cancellation ticket, out of hours', () => {
  it('keeps the cancellation ticket: offline paragraph, the email question again, then the high-priority cancellation', () => {
    const c = atCancelEmail(SATURDAY_AFTERNOON);
    c.say('can I talk to a person');
    const texts = c.botTexts();
    expect(texts[texts.length - 2]).toMatch(PARAGRAPH);
    expect(c.lastBotText()).toBe(ticketPrompts.email);
    expect(c.state.waiting).toMatchObject({ kind: 'ticket_question', blockId: 'cancel_ticket', field: 'email' });
    c.say('ana@example.com');
    const tickets = c.effects('create_ticket');
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toMatchObject({ priority: 'high', contact: { email: 'ana@example.com' } });
    expect(tickets[0].issue).toContain('NW-104233');
    expect(c.lastBotText()).toBe('Anything else I can help with?');
    expect(c.botTexts().join('\n')).toContain('We\'ve asked the warehouse to stop order NW-104233');
  });

  it('asked again: the still-closed line with when the team is back, not the paragraph again', () => {
    const c = atCancelEmail(SATURDAY_AFTERNOON);
    c.say('can I talk to a person');
    c.say('I want a human');
    const texts = c.botTexts();
    expect(texts[texts.length - 2]).toBe("Our team is still offline, so I can't put you through yet: they're back on Monday at 8am.");
    expect(c.lastBotText()).toBe(ticketPrompts.emailWhileClosed);
    expect(texts.filter((t) => PARAGRAPH.test(t))).toHaveLength(1);
    c.say('ana@example.com');
    expect(c.effects('create_ticket')).toHaveLength(1);
    expect(c.effects('create_ticket')[0].priority).toBe('high');
  });

  it('an address beside the request is taken at once: the cancellation ticket opens', () => {
    const c = atCancelEmail(SATURDAY_AFTERNOON);
    c.say('I want a person, ana@example.com');
    expect(c.variables().customerEmail).toBe('ana@example.com');
    const tickets = c.effects('create_ticket');
    expect(tickets).toHaveLength(1);
    expect(tickets[0].priority).toBe('high');
    expect(tickets[0].issue).toContain('NW-104233');
  });

  it('in hours with nobody signed in: the no-agent line, and the cancellation ticket goes on', () => {
    const c = atCancelEmail(MONDAY_MORNING, []);
    c.say('can I talk to a person');
    const texts = c.botTexts();
    expect(texts[texts.length - 2]).toBe('Sorry, no one from our team is available right now.');
    expect(c.lastBotText()).toBe(ticketPrompts.email);
    c.say('ana@example.com');
    expect(c.effects('create_ticket')).toHaveLength(1);
    expect(c.effects('create_ticket')[0].priority).toBe('high');
    expect(c.effects('handoff_request')).toHaveLength(0);
  });

  it('in hours with someone online: handed over as before', () => {
    const c = atCancelEmail(MONDAY_MORNING, [{ id: 'a1', name: 'Ana', status: 'online', skills: [], languages: [], teams: [], activeChats: 0, lastAssignedAt: null }]);
    c.say('can I talk to a person');
    expect(c.state.waiting?.kind).not.toBe('ticket_question');
    expect(c.effects('create_ticket')).toHaveLength(0);
  });
});

describe('a request for a person at the return ticket (asks the issue), out of hours', () => {
  it('the return ticket keeps its issue question', () => {
    const c = converse(load(), { now: SATURDAY_AFTERNOON });
    c.say('2');
    c.say('NW-104233');
    c.click('other_reason');
    expect(c.lastBotText()).toBe(ticketPrompts.email);
    c.say('ana@example.com');
    expect(c.lastBotText()).toBe(ticketPrompts.issue);
    c.say('get me a person');
    expect(c.botTexts().slice(-2)[0]).toMatch(PARAGRAPH);
    expect(c.lastBotText()).toBe(ticketPrompts.issue);
    c.say('the colour is not what the photo showed');
    const tickets = c.effects('create_ticket');
    expect(tickets).toHaveLength(1);
    expect(tickets[0].issue).toBe('the colour is not what the photo showed');
    expect(c.lastBotText()).toBe('Anything else I can help with?');
  });
});
