/**
 * Session 34 (hostile s32 H3, s33 #2): at Northwind's "What's your order number?", "NW-104233 and NW-104234" looked up
 * NW-104234 without a word about the first (the question read the last value written; only a request with the numbers
 * in it said "one at a time"). Now the question reads values as the request does: several named together are the first,
 * with the note about the others; a correction or an exclusion still picks the one meant.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';

const NOW = Date.parse('2026-03-02T10:00:00Z');
const load = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const ORDER_Q = /^What's your order number\?/;

function atOrderQuestion(text: string) {
  const c = converse(load(), { now: NOW });
  c.click('Track my order');
  expect(c.lastBotText()).toMatch(ORDER_Q);
  const n = c.botTexts().length;
  c.say(text);
  return { c, said: c.botTexts().slice(n) };
}

describe('several order numbers typed at the order question', () => {
  it.each([
    ['NW-104233 and NW-104234', 'NW-104234'],
    ['NW-104233, NW-104234', 'NW-104234'],
    ['both NW-104233 & NW-104234 please', 'NW-104234'],
  ])('%j: the first is looked up and the customer told about the other', (text, other) => {
    const { c, said } = atOrderQuestion(text);
    expect(c.variables().orderNumber).toBe('NW-104233');
    expect(said[0]).toBe(`You mentioned 2 orders, so one at a time: I'll start with NW-104233. Ask me about ${other} after that.`);
  });

  it('three numbers: all the others are named', () => {
    const { said } = atOrderQuestion('NW-104233 NW-104234 NW-104235');
    expect(said[0]).toBe("You mentioned 3 orders, so one at a time: I'll start with NW-104233. Ask me about NW-104234 and NW-104235 after that.");
  });

  it.each([
    ['NW-104233, sorry I mean NW-104234', 'NW-104234'],
    ['NW-104233 not NW-104234', 'NW-104233'],
    ['it is NW-104233', 'NW-104233'],
  ])('%j: one order meant, no note', (text, meant) => {
    const { c, said } = atOrderQuestion(text);
    expect(c.variables().orderNumber).toBe(meant);
    expect(said.join(' ')).not.toMatch(/You mentioned/);
  });
});

/**
 * Hostile s33 #4: a correction without the letters ("NW-104233 sorry I mean 104234") and other scripts' digits
 * ("NW-١٠٤٢٣٣") got the format line; a word before a number ("oops 104234") was looked up as OOPS-104234.
 */
describe('references written in other ways at the order question', () => {
  it.each([
    ['NW-104233 sorry I mean 104234', 'NW-104234'],
    ['NW104233 oops 104234', 'NW-104234'], // written as the example writes it
    ['NW-104233 oops NW-104235', 'NW-104235'],
    ['NW-١٠٤٢٣٣', 'NW-104233'],
    ['NW-۱۰۴۲۳۳', 'NW-104233'],
    // Digits only, as many as the example's (hostile s34 P1): the example's letters ("It starts with NW").
    ['١٠٤٢٣٣', 'NW-104233'],
    ['oops 104234', 'NW-104234'],
    ['ref 104233', 'NW-104233'],
    ['104234', 'NW-104234'],
    ['order 104233', 'NW-104233'],
    ['12345, sorry I mean 54321', '54321'],
    ['1042345', '1042345'],
    ['NW 104 233', 'NW-104233'],
    ['AB 12345', 'AB-12345'],
  ])('%j is looked up as %s', (text, meant) => {
    const { c } = atOrderQuestion(text);
    expect(c.variables().orderNumber).toBe(meant);
    expect(c.effects('http_request').map((e) => JSON.stringify(e))[0]).toContain(`/orders/${meant}`);
  });
});

/**
 * The flow's own example (session 17's answerByExample, never called before session 34): a reference is read by the
 * shape the question's text shows, written as the example writes it.
 */
