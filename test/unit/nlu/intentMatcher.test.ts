import { describe, it, expect } from 'vitest';
import { createIntentMatcher } from '../../../shared/nlu/createIntentMatcher';
import { analyzeText } from '../../../shared/nlu/analyzeText';
import type { IntentDefinition } from '../../../shared/nlu/types';
import intents from '../../fixtures/nlu/intents.json';
import tests from '../../fixtures/nlu/intent-tests.json';

const defs = intents as IntentDefinition[];
const cases = tests as { text: string; intent: string | null }[];
const matcher = createIntentMatcher(defs);
/** The intent_router block's default threshold. */
const THRESHOLD = 0.5;

describe('createIntentMatcher on the labelled shop fixture', () => {
  const inScope = cases.filter((c) => c.intent !== null);
  const outOfScope = cases.filter((c) => c.intent === null);

  it('has enough held-out sentences', () => {
    expect(inScope.length).toBeGreaterThanOrEqual(35);
    expect(outOfScope.length).toBeGreaterThanOrEqual(25);
    expect(cases.length).toBeGreaterThanOrEqual(60);
  });

  it('routes at least 85% of paraphrases to the right intent above the default threshold', () => {
    const wrong = inScope.filter((c) => {
      const m = matcher.match(c.text);
      return m.intentId !== c.intent || m.confidence < THRESHOLD;
    });
    const accuracy = 1 - wrong.length / inScope.length;
    expect(accuracy, `wrong: ${wrong.map((c) => c.text).join(' | ')}`).toBeGreaterThanOrEqual(0.85);
  });

  it('gives out-of-scope messages low confidence', () => {
    const conf = outOfScope.map((c) => matcher.match(c.text).confidence);
    const mean = conf.reduce((a, b) => a + b, 0) / conf.length;
    expect(mean).toBeLessThan(0.3);
    expect(conf.filter((c) => c < 0.35).length / conf.length).toBeGreaterThanOrEqual(0.9);
  });

  it('scores every training example ~0.9+ for its own intent, never 1', () => {
    for (const intent of defs) {
      for (const ex of intent.examples) {
        const m = matcher.match(ex);
        expect(m.intentId, ex).toBe(intent.id);
        expect(m.confidence, ex).toBeGreaterThanOrEqual(0.9);
        expect(m.confidence, ex).toBeLessThan(1);
      }
    }
  });
});

describe('createIntentMatcher behaviour', () => {
  it('returns null with confidence 0 for text with no known word', () => {
    for (const t of ['asdf', 'my cat is sick', '', '?!']) {
      const m = matcher.match(t);
      expect(m.intentId).toBeNull();
      expect(m.confidence).toBe(0);
      expect(m.ranking).toEqual([]);
    }
  });

  it('corrects typos in longer words', () => {
    const m = matcher.match('I want to cancle my ordr');
    expect(m.intentId).toBe('cancel_order');
    expect(m.confidence).toBeGreaterThan(0.6);
  });

  it('is less sure when two intents fit equally well', () => {
    const ambiguous = matcher.match('order');
    const clear = matcher.match('cancel my order');
    expect(ambiguous.confidence).toBeLessThan(clear.confidence);
    expect(ambiguous.ranking.length).toBeGreaterThan(1);
  });

  it('ranks best first and accepts a TextAnalysis', () => {
    const m = matcher.match(analyzeText('how much does shipping cost to canada'));
    expect(m.intentId).toBe('shipping_info');
    expect(m.intentName).toBe('shipping_info');
    const scores = m.ranking.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(m.ranking[0].intentId).toBe('shipping_info');
  });

  it('copes with no intents or empty examples', () => {
    expect(createIntentMatcher([]).match('hello').intentId).toBeNull();
    expect(createIntentMatcher([{ id: 'a', name: 'A', examples: [] }]).match('hello').confidence).toBe(0);
  });

  // Speed is measured by the bench (`npm run bench`, test/bench/nluCompare.ts), never by a timed unit test:
  // on a shared machine a timing assertion fails for reasons that have nothing to do with the code.
});

describe('createIntentMatcher: long messages, values and names', () => {
  const shop = createIntentMatcher([
    { id: 'ship', name: 'ship', examples: ['how much is shipping', 'do you ship to Ireland', 'do you deliver at the weekend', 'shipping costs to the US', 'how long does delivery take'] },
    { id: 'pay', name: 'pay', examples: ['can I pay with PayPal', 'do you take Klarna', 'do you take Apple Pay', 'which cards do you accept'] },
    { id: 'track', name: 'track', examples: ['where is my order', 'has my parcel shipped yet', 'is my delivery on its way', 'my package has not arrived'] },
    { id: 'address', name: 'address', examples: ['I need to change my delivery address', 'can I update the shipping address', 'send it to a different address'] },
  ]);

  it.each([
    ['I need to change my delivery address, my travel agent booked me into a hotel for that week', 'address'],
    ['do you ship to France? my sister lives there and it is her birthday next month', 'ship'],
    ['I love your products! do you ship to Ireland?', 'ship'],
  ])('finds the question in one clause of a long message: %j', (text, id) => {
    const m = shop.match(text);
    expect(m.intentId).toBe(id);
    expect(m.confidence).toBeGreaterThanOrEqual(0.5);
  });

  it.each([
    ['can I pay with bitcoin?', 'pay'],
    ['do you deliver to the Channel Islands?', 'ship'],
    ['do you take Revolut?', 'pay'],
    ['do you deliver on Saturdays?', 'ship'],
  ])('reads an unknown value after a preposition or a name as a slot, not another topic: %j', (text, id) => {
    const m = shop.match(text);
    expect(m.intentId).toBe(id);
    expect(m.confidence).toBeGreaterThanOrEqual(0.5);
  });

  it.each(['what is the capital of Peru', 'tell me a joke about penguins', 'my cat is called Mittens', 'the weather is nice in Spain'])(
    'keeps off-topic text with names or prepositions below the threshold: %j',
    (text) => {
      expect(shop.match(text).confidence).toBeLessThan(0.5);
    },
  );
});
