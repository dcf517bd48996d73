// Session 19 (esc): words that name people without asking for one. "Human resources" is a department that hires ("Is
// there a human resources office he could write to?"), and someone's job told ("My sister is a customer service agent at
// a bank") is not a request for an agent. Asking for a person in the same messages still is.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import type { Flow } from '../../../shared/flow/schema';
import { playConversation } from '../../../shared/simulator/playConversation';

const shipped = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow as Flow;
const now = Date.parse('2026-12-01T10:00:00Z');
const play = (text: string) => playConversation(shipped, 'c', ['Something else', text], now).escalation;

describe('people named without asking for one', () => {
  it('is not a request for a person', () => {
    for (const text of [
      'My grandson would like to work for you. Is there a human resources office he could write to?',
      'My sister is a customer service agent at a bank and she told me to ask here: do you deliver to Nigeria?',
      'my husband is a sales rep so he is never home, can the parcel go to a neighbour?',
    ]) {
      expect(play(text)?.reason ?? 'none', text).not.toBe('explicit_request');
    }
  });
  it('asking for one in the same words still is', () => {
    for (const text of [
      'My sister is a customer service agent and she said I should speak to a manager about this',
      'Can I talk to a human please, not human resources',
      'I need a human, this bot is no help',
    ]) {
      expect(play(text)?.reason, text).toBe('explicit_request');
    }
  });
});

describe('a number asked for, and a wish to tell someone (newcomer s19 F9)', () => {
  it('the wish to explain to a person is the request', () => {
    expect(play("is there a phone number I can ring? I'd rather explain this to someone")?.reason).toBe('explicit_request');
  });
  it('the number asked alone is still information', () => {
    expect(play('what number should my mum call you on to pay by card?')?.reason ?? 'none').not.toBe('explicit_request');
  });
});
