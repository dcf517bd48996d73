/**
 * Session 27 (topics, issue 11): mechanisms behind whole families of ordinary questions handed over as a topic, anger or
 * urgency, and of missed deadlines. Each mechanism with the cases that must keep firing.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { playConversation } from '../../../shared/simulator/playConversation';
import { notOwnCase } from '../../../shared/escalation/topicMeaning';
import { arrivalQuestion } from '../../../shared/escalation/deadlines';
import { canonicalTokens } from '../../../shared/escalation/canonicalTokens';
import { analyzeText } from '../../../shared/nlu/analyzeText';

const flow = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
// Monday 2 March 2026, 10:00 UTC.
const play = (...turns: string[]) => playConversation(flow, 'tp', ['Something else', ...turns], Date.parse('2026-03-02T10:00:00Z'));
const reason = (...turns: string[]) => play(...turns).escalation?.reason ?? 'none';
const tk = (s: string) => canonicalTokens(analyzeText(s));

describe("an event's possessive is the customer's own reason for a date (deadlines.arrivalQuestion)", () => {
  it.each([
    "The christening's on Saturday and I still don't have the outfit. Will it come Friday?",
    "my sister's wedding's on Sunday, will the dress arrive by Saturday?",
  ])('%j is a deadline', (t) => expect(reason(t)).toBe('urgency'));
  it.each(['Will it come Friday?', "The weather's awful here, will it come Friday?"])('%j asks when the order arrives', (t) => expect(reason(t)).toBe('none'));
  it('the reading itself', () => {
    const q = "the party's on saturday, will it arrive friday?";
    expect(arrivalQuestion(tk(q), q)).toBe(false);
    expect(arrivalQuestion(tk('will it arrive friday?'), 'will it arrive friday?')).toBe(true);
  });
});

describe('the time left said with any number word (detectUrgency LEFT_WORDS)', () => {
  it.each(['i have about two hours left in the country and the order is still not at the hotel', 'we have about two hours left in the flat and the order is still not here'])(
    '%j is a deadline',
    (t) => expect(reason(t)).toBe('urgency'),
  );
  it.each([
    'I live two hours away from your nearest shop, do you deliver to Skye?',
    'I waited two hours yesterday for the courier, can I pick a slot next time?',
    'about four hours left in the country and NW-123456 is still not at the hotel',
  ])(
    '%j is no deadline',
    (t) => expect(reason(t)).not.toBe('urgency'),
  );
});

describe('a day of the customer\'s or a past moment is no deadline (deadlines.ts)', () => {
  it.each([
    'Can you hold a lamp for me for a few days? I get paid on Friday',
    'we get paid this Friday, could you keep the sofa till then, will it still be in the sale?',
    'I order this morning 9:30. When it is coming approximately?',
  ])('%j is no deadline', (t) => expect(reason(t)).not.toBe('urgency'));
  it.each([
    'I get paid on Friday but I need the cot by Thursday',
    'I ordered this morning and I need it by 5pm today',
  ])('%j keeps its deadline', (t) => expect(reason(t)).toBe('urgency'));
});

describe('the clause a hypothetical opens is not told as happened (topicMeaning.notOwnCase)', () => {
  it.each([
    'If an order were damaged in shipping, what would happen?',
    'If a mirror were smashed in the post, what would happen?',
    'If my card were used by someone else, what would happen?',
    'suppose my account got hacked someday, do you have two-factor login?',
    'Could you explain how refunds to a gift card work, in case I return something later?',
  ])('%j is a hypothetical question', (t) => {
    expect(notOwnCase(tk(t), t.includes('?'))).toMatch(/would happen|general/);
    expect(reason(t)).toBe('none');
  });
  it.each([
    'My parcel arrived smashed. If it were damaged in transit, would you refund me?',
    'my account got hacked yesterday, what happens if they order things?',
    'I suppose my account got hacked, someone changed my password',
  ])('%j is still the customer\'s case', (t) => {
    expect(notOwnCase(tk(t), t.includes('?'))).toBeNull();
    expect(reason(t)).toBe('sensitive_topic');
  });
});

describe('slang praise before a question about buying, nothing gone wrong, is not anger (detectNegativeSentiment beforeBuyingCalm)', () => {
  it.each([
    'this coat is sick!!! do you have it in navy',
    'THE RUG IS NOT BAD AT ALL. DO YOU HAVE IT IN A BIGGER SIZE.',
    'This is ridiculous... ridiculously cheap! Is the price right on the pine bookcase?',
    'the lamp is so sick!!! do you sell the matching shade?',
    'this jacket is sick sick sick, got it in olive?',
  ])('%j is an ordinary question', (t) => expect(reason(t)).toBe('none'));
  it.each([
    'this coat is rubbish!!! do you have one that is not falling apart?',
    'the lamp arrived cracked!!! do you have another in stock?',
    'useless shop!!! do you even sell anything that works?',
    'do you have the rug in blue 😡 I asked three times',
  ])('%j is still negative', (t) => expect(play(t).escalation?.signals.some((s) => s.reason === 'negative_sentiment')).toBe(true));
});

describe('a case placed somewhere else is not the shop\'s, unless the thing came from this shop (topicMeaning ELSEWHERE, FROM_THIS_SHOP)', () => {
  it.each([
    'A friend had a mirror from somewhere else arrive smashed, so how do you pack mirrors for delivery?',
    'I bought a kettle elsewhere and it broke in a week, do you sell sturdier ones?',
    'my mate got scammed on some dodgy site, is yours safe to pay on?',
  ])('%j is not the customer\'s case with the shop', (t) => expect(reason(t)).toBe('none'));
  it.each([
    'my lamp arrived broken, I will shop elsewhere next time',
    'the mirror I bought from you arrived smashed, the one I bought from another shop was fine',
    'the mirror I bought from you arrived smashed, the one from somewhere else was fine',
    'I got scammed on your site, someone took my card details',
  ])('%j is still the customer\'s case', (t) => expect(reason(t)).toBe('sensitive_topic'));
  it('the customer\'s own doing stays theirs whoever sold it', () => {
    const t = 'my fault, I dropped the vase you sent. do you sell another?';
    expect(notOwnCase(tk(t), true)).toMatch(/own doing/);
  });
});

describe('"my" for someone the customer buys for or quotes is not their own case (detectSensitiveTopic OWN_CASE)', () => {
  it.each([
    'whats ur policy on broken stuff? asking cos im ordering wine glasses for my flatmate and theyre fragile',
    "what's your policy on damaged gifts? it's for my mum",
  ])('%j is a general question', (t) => expect(reason(t)).toBe('none'));
  it.each([
    "what is your policy on broken items? my son's lamp arrived smashed",
    'what is your refund policy? my sister and I want our money back',
    'what is your refund policy? I bought a lamp for my mum and it broke',
  ])('%j is still the customer\'s case', (t) => expect(reason(t)).toBe('sensitive_topic'));
});
