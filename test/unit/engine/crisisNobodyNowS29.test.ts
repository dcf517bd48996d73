/**
 * Hostile s28 H11, newcomer s28 N5 (second half): out of hours (and with nobody online) the Human takeover said only
 * "Our team is offline right now ... we'll get back to you first thing" to "I want to kill myself", with no crisis line,
 * and gave an upset customer no apology; the step's explanation said "the customer wanted a person" whatever the policy
 * had read. A further crisis message at the ticket's email question got "That doesn't look like an email address".
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { takeoverTexts } from '../../../shared/engine/humanTakeover';
import { ticketPrompts } from '../../../shared/engine/ticketBlock';
import { converse, type ConverseOptions } from './harness';

const SATURDAY_22 = Date.parse('2026-12-05T22:00:00Z'); // Northwind's team: Mon-Fri 8-20, Sat 9-13 (Europe/London)
const WEDNESDAY_11 = Date.parse('2026-12-02T11:00:00Z');
const northwind = () => loadFlowText(readFileSync('flows/customer-support.json', 'utf8')).flow!;
const OFFLINE = /^Our team is offline right now/;
const EMAIL_RETRY = /doesn't look like an email address/;

function after(first: string, now = SATURDAY_22, agents?: ConverseOptions['agents']) {
  const c = converse(northwind(), { now, agents });
  const n = c.botTexts().length;
  c.say(first);
  return { c, said: c.botTexts().slice(n), explanation: c.lastStep.decision?.explanation ?? '' };
}

describe('self-harm when nobody can answer (hostile s28 H11)', () => {
  it('out of hours: the crisis line comes before the out-of-hours text, and the notice names the crisis, not "wanted a person"', () => {
    const { c, said, explanation } = after('I want to kill myself');
    const crisis = said.indexOf(takeoverTexts.crisisNobodyNow);
    const offline = said.findIndex((t) => OFFLINE.test(t));
    expect(crisis).toBeGreaterThanOrEqual(0);
    expect(offline).toBeGreaterThan(crisis);
    expect(takeoverTexts.crisisNobodyNow).toMatch(/emergency number/);
    expect(takeoverTexts.crisisNobodyNow).not.toMatch(/someone will be with you|as soon as possible|first thing/);
    expect(c.effects().some((e) => e.type === 'handoff_request')).toBe(false);
    expect(explanation).toMatch(/^Out of hours: the policy would have handed over \(self-harm \/ crisis/);
    expect(explanation).not.toMatch(/wanted a person/);
  });

  it('a further crisis message at the email question gets the crisis line and the question again, not "That doesn\'t look like an email address"', () => {
    const { c } = after('I want to kill myself');
    expect(c.state.waiting).toMatchObject({ kind: 'ticket_question', field: 'email' });
    const n = c.botTexts().length;
    c.say('I want to die');
    const said = c.botTexts().slice(n);
    expect(said).toEqual([takeoverTexts.crisisNobodyNow, ticketPrompts.emailAfterCrisis]);
    expect(said.join(' ')).not.toMatch(EMAIL_RETRY);
    expect(c.state.waiting).toMatchObject({ kind: 'ticket_question', field: 'email', retries: 0 });
    // The email is still taken afterwards.
    c.say('kim@example.com');
    expect(c.variables().customerEmail).toBe('kim@example.com');
  });

  it('a wrong email at the same question is still refused as before (no crisis line)', () => {
    const { c } = after('I want to kill myself');
    const n = c.botTexts().length;
    c.say('kim at example');
    const said = c.botTexts().slice(n);
    expect(said.join(' ')).toMatch(EMAIL_RETRY);
    expect(said).not.toContain(takeoverTexts.crisisNobodyNow);
  });

  it('with nobody online (in hours) the crisis line comes before "no one is available"', () => {
    const { said, explanation } = after('I want to kill myself', WEDNESDAY_11, [{ id: 'dev', name: 'Dev', status: 'offline', skills: [], languages: [], teams: [], activeChats: 0, lastAssignedAt: null }]);
    expect(said.indexOf(takeoverTexts.crisisNobodyNow)).toBeGreaterThanOrEqual(0);
    expect(said.indexOf(takeoverTexts.noAgent)).toBeGreaterThan(said.indexOf(takeoverTexts.crisisNobodyNow));
    expect(explanation).toMatch(/^Nobody available: the policy would have handed over \(self-harm \/ crisis/);
  });

  it('in hours with someone online, no out-of-hours crisis line: the handoff goes ahead', () => {
    const { c, said } = after('I want to kill myself', WEDNESDAY_11);
    expect(said).not.toContain(takeoverTexts.crisisNobodyNow);
    expect(c.state.waiting?.kind === 'takeover_question' || c.state.mode === 'waiting').toBe(true);
  });
});

describe('an upset customer out of hours (newcomer s28 N5)', () => {
  it('is told sorry first, without "I\'ll get a person"; the notice says the customer is upset', () => {
    const { said, explanation } = after('this is ridiculous, useless bot, I am furious');
    expect(said.indexOf(takeoverTexts.sorryNobodyNow)).toBeGreaterThanOrEqual(0);
    expect(said.findIndex((t) => OFFLINE.test(t))).toBe(said.indexOf(takeoverTexts.sorryNobodyNow) + 1);
    expect(said.join(' ')).not.toMatch(/get a person/);
    expect(said).not.toContain(takeoverTexts.crisisNobodyNow);
    expect(explanation).toMatch(/^Out of hours: the policy would have handed over \(the customer is upset/);
  });

  it('a plain request for a person out of hours: no apology, no crisis line; the notice says the customer asked for a person', () => {
    const { said, explanation } = after('I want to talk to a human');
    expect(said).not.toContain(takeoverTexts.sorryNobodyNow);
    expect(said).not.toContain(takeoverTexts.crisisNobodyNow);
    expect(said.some((t) => OFFLINE.test(t))).toBe(true);
    expect(explanation).toMatch(/^Out of hours: the customer asked for a person, but /);
  });
});
