/**
 * Newcomer s13 #17 (README "Not finished"): a name typed one turn late, at the takeover's email question, was refused
 * as an email ("That doesn't look like an email address"). The name is now kept and the email asked again (not counted
 * as a wrong email); an email question answered with a name likewise (Custom mode, which asks no name).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { defaultTakeoverFlow } from './defaultTakeoverFlow';
import { takeoverPrompts, takeoverTexts } from '../../../shared/engine/humanTakeover';
import { nameFromAnswer } from '../../../shared/engine/questionValidators';
import { loadFlowText } from '../../../shared/flow/loadFlowText';

const MONDAY_10_LONDON = Date.parse('2026-12-07T10:00:00Z');

describe('a name at the email question (newcomer s13 #17)', () => {
  it('Default mode: the name question skipped after two sentences, then "Kim" at the email question is the name', () => {
    const c = converse(defaultTakeoverFlow());
    c.say('I want to talk to a human');
    expect(c.lastBotText()).toBe(takeoverPrompts.name);
    c.say('my parcel is late again');
    expect(c.lastBotText()).toBe(takeoverTexts.nameRetryNoted);
    c.say('hang on');
    expect(c.lastBotText()).toBe(takeoverPrompts.email);
    c.say('Kim');
    expect(c.variables().customerName).toBe('Kim');
    expect(c.lastBotText()).toBe(takeoverTexts.emailAfterName('Kim'));
    expect(c.botTexts()).not.toContain(takeoverTexts.emailRetry);
    // Two wrong emails are still allowed after it (the name was not counted as one), then the handoff goes on.
    c.say('kim at example');
    expect(c.lastBotText()).toBe(takeoverTexts.emailRetry);
    c.say('kim@example.com');
    expect(c.variables().customerEmail).toBe('kim@example.com');
    expect(c.effects('handoff_request')).toHaveLength(1);
    expect(c.effects('handoff_request')[0].context.summary).toContain('Kim');
  });

  it('once a name is known, a second name-like answer is an ordinary wrong email; non-names are never taken', () => {
    const c = converse(defaultTakeoverFlow());
    c.say('I want to talk to a human');
    c.say('Ana');
    expect(c.lastBotText()).toBe(takeoverPrompts.email);
    c.say('Kim');
    expect(c.variables().customerName).toBe('Ana');
    expect(c.lastBotText()).toBe(takeoverTexts.emailRetry);
    for (const t of ['nah', 'later', 'gmail', 'wait', 'one sec', 'huh', 'no email', 'agent'])
      expect(nameFromAnswer(t), t).toBeNull();
  });

  it('Custom mode (the template, which asks no name): "It\'s Kim Lee" at the email question is kept as the name', () => {
    const flow = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
    const c = converse(flow, { now: MONDAY_10_LONDON });
    c.click('Track my order');
    c.say('NW-55555');
    c.http(false, null, 0);
    c.click('Talk to a person');
    expect(c.lastBotText()).toBe(takeoverPrompts.email);
    c.say("It's Kim Lee");
    expect(c.variables().customerName).toBe('Kim Lee');
    expect(c.lastBotText()).toBe(takeoverTexts.emailAfterName('Kim Lee'));
    c.say('kim.lee@example.com');
    expect(c.variables().customerEmail).toBe('kim.lee@example.com');
  });
});
