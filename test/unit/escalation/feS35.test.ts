/**
 * Session 35 (fe, issue 11): ordinary questions handed over, fixed by family. Sentences made up for the tests (not the
 * corpora's); each family with the cases that must still fire.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { playConversation } from '../../../shared/simulator/playConversation';

const flow = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
// A Monday, 10:00 in London.
const reason = (...turns: string[]) =>
  playConversation(flow, 'fe', ['Something else', ...turns], Date.parse('2026-03-02T10:00:00Z')).escalation?.reason ?? 'none';

describe('a deletion word where the account is only the place, or the account stays (detectSensitiveTopic accountStays)', () => {
  it.each([
    'how do I remove an old phone number from my account?',
    'saved two cards in my account, can I delete the expired card?',
    'old postcode remove from account, how',
    'I only want to unsubscribe from the texts, not the account',
    'how do I delete one thing from my saved list, not the account lol',
    'will removing the app from my phone close my account? I want to keep my account',
    'could you explain the rules for account deletion? for my knowledge only, I am not deleting mine',
    'what happens to my points if I close my account someday? Not closing it, only wondering',
  ])('%j does not escalate', (text) => expect(reason(text)).toBe('none'));

  it.each([
    'please delete my account',
    'I want to remove my card from my account and then close it',
    'take my address off my account and close the account too',
    'I want to close my account, not just the newsletter',
    'get rid of my account please, I do not want the emails',
    'I have two accounts, please delete the old one',
    'please end the premium membership on my account',
    'I cancelled the order last week but the money was taken from my account again',
  ])('%j is account deletion', (text) => expect(reason(text)).toBe('sensitive_topic'));
});

describe('a delivery time offered or asked as a choice (takenBack.timeAsChoice)', () => {
  it.each([
    "I'm home on Thursday, can the driver come Thursday",
    'Wednesday is possible?',
    'I am home on Saturday, could the courier come Saturday',
    'will it get here before noon or after?',
    "no need for a person, I only want to know if it is before 5pm or after",
  ])('%j does not escalate', (text) => expect(reason(text)).toBe('none'));

  it.each([
    'I need it by Thursday',
    "I'm only home on Thursday and it is for my daughter's birthday, can it come Thursday?",
    'Saturday possible? I fly on Sunday',
    'today possible?',
    "I'm free on Saturday but I have to have it by Wednesday",
    'can the driver come before or should I leave a note? I leave in 30 minutes',
  ])('%j is a deadline', (text) => expect(reason(text)).toBe('urgency'));
});

describe('a complaint word declined, joked about, or naming the channel for a compliment (detectSensitiveTopic)', () => {
  it.each([
    'cannae complain, the parcel came quick. where do I leave a review?',
    'Complaint: your prices are too low. Joking. Do you do bulk orders?',
    'my sister says you have a complaints form, but I only want to give a compliment to the driver',
    'we do not want to make a complaint at all, just a question about gift wrap',
  ])('%j does not escalate', (text) => expect(reason(text)).toBe('none'));

  it.each([
    'I want to complain',
    'I would like to make a complaint about the driver',
    'I want to make a complaint, I am not kidding',
    'complaint: the courier threw my parcel over the fence',
    "I don't want a refund, joking, I do want one, it arrived smashed",
    'I cannae log in, someone hacked my account',
  ])('%j still escalates as a sensitive topic', (text) => expect(reason(text)).toBe('sensitive_topic'));
});

describe('"bad" and "stupid" as slang praise, and the thing praised with a loving emoji (detectNegativeSentiment beforeBuyingCalm)', () => {
  it.each([
    'de new cushions sick bad, allyuh do next day?',
    'Dis hoodie wicked! Bad bad! Unnu ship to Leeds?',
    'sick sick sick the rug is so sick 😍',
  ])('%j does not escalate', (text) => expect(reason(text)).toBe('none'));

  it.each([
    'bad bad service, unnu ship to Leeds?',
    'your website is stupid, do you ship to france?',
    'this is a joke and you are useless 😍',
  ])('%j is still negative', (text) => expect(reason(text)).toBe('negative_sentiment'));
});

describe('an urgent word naming a product, its protection or a line of work (detectUrgency namesARisk, namesAJob)', () => {
  it.each([
    'quick one, are the kids dressing gowns flame-retardant?',
    'do you sell them emergency foil blankets for the car',
    'I work nights on emergency calls so I am never in for deliveries, can it go to a locker instead?',
  ])('%j does not escalate', (text) => expect(reason(text)).toBe('none'));

  it.each([
    'call emergency services, the charger is on fire',
    'flames coming out of the heater right now',
    'I work from home, this is an emergency, where is my order',
    'EMERGENCY my son swallowed a battery from the toy',
  ])('%j is urgent', (text) => expect(reason(text)).toBe('urgency'));
});

describe('"cracked" as slang praise (topicMeaning crackedAsPraise, damageOnlyAsPraise)', () => {
  it.each([
    'the gaming chair is lowkey cracked value. do you ship to wales?',
    'this headset is cracked, best purchase all year. does it come in white?',
    'ngl the monitor arm is cracked, absolutely goated. how long is delivery to leeds',
  ])('%j does not escalate', (text) => expect(reason(text)).toBe('none'));

  it.each([
    'the lamp is cracked',
    'the mug arrived cracked, love the design though',
    'the vase is cracked, I love it but can you send another',
    'the bowl is cracked. best you send a new one',
    'the teapot is cracked, best to just bin it?',
  ])('%j is still damaged goods', (text) => expect(reason(text)).toBe('sensitive_topic'));
});

describe('the courier who may ring or text ("they" after the courier is named, or asked to call ahead) (detectExplicitRequest courierCallsAhead)', () => {
  it.each([
    'will you give my number to the driver so he can text me? fine by me, just checking',
    'can they ring me 20 min before, the gate code is tricky',
  ])('%j does not escalate', (text) => expect(reason(text)).toBe('none'));

  it.each([
    'can they call me back please',
    'call me please',
    'can someone ring me before 5pm',
    'my delivery is late again, can they call me',
  ])('%j is a request for a person', (text) => expect(reason(text)).toBe('explicit_request'));
});
