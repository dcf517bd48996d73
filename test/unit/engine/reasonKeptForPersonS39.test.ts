/**
 * Session 39 (fix, hostile s38 L2, L4): "I would rather explain it to the advisor" at the takeover's reason question
 * became the reason the team read ("needs help with: I would rather explain it to the advisor"); now no reason is noted
 * and the customer is told that is fine. A goodbye after the chat ended ("bye") got "You're welcome!", a reply to thanks
 * that was never said: a goodbye now gets a goodbye (the flow's own line, when it sets one, is said as before).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import type { AgentPresence } from '../../../shared/handoff/types';
import { keepsReasonForPerson } from '../../../shared/engine/reasonGiven';

const insurer = () => loadFlowText(readFileSync(new URL('../../../flows/insurance-claims.json', import.meta.url), 'utf8')).flow!;
const support = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const OPEN = Date.parse('2026-03-09T11:30:00Z');
const claire: AgentPresence[] = [{ id: 'claire', name: 'Claire', status: 'online', activeChats: 0, skills: ['claims'], languages: ['en', 'fr'], teams: ['claims'], lastAssignedAt: null }];

describe('hostile s38 L2: the reason kept for the advisor', () => {
  it.each(['I would rather explain it to the advisor', "I'd rather tell the agent myself", 'I prefer not to say'])('"%s" is no reason', (t) => {
    const c = converse(insurer(), { now: OPEN, agents: claire });
    c.say('HM-2231-0457');
    c.say('4');
    c.say('ann@example.com');
    c.say(t);
    const req = c.effects('handoff_request');
    expect(req).toHaveLength(1);
    expect((req[0] as { context: { summary: string } }).context.summary).not.toContain(`needs help with: ${t}`);
    expect(c.variables().handoffReason ?? null).not.toBe(t);
    expect(c.botTexts().join('\n')).toMatch(/No problem, you can tell them yourself/);
  });

  it('a reason with it stays the reason', () => {
    expect(keepsReasonForPerson("I'd rather explain to the advisor that my roof collapsed")).toBe(false);
    expect(keepsReasonForPerson('my kitchen flooded')).toBe(false);
    expect(keepsReasonForPerson('I would rather explain it to the advisor')).toBe(true);
  });
});

describe('hostile s38 L4: a goodbye after the end', () => {
  it('"bye" after the chat ended gets a goodbye, once; thanks still get the thanks line', () => {
    const c = converse(support(), { now: OPEN });
    c.say('how much is shipping?');
    c.say('no');
    c.say('bye');
    expect(c.mode()).toBe('closed');
    expect(c.say('bye').messages.map((m) => m.text).join('\n')).toMatch(/^Goodbye!/);
    expect(c.say('BYE').messages).toHaveLength(0);
    const t = converse(support(), { now: OPEN });
    t.say('how much is shipping?');
    t.say('no');
    t.say('bye');
    expect(t.say('thanks').messages.map((m) => m.text).join('\n')).toMatch(/You're welcome/);
  });
});
