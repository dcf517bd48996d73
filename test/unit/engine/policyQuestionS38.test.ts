/**
 * Session 38 (hostile s37 #6): the insurance policy question ("e.g. HM-2231-0457") took "12345" and "order NW-104233" as
 * the policy number, and "order NW-104233 person please" lost its request for a person.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../../shared/flow/schema';
import type { AgentPresence } from '../../../shared/handoff/types';
import { requestBesideReference } from '../../../shared/engine/backOut';
import { converse } from './harness';

const MON = Date.UTC(2026, 2, 9, 11, 30);
const agent = (id: string, name: string): AgentPresence => ({ id, name, status: 'online', skills: ['claims'], languages: ['en'], teams: ['claims'], activeChats: 0, lastAssignedAt: null });
const insurance = (): Flow => JSON.parse(readFileSync('flows/insurance-claims.json', 'utf8')) as Flow;
const RETRY = 'Policy numbers look like HM-2231-0457';

describe('the policy question', () => {
  for (const t of ['12345', 'order NW-104233', '1234567', '2231 045']) {
    it(`"${t}" is no policy number: asked again with the format line`, () => {
      const c = converse(insurance(), { now: MON });
      c.say(t);
      expect(c.variables().policyNumber).toBeUndefined();
      expect(c.lastBotText()).toContain(RETRY);
    });
  }
  for (const [t, v] of [['HM-2231-0457', 'HM-2231-0457'], ['2231 0457', 'HM-2231-0457'], ['hm22310457', 'HM-2231-0457'], ['HM-7', 'HM-7'], ['22310457', 'HM-2231-0457']]) {
    it(`"${t}" is still taken (${v})`, () => {
      const c = converse(insurance(), { now: MON });
      c.say(t);
      expect(c.variables().policyNumber).toBe(v);
    });
  }
  for (const t of ['order NW-104233 person please', 'HM-2231-0457, get me an agent', 'HM-2231-0457 person please']) {
    it(`"${t}": the request for a person is met`, () => {
      const c = converse(insurance(), { now: MON, agents: [agent('claire', 'Claire')] });
      c.say(t);
      expect(c.state.lastEscalation?.action).toBe('handoff');
      expect(c.state.waiting).toMatchObject({ kind: 'takeover_question' });
    });
  }
  it('"HM-2231-0457 thanks" is the answer, no handoff', () => {
    const c = converse(insurance(), { now: MON, agents: [agent('claire', 'Claire')] });
    c.say('HM-2231-0457 thanks');
    expect(c.variables().policyNumber).toBe('HM-2231-0457');
    expect(c.state.lastEscalation).toBeNull();
  });
});

describe('requestBesideReference (backOut.ts)', () => {
  it('the request beside a reference, and nothing else', () => {
    expect(requestBesideReference('order NW-104233 person please')).toBe('person please');
    expect(requestBesideReference('HM-2231-0457, I want to talk to someone')).toBe('i want to talk to someone');
    for (const t of ['HM-2231-0457 thanks', 'HM-2231-0457 no person please', 'person please', 'NW-104233 the agent said it shipped']) expect(requestBesideReference(t), t).toBeNull();
  });
});
