/**
 * Round seven (session 5, helper escloop2): the fallback streak counts what shows a stuck customer, and the signals
 * of one turn are ranked by evidence.
 *  - A clear, calm question about the shop the flow cannot answer counts half (shared/escalation/shopTopics.ts,
 *    detectRepeatedFallback.fallbackWeight); gibberish, emoji, numbers, questions the shop has nothing to do with,
 *    services it does not provide, an upset question and a question asked again count in full; thanks, closing
 *    remarks and corrections after a question count nothing.
 *  - evaluateEscalation ranks the signals of one turn by REASON_WEIGHT x evidence (rankSignals) and says why.
 *  - Floors on w9 (test/fixtures/escalation-corpus/w9-conversations.jsonl, a writer who read no code): the odd ids
 *    were the development half, the even ids the held-out half; and round-seven caps on the ordinary conversations
 *    of w3 / w5 / w7 (blindSets.test.ts keeps the round-six floors).
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { asksNothing, detectRepeatedFallback, fallbackStreak, fallbackWeight } from '../../../shared/escalation/detectors/detectRepeatedFallback';
import { detectLoop } from '../../../shared/escalation/detectors/detectLoop';
import { namesShopTopic } from '../../../shared/escalation/shopTopics';
import {
  CLASSIFIER_EVIDENCE,
  evaluateEscalation,
  initialEscalationMemory,
  NAMED_LOOP_WEIGHT,
  rankSignals,
  REASON_WEIGHT,
  signalWeight,
} from '../../../shared/escalation/evaluateEscalation';
import type { EscalationMemory, Signal } from '../../../shared/escalation/types';
import { conversationStateSchema } from '../../../shared/engine/conversationStateSchema';
import { loadSupportFlow, REPORT_NOW } from '../../bench/escalationReport';
import { scoreLabelled, type Labelled } from '../../bench/labelledReport';
import { playedOnce } from '../../bench/playedOnce';
import { facts, memory, policy } from './facts';

const norm = (t: string) => facts(t).analysis.normalized;
const weightOf = (text: string, recent: string[] = [], fallbacksInRow = 0) =>
  fallbackWeight(facts(text, { fallback: true }).analysis, memory({ recent: recent.map(norm), fallbacksInRow }));

/** Plays customer messages that all fall back; returns each turn's decision (reason when handed over, else null) and the memories. */
function play(texts: string[], p = policy()): { reasons: (string | null)[]; memories: EscalationMemory[]; explanations: string[] } {
  let mem: EscalationMemory = initialEscalationMemory();
  const reasons: (string | null)[] = [];
  const memories: EscalationMemory[] = [];
  const explanations: string[] = [];
  for (const [turn, text] of texts.entries()) {
    const { decision, memory: next } = evaluateEscalation(p, facts(text, { fallback: true, turn }), mem);
    reasons.push(decision.action === 'handoff' ? decision.reason : null);
    explanations.push(decision.explanation);
    mem = next;
    memories.push(next);
  }
  return { reasons, memories, explanations };
}

