// @vitest-environment jsdom
/**
 * Choosing Offline with chats open asks first (newcomer s7 #21, HIGH: one click gave every live chat away): give them
 * back and go offline (the server requeues them all), set Busy instead (keeps them, no new ones), or stay. Without
 * open chats, Offline is set at once.
 */
import './support/setup';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Inbox } from '../../renderer/inbox/Inbox';
import type { Presence } from '../../renderer/inbox/inboxApi';
import { ann, fakeInboxApi, quietAlerts, signedInStorage } from './support/inboxFakes';

const bobOnline = { id: 'bob', name: 'Bob', email: 'bob@example.com', teams: [], admin: false, status: 'online' as const };

/** `colleague`: Bob is signed in too (session 41: only then does the dialog say someone else is coming). */
function setup(mine: number, colleague = true) {
  const calls: Array<[Presence, boolean]> = [];
  const api = fakeInboxApi({
    me: async () => ({ agent: ann, status: 'online', activeChats: mine }),
    agents: async () => (colleague ? [ann, bobOnline] : [ann]),
    setPresence: async (_t, s, o) => {
      calls.push([s, o?.requeue === true]);
      return s;
    },
    list: async () => ({ counts: { unassigned: 0, mine, all: mine, closed: 0 }, handoffs: [] }),
  });
  const place = { read: () => '#/unassigned', write: () => undefined, listen: () => () => undefined };
  render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={place} />);
  return calls;
}

describe('Offline with chats open', () => {
  it('asks; Busy instead keeps them; giving them back sends requeue', async () => {
    const calls = setup(2);
    const status = (await screen.findByLabelText('Your status')) as HTMLSelectElement;
    await waitFor(() => expect(screen.getByLabelText('2 mine')).toBeInTheDocument());
    fireEvent.change(status, { target: { value: 'offline' } });
    expect(await screen.findByText(/You have 2 open chats\. Going offline puts them back in the queue/)).toBeInTheDocument();
    expect(calls).toEqual([]);
    expect(status.value).toBe('online');
    fireEvent.click(screen.getByRole('button', { name: 'Set Busy instead' }));
    await waitFor(() => expect(calls).toEqual([['busy', false]]));
    await waitFor(() => expect(status.value).toBe('busy'));

    fireEvent.change(status, { target: { value: 'offline' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Put them back and go offline' }));
    await waitFor(() => expect(calls).toEqual([['busy', false], ['offline', true]]));
    await waitFor(() => expect(status.value).toBe('offline'));
  });

  it('session 41 (newcomer s40 N2): with nobody else signed in, it says the customers are told no one is available', async () => {
    setup(2, false);
    const status = (await screen.findByLabelText('Your status')) as HTMLSelectElement;
    await waitFor(() => expect(screen.getByLabelText('2 mine')).toBeInTheDocument());
    fireEvent.change(status, { target: { value: 'offline' } });
    expect(await screen.findByText(/Nobody else is online, so going offline tells the customers no one is available now/)).toBeInTheDocument();
    expect(screen.queryByText(/someone else is coming/)).toBeNull();
  });

  it('without open chats, Offline is set at once', async () => {
    const calls = setup(0);
    const status = (await screen.findByLabelText('Your status')) as HTMLSelectElement;
    fireEvent.change(status, { target: { value: 'offline' } });
    await waitFor(() => expect(calls).toEqual([['offline', false]]));
    expect(screen.queryByText(/Going offline puts/)).toBeNull();
  });
});

describe('Offline survives a reload (newcomer s7 #29)', () => {
  it('a restored session whose agent chose Offline stays Offline; without that choice it goes Online as before', async () => {
    for (const chose of [true, false]) {
      const calls: Presence[] = [];
      const storage = signedInStorage();
      if (chose) storage.setItem('baton.inbox.offline', 'tok');
      const api = fakeInboxApi({
        me: async () => ({ agent: ann, status: 'offline', activeChats: 0 }),
        agents: async () => [ann],
        setPresence: async (_t, s) => {
          calls.push(s);
          return s;
        },
        list: async () => ({ counts: { unassigned: 0, mine: 0, all: 0, closed: 0 }, handoffs: [] }),
      });
      const place = { read: () => '#/unassigned', write: () => undefined, listen: () => () => undefined };
      const { unmount } = render(<Inbox api={api} storage={storage} alerts={quietAlerts} place={place} />);
      const status = (await screen.findByLabelText('Your status')) as HTMLSelectElement;
      if (chose) {
        await new Promise((r) => setTimeout(r, 50));
        expect(calls).toEqual([]);
        expect(status.value).toBe('offline');
        // Choosing Online again forgets the choice.
        fireEvent.change(status, { target: { value: 'online' } });
        await waitFor(() => expect(calls).toEqual(['online']));
        expect(storage.getItem('baton.inbox.offline')).toBeNull();
      } else {
        await waitFor(() => expect(calls).toEqual(['online']));
      }
      unmount();
    }
  });
});
