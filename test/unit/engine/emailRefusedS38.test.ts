/**
 * Session 38 (hostile s37 #1, #2): at an email question the email declined or put off together with a request for a
 * person ("I don't have one, just a human please", "not now, I need a person NOW") or a goodbye ("not now thanks, bye")
 * was read as a bad address, and out of hours the ticket then asked the email twice more; lead-gen asked the email after
 * a queue timeout after "no email". A declined email is remembered for the conversation (state.emailDeclined).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../../shared/flow/schema';
import type { AgentPresence } from '../../../shared/handoff/types';
import { takeoverPrompts, takeoverTexts } from '../../../shared/engine/humanTakeover';
import { ticketPrompts } from '../../../shared/engine/ticketBlock';
import { emailRefusedThen } from '../../../shared/engine/backOut';
import { converse } from './harness';

const MON = Date.UTC(2026, 2, 9, 11, 30);
const SAT = Date.UTC(2026, 2, 7, 13, 30);
const agent = (id: string, name: string, teams: string[] = []): AgentPresence => ({ id, name, status: 'online', skills: [], languages: ['en'], teams, activeChats: 0, lastAssignedAt: null });
const flow = (name: string): Flow => JSON.parse(readFileSync(`flows/${name}.json`, 'utf8')) as Flow;
const EMAIL_QUESTIONS = [takeoverPrompts.email, ticketPrompts.email, ticketPrompts.emailRetry, takeoverTexts.emailRetry, ticketPrompts.emailWhileClosed];
const REQUESTS = ["I don't have one, just a human please", 'not now, I need a person NOW', "I haven't got one, get me an agent", "I'd rather not, just connect me", 'no, I want to talk to someone', 'later, I need a person'];

describe('emailRefusedThen (backOut.ts)', () => {
  it('reads the email declined then a request for a person, or a goodbye', () => {
    for (const t of REQUESTS) expect(emailRefusedThen(t), t).toBe('person');
    for (const t of ['not now thanks, bye', 'nah not now, bye', 'no, bye', 'none, thanks, goodbye']) expect(emailRefusedThen(t), t).toBe('goodbye');
  });
  it('reads nothing else', () => {
    for (const t of ['not now', "I don't have one", 'no', 'I need a person', 'no person please', 'no human thanks', 'not now, my parcel is late', 'no, the person said it shipped', 'not now, ana@x.com, get me a person', 'bye']) {
      expect(emailRefusedThen(t), t).toBeNull();
    }
  });
});

describe("the takeover's email question (open)", () => {
  for (const t of REQUESTS) {
    it(`"${t}": no email, handed over`, () => {
      const c = converse(flow('customer-support'), { now: MON, agents: [agent('ana', 'Ana')] });
      c.say('I want to talk to a person');
      expect(c.lastBotText()).toBe(takeoverPrompts.email);
      c.say(t);
      expect(c.botTexts()).toContain(takeoverTexts.emailSkipped);
      expect(c.botTexts()).not.toContain(takeoverTexts.emailRetry);
      expect(c.effects('handoff_request')).toHaveLength(1);
      expect(c.state.emailDeclined).toBe(true);
    });
  }
  it('"not now thanks, bye": as "bye" (the request withdrawn, nobody put through), no bad address', () => {
    const c = converse(flow('customer-support'), { now: MON, agents: [agent('ana', 'Ana')] });
    c.say('I want to talk to a person');
    c.say('not now thanks, bye');
    expect(c.botTexts()).toContain(takeoverTexts.backedOut);
    expect(c.botTexts()).not.toContain(takeoverTexts.emailRetry);
    expect(c.effects('handoff_request')).toHaveLength(0);
  });
});

describe("the out-of-hours ticket's email question", () => {
  for (const t of REQUESTS) {
    it(`"${t}": told the team is closed, the email never asked again, the ticket opened without it`, () => {
      const c = converse(flow('customer-support'), { now: SAT });
      c.say('I want to talk to a person');
      expect(c.lastBotText()).toBe(ticketPrompts.email);
      const before = c.botTexts().length;
      c.say(t);
      const after = c.botTexts().slice(before);
      expect(after.some((x) => x.startsWith('Our team is still offline'))).toBe(true);
      expect(after).toContain(ticketPrompts.noEmailNoted);
      expect(c.lastBotText()).toBe(ticketPrompts.issue);
      c.say('my parcel is late');
      expect(c.botTexts().slice(before).filter((x) => EMAIL_QUESTIONS.some((q) => x.includes(q)))).toEqual([]);
      expect(c.effects('create_ticket')).toHaveLength(1);
      expect(c.effects('create_ticket')[0].contact.email).toBeNull();
      expect(c.effects('handoff_request')).toHaveLength(0);
    });
  }
  for (const t of ['not now thanks, bye', 'no, bye']) {
    it(`"${t}": leaves politely, no ticket, no issue taken`, () => {
      const c = converse(flow('customer-support'), { now: SAT });
      c.say('I want to talk to a person');
      c.say(t);
      expect(c.botTexts()).toContain(ticketPrompts.leftWithoutEmail);
      expect(c.botTexts()).not.toContain(ticketPrompts.emailAfterIssue);
      expect(c.effects('create_ticket')).toHaveLength(0);
    });
  }
});

describe('nobody online (open hours): the ticket\'s email question', () => {
  it('"I don\'t have one, just a human please": told nobody is free, no email asked again', () => {
    const c = converse(flow('customer-support'), { now: MON, agents: [] });
    c.say('I want to talk to a person');
    expect(c.lastBotText()).toBe(ticketPrompts.email);
    const before = c.botTexts().length;
    c.say("I don't have one, just a human please");
    expect(c.botTexts().slice(before)).toEqual([ticketPrompts.nobodyFreeNoEmail, ticketPrompts.noEmailNoted, ticketPrompts.issue]);
  });
});

describe('lead-gen: "no email" is remembered (hostile s37 #2)', () => {
  it('the work-email question takes its fallback at once; after a queue timeout the ticket does not ask the email', () => {
    const c = converse(flow('lead-gen'), { now: MON, agents: [agent('sam', 'Sam', ['sales'])] });
    c.click('51-200');
    c.click('Not yet');
    expect(c.lastBotText()).toContain('work email');
    c.say('no email');
    expect(c.botTexts()).not.toContain("That doesn't look like an email address. Could you check it?");
    expect(c.lastBotText()).toContain('yearly budget');
    c.say('50000');
    c.click('Talk to sales');
    c.say('Kim');
    c.say('we need SSO');
    expect(c.effects('handoff_request')).toHaveLength(1);
    const before = c.botTexts().length;
    c.wait('6m');
    const after = c.botTexts().slice(before);
    expect(after.filter((x) => x.includes('email address should we reply'))).toEqual([]);
    expect(c.effects('create_ticket')).toHaveLength(1);
    expect(c.effects('create_ticket')[0].contact.email).toBeNull();
    expect(after.some((x) => x.startsWith("We don't have an email address for you"))).toBe(true);
  });
});
