// @vitest-environment jsdom
/**
 * A chat assigned to me while I look elsewhere draws my eye (newcomer s7 #5): the auto-assignment's `handoff` push
 * event sounds the new-chat alert and shows "A chat was assigned to you ... It is in Mine."; accepting the chat I am
 * looking at, or another agent's assignment, does not.
 */
import './support/setup';
import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Inbox } from '../../renderer/inbox/Inbox';
import type { AgentEventHandlers, HandoffRow } from '../../renderer/inbox/inboxApi';
import { ann, annOnline, fakeInboxApi, handoffRow, placeAt, quietAlerts, signedInStorage } from './support/inboxFakes';

const summary = (over: Partial<HandoffRow>) =>
  handoffRow({ id: 'c9:h1', conversationId: 'c9', summary: 'The customer asked for a person.', assignation: 'custom', ...over });

describe('a chat assigned to me', () => {
  it('alerts and says where it is; nothing for another agent', async () => {
    let push: AgentEventHandlers | null = null;
    const alerted: string[] = [];
    const badges: number[] = [];
    const api = fakeInboxApi({
      ...annOnline(0),
      list: async () => ({ counts: { unassigned: 0, mine: 0, all: 0, closed: 0 }, handoffs: [] }),
      events: (_t, h) => {
        push = h;
        return () => undefined;
      },
    });
    const place = placeAt('#/unassigned');
    render(<Inbox api={api} storage={signedInStorage()} alerts={{ ...quietAlerts, newHandoff: (t) => alerted.push(t), setBadge: (n) => badges.push(n) }} place={place} />);
    await screen.findByText(/No one is waiting/);
    await act(async () => push!.onEvent('handoff', { handoff: summary({ agentId: 'bob', agentName: 'Bob' }), previous: { status: 'pending', agentId: null } }));
    expect(alerted).toEqual([]);
    await act(async () => push!.onEvent('handoff', { handoff: summary({}), previous: { status: 'pending', agentId: null } }));
    expect(alerted).toEqual(['Assigned to you. Asked for a person: The customer asked for a person.']);
    // Newcomer s39 N5: who and why in two short lines; the summary is the toast's tooltip (and in the chat's panel).
    expect(screen.getByRole('status')).toHaveTextContent(/^Assigned to you: .+Asked for a person · in Mine/);
    expect(screen.getByRole('status')).toHaveAttribute('title', 'A chat was assigned to you (Asked for a person: The customer asked for a person.). It is in Mine.');
    // The tab title counts it until I open it.
    expect(badges.at(-1)).toBe(1);
    // The same assignment told again (a refresh): no second alert.
    await act(async () => push!.onEvent('handoff', { handoff: summary({}), previous: { status: 'assigned', agentId: 'ann' } }));
    expect(alerted).toHaveLength(1);
  });
});
