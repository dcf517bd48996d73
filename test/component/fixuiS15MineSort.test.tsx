/**
 * Newcomer s14 #17 rest (fixui, session 15): Mine sorts the customers waiting longest first. A chat taken over from
 * the bot whose customer the bot had answered shows no wait (waitingShown, session 14), but Mine sorted it by the raw
 * waitingSince (a message the bot had answered, an older runtime still sends it), above a customer really waiting.
 * The list now sorts by the wait each row shows, on a push and when the list is read.
 */
import { describe, expect, it } from 'vitest';
import { sortByWaiting, waitingShown } from '../../renderer/inbox/Inbox';
import type { HandoffRow } from '../../renderer/inbox/inboxApi';

const T0 = Date.parse('2026-12-02T10:00:00Z');
const MIN = 60_000;

function row(over: Partial<HandoffRow>): HandoffRow {
  return { id: 'h', conversationId: 'c', flowId: 'shop', status: 'assigned', priority: 'normal', reason: 'explicit_request', summary: 'The customer asked for a person.', assignation: 'simple', teams: [], agentId: 'ann', agentName: 'Ann', requestedAt: T0, updatedAt: T0, deadline: null, ...over } as HandoffRow;
}

describe('Mine sorts by the wait the row shows (newcomer s14 #17 rest)', () => {
  const takenOver = row({ id: 'take', reason: 'flow', summary: 'Ann took this conversation over from the bot. The customer said hello.', requestedAt: T0 + 4 * MIN, waitingSince: T0, lastMessage: { from: 'bot', text: 'How can I help?', at: T0 } });
  const asked = row({ id: 'asked', requestedAt: T0 + 2 * MIN, waitingSince: T0 + 2 * MIN, lastMessage: { from: 'customer', text: 'a person please', at: T0 + 2 * MIN } });
  const answered = row({ id: 'answered', waitingSince: null, lastMessage: { from: 'agent', text: 'Hi!', at: T0 + 3 * MIN, name: 'Ann' } });

  it('a takeover the bot had answered (no wait shown) goes after a customer waiting for a person', () => {
    expect(waitingShown(takenOver)).toBeNull();
    expect(sortByWaiting([takenOver, answered, asked]).map((r) => r.id)).toEqual(['asked', 'take', 'answered']);
  });

  it('a takeover whose customer wrote after it waits from the takeover at the earliest, and sorts by that', () => {
    const wrote = { ...takenOver, lastMessage: { from: 'customer', text: 'are you a person?', at: T0 + 5 * MIN } };
    const older = row({ id: 'older', waitingSince: T0 + 3 * MIN, lastMessage: { from: 'customer', text: 'hello?', at: T0 + 3 * MIN } });
    expect(waitingShown(wrote)).toBe(T0 + 4 * MIN);
    expect(sortByWaiting([wrote, older]).map((r) => r.id)).toEqual(['older', 'take']);
  });
});
