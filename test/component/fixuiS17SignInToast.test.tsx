// @vitest-environment jsdom
/**
 * fixui, session 17 (newcomer s17 N#14, second part): right after signing in, the toast "New chat for you:
 * c4@example.com (in Mine)" announced a chat the agent already held. A push assigning her a chat that was in Mine when
 * she signed in is not news (once); a chat that was not there still is.
 */
import './support/setup';
import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Inbox } from '../../renderer/inbox/Inbox';
import type { AgentEventHandlers, HandoffRow } from '../../renderer/inbox/inboxApi';
import { annOnline, fakeInboxApi, handoffRow, placeAt, quietAlerts, signedInStorage } from './support/inboxFakes';

const row = (over: Partial<HandoffRow>) => handoffRow({ summary: 'The customer asked for a person.', assignation: 'custom', ...over });

describe('no "New chat for you" for a chat already mine at sign-in (newcomer s17 N#14)', () => {
  it('the held chat told again after sign-in: no toast, no alert; a new one: both', async () => {
    let push: AgentEventHandlers | null = null;
    const alerted: string[] = [];
    const held = row({ id: 'c4:h1', conversationId: 'c4', customer: 'c4@example.com', status: 'assigned', agentId: 'ann', agentName: 'Ann' });
    const api = fakeInboxApi({
      ...annOnline(0),
      list: async (_t: string, view?: string) =>
        view === 'mine' ? { counts: { unassigned: 0, mine: 1, all: 1, closed: 0 }, handoffs: [held] } : { counts: { unassigned: 0, mine: 1, all: 1, closed: 0 }, handoffs: [] },
      events: (_t, h) => {
        push = h;
        return () => undefined;
      },
    } as never);
    render(<Inbox api={api} storage={signedInStorage()} alerts={{ ...quietAlerts, newHandoff: (t) => alerted.push(t) }} place={placeAt('#/unassigned')} />);
    await screen.findByText(/No one is waiting/);
    await act(async () => push!.onEvent('handoff', { handoff: held, previous: null }));
    expect(alerted).toEqual([]);
    expect(screen.queryByText(/New chat for you|Assigned to you:/)).toBeNull();
    await act(async () => push!.onEvent('handoff', { handoff: row({ id: 'c7:h1', conversationId: 'c7', customer: 'c7@example.com', status: 'assigned', agentId: 'ann' }), previous: { status: 'pending', agentId: null } }));
    expect(alerted).toHaveLength(1);
    expect(screen.getByRole('status')).toHaveTextContent('Assigned to you:');
  });
});
