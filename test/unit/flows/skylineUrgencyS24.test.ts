/**
 * Newcomer s24 #2: Skyline Air's policy phrase "my flight leaves in" made any time after it urgent ("my flight leaves in
 * 3 days" went to the airport desk). The phrase is gone: the urgency detector reads the time itself, against the
 * policy's 2-hour horizon.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { playConversation } from '../../../shared/simulator/playConversation';

const flow = loadFlowText(readFileSync('flows/travel-urgency.json', 'utf8')).flow!;
const reason = (text: string) => playConversation(flow, 's', [text], Date.parse('2026-03-02T10:00:00Z')).escalation?.reason ?? 'none';

describe('Skyline Air: a flight leaving is urgent only within the horizon', () => {
  it.each(['my flight leaves in 15 minutes and the security queue is huge!!', 'my flight leaves in 40 minutes', 'my flight leaves in 90 minutes, can I still change seats?'])('%j is urgent', (t) => {
    expect(reason(t)).toBe('urgency');
  });
  it.each(['my flight leaves in 3 days, can I add a bag', 'my flight leaves in two weeks, what is the baggage allowance?'])('%j is not', (t) => {
    expect(reason(t)).not.toBe('urgency');
  });
});
