import { describe, expect, it } from 'vitest';
import { plainSend } from '../../runtime/server/leanRoute';
import { conversationParams, idempotencyHeaders, sendMessageBody } from '../../runtime/server/schemas';

const id = 'c6a1b2c3-d4e5-f6a7-b8c9-d0e1f2a3b4c5';

describe('the lean route skips zod only for requests its schemas accept (same 400s for everything else)', () => {
  const bodies: unknown[] = [
    { text: 'hi' },
    { text: 'x'.repeat(4000) },
    { text: 'x'.repeat(4001) },
    { text: '' },
    { choice: 'b1' },
    { choice: 'x'.repeat(200) },
    { choice: 'x'.repeat(201) },
    { choice: '' },
    { text: 'a', choice: 'b' },
    { text: 'a', extra: 1 },
    { text: 5 },
    { other: 'x' },
    {},
    [],
    'hello',
    null,
  ];
  it('never accepts a body, id or key the schemas refuse, and accepts the common good ones', () => {
    let accepted = 0;
    for (const body of bodies)
      for (const cid of [id, 'a'.repeat(100), 'a'.repeat(101)])
        for (const key of [undefined, 'k1', '', 'x'.repeat(200), 'x'.repeat(201)]) {
          const ok = sendMessageBody.safeParse(body).success && conversationParams.safeParse({ id: cid }).success && idempotencyHeaders.safeParse(key === undefined ? {} : { 'idempotency-key': key }).success;
          const fast = plainSend(cid, body, key);
          if (fast) {
            expect({ body, cid, key, ok }).toEqual({ body, cid, key, ok: true });
            accepted++;
          }
        }
    expect(plainSend(id, { text: 'where is my order' }, undefined)).toBe(true);
    expect(plainSend(id, { choice: 'talk_to_a_person' }, 'retry-1')).toBe(true);
    expect(accepted).toBeGreaterThan(20);
  });
});
