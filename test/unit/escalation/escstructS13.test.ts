// Session 13 (escstruct): loops the Question blocks used to swallow. A Question block (order number, new address) or a
// Ticket block's email question takes the customer's reworded request as its answer, so the conversation moves on and no
// fallback rule sees the loop. The escalation memory marks such a message (TAKEN_AS_ANSWER); the loop detector reads a
// run of `loop.count` askings that are one intent or taken as an answer (at least one of each), none saying something
// new (a thanks, "and ...", another value in the same words) and no taken one giving a value (a number) or only fillers.
// Hostile s13 #17: the same question about another value ("do you ship to France?" / "...Spain?" / "...Italy?"), each
// answered, is a customer working through a list, not a loop.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { escalationOrClarify, playConversation } from '../../../shared/simulator/playConversation';
import { detectLoop } from '../../../shared/escalation/detectors/detectLoop';
import { TAKEN_AS_ANSWER } from '../../../shared/escalation/intentMemory';
import type { IntentMatch } from '../../../shared/nlu/types';
import { facts, memory, policy } from './facts';

const shipped = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const now = Date.parse('2026-11-24T10:00:00Z');
const play = (turns: string[]) => playConversation(shipped, 'c', ['Something else', ...turns], now);
const counted = (turns: string[]) => escalationOrClarify(play(turns), turns.length + 1);
const pol = policy({ mode: 'immediate', loop: { enabled: true, count: 3, similarity: 0.8 } });
const understood = (intentName: string): IntentMatch => ({ intentId: intentName, intentName, confidence: 0.9, ranking: [] });

describe('a request asked again while a Question block takes it as its answer', () => {
  it('where is my order, then two rewordings the order-number question took: a loop at the third asking', () => {
    const p = play(['where is my order please', 'my parcel has not come to me yet', 'the shipment is not with me, what is its state']);
    expect(p.escalation).toMatchObject({ reason: 'loop', turn: 3 });
    expect(p.escalation?.signals[0].explanation).toMatch(/track order 3 times in a row, and the bot took (one asking|2 askings) as the answer to its own question/);
  });
  it('an address change asked, then twice taken as the answer (the order, the new address): a loop that says so', () => {
    const mem = memory({ recent: ['can i change the adress on my order', 'i moved house need the parcel to go to the new place'], intents: ['change_address', TAKEN_AS_ANSWER] });
    const s = detectLoop(facts('how do i update were it gets delivered', { turn: 3 }), pol, mem);
    expect(s?.reason).toBe('loop');
    expect(s?.explanation).toMatch(/change address 3 times in a row, and the bot took 2 askings as the answer/);
  });
  it('the understood asking may name its order; a taken one that gives a number answered the question', () => {
    const asked = (second: string) => detectLoop(facts('update where it gets shipped', { turn: 3 }), pol,
      memory({ recent: ['can i change the delivery address on nw 136031', second], intents: ['change_address', TAKEN_AS_ANSWER] }));
    expect(asked('i need the parcel going somewhere else')?.reason).toBe('loop');
    expect(asked('new address is 14 elm road leeds')).toBeNull();
  });
  it('a yes and a thanks after a cancellation are not askings', () => {
    expect(counted(['Cancel NW-121555 please', 'Oui all the order', 'Merci'])).toBeNull();
  });
  it('a customer without the number who says thanks and will look is not asking again', () => {
    expect(counted(['where is my order', "I don't have the order number to hand", "ok thanks, I'll find the email and come back"])?.reason).not.toBe('loop');
  });
});

describe('the same question about another value is not a loop (hostile s13 #17)', () => {
  it('three countries, three days: each answered, no handoff', () => {
    expect(counted(['do you ship to France?', 'do you ship to Spain?', 'do you ship to Italy?'])).toBeNull();
    expect(counted(['when are you open on Monday?', 'when are you open on Saturday?', 'when are you open on Sunday?'])).toBeNull();
  });
  it('the same question in other words, or with a typo, is still the same intent asked again', () => {
    const mem = memory({ recent: ['what are your opening hours', 'what are your openng hours'], intents: ['opening_hours', 'opening_hours'] });
    expect(detectLoop(facts('what are your opening hours', { turn: 3, intent: understood('opening_hours') }), pol, mem)?.reason).toBe('loop');
    expect(counted(['on my lunch break, when are you open?', 'what are your opening hours', 'what time does customer service close'])?.reason).toBe('loop');
  });
});
