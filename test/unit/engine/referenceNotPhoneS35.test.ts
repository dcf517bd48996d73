/**
 * Session 35 (hostile s34 #15): Harbor Mutual, in hours: "my policy is hm 2231 0457", "4", "ana@example.com" gave the
 * agent "The customer (ana@example.com, 22310457) needs help with ...": the policy's digits were kept as the customer's
 * phone number, also when typed at the menu. A phone number inside a reference of the flow's own example shape is that
 * reference now; a real phone number is still kept.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { asFlowReferences } from '../../../shared/engine/referenceNotPhone';
import { analyzeText } from '../../../shared/nlu/analyzeText';

const MONDAY_MORNING = Date.parse('2026-03-09T11:30:00Z');
const flowOf = (name: string) => loadFlowText(readFileSync(new URL(`../../../flows/${name}.json`, import.meta.url), 'utf8')).flow!;

function summary(c: ReturnType<typeof converse>): string {
  const req = c.effects('handoff_request');
  expect(req).toHaveLength(1);
  return req[0].context.summary;
}

describe('a policy number is no phone number', () => {
  it('typed at the policy question: the summary names the reference, no phone', () => {
    const c = converse(flowOf('insurance-claims'), { now: MONDAY_MORNING });
    c.say('my policy is hm 2231 0457');
    c.say('4');
    c.say('ana@example.com');
    expect(c.variables().customerPhone ?? null).toBeNull();
    const s = summary(c);
    expect(s).not.toContain('22310457');
    expect(s).toContain('HM-2231-0457');
  });

  it('typed at the menu after "I don\'t have it": kept as the reference, no phone', () => {
    const c = converse(flowOf('insurance-claims'), { now: MONDAY_MORNING });
    c.say("I don't have it");
    c.say('my policy is hm 2231 0457');
    c.say('4');
    c.say('ana@example.com');
    if (c.effects('handoff_request').length === 0) c.say('my car was hit');
    expect(c.variables().customerPhone ?? null).toBeNull();
    const s = summary(c);
    expect(s).not.toContain('22310457');
    expect(s).toContain('HM-2231-0457');
  });

  it('a real phone number beside it is still the phone', () => {
    const c = converse(flowOf('insurance-claims'), { now: MONDAY_MORNING });
    c.say('my policy is hm 2231 0457, call me on 07700 900123');
    expect(c.variables().customerPhone).toBe('07700900123');
  });

  it('asFlowReferences: only phones inside a reference of the flow\'s shape', () => {
    const flow = flowOf('insurance-claims');
    const read = (t: string) => asFlowReferences(flow, t, analyzeText(t).entities).map((e) => `${e.type}:${e.value}`);
    expect(read('hm 2231 0457')).toEqual(['policy_number:HM-2231-0457']);
    expect(read('call me on 2231 0457')).toEqual(['phone:22310457']);
    expect(read('07700 900123')).toEqual(['phone:07700900123']);
  });
});
