/**
 * Session 45 (emerg, hostile s45 H1, M1, M3, L2; /work/coord/s45/hostile/report.md). Written before the code, by kind:
 *  - H1: a person who swallowed (ate, drank) something dangerous (a magnet, a button battery, pills, bleach, a small
 *    part), or is choking or poisoned, is an emergency at the first message, said plainly ("my son swallowed a magnet");
 *    not the dog, not a figure ("swallowed my pride", "swallowed the cost"), not long ago and resolved, not a product
 *    question ("are the magnets small enough to swallow?");
 *  - M1: "can't catch my breath" as the idiom of being busy ("so busy I can't catch my breath, where is my order") is no
 *    emergency; the breathing sign stays one;
 *  - M3: a product named by a hazard word ("the smoke alarm you sent beeps every minute, how do I return it") is no
 *    hazard happening now; smoke, fire and gas now stay emergencies;
 *  - L2: an order question after an aside closed by "anyway" ("I was out of breath laughing at your ad, anyway where is
 *    NW-104233") goes to the order lookup.
 * Hostile M2 ("my kids are on fire today, they love the lego set!") is the misfire helper's (branch s45-misfire): here
 * only as a case that must not be an emergency.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectUrgency } from '../../../shared/escalation/detectors/detectUrgency';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { converse } from '../engine/harness';
import { fires, policy } from './facts';

const urgency = (text: string) => fires(detectUrgency, text, policy());
const emergency = (text: string) => urgency(text)?.emergency === true;

const support = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
/** The bot's replies to one message typed at Northwind's menu, open hours, and the intent the router chose. */
function chat(text: string): { said: string; intent: unknown } {
  const c = converse(support(), { now: Date.parse('2026-03-09T11:30:00Z') });
  const n = c.botTexts().length;
  c.say(text);
  const v = c.state.variables;
  // (The menu reads a typed message by meaning and picks its option, or hands it to the intent router.)
  return { said: c.botTexts().slice(n).join(' '), intent: v.intent ?? MENU_INTENT[String(v.menuChoice)] };
}
const MENU_INTENT: Record<string, string> = { 'Track my order': 'track_order', Returns: 'return_item', Shipping: 'shipping_info' };

export const SWALLOWED = [
  'my son swallowed a magnet',
  'my son swallowed a magnet from your toy',
  'my daughter swallowed a button battery',
  'my toddler swallowed a coin cell battery from the remote',
  'my little girl swallowed some of the magnetic balls',
  'my son swallowed two magnets',
  'my baby swallowed a small part of the rattle',
  'my husband drank bleach by mistake',
  'my son ate a dishwasher tablet',
  'my daughter swallowed a washing pod',
  'my kid swallowed some of my pills',
  'my boy swallowed a magnet from the building set',
  'grandson swallowed one of the magnets',
  'my 2 year old swallowed a battery',
  'my son is choking on a piece of the toy',
  'he swallowed a magnet from your kit',
  'my toddler swallowed a piece of the puzzle',
  'my baby ate a button battery',
];
export const NOT_SWALLOWED = [
  'the dog swallowed my receipt lol',
  'I swallowed my pride and ordered again',
  'we swallowed the cost of the shipping',
  'last year my son swallowed a coin, is this toy safe?',
  'are the magnets small enough to swallow?',
  'what if my child swallows a magnet?',
  'is it dangerous if a button battery is swallowed?',
  "he didn't swallow it, I found the magnet on the floor",
  'the washing machine swallowed my sock',
  'the ATM swallowed my card',
  'I had to swallow the return postage',
  'my son swallowed a magnet two years ago, are these ones bigger?',
  'do you sell magnets that are too big to swallow?',
  'the vending machine ate my coins',
  'my son swallowed his words when he saw the price',
  'the printer ate my paper',
  'my son ate all the chocolate in the advent calendar',
  // (Found by the held-out set, emergS45Heldout: "nearly" / "almost" swallowed is a danger reported, nothing swallowed.)
  'my son nearly swallowed a magnet, these should not be sold',
  'my daughter almost swallowed a button battery from the remote',
];

