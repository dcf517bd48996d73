/**
 * Newcomer s29 N4: out of hours, words of self-harm at the ticket's issue question ("What should our team help you
 * with?") got the crisis line and were then taken as the ticket's issue: the ticket opened, the flow went on to "Thanks
 * for your patience. Goodbye!" and the chat closed on a customer in crisis. The message is no longer taken: the crisis
 * line, the question again, the chat open; a later plain answer opens the ticket as before.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { takeoverTexts } from '../../../shared/engine/humanTakeover';
import { ticketPrompts } from '../../../shared/engine/ticketBlock';
import { converse } from './harness';

const MONDAY_20 = Date.parse('2026-11-30T20:30:00Z'); // Northwind's team: Mon-Fri 8-20 (Europe/London): out of hours
const northwind = () => loadFlowText(readFileSync('flows/customer-support.json', 'utf8')).flow!;
const GOODBYE = /Goodbye/;

/** The newcomer's steps: a crisis first message, no email, then the issue question. */
function atIssueQuestion() {
  const c = converse(northwind(), { now: MONDAY_20 });
  c.say('I want to kill myself');
  expect(c.state.waiting).toMatchObject({ kind: 'ticket_question', field: 'email' });
  c.say("i don't know");
  expect(c.state.waiting).toMatchObject({ kind: 'ticket_question', field: 'issue' });
  return c;
}

function reply(c: ReturnType<typeof atIssueQuestion>, text: string): string[] {
  const n = c.botTexts().length;
  c.say(text);
  return c.botTexts().slice(n);
}

describe('words of self-harm at the ticket\'s issue question, out of hours (newcomer s29 N4)', () => {
  it('get the crisis line and the question again; no ticket, no goodbye, the chat stays open', () => {
    const c = atIssueQuestion();
    const said = reply(c, "I really can't go on anymore");
    expect(said).toEqual([takeoverTexts.crisisNobodyNow, ticketPrompts.issueAfterCrisis]);
    expect(said.join(' ')).not.toMatch(GOODBYE);
    expect(c.effects().some((e) => e.type === 'create_ticket')).toBe(false);
    expect(c.state.mode).not.toBe('closed');
    expect(c.state.waiting).toMatchObject({ kind: 'ticket_question', field: 'issue' });
    // Again: the same answer.
    expect(reply(c, 'I want to die')).toEqual([takeoverTexts.crisisNobodyNow, ticketPrompts.issueAfterCrisis]);
    expect(c.effects().some((e) => e.type === 'create_ticket')).toBe(false);
  });

  it('a plain issue afterwards opens the ticket as before', () => {
    const c = atIssueQuestion();
    reply(c, "I really can't go on anymore");
    const said = reply(c, 'my order NW-230918 never arrived');
    expect(c.effects().some((e) => e.type === 'create_ticket')).toBe(true);
    expect(said.join(' ')).toMatch(GOODBYE);
  });

  it('a plain issue at once is taken as before (no crisis line)', () => {
    const c = atIssueQuestion();
    const said = reply(c, 'my order NW-230918 never arrived');
    expect(said).not.toContain(takeoverTexts.crisisNobodyNow);
    expect(said).not.toContain(ticketPrompts.issueAfterCrisis);
    expect(c.effects().some((e) => e.type === 'create_ticket')).toBe(true);
  });

  it('an address beside words of self-harm at the email question is still taken, after the crisis line', () => {
    const c = converse(northwind(), { now: MONDAY_20 });
    c.say('I want to kill myself');
    const said = reply(c, 'kim@example.com, I want to die');
    expect(said[0]).toBe(takeoverTexts.crisisNobodyNow);
    expect(c.variables().customerEmail).toBe('kim@example.com');
  });
});
