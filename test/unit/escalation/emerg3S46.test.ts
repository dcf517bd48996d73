/**
 * Session 46 (emerg3, hostile s46 H2, M1, M2; /work/coord/s46/hostile/report.md). Written before the code: the report's
 * wordings, then own wordings per kind, both directions.
 *  - H2: something dangerous swallowed said with another verb form ("after swallowing a magnet", "been swallowing
 *    magnets", "swallowed it" after the thing was named) is an emergency (the 999 line, no email question); a serious
 *    symptom of a person now ("my son is coughing up blood") is one; a figure of speech ("coughing up money") is not.
 *    A gas smell from an appliance is urgent.
 *  - M1: self-blame around an ordinary request is not anger at the shop: no "I'm sorry about this." and no handover.
 *  - M2: "I ordered the wrong colour / size, can I change / swap it" is an exchange, never an address change.
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
function chat(text: string): { said: string; handedOver: boolean } {
  const c = converse(support(), { now: Date.parse('2026-03-09T11:30:00Z') });
  const n = c.botTexts().length;
  c.say(text);
  return { said: c.botTexts().slice(n).join(' '), handedOver: c.state.mode === 'waiting' || c.state.mode === 'agent' || c.state.variables.handoffReason !== undefined };
}
const said = (text: string) => chat(text).said;

const REPORT_SWALLOWING = [
  'after swallowing a magnet from your toy my girl is vomiting',
  "he's been swallowing magnets from your kit, he's in agony",
  'my son is coughing up blood after swallowing a coin battery from your remote',
  "my daughter put a battery in her mouth and swallowed it, she's vomiting",
  'she is vomiting after swallowing a button cell',
  'after swallowing one of the magnets my son is screaming in pain',
  "my son put the magnet in his mouth and now it's gone, he's crying",
];
const OWN_SWALLOWING = [
  'my toddler is choking after swallowing a bead',
  'my son has been swallowing the little magnets, he says his tummy hurts',
  'the battery fell out of the remote and my daughter swallowed it',
  'my baby found a magnet from the set and swallowed it',
  'my boy is crying after swallowing a coin cell from your card',
  "she's been sick since swallowing a piece of the toy",
  'I think my son swallowed it, the battery from the torch is missing',
];
const REPORT_SYMPTOM = ['my son is coughing up blood'];
const OWN_SYMPTOM = [
  'my daughter is coughing up blood, help',
  'my husband is vomiting blood',
  'my mum is coughing up blood after using your cleaner',
  'my baby is turning blue',
];
const NOT_EMERGENCY = [
  "I'm coughing up money for this, where is my refund",
  'I keep coughing up for delivery charges, do you do free shipping?',
  'what happens if a child is swallowing a magnet, are these safe?',
  'is swallowing a battery dangerous? do your remotes have screw covers?',
  'my son swallowed it whole, the burger was great, do you deliver?',
  "my son stopped swallowing his food when he saw the price haha",
  'swallowing pills is hard for my dad, do you sell a pill crusher?',
  'my son swallowed a battery last year, are your remotes child safe?',
  'my dog swallowed it, the receipt I mean, can I still return the lamp?',
];
const GAS = ['I can smell gas from the heater you sold me', 'there is a smell of gas coming from the cooker you installed', 'I can smell gas near the boiler'];
const NOT_GAS = ['do you sell gas heaters?', 'the gas hob I ordered has not arrived', 'I smelled gas last week, the engineer fixed it, can I get a refund on the call out?'];

describe('H2: something swallowed said in another form is an emergency', () => {
  it.each([...REPORT_SWALLOWING, ...OWN_SWALLOWING])('%j is an emergency', (text) => {
    const s = urgency(text);
    expect(s?.reason).toBe('urgency');
    expect(s?.emergency).toBe(true);
  });
  it.each(REPORT_SWALLOWING.slice(0, 4))('%j gets the 999 line and no email question', (text) => {
    const out = said(text);
    expect(out).toMatch(/please call 999 now/);
    expect(out).not.toMatch(/email address/);
  });
});
describe('H2: a serious symptom of a person now is an emergency', () => {
  it.each([...REPORT_SYMPTOM, ...OWN_SYMPTOM])('%j is an emergency', (text) => {
    expect(emergency(text)).toBe(true);
  });
  it('the report\'s "my son is coughing up blood" gets the 999 line', () => {
    expect(said(REPORT_SYMPTOM[0]!)).toMatch(/please call 999 now/);
  });
});
describe('H2: figures, questions and long ago are no emergency', () => {
  it.each(NOT_EMERGENCY)('%j is no emergency', (text) => {
    expect(emergency(text)).toBe(false);
  });
});
describe('H2: a gas smell from an appliance is urgent', () => {
  it.each(GAS)('%j is urgent', (text) => {
    expect(urgency(text)?.reason).toBe('urgency');
  });
  it.each(NOT_GAS)('%j is not urgent', (text) => {
    expect(urgency(text)).toBeNull();
  });
});

const REPORT_SELF_BLAME = [
  "I'm such an idiot, I ordered the wrong size, can I swap?",
  'my stupid mistake, I put the wrong address on order NW-104233',
  'ugh I\'m useless, forgot to add the charger to my order, can I add it?',
  "I'm an idiot and typed my email wrong, how do I fix it",
];
const OWN_SELF_BLAME = [
  'silly me, I ordered the wrong colour, can I exchange it?',
  'I am so stupid, I gave the wrong address, can I change it?',
  'my own fault, I picked the wrong size, can I return it?',
  "I'm hopeless, I forgot my discount code, can you still apply it?",
  'total idiot here, ordered two instead of one, can I cancel one?',
];
const STILL_ANGER = [
  'you idiots sent the wrong size again',
  'your useless staff put the wrong address on my order',
  'this is stupid, you sent me the wrong colour',
  // (Added after escrfEval's w6-311, "Three items ordered, three wrong items sent." (sarcasm), lost by the first code.)
  'two jumpers ordered, two wrong ones sent. well done, idiots',
];
describe('M1: self-blame around a request is no anger at the shop', () => {
  it.each([...REPORT_SELF_BLAME, ...OWN_SELF_BLAME])('%j gets no apology and no handover', (text) => {
    const r = chat(text);
    expect(r.said).not.toMatch(/I'm sorry about this/);
    expect(r.handedOver).toBe(false);
  });
  it.each(STILL_ANGER)('%j is still read as anger', (text) => {
    expect(chat(text).said).toMatch(/sorry/i);
  });
});

const REPORT_WRONG_ITEM = ['I ordered the wrong colour, can I change it?', 'wrong size ordered, can I swap it for a medium?'];
const OWN_WRONG_ITEM = [
  'I picked the wrong size, can I change it for a large?',
  'ordered the wrong one, can I change it please',
  'I chose the wrong colour by mistake, can I change to blue?',
  'can I change the size of my jumper, I ordered the wrong one',
  'I got the wrong size, can I swap it?',
];
const STILL_ADDRESS = ['I put the wrong address, can I change it?', 'can I change my delivery address?', 'wrong address on my order, please change it'];
describe('M2: a wrong colour or size ordered is an exchange, not an address change', () => {
  it.each([...REPORT_WRONG_ITEM, ...OWN_WRONG_ITEM])('%j does not start an address change', (text) => {
    const out = said(text);
    expect(out).not.toMatch(/new address/);
    expect(out).toMatch(/return|exchange|swap/i);
  });
  it.each(STILL_ADDRESS)('%j still starts an address change', (text) => {
    expect(said(text)).toMatch(/address/);
  });
});
