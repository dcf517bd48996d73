/**
 * Session 32 (issue 11, false escalations on ordinary questions): sensitive-topic words in messages that are not the
 * customer's own case. Sentences made up for the tests (not the corpora's), each family with the cases that must still
 * fire.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { playConversation } from '../../../shared/simulator/playConversation';

const flow = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const reason = (...turns: string[]) =>
  playConversation(flow, 'tp', ['Something else', ...turns], Date.parse('2026-03-02T10:00:00Z')).escalation?.reason ?? 'none';

describe('a question about the refund policy, asked by nobody in it (speaksOfThemselves, policy-question openings)', () => {
  it.each([
    'What is the usual refund time once you get a parcel back?',
    'Are refunds paid to the card that was used, or as a voucher?',
    'Do refunds go back to PayPal as well? Asking before I order',
    'when are refunds processed, on weekdays only?',
  ])('%j does not escalate', (text) => expect(reason(text)).toBe('none'));

  it.each([
    'What is the refund time? I returned my coat a month ago and nothing yet',
    'I want a refund for the broken kettle',
    'are refunds ever going to come? I sent my parcel back 5 weeks ago',
  ])('%j is the customer\'s own case', (text) => expect(reason(text)).toBe('sensitive_topic'));
});

describe('"cracking" and "smashing" said on their own as praise (praiseIdiom)', () => {
  it.each(['Smashing', 'Cracking, ta', 'Smashing. Night.', 'cracking thanks'])('%j does not escalate', (text) =>
    expect(reason(text)).toBe('none'));

  it.each(['the mirror arrived smashed', 'the vase is cracked, I want a replacement'])('%j is damaged goods', (text) =>
    expect(reason(text)).toBe('sensitive_topic'));
});

describe('"nobody" and "no one" negate a security word (negationOf)', () => {
  it.each([
    "no one's hacked anything lol, I just forgot my password, how do I reset it?",
    'nobody hacked anything, I only want to change my email on the account',
  ])('%j does not escalate', (text) => expect(reason(text)).toBe('none'));

  it.each(['nobody answers and my account was hacked', 'someone hacked my account'])('%j is account security', (text) =>
    expect(reason(text)).toBe('sensitive_topic'));
});

describe('a case the customer says the shop already put right (topicMeaning resolvedBefore)', () => {
  it.each([
    'the mug came chipped but you already sent a replacement, thank you! Do you sell the matching plates?',
    'someone got into my account in spring but your team sorted it quickly, thanks. Is the sale on?',
    'my complaint last year was answered nicely. Do you do gift cards?',
  ])('%j does not escalate', (text) => expect(reason(text)).toBe('none'));

  it.each([
    'the mug came chipped and you sent a replacement but it is chipped too',
    'you said you sorted my refund but I still have nothing',
  ])('%j is still the customer\'s case', (text) => expect(reason(text)).not.toBe('none'));
});

describe("a question about the shop's protection against fraud that tells no case (aboutFraudMeasures)", () => {
  it.each([
    'is your fraud protection any good? I am new to shopping online',
    'fraud prevention question: would you ever text me for my PIN?',
  ])('%j does not escalate', (text) => expect(reason(text)).toBe('none'));

  it.each([
    'fraud prevention failed, someone ordered with my account',
    'your fraud check is useless, there are charges on my card I never made',
  ])('%j is a fraud case', (text) => expect(reason(text)).toBe('sensitive_topic'));
});
