/**
 * Session 34 (hostile s33 #3): "wait" at the ticket's email question (out of hours) was "That doesn't look like an email
 * address", a wrong try counted: the customer is looking for the address. A request for a moment gets "take your time"
 * and the question again, at the ticket's and the takeover's email questions; an address with it is taken.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { asksForAMoment, momentEmailTexts } from '../../../shared/engine/emailNonAnswers';

const SATURDAY_AFTERNOON = Date.parse('2026-03-07T13:30:00Z'); // closed: the ticket asks for the email
const MONDAY_MORNING = Date.parse('2026-03-09T11:30:00Z'); // open: the takeover asks for the email
const load = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;

describe('asksForAMoment', () => {
  it.each(['wait', 'Wait...', 'hold on', 'hang on a sec', 'one sec', '1 sec pls', 'just a moment', 'give me a minute', 'gimme a sec', 'ok let me check', 'let me find it', 'brb', 'um hold on, let me check'])(
    '%j asks for a moment',
    (t) => expect(asksForAMoment(t)).toBe(true),
  );
  it.each(['wait, kim@example.com', 'I can\'t wait any longer', 'wait for what?', 'why should I wait', 'I waited a week', 'no', 'kim at example dot com', 'hold on, why do you need it'])(
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
