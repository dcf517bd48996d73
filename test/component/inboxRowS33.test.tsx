// @vitest-environment jsdom
/**
 * Newcomer s32 #6: an Unassigned row's chip counted the wait from the chat's latest return to the queue (a requeue, a
 * restart): "#1 in queue · waiting <1 min" for a customer waiting 6 minutes. It counts from the customer's first
 * unanswered message (waitingSince) when that is earlier. The row's preview is in test/server/inboxRowS33.test.ts.
 */
import './support/setup';
import { describe, expect, it } from 'vitest';
import { queueWords } from '../../renderer/inbox/Inbox';

const now = Date.parse('2026-03-02T12:34:00Z');
const min = 60_000;

describe("an Unassigned row's waiting chip", () => {
  it('counts from the first unanswered message, not from a requeue', () => {
    const row = { status: 'pending' as const, queue: { position: 1, of: 1 }, requestedAt: now - 6 * min, queuedSince: now - 20_000, waitingSince: now - 6 * min };
    expect(queueWords(row as never, now)).toBe('#1 in queue · waiting 6 min');
  });

  it('with no unanswered message (answered before the requeue), from the return to the queue', () => {
    const row = { status: 'pending' as const, queue: { position: 2, of: 3 }, requestedAt: now - 10 * min, queuedSince: now - 2 * min, waitingSince: null };
    expect(queueWords(row as never, now)).toBe('#2 in queue · waiting 2 min');
  });
});