export const BREATH = [
  "can't catch my breath and my chest is tight",
  "I can't catch my breath",
  "my husband can't catch his breath and his chest is tight",
  "she can't catch her breath, help",
  "he can't breathe",
  'my son is struggling to breathe',
  'cant catch my breath, chest feels tight',
  "I can't get my breath, please help",
  "help my dad can't catch his breath",
  "he collapsed and can't catch his breath",
  'I can hardly breathe',
  'my daughter can barely breathe',
  "couldn't catch my breath and my chest is tight",
  "can't catch my breath and I feel dizzy",
  "my wife can't catch her breath",
];
export const BREATH_IDIOM = [
  "so busy I can't catch my breath, where is my order 48213",
  "work is so hectic I can't catch my breath, can you tell me when my parcel arrives?",
  "I can't catch my breath with all these Christmas orders, do you ship to Norway?",
  "run off my feet and can't catch my breath, what's the returns address?",
  "between the kids and work I'm so busy I can't catch my breath, need to change my delivery address",
  'I was out of breath laughing at your ad',
  'your prices took my breath away',
  'the view from the hotel took my breath away',
  "I can't breathe a word of it to my wife, it's a surprise",
  "don't hold your breath waiting for the refund lol",
  'so much going on I can hardly catch my breath, is my order shipped?',
  "so many orders this week I'm swamped, can't catch my breath, anyway where is my order",
  "busy day, can't catch my breath! when does my order arrive?",
  "it's been manic, I can't catch my breath, did my refund go through?",
  "I've been so rushed I can barely catch my breath, can I pay with klarna?",
];

export const HAZARD = [
  'the smoke alarm is going off and the kitchen is full of smoke',
  "there's smoke pouring out of the heater you sold me",
  'the charger is on fire',
  'the smoke alarm went off, the toaster is on fire',
  'the kettle is smoking and my son is coughing',
  'smoke everywhere, the lamp is on fire',
  'the carbon monoxide alarm is going off and my wife feels dizzy',
  "the heater's in flames",
  'the room is full of smoke from the fan heater',
  'the smoke detector is screaming and there are flames coming out of the toaster',
  "there's smoke coming out of the charger and my daughter is coughing",
  'the extension lead is burning now',
  'gas smell in the kitchen and my husband has a headache',
  'the fire is spreading, help',
  'the tumble dryer caught fire and my dad is trapped',
];
export const HAZARD_PRODUCT = [
  'the smoke alarm you sent beeps every minute, how do I return it',
  'my smoke alarm chirps every few minutes, is the battery replaceable?',
  'the smoke detector keeps beeping every minute, can I get a replacement',
  'the smoke alarm is faulty, it beeps every 30 seconds, refund please',
  'do you sell smoke alarms?',
  'the smoke alarm arrived broken, how do I return it',
  "the carbon monoxide detector I ordered hasn't arrived",
  "my smoke alarm's low battery warning goes off every minute",
  "the smoke machine for the party doesn't work",
  'smoke damage on the box, can I return it',
  'the fire extinguisher you sent is dented, can I swap it',
  'the fire blanket is too small, how do I return it',
  'I ordered a smoke alarm and got a doorbell',
  'can I return a smoke detector if I opened the box',
  'the smoke grey sofa cover, is it in stock?',
  'the fire pit I bought rusted, refund please',
];

