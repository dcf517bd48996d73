// Session 12 (escloop): loops where the bot ANSWERS each time. The escalation memory carries the intent the bot understood
// for each recent customer message (EscalationMemory.intents, intentMemory.ts); the loop detector reads
// 1. the same intent asked `loop.count` times in a row with nothing new (no follow-up opening, no thanks, one subject
//    throughout, one kind of answer, the same order) as a loop, named with the intent (detectLoop sameIntentAgain);
// 2. a failed streak that began with the same question answered right before it as the third asking (streakLoop).
// The trap: an ordinary chat with three different follow-up questions of one intent stays with the bot.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { escalationOrClarify, playConversation } from '../../../shared/simulator/playConversation';
import { createSimulation } from '../../../shared/simulator/createSimulation';
import { conversationStateSchema } from '../../../shared/engine/conversationStateSchema';
import { evaluateEscalation } from '../../../shared/escalation/evaluateEscalation';
import { EMOJI_ONLY, INTENT_MEMORY, TAKEN_AS_ANSWER, intentEntry, withTurnIntent } from '../../../shared/escalation/intentMemory';
import type { IntentMatch } from '../../../shared/nlu/types';
import { facts, memory, policy } from './facts';

const shipped = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const now = Date.parse('2026-11-24T10:00:00Z');
const counted = (turns: string[]) => escalationOrClarify(playConversation(shipped, 'c', turns, now), turns.length);
const understood = (intentName: string, confidence = 0.9): IntentMatch => ({ intentId: intentName, intentName, confidence, ranking: [] });
const pol = policy({ mode: 'immediate', loop: { enabled: true, count: 3, similarity: 0.8 } });

describe('the memory carries the intent understood for each message', () => {
  it('an understood question is remembered by its intent; a fallback or a thanks breaks the run', () => {
    expect(intentEntry(facts('what are your opening hours', { intent: understood('opening_hours') }))).toBe('opening_hours');
    expect(intentEntry(facts('what are your opening hours', { intent: understood('opening_hours'), fallback: true }))).toBe('');
    expect(intentEntry(facts('ok', { intent: understood('greeting') }))).toBe('');
    // A question block took it as its answer (no intent matched there): marked apart, never equal to an intent.
    expect(intentEntry(facts('14 Elm Road, Leeds LS1 4AB'))).toBe(TAKEN_AS_ANSWER);
    expect(intentEntry(facts('🙏🙏', { fallback: true }))).toBe(EMOJI_ONLY);
  });
  it('keeps at most six entries, nothing after a handoff, and no field for a conversation with nothing understood', () => {
    const before = memory({ intents: ['a', 'b', 'c', 'd', 'e', 'f'] });
    const f = facts('when do you open on Sunday', { intent: understood('opening_hours') });
    const after = withTurnIntent(before, memory(), f, 'none');
    expect(after.intents).toEqual(['b', 'c', 'd', 'e', 'f', 'opening_hours']);
    expect(after.intents).toHaveLength(INTENT_MEMORY);
    expect(withTurnIntent(before, memory(), f, 'handoff').intents).toBeUndefined();
    expect(withTurnIntent(memory(), memory(), facts('asdfgh', { fallback: true }), 'none')).not.toHaveProperty('intents');
  });
  it('the engine keeps it in the conversation state, and a state written before (no field) still loads', () => {
    const sim = createSimulation(shipped, { now, conversationId: 'm', http: () => ({ ok: false, status: 0, body: null }) });
    sim.say('Something else');
    sim.say('what are your opening hours');
    expect(sim.state.escalation.intents).toEqual(['opening_hours']);
    expect(conversationStateSchema.safeParse(sim.state).success).toBe(true);
    const old = structuredClone(sim.state);
    delete (old.escalation as { intents?: string[] }).intents;
    expect(conversationStateSchema.safeParse(old).success).toBe(true);
    expect(conversationStateSchema.safeParse({ ...sim.state, escalation: { ...sim.state.escalation, intents: [1] } }).success).toBe(false);
  });
});

describe('the same intent asked three times while the bot answers each time is a loop', () => {
  it('three askings of the opening hours in other words hand over as a loop naming the intent', () => {
    const e = counted(['Something else', 'on my lunch break, when are you open?', 'what are your opening hours', 'what time does customer service close']);
    expect(e).toMatchObject({ reason: 'loop', turn: 3 });
    const p = playConversation(shipped, 'c', ['Something else', 'on my lunch break, when are you open?', 'what are your opening hours', 'what time does customer service close'], now);
    expect(p.escalation?.signals[0].explanation).toMatch(/opening hours 3 times in a row/);
  });
  it('detector: the intent three times, one subject, one kind of answer', () => {
    const m = memory({ recent: ['how much is delivery to mexico', 'what does shipping to guadalajara cost'], intents: ['shipping_info', 'shipping_info'] });
    const d = evaluateEscalation(pol, facts('the delivery price for my country', { intent: understood('shipping_info'), turn: 3 }), m).decision;
    expect(d.reason).toBe('loop');
    expect(d.explanation).toMatch(/shipping info 3 times in a row/);
  });
});

