// @vitest-environment jsdom
/**
 * Session 46 (apisec, newcomer s46 N16): the "Go offline with chats open?" dialog went stale while open: after the
 * customer's chat ended and Bob went offline it read "You have 0 open chats. Nobody else is signed in ..." with "Put
 * them back and go offline" (Bob was signed in, only Offline). Now its words follow what changes while it is open:
 * the colleague's presence (and "online", not "signed in"), and with no chats left it is a plain "Go offline?".
 */
import './support/setup';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Inbox } from '../../renderer/inbox/Inbox';
import type { AgentEventHandlers, Presence } from '../../renderer/inbox/inboxApi';
import { ann, fakeInboxApi, quietAlerts, signedInStorage } from './support/inboxFakes';

const bobOnline = { id: 'bob', name: 'Bob', email: 'bob@example.com', teams: [], admin: false, status: 'online' as const };

describe('the go-offline dialog follows what changes while it is open (N16)', () => {
  it('Bob goes offline: "Nobody else is online"; the chat ends: a plain "Go offline?" that sets Offline without a requeue', async () => {
    let mine = 1;
    let push: AgentEventHandlers | null = null;
    const calls: Array<[Presence, boolean]> = [];
    const api = fakeInboxApi({
      me: async () => ({ agent: ann, status: 'online', activeChats: mine }),
      agents: async () => [ann, bobOnline],
      setPresence: async (_t, s, o) => {
        calls.push([s, o?.requeue === true]);
        return s;
      },
      list: async () => ({ counts: { unassigned: 0, mine, all: mine, closed: 0 }, handoffs: [] }),
      events: (_t, h) => {
        push = h;
        return () => undefined;
      },
    });
    const place = { read: () => '#/unassigned', write: () => undefined, listen: () => () => undefined };
    render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={place} />);
    const status = (await screen.findByLabelText('Your status')) as HTMLSelectElement;
    await waitFor(() => expect(screen.getByLabelText('1 mine')).toBeInTheDocument());
    fireEvent.change(status, { target: { value: 'offline' } });
    expect(await screen.findByText(/You have 1 open chat\. Going offline puts it back in the queue/)).toBeInTheDocument();

    // Bob sets Offline (still signed in): the words say nobody else is online.
    act(() => push!.onEvent('presence', { agentId: 'bob', status: 'offline' }));
    expect(await screen.findByText(/Nobody else is online, so going offline tells the customer no one is available now/)).toBeInTheDocument();
    expect(screen.queryByText(/signed in/)).toBeNull();

    // The chat ends meanwhile: no "0 open chats", no "Put them back".
    mine = 0;
    act(() => push!.onEvent('reset', {}));
    expect(await screen.findByRole('dialog', { name: 'Go offline?' })).toBeInTheDocument();
    expect(screen.queryByText(/0 open chats/)).toBeNull();
    expect(screen.queryByRole('button', { name: /Put (it|them) back/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Go offline' }));
    await waitFor(() => expect(calls).toEqual([['offline', false]]));
    await waitFor(() => expect(status.value).toBe('offline'));
  });
});
