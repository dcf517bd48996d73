/**
 * Round eight (session 6, helper escMulti): loops, repeated fallback and low confidence, by family.
 * Conversations are played through flows/customer-support.json (what `baton simulate` and the report run), so each
 * case is what a customer of the support flow would see: handed over (and why) or not.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadSupportFlow, REPORT_NOW } from '../../bench/escalationReport';
import { scoreLabelled, type Labelled } from '../../bench/labelledReport';
import { escalationOrClarify, playConversation } from '../../../shared/simulator/playConversation';
import { playedOnce } from '../../bench/playedOnce';
import { isTrackingQuestion, questionType } from '../../../shared/escalation/questionConcepts';

const flow = loadSupportFlow();
/** The reason the support flow hands the conversation over for (null: the bot keeps it). */
function handedOver(turns: string[]): string | null {
  return playConversation(flow, 'r8', ['Something else', ...turns], Date.parse(REPORT_NOW)).escalation?.reason ?? null;
}

describe('one question asked with details added: only an order reference tells two questions apart', () => {
  it.each([
    // A house number, a size or a day count is a detail of the same question.
    ['address change', 'address change order 1180', 'order 1180 change address to 4 Mill Lane Leeds'],
    ['I need change address', 'change address of order 81102', 'order 81102, the new address is Rua Augusta 12 Lisbon, can you change it'],
    ['when my order come', 'my order 60211 when it come', 'order 60211, I order on 19 november with standard delivery, when it come'],
  ])('%s / %s / %s is a loop', (...turns) => {
    expect(handedOver(turns)).toBe('loop');
  });
  it('two orders asked about in turn are not one question asked three times', () => {
    expect(handedOver(['I have two packages coming, order 81200 and order 81255', 'where is 81200?', 'and 81255?'])).not.toBe('loop');
  });
  it('numbers alone are not a question asked again (a phone number typed in bits)', () => {
    expect(handedOver(['01632 960 0', '01632', '960'])).toBe('repeated_fallback');
  });
  it('an order number alone after a question about it is still the question', () => {
    expect(handedOver(['where is 60441', 'k', '60441??', 'still need 60441 location'])).toBe('loop');
  });
});

describe('the kind of answer wanted: "what ... times / hours / days" asks when', () => {
  it.each([
    ['what are your opening times', 'when'],
    ['what hours do you keep', 'when'],
    ['which days are you open', 'when'],
    ['what time do you close', 'when'],
    ['what is your returns address', 'what'],
    ['what colours does it come in', 'what'],
  ])('%s -> %s', (text, kind) => {
    expect(questionType(text)).toBe(kind);
  });
});

describe('the tracking request asked again in other words', () => {
  it.each([
    ['has my parcel been dispatched', 'did it go out yet', 'is it sent'],
    ["where's my package", 'so where is it now', 'where is the parcel'],
    ['tracking pls', 'TRACKING', 'tracking for 55012 please'],
    ['status of order NW-120044?', 'any news, where is NW-120044', 'has NW-120044 left you yet'],
  ])('%s / %s / %s is a loop', (...turns) => {
    expect(handedOver(turns)).toBe('loop');
  });
  it('the tracking question shrunk to its question word still counts ("where is it" / "whr")', () => {
    expect(handedOver(['where is NW-130771', 'where is it', 'whr'])).toBe('loop');
  });
  it('coming back to the tracking question after another one is the same question', () => {
    expect(handedOver(['Where is my order NW-130552?', 'and do you take Revolut', 'Ok. Coming back, where is my order NW-130552?', 'still, where is it?'])).toBe('loop');
  });
  it('sending it back is a return, not tracking', () => {
    expect(isTrackingQuestion('where do i send it back')).toBe(false);
    expect(isTrackingQuestion('coming back to my question where is it')).toBe(true);
  });
  it('three orders asked about in turn are not a loop', () => {
    expect(handedOver(["where's 55210", 'and where is 55230', 'what about 55290, has it shipped'])).not.toBe('loop');
  });
  it('tracking, then other questions about the same parcel are not a loop', () => {
    expect(handedOver(['where is order 31180', 'when will it arrive', 'can the courier leave it with my neighbour'])).not.toBe('loop');
  });
  it.each([
    ['where is my parcel', true],
    ['how long until the box turns up', true],
    ['whens my stuff getting here', true],
    ['is there an expected arrival for what I bought', true],
    ['how long until the paint dries up', false],
    ['parcel where', true],
    ['has 22019 left the warehouse', true],
    ['when will my order come', true],
    ['where do I send the return', false],
    ['do you ship to Norway', false],
    ['how much is delivery', false],
    ['can the courier leave it in the porch', false],
    ['where is your shop in Leeds', false],
  ])('isTrackingQuestion(%s) = %s', (text, tracking) => {
    expect(isTrackingQuestion(text.toLowerCase())).toBe(tracking);
  });
});

describe('corrections: the bot picked the wrong one (a loop named in words)', () => {
  it.each([
    ['please track the order with the rug', "No, that's not the right one, that one is the cushions. I need the rug"],
    ['check my order with the boots please', 'this is still not the boots order'],
    ['track NW-130022', 'no, this is the other order, I want the one with the lamp'],
    ['track my order pls', 'nah wrong one, that is the phone case, i want the charger one'],
  ])('%s / %s is a loop', (...turns) => {
    expect(handedOver(turns)).toBe('loop');
  });
  it.each([
    // The customer's own slip, and a complaint about the goods, are not the bot's wrong pick.
    ['where is 99120', 'oh wait wrong one, 99140'],
    ['can I return the jumper from order 44120', "it's not the right size"],
  ])('%s / %s is not a loop', (...turns) => {
    expect(handedOver(turns)).not.toBe('loop');
  });
});

