/**
 * Session 48 (perf5, issue 8): work the step computed that nothing reads. At the no-agent follow-up's questions (the
 * ticket after "we're offline", engine.ts nobodyFreeText) the policy's decision-only reading (escalationDecision) also
 * worked out the clear-shop-question flag (detectRepeatedFallback.assess: ~1.5% of the closed path's step), which only a
 * router's fallback reads (runBlocks.routerFallback, always after inputText set run.decision to its own reading) and which
 * is never stored there (no lastEscalation). The flag is no longer asked for there; what the customer sees, the state and
 * the effects are unchanged, and everywhere else (menus and routers) the flag is read as before.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { escalationDecision, evaluateEscalation, initialEscalationMemory } from '../../../shared/escalation/evaluateEscalation';
import { analyzeText } from '../../../shared/nlu/analyzeText';
import type { TurnFacts } from '../../../shared/escalation/types';

const SATURDAY_AFTERNOON = Date.parse('2026-03-07T13:30:00Z'); // Northwind: Mon-Fri 8am-8pm, Sat 9am-1pm, Europe/London
const load = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;

/** Clear questions about the shop the flow has no answer for, at its question router (written before the change). */
const SHOP_QUESTIONS = ['is the sofa cover machine washable?', 'do the led strips work w alexa', 'does the sofa cover come off for washing?', 'is the desk lamp dimmable?'];
/** Calm questions about the shop at the follow-up ticket's email question (the flag was true there; stepHash's first). */
const AT_TICKET = ['when are you open on saturday please - carla', 'when are you open on saturday?', 'do you take paypal?', 'how much is shipping to france?'];

describe('the shop-question flag at the no-agent follow-up (session 48, perf5)', () => {
  it('is not worked out at the follow-up ticket\'s email question; the reply there is the ticket\'s own', () => {
    for (const text of AT_TICKET) {
      const c = converse(load(), { now: SATURDAY_AFTERNOON });
      c.say('I want a person');
      expect(c.state.waiting).toMatchObject({ kind: 'ticket_question', blockId: 'ticket_closed', field: 'email' });
      const n = c.botTexts().length;
      const step = c.say(text);
      // Read by the decision-only policy (a question back at the email question: a fallback for it), nothing fired.
      expect(step.decision?.action).toBe('none');
      expect(step.decision?.shopQuestion).toBeUndefined();
      // The ticket answers (the flow's answer to a side question, or who can answer it), and asks for the email again.
      expect(c.botTexts().slice(n).join(' ')).toMatch(/email/);
      expect(c.state.waiting).toMatchObject({ kind: 'ticket_question', blockId: 'ticket_closed', field: 'email' });
    }
  });

  it('is still read at the flow\'s question router (the shop question\'s own line)', () => {
    const c = converse(load(), { now: SATURDAY_AFTERNOON });
    c.say('Something else');
    const n = c.botTexts().length;
    const step = c.say('is the sofa cover machine washable?');
    expect(step.decision?.shopQuestion).toBe(true);
    expect(c.botTexts()[n]).toMatch(/can't see product details/);
  });

  it('escalationDecision without the flag is the same decision, the flag left out', () => {
    const policy = load().escalation;
    const texts = [...SHOP_QUESTIONS, ...AT_TICKET, 'where is my order?', 'this is useless!!!', 'I want a person', 'asdfgh', 'my son swallowed a magnet', 'ok thanks'];
    let flagged = 0;
    for (const text of texts) {
      const facts: TurnFacts = { text, analysis: analyzeText(text), turn: 1, now: SATURDAY_AFTERNOON, variables: {}, intent: null, fallback: true, timezone: 'Europe/London' };
      const memory = initialEscalationMemory();
      const withFlag = escalationDecision(policy, facts, memory, policy);
      const without = escalationDecision(policy, facts, memory, policy, false);
      if (withFlag.shopQuestion === true) flagged++;
      const { shopQuestion: _dropped, ...rest } = withFlag;
      expect(without).toEqual(rest);
      // And the decision-only reading is evaluateEscalation's decision.
      expect(withFlag).toEqual(evaluateEscalation(policy, facts, memory, policy).decision);
    }
    expect(flagged).toBeGreaterThanOrEqual(SHOP_QUESTIONS.length);
  });
});
