/**
 * Newcomer s23 #1: "What is your refund policy for items bought on sale?" got "Sorry, I didn't get that" in the Northwind
 * template. Its returns intent now knows refund-policy and sale-item questions, and its returns answer says sale items
 * are included and where the refund goes. A customer who wants a refund is still handed to a person (sensitive topic).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateFlow } from '../../../shared/flow/validateFlow';
import { playConversation } from '../../../shared/simulator/playConversation';

const flow = validateFlow(JSON.parse(readFileSync('flows/customer-support.json', 'utf8'))).flow!;
const MONDAY = Date.parse('2026-03-02T10:00:00Z');
const botSays = (turn: string) => {
  const r = playConversation(flow, 'c', [turn], MONDAY);
  return { r, bot: r.transcript.filter((t) => t.from === 'bot').map((t) => t.text).join('\n') };
};

describe('the Northwind template answers refund-policy questions (newcomer s23 #1)', () => {
  it.each(['What is your refund policy for items bought on sale?', 'What is your refund policy?', 'refund policy for sale items', 'can I return something I bought in the sale?'])('%j gets the returns policy, not "Sorry, I didn\'t get that"', (q) => {
    const { r, bot } = botSays(q);
    expect(bot).not.toContain("Sorry, I didn't get that");
    expect(bot).toContain('You can return unused items within 30 days of delivery, free of charge in the UK, sale items included');
    expect(r.escalation).toBeNull();
  });

  it.each(['I want a refund for my broken lamp', 'I want my money back', 'can I get a refund please'])('%j is still handed over (refunds topic)', (q) => {
    expect(botSays(q).r.escalation?.reason).toBe('sensitive_topic');
  });
});
