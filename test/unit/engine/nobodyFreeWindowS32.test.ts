/**
 * Session 32 (issue 8): at a block's own question right after the takeover found nobody (out of hours: the ticket's
 * email and issue questions), nothing the escalation policy decides hands over, so it reads only what changes the reply
 * (self-harm, a request for a person, an upset message) and the escalation memory does not advance (engine.ts
 * nobodyFreeText). The replies there are the same as before; messages there are no failed turns afterwards.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { takeoverTexts } from '../../../shared/engine/humanTakeover';
import { converse } from './harness';

const SATURDAY_22 = Date.parse('2026-12-05T22:00:00Z'); // Northwind's team: Mon-Fri 8-20, Sat 9-13 (Europe/London)
const northwind = () => loadFlowText(readFileSync('flows/customer-support.json', 'utf8')).flow!;
const EMAIL_RETRY = /doesn't look like an email address/;

function atEmailQuestion() {
  const c = converse(northwind(), { now: SATURDAY_22 });
  c.say('I want to talk to a real person');
  expect(c.state.waiting).toMatchObject({ kind: 'ticket_question', field: 'email' });
  return c;
}
const reply = (c: ReturnType<typeof atEmailQuestion>, text: string) => {
  const n = c.botTexts().length;
  c.say(text);
  return c.botTexts().slice(n).join(' ');
};

describe('the no-agent follow-up reads only what changes its reply (session 32)', () => {
  it('questions that do not answer the email question leave the escalation memory as it was', () => {
    const c = atEmailQuestion();
    const before = JSON.stringify(c.state.escalation);
    // Session 39 (hostile s38 M4): a question there is no wrong address any more (answered or told who can answer it),
    // and the email asked again.
    for (const q of ['where is my order??', 'how long does delivery take?']) {
      const r = reply(c, q);
      expect(r).not.toMatch(EMAIL_RETRY);
      expect(r).toMatch(/email address should we reply to/);
    }
    expect(JSON.stringify(c.state.escalation)).toBe(before);
  });

  it('an email there is taken without a policy decision', () => {
    const c = atEmailQuestion();
    c.say('kim@example.com');
    expect(c.variables().customerEmail).toBe('kim@example.com');
    expect(c.lastStep.decision).toBeNull();
  });

  it('a request for a person, an upset message and words of self-harm still get their own replies', () => {
    const asked = atEmailQuestion();
    const r1 = reply(asked, 'I still want a human please');
    expect(r1).not.toMatch(EMAIL_RETRY);
    expect(asked.lastStep.decision?.explanation).toMatch(/^Not handed over: the Human takeover just found nobody available/);
    const upset = atEmailQuestion();
    expect(reply(upset, 'are you even listening? this is a joke')).toMatch(/^I understand, and I'm sorry/);
    const crisis = atEmailQuestion();
    expect(reply(crisis, 'I want to die')).toContain(takeoverTexts.crisisNobodyNow);
    expect(crisis.effects().some((e) => e.type === 'handoff_request')).toBe(false);
  });
});
