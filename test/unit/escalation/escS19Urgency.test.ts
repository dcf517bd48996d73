// Session 19 (esc): urgency read by meaning in two places where the words alone misled it.
//  - 999, 911 and 112 are emergency numbers when rung, not when they are money ("my bank shows £112", "NZ$112").
//  - An emergency word in a safety report that is over ("burned my hand ... I am ok now", "I pulled it out quick") is the
//    safety topic, not an emergency happening now; the same words happening now still are.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import type { Flow } from '../../../shared/flow/schema';
import { playConversation } from '../../../shared/simulator/playConversation';

const shipped = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow as Flow;
const now = Date.parse('2026-12-01T10:00:00Z');
const play = (text: string) => playConversation(shipped, 'c', ['Something else', text], now).escalation;
const urgencyOf = (text: string) => play(text)?.signals.find((s) => s.reason === 'urgency') ?? null;

describe('an emergency number is not money', () => {
  it('an amount of 112 or 999 is billing, not an emergency', () => {
    for (const text of [
      'My bank statement shows £112, but my order confirmation says £92. Where comes the extra 20?',
      "your site said £40 but my bank's taken NZ$112 plus a separate $19 charge I didn't expect from you",
    ]) {
      expect(urgencyOf(text), text).toBeNull();
      expect(play(text)?.reason, text).toBe('sensitive_topic');
    }
  });
  it('written with a currency word after it, too', () => {
    expect(urgencyOf('I was charged 999 pounds for a sofa that costs 699, please check')).toBeNull();
    expect(urgencyOf('the total came to 112.00 and I only expected 92')).toBeNull();
  });
  it('a number rung is still an emergency', () => {
    for (const text of ['call 999 the charger is on fire', 'I have rung 112, my daughter swallowed a button battery from the remote']) {
      expect(play(text)?.reason, text).toBe('urgency');
    }
  });
});

describe('a safety report that is over is not an emergency now', () => {
  it('someone fine again, or the customer already acted, names the safety topic', () => {
    for (const text of [
      'The hair straightener burned my hand because the handle become very hot. I am ok now but this is not normal',
      'Mi order one phone charger an when mi plug it in it start crackle an smell like burning plastic. Mi pull it out quick. Mi nuh trust it again',
    ]) {
      expect(urgencyOf(text), text).toBeNull();
      const e = play(text);
      expect(e?.reason, text).toBe('sensitive_topic');
      expect(e?.signals.find((s) => s.reason === 'sensitive_topic')?.explanation, text).toContain('"safety"');
    }
  });
  it('the same words happening now are still urgent', () => {
    for (const text of [
      'the charger is burning now, smoke everywhere',
      'my son swallowed a battery, get it out quick',
      'The heater start burning right now, flames are coming!',
    ]) {
      expect(play(text)?.reason, text).toBe('urgency');
    }
  });
});

describe('a house number is not an hour', () => {
  it('"at 12 High Street" is an address', () => {
    for (const text of [
      'Could these be delivered to the office at 12 High Street, York YO1 7HH, rather than my home?',
      "please send it to my sister's instead, she's at 8 Elm Grove, Bath BA2 3PP",
    ]) {
      expect(urgencyOf(text), text).toBeNull();
    }
  });
  it('a time after "at" still is one', () => {
    expect(play('I need it delivered to the office before 12, the meeting starts at 1 and it is for the client')?.reason).toBe('urgency');
    expect(urgencyOf('can the courier come at 5 today, I leave for the airport at 6')).not.toBeNull();
  });
});
