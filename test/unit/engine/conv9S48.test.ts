/**
 * Session 48 (conv9): hostile s47 M1, L1, M5 and conv8's leftovers. Each kind: the report's wordings and our own written
 * before the change (`before`), then held-out wordings written after it (`heldOut`), and near misses that keep the old
 * behaviour.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse, type Conversation } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';

const load = (name: string) => loadFlowText(readFileSync(new URL(`../../../flows/${name}.json`, import.meta.url), 'utf8')).flow!;
const OPEN = Date.parse('2026-03-09T11:30:00Z');
const CLOSED = Date.parse('2026-03-07T13:30:00Z');

/** The bot's lines of each turn after the first `from` steps, joined: one string a turn. */
const turnLines = (c: Conversation, from: number) =>
  c.steps.slice(from).map((s) => s.messages.filter((m) => m.from === 'bot').map((m) => m.text).join(' | '));
const handedOver = (c: Conversation) => c.effects('handoff_request').length > 0;

/** At the takeover's email question of `flow` (open hours). */
const atTakeoverEmail = (flow: string) => {
  const c = converse(load(flow), { now: OPEN });
  c.say('I want to speak to a person');
  if (flow === 'lead-gen') c.say('Kim');
  expect(c.lastBotText()).toBe('What is your email address, in case we get disconnected?');
  return c;
};

describe('item 1 (hostile s47 M1): questions at the takeover\'s email question reach the queue', () => {
  // Written before the change: the report's and our own.
  const before = [
    ['where is my order?', 'where is my order?'],
    ['where is my parcel?', 'when will my order arrive?'],
    ['what is the status of my order', 'where is it'],
    ['can you check my refund?', 'can you check my refund?'],
    ['how long will this take?', 'is anyone there?'],
    ['when do you open?', 'when do you open?'],
    ['why is my parcel late?', 'where is it???'],
    ['what?', 'what?'],
    ['can you tell me where my order is', 'hello??'],
  ];
  // Written after it.
  const heldOut = [
    ["what's going on with my delivery?", 'is this a bot?'],
    ['are you there?', 'are you there?'],
    ['how do I return something?', 'how do I return something?'],
    ['can I change my delivery address?', 'hello?'],
  ];
  for (const flow of ['customer-support', 'insurance-claims', 'lead-gen']) {
    it.each([...before, ...heldOut])(`${flow}: %s, %s: handed over within two, no line twice in a row`, (a, b) => {
      const c = atTakeoverEmail(flow);
      const from = c.steps.length;
      c.say(a);
      c.say(b);
      if (!handedOver(c)) c.say(b);
      expect(handedOver(c)).toBe(true);
      const lines = turnLines(c, from);
      for (let i = 1; i < lines.length; i++) expect(lines[i]).not.toBe(lines[i - 1]);
      expect(c.variables().customerEmail ?? null).toBeNull();
    });
  }
  it('an address after one question is still taken', () => {
    const c = atTakeoverEmail('customer-support');
    c.say('where is my order?');
    c.say('kim@example.com');
    expect(c.variables().customerEmail).toBe('kim@example.com');
    expect(handedOver(c)).toBe(true);
  });
});

/** At the ticket's email question out of hours (Northwind, Saturday afternoon). */
const atTicketEmail = () => {
  const c = converse(load('customer-support'), { now: CLOSED });
  c.say('I want to speak to a person');
  expect(c.lastBotText()).toMatch(/email address should we reply to\?$/);
  return c;
};

describe('item 1 (hostile s47 M1): questions at the ticket\'s email question out of hours', () => {
  const before = [
    ['what are your opening hours?', 'what are your opening hours?', 'what are your opening hours?'],
    ['do you ship to Norway?', 'do you ship to Norway?', 'do you ship to Norway?'],
    ['where is my order?', 'where is my order?', 'where is my order?'],
    ['where is my parcel?', 'when will my order arrive?', 'where is it'],
    ['when are you open again?', 'how much is shipping to France?', 'what?'],
    ['can you check my refund?', 'can you check my refund?', 'can you check my refund?'],
  ];
  // Written after it.
  const heldOut = [
    ['what is your returns policy?', 'what is your returns policy?', 'what is your returns policy?'],
    ['is anyone there?', 'why?', 'when will someone reply?'],
    ['how much is express delivery?', 'how much is express delivery?', 'do you ship to Spain?'],
    ['why?', 'why?', 'why?'],
    ['is anyone there?', 'is anyone there?', 'is anyone there?'],
  ];
  // Found with the held-out set: "why?" and a request for a person out of hours repeated are non-answers of the same kind.
  it.each([...before, ...heldOut, ['why do you need it?', 'why?', 'but why?'], ['can I talk to a person', 'is anyone there?', 'is anyone there?']])('%s / %s / %s: never the same turn twice in a row; the ticket goes on after three', (a, b, d) => {
    const c = atTicketEmail();
    const from = c.steps.length;
    c.say(a);
    c.say(b);
    c.say(d);
    const lines = turnLines(c, from);
    for (let i = 1; i < lines.length; i++) expect(lines[i]).not.toBe(lines[i - 1]);
    expect(c.state.waiting?.kind === 'ticket_question' && c.state.waiting.field === 'email').toBe(false);
  });
  it('one question, then an address: the address is taken', () => {
    const c = atTicketEmail();
    c.say('when are you open again?');
    c.say('kim@example.com');
    expect(c.variables().customerEmail).toBe('kim@example.com');
  });
});

