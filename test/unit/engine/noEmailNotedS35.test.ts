/**
 * Session 35 (hostile s33 #5, second half): "rather not" at the ticket's email question (out of hours) went straight on
 * to "What should our team help you with?", with no word that the team cannot reply by email. Now the customer is told
 * first; a ticket that opens at once and whose text promises an email reply says it in its own words (noEmail), once.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { ticketPrompts } from '../../../shared/engine/ticketBlock';

const SATURDAY_AFTERNOON = Date.parse('2026-03-07T13:30:00Z');
const load = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;

describe('no email at the ticket', () => {
  it.each(['rather not', "I'd rather not", "I don't have an email", "I'm not sure"])('%j: told no email reply can come, then the issue question', (t) => {
    const c = converse(load(), { now: SATURDAY_AFTERNOON });
    c.say('I want to talk to a person');
    c.say(t);
    expect(c.botTexts().slice(-2)).toEqual([ticketPrompts.noEmailNoted, ticketPrompts.issue]);
    c.say('my parcel is late');
    expect(c.effects('create_ticket')).toHaveLength(1);
    expect(c.effects('create_ticket')[0].contact.email).toBeNull();
  });

  it('a phone number instead: not told (the team has a way to reply)', () => {
    const c = converse(load(), { now: SATURDAY_AFTERNOON });
    c.say('I want to talk to a person');
    c.say('call me on 07700 900123');
    expect(c.botTexts()).not.toContain(ticketPrompts.noEmailNoted);
  });

  it('the cancellation ticket (no issue question, promised "we\'ll confirm by email"): told before its closing words', () => {
    const c = converse(load(), { now: SATURDAY_AFTERNOON });
    c.say('cancel NW-104233');
    c.say('yes');
    c.say('rather not');
    expect(c.effects('create_ticket')).toHaveLength(1);
    expect(c.botTexts().slice(-3, -1)).toEqual([ticketPrompts.noEmailNoted, expect.stringMatching(/^We've asked the warehouse to stop order NW-104233/)]);
  });

  it('a ticket that opens at once and promises an email reply says it once, in its own closing words', () => {
    const c = converse(load(), { now: SATURDAY_AFTERNOON });
    c.say('I want to talk to a person');
    c.say('my parcel is late');
    expect(c.lastBotText()).toBe(ticketPrompts.emailAfterIssue);
    c.say('rather not');
    expect(c.effects('create_ticket')).toHaveLength(1);
    expect(c.botTexts()).not.toContain(ticketPrompts.noEmailNoted);
    expect(c.botTexts().filter((x) => /can't reply by email/.test(x))).toHaveLength(1);
  });
});
