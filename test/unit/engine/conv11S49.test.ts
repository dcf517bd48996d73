/**
 * Session 49 (conv11): hostile s49 M11 (a question re-asked forever), L1 (bare acknowledgements at the menu) and M10 ("agent",
 * "staff", "person" as a plain noun). Each kind: the report's wordings and our own written before the change (`before`),
 * then held-out wordings written after it (`heldOut`), and near misses that must keep the old behaviour.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse, type Conversation } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';

const load = (name: string) => loadFlowText(readFileSync(new URL(`../../../flows/${name}.json`, import.meta.url), 'utf8')).flow!;
const OPEN = Date.parse('2026-03-09T11:30:00Z');
/** The policy handed over (the takeover may ask for an email first, so no handoff_request yet). */
const handedOver = (c: Conversation) => c.effects('handoff_request').length > 0 || c.steps.some((s) => s.decision?.action === 'handoff');
/** The bot's lines of each turn after the first `from` steps, joined: one string a turn. */
const turnLines = (c: Conversation, from: number) =>
  c.steps.slice(from).map((s) => s.messages.filter((m) => m.from === 'bot').map((m) => m.text).join(' | '));

/** Where the same question is asked again: the address confirmation, the cancel confirmation, travel-urgency's menu. */
const places: Record<string, () => Conversation> = {
  'address confirmation': () => {
    const c = converse(load('customer-support'), { now: OPEN });
    c.say('I want to change my delivery address');
    c.say('NW-104233');
    c.say('12 High Street, Leeds LS1 4AB');
    expect(c.lastBotText()).toMatch(/Is that right\?$/);
    return c;
  },
  'cancel confirmation': () => {
    const c = converse(load('customer-support'), { now: OPEN });
    c.say('I want to cancel my order');
    c.say('NW-104233');
    expect(c.lastBotText()).toMatch(/shall I cancel order NW-104233\?$/);
    return c;
  },
  'travel-urgency departure time': () => {
    const c = converse(load('travel-urgency'), { now: OPEN });
    c.say("I don't have it");
    expect(c.lastBotText()).toMatch(/When does your flight leave\?/);
    return c;
  },
  'travel-urgency menu': () => {
    const c = converse(load('travel-urgency'), { now: OPEN });
    c.say("I don't have it");
    c.say('18:45');
    expect(c.lastBotText()).toBe('What can I help you with?');
    return c;
  },
};

describe('M11: a question asked again is bounded: new words, then a person', () => {
  // Written before the change (five voices: the report's "hmm" and "what?", and our own).
  const before = ['hmm', 'what?', 'erm...', 'huh', 'uh'];
  // Written after it.
  const heldOut = ['umm', 'eh?', 'mmm', '?', 'wut'];
  for (const [where, start] of Object.entries(places)) {
    it.each([...before, ...heldOut])(`${where}: "%s" again and again hands over within 4 and never says the same twice in a row`, (said) => {
      const c = start();
      const from = c.steps.length;
      for (let i = 0; i < 6 && !handedOver(c); i++) c.say(said);
      expect(handedOver(c)).toBe(true);
      expect(c.steps.length - from).toBeLessThanOrEqual(4);
      const lines = turnLines(c, from);
      for (let i = 1; i < lines.length; i++) expect(lines[i]).not.toBe(lines[i - 1]);
    });
  }
  // Near misses: the customer answers after hesitating: the answer is taken, no person.
  it.each(['hmm', 'what?', 'erm...'])('address confirmation: "%s" twice, then "yes": the address is changed, no handover', (said) => {
    const c = places['address confirmation']();
    c.say(said);
    c.say(said);
    c.say('yes');
    expect(handedOver(c)).toBe(false);
    expect(c.lastBotText()).not.toMatch(/Is that right\?$/);
  });
  it.each(['hmm', 'erm...'])('cancel confirmation: "%s" twice, then "no, keep it": kept, no handover', (said) => {
    const c = places['cancel confirmation']();
    c.say(said);
    c.say(said);
    c.say('no, keep it');
    expect(handedOver(c)).toBe(false);
    expect(c.lastBotText()).not.toMatch(/shall I cancel/);
  });
});