describe("references read by the shape of the question's own example", () => {
  const insurance = () => loadFlowText(readFileSync(new URL('../../../flows/insurance-claims.json', import.meta.url), 'utf8')).flow!;

  it('"NW-7" (the prefix with a number of another length than the example) is still looked up as typed', () => {
    const { c } = atOrderQuestion('NW-7');
    expect(c.effects('http_request').map((e) => JSON.stringify(e))[0]).toContain('/orders/NW-7');
  });

  it.each([
    ['hm 2231 0457', 'HM-2231-0457'],
    ['its HM22310457', 'HM-2231-0457'],
    ['HM/2231/0457 thanks', 'HM-2231-0457'],
  ])('%j at the policy question is %s', (text, meant) => {
    const c = converse(insurance(), { now: NOW });
    expect(c.lastBotText()).toMatch(/What is your policy number\?/);
    c.say(text);
    expect(c.variables().policyNumber).toBe(meant);
  });
});

/** Hostile s34 (the full pass): what session 34's first changes still got wrong. */
describe('corrections, several values and moments at reference questions (hostile s34)', () => {
  const flow = (name: string) => loadFlowText(readFileSync(new URL(`../../../flows/${name}.json`, import.meta.url), 'utf8')).flow!;

  it.each(['NW-104233 sorry I mean 12', 'NW-104233 sorry I mean ١٠٤٢٣٤x'])('%j: the number taken back is not looked up', (text) => {
    const { c, said } = atOrderQuestion(text);
    expect(c.effects('http_request')).toHaveLength(0);
    expect(said[0]).toMatch(/^Order numbers look like NW-104233/);
  });

  it.each([
    ['NW-104233 then NW-104234', 'NW-104233'],
    ['NW-104233 und NW-104234', 'NW-104233'],
    ['oops sorry NW-104233', 'NW-104233'],
    ["NW-104233 sorry it's late, I ordered it 12 days ago", 'NW-104233'],
    // A value read after the correction word is the reader's to weigh, as before session 34 (the last, after "sorry").
    ['NW-250778, sorry and NW-250779', 'NW-250779'],
  ])('%j: %s is looked up', (text, meant) => {
    const { c } = atOrderQuestion(text);
    expect(c.variables().orderNumber).toBe(meant);
  });

  it('200 numbers: a short note, not a list', () => {
    const { said } = atOrderQuestion(Array.from({ length: 200 }, (_, i) => `NW-${100000 + i}`).join(' '));
    expect(said[0]).toBe("You mentioned several orders, so one at a time: I'll start with NW-100000. Ask me about the others after that.");
  });

  it('insurance: two policy numbers get the note; a correction to digits of another shape is asked again', () => {
    const c = converse(flow('insurance-claims'), { now: NOW });
    c.say('HM-2231-0457 and HM-2231-0458');
    expect(c.variables().policyNumber).toBe('HM-2231-0457');
    expect(c.botTexts().join('\n')).toContain("You mentioned 2 policies, so one at a time: I'll start with HM-2231-0457. Ask me about HM-2231-0458 after that.");
    const d = converse(flow('insurance-claims'), { now: NOW });
    d.say('HM-2231-0457 sorry I mean 0458');
    expect(d.variables().policyNumber).toBeUndefined();
    expect(d.lastBotText()).toMatch(/^Policy numbers look like HM-2231-0457/);
    d.say('HM-2231-0457 sorry I mean HM-2231-0458');
    expect(d.variables().policyNumber).toBe('HM-2231-0458');
  });

  it('travel: a booking reference corrected to something unreadable is asked again', () => {
    const c = converse(flow('travel-urgency'), { now: NOW });
    c.say('K7XQ2P sorry I mean 7XQ2Q');
    expect(c.variables().bookingRef).toBeUndefined();
    expect(c.lastBotText()).toMatch(/^A booking reference has 6 letters and digits/);
  });

  it('"one sec" and "let me check" at the policy question: take your time, no try counted, the number taken after', () => {
    const c = converse(flow('insurance-claims'), { now: NOW });
    c.say('one sec');
    expect(c.lastBotText()).toMatch(/^No problem, take your time\. What is your policy number\?/);
    c.say('let me check');
    expect(c.lastBotText()).toMatch(/^No problem, take your time\. What is your policy number\?/);
    c.say('HM-2231-0457');
    expect(c.variables().policyNumber).toBe('HM-2231-0457');
  });
});