describe('item 2 (hostile s47 L1): a bare "stop" / "never mind" is no request; a second withdrawal says what the bot can do', () => {
  const CAN_DO = /I can track your order, help with a return or answer shipping questions/;
  const beforeFirst = ['stop', 'stop it', 'never mind', 'nevermind', 'forget it', 'nvm', 'Stop!', 'stop please', 'oh never mind', 'forget about it', 'Stop.'];
  // Written after the change.
  const heldOutFirst = ['ok stop', 'never mind then', 'forget that', 'nah forget it', 'STOP', 'just stop'];
  it.each([...beforeFirst, ...heldOutFirst])('%s as the first message: not read as "cancel my order"; what the bot can do', (text) => {
    const c = converse(load('customer-support'), { now: OPEN });
    c.say(text);
    expect(c.lastBotText()).not.toMatch(/cancel/i);
    expect(c.botTexts().some((t) => CAN_DO.test(t) && t.includes('Nothing'))).toBe(true);
  });
  it.each(['stop cancelling my order', 'cancel my order', 'I want to cancel my order', 'cancel NW-104233', 'never mind, can I cancel my order?'])('near miss %s: still the cancellation', (text) => {
    const c = converse(load('customer-support'), { now: OPEN });
    c.say(text);
    expect(c.botTexts().join(' ')).toMatch(/cancel/i);
  });
  const beforeCycle = ['stop', 'cancel', 'never mind'];
  const heldOutCycle = ['forget it', 'cancel that'];
  it.each([...beforeCycle, ...heldOutCycle])('%s x12: never withdrawn twice silently, never the same turn twice in a row', (text) => {
    const c = converse(load('customer-support'), { now: OPEN });
    const from = c.steps.length;
    for (let i = 0; i < 12; i++) c.say(text);
    const lines = turnLines(c, from);
    for (let i = 1; i < lines.length; i++) expect(lines[i]).not.toBe(lines[i - 1]);
    const withdrawals = lines.filter((l) => l.includes("I won't connect you with anyone"));
    // After the first withdrawal, each further one says plainly what the bot can do.
    for (const l of withdrawals.slice(1)) expect(l).toMatch(CAN_DO);
    // No turn after a withdrawal reads the bare word as a new cancellation.
    const firstW = lines.findIndex((l) => l.includes("I won't connect you with anyone"));
    if (firstW >= 0) for (const l of lines.slice(firstW + 1)) expect(l).not.toMatch(/Which order would you like to cancel/);
  });
});

describe('item 3 (hostile s47 M5): only a reference of the question\'s own shape is a policy number', () => {
  const atPolicy = () => {
    const c = converse(load('insurance-claims'), { now: Date.parse('2026-03-09T10:00:00Z') });
    expect(c.lastBotText()).toMatch(/What is your policy number\?/);
    return c;
  };
  const before = ['tomorrow after 5pm', 'flat 4B', 'postcode SW1A 1AA', 'my reg is AB12 CDE', '00447700900123', 'room 12', 'about 3pm'];
  // Written after the change.
  const heldOut = ['unit 7', 'call after 6PM', 'my car is AB12CDE', '+44 7700 900123', 'apartment 3C', 'it is on floor 2B'];
  it.each([...before, ...heldOut])('%s: not stored; the retry', (text) => {
    const c = atPolicy();
    c.say(text);
    expect(c.variables().policyNumber ?? null).toBeNull();
    expect(c.lastBotText()).toMatch(/Policy numbers look like HM-2231-0457/);
  });
  const taken: [string, string][] = [
    ['HM-2231-0457', 'HM-2231-0457'],
    ['hm 2231 0457', 'HM-2231-0457'],
    ['my policy is HM-2231-0457', 'HM-2231-0457'],
    ['2231 0457', 'HM-2231-0457'],
    ['HM22310457', 'HM-2231-0457'],
    ['HM-2231-0457 thanks', 'HM-2231-0457'],
  ];
  it.each(taken)('near miss %s: taken as %s', (text, value) => {
    const c = atPolicy();
    c.say(text);
    expect(c.variables().policyNumber).toBe(value);
  });
});

describe('item 3 (hostile s47 M5): the order number question (Northwind) has the same weakness', () => {
  const atOrder = () => {
    const c = converse(load('customer-support'), { now: OPEN });
    c.click('Track my order');
    expect(c.lastBotText()).toMatch(/order number/);
    return c;
  };
  // Session 48 left these as todo (refusing them lost w5-035 and w5-219 in escrfEval); done in session 49 (conv10):
  // test/unit/engine/conv10S49.test.ts item 1 says why those two no longer lose.
  it.each(['tomorrow after 5pm', 'flat 4B', 'postcode SW1A 1AA', '00447700900123', 'after 6PM'])('%s: not looked up', (text) => {
    const c = atOrder();
    c.say(text);
    expect(c.variables().orderNumber ?? null).toBeNull();
    expect(c.effects('http_request')).toHaveLength(0);
  });
  it.each([['NW-104233', 'NW-104233'], ['104233', 'NW-104233'], ['A1234', 'A1234']])('near miss %s: looked up as %s', (text, value) => {
    const c = atOrder();
    c.say(text);
    expect(c.variables().orderNumber).toBe(value);
  });
});
