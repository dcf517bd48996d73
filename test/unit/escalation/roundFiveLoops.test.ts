/**
 * Round five loop cases (issue 11): a question the bot failed to understand twice, asked a third time in other
 * words, is a loop (the agent learns what the question is), not a repeated fallback after the second asking.
 */
import { describe, it, expect } from 'vitest';
import { asksNothing, detectRepeatedFallback } from '../../../shared/escalation/detectors/detectRepeatedFallback';
import { asksSameSubjectAgain, detectLoop, isRepeatableQuestion } from '../../../shared/escalation/detectors/detectLoop';
import { evaluateEscalation, initialEscalationMemory } from '../../../shared/escalation/evaluateEscalation';
import type { EscalationMemory } from '../../../shared/escalation/types';
import { facts, memory, policy } from './facts';

const norm = (t: string) => facts(t).analysis.normalized;

/** Plays customer messages that all fall back; returns each turn's decision reason (null when the bot goes on). */
function playFallbacks(texts: string[], p = policy()): (string | null)[] {
  let mem: EscalationMemory = initialEscalationMemory();
  const reasons: (string | null)[] = [];
  for (const [turn, text] of texts.entries()) {
    const { decision, memory: next } = evaluateEscalation(p, facts(text, { fallback: true, turn }), mem);
    reasons.push(decision.action === 'handoff' ? decision.reason : null);
    mem = next;
  }
  return reasons;
}

describe('a question the bot failed on, asked again: loop on the third asking', () => {
  it.each([
    ['ship to poland?', 'do you send to Poland', 'Poland delivery possible?'],
    ['can i pay with klarna', 'klarna payment ok?', 'is klarna accepted for payment'],
  ])('%j / %j / %j hands over as a loop', (a, b, c) => {
    const reasons = playFallbacks([a, b, c]);
    expect(reasons.slice(0, 2)).toEqual([null, null]);
    expect(reasons[2]).toBe('loop');
  });

  it('still hands over as a repeated fallback when the third message is something else unusable', () => {
    expect(playFallbacks(['ship to poland?', 'do you send to Poland', 'asdkjh qwpoe zzx'])).toEqual([null, null, 'repeated_fallback']);
  });

  it('does not wait for two different unusable messages', () => {
    expect(playFallbacks(['how do I get red wine out of a carpet', 'what is the capital of peru'])).toEqual([null, 'repeated_fallback']);
    expect(playFallbacks(['asdfgh', 'qwerty uiop zxcv'])).toEqual([null, 'repeated_fallback']);
  });

  it('does not wait when loops are switched off', () => {
    expect(playFallbacks(['ship to poland?', 'do you send to Poland'], policy({ loop: { enabled: false } }))).toEqual([null, 'repeated_fallback']);
  });

  it('asksSameSubjectAgain needs two shared concepts, not one word in common', () => {
    expect(asksSameSubjectAgain(facts('do you send to Poland').analysis, [norm('ship to poland?')])).toBe(true);
    expect(asksSameSubjectAgain(facts("what is the weather in Leeds").analysis, [norm("how do I bake sourdough")])).toBe(false);
    expect(asksSameSubjectAgain(facts('do you send to Poland').analysis, [])).toBe(false);
    // Round seven: a different question about the shop counts half ("do you deliver to Norway" after a failed
    // message: streak 1.5 of 2); a different question the shop has nothing to do with counts in full.
    expect(detectRepeatedFallback(facts('do you deliver to Norway', { fallback: true }), policy(), memory({ fallbacksInRow: 1, recent: [norm('ship to poland?')] }))).toBeNull();
    expect(detectRepeatedFallback(facts('what is the weather in Norway', { fallback: true }), policy(), memory({ fallbacksInRow: 1, recent: [norm('ship to poland?')] }))?.reason).toBe(
      'repeated_fallback',
    );
  });
});

const loopAfter = (earlier: string[], text: string) => detectLoop(facts(text), policy(), memory({ recent: earlier.map(norm) }));

