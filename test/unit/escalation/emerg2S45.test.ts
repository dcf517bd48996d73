/**
 * Session 45 (emerg2, blind re-test of conversations s45 H1 and M1; /work/coord/s45/retest-conv/report.md). Written before
 * the code: the report's wordings, then five own per kind, both directions.
 *  - H1: a fire in a place with a person still inside or trapped is a fire happening now with a person affected (the 999
 *    line, the urgent handover); a button cell swallowed is a battery swallowed; swallowed "yesterday" with a sign of harm
 *    now ("he is being sick now") is now.
 *  - M1: an animal swallowing a harmless thing, and "swallowed" as a figure (pride, the cost, one's words), is no safety
 *    topic; a swallowing told by the child's age then ("when he was 4") is long ago, no emergency.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectUrgency } from '../../../shared/escalation/detectors/detectUrgency';
import { canonicalTokens } from '../../../shared/escalation/canonicalTokens';
import { meaningOf } from '../../../shared/escalation/topicMeaning';
import { analyzeText } from '../../../shared/nlu/analyzeText';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { converse } from '../engine/harness';
import { fires, policy } from './facts';

const urgency = (text: string) => fires(detectUrgency, text, policy());
const emergency = (text: string) => urgency(text)?.emergency === true;
const safetyByMeaning = (text: string) => meaningOf(canonicalTokens(analyzeText(text)), ['safety']);

const support = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
/** The bot's replies to one message typed at Northwind's menu, open hours. */
function said(text: string): string {
  return chat(text).said;
}
/** The replies and the intent the router chose (an order lookup says nothing until its HTTP call answers). */
function chat(text: string): { said: string; intent: unknown } {
  const c = converse(support(), { now: Date.parse('2026-03-09T11:30:00Z') });
  const n = c.botTexts().length;
  c.say(text);
  const v = c.state.variables;
  // (The menu reads a typed message by meaning and picks its option, or hands it to the intent router.)
  return { said: c.botTexts().slice(n).join(' '), intent: v.intent ?? (v.menuChoice === 'Track my order' ? 'track_order' : undefined) };
}

const REPORT_FIRE = [
  "there's a fire in the house and my mum is still inside",
  'the heater started a fire and my grandma is trapped in the kitchen',
  'fire in the flat, my baby is still in there',
];
const OWN_FIRE = [
  'there is a fire in the garage and my dad is still in there',
  'a fire started in the living room and my kids are stuck upstairs',
  "fire at my nan's house, she's still inside",
  'the toaster started a fire, my husband is trapped in the kitchen',
  'big fire in the flat next door and my son is still in there',
];
const NOT_FIRE = [
  'there was a fire at your warehouse, is my parcel still inside?',
  'there was a fire in the house last year, everyone got out, can I claim for the sofa?',
  'fire in the kitchen earlier but it is out now and everyone is safe',
  'is the fire pit safe to use inside the house?',
  'my son is still inside the shop, can I pay for his order?',
  'the fire alarm in the house keeps beeping, my mum is inside and annoyed',
];

const REPORT_SWALLOW = [
  'I think my daughter has swallowed a button cell from the musical card',
  'my son swallowed a battery yesterday and he is being sick now',
];
const OWN_SWALLOW = [
  'my toddler swallowed a button cell from the remote',
  'my son has swallowed a coin cell',
  'my daughter swallowed a lithium cell from the birthday card',
  'she swallowed a magnet yesterday and now she is vomiting',
  'my boy swallowed a battery last night and he is in pain now',
];
const NOT_SWALLOW_NOW = [
  'my son swallowed a magnet when he was 4, he is fine now. are your magnetic tiles safe for kids?',
  'my daughter swallowed a coin when she was 2, do these have small parts?',
  'my son swallowed a battery yesterday, he is fine now, are the covers screwed?',
  'when I was little I swallowed a magnet, are these safe?',
  'my cousin swallowed a magnet when he was a baby, is this set for 3+?',
  'my son swallowed a battery last year and was sick for days, are your remotes child safe?',
];

const REPORT_NEAR: [string, RegExp][] = [
  ['my dog swallowed the receipt, can I still return the lamp?', /return/i],
  ['I swallowed my pride and ordered the pink one, where is my order NW-104233', /^track_order$/],
  ['we swallowed the cost of the delivery, can I get a refund on it?', /refund/i],
  ['my son swallowed his words when he saw the price haha, do you do student discount?', /can't see product details/],
];
const OWN_NEAR = [
  'the puppy swallowed the packing slip, can you email me a copy?',
  'I swallowed the loss on the broken mug, just want to order another',
  'my cat swallowed the label off the box, what size is this jumper?',
  'we swallowed the price rise, do you still do free delivery?',
  'he swallowed his pride and said sorry, anyway where is my parcel',
];
const STILL_SAFETY = [
  'my son swallowed a magnet from the set you sold me',
  'my dog swallowed a battery from your toy',
  'my daughter swallowed a bead from the bracelet you sent',
  'he swallowed a piece of the toy and was choking',
  'my son swallowed part of the rattle, it broke off',
];

describe('H1: a fire in a place with a person still inside or trapped is an emergency', () => {
  it.each([...REPORT_FIRE, ...OWN_FIRE])('%j is an emergency', (text) => {
    const s = urgency(text);
    expect(s?.reason).toBe('urgency');
    expect(s?.emergency).toBe(true);
  });
  it.each(NOT_FIRE)('%j is no emergency', (text) => {
    expect(emergency(text)).toBe(false);
  });
  it.each(REPORT_FIRE)('%j gets the 999 line and no email question', (text) => {
    const out = said(text);
    expect(out).toMatch(/please call 999 now/);
    expect(out).not.toMatch(/email address/);
  });
});

describe('H1: a button cell, and a battery swallowed yesterday with harm now, are emergencies', () => {
  it.each([...REPORT_SWALLOW, ...OWN_SWALLOW])('%j is an emergency', (text) => {
    const s = urgency(text);
    expect(s?.reason).toBe('urgency');
    expect(s?.emergency).toBe(true);
  });
  it.each(REPORT_SWALLOW)('%j gets the 999 line and no email question', (text) => {
    const out = said(text);
    expect(out).toMatch(/please call 999 now/);
    expect(out).not.toMatch(/email address/);
  });
});

describe('M1: a swallowing told by an age then, or long ago and fine now, is no emergency', () => {
  it.each(NOT_SWALLOW_NOW)('%j is no emergency', (text) => {
    expect(emergency(text)).toBe(false);
  });
  it('the report\'s magnet "when he was 4" gets no 999 line', () => {
    expect(said(NOT_SWALLOW_NOW[0]!)).not.toMatch(/999/);
  });
});

describe('M1: an animal and a harmless thing, or "swallowed" as a figure, is no safety topic', () => {
  it.each([...REPORT_NEAR.map(([t]) => t), ...OWN_NEAR])('%j is no safety topic by meaning and no urgency', (text) => {
    expect(safetyByMeaning(text)).toBeNull();
    expect(urgency(text)).toBeNull();
  });
  it.each(REPORT_NEAR)('%j is not handed over: the answer or the intent matches %s', (text, answer) => {
    const { said: out, intent } = chat(text);
    expect(out).not.toMatch(/get a person|email address/);
    expect(answer.test(out) || answer.test(String(intent))).toBe(true);
  });
  it.each(STILL_SAFETY)('%j is still a safety topic or an emergency', (text) => {
    expect(safetyByMeaning(text) !== null || emergency(text)).toBe(true);
  });
});
