/**
 * Session 46 (conv6): the open conversation findings of session 45's blind re-test (L1, L2, L4, L6) and hostile s45 M12.
 * Written BEFORE the code (each reproduced first with `baton chat`): the report's wording, then own wordings of the same
 * kind, both directions. Held-out wordings, written after the code, are in conv6S46Heldout.test.ts.
 *  - L1: an emergency said after a closed ticket (out of hours) gets the emergency line: a fire said to be there now with a
 *    person inside ("there's a fire and my dad is inside") was read only by the classifier (urgent, no 999 line).
 *  - L6: a duration told with a wait ("been waiting 3 weeks for NW-104233") is a detail, not the "how long" of a shipping
 *    question nor a word no example knows: the order is looked up; "I can barely breathe" there is no emergency.
 *  - L2: a question word alone ("when") is no topic: "when does it ship?" is no opening-hours question.
 *  - L4: the still-closed line is said in full once; asked again later, a short line refers back to it.
 *  - M12: an intent's keyword in another sense is not that intent: "I'm back" (back in the chat), "get back to me",
 *    "I'll return to this later", "out of order", a count ("3 times"), a duration ("for hours").
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectUrgency } from '../../../shared/escalation/detectors/detectUrgency';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { converse } from './harness';
import { fires, policy } from '../escalation/facts';
import { matcher, router } from '../nlu/supportRouter';

const urgency = (text: string) => fires(detectUrgency, text, policy());
const emergency = (text: string) => urgency(text)?.emergency === true;
const support = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const MONDAY_OPEN = Date.parse('2026-03-09T11:30:00Z');
const SATURDAY_CLOSED = Date.parse('2026-03-07T13:30:00Z');
/** The router's reading above its threshold, else null. */
const understood = (text: string) => {
  const m = matcher.match(text);
  return m.confidence >= router.data.threshold ? m.intentName : null;
};
/** The bot's replies to one message typed at Northwind's menu. */
function said(text: string, now = MONDAY_OPEN): string {
  const c = converse(support(), { now });
  const n = c.botTexts().length;
  c.say(text);
  return c.botTexts().slice(n).join(' ');
}
/** Out of hours: a ticket opened and closed, then `text`: the replies to it. */
function afterClosedTicket(text: string): string {
  const c = converse(support(), { now: SATURDAY_CLOSED });
  c.say('I want to talk to someone');
  c.say('jo@x.example');
  c.say('my order is late');
  expect(c.mode()).toBe('closed');
  const n = c.botTexts().length;
  c.say(text);
  return c.botTexts().slice(n).join(' ');
}

// ---- L1 ----
const L1_REPORT = ["there's a fire and my dad is inside", 'my son swallowed a battery'];
const L1_OWN = [
  'there is a fire and my kids are upstairs',
  "there's a fire, my grandad is trapped",
  'theres a fire and my baby is still in there',
  'we have a fire and my mum is still inside',
  'there is a fire, my wife is stuck inside',
];
const L1_NOT = [
  'there is a fire sale on, my dad is inside the shop already',
  "there's a fire pit in the garden and my kids are inside",
  'there was a fire and my dad was inside but everyone is safe now',
  'is there a fire risk with this heater? my son is inside a lot',
  "there's a fire door in the hall, is the parcel inside it?",
];

describe('L1: a fire said to be there now with a person inside is an emergency', () => {
  it.each([L1_REPORT[0]!, ...L1_OWN])('%j is an emergency', (text) => {
    expect(urgency(text)?.reason).toBe('urgency');
    expect(emergency(text)).toBe(true);
  });
  it.each(L1_NOT)('%j is no emergency', (text) => {
    expect(emergency(text)).toBe(false);
  });
  it.each([...L1_REPORT, ...L1_OWN])('%j after a closed ticket (out of hours) gets the 999 line', (text) => {
    expect(afterClosedTicket(text)).toMatch(/please call 999 now/);
  });
  it.each(L1_NOT.slice(0, 3))('%j after a closed ticket gets no 999 line', (text) => {
    expect(afterClosedTicket(text)).not.toMatch(/999/);
  });
});

// ---- L6 ----
const L6_REPORT = 'I can barely breathe, been waiting 3 weeks for NW-104233';
const L6_OWN = [
  'been waiting 3 weeks for NW-104233',
  "I've waited 10 days for NW-104233",
  'waiting two weeks for my order NW-104233 now',
  'honestly I could scream, been 5 days waiting on NW-104233',
  'I have been waiting for hours and hours for my order',
];
const L6_KEEP: [string, string][] = [
  ['how many days do I have to return', 'return_item'],
  ['how long does delivery take', 'shipping_info'],
  ['are you open 24 hours?', 'opening_hours'],
  ['what are your hours', 'opening_hours'],
];

