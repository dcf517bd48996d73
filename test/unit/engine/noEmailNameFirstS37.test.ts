/**
 * Session 37, hostile s35 F11 rest: with a takeover that asks the name first (Default mode), "no email, just get me a
 * person" got the email question right after the name ("What is your email address, in case we get disconnected?").
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../../shared/flow/schema';
import type { AgentPresence } from '../../../shared/handoff/types';
import { takeoverPrompts, takeoverTexts } from '../../../shared/engine/humanTakeover';
import { ticketPrompts } from '../../../shared/engine/ticketBlock';
import { parseConversationState } from '../../../shared/engine/conversationStateSchema';
import { defaultTakeoverFlow } from './defaultTakeoverFlow';
import { converse } from './harness';

const MON = Date.UTC(2026, 2, 9, 11, 30);
const agent = (id: string, name: string, teams: string[] = []): AgentPresence => ({ id, name, status: 'online', skills: [], languages: ['en'], teams, activeChats: 0, lastAssignedAt: null });
const flow = (name: string): Flow => JSON.parse(readFileSync(`flows/${name}.json`, 'utf8')) as Flow;

describe('a takeover that asks the name first, after "no email" (hostile s35 F11 rest)', () => {
  it('"no email, just get me a person": the name, then the reason, never the email', () => {
    const c = converse(defaultTakeoverFlow());
    c.say('no email, just get me a person');
    expect(c.lastBotText()).toBe(takeoverPrompts.name);
    expect(parseConversationState(c.state).ok).toBe(true);
    c.say('Kim');
    expect(c.lastBotText()).toBe(takeoverPrompts.reason);
    c.say('my invoice is wrong');
    expect(c.botTexts()).not.toContain(takeoverPrompts.email);
    const req = c.effects('handoff_request');
    expect(req).toHaveLength(1);
    expect(c.variables()).toMatchObject({ customerName: 'Kim', handoffReason: 'my invoice is wrong' });
    expect(c.variables().customerEmail ?? null).toBeNull();
  });
  it('kept through a name asked twice', () => {
    const c = converse(defaultTakeoverFlow());
    c.say('no email, just get me a person');
    c.say('123');
    expect(c.lastBotText()).toBe(takeoverTexts.nameRetry);
    c.say('Kim');
    expect(c.lastBotText()).toBe(takeoverPrompts.reason);
  });
  it('"Kim, no email please" at the name question: the name kept, the email not asked', () => {
    const c = converse(defaultTakeoverFlow());
    c.say('just get me a person');
    c.say('Kim, no email please');
    expect(c.variables().customerName).toBe('Kim');
    expect(c.lastBotText()).toBe(takeoverPrompts.reason);
  });
  it('the sample lead-gen flow (Default mode, name first): no email question', () => {
    const c = converse(flow('lead-gen'), { now: MON, agents: [agent('sam', 'Sam', ['sales'])] });
    c.say('no email, just get me a person');
    expect(c.lastBotText()).toBe(takeoverPrompts.name);
    c.say('Kim');
    expect(c.lastBotText()).toBe(takeoverPrompts.reason);
  });
  // The nearby wordings that must not change: a request without a declined email, an email that did not arrive.
  for (const first of ['just get me a person', 'no email arrived, get me a person', 'I got no email confirmation, I want a human']) {
    it(`"${first}": the email is asked after the name, as before`, () => {
      const c = converse(defaultTakeoverFlow());
      c.say(first);
      expect(c.lastBotText()).toBe(takeoverPrompts.name);
      c.say('Kim');
      expect(c.lastBotText()).toBe(takeoverPrompts.email);
    });
  }
  it('"Kim" alone at the name question: the email is asked', () => {
    const c = converse(defaultTakeoverFlow());
    c.say('get me a person');
    c.say('Kim');
    expect(c.lastBotText()).toBe(takeoverPrompts.email);
    expect(c.state.waiting).toEqual({ kind: 'takeover_question', blockId: 'ht', field: 'email', retries: 0, reason: 'explicit_request' });
  });
});

describe('out of hours, the ticket after the takeover does not ask the declined email either (hostile s35 F11 rest)', () => {
  const SAT = Date.UTC(2026, 2, 7, 13, 30);
  it('"no email, just get me a person": no email question, the ticket opened without one', () => {
    const c = converse(flow('customer-support'), { now: SAT });
    c.say('no email, just get me a person');
    expect(c.botTexts()).not.toContain(ticketPrompts.email);
    expect(c.botTexts()).toContain(ticketPrompts.noEmailNoted);
    expect(c.lastBotText()).toBe(ticketPrompts.issue);
    c.say('my parcel is late');
    const t = c.effects('create_ticket');
    expect(t).toHaveLength(1);
    expect(t[0]).toMatchObject({ contact: { email: null }, issue: 'my parcel is late' });
  });
  for (const first of ['just get me a person', 'no email arrived, get me a person']) {
    it(`"${first}": the email is asked as before`, () => {
      const c = converse(flow('customer-support'), { now: SAT });
      c.say(first);
      expect(c.lastBotText()).toBe(ticketPrompts.email);
    });
  }
});
