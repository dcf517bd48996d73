/**
 * Session 47 (rtsec, hostile s47 L2): what the customer is told when an admin takes a chat another agent held, and
 * what the handoff keeps of it (`byId`, `from`). Server test: test/server/rtsecS47Rescue.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { declinedText } from '../../../shared/engine/humanTakeover';
import { requeueOf, transferWho } from '../../../shared/handoff/lifecycle';

describe('hostile s47 L2: rescue words', () => {
  it('names who had the chat and who has it, never "Ann is transferring you to Ann"', () => {
    expect(declinedText({ by: 'Ann', to: 'Ann', from: 'Bob' })).toBe('Ann is taking over your chat from Bob.');
    expect(declinedText({ by: 'Ann', to: 'Cat', from: 'Bob' })).toBe('Your chat is moving from Bob to Cat. Please stay with us.');
    expect(declinedText({ by: 'Ann', to: 'the billing team', from: 'Bob' })).toBe('Your chat is moving from Bob to the billing team. Please stay with us.');
    // An ordinary transfer (no `from`, or `from` the one who did it) keeps its words.
    expect(declinedText({ by: 'Bob', to: 'Cat' })).toBe('Bob is transferring you to Cat. Please stay with us.');
    expect(declinedText({ by: 'Bob', to: 'Cat', from: 'Bob' })).toBe('Bob is transferring you to Cat. Please stay with us.');
  });

  it('the requeue keeps byId and from when given as text, and the old shape otherwise', () => {
    expect(requeueOf({ transfer: { by: 'Ann', to: 'Ann', byId: 'ann', from: 'Bob' } }).transfer).toEqual({ by: 'Ann', to: 'Ann', byId: 'ann', from: 'Bob' });
    expect(requeueOf({ transfer: { by: 'Ann', to: 'Bob' } }).transfer).toEqual({ by: 'Ann', to: 'Bob' });
    expect(transferWho({ by: 'Ann', to: 'Bob', byId: 7, from: '  ' })).toEqual({ by: 'Ann', to: 'Bob' });
    expect(transferWho({ by: 'Ann' })).toBeUndefined();
  });
});
