/**
 * Session 35 (hostile s34 #16): out of hours, a request for a person at the follow-up ticket's issue question ("What
 * should our team help you with?") got the issue retry ("Please tell us in a few words ..."), where the email question
 * says the still-closed line (session 34). Now the issue question says it too, with when the team is back; no retry is
 * counted and the request is not the issue. In hours with nobody signed in the retry stays (the team is not closed).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { ticketPrompts } from '../../../shared/engine/ticketBlock';

const SATURDAY_AFTERNOON = Date.parse('2026-03-07T13:30:00Z');
const TUESDAY_NOON = Date.parse('2026-03-10T12:00:00Z');
const STILL_CLOSED = "Our team is still offline, so I can't put you through yet: they're back on Monday at 8am.";
const load = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;

describe('a request for a person at the ticket issue question while the team is closed', () => {
  it.each(['just get me a person', 'I want a human', 'agent please'])('%j gets the still-closed line and the issue question', (t) => {
    const c = converse(load(), { now: SATURDAY_AFTERNOON });
    c.say('I want to talk to a person');
    c.say('ana@example.com');
    expect(c.lastBotText()).toBe(ticketPrompts.issue);
    c.say(t);
    expect(c.lastBotText()).toBe(`${STILL_CLOSED} ${ticketPrompts.issueWhileClosed}`);
    expect(c.botTexts()).not.toContain(ticketPrompts.issueRetry);
    expect(c.effects('create_ticket')).toHaveLength(0);
    c.say('my parcel is late');
    const tickets = c.effects('create_ticket');
    expect(tickets).toHaveLength(1);
    expect(tickets[0].issue).toBe('my parcel is late');
  });

  it('an issue that also asks for a person is the issue', () => {
    const c = converse(load(), { now: SATURDAY_AFTERNOON });
    c.say('I want to talk to a person');
    c.say('ana@example.com');
    c.say('my parcel never came, I want a person to sort it');
    expect(c.effects('create_ticket')).toHaveLength(1);
    expect(c.effects('create_ticket')[0].issue).toBe('my parcel never came, I want a person to sort it');
  });

  it('in hours with nobody signed in, the issue retry stays', () => {
    const c = converse(load(), { now: TUESDAY_NOON, agents: [] });
    c.say('I want to talk to a person');
    c.say('ana@example.com');
    c.say('I want a human');
    expect(c.lastBotText()).toBe(ticketPrompts.issueRetry);
  });
});
