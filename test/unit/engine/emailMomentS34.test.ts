/**
 * Session 34 (hostile s33 #3): "wait" at the ticket's email question (out of hours) was "That doesn't look like an email
 * address", a wrong try counted: the customer is looking for the address. A request for a moment gets "take your time"
 * and the question again, at the ticket's and the takeover's email questions; an address with it is taken.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { asksForAMoment, heldAnswer, momentEmailTexts } from '../../../shared/engine/emailNonAnswers';

const SATURDAY_AFTERNOON = Date.parse('2026-03-07T13:30:00Z'); // closed: the ticket asks for the email
const MONDAY_MORNING = Date.parse('2026-03-09T11:30:00Z'); // open: the takeover asks for the email
const load = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;

describe('asksForAMoment', () => {
  it.each(['wait', 'Wait...', 'hold on', 'hang on a sec', 'one sec', '1 sec pls', 'just a moment', 'give me a minute', 'gimme a sec', 'ok let me check', 'let me find it', 'brb', 'um hold on, let me check',
    // Hostile s34: with words about looking for it.
    "wait, I'll look it up", 'give me a sec to find it', 'wait for me', 'let me check my inbox', 'let me check my other email', 'please hold', 'hold', 'wait up'])(
    '%j asks for a moment',
    (t) => expect(asksForAMoment(t)).toBe(true),
  );
  it.each(['wait, kim@example.com', 'I can\'t wait any longer', 'wait for what?', 'why should I wait', 'I waited a week', 'no', 'kim at example dot com', 'hold on, why do you need it', 'one sec bye', 'hold my order', "wait, no, I don't want to give my email"])(
    '%j does not',
    (t) => expect(asksForAMoment(t)).toBe(false),
  );
});

describe('a moment asked for at an email question', () => {
  it('the ticket (out of hours): take your time, no try counted, then the address is taken', () => {
    const c = converse(load(), { now: SATURDAY_AFTERNOON });
    c.say('I want to talk to a person');
    expect(c.lastBotText()).toBe('What email address should we reply to?');
    for (const t of ['wait', 'hold on let me check', 'one sec']) {
      c.say(t);
      expect(c.lastBotText()).toBe(momentEmailTexts.ticket);
    }
    expect(c.botTexts().join('\n')).not.toMatch(/doesn't look like an email/);
    c.say('kim@example.com');
    expect(c.variables().customerEmail).toBe('kim@example.com');
    expect(c.lastBotText()).toBe('What should our team help you with?');
  });

  it('the takeover (in hours): the same, and the handoff waits for the address', () => {
    const c = converse(load(), { now: MONDAY_MORNING });
    c.say('I want to talk to a person');
    expect(c.lastBotText()).toBe('What is your email address, in case we get disconnected?');
    c.say('gimme a sec');
    expect(c.lastBotText()).toBe(momentEmailTexts.takeover);
    expect(c.effects('handoff_request')).toHaveLength(0);
    c.say('kim@example.com');
    expect(c.variables().customerEmail).toBe('kim@example.com');
    expect(c.effects('handoff_request').length).toBeGreaterThan(0);
  });

  it('a wrong address is still a wrong address', () => {
    const c = converse(load(), { now: SATURDAY_AFTERNOON });
    c.say('I want to talk to a person');
    c.say('kim@example');
    expect(c.lastBotText()).toMatch(/doesn't look like an email address/);
  });
});

describe('an answer after a hold (hostile s34)', () => {
  it.each([
    ["wait, no, I don't want to give my email", "no, I don't want to give my email"],
    ["one sec, I don't have one", "I don't have one"],
    ['hold on, why do you need it', 'why do you need it'],
    ['wait, kim@example.com', 'wait, kim@example.com'],
    ['wait', 'wait'],
    ['hold my order', 'hold my order'],
  ])('heldAnswer(%j) is %j', (t, answer) => expect(heldAnswer(t)).toBe(answer));

  it('at the ticket: a refusal after a hold goes on without an email; "one sec bye" leaves; nothing is the issue', () => {
    for (const t of ["wait, no, I don't want to give my email", "one sec, I don't have one"]) {
      const c = converse(load(), { now: SATURDAY_AFTERNOON });
      c.say('I want to talk to a person');
      c.say(t);
      expect(c.lastBotText()).toBe('What should our team help you with?');
      expect(c.variables().handoffReason ?? null).toBeNull();
    }
    const c = converse(load(), { now: SATURDAY_AFTERNOON });
    c.say('I want to talk to a person');
    c.say('one sec bye');
    expect(c.effects('create_ticket')).toHaveLength(0);
    expect(c.botTexts().join("\n")).toMatch(/nothing was sent to the team/);
  });

  it('at the takeover: a refusal after a hold goes on without an email (no wrong-address retry)', () => {
    const c = converse(load(), { now: MONDAY_MORNING });
    c.say('I want to talk to a person');
    c.say("wait, no, I don't want to give my email");
    expect(c.botTexts().join('\n')).not.toMatch(/doesn't look like an email/);
    expect(c.effects('handoff_request').length).toBeGreaterThan(0);
  });
});

describe('progress words at the email question (hostile s34)', () => {
  it.each(['waiting', 'searching', "I'm looking for it", "i'm checking", 'un momento', 'wait 2 mins'])('%j is a moment, not a name', (t) => {
    expect(asksForAMoment(t)).toBe(true);
    const c = converse(load(), { now: SATURDAY_AFTERNOON });
    c.say('I want to talk to a person');
    c.say(t);
    expect(c.lastBotText()).toBe(momentEmailTexts.ticket);
    expect(c.variables().customerName ?? null).toBeNull();
  });
  it.each(["I've been waiting 3 weeks", 'still waiting for my refund', 'looking for a lamp'])('%j is not', (t) => expect(asksForAMoment(t)).toBe(false));
});
