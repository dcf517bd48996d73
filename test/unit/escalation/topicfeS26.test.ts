/**
 * Session 26 (topicfe, issue 11): ordinary questions no longer handed over for a hurry word taken back by a joke,
 * "can't wait!!" excitement (shared/escalation/takenBack.ts), or a "changed my mind" / "never mind" the classifier read as
 * a cancellation (detectSensitiveTopic mindChangeOnly). Each mechanism with the cases that must keep firing.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { playConversation } from '../../../shared/simulator/playConversation';
import { excitedWait, hurryTakenBack, jokeMarker, timeSaidBack, todayInPassing } from '../../../shared/escalation/takenBack';
import { canonicalTokens } from '../../../shared/escalation/canonicalTokens';
import { analyzeText } from '../../../shared/nlu/analyzeText';

const flow = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const play = (...turns: string[]) => playConversation(flow, 'tf', ['Something else', ...turns], Date.parse('2026-03-02T10:00:00Z'));
const reason = (...turns: string[]) => play(...turns).escalation?.reason ?? 'none';

describe('a hurry word taken back by a joke', () => {
  it.each([
    'urgent q haha: does the grey rug come in a runner size',
    'need an answer asap lol jk, what colours does the bath mat come in?',
    'EMERGENCY 😅 i broke my last wine glass, do you sell the tall ones',
    'Pretty urgent-ish (not really) — is the desk lamp dimmable?',
  ])('%j is an ordinary question', (t) => expect(reason(t)).toBe('none'));

  it.each([
    'urgent lol, I need the cake stand by tomorrow, can it come?',
    'emergency lol the heater is giving off smoke what do I do?',
    'URGENT LOL WHERE IS MY ORDER',
    'its urgent, where is NW-123456?',
    'asap lol!! 😡 where is my parcel',
  ])('%j keeps its urgency (a time, harm, shouting, no joke or an angry emoji)', (t) => expect(reason(t)).toBe('urgency'));

  it('the reading itself: a marker, a question, nothing that makes the hurry real', () => {
    const read = (t: string) => { const a = analyzeText(t); return hurryTakenBack(canonicalTokens(a), a.text, a.shouting); };
    expect(read('asap haha, do you gift wrap?')).toBe('haha');
    expect(read('asap haha')).toBeNull();
    expect(read('asap haha, do you deliver today?')).toBeNull();
    expect(jokeMarker(canonicalTokens(analyzeText('are you kidding me, urgent!')), 'are you kidding me, urgent!')).toBeNull();
  });
});

describe('"can\'t wait" as excitement', () => {
  it.each(["can't wait!! does the throw come in green?", 'cant wait for the new sofa 🥳 when does it usually come', 'Cannot wait for my parcel!!'])(
    '%j is excitement',
    (t) => {
      expect(excitedWait(t)).toBe(true);
      expect(reason(t)).toBe('none');
    },
  );
  it.each(["I can't wait any longer!! where is my order", 'cant wait all day, when will it be here', "can't wait."])('%j is still a hurry', (t) => {
    expect(excitedWait(t)).toBe(false);
    expect(reason(t)).toBe('urgency');
  });
});

describe('"changed my mind" / "never mind" is not a cancellation by itself', () => {
  it.each([
    ['is the oak shelf in stock?', 'oh never mind, I see it now, thanks'],
    ['I want to send back NW-204411', "I've changed my mind about the colour, does it matter if the tag is off?"],
    ['Can I cancel NW-204412?', 'Actually I changed my mind, no cancel, when will it arrive?'],
  ])('%j / %j is not handed over', (a, b) => expect(reason(a, b)).toBe('none'));

  it.each(['Please call off NW-204413, I changed my mind', 'changed my mind, please cancel my order', 'changed my mind, I no longer want the account, delete it'])(
    '%j still reads as cancellation',
    (t) => expect(reason(t)).toBe('sensitive_topic'),
  );
});

describe('a time said back with an acknowledgement (step 2)', () => {
  it.each([
    ['where is NW-120040?', 'ah great, thursday then. will they ring the bell?'],
    ['where is NW-120041?', 'friday? lovely. do I have to sign?'],
    ['how much is next day delivery?', 'ok 5.95. before 3pm'],
  ])('%j / %j is not a deadline', (a, b) => expect(reason(a, b)).toBe('none'));

  it.each([
    ['where is NW-120042?', 'I need it by thursday'],
    ['where is NW-120043?', 'thursday?? it has to be here tomorrow'],
    ['where is NW-120044?', 'tomorrow please, ok?'],
  ])('%j / %j keeps its deadline', (a, b) => expect(reason(a, b)).toBe('urgency'));

  it('the reading itself', () => {
    const tk = (s: string) => canonicalTokens(analyzeText(s));
    expect(timeSaidBack('before 2, right. ta', tk)).toBe(true);
    expect(timeSaidBack('ok tomorrow!!', tk)).toBe(false);
    expect(timeSaidBack('tomorrow. today. ok', tk)).toBe(false);
    expect(timeSaidBack('thanks', tk)).toBe(false);
  });
});

describe('a case told as already put right, or said not to be needed now (step 2)', () => {
  it.each([
    'the overcharge got sorted last week, cheers. do you sell oven gloves?',
    "I've been refunded already, all fine. Do you have the lamp in white?",
    'How would I make a complaint to you? Not that I need to, the order was lovely.',
    'Where is your complaints procedure published? I have no complaint myself.',
  ])('%j is not the customer\'s case', (t) => expect(reason(t)).toBe('none'));

  it.each([
    'you said the double charge was fixed but I was charged twice again',
    'I was refunded the wrong amount',
    'I was charged twice and it still is not sorted',
    'I want to make a complaint, not that it will help',
  ])('%j is still the customer\'s case', (t) => expect(reason(t)).toBe('sensitive_topic'));
});

describe('"boss" said to the bot (step 3)', () => {
  it.each([['where is NW-120045?', 'cheers boss'], ['Hi boss, do you sell the oak shelf in white?'], ['thank you boss']])(
    '%j addresses the bot',
    (...turns) => expect(reason(...turns)).toBe('none'),
  );
  it.each(['get me your boss', 'I want to speak to your boss', 'ok boss, now put me through to your boss'])('%j asks for a person', (t) =>
    expect(reason(t)).toBe('explicit_request'),
  );
});

describe('"today" said in passing (step 4)', () => {
  it.each([
    'Hi, how are you today? Do you sell the grey throw in a bigger size?',
    'Miserable weather today, rain all morning. Does the courier leave parcels in a porch?',
  ])('%j is no deadline', (t) => expect(reason(t)).toBe('none'));
  it.each(['how are you today? I need my parcel today', 'hope you are well today, my order has to arrive today', 'freezing weather today and I need the heater asap'])(
    '%j keeps its deadline',
    (t) => expect(reason(t)).toBe('urgency'),
  );
  it('the reading itself', () => {
    const tk = (s: string) => canonicalTokens(analyzeText(s));
    expect(todayInPassing(tk('how are you today?'))).toBe(true);
    expect(todayInPassing(tk('can it come today?'))).toBe(false);
  });
});
