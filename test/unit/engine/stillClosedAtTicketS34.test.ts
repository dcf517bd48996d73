/**
 * Session 34 (hostile s33 #1): out of hours, a request for a person repeated at the ticket's email question (inside the
 * no-agent follow-up, noAgentFollowUp.ts) was answered "I'm sorry, no one from our team is free right now", which reads
 * as "busy, try again in a minute" when the team is closed until Monday. Now it says the takeover's still-closed line
 * with when the team is back and asks for the email again; when the takeover found nobody in hours (everyone signed
 * out), the busy line stays.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { ticketPrompts } from '../../../shared/engine/ticketBlock';

const SATURDAY_AFTERNOON = Date.parse('2026-03-07T13:30:00Z'); // Northwind: Mon-Fri 8am-8pm, Sat 9am-1pm, Europe/London
const FRIDAY_LATE = Date.parse('2026-03-06T21:30:00Z');
const TUESDAY_NOON = Date.parse('2026-03-10T12:00:00Z');
const PARAGRAPH = /Our team is offline right now \(we're here Mon-Fri/;
const load = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;

describe('a request for a person at the ticket questions while the team is closed', () => {
  it('says when the team is back, not "no one is free right now"', () => {
    const c = converse(load(), { now: SATURDAY_AFTERNOON });
    c.say('I want to talk to a person');
    expect(c.botTexts().filter((t) => PARAGRAPH.test(t))).toHaveLength(1);
    c.say('I want a human');
    expect(c.lastBotText()).toBe(`Our team is still offline, so I can't put you through yet: they're back on Monday at 8am. ${ticketPrompts.emailWhileClosed}`);
    c.say('agent please');
    // Session 41 (hostile s40 L7): asked again at once, an apology, not the same line word for word.
    expect(c.lastBotText()).toBe(
      `I'm sorry, I know you'd rather talk to someone now, but nobody can join until our team is back on Monday at 8am. ${ticketPrompts.emailWhileClosed}`,
    );
    expect(c.botTexts().join('\n')).not.toContain(ticketPrompts.nobodyFree);
    expect(c.botTexts().filter((t) => PARAGRAPH.test(t))).toHaveLength(1);
    c.say('kim@example.com');
    expect(c.variables().customerEmail).toBe('kim@example.com');
    expect(c.lastBotText()).toBe('What should our team help you with?');
  });

  it('names the day the team is back from the clock: late Friday says Saturday 9am (tomorrow)', () => {
    const c = converse(load(), { now: FRIDAY_LATE });
    c.say('I want to talk to a person');
    c.say('can I speak to a real person');
    expect(c.lastBotText()).toMatch(/^Our team is still offline, so I can't put you through yet: they're back tomorrow at 9am\. /);
  });

  it('in hours with nobody signed in, the busy line stays (the team is not closed)', () => {
    const c = converse(load(), { now: TUESDAY_NOON, agents: [] });
    c.say('I want to talk to a person');
    c.say('I want a human');
    expect(c.lastBotText()).toBe(ticketPrompts.nobodyFree);
  });
});
