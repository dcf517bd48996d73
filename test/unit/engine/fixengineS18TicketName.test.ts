/**
 * Session 18 (fixengine), newcomer s16 N#3: "Kim Lee" at the ticket's email question (nobody online) got "That doesn't
 * look like an email address" and the name was lost. Now it is kept and the email asked again; "not kim@old.com" and
 * "I'm not sure" there (N#8, hostile s17 H#8 rest) are answered as at the takeover's email question.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { ticketPrompts } from '../../../shared/engine/ticketBlock';
import { notThatEmail } from '../../../shared/engine/emailNonAnswers';

const template = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const NOW = Date.parse('2026-12-02T11:00:00Z');
const atTicketEmail = () => {
  const c = converse(template(), { now: NOW, agents: [] });
  c.say('I want to talk to a human');
  expect(c.lastBotText()).toBe(ticketPrompts.email);
  return c;
};

describe("the ticket's email question", () => {
  it('"Kim Lee" is kept as the name and the email asked again', () => {
    const c = atTicketEmail();
    c.say('Kim Lee');
    expect(c.variables().customerName).toBe('Kim Lee');
    expect(c.lastBotText()).toBe(`Thanks, Kim Lee. ${ticketPrompts.email}`);
    c.say('kim@example.com');
    expect(c.variables().customerEmail).toBe('kim@example.com');
  });
  it('"not kim@old.com" -> "OK, not that one"', () => {
    const c = atTicketEmail();
    c.say('not kim@old.com');
    expect(c.lastBotText()).toBe(notThatEmail);
  });
  it('"I\'m not sure" goes on to the issue question at once', () => {
    const c = atTicketEmail();
    c.say("I'm not sure");
    expect(c.lastBotText()).toBe(ticketPrompts.issue);
  });
  it('a sentence is no name: still "That doesn\'t look like an email address"', () => {
    const c = atTicketEmail();
    c.say('my email is broken at the moment');
    expect(c.lastBotText()).toBe(ticketPrompts.emailRetry);
    expect(c.variables().customerName).toBeUndefined();
  });
});
