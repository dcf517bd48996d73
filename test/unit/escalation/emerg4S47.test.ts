/**
 * Session 47 (emerg4, hostile s47 M2, M3, L4; /work/coord/s47/hostile/report.md). Own wordings per kind, both directions,
 * written BEFORE the code (the report's own test inputs, w.jsonl / w2.jsonl, are the held-out set: emerg4S47Heldout).
 *  - M2: a person who drank / ate / licked a household chemical, an electric shock, a carbon monoxide alarm going off, a
 *    fire in the home from a product, a gas smell now, a battery that exploded and burned someone: an emergency (the 999
 *    line, the urgent handover, no email question first), in every flow. Near misses stay calm.
 *    Pets: a pet that ate poison is urgent for the customer but 999 is for people: handed over, never the 999 line.
 *  - M3: "don't get me a human, ..." / "no need to get me a person, ..." is no request for a person.
 *  - L4: "call me maybe / anytime / whenever" names no one.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectUrgency } from '../../../shared/escalation/detectors/detectUrgency';
import { detectExplicitRequest } from '../../../shared/escalation/detectors/detectExplicitRequest';
import { nameFromAnswer } from '../../../shared/engine/questionValidators';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { converse } from '../engine/harness';
import { fires, policy } from './facts';

const urgency = (text: string) => fires(detectUrgency, text, policy());
const explicit = (text: string) => fires(detectExplicitRequest, text, policy());

const flow = (name: string) => loadFlowText(readFileSync(new URL(`../../../flows/${name}.json`, import.meta.url), 'utf8')).flow!;
function chat(name: string, text: string): { said: string; handedOver: boolean } {
  const c = converse(flow(name), { now: Date.parse('2026-03-09T11:30:00Z') });
  const n = c.botTexts().length;
  c.say(text);
  return { said: c.botTexts().slice(n).join(' '), handedOver: c.state.mode === 'waiting' || c.state.mode === 'agent' || c.state.variables.handoffReason !== undefined };
}

export const OWN_POISON = [
  'my daughter drank some of the drain unblocker',
  'my son ate some of the slug pellets',
  'my toddler licked the dishwasher gel off the floor',
  'my 3 year old drank the white spirit',
  'my little boy has swallowed some antifreeze',
  'my kid drank the toilet cleaner from the cupboard',
  'my husband drank the descaler by mistake, he thought it was water',
  'the baby got hold of the weedkiller and drank some',
];
export const OWN_SHOCK = [
  'I got an electric shock from the kettle',
  'the toaster electrocuted my son',
  'my wife got electrocuted by the hairdryer',
  'the lamp gave me a shock and my hand is burnt',
  'I was electrocuted by your heater',
];
export const OWN_CO = [
  'our carbon monoxide alarm is going off',
  'the CO alarm went off since the boiler was fitted and I feel dizzy',
  'the carbon monoxide detector is sounding in the bedroom',
];
export const OWN_FIRE = [
  'my toaster caught fire',
  'the tumble dryer is on fire',
  'the charger set the sofa on fire',
  'the lamp burst into flames in the living room',
  'the socket is smoking and sparking',
  // (injuryS41 had this as "urgent, but nobody hurt": moved here on purpose.)
  "there's smoke coming out of the charger right now",
];
export const OWN_GAS = ['there is a strong gas smell in the flat', 'it smells of gas since the engineer left', 'I smell gas in the kitchen'];
export const OWN_BATTERY = [
  'the power bank exploded and burned my daughter',
  'the phone battery blew up in my hand and burnt me',
  'the e-bike battery exploded in the hallway',
];
export const OWN_EMERGENCY = [...OWN_POISON, ...OWN_SHOCK, ...OWN_CO, ...OWN_FIRE, ...OWN_GAS, ...OWN_BATTERY];

export const OWN_PET = ['my dog ate the slug pellets and is twitching', 'the cat licked the antifreeze, she is drooling'];

export const OWN_CALM = [
  // from the brief (the report's "should")
  'fire sale',
  "the descaler didn't work",
  'can I return the oven cleaner?',
  'is the kettle safe for kids?',
  'CO alarm batteries in stock?',
  // own
  'do you sell rat poison that is safe around pets?',
  'the weedkiller killed my lawn, I want a refund',
  'my son drank all the juice, can I order more?',
  'the oven cleaner took the grease off nicely, do you sell a bigger one?',
  'what happens if a child drinks lamp oil? is yours in a safe bottle?',
  'the price of the kettle is shocking',
  'I was shocked by the delivery charge for the heater',
  "the carbon monoxide alarm I ordered hasn't arrived",
  'my phone battery died, can you send a new charger?',
  'how do I test the smoke alarm?',
  'does the gas hob come with a fitting kit?',
  'the fryer is on fire at the moment, everyone wants one haha, when is it back in stock?',
  'my toddler loves the toy kettle, do you have the matching toaster?',
];

export const OWN_NOT_ASKED = [
  "don't get me an agent, just tell me the delivery times",
  'no need to get me a person, what are your opening hours?',
  "please don't put me through to a human, how do I return a jumper?",
  "don't find me a person, I just need the returns address",
  'no need to fetch a human, where is my order 48213?',
  "you needn't get me an agent, just tell me the shipping costs",
  'do not get me a human, how much is delivery?',
];
export const OWN_ASKED = [
  'get me a human',
  "don't just send me links, get me a human",
  "don't make me wait, get me a person now",
  "I don't want the bot, get me a human",
  'no more bots, get me a person',
];
export const OWN_NOT_A_PERSON_REQUEST = [
  'who can I write to about a job application?',
  'is there someone I can email about working for you?',
  'do you have the Human Nature perfume in stock?',
];

export const OWN_NOT_NAMES = ['call me maybe', 'call me anytime', 'call me whenever', 'call me sometime', 'call me perhaps', 'call me tomorrow', 'call me whenever you like', 'call me asap'];
export const OWN_NAMES: Array<[string, string]> = [['call me Jo', 'Jo'], ['call me Dave', 'Dave'], ['call me Mrs Patel', 'Mrs Patel'], ['Maya', 'Maya']];

describe('M2: household poisoning, shock, CO, fire, gas, an exploded battery are emergencies', () => {
  it.each(OWN_EMERGENCY)('%j is an emergency', (text) => {
    const s = urgency(text);
    expect(s?.reason).toBe('urgency');
    expect(s?.emergency).toBe(true);
  });
  it.each([...OWN_POISON.slice(0, 3), OWN_SHOCK[0], OWN_CO[0], OWN_FIRE[0], OWN_GAS[0], OWN_BATTERY[0]])('%j: the 999 line, no email question first (customer-support)', (text) => {
    const out = chat('customer-support', text);
    expect(out.said).toMatch(/999/);
    expect(out.said).not.toMatch(/email address/);
    expect(out.handedOver).toBe(true);
  });
  it.each(['I got an electric shock from the kettle', 'my son ate some of the slug pellets'])('%j at insurance-claims\' first question: urgent, not the policy number retry', (text) => {
    const out = chat('insurance-claims', text);
    expect(out.said).not.toMatch(/Policy numbers look like/);
    expect(out.handedOver).toBe(true);
  });
  it.each(OWN_PET)('a pet: %j is handed over, without the 999 line', (text) => {
    const out = chat('customer-support', text);
    // (The ordinary handover: "I'll get a person to help you with this." and the email question; the reason is set after it.)
    expect(out.handedOver || /get a person/.test(out.said)).toBe(true);
    expect(out.said).not.toMatch(/999/);
  });
  it.each(OWN_CALM)('%j stays calm (no emergency)', (text) => {
    expect(urgency(text)?.emergency ?? false).toBe(false);
    expect(chat('customer-support', text).said).not.toMatch(/999/);
  });
});

describe('M3: "don\'t get me a human, ..." is no request for a person', () => {
  it.each(OWN_NOT_ASKED)('%j is no explicit request', (text) => {
    expect(explicit(text)).toBeNull();
  });
  it.each(OWN_ASKED)('%j still asks for a person', (text) => {
    expect(explicit(text)?.reason).toBe('explicit_request');
  });
  it.each(OWN_NOT_A_PERSON_REQUEST)('%j is no explicit request', (text) => {
    expect(explicit(text)).toBeNull();
  });
});

describe('L4: a time or hedge word after "call me" is no name', () => {
  it.each(OWN_NOT_NAMES)('%j names no one', (text) => {
    expect(nameFromAnswer(text)).toBeNull();
  });
  it.each(OWN_NAMES)('%j names %j', (text, name) => {
    expect(nameFromAnswer(text)).toBe(name);
  });
});
