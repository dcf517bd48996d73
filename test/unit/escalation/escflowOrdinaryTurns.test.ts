/**
 * Session 7 (escflow), issue 11 lever 3: ordinary multi-turn chats are not a stuck customer. A message that asks the bot
 * nothing neither extends nor breaks a fallback streak: the order number the bot would ask for next, and thanks that
 * say something about the answer ("ok email is fine ty", "Thank you, you've been very helpful").
 */
import { describe, it, expect } from 'vitest';
import { asksNothing } from '../../../shared/escalation/detectors/detectRepeatedFallback';
import { evaluateEscalation } from '../../../shared/escalation/evaluateEscalation';
import { facts, memory, policy } from './facts';

const a = (t: string) => facts(t).analysis;
const norm = (t: string) => a(t).normalized;
const pending = memory({ fallbacksInRow: 1, recent: [norm('can I get updates on whatsapp?')] });

describe('an order number given as a detail asks nothing', () => {
  it.each(['NW-117301', 'NW-117301 if you need it', "It's NW-119612.", 'order number is NW-120599', 'here you go: #55210'])('"%s"', (t) => {
    expect(asksNothing(a(t), pending)).toBe(true);
  });
  it.each(['NW-117301??', 'where is NW-117301', 'NW-117301 arrived broken', '5555555', 'cancel NW-117301'])('but not "%s"', (t) => {
    expect(asksNothing(a(t), pending)).toBe(false);
  });
  it('so a failed request followed by its order number is not two fallbacks', () => {
    const m = memory({ fallbacksInRow: 1, recent: [norm('I wanted to check on an order I placed on Friday evening')] });
    const d = evaluateEscalation(policy(), facts('NW-120599', { fallback: true, turn: 1 }), m).decision;
    expect(d.action).toBe('none');
  });
});

describe('a statement with an auxiliary is not a question', () => {
  it.each(['ok email is fine ty', 'Thank you, you have been very helpful.', 'ok the box is fine thanks'])('"%s" closes the question', (t) => {
    expect(asksNothing(a(t), pending)).toBe(true);
  });
  it.each(['ok so is it free', 'thank you, can you check my order', 'thanks, where is it now', 'and do you ship to Spain'])('"%s" still asks', (t) => {
    expect(asksNothing(a(t), pending)).toBe(false);
  });
});

describe('thanks and yes with a drawn-out letter, and texting yes', () => {
  it.each(['tyy', 'okk thanks', 'ye', 'yea', 'thankss'])('"%s" after a question asks nothing', (t) => {
    expect(asksNothing(a(t), pending)).toBe(true);
  });
  it.each(['tyre', 'yes but where is it', 'bill'])('"%s" still counts', (t) => {
    expect(asksNothing(a(t), pending)).toBe(false);
  });
});