describe('ordinary multi-turn chats with different follow-ups stay with the bot', () => {
  it('three different shipping questions (yes-no, how much, how long)', () => {
    expect(counted(['Something else', 'do you ship to Portugal?', 'how much would that cost?', 'how long does it take?'])).toBeNull();
  });
  it('payment methods one after another ("what about Klarna", "and Apple Pay")', () => {
    expect(counted(['Something else', 'can I pay by PayPal?', 'what about Klarna?', 'and Apple Pay?'])).toBeNull();
  });
  it('detector: a follow-up opening, a thanks, a new kind of question or another order is new information', () => {
    const m = (recent: string[]) => memory({ recent, intents: ['shipping_info', 'shipping_info'] });
    const f = (t: string) => facts(t, { intent: understood('shipping_info'), turn: 3 });
    // (Other loop rules, e.g. the learned same-request model, may still link such askings: only this rule is asserted.)
    const loopOf = (recent: string[], t: string) => {
      const d = evaluateEscalation(pol, f(t), m(recent)).decision;
      return d.reason === 'loop' && /in a row with nothing new/.test(d.explanation) ? 'loop' : null;
    };
    expect(loopOf(['how much is delivery to mexico', 'what does shipping to guadalajara cost'], 'and how long does delivery to mexico take')).toBeNull();
    expect(loopOf(['how much is delivery to mexico', 'great thanks what does shipping to guadalajara cost'], 'the delivery price for my country')).toBeNull();
    expect(loopOf(['how much is delivery to mexico', 'what does shipping to guadalajara cost'], 'how long does delivery take to my country')).toBeNull();
    // Without the intents (a memory written before this session) the same messages are not read as this loop.
    const old = memory({ recent: ['how much is delivery to mexico', 'what does shipping to guadalajara cost'] });
    expect(evaluateEscalation(pol, f('the delivery price for my country'), old).decision.reason).toBeNull();
    // Another intent in between breaks the run.
    const mixed = memory({ recent: ['how much is delivery to mexico', 'what does shipping to guadalajara cost'], intents: ['shipping_info', 'payment_methods'] });
    expect(evaluateEscalation(pol, f('the delivery price for my country'), mixed).decision.reason).toBeNull();
  });
});

describe('a failed streak after the same question answered right before it', () => {
  const answeredFirst = (t: string) => facts(t, { fallback: true, turn: 3 });
  it('answered once, then failed twice on one subject: the third asking is a loop that says what was answered', () => {
    const m = memory({ recent: ['can i pay by bank transfer for my order', 'still the same question bank transfer'], intents: ['payment_methods', ''], fallbacksInRow: 1 });
    const d = evaluateEscalation(pol, answeredFirst('transfer from my bank account accepted'), m).decision;
    expect(d.reason).toBe('loop');
    expect(d.explanation).toMatch(/answered the first \(payment methods\)/);
  });
  it('not when the answered one was a topic picked like a button, or the askings move on', () => {
    const topic = memory({ recent: ['shipping', 'do you provide a delivery time slot'], intents: ['shipping_info', ''], fallbacksInRow: 1 });
    expect(evaluateEscalation(pol, answeredFirst('is saturday delivery offered at additional cost'), topic).decision.reason).not.toBe('loop');
    const moved = memory({ recent: ['can i pay with a gift card online', 'can i combine a gift card with a card payment'], intents: ['payment_methods', ''], fallbacksInRow: 1 });
    expect(evaluateEscalation(pol, answeredFirst('how do i check my gift card balance'), moved).decision.reason).not.toBe('loop');
  });
});

describe('emoji alone twice in a row are two messages the bot could not use', () => {
  it('a friendly emoji first counts once a second emoji-only message follows', () => {
    expect(counted(['Something else', '💯💯', '🙏🏾'])).toMatchObject({ reason: 'repeated_fallback', turn: 2 });
    expect(counted(['Something else', '👍', '👍👍'])).toMatchObject({ reason: 'repeated_fallback', turn: 2 });
    const p = playConversation(shipped, 'c', ['Something else', '🙂🙂', '👍🏻👍🏻'], now);
    expect(p.escalation?.signals[0].explanation).toMatch(/did not understand 2 messages in a row/);
  });
  it('a smile followed by a question, or a greeting followed by a thumbs-up, is not', () => {
    expect(counted(['Something else', '😊', 'do you sell phone cases?'])?.reason).not.toBe('repeated_fallback');
    expect(counted(['Something else', 'hi', '👍'])).toBeNull();
    expect(counted(['Something else', 'what are your opening hours', '👍'])).toBeNull();
  });
});

describe('a question the bot took as the answer to its own question is an asking too', () => {
  it('asked, taken as an answer, then failed: the third asking is a loop that says so', () => {
    const p = playConversation(shipped, 'c', ['Something else', 'do you ship to Iceland?', 'shipping to Iceland, yes or no', 'Reykjavik shipping?'], now);
    expect(p.escalation).toMatchObject({ reason: 'loop', turn: 3 });
    expect(p.escalation?.signals[0].explanation).toMatch(/shipping info, then taken as the answer to its own question/);
  });
  it('the memory marks it apart from intents, and ordinary answers to the questions stay with the bot', () => {
    const sim = createSimulation(shipped, { now, conversationId: 'a', http: () => ({ ok: false, status: 0, body: null }) });
    for (const t of ['Something else', 'can I change the delivery address on NW-104233?', '14 Elm Road, Leeds LS1 4AB']) sim.say(t);
    expect(sim.state.escalation.intents).toEqual(['change_address', ':answer']);
    expect(counted(['Something else', 'can I change the delivery address on NW-104233?', '14 Elm Road, Leeds LS1 4AB', 'me@example.com'])).toBeNull();
  });
});

describe('the same intent with the order number given in between', () => {
  it('asked, the number given to the bot, asked again: a loop; a new question after the number is not', () => {
    const p = playConversation(shipped, 'c', ['Something else', 'where is my order', 'my order number is NW-104233', 'order NW-104233 placed last week, where is it at present'], now);
    expect(p.escalation).toMatchObject({ reason: 'loop', turn: 3 });
    expect(p.escalation?.signals[0].explanation).toMatch(/track order 3 times in a row/);
    expect(counted(['Something else', 'where is my order', 'my order number is NW-104233', 'thanks, and how do I return it?'])?.reason).not.toBe('loop');
  });
});
