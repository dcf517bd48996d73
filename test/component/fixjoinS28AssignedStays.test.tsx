// @vitest-environment jsdom
/**
 * Session 28 (fixjoin), newcomer s28 N6 (inbox half): a chat auto-assigned to Ann while she looked at the empty
 * Unassigned view left her on "No one is waiting" and the "assigned to you" notice faded after ~4 s. Now the list moves
 * to Mine (only from an idle Unassigned view) and the notice stays until she opens that chat or dismisses it.
 */
import './support/setup';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Inbox } from '../../renderer/inbox/Inbox';
import type { AgentEventHandlers, HandoffRow, View } from '../../renderer/inbox/inboxApi';
import { annOnline, fakeInboxApi, handoffDetail, handoffRow, placeAt, quietAlerts, signedInStorage } from './support/inboxFakes';

const row = handoffRow({ id: 'c9:h1', conversationId: 'c9', summary: 'The customer is upset.', assignation: 'custom', customer: 'kim@example.com' } as Partial<HandoffRow>);

function setup(hash: string) {
  let push: AgentEventHandlers | null = null;
  let assigned = false;
  const listed: View[] = [];
  const api = fakeInboxApi({
    ...annOnline(0),
    list: async (_t, view) => {
      listed.push(view);
      const mine = assigned ? [row] : [];
      return { counts: { unassigned: 0, mine: mine.length, all: mine.length, closed: 0 }, handoffs: view === 'mine' || view === 'all' ? mine : [] };
    },
    detail: async () => handoffDetail(row),
    events: (_t, h) => {
      push = h;
      return () => undefined;
    },
  });
  render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={placeAt(hash)} />);
  const assign = async () => {
    assigned = true;
    await act(async () => push!.onEvent('handoff', { handoff: row, previous: { status: 'pending', agentId: null } }));
  };
  return { assign, listed };
}

const heading = () => screen.getByRole('heading', { level: 2, name: /^(Unassigned|Mine|All|Closed)$/ });

describe('a chat auto-assigned to me (newcomer s28 N6)', () => {
  afterEach(() => vi.useRealTimers());

  it('from an idle Unassigned view: the list moves to Mine and the notice stays past the old 5 s', async () => {
    const { assign, listed } = setup('#/unassigned');
    await screen.findByText(/No one is waiting/);
    expect(heading()).toHaveTextContent('Unassigned');
    vi.useFakeTimers({ shouldAdvanceTime: true });
    await assign();
    expect(heading()).toHaveTextContent('Mine');
    expect(listed).toContain('mine');
    await act(async () => void vi.advanceTimersByTime(8000));
    expect(screen.getByRole('status')).toHaveTextContent('Assigned to you:');
    expect(screen.getByRole('button', { name: 'Open it' })).toBeInTheDocument();
    // The class that keeps the CSS from fading it out (the confirmations' 5 s fade); a plain confirmation lacks it.
    expect(screen.getByRole('status')).toHaveClass('ib-flash-stays');
  });

  it('the notice goes when I open that chat from the list', async () => {
    const { assign } = setup('#/unassigned');
    await screen.findByText(/No one is waiting/);
    await assign();
    const item = await screen.findByRole('button', { name: /kim@example.com|upset/ });
    fireEvent.click(item);
    await act(async () => undefined);
    expect(screen.queryByRole('button', { name: 'Open it' })).toBeNull();
  });

  it('dismissing the notice removes it', async () => {
    const { assign } = setup('#/unassigned');
    await screen.findByText(/No one is waiting/);
    await assign();
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('button', { name: 'Open it' })).toBeNull();
  });

  it('on another view (All) the list is left where the agent put it; the notice is still shown', async () => {
    const { assign } = setup('#/all');
    await act(async () => undefined);
    expect(heading()).toHaveTextContent('All');
    await assign();
    expect(heading()).toHaveTextContent('All');
    expect(screen.getByRole('button', { name: 'Open it' })).toBeInTheDocument();
  });
});
