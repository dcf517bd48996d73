/**
 * Session 47 (emerg4): the hostile s47 report's own inputs (/work/coord/s47/hostile/w.jsonl, w2.jsonl), written before
 * anyone read the detector: a held-out set, run after the code (emerg4S47.test.ts was the set written before). Main
 * (d8f40eb3 + session 47 start): 10 of the 25 emergencies got the 999 line; now 25 of 25. Not fixed: "Human League
 * t-shirt, do you have it in size M?" still gets the returns answer (an intent router matter, no handover): not here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { converse } from '../engine/harness';

const flow = (name: string) => loadFlowText(readFileSync(new URL(`../../../flows/${name}.json`, import.meta.url), 'utf8')).flow!;
function chat(name: string, text: string): string {
  const c = converse(flow(name), { now: Date.parse('2026-03-09T11:30:00Z') });
  const n = c.botTexts().length;
  c.say(text);
  return c.botTexts().slice(n).join(' ');
}

const EMERGENCIES = [
  "there's smoke coming out of the heater you sold me",
  'the charger caught fire on my bed',
  'my kid ate one of the batteries from the remote',
  'my daughter swallowed a button battery',
  'i smell gas since the new hob was fitted',
  'the kettle electrocuted me',
  "I cut my hand badly on the blender blade and it won't stop bleeding",
  "i can't breathe after using the cleaning spray",
  'my son put the magnet set in his mouth and now one is gone',
  'the toddler drank some of the descaler',
  'my toddler chewed the battery pack',
  "the space heater is sparking and there's a burning smell",
  'my son drank bleach from the bottle you sent',
  'my kid swallowed some of the dishwasher tablet',
  'my daughter ate a laundry pod',
  'my baby licked the oven cleaner',
  'my child drank the lamp oil',
  'I got an electric shock from the toaster and my arm is numb',
  'the lamp shocked my son and he fainted',
  'the heater caught fire',
  'there is a fire in my kitchen from the fryer',
  'the battery exploded and burned my hand',
  'carbon monoxide alarm went off after installing your boiler',
];
const NOT_ASKING = [
  "don't get me a human, I just want to know shipping costs",
  "no need for a person, where's my order NW-104233",
  'I talked to a human yesterday and they were great, thanks',
  'the humane society recommended your shop',
  'is there a person I can write to about a job application?',
  'how do I return an item',
  'what are your opening hours for the human team',
  'my agent (estate agent) will receive the parcel',
  'my manager asked me to track order NW-104233',
  "I don't need a person, just tell me the shipping cost",
  'no human please, what does delivery cost',
  "I don't want to talk to an agent, how long does shipping take",
  'without speaking to anyone, can you tell me the returns window',
  'not asking for a human, just where my parcel NW-104233 is',
  "you don't need to transfer me, what are the delivery times?",
];

describe('hostile s47 held out: emergencies', () => {
  it.each(EMERGENCIES)('%j: the 999 line first, no email question', (text) => {
    const out = chat('customer-support', text);
    expect(out).toMatch(/please call 999 now/);
    expect(out).not.toMatch(/email address/);
  });
  it('a pet that ate rat poison is handed over, without the 999 line', () => {
    const out = chat('customer-support', 'my dog ate the rat poison from your shop and is shaking');
    expect(out).toMatch(/get a person/);
    expect(out).not.toMatch(/999/);
  });
  it('"the kettle electrocuted me" at insurance-claims\' first question is the emergency, not the policy number retry', () => {
    const out = chat('insurance-claims', 'the kettle electrocuted me');
    expect(out).not.toMatch(/Policy numbers look like/);
    expect(out).toMatch(/112|999/);
  });
});

describe('hostile s47 held out: no request for a person', () => {
  it.each(NOT_ASKING)('%j is not handed over', (text) => {
    const out = chat('customer-support', text);
    expect(out).not.toMatch(/get a person for you/);
  });
});
