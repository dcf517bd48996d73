/**
 * Session 49 (conv10): conv9's and conv8's leftovers and the blind testers' conversation findings. Each kind: wordings
 * written before the change (`before`), then held-out wordings written after it (`heldOut`), and near misses that keep
 * the old behaviour.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';

const load = (name: string) => loadFlowText(readFileSync(new URL(`../../../flows/${name}.json`, import.meta.url), 'utf8')).flow!;
const OPEN = Date.parse('2026-03-09T11:30:00Z');

describe('item 1 (hostile s47 M5 rest): Northwind\'s order question takes only an order number\'s shape', () => {
  const RETRY = /Order numbers look like NW-104233/;
  const atTrack = () => {
    const c = converse(load('customer-support'), { now: OPEN });
    c.click('Track my order');
    expect(c.lastBotText()).toMatch(/order number/);
    return c;
  };
  /** At the address change's "Which order should go to a new address?" (no lookup: a ticket). */
  const atAddress = () => {
    const c = converse(load('customer-support'), { now: OPEN });
    c.click('Something else');
    c.say('I need to change my delivery address');
    expect(c.lastBotText()).toMatch(/Which order should go to a new address/);
    return c;
  };
  // Written before the change: conv9's (hostile s47 M5) and our own (an address, a room, a time, a phone).
  const before = ['tomorrow after 5pm', 'flat 4B', 'postcode SW1A 1AA', '00447700900123', 'after 6PM', '12 elm rd', '2 ash st', 'room 101B', '+44 7700 900123'];
  // Written after it.
  const heldOut = ['deliver after 7pm please', 'house 22A', 'my postcode is LS1 4AB', 'apt 5C', 'at 10am', 'B2 4QA', '0044 20 7946 0000', '14 Oak Avenue'];
  it.each([...before, ...heldOut])('%s: not looked up; the format line', (text) => {
    const c = atTrack();
    c.say(text);
    expect(c.variables().orderNumber ?? null).toBeNull();
    expect(c.effects('http_request')).toHaveLength(0);
    expect(c.lastBotText()).toMatch(RETRY);
  });
  it.each([...before.slice(0, 4), ...heldOut.slice(0, 3)])('%s at the address change\'s order question: not stored', (text) => {
    const c = atAddress();
    c.say(text);
    expect(c.variables().orderNumber ?? null).toBeNull();
    expect(c.lastBotText()).toMatch(RETRY);
  });
  // Near misses: an order number of the example's shape, or letters then digits, or digits alone.
  const taken: [string, string][] = [
    ['NW-104233', 'NW-104233'],
    ['nw104233', 'NW-104233'],
    ['NW 104 233', 'NW-104233'],
    ['its 104233', 'NW-104233'],
    ['104233', 'NW-104233'],
    ['A1234', 'A1234'],
    ['AB-12345', 'AB-12345'],
    ['NW-7', 'NW-7'],
    // Digits alone shorter than the example's: taken at the order question (the lookup, or the colleague reading the
    // ticket, says whether it exists). Refused before, which is why conv9's change lost w5-035 and w5-219 in escrfEval:
    // "84025" was refused there, so the next message ("12 elm rd", the new address) became the order number; refusing
    // that too left three misses in a row (repeated fallback). The policy question still refuses them (policyQuestionS38).
    ['84025', '84025'],
    ['order 44459', '44459'],
  ];
  it.each(taken)('near miss %s: looked up as %s', (text, value) => {
    const c = atTrack();
    c.say(text);
    expect(c.variables().orderNumber).toBe(value);
  });
  it('w5-219\'s way: a five-digit order number, then the new address: both kept, no escalation', () => {
    const c = converse(load('customer-support'), { now: OPEN });
    c.click('Something else');
    c.say('address change 84025');
    c.say('84025');
    c.say('12 elm rd');
    expect(c.variables().orderNumber).toBe('84025');
    expect(c.lastBotText()).toMatch(/So order 84025 should go to: 12 elm rd/);
    expect(c.effects('handoff_request')).toHaveLength(0);
  });
});
