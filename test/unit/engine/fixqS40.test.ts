/**
 * Session 40 (fixq): small hostile s40 findings.
 * L8: the hot-lead summary read "Handed over because a promising sales lead." (every other reason is a sentence).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { reasonPhrases } from '../../../shared/engine/handoffContext';

const leadGen = () => loadFlowText(readFileSync(new URL('../../../flows/lead-gen.json', import.meta.url), 'utf8')).flow!;

describe('hostile s40 L8: the hot-lead summary is a sentence', () => {
  it('says "because the customer is a promising sales lead"', () => {
    const c = converse(leadGen(), { now: Date.parse('2026-03-09T15:30:00Z') });
    for (const t of ['201+', 'yes', 'bob@acme.com', '50000', 'Bob', 'x']) c.say(t);
    const all = JSON.stringify(c.effects());
    expect(all).toContain('Handed over because the customer is a promising sales lead.');
    expect(all).not.toContain('because a promising');
  });

  it('every reason phrase reads after "because" as a clause (has a verb)', () => {
    for (const [reason, phrase] of Object.entries(reasonPhrases)) {
      expect(phrase, reason).toMatch(/\b(?:is|are|was|asked|reached|came|kept|could)\b/);
    }
  });
});

const support = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const NOT_EMAIL = /doesn't look like an email/;

describe('hostile s40 M8: "why do you need my email?" at a flow\'s email question', () => {
  it.each(['why do you need my email?', 'what for?', 'why do you want it'])('"%s" at lead-gen\'s work email: what it is for, the question again', (q) => {
    const c = converse(leadGen(), { now: Date.parse('2026-03-09T15:30:00Z') });
    for (const t of ['201+', 'yes']) c.say(t);
    expect(c.lastBotText()).toMatch(/work email/);
    c.say(q);
    const last = c.lastBotText()!;
    expect(last).not.toMatch(NOT_EMAIL);
    expect(last).toContain('We only use your email to get back to you');
    expect(last).toMatch(/What is your work email/);
    c.say('bob@acme.com');
    expect(c.variables().customerEmail).toBe('bob@acme.com');
  });
});

describe('hostile s40 M11: a refusal with "you" at an email question', () => {
  it.each(["no I won't give you my email", "I won't give out my email", "I don't want to give my email to you"])('"%s" at the open takeover goes on without it', (q) => {
    const c = converse(support(), { now: Date.parse('2026-03-09T11:30:00Z') });
    c.say('I want a human');
    c.say(q);
    const after = c.botTexts().slice(-2).join(' ');
    expect(after).not.toMatch(NOT_EMAIL);
    expect(after).toContain('continue without it');
    expect(c.variables().customerEmail ?? null).toBeNull();
  });
});

describe('newcomer s40 N1: out of hours, a request for a person at a task\'s question', () => {
  const SUNDAY = Date.parse('2026-03-08T14:14:00Z');
  it('promises no details it does not take; asked again, it takes them (email, ticket)', () => {
    const c = converse(support(), { now: SUNDAY });
    c.click('Returns');
    expect(c.lastBotText()).toMatch(/Which order is the return for/);
    c.say('actually can I speak to someone, this is taking ages');
    const said = c.botTexts().slice(-2).join(' ');
    expect(said).not.toMatch(/Leave your details/);
    expect(said).toMatch(/Our team is offline right now, so I can't put you through: they're back .*ask for a person again/);
    expect(c.lastBotText()).toMatch(/Which order is the return for/);
    c.say('can I speak to someone please');
    expect(c.lastBotText()).toMatch(/email/i);
  });
});