describe('"you are not answering" as a grammar: who + negation + answering / listening / saying', () => {
  it.each([
    'You have not answered my question regarding the address change.',
    'You did not address my question about express delivery to Ireland.',
    "you've not told me when it turns up",
    "you haven't answered whether both coupons work together",
    'ur not reading what i wrote',
    "you're ignoring my question: do you accept Diners Club?",
    'how many times do I have to ask',
    'I have asked this 3 times now',
    'you keep giving me the same answer',
  ])('fires on %j with no earlier question', (text) => {
    expect(loopAfter([], text)?.reason).toBe('loop');
  });
  it.each([
    'you did not answer the phone when I called the shop',
    'the courier never said when he would come back, can I rebook?',
    'I asked my neighbour to take it in',
    'same day delivery available?',
    'is this the third time lucky offer still on',
  ])('does not fire on %j', (text) => {
    expect(loopAfter([], text)).toBeNull();
  });
  it('names a complaint that is also angry as negative sentiment (the loop stays among the signals)', () => {
    const { decision } = evaluateEscalation(policy(), facts("This is the third time I'm writing and I'm furious"), initialEscalationMemory());
    expect(decision.signals.map((s) => s.reason)).toContain('loop');
    expect(decision.reason).toBe('negative_sentiment');
  });
});

describe('asking again in other words after two earlier questions on the same subject', () => {
  it.each([
    [['can I collect my order in store', 'is click and collect available'], 'I asked about collecting in store'],
    [['when will my refund come through', 'any idea when I get the money back?'], "I'm asking about the refund timing"],
    [['Could you clarify when my refund will be processed?', 'When is the refund processed?'], 'My question remains: when will the refund be processed?'],
    [['Do you offer gift wrapping?', 'Is gift wrapping an option?'], 'I would appreciate an answer regarding gift wrapping.'],
    [['do u ship to norway', 'norway shipping?'], 'norway?? asked already'],
  ])('%j then %j is a loop', (earlier, text) => {
    expect(loopAfter(earlier, text)?.reason).toBe('loop');
  });
  it.each([
    // A new subject: the marker alone is not enough.
    [['where is my order', 'when will it arrive'], 'I would appreciate an answer about gift cards for my sister'],
    // Only one earlier question.
    [['is gift wrapping an option?'], 'I would appreciate an answer regarding gift wrapping.'],
  ])('%j then %j is not a loop', (earlier, text) => {
    expect(loopAfter(earlier, text)).toBeNull();
  });
});

describe('one-word texting questions count as askings', () => {
  it.each([
    [['amex?', 'do u take amex'], 'amex yes/no'],
    [['hours?', 'opening hours'], 'hours pls'],
    [['Tracking', 'tracking?'], 'tracking!!'],
  ])('%j then %j is a loop', (earlier, text) => {
    expect(loopAfter(earlier, text)?.reason).toBe('loop');
  });
  it.each([
    [['medium?', 'blue?'], 'cotton?'],
    [['amex?', 'paypal?'], 'klarna?'],
  ])('%j then %j (a new subject each time) is not a loop', (earlier, text) => {
    expect(loopAfter(earlier, text)).toBeNull();
  });
  it('still ignores one-word replies that name nothing', () => {
    for (const t of ['ok', 'thanks', 'yes', 'no', '??']) expect(isRepeatableQuestion(facts(t).analysis), t).toBe(false);
    expect(isRepeatableQuestion(facts('amex?').analysis)).toBe(true);
  });
});

describe('a closing thanks in a few more words does not extend a fallback streak', () => {
  it.each(['Thank you for your help.', 'both fine, thanks', 'done, thanks', 'Much appreciated.', 'ah good, thanks'])('%j asks nothing', (text) => {
    expect(asksNothing(facts(text).analysis)).toBe(true);
  });
  it.each(['thanks, where is my order', 'thanks for the help, is the blender back in stock?', 'ok I will use card then', 'thank you for your help?'])('%j still asks something', (text) => {
    expect(asksNothing(facts(text).analysis)).toBe(false);
  });
});

describe('an order reference the customer gives is information, not a failed request', () => {
  it.each(['order 90112', "it's 82004", 'my order nuber is 11823', 'the number is 70112'])('%j asks nothing', (text) => {
    expect(asksNothing(facts(text).analysis)).toBe(true);
  });
  it.each(['90112 44321 77', '12345', 'order 90112 has not arrived', 'where is order 90112'])('%j still counts', (text) => {
    expect(asksNothing(facts(text).analysis)).toBe(false);
  });
});
