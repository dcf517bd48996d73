// @vitest-environment jsdom
/**
 * Signing out of the inbox while holding chats (newcomer s5 item 4): the agent is asked first; confirming signs out
 * with the chats given back to the queue (DELETE /api/v1/agent/session?chats=requeue); "Stay signed in" changes
 * nothing. With no chat held, Sign out signs out at once and gives nothing back.
 */
import './support/setup';
import { ann, fakeInboxApi, quietAlerts, signedInStorage } from './support/inboxFakes';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { Inbox } from '../../renderer/inbox/Inbox';


const bobOnline = { id: 'bob', name: 'Bob', email: 'bob@example.com', teams: [], admin: false, status: 'online' as const };

/** `colleague`: Bob is signed in too (session 41: the dialog says someone else is coming only then). */
function scriptedApi(mine: number, colleague = true) {
  const signOuts: unknown[][] = [];
  const api = fakeInboxApi({
    signOut: async (...args) => void signOuts.push(args),
    me: async () => ({ agent: ann, status: 'online', activeChats: mine }),
    agents: async () => (colleague ? [ann, bobOnline] : [ann]),
    setPresence: async (_t, s) => s,
    list: async () => ({ counts: { unassigned: 0, mine, all: mine, closed: 0 }, handoffs: [] }),
  });
  return { api, signOuts };
}

const alerts = quietAlerts;
const signedIn = signedInStorage;

describe('inbox sign-out', () => {
  it('session 41 (newcomer s40 N2): with nobody else signed in, the dialog says the customer is told no one is available', async () => {
    const { api } = scriptedApi(1, false);
    render(<Inbox api={api} storage={signedIn()} alerts={alerts} />);
    expect(await screen.findByLabelText('1 mine')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    const ask = screen.getByRole('dialog', { name: 'Sign out with chats open?' });
    expect(ask).toHaveTextContent('Nobody else is online, so signing out tells the customer no one is available now');
    expect(ask).not.toHaveTextContent('someone else is coming');
  });

  it('holding a chat: asks first; "Stay signed in" keeps everything; confirming gives the chat back and signs out', async () => {
    const { api, signOuts } = scriptedApi(1);
    render(<Inbox api={api} storage={signedIn()} alerts={alerts} />);
    expect(await screen.findByLabelText('1 mine')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    const ask = screen.getByRole('dialog', { name: 'Sign out with chats open?' });
    expect(ask).toHaveTextContent('You have 1 open chat. Signing out puts it back in the queue so a colleague can take over');
    expect(within(ask).getByRole('button', { name: 'Stay signed in' })).toHaveFocus();
    await userEvent.click(within(ask).getByRole('button', { name: 'Stay signed in' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(signOuts).toEqual([]);
    expect(screen.getByRole('navigation', { name: 'Inbox views' })).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await userEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Put it back and sign out' }));
    expect(signOuts).toEqual([['tok', { requeue: true }]]);
    expect(await screen.findByLabelText('Email or agent id')).toBeInTheDocument();
  });

  it('holding no chat: signs out at once, giving nothing back', async () => {
    const { api, signOuts } = scriptedApi(0);
    render(<Inbox api={api} storage={signedIn()} alerts={alerts} />);
    await screen.findByRole('navigation', { name: 'Inbox views' });
    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(signOuts).toEqual([['tok', undefined]]);
    expect(await screen.findByLabelText('Email or agent id')).toBeInTheDocument();
  });
});
