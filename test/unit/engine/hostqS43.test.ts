/**
 * Session 43 (hostq): hostile s43 M3, M4, L3, L1.
 * M3: "I'd rather explain it on the call" at the takeover's name question became the reason ("Thanks, I've noted that for
 *     the team"; the agent read "needs help with: I'd rather explain it on the call"): no reason, the name asked again.
 * M4: "I'd rather explain it to the person" at the email question skipped the email, then asked the reason anyway.
 * L3: "Dana Scully, dana@fbi.example, 0207 946 0000" at the name question kept the address and asked the name again.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { takeoverPrompts } from '../../../shared/engine/humanTakeover';
import { keepsReasonForPerson } from '../../../shared/engine/reasonGiven';

const load = (name: string) => loadFlowText(readFileSync(new URL(`../../../flows/${name}.json`, import.meta.url), 'utf8')).flow!;
const OPEN = Date.parse('2026-03-09T11:30:00Z');

function leadGenAtName(first = 'I want to speak to a sales person') {
  const c = converse(load('lead-gen'), { now: OPEN });
  c.say(first);
  expect(c.lastBotText()).toBe(takeoverPrompts.name);
  return c;
}
const pending = (c: ReturnType<typeof converse>) => c.state.handoff;

describe('a deferral at the name question is no reason (M3)', () => {
  it("\"I'd rather explain it on the call\": not noted, the name asked again, and no reason question after", () => {
    const c = leadGenAtName("I'd rather talk to sales, we are about 300 people");
    c.say("I'd rather explain it on the call");
    expect(c.lastBotText()).toBe("No problem, you can tell them yourself. And what's your name? (Just your first name is fine.)");
    expect(c.botTexts().join(' ')).not.toContain('noted that for the team');
    expect(c.variables().handoffReason ?? null).toBeNull();
    c.say('Dana');
    expect(c.lastBotText()).toBe(takeoverPrompts.email);
    c.say('dana@example.com');
    expect(c.botTexts()).not.toContain(takeoverPrompts.reason);
    expect(pending(c)?.status).toBe('pending');
    expect(c.variables().customerName).toBe('Dana');
    expect(c.variables().handoffReason ?? null).toBeNull();
    expect(JSON.stringify(pending(c))).not.toContain('explain it on the call"');
  });

  it('asked a second time, the deferral leaves the name out and goes on (no third ask)', () => {
    const c = leadGenAtName();
    c.say("I'd rather explain it on the call");
    c.say("I'll explain it to the person");
    expect(c.botTexts()).toContain("No problem, let's continue without it.");
    expect(c.lastBotText()).toBe(takeoverPrompts.email);
    c.say('dana@example.com');
    expect(c.botTexts()).not.toContain(takeoverPrompts.reason);
    expect(pending(c)?.status).toBe('pending');
  });

  it('a problem at the name question is still noted as the reason (the old rule, kept)', () => {
    const c = leadGenAtName();
    c.say('we need single sign-on for 300 seats');
    expect(c.lastBotText()).toBe("Thanks, I've noted that for the team. And what's your name? (Just your first name is fine.)");
    expect(c.variables().handoffReason).toBe('we need single sign-on for 300 seats');
  });
});

describe('a deferral at the email question skips the reason question too (M4)', () => {
  it.each(["I'd rather explain it to the person", "I'd rather explain it on the call"])('"%s": email skipped, no reason question, handed over', (text) => {
    const c = leadGenAtName();
    c.say('Dana');
    expect(c.lastBotText()).toBe(takeoverPrompts.email);
    c.say(text);
    expect(c.botTexts()).toContain("No problem, you can tell them yourself. Let's skip the email so you get to a person sooner.");
    expect(c.botTexts()).not.toContain(takeoverPrompts.reason);
    expect(pending(c)?.status).toBe('pending');
    expect(c.variables().handoffReason ?? null).toBeNull();
  });

  it('a plain request for a person at the email question still asks the reason (nothing deferred)', () => {
    const c = leadGenAtName();
    c.say('Dana');
    c.say('I want to talk to a human please');
    expect(c.lastBotText()).toBe(takeoverPrompts.reason);
  });

  it('"I told you, I\'ll explain on the call" is a deferral (the exasperated repeat)', () => {
    expect(keepsReasonForPerson("I told you, I'll explain on the call")).toBe(true);
    expect(keepsReasonForPerson('I told you, my invoice is wrong')).toBe(false);
  });
});

describe('a name beside an address at the name question is taken (L3)', () => {
  it('"Dana Scully, dana@fbi.example, 0207 946 0000": name, email and phone kept, the name not asked again', () => {
    const c = leadGenAtName();
    c.say('Dana Scully, dana@fbi.example, 0207 946 0000');
    expect(c.botTexts()).toContain("Thanks, Dana Scully. I'll use dana@fbi.example.");
    expect(c.lastBotText()).toBe(takeoverPrompts.reason);
    expect(c.variables()).toMatchObject({ customerName: 'Dana Scully', customerEmail: 'dana@fbi.example', customerPhone: '02079460000' });
  });

  it.each([
    ['dana@fbi.example - Dana', 'Dana'],
    ['my name is Dana, dana@fbi.example', 'Dana'],
    ['dana scully dana@fbi.example', 'dana scully'],
  ])('"%s" -> %s', (text, name) => {
    const c = leadGenAtName();
    c.say(text);
    expect(c.variables().customerName).toBe(name);
    expect(c.lastBotText()).toBe(takeoverPrompts.reason);
  });

  it.each(['dana@fbi.example', 'dana@fbi.example, work', 'my email is dana@fbi.example', 'thanks, dana@fbi.example'])('"%s" names nobody: the name asked again', (text) => {
    const c = leadGenAtName();
    c.say(text);
    expect(c.lastBotText()).toBe("Thanks, I'll use dana@fbi.example. And what should we call you?");
    expect(c.variables().customerName ?? null).toBeNull();
  });
});

describe("thanks alone at Northwind's main menu (L1)", () => {
  it.each([
    ['open', OPEN],
    ['closed', Date.parse('2026-03-07T13:30:00Z')],
  ])('%s: "thanks" gets "You\'re welcome." and the menu again with its buttons, not the router', (_clock, now) => {
    const c = converse(load('customer-support'), { now });
    expect(c.state.waiting).toMatchObject({ blockId: 'main_menu' });
    const buttons = c.lastButtons().map((b) => b.label);
    c.say('thanks');
    expect(c.lastBotText()).toBe("You're welcome. What can I help you with? Pick an option or just type your question.");
    expect(c.lastButtons().map((b) => b.label)).toEqual(buttons);
    expect(c.state.waiting).toMatchObject({ blockId: 'main_menu', retries: 0 });
    expect(c.state.escalation.fallbacksInRow).toBe(0);
  });

  it('thanks beside a request still goes to the router by the request', () => {
    const c = converse(load('customer-support'), { now: OPEN });
    c.say('thanks, where is my order');
    expect(c.state.waiting).toMatchObject({ blockId: 'ask_order_number' });
  });
});