describe('what an unusable message adds to the fallback streak', () => {
  it.each([
    'does the drill come with batteries?',
    'do you offer gift wrapping?',
    'Is the grey linen duvet cover available in king size?',
    'is the rain jacket waterproof or just showerproof',
    'Could I get an invoice for order 83006?',
    'Is there parking near the Bath shop?',
    'u close at 6 on sat?',
    'Is the kettle\'s limescale filter removable?',
    'What is the capacity in litres?',
    'wheres 55210',
  ])('%j, a clear question about the shop, counts half', (text) => {
    expect(weightOf(text)).toBe(0.5);
  });

  it.each([
    ['how should I clean it?', 'is the walnut chopping board treated with oil?'],
    ['and in L?', 'is the green hoodie in M'],
    ['Does it come flat-packed?', 'Do you have the oak side table in stock?'],
  ])('%j, a follow-up pointing back at a shop question (%j), counts half', (text, before) => {
    expect(weightOf(text, [before], 1)).toBe(0.5);
  });

  it.each([
    'asdkjh qwe',
    '🐸🐸',
    '3.14159',
    "what's the capital of Peru",
    'who won the 1997 general election?',
    'tell me a joke',
    "what's your favourite colour",
    'do you like pizza',
    'Do you do dry cleaning?',
    'Do you do electric car chargers?',
    'can you order me a pizza',
    'can I book a table for two',
    'Is the library open on Wednesdays',
    'purple monkey dishwasher',
    'I need my refund asap, this is useless',
  ])('%j counts in full (off-topic, gibberish, a service, not a question, or upset)', (text) => {
    expect(weightOf(text)).toBe(1);
  });

  it('a new subject after a shop question does not inherit it ("what is the weather in Norway")', () => {
    expect(weightOf('what is the weather in Norway', ['do you ship to Norway?'], 1)).toBe(1);
  });

  it('the same question asked again counts in full: the customer is stuck', () => {
    expect(weightOf('Poland delivery possible?', ['do you deliver to Poland?'], 1)).toBe(1);
  });

  it.each([
    ['cool', 'is the black rug washable'],
    ['ok nice', 'is there free delivery over 40 pounds?'],
    ['k ill get it', 'fits any car vent?'],
    ["I'll pop in at the weekend.", 'Do you have a shop in Oxford?'],
    ['Ok, the first one is delivered, thank you', 'Can you tell me where are they?'],
    ['pay, sorry', 'Can I pai with card Maestro?'],
  ])('%j after a question closes or corrects it: counts nothing', (text, before) => {
    expect(weightOf(text, [before], 1)).toBe(0);
  });

  it.each(['Thank you for the clarification.', 'Thank you, I\'ll keep an eye on the email.', 'danke schön', 'obrigado', 'Much obliged.', 'Thank you; I will await the dispatch email.'])(
    '%j (thanks first, any language) asks nothing',
    (text) => {
      expect(asksNothing(facts(text).analysis)).toBe(true);
    },
  );

  it.each(['thanks, where is my order', 'thanks for nothing', 'thanks but the lamp is still broken', 'ok so where is it', 'cool cool cool what about the sofa?'])(
    '%j still asks something',
    (text) => {
      expect(weightOf(text, ['is the black rug washable'], 1)).not.toBe(0);
    },
  );

  it('names a shop topic by family, not by product name', () => {
    expect(namesShopTopic(['is', 'the', 'lamp', 'foldable'])).toBe(true);
    expect(namesShopTopic(['is', 'the', 'lamp', 'nice'])).toBe(false);
    expect(namesShopTopic(['do', 'the', 'fairy', 'lights', 'have', 'a', 'timer'])).toBe(true);
    expect(namesShopTopic(['can', 'you', 'order', 'me', 'a', 'pizza'])).toBe(false);
    expect(namesShopTopic(['where', 'is', 'my', 'order'])).toBe(true);
  });
});

