/**
 * Hostile s34: the agent's summary named the order number the customer took back ("NW-104233 sorry I mean 104234":
 * the bot looked up NW-104234, the summary said "Reference: NW-104233"; "... I mean NW-104234" gave both). A reference
 * taken back is not remembered, and the one the question took is.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';

const MONDAY = Date.parse('2026-03-09T11:30:00Z');
const load = (name: string) => loadFlowText(readFileSync(new URL(`../../../flows/${name}.json`, import.meta.url), 'utf8')).flow!;

function summaryAfter(answer: string): { summary: string; entities: Array<{ value: string }> } {
  const c = converse(load('customer-support'), { now: MONDAY });
  c.click('Track my order');
  c.say(answer);
  c.http(false, 'down', 503);
  c.click('Talk to a person');
  c.say('ana@example.com');
  const req = c.effects('handoff_request') as Array<{ context: { summary: string; entities: Array<{ value: string }> } }>;
  expect(req).toHaveLength(1);
  return req[0].context;
}

describe("the agent's summary names the reference the bot used", () => {
  it.each([
    ['NW-104233 sorry I mean 104234', 'NW-104234', 'NW-104233'],
    ['NW-104233 sorry I mean NW-104234', 'NW-104234', 'NW-104233'],
    ['NW-104233', 'NW-104233', null],
  ])('%j: Reference %s', (answer, used, dropped) => {
    const { summary, entities } = summaryAfter(answer);
    expect(summary).toContain(`Reference: ${used}.`);
    expect(entities.map((e) => e.value)).toEqual([used]);
    if (dropped !== null) expect(summary).not.toContain(dropped);
  });

  it("the insurance flow's policy number read by its example is the reference", () => {
    const c = converse(load('insurance-claims'), { now: MONDAY });
    c.say('hm 2231 0457');
    expect(c.variables().policyNumber).toBe('HM-2231-0457');
    expect(c.state.entities.some((e) => e.type === 'policy_number' && e.value === 'HM-2231-0457')).toBe(true);
  });
});
