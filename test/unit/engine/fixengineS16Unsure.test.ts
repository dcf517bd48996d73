/**
 * Session 16 (fixengine), newcomer s15 N#3 and hostile s15 H#17: unsure answers read one way at every question.
 * At an order question, a second "I don't know / don't have it" takes the block's fallback (the template: a colleague
 * can find the order) instead of the same retry line again; at a confirmation whose fallback leads where one of its
 * options leads, "I'm not sure" asks again and keeps the order instead of acting as "Another order".
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { lacksTheValue } from '../../../shared/engine/behaviours/question';
import { normalizeText } from '../../../shared/nlu/normalizeText';

const template = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const leadGen = () => loadFlowText(readFileSync(new URL('../../../flows/lead-gen.json', import.meta.url), 'utf8')).flow!;
const NOW = Date.parse('2026-12-02T11:00:00Z');
const RETRY = 'Order numbers look like NW-104233. Could you check your confirmation email and try again?';
const COLLEAGUE = /a colleague can find your order/;

describe('N#3 / H#17: "I don\'t know it" at an order question', () => {
  // Session 17 (newcomer s16 N#1): an answer that says the customer does not have or know it takes the fallback at
  // once (fixengineS17Questions); an undecided first answer still gets the retry line once.
  it.each([
    ["I'm not sure", "I don't have it"],
    ['maybe', "I don't know"],
    ['hmm', 'idk'],
    ["I'm not sure", 'I really don\'t know'],
    ['not sure', 'I lost the email'],
  ])('"%s" then "%s": one retry line, then the colleague', (first, second) => {
    const c = converse(template(), { now: NOW });
    c.say('where is my order');
    c.say(first);
    expect(c.lastBotText()).toBe(RETRY);
    c.say(second);
    expect(c.botTexts().filter((t) => t === RETRY)).toHaveLength(1);
    expect(c.botTexts().some((t) => COLLEAGUE.test(t))).toBe(true);
  });

  it('the same at the cancel and return questions', () => {
    for (const [open, ask] of [['I want to cancel an order', /Which order would you like to cancel/], ['I want to return something', /Which order is the return for/]] as const) {
      const c = converse(template(), { now: NOW });
      c.say(open);
      expect(c.lastBotText()).toMatch(ask);
      c.say("I don't know it");
      c.say("I don't have it");
      expect(c.botTexts().some((t) => COLLEAGUE.test(t)), open).toBe(true);
    }
  });

  it('a first unsure answer, or other answers with no order number, are asked again as before', () => {
    const c = converse(template(), { now: NOW });
    c.say('where is my order');
    c.say("I'm not sure");
    expect(c.lastBotText()).toBe(RETRY);
    const d = converse(template(), { now: NOW });
    d.say('where is my order');
    d.say('the blue lamp');
    d.say('the one from Tuesday');
    // Session 49 (conv11, hostile s49 M11): the same retry line right after itself is said another way.
    expect(d.botTexts().filter((t) => t === RETRY)).toHaveLength(1);
    expect(d.lastBotText()).toBe(`Let's try that once more. ${RETRY}`);
    // and an order number after an unsure answer is taken
    c.say('oh wait, NW-104233');
    expect(c.variables().orderNumber).toBe('NW-104233');
  });

  it('what counts as not knowing the value', () => {
    for (const t of ["I don't know it", 'idk', 'dunno', "I can't find the number", "I don't have it with me", 'I deleted the email', "I never got a confirmation email"]) expect(lacksTheValue(normalizeText(t)), t).toBe(true);
    for (const t of ["I don't know why it's late", "I don't have time for this", 'I lost my parcel', 'cancel it', "I don't want it anymore"]) expect(lacksTheValue(normalizeText(t)), t).toBe(false);
  });
});

describe('H#17: an undecided answer at the cancel confirmation keeps the order', () => {
  it.each(["I'm not sure", 'maybe', 'hmm let me think'])('"%s" asks again about the same order; "yes" then cancels it', (answer) => {
    const c = converse(template(), { now: NOW });
    c.say('cancel order NW-104233');
    expect(c.lastBotText()).toMatch(/shall I cancel order NW-104233/);
    c.say(answer);
    expect(c.lastBotText()).toBe('No rush. Just to check: shall I cancel order NW-104233?');
    expect(c.lastButtons().map((b) => b.label)).toEqual(['Yes, cancel it', 'Another order', 'No, keep it']);
    c.say('yes');
    expect(c.botTexts().join('\n')).toMatch(/stop order NW-104233/);
    expect(c.botTexts().join('\n')).not.toMatch(/Which order would you like to cancel/);
  });

  it('"another order" still asks which; an answer that is neither still takes the fallback', () => {
    const c = converse(template(), { now: NOW });
    c.say('cancel order NW-104233');
    c.say('another order');
    expect(c.lastBotText()).toMatch(/Which order would you like to cancel/);
    const d = converse(template(), { now: NOW });
    d.say('cancel order NW-104233');
    d.say('purple elephant');
    expect(d.lastBotText()).toMatch(/Which order would you like to cancel/);
  });

  it('a Buttons block whose fallback leads to a block of its own still takes the undecided answer there (lead-gen size question)', () => {
    const c = converse(leadGen(), { now: NOW });
    c.click('2');
    const before = c.state.waiting;
    c.say('not sure');
    expect(before && 'blockId' in before ? before.blockId : null).toBe('ask_company_size');
    expect(c.state.waiting && 'blockId' in c.state.waiting ? c.state.waiting.blockId : null).toBe('ask_company_size_again');
  });
});