describe('the streak through evaluateEscalation', () => {
  // Session 25 (shopq): clear shop questions count nothing now (they counted half: four handed over, "streak 2 of 2");
  // writers label such chats ordinary (shopqS25ShopQuestions.test.ts).
  it('different clear questions about the shop do not hand over, however many (streak 0)', () => {
    const texts = ['Is the large teapot in stock?', 'Does it come in blue?', 'Is the lid dishwasher safe?', 'What is the capacity in litres?'];
    const { reasons, memories, explanations } = play(texts);
    expect(reasons).toEqual([null, null, null, null]);
    expect(memories[1]).toMatchObject({ fallbacksInRow: 2, clearInRow: 2 });
    expect(fallbackStreak(memories[2])).toBe(0);
    expect(explanations[1]).toBe('No escalation: strongest signal was 0 of 2 fallbacks in a row (2 clear questions about the shop counted nothing).');
  });

  it('two unusable messages still hand over at once (gibberish, emoji, off-topic)', () => {
    expect(play(['asdkjh', 'lkjlkj']).reasons).toEqual([null, 'repeated_fallback']);
    expect(play(['🐸', '🌮']).reasons).toEqual([null, 'repeated_fallback']);
    expect(play(["what's the capital of Peru", 'who won the match last night']).reasons).toEqual([null, 'repeated_fallback']);
    expect(play(['Do you sell concert tickets?', 'For the Coldplay tour, ideally.']).reasons).toEqual([null, 'repeated_fallback']);
  });

  it('a clear shop question then an unusable message is 1.5 of 2; one more unusable message hands over', () => {
    expect(play(['does the drill come with batteries?', 'asdkjh', 'qwpoe']).reasons).toEqual([null, null, 'repeated_fallback']);
  });

  it('a shop question asked a third time is a loop; with loops off the second asking hands over', () => {
    expect(play(['do you deliver to Poland?', 'Poland delivery possible?', 'can you ship to Poland?']).reasons).toEqual([null, null, 'loop']);
    expect(play(['do you deliver to Poland?', 'Poland delivery possible?'], policy({ loop: { enabled: false } })).reasons).toEqual([null, 'repeated_fallback']);
  });

  it('a memory written before round seven (no clearInRow) and the engine resetting fallbacksInRow alone both read right', () => {
    expect(fallbackStreak({ fallbacksInRow: 1 })).toBe(1);
    expect(fallbackStreak({ fallbacksInRow: 0, clearInRow: 3 })).toBe(0);
    expect(detectRepeatedFallback(facts('asdkjh', { fallback: true }), policy(), memory({ fallbacksInRow: 1 }))?.reason).toBe('repeated_fallback');
  });

  it('the conversation state schema accepts the memory with and without clearInRow, and refuses a fraction', () => {
    const escalation = conversationStateSchema.shape.escalation;
    expect(escalation.safeParse({ fallbacksInRow: 2, clearInRow: 1, recent: [], sentiments: [], level: 0 }).success).toBe(true);
    expect(escalation.safeParse({ fallbacksInRow: 2, recent: [], sentiments: [], level: 0 }).success).toBe(true);
    expect(escalation.safeParse({ fallbacksInRow: 2, clearInRow: 0.5, recent: [], sentiments: [], level: 0 }).success).toBe(false);
  });
});

describe('the customer corrects what the bot understood (a loop named without a negative word)', () => {
  const loopAfter = (earlier: string[], text: string) => detectLoop(facts(text), policy(), memory({ recent: earlier.map(norm) }));
  it.each([
    [['How long does express delivery take?'], "Thanks, that's standard delivery though, I meant express"],
    [['whats the weight limit for shipping'], 'thats the price list. I asked about weight'],
    [['What are the dimensions of the oak side table?'], 'I enquired about dimensions, not the price.'],
    [['do u have the hoodie in green'], 'again, the colour, not the size'],
    [['can you gift wrap and also put a little note in'], "the note's the bit I'm after, not the wrapping"],
    [['can I get an invoice for order 40112'], 'my question was about the invoice, not the shipping'],
    [['what are your hours on bank holidays'], 'ha you sort of skipped that one'],
    [['I am asking for the tracking number kindly'], 'Kindly note my question is still pending'],
  ])('after %j, %j is a loop the customer names', (earlier, text) => {
    const s = loopAfter(earlier, text);
    expect(s?.reason).toBe('loop');
    expect(signalWeight(s!).weight).toBe(NAMED_LOOP_WEIGHT);
  });
  it.each([
    [['Can I change the address to 14 Kings Road?'], 'Sorry, I meant 41 Kings Road.'],
    [['can I pay with apple pie'], 'apple pay I mean the phone thing'],
    [['Can you deliver to 12 Acron Road'], 'I mean Acorn Road, my eyes are not what they were'],
    [['can I collect on Monday?'], 'I meant Tuesday'],
    [['where is my parcel'], 'I asked my neighbour to take it in'],
  ])('after %j, %j is not (a slip of the customer, a story, or no earlier question)', (earlier, text) => {
    expect(loopAfter(earlier, text)).toBeNull();
  });
});

