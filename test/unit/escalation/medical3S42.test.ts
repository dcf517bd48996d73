// Session 42 (medical3, hostile s42 H1-H3, M2-M5, L1, L9): emergencies in the words a panicking customer types (slips,
// invisible characters, other body systems), figures of speech that are not emergencies, addresses read as addresses.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import type { Flow } from '../../../shared/flow/schema';
import { playConversation } from '../../../shared/simulator/playConversation';
import { detectUrgency } from '../../../shared/escalation/detectors/detectUrgency';
import { escalationDecision } from '../../../shared/escalation/evaluateEscalation';
import { emergencySpellingOf, emergencyWordOf, oneSlip } from '../../../shared/escalation/emergencySpelling';
import { addressFreeAnalysis } from '../../../shared/escalation/addressFree';
import { analyzeText } from '../../../shared/nlu/analyzeText';
import { sentimentOf } from '../../../shared/nlu/sentiment';
import { facts, fires, memory, policy } from './facts';

const urgency = (text: string) => fires(detectUrgency, text, policy());
const flowOf = (name: string) => loadFlowText(readFileSync(new URL(`../../../flows/${name}.json`, import.meta.url), 'utf8')).flow as Flow;
const OPEN = Date.parse('2026-03-09T11:30:00Z');

describe('H3: one slip of the finger, or an invisible character for a space, keeps the emergency', () => {
  it.each([
    'my son stoped breathing',
    'hes not breathin',
    'i think my mum is having a hart attack',
    'my baby swalowed a battery',
    'my son stopped\u200bbreathing',
    'my dad is unconcious',
    'my daughter is having a siezure',
    'he colapsed in the shop',
  ])('%j is an emergency', (text) => {
    const s = urgency(text);
    expect(s?.reason).toBe('urgency');
    expect(s?.source).toBe('rule');
    expect(s?.emergency).toBe(true);
  });

  it.each([
    // Slips that are no emergency in their message, or real words one slip away, or a letter replaced.
    'what sizing do you have for the boots?',
    'the tables arrived with a scratch',
    'the beach towel is the wrong colour',
    'my mum is cooking dinner, can you deliver after 6?',
    'the postal strike has delayed my parcel',
    'the heat pad stoped working',
    'my son stoped the subscription',
    'can you stoke up the order, ta',
    'hart of the matter is, where is my order?',
  ])('%j is not urgent', (text) => {
    expect(urgency(text)).toBeNull();
  });

  it('the spelling reader puts right only left-out, swapped and doubled interior letters and a dropped g', () => {
    expect(oneSlip('stoped', 'stopped')).toBe(true);
    expect(oneSlip('siezure', 'seizure')).toBe(true);
    expect(oneSlip('colllapsed', 'collapsed')).toBe(true);
    expect(oneSlip('cooking', 'choking')).toBe(false);
    expect(oneSlip('breeding', 'bleeding')).toBe(false);
    expect(oneSlip('hear', 'heart')).toBe(false);
    expect(emergencyWordOf('breathin')).toBe('breathing');
    expect(emergencyWordOf('hart')).toBe('heart');
    expect(emergencyWordOf('heat')).toBeNull();
    expect(emergencyWordOf('strike')).toBeNull();
    expect(emergencySpellingOf('where is my parcel')).toBeNull();
  });

  it('puts right no other word of the corpus and the sample flows (its real-word guard is complete for them)', () => {
    const words = new Set<string>();
    const corpus = new URL('../../fixtures/escalation-corpus/', import.meta.url);
    for (const f of readdirSync(corpus)) for (const w of readFileSync(new URL(f, corpus), 'utf8').toLowerCase().match(/[a-z]+/g) ?? []) words.add(w);
    const flows = new URL('../../../flows/', import.meta.url);
    for (const f of readdirSync(flows)) if (f.endsWith('.json')) for (const w of readFileSync(new URL(f, flows), 'utf8').toLowerCase().match(/[a-z]+/g) ?? []) words.add(w);
    const put = [...words].filter((w) => emergencyWordOf(w) !== null).sort();
    // Only dropped g's of the emergency words, which are slips, not other words.
    expect(put).toEqual(['bleedin', 'burnin']);
  });
});

