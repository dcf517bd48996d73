/**
 * Session 49 (emerg5, hostile s49 H1, H2, M2; /work/coord/s49/hostile/report.md). Own wordings per kind, both directions,
 * written BEFORE the code was changed (the report's own sentences and wordings written after the code are the held-out
 * set: emerg5S49Heldout.test.ts). Five voices: plain, panicked texting, elderly and polite, English as a second
 * language, terse with typos.
 *  - H1: a fuel-burning appliance and signs of carbon monoxide on people or pets now (headache, dizzy, sick, drowsy...):
 *    the carbon monoxide emergency (the 999 line, fresh air, the gas emergency number, the urgent handover).
 *  - H2: a fire said without "fire" / "smoke" (alight, ablaze, flames, burning), a gas leak said without "gas" (a smell
 *    of rotten eggs or sulphur at a gas appliance, a hissing appliance that smells), misspelt hazard words.
 *  - M2: a negated hazard ("no gas smell or anything"), a hypothetical one, a product's label, a hazard over and dealt
 *    with, idioms ("my inbox is on fire", "this deal is fire", "a real headache", "sick of waiting"): no emergency.
 * Main at 93362e1a (before the change): 1 of the 27 emergencies read as one ("the fryer went up in flames and it is
 * spreading ..."), and 3 of the 24 calm ones did ("there's no smell of gas ...", "not on fire or anything ...", "my inbox
 * is on fire ..."); this file failed 51 of its 73 tests there.
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

/** H1: carbon monoxide by its signs (a fuel-burning appliance + people or pets unwell now). */
export const OWN_CO_SIGNS = [
  'Since the engineer fitted our new boiler, my husband and I have both had headaches and feel sick every morning.',
  'gas fire on and my head is pounding and im so dizzy',
  'Dear team, since your man installed the gas cooker my wife and I keep feeling drowsy and have terrible headaches',
  'the patio heater is inside the garage and my brother feel very dizzy and want to vomit',
  'boiler on, kids dizzy and throwing up',
  'we lit the log burner and now the whole family has headaches and the dog keeps being sick',
  'the new stove makes me feel nauseous and lightheaded whenever it is on',
  'i feel so ill and dizzy since turning on the gas heater u sent',
  'since the water heater was installed everybody in the flat feels sick and drowsy',
  'Our paraffin heater has been on all evening and my mother says she feels faint and has a bad headache',
];
/** H2: a fire without "fire" or "smoke". */
export const OWN_FIRE_MEANING = [
  'the curtains are alight, the lamp tipped over',
  'the toaster set the kitchen roll alight',
  'the whole sofa is ablaze',
  'flames are licking up the wall behind the tumble dryer',
  'the fryer went up in flames and it is spreading to the cupboards',
  'the heater has set the rug alight, what do i do',
  'Excuse me, the electric blanket you sold me is ablaze in the bedroom',
  'there are flames on top of the microwave',
];
/** H2: a gas leak without "gas". */
export const OWN_GAS_MEANING = [
  'the hob is hissing and the kitchen smells of rotten eggs',
  'there is a smell like rotten egg coming from the cooker',
  'strong sulphur smell round the boiler pipe and it is hissing',
];
/** H2: hazard words misspelt. */
export const OWN_TYPOS = ['i smel gas in the hallway', 'smells of gaz near the oven', 'theres a gass leak from the new hob', 'it smels like gas in here since the fitter left', 'my kitchen is on fier', 'there is smok pouring out of the dryer'];
export const OWN_EMERGENCY = [...OWN_CO_SIGNS, ...OWN_FIRE_MEANING, ...OWN_GAS_MEANING, ...OWN_TYPOS];

/** M2: negated, hypothetical, labels, past and dealt with, idioms: no emergency. */
export const OWN_CALM = [
  // negated
  "there's no smell of gas or anything, I only want to know when the hob arrives",
  'not on fire or anything, the toaster just makes a clicking noise',
  'no smoke, no flames, just a funny smell from the new kettle, is that normal?',
  "nobody feels dizzy or sick, I just want a receipt for the boiler",
  // hypothetical
  "can a gas heater give you headaches if the room isn't ventilated?",
  'what should I do if the hob ever smells of rotten eggs?',
  "would the patio heater be safe in a garage? I don't want anyone getting dizzy",
  // product labels
  'the candle says fire hazard on the label, is that normal?',
  'the box says keep away from naked flames, is it flammable?',
  'does the heater come with a carbon monoxide warning sticker?',
  // past and dealt with
  'last winter the old boiler gave us headaches but the new one from you is great',
  'we had a gas leak in March, it was fixed, do you sell gas detectors?',
  'the pan caught alight last week but we put it out, can I order a fire blanket?',
  // idioms and figures
  'my inbox is on fire today with your order emails',
  'this deal is fire, can I get two?',
  'I have a burning question about the delivery charge',
  'these returns are giving me a headache, where is my refund?',
  'the boiler installation has been a real headache, when is the engineer coming back?',
  "I'm sick of waiting for my gas cooker, it's been three weeks",
  'the flaming hot crisps were out of stock again',
  'the new hoodie is straight fire, do you have it in blue?',
  'my gran gets dizzy spells, which heater is easiest for her to use?',
  'I feel sick about how long this heater is taking to arrive',
  'the gas bill is giving me a headache',
];

describe('H1/H2: emergencies said by meaning are emergencies', () => {
  it.each(OWN_EMERGENCY)('%j is an emergency', (text) => {
    const s = urgency(text);
    expect(s?.reason).toBe('urgency');
    expect(s?.emergency).toBe(true);
  });
  it.each(OWN_CO_SIGNS)('%j is carbon monoxide (the gas line)', (text) => {
    expect(gasKind(text)).toBe('carbon monoxide');
  });
  it.each([...OWN_GAS_MEANING, OWN_TYPOS[0]!, OWN_TYPOS[1]!, OWN_TYPOS[2]!])('%j is gas (the gas line)', (text) => {
    expect(gasKind(text)).toBe('gas');
  });
  it.each([OWN_CO_SIGNS[0]!, OWN_CO_SIGNS[4]!, OWN_FIRE_MEANING[1]!, OWN_GAS_MEANING[0]!, OWN_TYPOS[1]!])('%j: customer-support says 999 first, no email question', (text) => {
    const said = chat('customer-support', text);
    expect(said).toMatch(/999/);
    expect(said).not.toMatch(/email address/);
  });
  it('the carbon monoxide signs get the fresh-air line and the gas emergency number', () => {
    const said = chat('customer-support', OWN_CO_SIGNS[1]!);
    expect(said).toMatch(/fresh air/);
    expect(said).toMatch(/0800 111 999/);
  });
});

describe('M2: negated, hypothetical, labelled, past and figurative hazards are no emergency', () => {
  it.each(OWN_CALM)('%j is no emergency', (text) => {
    expect(urgency(text)?.emergency ?? false).toBe(false);
    expect(chat('customer-support', text)).not.toMatch(/999/);
  });
});
