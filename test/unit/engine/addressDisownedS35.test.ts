/**
 * Session 35 (hostile s34 #12): an address the customer disowns in the same message ("ana@example.com hold on that's my
 * old one", "... sorry that is wrong", "... wait, let me check") was used (stored, the flow went on); "wait, don't use
 * ana@example.com" got "That doesn't look like an email address" (the wrong reason). Now both get "OK, not that one.
 * Which email address should we use?" and the right address is asked for, at the takeover's and the ticket's questions.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { disownsAnAddress, emailAnswer } from '../../../shared/engine/questionValidators';
import { notThatEmail } from '../../../shared/engine/emailNonAnswers';

const SATURDAY_AFTERNOON = Date.parse('2026-03-07T13:30:00Z'); // closed: the ticket asks
const MONDAY_MORNING = Date.parse('2026-03-09T11:30:00Z'); // open: the takeover asks
const load = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;

const DISOWNED = ["ana@example.com hold on that's my old one", 'ana@example.com sorry that is wrong', 'ana@example.com wait, let me check', 'ana@example.com oops wrong one', "ana@example.com - no wait, it's not mine"];

describe('an address disowned after it', () => {
  it.each(DISOWNED)('%j is no answer', (t) => {
    expect(emailAnswer(t).ok).toBe(false);
    expect(disownsAnAddress(t)).toBe(true);
  });
  it.each([
    ['ana@example.com', 'ana@example.com'],
    ['ana@example.com thanks', 'ana@example.com'],
    ['kim@x.com wrong item came', 'kim@x.com'],
    ['ana@example.com, sorry for the trouble', 'ana@example.com'],
    ["my email is ana@example.com, it's not working on your site though", 'ana@example.com'],
    ["ana@example.com sorry that's my old one, use ana@new.com", 'ana@new.com'],
  ])('%j is %s', (t, value) => expect(emailAnswer(t)).toEqual({ ok: true, value }));
});

describe('at the email questions', () => {
  it.each(DISOWNED.concat("wait, don't use ana@example.com"))('the takeover (in hours): %j asks for the right one, then takes it', (t) => {
    const c = converse(load(), { now: MONDAY_MORNING });
    c.say('I want to talk to a person');
    c.say(t);
    expect(c.lastBotText()).toBe(notThatEmail);
    expect(c.variables().customerEmail ?? null).toBeNull();
    expect(c.effects('handoff_request')).toHaveLength(0);
    c.say('ana@new.com');
    expect(c.variables().customerEmail).toBe('ana@new.com');
    expect(c.effects('handoff_request')).toHaveLength(1);
  });

  it.each(DISOWNED.concat("wait, don't use ana@example.com"))('the ticket (out of hours): %j asks for the right one', (t) => {
    const c = converse(load(), { now: SATURDAY_AFTERNOON });
    c.say('I want to talk to a person');
    c.say(t);
    expect(c.lastBotText()).toBe(notThatEmail);
    expect(c.variables().customerEmail ?? null).toBeNull();
    c.say('ana@new.com');
    expect(c.variables().customerEmail).toBe('ana@new.com');
    expect(c.lastBotText()).toBe('What should our team help you with?');
  });
});
