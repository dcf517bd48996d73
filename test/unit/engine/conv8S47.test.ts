/**
 * Session 47 (conv8): the open findings of session 46's blind conversation re-test (/work/coord/s46/retest-conv/report.md
 * M2, M3, L1, L2, L4, L5) and hostile pass (/work/coord/s46/hostile/report.md L1, L2, L3, L5). Each kind: the report's
 * wordings and our own written before the change (`before`), then held-out wordings written after it (`heldOut`), and
 * near misses that keep the old behaviour.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse, type Conversation } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';

const load = (name: string) => loadFlowText(readFileSync(new URL(`../../../flows/${name}.json`, import.meta.url), 'utf8')).flow!;
const OPEN = Date.parse('2026-03-09T11:30:00Z');
const CLOSED = Date.parse('2026-03-07T13:30:00Z');

/** Northwind, at the offer of a person after an order look-up that failed (retest-conv s46 M2's path). */
const atOffer = (now = OPEN) => {
  const c = converse(load('customer-support'), { now });
  c.say('where is NW-104233');
  c.http(false);
  expect(c.lastBotText()).toBe('Would you like to talk to a person?');
  return c;
};
const handingOver = (c: Conversation) => c.botTexts().includes("I'll get a person for you.") || c.effects().some((e) => e.type === 'handoff_request');
const didNotGetIt = (c: Conversation) => c.botTexts().some((t) => /didn't get that/.test(t));

describe('item 1 (retest-conv s46 M2): more ways of yes at the offer of a person', () => {
  const before = ['ofcourse', 'ofcourse!', 'you bet', 'you betcha', 'yes ofcourse', 'surething', 'deffo', 'yeah you bet'];
  const heldOut = ['yesplease', 'ofcourse :)', 'you bet!', 'deffo mate', 'ofc please', 'byallmeans'];
  it.each([...before, ...heldOut])('%s: handed over', (text) => {
    const c = atOffer();
    c.say(text);
    expect(c.lastBotText()).not.toMatch(/^Please pick/);
    expect(handingOver(c)).toBe(true);
  });
  it.each(['ofcourse not', 'course not', 'no of course not', 'you bet not'])('near miss %s: no hand-over', (text) => {
    const c = atOffer();
    c.say(text);
    expect(handingOver(c)).toBe(false);
  });
});

describe('item 1 (retest-conv s46 M2): an email typed at the offer of a person', () => {
  const before = ['dana@acme.example', 'my email is dana@acme.example', "it's dana@acme.example", 'dana@acme.example thanks', 'you can reach me at dana@acme.example'];
  const heldOut = ['Dana@Acme.example', 'email: dana@acme.example', 'dana@acme.example is best', 'here you go dana@acme.example', 'dana at acme dot example'];
  const expectTaken = (c: Conversation) => {
    expect(didNotGetIt(c)).toBe(false);
    expect(c.variables().customerEmail).toBe('dana@acme.example');
    expect(c.botTexts()).toContain("Thanks, I've noted dana@acme.example.");
    expect(handingOver(c)).toBe(true);
    // The email is not asked for again.
    expect(c.botTexts().some((t) => /email address/i.test(t))).toBe(false);
  };
  it.each([...before, ...heldOut])('%s, at once: kept, and the person comes', (text) => {
    const c = atOffer();
    c.say(text);
    expectTaken(c);
  });
  it.each([...before, ...heldOut])('%s, after the re-prompt: kept, and the person comes (was "Sorry, I didn\'t get that")', (text) => {
    const c = atOffer();
    c.say('hmm');
    expect(c.lastBotText()).toMatch(/^Please pick/);
    c.say(text);
    expectTaken(c);
  });
  it('out of hours: on to the ticket, which does not ask for the email again', () => {
    const c = atOffer(CLOSED);
    c.say('dana@acme.example');
    expect(c.variables().customerEmail).toBe('dana@acme.example');
    expect(c.lastBotText()).not.toMatch(/^Please pick/);
    expect(c.botTexts().some((t) => /What email address/i.test(t))).toBe(false);
    expect(didNotGetIt(c)).toBe(false);
  });
  it.each(['no thanks, dana@acme.example', 'no, email me at dana@acme.example instead'])('near miss %s: no hand-over', (text) => {
    const c = atOffer();
    c.say(text);
    expect(handingOver(c)).toBe(false);
  });
});