describe('H1, H2, M4, M5: a person hurt or ill now in other words', () => {
  it.each([
    ["my grandma fell down the stairs and hit her head, she's not responding", 'not responding'],
    ['my kid got electrocuted by your phone charger', 'electrocuted'],
    ['my husband just got an electric shock from the kettle', 'electric shock'],
    ["I cut my hand on the broken vase, there's blood everywhere", 'blood everywhere'],
    ["my daughter cut her finger badly on it and it won't stop bleeding", 'stop bleeding'],
    ['the kettle exploded and burned my arm badly, skin is peeling off', 'burned my arm badly'],
    ['the battery is leaking and my hands are burning', 'hands are burning'],
    ['my son just got burned by the iron and his skin is blistering badly', 'skin is blistering'],
    ['my wife went into labour on the plane', 'into labour'],
    ['her waters have broken, we are at gate 12', 'waters have broken'],
  ])('%j is an emergency (%s)', (text, words) => {
    const s = urgency(text);
    expect(s?.reason).toBe('urgency');
    expect(s?.emergency).toBe(true);
    expect(s?.evidence.join(' ')).toContain(words.split(' ')[0]);
  });

  it.each([
    'she is not responding to my emails',
    'the app is not responding',
    'is there a risk of electric shock with this heater?',
    'could the charger give someone an electric shock?',
    'nobody got electrocuted, but the plug sparked',
    'my son had an electric shock from it last year',
    'the labour costs on the quote are too high',
    'what if the skin is peeling after using the cream?',
    'I burned my arm badly on it two weeks ago, can I claim?',
    'do you sell burn gel for when skin is blistering?',
  ])('%j is not an emergency', (text) => {
    expect(urgency(text)?.emergency ?? false).toBe(false);
  });

  it.each([
    ['customer-support', "my grandma fell down the stairs and hit her head, she's not responding"],
    ['customer-support', 'my son just got burned by the iron and his skin is blistering badly'],
    ['customer-support', 'the battery is leaking and my hands are burning'],
    ['travel-urgency', 'my wife went into labour on the plane'],
    ['lead-gen', "I cut my hand on the server rack, there's blood everywhere"],
  ])('%s: %j gets the emergency line, then an urgent handover without the email question', (flow, text) => {
    const p = playConversation(flowOf(flow), 'c', [text], OPEN);
    expect([p.handoff?.reason, p.handoff?.priority]).toEqual(['urgency', 'urgent']);
    const bot = p.transcript.filter((t) => t.from === 'bot').map((t) => t.text);
    expect(bot.filter((t) => /call (?:999|911|112)|cabin staff/.test(t))).toHaveLength(1);
    expect(bot.some((t) => /email address/i.test(t))).toBe(false);
  });

  it('M5 (Northwind): made ill by food the shop sent is at least the safety topic; "sick of waiting" is not', () => {
    const ill = playConversation(flowOf('customer-support'), 'c', ['I feel sick, the food you sent was off'], OPEN);
    expect(ill.escalation?.reason).toBe('sensitive_topic');
    expect(ill.escalation?.signals[0].evidence.join(' ')).toContain('sick');
    const fed = playConversation(flowOf('customer-support'), 'c', ["I'm sick of waiting for my food order"], OPEN);
    expect(fed.escalation?.signals.some((s) => s.reason === 'sensitive_topic') ?? false).toBe(false);
  });
});

describe('M3, L9, L1: figures of speech and harm denied are no emergency', () => {
  it.each([
    'I was bleeding money on shipping fees',
    'these fees are bleeding us dry',
    'where is my bleeding parcel',
    'I was choking with laughter at your packaging note, anyway where is my order?',
    'the book I ordered, where the hero has a heart attack, arrived damaged',
    'nobody is hurt, the parcel is just late',
  ])('%j is not an emergency', (text) => {
    expect(urgency(text)?.emergency ?? false).toBe(false);
    const d = escalationDecision(policy(), facts(text), memory());
    expect(d.signals.some((s) => s.reason === 'urgency')).toBe(false);
  });

  it.each(["my son's nose is bleeding badly, please hurry", 'my bleeding hand needs help now', 'he is choking on a piece of the toy, help'])('%j still is', (text) => {
    expect(urgency(text)?.emergency).toBe(true);
  });

  it('L1: harm said of nobody is not upset; "nobody answers" still is', () => {
    expect(sentimentOf('nobody is hurt, the parcel is just late').score).toBeGreaterThan(-0.05);
    expect(sentimentOf('no one was injured but the box is crushed').negativeWords).not.toContain('injured');
    expect(sentimentOf('nobody answers my emails').score).toBeLessThan(-0.3);
    expect(sentimentOf('my son is hurt').score).toBeLessThan(-0.3);
  });

  it('L9: a thing "killing me" is a mild complaint, a person killing is not softened', () => {
    expect(sentimentOf('this delivery delay is killing me').score).toBeGreaterThan(sentimentOf('he is killing me').score);
    expect(sentimentOf('this delivery delay is killing me').score).toBeGreaterThan(-0.6);
    const d = escalationDecision(policy(), facts('this delivery delay is killing me'), memory());
    expect(d.signals.some((s) => s.reason === 'negative_sentiment')).toBe(false);
  });
});

describe('M2: words inside an email or web address are identifiers, read by no detector', () => {
  it.each([
    "the link https://overdose.example/bleeding didn't open",
    'please write to urgent-help@emergency.co.uk about my return',
    'my email is scam.alert@fraud-check.com, where is my order NW-104233',
    'see https://example.com/hacked/stolen-card/refund for the photo of my parcel',
  ])('%j hands nothing over', (text) => {
    const d = escalationDecision(policy(), facts(text), memory());
    expect(d.signals.map((s) => s.reason)).toEqual([]);
    expect(urgency(text)).toBeNull();
  });

  it('the same words outside the address still count', () => {
    const d = escalationDecision(policy(), facts('this is urgent, write to me at a@b.com'), memory());
    expect(d.signals.some((s) => s.reason === 'urgency')).toBe(true);
    const fraud = playConversation(flowOf('customer-support'), 'c', ['someone used my card, this is fraud, my email is x@y.com'], OPEN);
    expect(fraud.escalation?.reason).toBe('sensitive_topic');
  });

  it('the masked analysis keeps the entities of the message as typed', () => {
    const a = analyzeText('please write to urgent-help@emergency.co.uk about NW-104233');
    const m = addressFreeAnalysis(a);
    expect(m.text).toBe('please write to about NW-104233');
    expect(m.entities).toBe(a.entities);
    expect(m.entities.some((e) => e.type === 'email' && e.value === 'urgent-help@emergency.co.uk')).toBe(true);
    expect(addressFreeAnalysis(m)).toBe(m);
    const plain = analyzeText('where is my order');
    expect(addressFreeAnalysis(plain)).toBe(plain);
  });

  it('Northwind: the return starts and the email stays for the takeover', () => {
    const p = playConversation(flowOf('customer-support'), 'c', ['please write to urgent-help@emergency.co.uk about my return'], OPEN);
    expect(p.handoff).toBeNull();
    expect(p.transcript.some((t) => t.from === 'bot' && /return/i.test(t.text))).toBe(true);
  });
});
