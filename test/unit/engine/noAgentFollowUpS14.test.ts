/**
 * Newcomer s14 N#7 (HIGH): out of hours, a reply at the template's "What email address should we reply to?" (the ticket
 * after the takeover's no_agent exit) that also asks for a person was an explicit request: the takeover entered again,
 * closed again, the same paragraph and question again, endlessly; the email dropped, no ticket. While the conversation
 * waits in the no_agent / timeout follow-up of the escalation target, the policy does not hand over to it again.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';

const template = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const MONDAY_0415_UTC = Date.parse('2026-12-07T04:15:00Z');
const MONDAY_10_LONDON = Date.parse('2026-12-07T10:00:00Z');
const OFFLINE = "Our team is offline right now (we're here Mon-Fri 8am-8pm and Sat 9am-1pm, UK time). Leave your details and we'll get back to you first thing.";
const EMAIL_Q = 'What email address should we reply to?';

describe('out of hours: the details question is not sent back into the closed takeover (newcomer s14 N#7)', () => {
  it('"call me ..., my email is kim@example.com" gives the email to the ticket; the paragraph is said once', () => {
    const c = converse(template(), { now: MONDAY_0415_UTC });
    c.say('I want to talk to a human');
    expect(c.botTexts().slice(-2)).toEqual([OFFLINE, EMAIL_Q]);
    c.say('call me on 07700 900123 instead, my email is kim@example.com');
    expect(c.variables().customerEmail).toBe('kim@example.com');
    expect(c.botTexts().filter((t) => t === OFFLINE)).toHaveLength(1);
    expect(c.lastBotText()).toBe('What should our team help you with?');
    c.say('my parcel never came');
    const tickets = c.effects('create_ticket');
    expect(tickets).toHaveLength(1);
    expect(JSON.stringify(tickets[0])).toContain('kim@example.com');
  });

  it('"I want a human" there is not the same paragraph again (session 16, newcomer s15 N#14: nor an email-format error)', () => {
    const c = converse(template(), { now: MONDAY_0415_UTC });
    c.say('I want to talk to a human');
    c.say('I want a human');
    expect(c.botTexts().filter((t) => t === OFFLINE)).toHaveLength(1);
    // Session 34 (hostile s33 #1): out of hours it says the team is still offline and when it is back (not "no one is
    // free right now", which reads as busy).
    expect(c.lastBotText()).toMatch(/^Our team is still offline, so I can't put you through yet: they're back today at 8am\. Leave your email address/);
  });

  it('in hours, the same request still hands over', () => {
    const c = converse(template(), { now: MONDAY_10_LONDON });
    c.say('I want to talk to a human');
    expect(c.botTexts()).not.toContain(OFFLINE);
    expect(c.lastBotText()).toBe('What is your email address, in case we get disconnected?');
  });
});
