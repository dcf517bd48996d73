// Review s19 (revcore R11): someone's job told, then a person asked for in other words, is still a request for a person.
// explicit_request at e0d41ba^, nothing at e0d41ba.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import type { Flow } from '../../../shared/flow/schema';
import { playConversation } from '../../../shared/simulator/playConversation';

const shipped = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow as Flow;
const now = Date.parse('2026-12-01T10:00:00Z');

describe("a relative's job, then a person asked for", () => {
  it('is a request for a person', () => {
    const text = 'My husband is a manager, he wants a real person to call him back';
    expect(playConversation(shipped, 'c', ['Something else', text], now).escalation?.reason).toBe('explicit_request');
  });
});
