/**
 * Session 49 (emerg5): held-out wordings, written AFTER the code of emerg5S49.test.ts's set was changed and before any
 * further change: the hostile s49 report's own sentences (H1, H2, M2) and new ones in the five voices.
 * First run on the changed code: 14 of the 15 emergencies and 10 of the 10 calm ones read right; the miss was "the oil
 * lamp set the tablecloth ablaze" ("set ... ablaze" was not read, only "set ... alight"): added after, so this set is no
 * longer held out for it. On main at 93362e1a: 2 of the 15 emergencies ("plz help the wood burner is smoking ... my son
 * is dizzy", "flames are coming up from behind the cooker"), "no gas smell or anything, ..." was an emergency and the
 * candle's label a safety handover.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectUrgency } from '../../../shared/escalation/detectors/detectUrgency';
import { gasHazard } from '../../../shared/escalation/hazardNow';
import { canonicalTokens } from '../../../shared/escalation/canonicalTokens';
import { analyzeText } from '../../../shared/nlu/analyzeText';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { converse } from '../engine/harness';
import { fires, policy } from './facts';

const urgency = (text: string) => fires(detectUrgency, text, policy());
const gasKind = (text: string) => gasHazard(canonicalTokens(analyzeText(text)));
const flow = (name: string) => loadFlowText(readFileSync(new URL(`../../../flows/${name}.json`, import.meta.url), 'utf8')).flow!;
function chat(name: string, text: string): string {
  const c = converse(flow(name), { now: Date.parse('2026-03-09T11:30:00Z') });
  const n = c.botTexts().length;
  c.say(text);
  return c.botTexts().slice(n).join(' ');
}

/** [text, the gas line's kind or null for a fire]. */
const EMERGENCIES: Array<[string, 'gas' | 'carbon monoxide' | null]> = [
  // the report's (H1, H2)
  ['the heater you sold me is making a hissing noise and I feel dizzy and sick', 'carbon monoxide'],
  ['the new heater is hissing and my whole family has headaches and feels sick', 'carbon monoxide'],
  ['since the new gas fire was fitted we all feel drowsy and have headaches', 'carbon monoxide'],
  ['the toaster I bought set the curtains alight', null],
  ['the hob is leaking, smells like rotten eggs', 'gas'],
  ['i can smel gaz in the kitchen since the new hob', 'gas'],
  // new
  ['my husband is very sleepy and confused and the boiler has been running all day', 'carbon monoxide'],
  ['the camping stove is in the tent and both kids have headaches now', 'carbon monoxide'],
  ['plz help the wood burner is smoking into the room and my son is dizzy', null],
  ['the oil lamp set the tablecloth ablaze', null],
  ['flames are coming up from behind the cooker', null],
  ['i can smell gass in my flat', 'gas'],
  ['the gas cooker smells really eggy and it is hissing', 'gas'],
  ['the dog is being sick and we all have a headache since the gas heater went on', 'carbon monoxide'],
  ['Sir the boiler from your shop, my mother she is vomit and have big headache', 'carbon monoxide'],
];
const CALM = [
  // the report's (M2)
  'no gas smell or anything, just asking how long delivery takes',
  'the candle I bought says fire hazard on the box, is that normal?',
  // new
  'the new boiler is a headache to set up, do you have the manual?',
  'my phone is on fire with delivery texts lol',
  "there's no smoke or fire, the heater just clicks when it starts",
  'is it normal to feel drowsy near a log burner?',
  'two years ago our old gas fire made us ill, is yours safe?',
  'my son was sick this morning, can I change the delivery address?',
  "we don't smell gas anymore, the engineer came and fixed it",
  'the hob instructions warn of a fire risk, how do I use it safely?',
];

describe('held out: emergencies by meaning', () => {
  it.each(EMERGENCIES)('%j is an emergency (%s)', (text, kind) => {
    expect(urgency(text)?.emergency).toBe(true);
    expect(gasKind(text)).toBe(kind);
  });
  it('the report\'s H1 sentence: 999, fresh air and the gas emergency number, no email question (customer-support)', () => {
    const said = chat('customer-support', EMERGENCIES[0]![0]);
    expect(said).toMatch(/999 now/);
    expect(said).toMatch(/carbon monoxide/);
    expect(said).toMatch(/fresh air/);
    expect(said).not.toMatch(/email address/);
  });
});

describe('held out: no emergency', () => {
  it.each(CALM)('%j is no emergency', (text) => {
    expect(urgency(text)?.emergency ?? false).toBe(false);
    expect(chat('customer-support', text)).not.toMatch(/999/);
  });
  it('"no gas smell or anything, just asking how long delivery takes" gets the delivery answer', () => {
    expect(chat('customer-support', CALM[0]!)).toMatch(/delivery takes 2-4 working days/);
  });
  it('"the candle ... says fire hazard on the box, is that normal?" is no safety handover', () => {
    expect(chat('customer-support', CALM[1]!)).not.toMatch(/get a person|email address/);
  });
});
