/**
 * Session 3 loop cases: the same question three times in a row in other words (paraphrase classes,
 * texting-style short questions, "send it back" = return), softened and non-native "not what I asked", and
 * the policy naming a loop the customer complains about before the negative sentiment of the same words.
 */
import { describe, it, expect } from 'vitest';
import { detectLoop, isRepeatableQuestion } from '../../../shared/escalation/detectors/detectLoop';
import { evaluateEscalation, initialEscalationMemory } from '../../../shared/escalation/evaluateEscalation';
import { facts, fires, memory, policy } from './facts';

const norm = (t: string) => facts(t).analysis.normalized;
const loopAfter = (earlier: string[], text: string) => detectLoop(facts(text), policy(), memory({ recent: earlier.map(norm) }));

describe('loops: the same question three times in a row, in other words', () => {
  it.each([
    [['how do I return shoes', 'ok but how do I send the trainers back'], "again: what's the process to return footwear"],
    [['do you take paypal', 'can I pay with paypal or not'], 'is paypal an accepted payment method'],
    [['paypal ok?', 'can i pay paypal'], 'pay with paypal yes or no'],
    [['how return', 'how i send back'], 'return process how'],
    [['u open sunday?', 'r u open on sun'], 'open on sunday??'],
    [['do you ship to Iceland?', 'do you deliver to Iceland'], 'do you send parcels to Iceland?'],
  ])('%j then %j is a loop', (earlier, text) => {
    const s = loopAfter(earlier, text);
    expect(s?.reason).toBe('loop');
  });

  it.each([
    // Same area, new subject each time: ordinary.
    [['how do I return a jacket', 'what is the return label for'], 'what is the return address'],
    [['how much is delivery to norway', 'how much is delivery to denmark'], 'how much is delivery to sweden'],
    [['are you open on saturday', 'are you open on sunday'], 'are you open on monday'],
    // Only two askings so far.
    [['do you take paypal'], 'can I pay with paypal or not'],
    // Not consecutive: a different question in between (and no pair similar enough for the count rule).
    [['can i pay with paypal or not', 'where is my order'], 'is paypal an accepted payment method'],
  ])('%j then %j is not a loop', (earlier, text) => {
    expect(loopAfter(earlier, text)).toBeNull();
  });

  it('keeps two-word questions that name a subject, not "ok thanks" or "yes please"', () => {
    expect(isRepeatableQuestion(facts('paypal ok?').analysis)).toBe(true);
    expect(isRepeatableQuestion(facts('delivery price?').analysis)).toBe(true);
    expect(isRepeatableQuestion(facts('ok thanks').analysis)).toBe(false);
    expect(isRepeatableQuestion(facts('yes please').analysis)).toBe(false);
  });
});

describe('loops: softened and non-native "not what I asked"', () => {
  it.each(["that's not quite what I asked", 'that not what i ask', 'this is not my question', 'you not answer me', 'wrong answer, again'])(
    'fires on %j',
    (text) => {
      expect(fires(detectLoop, text)?.reason).toBe('loop');
    },
  );
  it.each(['what I asked for arrived, thanks', 'is this the right answer form?', 'my question is about returns'])('does not fire on %j', (text) => {
    expect(fires(detectLoop, text)).toBeNull();
  });

  it('names the loop, not the negative sentiment the same words carry', () => {
    const { decision } = evaluateEscalation(policy(), facts("I'm afraid that's not what I was asking about, this is useless"), initialEscalationMemory());
    expect(decision.signals.map((s) => s.reason)).toContain('loop');
    expect(decision.reason).toBe('loop');
  });
});
