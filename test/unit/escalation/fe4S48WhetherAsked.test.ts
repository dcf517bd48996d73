// Session 48 (fe4, issue 11): an indirect question of whether a product works, fits or comes apart, asked before buying
// ("do you know if the legs come off", "whether it works on an induction hob, because ... our old pans don't work with
// it") was read as the damaged-goods topic ("a product that does not do what it should") and handed over at the first
// message. The wordings below were written BEFORE the code change (the first two from fe4's blind set,
// /work/coord/s48/fe4-set, tuning part); HELD_OUT after it. Own cases said the same way must still hand over.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import type { Flow } from '../../../shared/flow/schema';
import { escalationOrClarify, playConversation } from '../../../shared/simulator/playConversation';

const shipped = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow as Flow;
const now = Date.parse('2026-11-24T10:00:00Z');
const first = (text: string) => escalationOrClarify(playConversation(shipped, 'c', ['Something else', text], now), 2)?.reason ?? 'none';

/** Questions before buying: not the damaged-goods topic (written before the change). */
const ASKED = [
  "We've got a small flat and I'm trying to work out whether the three-seater sofa will actually fit through our front door, which is about 76 centimetres wide, do you know if the legs come off or anything like that?",
  "Hello, I have a question about the cast iron casserole dish, the big red one, whether it works on an induction hob, because we've just had one fitted and some of our old pans don't work with it anymore.",
  'Could you tell me whether the table legs come off for moving?',
  "I wanted to check if the headphones work with an iPhone, my old ones don't work with it.",
  'do u know if the zip comes undone easily on the kids coat',
];
/** Own cases in the same grammar: still the damaged-goods topic (written before the change). */
const OWN = [
  'I wanted to check if the heater you sent me is faulty, it keeps turning off by itself',
  "Not sure whether the lamp you sent me is broken or not, it doesn't turn on",
  'the kettle I bought last week stopped working, can you tell me whether I get a new one?',
];

/** Written after the change (held out): questions before buying, then own cases. */
const HELD_OUT_ASKED = [
  'Could you let me know whether the bookcase shelves come out, so it fits in the car?',
  'Wondering if the fairy lights stay on all night or switch off on a timer?',
  "I'd like to check if the blender jug fits in the dishwasher",
  "do u know if the charger works with a samsung, my old one doesn't work anymore",
  "Can you tell me whether the garden chairs stack, as our old ones don't fold or stack at all?",
];
const HELD_OUT_OWN = [
  "Not sure whether the toaster you delivered is faulty, it doesn't heat up",
  "the lamp I ordered doesn't work, could you check if the bulb is included?",
];

describe('session 48 (fe4): whether a product works, asked before buying', () => {
  it.each(ASKED)('not handed over as a sensitive topic: %s', (text) => {
    expect(first(text)).not.toBe('sensitive_topic');
  });
  it.each(OWN)('an own case still is: %s', (text) => {
    expect(first(text)).toBe('sensitive_topic');
  });
  it.each(HELD_OUT_ASKED)('held out, not a sensitive topic: %s', (text) => {
    expect(first(text)).not.toBe('sensitive_topic');
  });
  it.each(HELD_OUT_OWN)('held out, an own case still is: %s', (text) => {
    expect(first(text)).toBe('sensitive_topic');
  });
});
