// Session 13 (escstruct): loops the Question blocks used to swallow. A Question block (order number, new address) takes
// the customer's reworded request as its answer, so the conversation moves on and no fallback rule sees the loop. The
// escalation memory marks such a message (TAKEN_AS_ANSWER); the loop detector reads a run of `loop.count` askings that
// are the same intent or taken as an answer (at least one of each), none giving a value (no number) and none saying
// something new (a thanks, "and ...").
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { escalationOrClarify, playConversation } from '../../../shared/simulator/playConversation';

const shipped = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const now = Date.parse('2026-11-24T10:00:00Z');
const play = (turns: string[]) => playConversation(shipped, 'c', ['Something else', ...turns], now);
const counted = (turns: string[]) => escalationOrClarify(play(turns), turns.length + 1);

describe('a request asked again while a Question block takes it as its answer', () => {
  it('where is my order, then two rewordings the order-number question took: a loop at the third asking', () => {
    const p = play(['where is my order please', 'my parcel has not come to me yet', 'the shipment is not with me, what is its state']);
    expect(p.escalation).toMatchObject({ reason: 'loop', turn: 3 });
    expect(p.escalation?.signals[0].explanation).toMatch(/track order 3 times in a row, and the bot took (one asking|2 askings) as the answer to its own question/);
  });
  it('an address change asked three ways while the bot asks for the order and the new address: a loop', () => {
    const p = play(['can i change the adress on my order', 'i moved house need the parcel to go to the new place', 'how do i update were it gets delivered']);
    expect(p.escalation).toMatchObject({ reason: 'loop', turn: 3 });
    expect(p.escalation?.signals[0].explanation).toMatch(/change address 3 times in a row/);
  });
});

describe('answers to the questions stay with the bot', () => {
  it('the order and the new address given (numbers) is the flow working, not a loop', () => {
    expect(counted(['can I change the delivery address on my order?', 'it is order NW-104233', '14 Elm Road, Leeds LS1 4AB'])).toBeNull();
  });
  it('a customer without the number who says thanks and will look is not asking again', () => {
    expect(counted(['where is my order', "I don't have the order number to hand", "ok thanks, I'll find the email and come back"])?.reason).not.toBe('loop');
  });
});
