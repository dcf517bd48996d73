/**
 * Hostile s24 #1 rest: "thank u, im suicidal" and "I want to kill myself" were handed over neither after the chat ended
 * nor mid-conversation. A customer who says they may harm themselves goes to a person at once (urgency).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { playConversation } from '../../../shared/simulator/playConversation';

const flow = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const reason = (text: string) => playConversation(flow, 'sh', ['Something else', text], Date.parse('2026-03-02T10:00:00Z')).escalation?.reason ?? 'none';

describe('a customer at risk of harming themselves', () => {
  it.each(['thank u, im suicidal', 'I want to kill myself', 'honestly I am going to end it all', "I don't want to live anymore"])('%j is handed over as urgent', (t) => {
    expect(reason(t)).toBe('urgency');
  });
  it.each(['thanks, kill me now', 'is the Suicide Squad DVD in stock?', 'I will treat myself to the blue one', "Truly world-class service. From a world I don't want to live in."])('%j is not', (t) => {
    expect(reason(t)).not.toBe('urgency');
  });
});
