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

describe('M10: a person noun naming a charge, a discount or a thing of the staff is no request for a person', () => {
  const explicit = (said: string) => {
    const c = converse(load('customer-support'), { now: OPEN });
    const step = c.say(said);
    return step.decision?.signals.some((s) => s.reason === 'explicit_request') ?? false;
  };
  // Written before the change (the report's and our own, five voices).
  const before = [
    'is there an agent fee for returns?',
    'is there a staff discount on sale items?',
    'r there any agent fees on refunds',
    'do you charge a person fee for gift wrapping',
  ];
  // Written after it.
  const heldOut = [
    'is there any agent commission on the price?',
    'is there a staff price for the blue jumper',
    'Any operator surcharge for next-day delivery?',
  ];
  it.each([...before, ...heldOut])('"%s": not read as asking for a person', (said) => {
    expect(explicit(said)).toBe(false);
  });
  // NOT DONE (written before the change, still misread): "phone" is read as a way to reach a person, so the classifier's
  // 0.97 stands. Pinned as failing so a fix shows.
  it.fails('"Is there an operator charge if I pay over the phone?": not read as asking for a person (not done)', () => {
    expect(explicit('Is there an operator charge if I pay over the phone?')).toBe(false);
  });
  // Near misses: real requests keep being read as such.
  it.each([
    'is there an agent I can talk to?',
    'is there an agent?',
    'is there a person available to help',
    'agent please',
    'can I speak to a member of staff about a fee?',
    'I want an agent, the fee on my refund is wrong',
  ])('"%s": still a request for a person', (said) => {
    expect(explicit(said)).toBe(true);
  });
});
