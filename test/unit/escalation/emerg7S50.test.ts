/**
 * Session 50 (emerg7, hostile s49 H3, M5, M7, M8, M12; /work/coord/s49/hostile/report.md): live hazards in a home that are
 * no fire yet (water in the electrics, a plug or lead overheating, a battery swelling and hissing, a smoke alarm going off
 * with no cause found, a ceiling coming down, a gas flame that will not go out) are emergencies: their own safety line
 * first, then the person, no email question before it; an emergency said at a question is read before the question takes
 * the text as its answer; "999" is an emergency only as a call; a departure time answered at Skyline Air's question is read
 * against the conversation's clock (passed: asked again; within the flow's 2 hours: urgent). The set (emerg7S50Set.ts)
 * was written before the code; the held-out wordings after it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectUrgency } from '../../../shared/escalation/detectors/detectUrgency';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { converse } from '../engine/harness';
import { fires, policy } from './facts';
import * as set from './emerg7S50Set';
import { analyzeText } from '../../../shared/nlu/analyzeText';
import { canonicalTokens } from '../../../shared/escalation/canonicalTokens';
import { hazardReading, PRODUCT_HAZARDS } from '../../../shared/escalation/hazardNow';

/** An emergency (urgency with Signal.emergency), or a product's live hazard (a battery, overheating: the topic's case, said with its safety line at any handover). */
const liveHazard = (text: string) => urgency(text)?.emergency === true || PRODUCT_HAZARDS.has(hazardReading(canonicalTokens(analyzeText(text)))?.kind ?? 'fire');

const urgency = (text: string) => fires(detectUrgency, text, policy());
const flow = (name: string) => loadFlowText(readFileSync(new URL(`../../../flows/${name}.json`, import.meta.url), 'utf8')).flow!;
function chat(name: string, texts: string[], now = '2026-03-09T11:30:00Z') {
  const c = converse(flow(name), { now: Date.parse(now) });
  let n = c.botTexts().length;
  let said = '';
  for (const t of texts) {
    n = c.botTexts().length;
    c.say(t);
  }
  said = c.botTexts().slice(n).join(' ');
  return {
    said,
    handedOver: c.state.mode === 'waiting' || c.state.mode === 'agent',
    priority: c.state.handoff?.priority,
    reason: c.state.handoff?.reason,
    variables: c.state.variables,
  };
}

describe('M5, M12, H3: a live hazard now is an emergency', () => {
  it.each([...set.REPORTED, ...set.LIVE_POSITIVES, ...set.HELD_OUT_LIVE_POSITIVES])('%j is an emergency or a live hazard', (text) => {
    expect(liveHazard(text)).toBe(true);
  });
  it.each([...set.LIVE_NEGATIVES, ...set.HELD_OUT_LIVE_NEGATIVES])('%j is neither', (text) => {
    expect(liveHazard(text)).toBe(false);
  });
});

describe('M7: 999, 112, 911 are an emergency only as a call', () => {
  it.each([...set.NUMBER_POSITIVES, ...set.HELD_OUT_NUMBER_POSITIVES])('%j is urgent', (text) => {
    expect(urgency(text)?.reason).toBe('urgency');
  });
  it.each([...set.NUMBER_NEGATIVES, ...set.HELD_OUT_NUMBER_NEGATIVES])('%j is not urgent', (text) => {
    expect(urgency(text)).toBeNull();
  });
  it('customer-support: "do you deliver to 999 Letsby Avenue?" is not handed over as urgent', () => {
    const out = chat('customer-support', ['do you deliver to 999 Letsby Avenue?']);
    expect(out.priority).not.toBe('urgent');
    expect(out.said).not.toMatch(/call 999/);
  });
});

describe('M5, M12: the safety line first, then the person, no email question', () => {
  it.each([
    ['water is pouring onto the electrics and sparking', /fuse box/],
    ["the battery pack is swelling and hot to touch, it's hissing", /keep away from the battery/],
    ["the smoke alarm has been going off for 10 minutes and I can't find where its coming from", /get everyone out/],
    ['water everywhere and the ceiling is sagging above the kids bedroom', /out of the room under that ceiling/],
    ["the gas hob won't turn off and the flame is huge", /turn the gas off at the meter/],
  ])('customer-support, open: %j', (text, line) => {
    const out = chat('customer-support', [text]);
    expect(out.said).toMatch(line);
    expect(out.said).not.toMatch(/email address/);
    expect(out.handedOver).toBe(true);
    // (A swelling battery is handed over as the safety topic, at the block's own priority: the line comes first all the same.)
    if (!/battery/.test(text)) expect(out.priority).toBe('urgent');
  });
  it.each(['water is pouring onto the electrics and sparking', "someone broke in and they're still in the house"])('insurance-claims, at the menu after the policy number: %j', (text) => {
    const out = chat('insurance-claims', ['HM-2231-0457', text]);
    expect(out.said).toMatch(/112/);
    expect(out.said).not.toMatch(/email address/);
    expect(out.handedOver).toBe(true);
  });
});

