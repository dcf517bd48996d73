/**
 * Session 41 (lead, newcomer s41 N2): the classifier read the words of an email address ("someone.with.a.very.long.
 * address@...": "someone", "very") as fraud at 0.83 and an ordinary first message went to a person. It reads a message
 * without its email and web addresses now.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../../shared/nlu/analyzeText';
import { classifyMessage, classifyMessageUncached, topContributors } from '../../../shared/escalation/classifier/escalationClassifier';
import { OUTPUTS } from '../../../shared/escalation/classifier/outputs';
import { converse } from '../engine/harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';

const FRAUD = OUTPUTS.indexOf('fraud');
const LONG =
  'Hi, this is a fairly long first message to see how the widget wraps text on a narrow screen, with an order number NW-104233 and an email someone.with.a.very.long.address@example-company-domain.co.uk';

describe('the classifier reads no words of an address', () => {
  it('an email address adds nothing: the same scores as the message without it', () => {
    const withAddress = classifyMessage(analyzeText(LONG));
    const without = classifyMessage(analyzeText(LONG.replace(/ someone\S+/, ' ')));
    expect(Array.from(withAddress)).toEqual(Array.from(without));
    expect(withAddress[FRAUD]).toBeLessThan(0.6);
    expect(topContributors(analyzeText(LONG), 'fraud', 8)).not.toContain('someone');
  });

  it('a web address too; the fast and slow paths agree', () => {
    const text = 'is https://someone-stole.example.com/very/urgent a real page of yours';
    const a = analyzeText(text);
    expect(Array.from(classifyMessage(a))).toEqual(Array.from(classifyMessage(analyzeText('is a real page of yours'))));
    const fast = classifyMessage(a);
    const slow = classifyMessageUncached(a);
    for (let k = 0; k < fast.length; k++) expect(fast[k]).toBeCloseTo(slow[k], 5);
  });

  it('the words around the address still count: "someone used my card" beside an email is fraud', () => {
    const p = classifyMessage(analyzeText('someone used my card without asking, I am kim@example.com'));
    expect(p[FRAUD]).toBeGreaterThan(0.6);
  });

  it('Northwind: the long test message is not handed to a person', () => {
    const flow = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
    const c = converse(flow, { now: Date.parse('2026-03-09T11:30:00Z') });
    c.say(LONG);
    expect(c.effects('handoff_request')).toHaveLength(0);
    expect(c.state.waiting?.kind).not.toBe('takeover_question');
  });
});
