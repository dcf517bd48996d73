// @vitest-environment jsdom
/**
 * fixui, session 18 (newcomer s17 N#4): closing the inbox tab signed the agent out of that browser (the sign-in was in
 * the tab's sessionStorage). The inbox now keeps it in localStorage (renderer/inbox/inboxStorage.ts): a new tab finds
 * her signed in; a tab signed in by the earlier inbox keeps its sign-in; signing out in one tab signs out the others.
 * (The closed-and-reopened tab itself is driven in real Chromium: test/e2e/fixuiS18.test.ts.)
 */
import './support/setup';
import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Inbox } from '../../renderer/inbox/Inbox';
import { inboxStorage } from '../../renderer/inbox/inboxStorage';
import { ann, annOnline, fakeInboxApi, placeAt, quietAlerts } from './support/inboxFakes';

const session = JSON.stringify({ token: 'tok', agent: ann });

afterEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});

describe("the inbox's sign-in outlives the tab (newcomer s17 N#4)", () => {
  it('is kept in localStorage; a sign-in the earlier inbox kept in the tab moves over once', () => {
    sessionStorage.setItem('baton.inbox.session', session);
    const s = inboxStorage(window);
    expect(s).toBe(window.localStorage);
    expect(localStorage.getItem('baton.inbox.session')).toBe(session);
    expect(sessionStorage.getItem('baton.inbox.session')).toBeNull();
  });

  it('a browser that refuses localStorage falls back to the tab', () => {
    const refusing = { setItem: () => { throw new Error('blocked'); } } as unknown as Storage;
    expect(inboxStorage({ localStorage: refusing, sessionStorage: window.sessionStorage })).toBe(window.sessionStorage);
  });

  it('signing out in another tab (the key removed there) signs this tab out, and says why', async () => {
    localStorage.setItem('baton.inbox.session', session);
    const api = fakeInboxApi({ ...annOnline(0), list: async () => ({ counts: { unassigned: 0, mine: 0, all: 0, closed: 0 }, handoffs: [] }) });
    render(<Inbox api={api} storage={inboxStorage(window)} alerts={quietAlerts} place={placeAt('#/unassigned')} />);
    await screen.findByLabelText('Your status');
    await act(async () => {
      localStorage.removeItem('baton.inbox.session');
      window.dispatchEvent(new StorageEvent('storage', { key: 'baton.inbox.session', oldValue: session, newValue: null }));
    });
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('You signed out in another tab of this browser.');
  });
});
