/**
 * Round eight (session 6, helper escMulti): what the repeated-fallback streak counts (detectRepeatedFallback.ts).
 *  - The detail a shop request needs, given right after it failed ("can I change the address on it" / "to 9 Park Row,
 *    Leeds"), adds nothing; after an off-topic request, or as a request, correction or question of its own, it counts.
 *  - A star correcting one's own typo ("*track NW-112340") adds nothing.
 */
import { describe, it, expect } from 'vitest';
import { fallbackWeight } from '../../../shared/escalation/detectors/detectRepeatedFallback';
import { loadSupportFlow, REPORT_NOW } from '../../bench/escalationReport';
import { playConversation } from '../../../shared/simulator/playConversation';
import { facts, memory } from './facts';

const norm = (t: string) => facts(t).analysis.normalized;
/** The weight of `text` after `before` (each a failed message; clear shop questions counted as such). */
function weightAfter(before: string, text: string): number {
  const clear = fallbackWeight(facts(before, { fallback: true }).analysis, memory()) === 0.5 ? 1 : 0;
  return fallbackWeight(facts(text, { fallback: true }).analysis, memory({ recent: [norm(before)], fallbacksInRow: 1, clearInRow: clear }));
}
const flow = loadSupportFlow();
const handedOver = (turns: string[]) => playConversation(flow, 'r8', ['Something else', ...turns], Date.parse(REPORT_NOW)).escalation?.reason ?? null;

describe('the detail a failed shop request needs', () => {
  it.each([
    ['can i change the address on my order 40112', 'to 12 Mill Lane, Leeds'],
    ['can I return the jacket from order 40456', "it's the wrong size"],
    ['Do you price match?', 'OK, good to know'],
  ])('%s / %s: the detail adds nothing', (before, text) => {
    expect(weightAfter(before, text)).toBe(0);
  });
  it.each([
    // After an off-topic request the detail still counts: the customer is stuck.
    ['can you book me a taxi to the station', 'for 6pm tomorrow'],
    // A request, a correction, or a question without its question mark asks again.
    ['Can I get an invoice for my order?', 'An invoice for order 47225 please.'],
    ['Do you charge VAT on orders to Switzerland?', 'VAT, not delivery times.'],
    ['how long is the warranty on the blender', 'if it breaks in a year do you fix it'],
  ])('%s / %s: it counts', (before, text) => {
    expect(weightAfter(before, text)).toBeGreaterThan(0);
  });
  it('through the support flow: a tracking question, an address change and the new address are not a stuck customer', () => {
    expect(handedOver(["where's NW-121880", 'can i change the address on it', 'to 9 Park Row, Leeds'])).toBeNull();
  });
  it('through the support flow: two off-topic requests still hand over', () => {
    expect(handedOver(['can you book me a taxi to the station', 'one for four people'])).toBe('repeated_fallback');
  });
});

describe('a star correcting one own typo', () => {
  it.each(['*track NW-112340 lol', 'tracking*'])('%s after a failed message adds nothing', (text) => {
    expect(weightAfter('trak NW-11230', text)).toBe(0);
  });
  it('a star elsewhere is not a correction', () => {
    expect(weightAfter('do you sell concert tickets', 'rate us 5* lol')).toBe(1);
  });
});

describe('an alternative offered after the bot failed: the customer is stuck trying', () => {
  it.each([
    ['Do you sell Vespa parts?', 'Or helmets for scooters?'],
    ['Do you offer trade credit accounts?', 'Alternatively, is there a corporate purchasing scheme?'],
    ['do you sell kente cloth by the metre', 'or batik maybe'],
  ])('%s / %s hands over at the second message', (...turns) => {
    expect(handedOver(turns)).toBe('repeated_fallback');
  });
  it('an alternative about the same thing is a follow-up, not a second try', () => {
    expect(weightAfter('can I change the delivery day on order 48813', 'or can I ask them to leave it with the neighbour')).toBe(0.5);
    expect(handedOver(['can I change the delivery day on order 48813', 'or can I ask them to leave it with the neighbour'])).toBeNull();
  });
  it('the first clear question alone still counts half', () => {
    expect(handedOver(['Do you sell Vespa parts?'])).toBeNull();
  });
});

describe('the customer takes the answer and says so (asks nothing)', () => {
  it.each(['Perfect, ordering now', 'Killer, ordering a medium', 'ok so arriving Thursday', "oh it's coming separately, ok cool", 'Okay, very good', 'Ok, I go there. Dziękuję'])(
    '%s after a question adds nothing',
    (text) => {
      expect(weightAfter('does the pram fit in a small car boot?', text)).toBe(0);
    },
  );
  it.each(['cool, what sizes', 'perfect but it is still not here', 'great, where is it then'])('%s still counts', (text) => {
    expect(weightAfter('does the pram fit in a small car boot?', text)).toBeGreaterThan(0);
  });
  it('through the support flow: three product questions and "perfect, ordering now" are not handed over', () => {
    expect(handedOver(['Does the pram fit in a small car boot?', 'What is the folded size?', 'Perfect, ordering now'])).toBeNull();
  });
});

describe('the same request for another order, in a few words', () => {
  it.each([
    ['Track 77301', 'And 77390'],
    ['cancel 61150', 'keep 61151'],
  ])('%s / %s counts half (a follow-up about the shop)', (before, text) => {
    expect(weightAfter(before, text)).toBe(0.5);
  });
  it('numbers alone after numbers still count in full (a key mash)', () => {
    expect(weightAfter('8834 2291 00', '5555555')).toBe(1);
  });
  it('through the support flow: two orders tracked in turn, then thanks, are not handed over', () => {
    expect(handedOver(['status 71210', 'status 71299', 'ok'])).toBeNull();
  });
});
