/**
 * Session 37, hostile s35 F8 (insurance-claims): "I don't have it" at the policy question, then "HM-2231-0457" typed at
 * the menu: the NLU read the order "HM-2231" in it, so the advisor's summary said "Reference: HM-2231" and "Look up order
 * HM-2231", and the policy number was not kept (the advisor had to ask again). A reference of the flow's own shape (the
 * policy question's example) is remembered as that reference wherever it is typed (referenceNotPhone.ts asFlowReferences).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../../shared/flow/schema';
import type { AgentPresence } from '../../../shared/handoff/types';
import { asFlowReferences } from '../../../shared/engine/referenceNotPhone';
import { analyzeText } from '../../../shared/nlu/analyzeText';
import { converse } from './harness';

const MON = Date.UTC(2026, 2, 9, 11, 30);
const flow = (name: string): Flow => JSON.parse(readFileSync(`flows/${name}.json`, 'utf8')) as Flow;
const claire: AgentPresence = { id: 'claire', name: 'Claire', status: 'online', skills: ['claims'], languages: ['en', 'fr'], teams: ['claims'], activeChats: 0, lastAssignedAt: null };

function advisorAfter(first: string[]): { summary: string; suggestion: string; refs: string[] } {
  const c = converse(flow('insurance-claims'), { now: MON, agents: [claire] });
  for (const m of first) c.say(m);
  c.say('4');
  c.say('ana@example.com');
  c.say('my car was hit');
  const req = c.effects('handoff_request');
  expect(req).toHaveLength(1);
  return { summary: req[0].context.summary, suggestion: req[0].context.suggestedResolution, refs: c.state.entities.filter((e) => e.type === 'order_id' || e.type === 'policy_number').map((e) => `${e.type}:${e.value}`) };
}

describe('a policy number typed at the insurance menu (hostile s35 F8)', () => {
  for (const typed of ['HM-2231-0457', 'hm22310457', 'it is HM 2231 0457']) {
    it(`"${typed}" after "I don't have it": kept as the policy, the advisor is told`, () => {
      const r = advisorAfter(["I don't have it", typed]);
      expect(r.refs).toEqual(['policy_number:HM-2231-0457']);
      expect(r.summary).toContain('Reference: HM-2231-0457.');
      expect(r.suggestion).toContain('Look up policy HM-2231-0457.');
      expect(r.suggestion).not.toContain('Look up order');
    });
  }
  it('answered at the policy question: one reference, no stray order "HM-2231"', () => {
    const r = advisorAfter(['HM-2231-0457']);
    expect(r.refs).toEqual(['policy_number:HM-2231-0457']);
    expect(r.summary).toContain('Reference: HM-2231-0457.');
  });
  // Session 39 (hostile s38 M3): a claim reference typed at the menu now follows up on that claim (the claim question's
  // example is its shape); the entity is remembered as before.
  it('a claim reference typed at the menu follows up on that claim; its entity is read as before', () => {
    const c = converse(flow('insurance-claims'), { now: MON, agents: [claire] });
    c.say("I don't have it");
    c.say('CL-558201');
    expect(c.variables().topic).toBe('Follow up on a claim');
    expect(c.variables().claimNumber).toBe('CL-558201');
    expect(c.state.entities.filter((e) => e.type === 'order_id' || e.type === 'policy_number').map((e) => `${e.type}:${e.value}`)).toEqual(['order_id:CL-558201']);
  });
});

describe('asFlowReferences', () => {
  const read = (name: string, t: string) => asFlowReferences(flow(name), t, analyzeText(t).entities).map((e) => `${e.type}:${e.value}`);
  it('a reference of the flow\'s shape replaces what the NLU read inside it, and is added when it read nothing', () => {
    expect(read('insurance-claims', 'HM-2231-0457')).toEqual(['policy_number:HM-2231-0457']);
    expect(read('insurance-claims', 'my policy is hm 2231 0457')).toEqual(['policy_number:HM-2231-0457']);
    expect(read('insurance-claims', 'hm22310457')).toEqual(['policy_number:HM-2231-0457']);
  });
  it('a reference taken back is not added again', () => {
    expect(read('insurance-claims', 'HM-2231-0457 sorry I mean HM-2231-0458').filter((e) => e.startsWith('policy_number'))).toEqual(['policy_number:HM-2231-0458']);
  });
  it('what is no reference of the flow\'s shape is left as the NLU read it', () => {
    expect(read('insurance-claims', 'HM-2231-045')).toEqual(['order_id:HM-2231']);
    expect(read('insurance-claims', 'call me on 2231 0457')).toEqual(['phone:22310457']);
    expect(read('insurance-claims', 'no number')).toEqual([]);
    expect(read('customer-support', 'where is NW-104233?')).toEqual(['order_id:NW-104233']);
    expect(read('customer-support', 'HM-2231-0457')).toEqual(['order_id:HM-2231']);
  });
});
