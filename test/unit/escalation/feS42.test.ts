/**
 * Session 42 (fe, issue 11): a loop where the bot asks its own question again and the customer says the need again
 * instead of the answer (detectLoop's stuckAtQuestion, TurnFacts.atQuestion). Sentences made up for the tests (not the
 * corpora's).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectLoop, setLoopProbe } from '../../../shared/escalation/detectors/detectLoop';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { playConversation } from '../../../shared/simulator/playConversation';
import type { TurnFacts } from '../../../shared/escalation/types';
import { facts, memory, policy } from './facts';

const loopPolicy = policy();
/** The order lookup asked for, then one message at its question that gave no order number. */
const afterOneMiss = memory({ fallbacksInRow: 1, recent: ['where is my parcel'], intents: ['track_order', ''] });
const atQuestion = (text: string, over: Partial<TurnFacts> = {}) => facts(text, { fallback: true, atQuestion: true, turn: 3, ...over });

describe('the bot asks its question again and the customer says the need again (detectLoop stuckAtQuestion)', () => {
  it.each([
    'it still has not arrived at my house',
    'I just want to know where the box is',
    'where is the parcel at the moment',
  ])('%j as the second message at the question after the request is a loop', (text) => {
    const s = detectLoop(atQuestion(text), loopPolicy, afterOneMiss);
    expect(s?.reason).toBe('loop');
    expect(s?.explanation).toContain("bot's own question");
  });

  it('also after a message the block took as its answer (TAKEN_AS_ANSWER) and after one that did not fit (:unfit)', () => {
    for (const entry of [':answer', ':unfit', ':unfit-half']) {
      const m = memory({ fallbacksInRow: 0, recent: ['where is my parcel'], intents: ['track_order', entry] });
      expect(detectLoop(atQuestion('it still has not arrived at my house'), loopPolicy, m)?.reason).toBe('loop');
    }
  });

  it('not at a block that only reads its own answer (ownQuestion: buttons, the email question) without a value asked for', () =>
    expect(detectLoop(atQuestion('it still has not arrived at my house', { atQuestion: undefined, ownQuestion: true }), loopPolicy, afterOneMiss)).toBeNull());

  it.each([
    // The next question on the topic, not the need again: another kind of question, a follow-up, an acknowledgement.
    ['how will I know you have received it', ['i started a return what happens next']],
    ['and where do I drop it off', ['how do returns work']],
    ['will sending it back cost me postage', ['can i exchange the slippers for another size', 'ok so return it and reorder']],
  ] as const)('%j after %j is no loop', (text, recent) => {
    const m = memory({ fallbacksInRow: 1, recent: [...recent], intents: ['return_item', ...recent.slice(1).map(() => ''), ''].slice(-3) });
    expect(detectLoop(atQuestion(text), loopPolicy, m)).toBeNull();
  });

  it.each([
    // An answer on its way: a value, a search for it, waiting words, courtesy.
    'NW-123456',
    'it is 123456',
    'let me find it',
    'hang on, looking for the email',
    'one sec',
    'where do I find the order number?',
    'I cant find it',
    'thanks',
    'ok',
    'sorry',
    'anna@example.com',
  ])('%j at the question is no loop', (text) => expect(detectLoop(atQuestion(text), loopPolicy, afterOneMiss)).toBeNull());

  it('not when the message was understood or did not come at a question', () => {
    expect(detectLoop(facts('it still has not arrived at my house', { fallback: true, turn: 3 }), loopPolicy, afterOneMiss)).toBeNull();
    expect(detectLoop(facts('it still has not arrived at my house', { fallback: false, atQuestion: true, turn: 3 }), loopPolicy, afterOneMiss)).toBeNull();
  });

  it('not when no request opened the run, or an intent was understood between', () => {
    const noRequest = memory({ fallbacksInRow: 2, recent: [], intents: ['', ''] });
    expect(detectLoop(atQuestion('it still has not arrived at my house'), loopPolicy, noRequest)).toBeNull();
    const answeredBetween = memory({ fallbacksInRow: 0, recent: ['where is my parcel'], intents: ['', 'track_order'] });
    expect(detectLoop(atQuestion('it still has not arrived at my house'), loopPolicy, answeredBetween)).toBeNull();
  });

  it('waits for the designer\'s loop count (4: two misses between)', () => {
    const four = policy({ loop: { count: 4 } });
    expect(detectLoop(atQuestion('it still has not arrived at my house'), four, afterOneMiss)).toBeNull();
    const twoMisses = memory({ fallbacksInRow: 2, recent: ['where is my parcel'], intents: ['track_order', '', ''] });
    expect(detectLoop(atQuestion('it still has not arrived at my house'), four, twoMisses)?.reason).toBe('loop');
  });
});

describe('the engine says when a message did not give the value a Question block asked for (TurnFacts.atQuestion)', () => {
  const flow = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
  const now = Date.parse('2026-03-02T10:00:00Z');
  it('the need asked again with no order number at "What\'s your order number?" escalates as a loop at the third asking', () => {
    const p = playConversation(flow, 'fe42', ['Something else', 'where is my parcel', 'the parcel I ordered last week', 'where is the parcel at the moment'], now);
    expect(p.escalation?.reason).toBe('loop');
    expect(p.escalation?.signals.find((s) => s.reason === 'loop')?.explanation).toContain("bot's own question");
  });
  it.each([
    [['where is my parcel', 'let me look for it', 'NW-123456']],
    [['where is my parcel', 'NW-123456']],
    [['how much is delivery', 'and to France?', 'ok thanks']],
  ])('%j does not escalate as a loop', (turns) =>
    expect(playConversation(flow, 'fe42', ['Something else', ...turns], now).escalation?.reason ?? 'none').not.toBe('loop'));
  it('the flag is set for a message a Question block could not use, not at the router nor for an answer that fits', () => {
    const seen: { text: string; at: boolean }[] = [];
    setLoopProbe((f) => seen.push({ text: f.text, at: f.atQuestion === true }));
    try {
      playConversation(flow, 'fe42', ['Something else', 'blorp florp', 'where is my parcel', 'my parcel still not here', 'where is it, it never came'], now);
      playConversation(flow, 'fe42', ['Something else', 'where is my order', 'NW-123456'], now);
    } finally {
      setLoopProbe(null);
    }
    const at = Object.fromEntries(seen.map((x) => [x.text, x.at]));
    expect(at['blorp florp']).toBe(false);
    expect(at['where is my parcel']).toBe(false);
    expect(at['where is it, it never came']).toBe(true);
    expect(at['NW-123456']).toBe(false);
  });
});
