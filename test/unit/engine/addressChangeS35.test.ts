/**
 * Session 35 (newcomer s32 #7): an email-change request given at the email question was taken silently, and in one
 * wording the wrong address was kept: "my email was old@mail.com but please change it to new@mail.com" stored
 * old@mail.com ("my email" before it; nothing before the new one). Now "email was" / "change it from" set an address
 * aside and "change it to" picks one, and an answer that changes or picks an address says which one is used ("Thanks,
 * I'll use new@mail.com."), at the ticket's and the takeover's email questions. A plain address is not said back.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { emailAnswer } from '../../../shared/engine/questionValidators';
import { addressTaken, picksAnAddress } from '../../../shared/engine/emailNonAnswers';
import { ticketPrompts } from '../../../shared/engine/ticketBlock';

const SATURDAY_AFTERNOON = Date.parse('2026-03-07T13:30:00Z');
const MONDAY_MORNING = Date.parse('2026-03-09T11:30:00Z');
const load = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;

const CHANGES: [string, string][] = [
  ['my email was old@mail.com but please change it to new@mail.com', 'new@mail.com'],
  ['actually use my work one: x@y.com', 'x@y.com'],
  ['not ana@old.com, ana@new.com', 'ana@new.com'],
  ['please change it from old@mail.com to new@mail.com', 'new@mail.com'],
];

describe('an address changed at the email question', () => {
  it.each(CHANGES)('emailAnswer(%j) is %s', (t, value) => expect(emailAnswer(t)).toEqual({ ok: true, value }));
  it.each(['ana@example.com', 'my email is ana@example.com', 'ana@example.com thanks'])('%j picks nothing', (t) => expect(picksAnAddress(t)).toBe(false));

  it.each(CHANGES)('the ticket (out of hours): %j is said back, then the issue question', (t, value) => {
    const c = converse(load(), { now: SATURDAY_AFTERNOON });
    c.say('I want to talk to a person');
    c.say(t);
    expect(c.variables().customerEmail).toBe(value);
    expect(c.botTexts().slice(-2)).toEqual([addressTaken(value), ticketPrompts.issue]);
  });

  it.each(CHANGES)('the takeover (in hours): %j is said back before the handover', (t, value) => {
    const c = converse(load(), { now: MONDAY_MORNING });
    c.say('I want to talk to a person');
    c.say(t);
    expect(c.variables().customerEmail).toBe(value);
    expect(c.botTexts()).toContain(addressTaken(value));
    const req = c.effects('handoff_request');
    expect(req).toHaveLength(1);
    expect(req[0].context.summary).toContain(value);
  });

  it('a plain address is not said back', () => {
    const c = converse(load(), { now: SATURDAY_AFTERNOON });
    c.say('I want to talk to a person');
    c.say('ana@example.com');
    expect(c.lastBotText()).toBe(ticketPrompts.issue);
    expect(c.botTexts().some((x) => x.startsWith("Thanks, I'll use"))).toBe(false);
  });
});