describe('back to the earlier question after another one', () => {
  it.each([
    ['Is delivery to Malta tracked?', 'ok and do you take PayPal', 'right, back to my question, is the Malta delivery tracked'],
    ['How much does delivery to Iceland cost?', 'Also, are you open on Saturday?', 'Returning to my first query: the Iceland delivery charge.'],
  ])('%s / %s / %s is a loop', (...turns) => {
    expect(handedOver(turns)).toBe('loop');
  });
  it('a question still unanswered, said in words, is a loop', () => {
    expect(handedOver(['How long does delivery to Jersey take?', 'And what are your opening hours?', 'I note the Jersey question remains unanswered.'])).toBe('loop');
  });
  it('coming back in stock is not coming back to a question', () => {
    expect(handedOver(['is the green lamp coming back in stock', 'and the blue one?', 'ok thanks'])).not.toBe('loop');
  });
});

describe('the return asked again in other words', () => {
  it.each([
    ['What is the process for returning goods?', 'How does one send back a purchase?', 'Please explain how to give an item back.'],
    ['how i return item', 'i want return the coat from order 40777', 'order 40777, the coat, i want to give it back, how i do this'],
  ])('%s / %s / %s is a loop', (...turns) => {
    expect(handedOver(turns)).toBe('loop');
  });
  it('three questions about returns naming different things are not a loop', () => {
    expect(handedOver(['can I return sale items?', 'do I need the receipt to return something?', 'can I return it in a store instead of by post?'])).not.toBe('loop');
  });
  it('returns of two different orders are two questions', () => {
    expect(handedOver(['how do I return order 40777', 'and how do I return order 40912', 'return for 40777 again, how?'])).not.toBe('loop');
  });
});

describe('the address change asked again in other words', () => {
  it.each([
    ['I want to change the address where the parcel goes, I am moving flat next week', 'change delivery address please', 'new address'],
    ['Can I alter my delivery address?', 'Can I alter the delivery address for order 71933?', 'Order 71933: I wish to alter the address to 9 Station Road, Cardiff.'],
  ])('%s / %s / %s is a loop', (...turns) => {
    expect(handedOver(turns)).toBe('loop');
  });
  it('address questions naming different things are not a loop', () => {
    expect(handedOver(['is my billing address saved on my account?', 'can the delivery address be a PO box?', 'what is your returns address?'])).not.toBe('loop');
  });
});

/**
 * Floors (docs/escalation.md, "Round eight"): about one conversation below the figures measured on a clean export of
 * HEAD at the end of round eight. w11 (a writer of session 6): odd ids were developed on, even ids held out; w9: odd
 * ids read in rounds seven and eight, even ids read after round seven. `maxNone` caps the ordinary conversations
 * handed over.
 */
const root = fileURLToPath(new URL('../../../', import.meta.url));
const readSet = (path: string): Labelled[] =>
  readFileSync(root + path, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Labelled);
function rates(items: Labelled[]): Record<string, number> {
  const now = Date.parse(REPORT_NOW);
  // Session 11: a conversation that ends on the bot's one clarifying question counts as the low confidence it read.
  // Played once per test worker (test/bench/playedOnce.ts): roundSevenLoops plays w9 too.
  const lines = items.map((l) => ({ id: l.id, escalation: escalationOrClarify(playedOnce(flow, l.id, l.turns, now), l.turns.length) }));
  return Object.fromEntries(scoreLabelled(items, lines).map((s) => [s.reason, s.rate]));
}
const FLOORS: Record<string, Record<'odd' | 'even', Record<string, number>>> = {
  'test/fixtures/escalation-corpus/w11-conversations.jsonl': {
    odd: { loop: 0.78, repeated_fallback: 0.58, low_confidence: 0.87, maxNone: 0.085 },
    even: { loop: 0.53, repeated_fallback: 0.52, low_confidence: 0.5, maxNone: 0.052 },
  },
  'test/fixtures/escalation-corpus/w9-conversations.jsonl': {
    odd: { loop: 0.74, repeated_fallback: 0.83, maxNone: 0.23 },
    even: { loop: 0.58, repeated_fallback: 0.7, maxNone: 0.18 },
  },
};
describe.each(Object.keys(FLOORS))('round eight floors on %s', (path) => {
  const all = readSet(path);
  describe.each(['odd', 'even'] as const)('%s ids', (half) => {
    const floors = FLOORS[path][half];
    it(`${Object.entries(floors).map(([k, v]) => (k === 'maxNone' ? `ordinary handed over <= ${v}` : `${k} >= ${v}`)).join(', ')}`, () => {
      const r = rates(all.filter((l) => Number(l.id.split('-').pop()) % 2 === (half === 'odd' ? 1 : 0)));
      for (const [k, v] of Object.entries(floors)) {
        if (k === 'maxNone') expect(r.none, 'ordinary conversations handed over').toBeLessThanOrEqual(v);
        else expect(r[k], k).toBeGreaterThanOrEqual(v);
      }
    });
  });
});
