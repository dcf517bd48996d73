/**
 * Session 35, hostile s35 pass: F2 "forget the agent" / "no no no not a person" / "cancel that, no person" at the
 * takeover's email question were wrong addresses, and after three the customer was put through; F3 (high) asking for
 * a person at the cancellation ticket's email question and then refusing one started the chat again from the welcome,
 * and the cancellation ticket was never opened.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../../shared/flow/schema';
import type { AgentPresence } from '../../../shared/handoff/types';
import { takeoverTexts } from '../../../shared/engine/humanTakeover';
import { refusesAPerson } from '../../../shared/engine/backOut';
import { converse } from './harness';

const MON = Date.UTC(2026, 2, 9, 11, 30);
// Away: reachable from the queue, so the takeover asks its questions (no automatic assignment).
const ann: AgentPresence = { id: 'ann', name: 'Ann', status: 'away', skills: [], languages: ['en'], teams: [], activeChats: 0, lastAssignedAt: null };
const flow = (): Flow => JSON.parse(readFileSync('flows/customer-support.json', 'utf8')) as Flow;

describe('more ways to refuse a person (hostile s35 F2)', () => {
  for (const t of ['forget the agent', 'nah forget the agent', 'forget about the human', 'no no no not a person', 'cancel that, no person', 'not a human please']) {
    it(`"${t}" at the takeover's email question withdraws the request`, () => {
      const c = converse(flow(), { now: MON, agents: [ann] });
      c.say('I want a human');
      c.say(t);
      expect(c.botTexts()).toContain(takeoverTexts.backedOut);
      expect(c.effects('handoff_request')).toHaveLength(0);
    });
  }
  it('complaints about people, and addresses, are not refusals', () => {
    for (const t of ['no agent is answering me', 'no human ever replies to my emails', 'forget the agent said it shipped, where is it', 'I am not a person who complains', 'no person, ana@example.com']) {
      expect(refusesAPerson(t), t).toBe(false);
    }
  });
});

describe('refusing a person at a ticket question goes back to the ticket (hostile s35 F3)', () => {
  it('the cancellation: email asked again, then the cancellation ticket with the order number', () => {
    const c = converse(flow(), { now: MON, agents: [ann] });
    for (const t of ['Cancel my order', 'NW-104233', 'yes']) c.say(t);
    expect(c.lastBotText()).toMatch(/email/i);
    c.say('get me a person');
    c.say('no human please');
    const said = c.lastStep.messages.map((m) => m.text);
    expect(said[0]).toBe(takeoverTexts.backedOut);
    expect(said[said.length - 1]).toMatch(/email address/i);
    expect(c.botTexts().join(' ')).not.toMatch(/Hi! I'm the Northwind Goods assistant[\s\S]*Hi! I'm the Northwind Goods assistant/);
    c.say('ana@example.com');
    const tickets = c.effects('create_ticket');
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toMatchObject({ contact: { email: 'ana@example.com' } });
    expect(JSON.stringify(tickets[0])).toContain('NW-104233');
    expect(c.effects('handoff_request')).toHaveLength(0);
  });
});
