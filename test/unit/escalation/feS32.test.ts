/**
 * Session 32 (fe, issue 11): the shop's order cut-off ("if i order before 2 does it come tomorrow") is a question about
 * the shop's schedule, not the customer's deadline (shared/escalation/takenBack.ts orderCutOff). The cases that must keep
 * their urgency: a need, an occasion, "in time".
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { playConversation } from '../../../shared/simulator/playConversation';
import { orderCutOff } from '../../../shared/escalation/takenBack';
import { canonicalTokens } from '../../../shared/escalation/canonicalTokens';
import { analyzeText } from '../../../shared/nlu/analyzeText';

const flow = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const play = (...turns: string[]) => playConversation(flow, 'fe', ['Something else', ...turns], Date.parse('2026-03-02T10:00:00Z'));
const reason = (...turns: string[]) => play(...turns).escalation?.reason ?? 'none';
const cutOff = (t: string) => orderCutOff(canonicalTokens(analyzeText(t)));

describe("the shop's order cut-off", () => {
  it.each([
    'if i order before 2 does it come tomorrow',
    "ok 2-4 days. an if mi order by 1 o'clock today fi next day?",
    'thanks, will order before 2',
    'if i order by half 1 does next day actually mean tomorrow or is there a catch',
  ])('%j is an ordinary question', (t) => {
    expect(cutOff(t)).toBe(true);
    expect(reason(t)).toBe('none');
  });

  it.each([
    'I need it tomorrow, if I order before 2 will it come?',
    "it's for my mum's birthday tomorrow, if I order before 2 will it arrive?",
    'if I order before 2 will it be here in time for tomorrow?',
  ])('%j keeps its urgency (a need, an occasion, "in time")', (t) => {
    expect(cutOff(t)).toBe(false);
    expect(reason(t)).toBe('urgency');
  });

  it('no time the customer orders by, no cut-off', () => {
    expect(cutOff('can it come before 2 tomorrow?')).toBe(false);
    expect(cutOff('i ordered it by mistake')).toBe(false);
  });
});