export const ASIDE_THEN_ORDER = [
  'I was out of breath laughing at your ad, anyway where is NW-104233',
  'anyway where is NW-104233',
  'loved the ad lol. anyway, where is my order NW-104233?',
  "long week at work, anyway where's my parcel NW-104233",
  'I was in stitches at your ad, anyway where is my order NW-104233',
  'ha your ad is brilliant. anyway, where is NW-104233?',
  "it's raining again here, anyway where is my order NW-104233",
  'the dog is going mad at the postman, anyway, where is NW-104233?',
  'my cat sat on the keyboard, anyway where is my order NW-104233',
  'out of breath from the stairs, anyway, where is NW-104233',
  'so busy today, anyway where is NW-104233',
  'what a day! anyway, where is my order NW-104233?',
  'rant over. where is NW-104233?',
  'moving on, where is my parcel NW-104233',
  "your jingle is stuck in my head, anyway where's NW-104233",
];
/** An aside closed by "anyway" before another request: that request's intent, never the order lookup. */
export const ASIDE_THEN_OTHER: [string, string][] = [
  ['I was out of breath laughing at your ad, anyway how do I return a jumper?', 'return_item'],
  ['loved the ad lol. anyway, do you ship to Norway?', 'shipping_info'],
  ["long week at work, anyway what are your opening hours?", 'opening_hours'],
  ['so busy today, anyway can I pay with paypal?', 'payment_methods'],
  ["it's raining again here, anyway how much is shipping to Germany?", 'shipping_info'],
  ['what a day! anyway, how do I send something back?', 'return_item'],
  ['the dog is going mad at the postman, anyway, when are you open?', 'opening_hours'],
  ['rant over. do you take apple pay?', 'payment_methods'],
  ['moving on, I want to return my order', 'return_item'],
  ['your jingle is stuck in my head, anyway do you deliver to Ireland?', 'shipping_info'],
  ['my cat sat on the keyboard, anyway what payment methods do you accept?', 'payment_methods'],
  ['I was in stitches at your ad, anyway how do I return something?', 'return_item'],
  ['out of breath from the stairs, anyway what time do you close today?', 'opening_hours'],
  ['ha your ad is brilliant. anyway, do you ship abroad?', 'shipping_info'],
  ['hello, anyway, can I change my delivery address?', 'change_address'],
];

describe('H1: a person who swallowed something dangerous is an emergency at once', () => {
  it.each(SWALLOWED)('%j is an emergency', (text) => {
    const s = urgency(text);
    expect(s?.reason).toBe('urgency');
    expect(s?.emergency).toBe(true);
  });
  it.each(NOT_SWALLOWED)('%j is no emergency', (text) => {
    expect(emergency(text)).toBe(false);
  });
  it('the chat says the 999 line at the first message, plain or "from your toy"', () => {
    for (const text of ['my son swallowed a magnet', 'my son swallowed a magnet from your toy']) expect(chat(text).said).toMatch(/please call 999 now/);
  });
});

describe('M1: the idiom of being busy is no breathing emergency', () => {
  it.each(BREATH)('%j is an emergency', (text) => {
    expect(emergency(text)).toBe(true);
  });
  it.each(BREATH_IDIOM)('%j is no emergency', (text) => {
    expect(emergency(text)).toBe(false);
  });
  it('the order question is answered, no 999 line', () => {
    const { said } = chat("so busy I can't catch my breath, where is my order 48213");
    expect(said).not.toMatch(/999/);
  });
});

describe('M3: a product named by a hazard word is no hazard now', () => {
  it.each(HAZARD)('%j is an emergency', (text) => {
    expect(emergency(text)).toBe(true);
  });
  it.each(HAZARD_PRODUCT)('%j is not urgent', (text) => {
    expect(urgency(text)).toBeNull();
  });
  it('the smoke alarm return gets the returns answer, not a handover', () => {
    const { said } = chat('the smoke alarm you sent beeps every minute, how do I return it');
    expect(said).toMatch(/You can return unused items/);
    expect(said).not.toMatch(/get a person/);
  });
});

describe('M2 (fixed by the misfire helper\'s praise rule): "on fire" said of people in praise', () => {
  // Hostile s45 M2 is the same kind as the praise around hazard words that the misfire helper fixed (merged together in
  // session 45).
  it('"my kids are on fire today, they love the lego set! can I order another?" is no emergency', () => {
    expect(emergency('my kids are on fire today, they love the lego set! can I order another?')).toBe(false);
  });
});

describe('L2: an order question after an aside closed by "anyway" is the order question', () => {
  it.each(ASIDE_THEN_ORDER)('%j looks the order up', (text) => {
    const { said, intent } = chat(text);
    expect(intent).toBe('track_order');
    expect(said).not.toMatch(/can't see product details/);
  });
  it.each(ASIDE_THEN_OTHER)('%j goes to %s', (text, want) => {
    expect(chat(text).intent).toBe(want);
  });
});
