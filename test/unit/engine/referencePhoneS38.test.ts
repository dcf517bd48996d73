/**
 * Session 38 (hostile s37 #4, #5): "policy 2231 0457, I want a person" gave the reference "2231" (the NLU's policy number
 * stopped at the space); a phone named as one ("my number is 2231-0457", "call me on 2231-0457") at the insurance policy
 * question was taken for the policy number.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../../shared/flow/schema';
import type { AgentPresence } from '../../../shared/handoff/types';
import { extractEntities } from '../../../shared/nlu/entities';
import { converse } from './harness';

const MON = Date.UTC(2026, 2, 9, 11, 30);
const agent = (id: string, name: string): AgentPresence => ({ id, name, status: 'online', skills: ['claims'], languages: ['en'], teams: ['claims'], activeChats: 0, lastAssignedAt: null });
const insurance = (): Flow => JSON.parse(readFileSync('flows/insurance-claims.json', 'utf8')) as Flow;
const refs = (c: ReturnType<typeof converse>) => c.state.entities.filter((e) => e.type === 'policy_number' || e.type === 'order_id').map((e) => e.value);

describe('a spaced policy number after "policy"', () => {
  it('the NLU reads both groups', () => {
    expect(extractEntities('policy 2231 0457, I want a person').filter((e) => e.type === 'policy_number').map((e) => e.value)).toEqual(['2231-0457']);
    expect(extractEntities('my policy is 2231 0457 thanks').filter((e) => e.type === 'policy_number').map((e) => e.value)).toEqual(['2231-0457']);
    // Unchanged: one group, a group and a small number after it.
    expect(extractEntities('policy 12345').map((e) => e.value)).toEqual(['12345']);
    expect(extractEntities('policy 12345 2 cars').filter((e) => e.type === 'policy_number').map((e) => e.value)).toEqual(['12345']);
  });
  it('"policy 2231 0457, I want a person" at the policy question: the reference is HM-2231-0457 (the flow\'s shape), not 2231', () => {
    const c = converse(insurance(), { now: MON, agents: [agent('claire', 'Claire')] });
    c.say('policy 2231 0457, I want a person');
    expect(refs(c)).toEqual(['HM-2231-0457']);
    c.say('no');
    const h = c.effects('handoff_request');
    expect(h).toHaveLength(1);
    expect(h[0].context.summary).toContain('Reference: HM-2231-0457.');
  });
  it('"my policy is 2231 0457" answers the policy question as HM-2231-0457', () => {
    const c = converse(insurance(), { now: MON });
    c.say('my policy is 2231 0457');
    expect(c.variables().policyNumber).toBe('HM-2231-0457');
  });
});

describe('a phone named as one is no reference', () => {
  it('"my number is 2231-0457, I want a person": a phone, no reference', () => {
    const c = converse(insurance(), { now: MON, agents: [agent('claire', 'Claire')] });
    c.say('my number is 2231-0457, I want a person');
    expect(refs(c)).toEqual([]);
    expect(c.variables().customerPhone).toBe('22310457');
  });
  for (const t of ['call me on 2231-0457', 'my mobile is 2231 0457']) {
    it(`"${t}" at the policy question is not the policy number`, () => {
      const c = converse(insurance(), { now: MON });
      c.say(t);
      expect(c.variables().policyNumber).toBeUndefined();
      expect(refs(c)).toEqual([]);
    });
  }
  it('a bare "2231 0457" there is still the policy number (session 36)', () => {
    const c = converse(insurance(), { now: MON });
    c.say('2231 0457');
    expect(c.variables().policyNumber).toBe('HM-2231-0457');
  });
});
