// @vitest-environment jsdom
/**
 * The inbox page renders under <StrictMode>, which in a React development build runs every effect twice on mount.
 * Signing in must still ask the server to set the agent online ONCE (POST /api/v1/agent/presence), and the
 * workspace must show the agent online.
 */
import './support/setup';
import { act, render, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { describe, expect, it } from 'vitest';
import { Inbox } from '../../renderer/inbox/Inbox';
import type { InboxApi, Presence } from '../../renderer/inbox/inboxApi';
import type { Alerts } from '../../renderer/inbox/notify';

const ann = { id: 'ann', name: 'Ann Lee', email: 'ann@example.com', teams: ['support'], admin: false };
const later = <T,>(v: T) => new Promise<T>((r) => setTimeout(() => r(v), 15));
const notUsed = () => Promise.reject(new Error('not used in this test'));

function scriptedApi(initial: Presence) {
  let presence: Presence = initial;
  const presenceCalls: Presence[] = [];
  const api: InboxApi = {
    signIn: notUsed,
    signOut: async () => undefined,
    me: () => later({ agent: ann, status: presence, activeChats: 0 }),
    agents: () => later([ann]),
    setPresence: (_t, s) => {
      presenceCalls.push(s);
      presence = s;
      return later(s);
    },
    list: () => later({ counts: { unassigned: 0, mine: 0, all: 0, closed: 0 }, handoffs: [] }),
    detail: notUsed,
    act: notUsed,
    say: notUsed,
    transfer: notUsed,
    setVariables: notUsed,
    events: () => () => undefined,
  };
  return { api, presenceCalls };
}

const alerts: Alerts = { newHandoff: () => undefined, setBadge: () => undefined, askPermission: async () => 'granted', permission: () => 'granted' };

const signedIn = () => {
  const m = new Map<string, string>([['baton.inbox.session', JSON.stringify({ token: 'tok', agent: ann })]]);
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
};

describe('inbox under StrictMode', () => {
  it('sets an offline agent online with ONE request when the workspace opens', async () => {
    const { api, presenceCalls } = scriptedApi('offline');
    render(
      <StrictMode>
        <Inbox api={api} storage={signedIn()} alerts={alerts} />
      </StrictMode>,
    );
    await screen.findByRole('navigation', { name: 'Inbox views' });
    await act(() => new Promise((r) => setTimeout(r, 150)));
    expect(presenceCalls).toEqual(['online']);
    expect(screen.getByRole('combobox', { name: 'Your status' })).toHaveValue('online');
  });

  it('an agent already busy stays busy (no request)', async () => {
    const { api, presenceCalls } = scriptedApi('busy');
    render(
      <StrictMode>
        <Inbox api={api} storage={signedIn()} alerts={alerts} />
      </StrictMode>,
    );
    await screen.findByRole('navigation', { name: 'Inbox views' });
    await act(() => new Promise((r) => setTimeout(r, 150)));
    expect(presenceCalls).toEqual([]);
    expect(screen.getByRole('combobox', { name: 'Your status' })).toHaveValue('busy');
  });
});
