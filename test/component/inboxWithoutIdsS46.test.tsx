/**
 * Session 46 (ui10, review of session 45): the inbox's net for internal ids in a refusal (renderer/inbox/withoutIds.ts)
 * stripped EVERY UUID from every message, also one the agent must read (an Idempotency-Key quoted back, a flow's ticket
 * reference made of a UUID). Now only internal ids go: the ids of chats the inbox lists, a UUID with a handoff's ":h1",
 * and a UUID named as a conversation's, handoff's or chat's. Written before the change: the STRIPPED and KEPT sets.
 */
import { describe, expect, it } from 'vitest';
import { withoutInternalIds } from '../../renderer/inbox/withoutIds';

const CONV = 'a0fede14-cced-48c0-906b-bc82935262cd';
const KEY = '5f0c2b9e-1d7a-4e0b-9a51-3c2d8e7f6a10';

describe('withoutInternalIds: internal ids only', () => {
  it('strips a conversation or handoff id (named, suffixed or listed)', () => {
    const STRIPPED: Array<[string, string]> = [
      [`Conversation "${CONV}" is closed: its variables can no longer be changed.`, 'Conversation is closed: its variables can no longer be changed.'],
      [`Handoff ${CONV}:h2 is not yours.`, 'Handoff is not yours.'],
      [`No chat ${CONV} that you can see.`, 'No chat that you can see.'],
      [`The conversation id ${CONV} is unknown.`, 'The conversation id is unknown.'],
      [`Already moved: ${CONV}:h1 is with Bob.`, 'Already moved: is with Bob.'],
    ];
    for (const [text, want] of STRIPPED) expect(withoutInternalIds(text)).toBe(want);
    // An id the inbox lists, whatever the words around it.
    expect(withoutInternalIds(`Could not send to “${CONV}”, try again.`, [CONV])).toBe('Could not send to, try again.');
  });

  it('keeps any other UUID (an Idempotency-Key quoted back, a reference)', () => {
    const KEPT = [
      `Idempotency-Key "${KEY}" was already used with a different body; use a new key for a new message.`,
      `The first request with Idempotency-Key "${KEY}" is still being answered; retry it in a moment with the same key.`,
      `Ticket ${KEY} was already closed by the shop's system.`,
      `Order reference "${KEY}" is not in the order system.`,
    ];
    for (const text of KEPT) expect(withoutInternalIds(text, [CONV, `${CONV}:h1`])).toBe(text);
  });
});
