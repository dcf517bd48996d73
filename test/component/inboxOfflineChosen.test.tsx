// @vitest-environment jsdom
/**
 * newcomer s9 #18: an inbox that loads (a reload, another tab, the phone waking up) for an agent who chose Offline on
 * another device leaves her offline (the server says offlineChosen); one offline by the inactivity timeout is set
 * online as before.
 */
import './support/setup';
import { render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Inbox } from '../../renderer/inbox/Inbox';
import type { Presence } from '../../renderer/inbox/inboxApi';
import { ann, fakeInboxApi, placeAt, quietAlerts, signedInStorage } from './support/inboxFakes';

function load(offlineChosen: boolean) {
  const set: Presence[] = [];
  const api = fakeInboxApi({
    me: async () => ({ agent: ann, status: 'offline', activeChats: 0, offlineChosen }),
    agents: async () => [ann],
    setPresence: async (_t, s) => (set.push(s), s),
    list: async () => ({ counts: { unassigned: 0, mine: 0, all: 0, closed: 0 }, handoffs: [] }),
  });
  render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={placeAt('#/mine')} />);
  return set;
}

describe('an inbox loading for an agent who is offline', () => {
  it('chosen on another device: stays offline, presence untouched', async () => {
    const set = load(true);
    await waitFor(() => expect((screen.getByLabelText('Your status') as HTMLSelectElement).value).toBe('offline'));
    await new Promise((r) => setTimeout(r, 50));
    expect(set).toEqual([]);
  });
  it('offline by the inactivity timeout: set online', async () => {
    const set = load(false);
    await waitFor(() => expect(set).toEqual(['online']));
    await waitFor(() => expect((screen.getByLabelText('Your status') as HTMLSelectElement).value).toBe('online'));
  });
});
