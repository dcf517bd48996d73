// @vitest-environment jsdom
/**
 * The inbox page renders under <StrictMode>, which in a React development build runs every effect twice on mount.
 * Signing in must still ask the server to set the agent online ONCE (POST /api/v1/agent/presence), and the
 * workspace must show the agent online.
 */
import './support/setup';
import { ann, fakeInboxApi, quietAlerts, signedInStorage } from './support/inboxFakes';
import { act, render, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { describe, expect, it } from 'vitest';
import { Inbox } from '../../renderer/inbox/Inbox';
import type { Presence } from '../../renderer/inbox/inboxApi';

const later = <T,>(v: T) => new Promise<T>((r) => setTimeout(() => r(v), 15));

function scriptedApi(initial: Presence) {
  let presence: Presence = initial;
  const presenceCalls: Presence[] = [];
  const api = fakeInboxApi({
    signOut: async () => undefined,
    me: () => later({ agent: ann, status: presence, activeChats: 0 }),
    agents: () => later([ann]),
    setPresence: (_t, s) => {
      presenceCalls.push(s);
      presence = s;
      return later(s);
    },
    list: () => later({ counts: { unassigned: 0, mine: 0, all: 0, closed: 0 }, handoffs: [] }),
  });
  return { api, presenceCalls };
}

const alerts = quietAlerts;

const signedIn = signedInStorage;

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
