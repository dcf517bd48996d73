/**
 * Round six (session 4): negative sentiment without a classic negative word, through the real detector and the
 * shipped classifier, one device at a time (positive and negative cases written for this test, not taken from the
 * corpora), then floors on the sets the model now trains on (set-m and set-p, kept out in session 3; the writers w4
 * and w6 of session 4). The floors are fit figures, not generalisation: the honest figures (a writer the model never
 * saw, and the kept-out sets) are in docs/escalation.md, "Round six".
 */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { detectNegativeSentiment } from '../../../shared/escalation/detectors/detectNegativeSentiment';
import { negReport } from '../../../scripts/train-escalation/negReport';
import { facts, memory, policy } from './facts';

const fires = (text: string) => detectNegativeSentiment(facts(text), policy(), memory());

const DEVICES: Record<string, { upset: string[]; calm: string[] }> = {
  sarcasm: {
    upset: ["Oh wonderful, the tracking has said 'out for delivery' for four days now. Stellar work.", 'Cheers for the refund that never came lads'],
    calm: ["great, thanks, that's all I needed", 'brilliant, it came a day early, thank you'],
  },
  rhetorical: {
    upset: ['do you lot even read these messages or do they go straight in the bin?'],
    calm: ['do you deliver on Sundays?'],
  },
  'threat to leave': {
    upset: ["I'm done. Taking my money to your competitors and telling all my friends why."],
    calm: ["I told my friends about your shop, they're ordering too"],
  },
  contempt: {
    upset: ['whoever runs your warehouse should not be allowed near a box'],
    calm: ['who runs the warehouse on weekends? just curious when it ships'],
  },
  'masked swearing': {
    upset: ['f*cking hell, still nothing'],
    calm: ['what does the * next to the price mean?'],
  },
  emoji: {
    upset: ['🙄🙄 where is it', '😡😡'],
    calm: ['🤷', 'thank you 😊'],
  },
  caps: {
    upset: ['THIS IS THE THIRD EMAIL I HAVE SENT'],
    calm: ['is the UK plug included?'],
  },
  weariness: {
    upset: ["I've given up expecting anything from you lot"],
    calm: ['I gave the blue one to my sister, can I have the green one too?'],
  },
  'kind uses': {
    upset: [],
    calm: ['this jacket is sick, cheers', 'unfortunately I need to change my address, can you help?', 'no complaints at all, it arrived early', "the parcel hasn't arrived yet, could you check for me?", 'killer prices on the boots, thanks', "I'm terribly sorry to bother you, what payment methods do you have"],
  },
};

// Round six's known miss ("given up" read as weariness even about a colour) is fixed by round eight's retrain (the
// ordinary turns of the conversation writers train the negative output 0 where the lexicon sees nothing): a plain test now.
it('does not fire on "I\'ve given up on the blue one, can I have the green instead?" (round six\'s known miss)', () => {
  expect(fires("I've given up on the blue one, can I have the green instead?")).toBeNull();
});

describe.each(Object.keys(DEVICES))('round six negative sentiment: %s', (device) => {
  const { upset, calm } = DEVICES[device];
  if (upset.length) it.each(upset)('fires on %j', (text) => expect(fires(text)?.reason).toBe('negative_sentiment'));
  it.each(calm)('does not fire on %j', (text) => expect(fires(text)).toBeNull());
});

const root = fileURLToPath(new URL('../../../', import.meta.url));
/** Negative recall floor, most ordinary items read as negative, on sets the model now trains on (figures of the round-six model, rounded down). */
const NEGATIVE_FLOORS: Record<string, { recall: number; maxReadNegative: number }> = {
  'escalation-blind/set-m.jsonl': { recall: 0.97, maxReadNegative: 0.013 },
  'escalation-blind/set-p.jsonl': { recall: 0.94, maxReadNegative: 0.013 },
  'escalation-corpus/w4.jsonl': { recall: 0.81, maxReadNegative: 0.014 },
  'escalation-corpus/w6.jsonl': { recall: 0.84, maxReadNegative: 0.014 },
};

describe.each(Object.keys(NEGATIVE_FLOORS))('round six negative floors on %s', (name) => {
  const floor = NEGATIVE_FLOORS[name];
  it(`negative recall >= ${floor.recall}, above plain VADER, ordinary read as negative <= ${floor.maxReadNegative}`, () => {
    const r = negReport(`${root}test/fixtures/${name}`);
    expect(r.recall).toBeGreaterThanOrEqual(floor.recall);
    expect(r.recall).toBeGreaterThan(r.vader);
    expect(r.falseNegative).toBeLessThanOrEqual(floor.maxReadNegative);
    expect(r.falseNegative).toBeLessThan(r.vaderFlags);
  });
});
