/**
 * Hostile s28 H1: at a Ticket's email question, "I want to kill myself" got "That doesn't look like an email address",
 * and "this is ridiculous, useless bot, I am furious" got "Thanks, ridiculous." (the angry word taken as a name): only
 * an explicit request was read there. A message that is no answer to the block's question, or reads as self-harm, is
 * read by the whole policy; an answer that fits (the ticket's issue) still gets the conversation-level checks only.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { converse } from './harness';

const NOW = Date.parse('2026-12-02T11:00:00Z');
/** Northwind with the order lookup's error exit wired to the return ticket: a failed lookup asks for an email. */
function atTicketEmail() {
  const doc = JSON.parse(readFileSync('flows/customer-support.json', 'utf8'));
  doc.edges.find((e: { from: string; exit: string }) => e.from === 'get_order' && e.exit === 'error').to = 'return_ticket';
  const c = converse(loadFlowText(JSON.stringify(doc)).flow!, { now: NOW });
  c.say('where is my order NW-104233');
  c.http(false, null, 503);
  expect(c.state.waiting?.kind).toBe('ticket_question');
  return c;
}

describe("a message at a ticket's email question that is no answer to it", () => {
  it.each([
    ['I want to kill myself', 'urgency'],
    ['I want to die', 'urgency'],
    ['this is ridiculous, useless bot, I am furious', 'negative_sentiment'],
    ['my account was hacked', 'sensitive_topic'],
  ])('%j hands over (%s), not "That does not look like an email address"', (text, reason) => {
    const c = atTicketEmail();
    const n = c.botTexts().length;
    c.say(text);
    expect(c.lastStep.decision?.action).toBe('handoff');
    expect(c.lastStep.decision?.reason).toBe(reason);
    const said = c.botTexts().slice(n).join(' ');
    expect(said).not.toMatch(/look like an email|Thanks, ridiculous/);
  });

  it('an email, or a plain "I have no email", is still taken as the answer', () => {
    const c = atTicketEmail();
    c.say('ada@example.com');
    expect(c.lastStep.decision?.action ?? 'none').toBe('none');
    expect(c.state.variables.customerEmail).toBe('ada@example.com');
  });
});