// Session 27 (loops): with no earlier question kept, a contrast of what was asked with what the bot answered is a loop on its
// own (the conversation reached the bot mid-way), at the loop's plain rank.
it('with no earlier question, "I enquired about dimensions, not the price." is a loop (session 27)', () => {
  expect(detectLoop(facts('I enquired about dimensions, not the price.'), policy(), memory())?.reason).toBe('loop');
});

/** A signal as a detector would return it. */
const sig = (reason: Signal['reason'], source: Signal['source'], score = 1, threshold = 1): Signal => ({
  reason,
  source,
  score,
  threshold,
  evidence: ['x'],
  turn: 0,
  explanation: `${reason}.`,
});
const namedLoop = (): Signal => detectLoop(facts("that's not what I asked"), policy(), memory())!;

describe('evidence-weighted ranking of the signals of one turn (each tie it decides)', () => {
  it('the weights: the supervisor order, a named loop between sensitive topics and anger, the classifier alone 0.75 to 1', () => {
    expect(REASON_WEIGHT.explicit_request).toBeGreaterThan(REASON_WEIGHT.urgency);
    expect(REASON_WEIGHT.sensitive_topic).toBeGreaterThan(NAMED_LOOP_WEIGHT);
    expect(NAMED_LOOP_WEIGHT).toBeGreaterThan(REASON_WEIGHT.negative_sentiment);
    expect(signalWeight(sig('negative_sentiment', 'classifier', 0.75, 0.75)).weight).toBe(70 * CLASSIFIER_EVIDENCE);
    expect(signalWeight(sig('negative_sentiment', 'classifier', 1, 0.75)).weight).toBe(70);
  });

  it('a loop the customer names beats negative sentiment from a rule (the same words read as angry)', () => {
    const ranked = rankSignals([sig('negative_sentiment', 'rule'), namedLoop()]);
    expect(ranked.map((s) => s.reason)).toEqual(['loop', 'negative_sentiment']);
  });

  it('a loop the customer names beats a sensitive topic only the classifier guessed (0.63 over 0.6, 0.9 over 0.8); a near-certain one (1.0) wins', () => {
    expect(rankSignals([sig('sensitive_topic', 'classifier', 0.63, 0.6), namedLoop()])[0].reason).toBe('loop');
    expect(rankSignals([sig('sensitive_topic', 'classifier', 0.9, 0.8), namedLoop()])[0].reason).toBe('loop');
    expect(rankSignals([sig('sensitive_topic', 'classifier', 1, 0.8), namedLoop()])[0].reason).toBe('sensitive_topic');
  });

  it('a sensitive topic the customer names in words beats a named loop ("that\'s not what I asked, where is my refund")', () => {
    expect(rankSignals([namedLoop(), sig('sensitive_topic', 'rule')])[0].reason).toBe('sensitive_topic');
  });

  it('negative sentiment from a rule beats a loop counted over three askings; a bare classifier guess of anger does not', () => {
    const counted = sig('loop', 'rule');
    expect(rankSignals([counted, sig('negative_sentiment', 'rule')])[0].reason).toBe('negative_sentiment');
    expect(rankSignals([sig('negative_sentiment', 'classifier', 0.78, 0.75), counted])[0].reason).toBe('loop');
    expect(rankSignals([sig('negative_sentiment', 'classifier', 0.99, 0.75), counted])[0].reason).toBe('negative_sentiment');
  });

  it('a loop always beats repeated fallback, and repeated fallback beats low confidence', () => {
    expect(rankSignals([sig('repeated_fallback', undefined), sig('low_confidence', undefined), sig('loop', 'rule')]).map((s) => s.reason)).toEqual([
      'loop',
      'repeated_fallback',
      'low_confidence',
    ]);
  });

  it('a weak classifier-only sensitive topic loses to a rule-based negative sentiment; a confident one wins', () => {
    expect(rankSignals([sig('sensitive_topic', 'classifier', 0.82, 0.8), sig('negative_sentiment', 'rule')])[0].reason).toBe('negative_sentiment');
    expect(rankSignals([sig('sensitive_topic', 'classifier', 0.99, 0.8), sig('negative_sentiment', 'rule')])[0].reason).toBe('sensitive_topic');
  });

  it('urgency from the classifier at its threshold loses to a sensitive topic in words; urgency in words wins', () => {
    expect(rankSignals([sig('urgency', 'classifier', 0.86, 0.85), sig('sensitive_topic', 'rule')])[0].reason).toBe('sensitive_topic');
    expect(rankSignals([sig('sensitive_topic', 'rule'), sig('urgency', 'rule')])[0].reason).toBe('urgency');
  });

  it('equal weights keep the supervisor order', () => {
    expect(rankSignals([sig('negative_sentiment', 'designer'), sig('sensitive_topic', 'designer')])[0].reason).toBe('sensitive_topic');
  });

  it('the decision says which signal was named first and why', () => {
    const { decision } = evaluateEscalation(policy(), facts("where is my parcel you useless bot, that's not what I asked"), initialEscalationMemory());
    expect(decision.reason).toBe('loop');
    expect(decision.explanation).toContain("Named a loop (weight 75: the customer's own words about the loop) before negative sentiment (70: the customer's words).");
  });
});

