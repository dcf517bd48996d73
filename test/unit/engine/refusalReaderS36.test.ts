/**
 * Session 36, hostile s35 F13 / F14 / F11 / F15 (one family: the refusal reader, backOut.ts, now one small grammar):
 * - F13 (high): "no, forget the advisor" / "no advisor please" at the insurance takeover's REASON question became the
 *   reason, and the customer was handed over;
 * - F14 (high): "ana@x.com, actually no I don't want a person" at the takeover's email question: the address was taken
 *   and the customer put through;
 * - F11: "no email, just get me a person" at the cancellation ticket's email question: the email was asked again (out of
 *   hours) or by the takeover (in hours);
 * - F15: out of hours, "get me a person" then "no human please" at the cancellation ticket's email question: "That
 *   doesn't look like an email address".
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../../shared/flow/schema';
import type { AgentPresence } from '../../../shared/handoff/types';
import { takeoverTexts } from '../../../shared/engine/humanTakeover';
import { ticketPrompts } from '../../../shared/engine/ticketBlock';
import { declinesEmailBeside, refusesAPerson } from '../../../shared/engine/backOut';
import { converse } from './harness';

const MON = Date.UTC(2026, 2, 9, 11, 30);
const SAT = Date.UTC(2026, 2, 7, 13, 30);
const agent = (id: string, name: string): AgentPresence => ({ id, name, status: 'online', skills: [], languages: ['en'], teams: [], activeChats: 0, lastAssignedAt: null });
const flow = (name: string): Flow => JSON.parse(readFileSync(`flows/${name}.json`, 'utf8')) as Flow;

describe('refusing the advisor at the insurance takeover\'s reason question (hostile s35 F13)', () => {
  for (const t of ['no, forget the advisor', 'forget the advisor', 'no advisor please', 'nah, no one please', "I'll stick with the bot"]) {
    it(`"${t}": nobody is put through, the menu again`, () => {
      const c = converse(flow('insurance-claims'), { now: MON });
      for (const m of ["I don't have it", '4', 'ana@x.com']) c.say(m);
      expect(c.lastBotText()).toMatch(/what do you need help with/i);
      c.say(t);
      expect(c.lastStep.messages[0].text).toBe(takeoverTexts.backedOut);
      expect(c.effects('handoff_request')).toHaveLength(0);
      expect(c.variables().handoffReason ?? null).toBeNull();
      expect(c.mode()).toBe('bot');
    });
  }
  it('a reason that names the advisor is still the reason', () => {
    const c = converse(flow('insurance-claims'), { now: MON });
    for (const m of ["I don't have it", '4', 'ana@x.com', 'my advisor said the claim was closed']) c.say(m);
    expect(c.effects('handoff_request')).toHaveLength(1);
    expect(c.variables().handoffReason).toBe('my advisor said the claim was closed');
  });
});

describe('an address said with a refusal of a person (hostile s35 F14)', () => {
  it('the refusal wins; the address is kept', () => {
    const c = converse(flow('customer-support'), { now: MON, agents: [agent('ana', 'Ana')] });
    c.say('I want a human');
    expect(c.lastBotText()).toMatch(/email address/i);
    c.say("ana@x.com, actually no I don't want a person");
    expect(c.lastStep.messages[0].text).toBe(takeoverTexts.backedOut);
    expect(c.effects('handoff_request')).toHaveLength(0);
    expect(c.mode()).toBe('bot');
    expect(c.variables().customerEmail).toBe('ana@x.com');
  });
  it('an address with a bare "no agent" beside it is still no refusal; a complaint about people neither', () => {
    for (const t of ['kim@example.com, no agent please', 'no person, ana@example.com', 'no one is answering', 'forget the advisor said it was covered', 'no email, just get me a person']) {
      expect(refusesAPerson(t), t).toBe(false);
    }
  });
});

describe('"no email, just get me a person" at the cancellation ticket (hostile s35 F11)', () => {
  it('out of hours: the cancellation ticket is opened without an email, not asked again', () => {
    const c = converse(flow('customer-support'), { now: SAT });
    for (const m of ['Cancel my order', 'NW-104233', 'yes']) c.say(m);
    c.say('no email, just get me a person');
    expect(c.botTexts()).toContain(ticketPrompts.noEmailNoted);
    const tickets = c.effects('create_ticket');
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toMatchObject({ contact: { email: null }, priority: 'high' });
    expect(JSON.stringify(tickets[0])).toContain('NW-104233');
  });
  it('in hours: handed over without the takeover\'s email question', () => {
    const c = converse(flow('customer-support'), { now: MON, agents: [agent('ana', 'Ana')] });
    for (const m of ['Cancel my order', 'NW-104233', 'yes']) c.say(m);
    c.say('no email, just get me a person');
    expect(c.botTexts().slice(-3).join(' ')).not.toMatch(/what is your email address/i);
    expect(c.effects('handoff_request')).toHaveLength(1);
  });
  it('reads the declined email only where it closes its clause', () => {
    for (const t of ['no email, just get me a person', 'I have no email, put me through', "I don't want to give my email, just get me someone"]) expect(declinesEmailBeside(t), t).toBe(true);
    for (const t of ['no email arrived, get me a person', 'I got no email confirmation, I want a human', 'get me a person']) expect(declinesEmailBeside(t), t).toBe(false);
  });
});

describe('out of hours, refusing the person after asking, at the cancellation ticket (hostile s35 F15)', () => {
  it('acknowledged, the email asked again, the cancellation opened with the next answer', () => {
    const c = converse(flow('customer-support'), { now: SAT });
    for (const m of ['Cancel my order', 'NW-104233', 'yes', 'get me a person']) c.say(m);
    c.say('no human please');
    expect(c.lastStep.messages.map((m) => m.text)).toEqual([takeoverTexts.backedOut, ticketPrompts.email]);
    c.say('ana@example.com');
    const tickets = c.effects('create_ticket');
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toMatchObject({ contact: { email: 'ana@example.com' }, priority: 'high' });
  });
});
