/**
 * Session 39 (fix, hostile s38 M3): a claim reference given with the policy number ("my policy is HM-2231-0457 and my
 * claim is CL-558201") was asked for again at "What is your claim reference? (e.g. CL-558201)", and "what's happening
 * with claim CL-558201?" at the menu got "Please choose one of the options." A reference of the shape a question on one
 * option's way asks for (its example) picks that option, and a question asking for a reference of a shape the customer
 * already gave (and nothing has used) takes it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';

const insurer = () => loadFlowText(readFileSync(new URL('../../../flows/insurance-claims.json', import.meta.url), 'utf8')).flow!;
const support = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const OPEN = Date.parse('2026-03-09T11:30:00Z');
const CLAIM_Q = /What is your claim reference/;

describe('hostile s38 M3: a claim reference', () => {
  it('given with the policy number is not asked again', () => {
    const c = converse(insurer(), { now: OPEN });
    c.say('my policy is HM-2231-0457 and my claim is CL-558201');
    expect(c.variables().policyNumber).toBe('HM-2231-0457');
    c.say('2');
    expect(c.botTexts().some((t) => CLAIM_Q.test(t))).toBe(false);
    expect(c.variables().claimNumber).toBe('CL-558201');
    expect(JSON.stringify(c.effects('http_request'))).toContain('/claims/CL-558201');
  });

  it.each(["whats happening with claim CL-558201?", "what's the status of CL-558201"])('"%s" at the menu follows up on that claim', (q) => {
    const c = converse(insurer(), { now: OPEN });
    c.say('HM-2231-0457');
    const said = c.say(q).messages.map((m) => m.text).join('\n');
    expect(said).not.toMatch(/Please choose one of the options/);
    expect(c.variables().topic).toBe('Follow up on a claim');
    expect(c.variables().claimNumber).toBe('CL-558201');
    expect(c.effects('http_request')).toHaveLength(1);
  });

  it('a reference that fits no option, or the ways of two, picks nothing', () => {
    const c = converse(insurer(), { now: OPEN });
    c.say('HM-2231-0457');
    expect(c.say('what about XY-12').messages.map((m) => m.text).join('\n')).toMatch(/Please choose one of the options/);
    // Northwind: an order number fits both "Track my order" and "Returns": the menu reads it as before (its router).
    const s = converse(support(), { now: OPEN });
    s.say('NW-104233');
    expect(s.variables().menuChoice).toBeUndefined();
  });

  it('a reference already used for one question is not taken by another', () => {
    const c = converse(insurer(), { now: OPEN });
    c.say('HM-2231-0457');
    c.say('2');
    c.say('CL-558201');
    c.http(true, { status: 'open', handler: { name: 'Jo' } });
    c.say('yes');
    c.say('2');
    expect(c.lastBotText()).toMatch(CLAIM_Q);
  });
});