const root = fileURLToPath(new URL('../../../', import.meta.url));
const readSet = (path: string): Labelled[] =>
  readFileSync(root + path, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Labelled);

function rates(items: Labelled[]): Record<string, number> {
  const flow = loadSupportFlow();
  const now = Date.parse(REPORT_NOW);
  // Played once per test worker (test/bench/playedOnce.ts): blindSets plays w3 / w5 / w7 and roundEightLoops w9 too.
  const scores = scoreLabelled(items, items.map((l) => playedOnce(flow, l.id, l.turns, now)));
  return Object.fromEntries(scores.map((s) => [s.reason, s.rate]));
}

/**
 * w9 floors (docs/escalation.md, "Round seven"): about one conversation below the round-seven figures. Odd ids were
 * read and developed on; even ids are the held-out half. `none` is the false-escalation rate (a cap).
 */
const W9 = readSet('test/fixtures/escalation-corpus/w9-conversations.jsonl');
const W9_FLOORS = {
  odd: { loop: 0.52, repeated_fallback: 0.86, maxNone: 0.25 },
  even: { loop: 0.49, repeated_fallback: 0.7, maxNone: 0.2 },
};
describe.each(['odd', 'even'] as const)('w9 %s ids', (half) => {
  const items = W9.filter((l) => Number(l.id.split('-').pop()) % 2 === (half === 'odd' ? 1 : 0));
  const floors = W9_FLOORS[half];
  it(`loop >= ${floors.loop}, repeated fallback >= ${floors.repeated_fallback}, ordinary conversations escalated <= ${floors.maxNone}`, () => {
    expect(items.length).toBeGreaterThan(190);
    const r = rates(items);
    expect(r.loop).toBeGreaterThanOrEqual(floors.loop);
    expect(r.repeated_fallback).toBeGreaterThanOrEqual(floors.repeated_fallback);
    expect(r.none).toBeLessThanOrEqual(floors.maxNone);
  });
});

/** Round-seven caps on the ordinary multi-turn conversations (round six allowed 37 / 47 / 50%). */
const NONE_CAPS: Record<string, number> = {
  'test/fixtures/escalation-corpus/w3-conversations.jsonl': 0.12,
  'test/fixtures/escalation-corpus/w5-conversations.jsonl': 0.12,
  'test/fixtures/escalation-corpus/w7-conversations.jsonl': 0.18,
};
describe.each(Object.keys(NONE_CAPS))('round seven on %s', (path) => {
  it(`escalates at most ${NONE_CAPS[path] * 100}% of the ordinary conversations`, () => {
    expect(rates(readSet(path)).none).toBeLessThanOrEqual(NONE_CAPS[path]);
  });
});
