/**
 * Session 35 (hostile s34 #5): in hours, "wait, no, I don't want a person" at the takeover's email question got "That
 * doesn't look like an email address" twice and then "No problem, let's continue without it. I'm connecting you ...":
 * a refusal of a person counted as a wrong address, and the customer was put through. Out of hours the same words were
 * stored as the follow-up ticket's issue. Now a refusal of a person withdraws the request, as "cancel that" does; at a
 * ticket the customer did not reach by asking for a person (a cancellation's) it withdraws nothing.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { refusesAPerson } from '../../../shared/engine/backOut';
import { takeoverTexts } from '../../../shared/engine/humanTakeover';
import { ticketPrompts } from '../../../shared/engine/ticketBlock';

const SATURDAY_AFTERNOON = Date.parse('2026-03-07T13:30:00Z');
const MONDAY_MORNING = Date.parse('2026-03-09T11:30:00Z');
const load = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;

describe('refusesAPerson', () => {
  it.each(["no, I don't want a person", "I said I don't want a person", 'i dont want to talk to a human', "I don't need anyone", "don't connect me", 'no agent please', 'no human', 'I do not want an agent'])('%j refuses a person', (t) =>
    expect(refusesAPerson(t)).toBe(true));
  it.each(['I want a person', "I don't want a person, just cancel it", "I don't want a refund", "I don't want it any more", 'kim@example.com, no agent please', 'the person who delivered did not want a signature'])('%j does not', (t) =>
    expect(refusesAPerson(t)).toBe(false));
});

describe('a refusal of a person at the takeover, in hours', () => {
  it('the hostile sequence: the request is withdrawn at the first refusal, nobody is put through', () => {
    const c = converse(load(), { now: MONDAY_MORNING });
    c.say('I want to talk to a person');
    expect(c.lastBotText()).toBe('What is your email address, in case we get disconnected?');
    c.say("wait, no, I don't want a person");
    expect(c.botTexts()).toContain(takeoverTexts.backedOut);
    expect(c.botTexts().join('\n')).not.toMatch(/doesn't look like an email address|connecting you/);
    expect(c.effects('handoff_request')).toHaveLength(0);
    c.say('wait, I said I don\'t want a person');
    expect(c.effects('handoff_request')).toHaveLength(0);
    expect(c.mode()).toBe('bot');
  });
});

describe('a refusal of a person at the ticket, out of hours', () => {
  it.each(["wait, no, I don't want a person", 'no human thanks'])('at the follow-up ticket %j withdraws it: no ticket, nothing stored', (t) => {
    const c = converse(load(), { now: SATURDAY_AFTERNOON });
    c.say('I want to talk to a person');
    c.say(t);
    expect(c.botTexts()).toContain(ticketPrompts.backedOut);
    expect(c.effects('create_ticket')).toHaveLength(0);
    expect(c.variables().handoffReason ?? null).toBeNull();
  });

  it('at its issue question too', () => {
    const c = converse(load(), { now: SATURDAY_AFTERNOON });
    c.say('I want to talk to a person');
    c.say('ana@example.com');
    c.say("wait, no, I don't want a person");
    expect(c.botTexts()).toContain(ticketPrompts.backedOut);
    expect(c.effects('create_ticket')).toHaveLength(0);
  });

  it('at the cancellation ticket it withdraws nothing: the cancellation is still opened', () => {
    const c = converse(load(), { now: SATURDAY_AFTERNOON });
    c.say('cancel NW-104233');
    c.say('yes');
    c.say("no, I don't want a person");
    expect(c.botTexts()).not.toContain(ticketPrompts.backedOut);
    c.say('ana@example.com');
    expect(c.effects('create_ticket')).toHaveLength(1);
    expect(c.effects('create_ticket')[0].priority).toBe('high');
  });
});
