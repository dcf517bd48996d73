/**
 * Session 37 (hostile s35, left by session 36): "not now" (and "not right now", "maybe later", "later", "not at the
 * moment") at the takeover's email question got "That doesn't look like an email address": it puts the email off as
 * "no" does (the customer still gets the person they asked for).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../../shared/flow/schema';
import type { AgentPresence } from '../../../shared/handoff/types';
import { takeoverPrompts, takeoverTexts } from '../../../shared/engine/humanTakeover';
import { ticketPrompts } from '../../../shared/engine/ticketBlock';
import { declinesEmail } from '../../../shared/engine/questionValidators';
import { converse } from './harness';

const MON = Date.UTC(2026, 2, 9, 11, 30);
const SAT = Date.UTC(2026, 2, 7, 13, 30);
const agent = (id: string, name: string, teams: string[] = []): AgentPresence => ({ id, name, status: 'online', skills: [], languages: ['en'], teams, activeChats: 0, lastAssignedAt: null });
const flow = (name: string): Flow => JSON.parse(readFileSync(`flows/${name}.json`, 'utf8')) as Flow;

/** At the takeover's email question `t` goes on without an email and the customer is handed over. */
function skippedAndHandedOver(t: string): void {
  const c = converse(flow('customer-support'), { now: MON, agents: [agent('ana', 'Ana')] });
  c.say('I want to talk to a person');
  expect(c.lastBotText()).toBe(takeoverPrompts.email);
  c.say(t);
  expect(c.botTexts()).toContain(takeoverTexts.emailSkipped);
  expect(c.botTexts()).not.toContain(takeoverTexts.emailRetry);
  expect(c.effects('handoff_request')).toHaveLength(1);
}

describe('"not now" at the takeover\'s email question', () => {
  for (const t of ['not now', 'not right now', 'maybe later', 'later', 'not at the moment', 'Not now, sorry.', 'no, not yet', 'later please']) {
    it(`"${t}": the email is put off, the customer handed over`, () => {
      skippedAndHandedOver(t);
    });
  }
  it('"not now, my email is x@y.com": the address is taken', () => {
    const c = converse(flow('customer-support'), { now: MON, agents: [agent('ana', 'Ana')] });
    c.say('I want to talk to a person');
    c.say('not now, my email is x@y.com');
    expect(c.variables().customerEmail).toBe('x@y.com');
    expect(c.effects('handoff_request')).toHaveLength(1);
  });
  // Session 39 (newcomer s39 N2): 'I need someone now' left this list: a request for a person at the email question now
  // leaves the email out and hands over (personAtEmailS39).
  for (const t of ['later today', 'now', 'not now that I think of it, ana at x']) {
    it(`"${t}": no refusal (asked again)`, () => {
      const c = converse(flow('customer-support'), { now: MON, agents: [agent('ana', 'Ana')] });
      c.say('I want to talk to a person');
      c.say(t);
      expect(c.lastBotText()).toBe(takeoverTexts.emailRetry);
      expect(c.effects('handoff_request')).toHaveLength(0);
    });
  }
  it('at the out-of-hours ticket\'s email question "not now" goes on without an email too', () => {
    const c = converse(flow('customer-support'), { now: SAT });
    c.say('I want to talk to a person');
    expect(c.lastBotText()).toBe(ticketPrompts.email);
    c.say('not now');
    expect(c.botTexts()).toContain(ticketPrompts.noEmailNoted);
  });
  it('declinesEmail: the put-offs, and what is no put-off', () => {
    for (const t of ['not now', 'not right now', 'maybe later', 'later', 'later on', 'not at the moment', 'nah not today', 'some other time', 'no, not yet thanks']) expect(declinesEmail(t), t).toBe(true);
    for (const t of ['later today', 'now', 'not now, x@y.com', 'later I will check', 'not now please connect me', 'right now']) expect(declinesEmail(t), t).toBe(false);
  });

  // Session 37's hostile mini-pass (#1, high): "no email" with a request for a person, typed AT the email question, was
  // read as a bad address (as the first message it already worked).
  for (const t of ['no email, just get me a person', 'no email just a person']) {
    it(`"${t}" at the email question: no email, handed over`, () => {
      skippedAndHandedOver(t);
    });
  }
});

