/**
 * Session 45 (emerg): held-out wordings, written after the code and not tuned to (emergS45.test.ts has the set written
 * before it). Each kind's count of wordings that hold is what was measured when they were written (main before the code:
 * 13, 14, 19, 16 of 20); the test keeps it from falling. Missed when measured: H1 "I think my son swallowed a button cell"
 * ("cell" is no hazard word), "my son swallowed a magnet when he was 4, he's 10 now, ..." (an age as the time), "my son
 * nearly swallowed a bead but I caught it" (mended after: "nearly" / "almost" is nothing swallowed, so H1 holds 18 now);
 * L2 "haha anyway, do you take paypal?" (no turn: "anyway" follows a word, not a sentence's end).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectUrgency } from '../../../shared/escalation/detectors/detectUrgency';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { converse } from '../engine/harness';
import { fires, policy } from './facts';

const emergency = (text: string) => fires(detectUrgency, text, policy())?.emergency === true;
const urgent = (text: string) => fires(detectUrgency, text, policy()) !== null;
const support = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const MENU_INTENT: Record<string, string> = { 'Track my order': 'track_order', Returns: 'return_item', Shipping: 'shipping_info' };
function route(text: string): unknown {
  const c = converse(support(), { now: Date.parse('2026-03-09T11:30:00Z') });
  c.say(text);
  const v = c.state.variables;
  return v.intent ?? MENU_INTENT[String(v.menuChoice)];
}

const KINDS: { kind: string; holds: (text: string, want: string) => boolean; cases: [string, string][]; measured: number }[] = [
  {
    kind: 'H1 swallowed',
    holds: (t, want) => emergency(t) === (want === 'emergency'),
    measured: 17,
    cases: [
      ['my niece just swallowed a magnet off the fridge set you sell', 'emergency'],
      ['toddler swallowed a lithium battery from the key fob', 'emergency'],
      ['my son swallowed one of the beads from the bracelet kit', 'emergency'],
      ['my daughter drank some of the drain cleaner', 'emergency'],
      ['I think my son swallowed a button cell', 'emergency'],
      ['my baby has swallowed a marble', 'emergency'],
      ['my grandson ate some of the washing tablets', 'emergency'],
      ['our 18 month old swallowed a magnet', 'emergency'],
      ['my son swallowed a screw from the shelf kit', 'emergency'],
      ['my girl has swallowed a piece of the toy', 'emergency'],
      ['the cat swallowed a hair tie, is that bad?', 'no'],
      ['I just had to swallow the delivery fee', 'no'],
      ["my son swallowed a magnet when he was 4, he's 10 now, is this set safe?", 'no'],
      ['can a child swallow these magnets?', 'no'],
      ['hard pill to swallow, your prices went up again', 'no'],
      ['my son nearly swallowed a bead but I caught it', 'no'],
      ['the sofa cushions swallowed the remote', 'no'],
      ['my son ate his dinner, now where is my order', 'no'],
      ['the magnets are too small, a child could swallow one', 'no'],
      ['the hoover swallowed a lego piece', 'no'],
    ],
  },
  {
    kind: 'M1 breath',
    holds: (t, want) => emergency(t) === (want === 'emergency'),
    measured: 20,
    cases: [
      ["my mum can't catch her breath and she's grey", 'emergency'],
      ["I can't catch my breath, it's getting worse", 'emergency'],
      ["my son can't get his breath, he's wheezing", 'emergency'],
      ['cant get my breath help', 'emergency'],
      ["she's struggling to breathe after the fumes", 'emergency'],
      ['my dad can barely breathe', 'emergency'],
      ['I can hardly catch my breath and my lips are blue', 'emergency'],
      ["my partner can't catch his breath", 'emergency'],
      ["I can't catch my breath, please call someone", 'emergency'],
      ['help I cant breathe', 'emergency'],
      ["been so hectic at work I can't catch my breath, when will my parcel come?", 'no'],
      ["crazy week, can't catch my breath, can you check NW-104233", 'no'],
      ["I can't catch my breath from laughing at the tracking page lol", 'no'],
      ["running around like mad, can't catch my breath, do you do next day?", 'no'],
      ["with all the school runs I can't catch my breath, need to change the delivery date", 'no'],
      ['the price took my breath away', 'no'],
      ["non stop today, can't catch my breath, where's my refund", 'no'],
      ["I'm out of breath from carrying your huge parcel upstairs lol", 'no'],
      ["haha I can't catch my breath, your bot is hilarious", 'no'],
      ['so swamped I can barely catch my breath, is my order dispatched?', 'no'],
    ],
  },
  {
    kind: 'M3 hazard product',
    holds: (t, want) => (want === 'emergency' ? emergency(t) : !urgent(t)),
    measured: 20,
    cases: [
      ["the smoke alarm is going off and there's smoke everywhere", 'emergency'],
      ['the plug is on fire', 'emergency'],
      ['there are flames coming out of the back of the tv', 'emergency'],
      ['the hall is full of smoke, the fan heater is smoking', 'emergency'],
      ['the CO alarm is going off and my kids are drowsy', 'emergency'],
      ['the dryer is in flames help', 'emergency'],
      ['smoke is pouring out of the charger you sold me', 'emergency'],
      ['the lamp caught fire and my gran is coughing', 'emergency'],
      ['the oven is burning now', 'emergency'],
      ['gas leak from the hob, my wife feels sick', 'emergency'],
      ['the smoke alarm keeps chirping, how do I change the battery', 'no'],
      ['smoke detector beeps every minute, can you send a new one', 'no'],
      ['the fire alarm I bought is too loud, can I return it', 'no'],
      ['do your smoke alarms come with batteries?', 'no'],
      ['the gas hob you sent has a dent, refund please', 'no'],
      ['smoke damage on the packaging of my lamp', 'no'],
      ['my carbon monoxide alarm arrived without the bracket', 'no'],
      ['fire blanket order NW-104233 not arrived', 'no'],
      ['the smoke alarm battery is flat, do you sell them', 'no'],
      ['smoke grey paint arrived in the wrong colour', 'no'],
    ],
  },
  {
    kind: 'L2 aside then request',
    holds: (t, want) => (want.startsWith('!') ? route(t) !== want.slice(1) : route(t) === want),
    measured: 19,
    cases: [
      ["ha, loved your christmas ad. anyway where's my order NW-104233?", 'track_order'],
      ['sorry for the rant earlier, anyway where is NW-104233', 'track_order'],
      ['the weather is awful here, anyhow where is my parcel NW-104233', 'track_order'],
      ["my kids are driving me mad, anyway, where's NW-104233?", 'track_order'],
      ['lol your bot is funny. anyway, where is my order NW-104233', 'track_order'],
      ['busy morning! anyway, has NW-104233 shipped?', 'track_order'],
      ['traffic was terrible, anyway where is NW-104233', 'track_order'],
      ['haha ok. anyway, can you track NW-104233 for me?', 'track_order'],
      ["moving on, where's my order NW-104233", 'track_order'],
      ['rant over, where is my parcel NW-104233?', 'track_order'],
      ['anyway, how do I return a jumper?', 'return_item'],
      ['long day, anyway do you ship to France?', 'shipping_info'],
      ['thanks anyway', '!track_order'],
      ['lol your ad. anyway, when are you open?', 'opening_hours'],
      ['traffic was awful, anyway can I pay by card?', 'payment_methods'],
      ['my cat is silly, anyway how do I send back a lamp?', 'return_item'],
      ['busy morning! anyway, do you deliver on Saturdays?', 'shipping_info'],
      ['rant over, what are your opening times?', 'opening_hours'],
      ['sorry, anyway I want to change my address', 'change_address'],
      ['haha anyway, do you take paypal?', 'payment_methods'],
    ],
  },
];

describe('emerg s45 held-out wordings (written after the code)', () => {
  it.each(KINDS.map((k) => [k.kind, k] as const))('%s: the measured number still holds', (_kind, k) => {
    const held = k.cases.filter(([t, want]) => k.holds(t, want)).length;
    expect(held).toBeGreaterThanOrEqual(k.measured);
  });
});
