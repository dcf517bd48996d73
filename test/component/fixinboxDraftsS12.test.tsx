// @vitest-environment jsdom
/**
 * Hostile s12 #11: reply drafts (customers' names, order numbers) stayed in the browser's storage for a week after
 * sign-out, for the next person at that browser, and were only removed when that very chat was opened again. Now
 * signing out drops the agent's drafts and drafts older than a week are swept when the inbox starts. (A draft over
 * 20,000 characters is not written to storage: not tested here.)
 */
import './support/setup';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Inbox } from '../../renderer/inbox/Inbox';
import { ann, annOnline, fakeInboxApi, handoffDetail, handoffRow, placeAt, quietAlerts } from './support/inboxFakes';

/** A storage that can list its keys, like the browser's localStorage. */
function listableStorage(entries: Array<[string, string]>) {
  const m = new Map<string, string>(entries);
  return {
    map: m,
    get length() {
      return m.size;
    },
    key: (i: number) => [...m.keys()][i] ?? null,
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
    clear: () => m.clear(),
  };
}

const row = handoffRow({ id: 'c1:h1', status: 'assigned', agentId: 'ann' });

describe('reply drafts after sign-out (hostile s12 #11)', () => {
  it("signing out drops the agent's drafts; a colleague's recent draft stays; drafts older than a week are swept", async () => {
    const week = 7 * 24 * 60 * 60 * 1000;
    const storage = listableStorage([
      ['baton.inbox.session', JSON.stringify({ token: 'tok', agent: ann })],
      ['baton.inbox.draft.ann|c9:h1', JSON.stringify({ text: 'Order NW-1 for Kim Lee', at: Date.now() - 60_000 })],
      ['baton.inbox.draft.bob|c8:h1', JSON.stringify({ text: "Bob's reply", at: Date.now() - 60_000 })],
      ['baton.inbox.draft.bob|c7:h1', JSON.stringify({ text: 'old', at: Date.now() - week - 60_000 })],
    ]);
    const api = fakeInboxApi({
      ...annOnline(1),
      list: async () => ({ counts: { unassigned: 0, mine: 1, all: 1, closed: 0 }, handoffs: [row] }),
      detail: async () => handoffDetail(row),
      signOut: vi.fn(async () => undefined),
    });
    render(<Inbox api={api} storage={storage} alerts={quietAlerts} place={placeAt('#/mine/c1%3Ah1')} />);
    await userEvent.type(await screen.findByLabelText('Reply to the customer'), 'Your parcel NW-2 is on its way');
    expect(storage.map.has('baton.inbox.draft.ann|c1:h1')).toBe(true);
    // The week-old draft was swept when the inbox started.
    expect(storage.map.has('baton.inbox.draft.bob|c7:h1')).toBe(false);

    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await userEvent.click(screen.getByRole('button', { name: 'Put it back and sign out' }));
    await waitFor(() => expect(api.signOut).toHaveBeenCalled());
    expect([...storage.map.keys()].filter((k) => k.startsWith('baton.inbox.draft.'))).toEqual(['baton.inbox.draft.bob|c8:h1']);
  });
});
