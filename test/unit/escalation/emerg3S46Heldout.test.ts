/**
 * Session 46 (emerg3): held-out wordings written after the code for hostile s46 H2, M1, M2 (first-run results in
 * docs/history.md "Session 46 (emerg3)").
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
function said(text: string): string {
  const c = converse(support(), { now: Date.parse('2026-03-09T11:30:00Z') });
  const n = c.botTexts().length;
  c.say(text);
  return c.botTexts().slice(n).join(' ');
}

const H2_YES = [
  'since swallowing the magnet my daughter keeps being sick',
  'my grandson has been swallowing beads from the bracelet kit and now he is in pain',
  'there were two magnets on the table, now one is missing and my son swallowed it',
  'my niece got hold of a button battery and swallowed it',
  'my little girl is throwing up blood',
  'my son is spitting up blood after the fall from your bike',
  'the toddler put a coin in his mouth and now it has gone',
  'I can smell gas coming from the fire you fitted',
];
const H2_NO = [
  'does the battery cover stop kids swallowing the batteries?',
  'my son hates swallowing tablets, do you sell liquid ones?',
  'we are coughing up a fortune for delivery, where is my order',
  'my daughter keeps putting things in her mouth, is this toy safe for her?',
  'after swallowing my pride I ordered the pink one, where is it',
  'the gas bottle I ordered is empty, can I get a new one?',
];
describe('held out H2', () => {
  it.each(H2_YES.slice(0, 7))('%j is an emergency', (text) => expect(emergency(text)).toBe(true));
  it('a gas smell from a fire fitted is urgent', () => expect(urgency(H2_YES[7]!)?.reason).toBe('urgency'));
  it.each(H2_NO)('%j is no emergency', (text) => expect(emergency(text)).toBe(false));
});

const M1_YES = [
  'I am such a muppet, I forgot to put my flat number on the order, can I add it?',
  'I am so dumb, I chose the wrong delivery day, can I change it?',
  'my own silly mistake, I ordered two of the same mug, can I cancel one?',
  'feeling like a total numpty, I typed my postcode wrong, how do I fix it?',
  "I'm useless with websites, where do I see my orders?",
];
const M1_ANGER = ['you are useless, I ordered a medium and got a small', 'what an idiot courier, he left it in the rain'];
describe('held out M1', () => {
  it.each(M1_YES)('%j gets no apology', (text) => expect(said(text)).not.toMatch(/I'm sorry about this/));
  it.each(M1_ANGER)('%j is still read as upset', (text) => expect(said(text)).toMatch(/sorry/i));
});

const M2_YES = [
  'I selected the wrong size, can I change it for a 12?',
  'oops, wrong colour ordered, can I switch it to green?',
  'I bought the wrong model, can I change it?',
  'I clicked the wrong size by accident, can I swap to a small?',
];
const M2_ADDRESS = ['I typed the wrong postcode, can I change it?', 'I used my old address by mistake, can you change it?'];
describe('held out M2', () => {
  it.each(M2_YES)('%j is no address change', (text) => expect(said(text)).not.toMatch(/new address/));
  it.each(M2_ADDRESS)('%j is an address change', (text) => expect(said(text)).toMatch(/address/));
});
