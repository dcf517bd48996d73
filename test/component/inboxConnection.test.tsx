// @vitest-environment jsdom
/**
 * The inbox says when it lost the server (newcomer s7 #8): a bar across the inbox while the agent push channel is
 * down (any view), no red "No connection" toast for background refreshes meanwhile, and once the channel is back the
 * bar goes, a "No connection" error shown earlier goes too, and the lists are fetched again.
 */
import './support/setup';
import { act, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Inbox } from '../../renderer/inbox/Inbox';
import { InboxError, type AgentEventHandlers, type InboxApi } from '../../renderer/inbox/inboxApi';
import { ann, fakeInboxApi, quietAlerts, signedInStorage } from './support/inboxFakes';

const EMPTY_LIST = { counts: { unassigned: 0, mine: 0, all: 0, closed: 0 }, handoffs: [] };

/** The inbox signed in as Ann on an empty list, with the test holding the agent push channel's handlers. */
function renderWithPush(overrides: Partial<InboxApi>): { push: () => AgentEventHandlers } {
  let handlers: AgentEventHandlers | null = null;
  const api = fakeInboxApi({
    me: async () => ({ agent: ann, status: 'online', activeChats: 0 }),
    agents: async () => [ann],
    setPresence: async (_t, s) => s,
    list: async () => EMPTY_LIST,
    events: (_t, h) => {
      handlers = h;
      return () => undefined;
    },
    ...overrides,
  });
  const place = { read: () => '#/unassigned', write: () => undefined, listen: () => () => undefined };
  render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={place} />);
  return { push: () => handlers! };
}

describe('losing the server', () => {
  it('a bar while the push channel is down; gone, with any "No connection" error, once it is back', async () => {
    let down = false;
    let lists = 0;
    const { push } = renderWithPush({
      list: async () => {
        lists += 1;
        if (down) throw new InboxError('No connection to the server. Check that the runtime is running, then try again.', 0, 'network');
        return EMPTY_LIST;
      },
    });
    await screen.findByText(/No one is waiting/);
    expect(screen.queryByText(/Connection to the server lost/)).toBeNull();

    // A refresh fails while the stream still looks live: the error toast says so.
    down = true;
    await act(async () => push().onEvent('handoff', { listChanged: true }));
    expect(await screen.findByRole('alert')).toHaveTextContent('No connection to the server');

    // The stream drops: the bar; refreshes failing meanwhile add no toast.
    await act(async () => push().onLink('reconnecting'));
    expect(screen.getByText(/Connection to the server lost\. Reconnecting/)).toBeInTheDocument();

    // Back: bar and the stale error gone, the list fetched again.
    down = false;
    const before = lists;
    await act(async () => push().onLink('live'));
    expect(screen.queryByText(/Connection to the server lost/)).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(lists).toBeGreaterThan(before);
  });

  it('back after a drop, it says again what the agent is, but keeps an Offline chosen meanwhile on another device (hostile s9 #17)', async () => {
    let offlineChosen = false;
    const said: string[] = [];
    const { push } = renderWithPush({
      me: async () => ({ agent: ann, status: offlineChosen ? 'offline' : 'online', activeChats: 0, offlineChosen }),
      setPresence: async (_t, s) => {
        said.push(s);
        return s;
      },
    });
    await screen.findByText(/No one is waiting/);
    // The status comes from the server's answer (me), which may land after the list.
    await waitFor(() => expect(screen.getByLabelText('Your status')).toHaveValue('online'));

    // A first drop: nothing chosen elsewhere, so this tab says 'online' again (the server may have restarted).
    await act(async () => push().onLink('reconnecting'));
    await act(async () => push().onLink('live'));
    await waitFor(() => expect(said).toEqual(['online']));

    // While this tab is cut off, the agent goes Offline on her phone (the server keeps the choice); back, the tab follows it.
    await act(async () => push().onLink('reconnecting'));
    offlineChosen = true;
    await act(async () => push().onLink('live'));
    await waitFor(() => expect(said).toEqual(['online', 'offline']));
    await waitFor(() => expect(screen.getByLabelText('Your status')).toHaveValue('offline'));
  });
});
