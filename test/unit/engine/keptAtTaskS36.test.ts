/**
 * Session 36, hostile s35 F1: out of hours, "can I speak to a person please" at the cancellation's confirm step ("Just to
 * check: shall I cancel order NW-104233?") or at its order-number question left by the takeover's No agent exit for the
 * generic follow-up ticket: the cancellation was dropped (the ticket carried "please cancel it", no order number). The
 * task's question is kept, as session 35 kept the cancellation ticket's email question (keptAtTicket); asked again
 * right after, the customer insists and gets the follow-up ticket as before. A menu is no task: unchanged.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../../shared/flow/schema';
import { converse } from './harness';

const SAT = Date.UTC(2026, 2, 7, 13, 30);
const flow = (): Flow => JSON.parse(readFileSync('flows/customer-support.json', 'utf8')) as Flow;
const OFFLINE = /Our team is offline right now/;

describe('out of hours, a person asked for in the middle of the cancellation (hostile s35 F1)', () => {
  it('at the confirm step: told, asked again, and the cancellation ticket opened', () => {
    const c = converse(flow(), { now: SAT });
    for (const m of ['Cancel my order', 'NW-104233']) c.say(m);
    expect(c.lastBotText()).toBe('Just to check: shall I cancel order NW-104233?');
    c.say('can I speak to a person please');
    const said = c.lastStep.messages.map((m) => m.text);
    expect(said[0]).toMatch(OFFLINE);
    expect(said[said.length - 1]).toBe('Just to check: shall I cancel order NW-104233?');
    c.say('yes');
    c.say('ana@example.com');
    const tickets = c.effects('create_ticket');
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toMatchObject({ priority: 'high', contact: { email: 'ana@example.com' } });
    expect(JSON.stringify(tickets[0])).toContain('NW-104233');
  });
  it('at the order-number question: told, asked again', () => {
    const c = converse(flow(), { now: SAT });
    c.say('Cancel my order');
    c.say('get me a person');
    const said = c.lastStep.messages.map((m) => m.text);
    expect(said[0]).toMatch(OFFLINE);
    // Session 40 (fixq, newcomer s40 N1): no "Leave your details" promise the question does not keep.
    expect(said[0]).not.toMatch(/Leave your details/);
    expect(said[said.length - 1]).toMatch(/Which order would you like to cancel/);
    c.say('NW-104233');
    expect(c.lastBotText()).toBe('Just to check: shall I cancel order NW-104233?');
  });
  it('asked again at once: the follow-up ticket, as before', () => {
    const c = converse(flow(), { now: SAT });
    for (const m of ['Cancel my order', 'NW-104233', 'can I speak to a person please']) c.say(m);
    c.say('I said get me a person');
    expect(c.lastBotText()).toMatch(/email address/i);
    expect(c.botTexts().join(' ')).toMatch(/still offline/);
  });
  it('at the menu: the follow-up ticket, as before', () => {
    const c = converse(flow(), { now: SAT });
    c.say('I want a person');
    expect(c.lastStep.messages.map((m) => m.text).join(' ')).toMatch(OFFLINE);
    expect(c.lastBotText()).toMatch(/email address/i);
  });
});
