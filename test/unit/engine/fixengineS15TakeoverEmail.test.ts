/**
 * Session 15 (fixengine; rule by fixanswers, questionValidators.emailAnswer): the takeover's own email question ("What is
 * your email address, in case we get disconnected?") reads several addresses the way the ticket's does: not the shop's
 * own, not one the customer sets aside; two that could each be theirs are asked about, not guessed (hostile s15 H#1,
 * s14 #20 rest: the last was taken). Plus newcomer s15 N#22 half (fixtemplates' hunk): an email typed at the name
 * question is kept.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';

const template = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const MONDAY_10_LONDON = Date.parse('2026-12-07T10:00:00Z');
const EMAIL_Q = 'What is your email address, in case we get disconnected?';

describe("the takeover's email question with several addresses", () => {
  it('two that could each be the customer\'s: asked which; the answer then is taken', () => {
    const c = converse(template(), { now: MONDAY_10_LONDON });
    c.say('I want to talk to a human');
    expect(c.lastBotText()).toBe(EMAIL_Q);
    c.say('ann@example.com or bob@example.com');
    expect(c.lastBotText()).toBe('Which one should we reply to: ann@example.com or bob@example.com?');
    expect(c.variables().customerEmail).toBeUndefined();
    c.say('bob@example.com');
    expect(c.variables().customerEmail).toBe('bob@example.com');
  });

  it('one set aside or the shop\'s no-reply: the other is taken at once', () => {
    for (const [t, want] of [
      ['send it to new@example.com, not old@example.com', 'new@example.com'],
      ['mine is ana@example.com, I got a mail from noreply@northwind.example', 'ana@example.com'],
    ] as const) {
      const c = converse(template(), { now: MONDAY_10_LONDON });
      c.say('I want to talk to a human');
      c.say(t);
      expect(c.variables().customerEmail, t).toBe(want);
      expect(c.botTexts().filter((x) => x.startsWith('Which one'))).toHaveLength(0);
    }
  });
});
