/**
 * Session 16 (fixengine), review debts:
 * (a) "someone reachable now" is a block-behaviour capability (`reachesSomeoneNow`), not a comparison of block kinds in
 *     noAgentFollowUp.ts (DESIGN: nothing outside the block modules switches on kind; noKindSwitch checks the source).
 * (c) a state saved before session 15 has no `nobodyFound`: one saved in the middle of the no_agent follow-up (at the
 *     ticket's email question, just after "nobody is available") is held there as the pre-15 engine held it, read from
 *     the takeover's latest words (`saidNobodyFound`); one whose takeover said something else is not.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { shopFlow } from '../../server/runtimeFixtures';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { receive } from '../../../shared/engine/engine';
import { parseConversationState } from '../../../shared/engine/conversationStateSchema';
import { behaviourOf } from '../../../shared/engine/blockBehaviours';
import { blockKinds } from '../../../shared/flow/blockRegistry';
import type { ConversationState } from '../../../shared/engine/types';
import type { AgentPresence } from '../../../shared/handoff/types';

const template = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const MONDAY_0415_UTC = Date.parse('2026-12-07T04:15:00Z');
const NOW = Date.parse('2026-11-30T10:00:00Z');
const ann: AgentPresence[] = [{ id: 'ann', name: 'Ann', status: 'online', activeChats: 0, skills: [], languages: ['en'], teams: [], lastAssignedAt: null }];

/** The state as a pre-session-15 engine saved it: the same JSON without the field, through the state schema. */
function savedBefore(state: ConversationState): ConversationState {
  const { nobodyFound, ...rest } = JSON.parse(JSON.stringify(state));
  expect(nobodyFound).toBeDefined();
  const r = parseConversationState(rest);
  if (!r.ok) throw new Error('old state refused');
  expect(r.state.nobodyFound).toBeUndefined();
  return r.state;
}

describe('(a) reaching someone now is a capability of the block behaviour', () => {
  it('only the Human takeover behaviour has it; every other kind reaches nobody', () => {
    const withIt = blockKinds.filter((k) => behaviourOf(k).reachesSomeoneNow !== undefined);
    expect(withIt).toEqual(['human_takeover']);
  });

  it('the follow-up still hands over to an agent online since, and still holds while nobody is', () => {
    const c = converse(shopFlow(), { now: NOW, agents: [] });
    c.say('I want to talk to a human');
    c.say('I want to talk to a human');
    expect(c.effects('handoff_request')).toHaveLength(0);
    c.setAgents(ann);
    c.say('put me through to a person please');
    expect(c.effects('handoff_request')).toHaveLength(1);
  });
});

describe('(c) a state saved before nobodyFound existed', () => {
  it('out of hours, at the ticket email question: a request for a person with the email is held there, as before session 15', () => {
    const flow = template();
    const c = converse(flow, { now: MONDAY_0415_UTC });
    c.say('I want to talk to a human');
    const offline = c.botTexts().length;
    const old = savedBefore(c.state);
    const step = receive(flow, old, { type: 'text', text: 'I want a human, kim@example.com' }, { now: MONDAY_0415_UTC + 60_000 });
    expect(step.rejected).toBeNull();
    // Not the takeover again (its out-of-hours paragraph and the same email question): the ticket took the email.
    expect(step.state.variables.customerEmail).toBe('kim@example.com');
    expect(step.messages.map((m) => m.text).join('\n')).not.toMatch(/offline|not available|What email address/i);
    expect(offline).toBeGreaterThan(0);
  });

  it('nobody signed in (shop flow): the old state is held as the new one is', () => {
    const c = converse(shopFlow(), { now: NOW, agents: [] });
    c.say('I want to talk to a human');
    const fresh = receive(shopFlow(), c.state, { type: 'text', text: 'I want to talk to a human' }, { now: NOW + 1000, agents: [] });
    const old = receive(shopFlow(), savedBefore(c.state), { type: 'text', text: 'I want to talk to a human' }, { now: NOW + 1000, agents: [] });
    expect(old.effects.some((e) => e.type === 'handoff_request')).toBe(false);
    expect(old.messages.map((m) => m.text)).toEqual(fresh.messages.map((m) => m.text));
  });

  it('an old state whose takeover last said something else (a handback) is not held: the request hands over', () => {
    const c = converse(shopFlow(), { now: NOW });
    c.say('I want to talk to a human');
    c.agent.accept();
    c.agent.handback();
    expect(c.state.nobodyFound).toBeUndefined();
    const step = receive(shopFlow(), c.state, { type: 'text', text: 'I want to talk to a human' }, { now: NOW + 1000 });
    expect(step.effects.some((e) => e.type === 'handoff_request')).toBe(true);
  });

  it('an old state past FRESH_TURNS customer messages is not held, nor one an agent wrote in since', () => {
    const c = converse(shopFlow(), { now: NOW, agents: [] });
    c.say('I want to talk to a human');
    const old = savedBefore(c.state);
    let s = old;
    for (const t of ['hmm', 'hmm', 'hmm']) {
      const step = receive(shopFlow(), s, { type: 'text', text: t }, { now: NOW + 1000, agents: [] });
      expect(step.effects.some((e) => e.type === 'handoff_request')).toBe(false); // held: within FRESH_TURNS
      s = step.state;
    }
    const late = receive(shopFlow(), s, { type: 'text', text: 'I want to talk to a human' }, { now: NOW + 2000 });
    expect(late.effects.some((e) => e.type === 'handoff_request')).toBe(true);
  });
});
