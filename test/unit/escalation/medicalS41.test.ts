// Session 41 (medical2, hostile s41 H1, H2, H3, M4, M6, M8): emergencies in ordinary words, a person in danger beside a
// request for a person, designer urgency phrases in past events and hypotheticals, the ambulance bill.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import type { Flow } from '../../../shared/flow/schema';
import { playConversation } from '../../../shared/simulator/playConversation';
import { detectUrgency } from '../../../shared/escalation/detectors/detectUrgency';
import { escalationDecision, rankSignals } from '../../../shared/escalation/evaluateEscalation';
import { facts, fires, memory, policy } from './facts';

const urgency = (text: string, p = policy()) => fires(detectUrgency, text, p);
const skyline = policy({ urgency: { phrases: ['miss my flight', 'missing my flight', 'gate closes', 'boarding now', 'at the gate'] } });

describe('H1: an overdose or poisoning in everyday words is an emergency', () => {
  it.each([
    'my daughter took too many pills',
    "my son took too many pills and won't wake up",
    "my son took too many pills and I can't wake him",
    'my toddler drank some of the cleaning fluid you sell',
    "he's taken a whole packet of paracetamol",
    'my son drank too much of the cough medicine',
    'I think my mum took all of her sleeping tablets',
    "I can't wake her, she took something",
  ])('%s', (text) => {
    const s = urgency(text);
    expect(s?.reason).toBe('urgency');
    expect(s?.source).toBe('rule');
    expect(s?.emergency).toBe(true);
  });
});

describe('H1: the same words of the past, of a product in general, of money or a hypothetical are not urgent', () => {
  it.each([
    'what happens if a child takes too many of the vitamins?',
    'is it dangerous to take too many of these tablets?',
    'what if my son took too many pills by mistake?',
    'my son took too many pills last year',
    "she didn't take too many pills, she's fine",
    'I took the tablets you sent and they did not work',
    'he took his tablets this morning as usual',
    'the price of too many pills adds up',
    "my son won't wake up for school, do you sell loud alarm clocks?",
    "I can't wake my laptop from sleep",
  ])('%s', (text) => {
    expect(urgency(text)).toBeNull();
  });
});

describe('H2: other common wordings of a medical emergency now', () => {
  it.each([
    ['can you help, my friend stopped breathing', 'friend stopped breathing'],
    ['my dad is having chest pains and his arm is numb', 'having chest pains'],
    ['anaphylaxis from the peanut snack you sold me', 'anaphylaxis'],
    ['heart attack', 'heart attack'],
    ['heart attack!! help', 'heart attack'],
    ["is he having a heart attack? he's clutching his chest and sweating", 'having a heart attack'],
    ['could he be having a stroke? his face is drooping', 'having a stroke'],
    ['I think my mum might be having a stroke', 'having a stroke'],
    ['can someone help? my dad collapsed', 'dad collapsed'],
  ])('%s', (text, words) => {
    const s = urgency(text);
    expect(s?.evidence).toEqual([words]);
    expect(s?.emergency).toBe(true);
  });
});

describe('H2: look-alikes stay not urgent', () => {
  it.each([
    'heart attack prices',
    'heart attack survivor here, can I use the exercise bike?',
    'anaphylaxis risk from nuts in your cookies?',
    'my dad has chest pains sometimes, is the treadmill ok for him?',
    'can someone having a seizure use this?',
    'is it safe for someone who had a stroke?',
    'could this cause an allergic reaction?',
    'I nearly had a heart attack when I saw the price',
    'can you help, the tent collapsed',
    'my dad had a heart attack last year',
    'is this heart rate monitor accurate?',
  ])('%s', (text) => {
    expect(urgency(text)).toBeNull();
  });
});

