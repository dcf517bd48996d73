/**
 * Session 34 (hostile s33 #5): "bye, kim@x.org" at the ticket's email question (out of hours) took the address and asked
 * "What should our team help you with?" of a customer who had said goodbye: nobody answered, no ticket was made. An
 * address with a goodbye opens the ticket at once with what is known; an address alone, or with thanks, goes on to the
 * issue question as before.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';

const SATURDAY_AFTERNOON = Date.parse('2026-03-07T13:30:00Z');
const load = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const ISSUE_Q = 'What should our team help you with?';

describe('an email address given with a goodbye at the ticket question', () => {
  it.each(['bye, kim@x.org', 'kim@x.org thanks bye', 'Kim@X.org - ok bye!'])('%j opens the ticket now', (text) => {
    const c = converse(load(), { now: SATURDAY_AFTERNOON });
    c.say('I want to talk to a person');
    c.say(text);
    const tickets = c.effects('create_ticket') as Array<{ contact: { email: string | null } }>;
    expect(tickets).toHaveLength(1);
    expect(tickets[0].contact.email?.toLowerCase()).toBe('kim@x.org');
    expect(c.botTexts()).not.toContain(ISSUE_Q);
  });

  it('the issue told before is the ticket\'s issue', () => {
    const c = converse(load(), { now: SATURDAY_AFTERNOON });
    c.say('my parcel is late and I want to talk to a person');
    c.say('bye, kim@x.org');
    const tickets = c.effects('create_ticket') as Array<{ issue: string }>;
    expect(tickets).toHaveLength(1);
    expect(tickets[0].issue).toMatch(/parcel is late/);
  });

  it.each(['kim@x.org', 'thanks, kim@x.org'])('%j goes on to the issue question', (text) => {
    const c = converse(load(), { now: SATURDAY_AFTERNOON });
    c.say('I want to talk to a person');
    c.say(text);
    expect(c.lastBotText()).toBe(ISSUE_Q);
    expect(c.effects('create_ticket')).toHaveLength(0);
  });
});