describe('L6: a duration told with a wait is a detail: the order is looked up', () => {
  it.each([L6_REPORT, ...L6_OWN])('%j is a tracking question', (text) => {
    expect(understood(text)).toBe('track_order');
  });
  it('the report\'s wording looks the order up and is no emergency', () => {
    expect(emergency(L6_REPORT)).toBe(false);
    // (The harness answers no HTTP call: the lookup says nothing yet; the router's choice and the reference are read.)
    const c = converse(support(), { now: MONDAY_OPEN });
    const n = c.botTexts().length;
    c.say(L6_REPORT);
    const v = c.state.variables;
    expect(v.intent).toBe('track_order');
    expect(JSON.stringify(v)).toMatch(/NW-104233/);
    expect(c.botTexts().slice(n).join(' ')).not.toMatch(/999|product details/);
  });
  it('a real breathing emergency stays one', () => {
    expect(emergency("my son can barely breathe, his lips are blue")).toBe(true);
  });
  it.each(L6_KEEP)('%j is still %s', (text, intent) => {
    expect(understood(text)).toBe(intent);
  });
});

// ---- L2 ----
const L2_REPORT = 'when does it ship?';
const L2_OWN = ['when will it ship', 'when do you ship?', 'when does my order ship', 'when does it get delivered?', 'where do you ship?'];
const L2_KEEP: [string, string][] = [
  ['when are you open?', 'opening_hours'],
  ['when do you close today', 'opening_hours'],
  ['when can I call you', 'opening_hours'],
  ['where is my order', 'track_order'],
  ['when will my order arrive', 'track_order'],
];

describe('L2: a question word alone is no topic', () => {
  it.each([L2_REPORT, ...L2_OWN])('%j is about shipping or the order, not opening hours', (text) => {
    expect(['track_order', 'shipping_info']).toContain(understood(text));
  });
  it('the report\'s wording gets no opening hours in the chat', () => {
    expect(said(L2_REPORT)).not.toMatch(/Monday to Friday 8am-8pm/);
  });
  it.each(L2_KEEP)('%j is still %s', (text, intent) => {
    expect(understood(text)).toBe(intent);
  });
});

// ---- L4 ----
describe('L4: out of hours, the still-closed line in full once, then a short line that refers back', () => {
  const run = (asks: string[]) => {
    const c = converse(support(), { now: SATURDAY_CLOSED });
    c.say('I want to talk to someone');
    c.say('jo@x.example');
    c.say('my order is late');
    for (const a of asks) {
      c.say(a);
      if (c.mode() !== 'closed') c.say('same problem as before');
    }
    return c.botTexts();
  };
  it('three asks after closed tickets: "Our team is still offline" in full once, then shorter lines that keep when', () => {
    const texts = run(['agent please', 'person please', 'human please']);
    const still = texts.filter((t) => /still offline/.test(t));
    expect(still).toHaveLength(1);
    const later = texts.filter((t) => /back on Monday at 8am/.test(t) && !/still offline/.test(t));
    expect(later.length).toBeGreaterThanOrEqual(2);
    for (const t of later) expect(t.length).toBeLessThan(still[0]!.length);
  });
  it('one ask after a closed ticket: the full still-closed line as before', () => {
    const texts = run(['agent please']);
    expect(texts.filter((t) => /Our team is still offline, so I can't put you through yet: they're back on Monday at 8am\./.test(t))).toHaveLength(1);
  });
  it('no bot line (other than the flow\'s own welcome and ticket texts) is said three times word for word', () => {
    const texts = run(['agent please', 'person please', 'human please']);
    const counts = new Map<string, number>();
    for (const t of texts) counts.set(t, (counts.get(t) ?? 0) + 1);
    const own = new Set(texts.filter((t) => /Northwind Goods assistant|What can I help you with|Welcome back|opened ticket|Goodbye|What should our team help/.test(t)));
    for (const [t, n] of counts) if (!own.has(t)) expect({ t, n }).toEqual({ t, n: Math.min(n, 2) });
  });
});

// ---- M12 ----
const M12_REPORT = "sorry, I'm back";
const M12_OWN = ["I'm back", 'ok I am back now', 'hello, I\'m back', 'can you get back to me by email', "I'll return to this later", "it's out of order"];
const M12_KEEP: [string, string][] = [
  ['I want to send it back', 'return_item'],
  ['how do I send something back', 'return_item'],
  ['send back my order', 'return_item'],
  ['I want to return an item', 'return_item'],
  ['what are your opening times', 'opening_hours'],
  ['where is my order', 'track_order'],
];

describe('M12: a keyword in another sense is not its intent', () => {
  it.each([M12_REPORT, ...M12_OWN])('%j is no return', (text) => {
    expect(understood(text)).not.toBe('return_item');
  });
  it.each(["I've asked 3 times", 'I have been waiting for hours'])('%j is no opening-hours question', (text) => {
    expect(understood(text)).not.toBe('opening_hours');
  });
  it('the report\'s wording does not start a return in the chat', () => {
    const out = said(M12_REPORT);
    expect(out).not.toMatch(/return unused items|Which order is the return for/);
  });
  it.each(M12_KEEP)('%j is still %s', (text, intent) => {
    expect(understood(text)).toBe(intent);
  });
});