describe('H3: an emergency at a flow\'s first question is read before the question takes it', () => {
  it.each(set.AT_FIRST_QUESTION)('insurance-claims, policy number question: %j', (text) => {
    const out = chat('insurance-claims', [text]);
    expect(out.said).not.toMatch(/Policy numbers look like|What is your policy number/);
    expect(out.handedOver).toBe(true);
    expect(out.priority).toBe('urgent');
  });
  it.each(set.AT_FIRST_QUESTION)('travel-urgency, booking reference question: %j', (text) => {
    const out = chat('travel-urgency', [text]);
    expect(out.said).not.toMatch(/A booking reference has 6 letters/);
    expect(out.handedOver).toBe(true);
    expect(out.priority).toBe('urgent');
  });
  it('travel-urgency, departure question: an emergency is no departure time', () => {
    const out = chat('travel-urgency', ['K7XQ2P', 'my son collapsed at the gate and he is not breathing']);
    expect(out.handedOver).toBe(true);
    expect(out.said).toMatch(/999|112/);
  });
});

describe('M8: a departure time answered at Skyline Air\'s question, on the conversation\'s clock', () => {
  it('"it leaves at 12:00" at 11:30 (30 minutes, within the flow\'s 2 hours) is urgent', () => {
    const out = chat('travel-urgency', ['K7XQ2P', 'it leaves at 12:00']);
    expect(out.handedOver).toBe(true);
    expect(out.reason).toBe('urgency');
  });
  it('"12:45" at 11:30 (75 minutes) is urgent too; "15:00" (3.5 hours) is not', () => {
    expect(chat('travel-urgency', ['K7XQ2P', '12:45']).handedOver).toBe(true);
    const later = chat('travel-urgency', ['K7XQ2P', '15:00']);
    expect(later.handedOver).toBe(false);
    expect(later.variables.departureTime).toBe('2026-03-09T15:00');
  });
  it('"10:45" at 11:30 (already passed today) is asked again, not stored', () => {
    const out = chat('travel-urgency', ['K7XQ2P', '10:45']);
    expect(out.said).toMatch(/10:45 today has already passed/);
    expect(out.variables.departureTime).toBeUndefined();
  });
});

describe('hostile s50 H3: out of hours, an emergency typed at the ticket\'s questions', () => {
  const SATURDAY = Date.parse('2026-03-07T13:30:00Z');
  it.each(["my dad just collapsed and isn't breathing", 'someone is breaking into my flat right now', 'the charger is on fire and the smoke is everywhere'])('at the issue question: %j gets the emergency line first and an urgent ticket', (text) => {
    const c = converse(flow('customer-support'), { now: SATURDAY });
    c.say('I want to talk to a person');
    c.say('kim@example.com');
    const n = c.botTexts().length;
    c.say(text);
    expect(c.botTexts().slice(n)[0]).toMatch(/call 999 now/);
    const tickets = c.effects('create_ticket');
    expect(tickets.at(-1)?.priority).toBe('urgent');
  });
  it('an ordinary issue there keeps the block\'s priority', () => {
    const c = converse(flow('customer-support'), { now: SATURDAY });
    c.say('I want to talk to a person');
    c.say('kim@example.com');
    c.say('my parcel NW-104233 is late');
    expect(c.effects('create_ticket').at(-1)?.priority).toBe('normal');
  });
  it('beside the email at the ticket\'s email question: the line first', () => {
    const c = converse(flow('customer-support'), { now: SATURDAY });
    c.say('I want to talk to a human');
    const n = c.botTexts().length;
    c.say("kim@example.com - my son is choking and can't breathe");
    expect(c.botTexts().slice(n).join(' ')).toMatch(/call 999 now/);
  });
});
