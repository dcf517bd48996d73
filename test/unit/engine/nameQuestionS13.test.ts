/**
 * Hostile s13 #10: the Default-mode name question took "agent", "human", "Customer Service", "Manager", "urgent",
 * "NOW", "whatever", "fuck off", "idiot bot" and 300 x's as the customer's name (the inbox title and "fuck off is
 * waiting." in the handoff summary). These are not names now; asking for a person again skips the name question.
 */
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { defaultTakeoverFlow } from './defaultTakeoverFlow';
import { takeoverPrompts, takeoverTexts } from '../../../shared/engine/humanTakeover';
import { asksForAPersonAgain, MAX_NAME_CHARS, nameFromAnswer } from '../../../shared/engine/questionValidators';

describe('the name question (hostile s13 #10)', () => {
  it('person words, urgency, filler, insults and overlong answers are not names; real names still are', () => {
    for (const t of ['agent', 'human', 'Customer Service', 'Manager', 'urgent', 'NOW', 'whatever', 'fuck off', 'idiot bot', 'x'.repeat(300)]) expect(nameFromAnswer(t), t.slice(0, 20)).toBeNull();
    for (const t of ['Kim', 'Kim Lee', 'Jean-Luc Picard', "Mary O'Neil", 'Hope', 'Angel', 'Dr. Ana Silva']) expect(nameFromAnswer(t), t).toBe(t);
    expect(nameFromAnswer('Ana, I want a human NOW')).toBe('Ana');
    expect(nameFromAnswer('A'.repeat(MAX_NAME_CHARS))).toBe('A'.repeat(MAX_NAME_CHARS));
    expect(nameFromAnswer('A'.repeat(MAX_NAME_CHARS + 1))).toBeNull();
  });

  it('"agent" at the name question: no name, not asked again, on to the email', () => {
    expect(asksForAPersonAgain('just get me a real person')).toBe(true);
    expect(asksForAPersonAgain('Kim')).toBe(false);
    const c = converse(defaultTakeoverFlow());
    c.say('I want to talk to a human');
    expect(c.lastBotText()).toBe(takeoverPrompts.name);
    c.say('agent');
    expect(c.variables().customerName).toBeUndefined();
    expect(c.botTexts().slice(-2)).toEqual([takeoverTexts.nameSkipped, takeoverPrompts.email]);
  });

  it('an insult is asked again like any non-name, then skipped; the summary never calls the customer by it', () => {
    const c = converse(defaultTakeoverFlow());
    c.say('I want to talk to a human');
    c.say('fuck off');
    expect(c.lastBotText()).toBe(takeoverTexts.nameRetry);
    c.say('idiot bot');
    c.say('kim@example.com');
    c.say('my parcel is late');
    const req = c.effects('handoff_request');
    expect(req).toHaveLength(1);
    const summary = req[0].context.summary;
    expect(summary).toMatch(/^The customer \(kim@example\.com\) needs help with: my parcel is late\./);
    // The insult is only quoted as how upset the customer sounded (session 35, newcomer s32 #7), never as their name.
    expect(summary).toMatch(/The customer sounded upset: "(fuck off|idiot bot)"\./);
    expect(summary.replace(/The customer sounded upset: "[^"]*"\./, '')).not.toMatch(/fuck|idiot/);
  });
});
