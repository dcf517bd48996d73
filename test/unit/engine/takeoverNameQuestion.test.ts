import { describe, it, expect } from 'vitest';
import { converse } from './harness';
import { defaultTakeoverFlow } from './defaultTakeoverFlow';
import { nameFromAnswer } from '../../../shared/engine/questionValidators';
import { takeoverPrompts, takeoverTexts } from '../../../shared/engine/humanTakeover';

// newcomer s8 #30: "may I have your name?" took any sentence as the name, so the agent was told the customer is called
// "a jumper came in the wrong colour".

const flow = defaultTakeoverFlow;

describe('the handoff name question (newcomer s8 #30)', () => {
  it('a sentence is refused and the question asked again; the real name is kept', () => {
    const c = converse(flow());
    c.say('I want to talk to a human');
    expect(c.lastBotText()).toBe(takeoverPrompts.name);
    c.say('a jumper came in the wrong colour');
    expect(c.variables().customerName).toBeUndefined();
    // Session 12 (newcomer s12 #20): the sentence is kept as the reason (not asked again), the name asked once more.
    expect(c.lastBotText()).toBe(takeoverTexts.nameRetryNoted);
    expect(c.variables().handoffReason).toBe('a jumper came in the wrong colour');
    c.say("I'm Kim Lee");
    expect(c.variables().customerName).toBe('Kim Lee');
  });

  it('after a second sentence the handoff goes on without a name', () => {
    const c = converse(flow());
    c.say('I want to talk to a human');
    c.say('a jumper came in the wrong colour');
    c.say('it is the blue one from last week');
    expect(c.variables().customerName).toBeUndefined();
    expect(c.botTexts().slice(-2)).toEqual([takeoverTexts.nameSkipped, takeoverPrompts.email]);
    c.say('kim@example.com');
    // The first sentence was kept as the reason (session 12), so the handoff follows the email.
    expect(c.effects('handoff_request')).toHaveLength(1);
    expect(c.effects('handoff_request')[0].context.summary).toMatch(/^The customer \(kim@example.com\) needs help with: a jumper came/);
  });

  it('reads names, not sentences', () => {
    for (const [answer, name] of [['Kim Lee', 'Kim Lee'], ['my name is Ana.', 'Ana'], ['José María de la Cruz', 'José María de la Cruz'], ["Siobhán O'Neill-Murphy", "Siobhán O'Neill-Murphy"], ['李雷', '李雷']] as const) {
      expect(nameFromAnswer(answer)).toBe(name);
    }
    for (const sentence of ['a jumper came in the wrong colour', 'where is my order', 'NW-104233', 'kim@example.com', 'the one I got before xmas', 'why do you need it?']) {
      expect(nameFromAnswer(sentence), sentence).toBeNull();
    }
  });
});