describe('H3: a person in danger beside a request for a person is named first (urgent priority)', () => {
  it.each([
    ['get me a human, I want to kill myself', 'crisis'],
    ['get me a human, my dad is having a heart attack', 'emergency'],
    ['can someone help? my dad collapsed, I need a person', 'emergency'],
  ] as const)('%s', (text, kind) => {
    const d = escalationDecision(policy(), facts(text), memory());
    expect(d.action).toBe('handoff');
    expect(d.reason).toBe('urgency');
    expect(d.signals[0][kind]).toBe(true);
    expect(d.signals.some((s) => s.reason === 'explicit_request')).toBe(true);
    expect(d.explanation).toMatch(/Also seen: the customer asked for a person/);
  });

  it('through Northwind: the handoff takes the urgent priority (reason urgency), a plain request stays normal', () => {
    const northwind = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow as Flow;
    const now = Date.parse('2026-03-09T11:30:00Z');
    const grave = playConversation(northwind, 'c', ['get me a human, my dad is having a heart attack', 'x@example.com'], now).handoff;
    expect([grave?.reason, grave?.priority]).toEqual(['urgency', 'urgent']);
    const plain = playConversation(northwind, 'c', ['get me a human please', 'x@example.com'], now).handoff;
    expect([plain?.reason, plain?.priority]).toEqual(['explicit_request', 'normal']);
  });

  it('a plain hurry beside a request still names the request', () => {
    const d = escalationDecision(policy(), facts('get me a human, it is urgent'), memory());
    expect(d.reason).toBe('explicit_request');
    expect(d.signals.some((s) => s.reason === 'urgency')).toBe(true);
  });

  it('rankSignals puts grave urgency (110) before an explicit request (100) and plain urgency after it', () => {
    const base = { score: 1, threshold: 1, evidence: ['x'], turn: 0, source: 'rule' as const, explanation: 'x' };
    const explicit = { ...base, reason: 'explicit_request' as const };
    const plain = { ...base, reason: 'urgency' as const };
    const grave = { ...plain, emergency: true as const };
    expect(rankSignals([explicit, grave]).map((s) => s === grave)).toEqual([true, false]);
    expect(rankSignals([plain, explicit])[0]).toBe(explicit);
  });
});

describe("M4: a designer's urgency phrase in a past event or a hypothetical is not urgent", () => {
  it.each([
    'I missed my flight last month, can I get a refund?',
    'what happens if I miss my flight?',
    'in case I miss my flight, is there a later one?',
    'will I miss my connection if the flight is delayed?',
    'I missed my flight two weeks ago and want compensation',
    'I missed my flight yesterday, what are my options',
  ])('%s', (text) => {
    expect(urgency(text, skyline)).toBeNull();
  });

  it.each([
    ['I just missed my flight', 'missed my flight'],
    ["I'm going to miss my flight, the queue is huge", 'miss my flight'],
    ["I think I'm going to be missing my connection", 'missing my connection'],
    ["we're about to miss our train", 'miss our train'],
  ])('%s', (text, words) => {
    expect(urgency(text, skyline)?.evidence).toEqual([words]);
  });

  it('about to miss a connection is urgent without any designer phrase', () => {
    expect(urgency("I'm going to miss my connection")?.evidence).toEqual(['miss my connection']);
    expect(urgency('did I miss my connection last week?')).toBeNull();
  });
});

describe('M6: a condition caused by the incident being reported is of now', () => {
  it('no, but my wife had a stroke from the shock', () => {
    const s = urgency('no, but my wife had a stroke from the shock');
    expect(s?.evidence).toEqual(['had a stroke from the shock']);
    expect(s?.emergency).toBe(true);
  });
  it.each([
    'no, nobody had a stroke from the shock',
    'my husband had a stroke after the accident last year',
    'my dad had a stroke and needs a walking frame',
  ])('not: %s', (text) => {
    expect(urgency(text)).toBeNull();
  });
});

describe('M8: the ambulance as money is not urgent', () => {
  it.each([
    'the ambulance bill was 900 euros, is it covered?',
    'can I claim for the ambulance?',
    'how much did the ambulance cost?',
  ])('%s', (text) => {
    expect(urgency(text)).toBeNull();
  });
  it('call an ambulance, my husband is bleeding', () => {
    expect(urgency('call an ambulance, my husband is bleeding')?.emergency).toBe(true);
  });
});
