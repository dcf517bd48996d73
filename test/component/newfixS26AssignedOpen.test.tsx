// @vitest-environment jsdom
/**
 * Session 26 (newfix), newcomer s26 F12: with `baton serve`, a chat auto-assigned to Ann while she looked at Unassigned
 * showed "No one is waiting" and a toast that could not be clicked (only a "1" beside Mine). The notice now has an
 * "Open it" button that opens the chat in Mine.
 */
import './support/setup';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Inbox } from '../../renderer/inbox/Inbox';
import type { AgentEventHandlers, HandoffRow } from '../../renderer/inbox/inboxApi';
import { annOnline, fakeInboxApi, handoffRow, placeAt, quietAlerts, signedInStorage } from './support/inboxFakes';

const summary = (over: Partial<HandoffRow>) =>
  handoffRow({ id: 'c9:h1', conversationId: 'c9', summary: 'The customer is upset.', assignation: 'custom', ...over });

describe('a chat auto-assigned to me while I look at Unassigned', () => {
  it('the notice opens it in Mine', async () => {
    let push: AgentEventHandlers | null = null;
    const writes: string[] = [];
    const place = { ...placeAt('#/unassigned'), write: (h: string) => void writes.push(h) };
    const api = fakeInboxApi({
      ...annOnline(0),
      list: async () => ({ counts: { unassigned: 0, mine: 0, all: 0, closed: 0 }, handoffs: [] }),
      events: (_t, h) => {
        push = h;
        return () => undefined;
      },
    });
    render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={place} />);
    await screen.findByText(/No one is waiting/);
    await act(async () => push!.onEvent('handoff', { handoff: summary({}), previous: { status: 'pending', agentId: null } }));
    const notice = screen.getByRole('status');
    expect(notice).toHaveTextContent('Assigned to you:');
    fireEvent.click(screen.getByRole('button', { name: 'Open it' }));
    await act(async () => undefined);
    expect(writes.at(-1)).toMatch(/mine/);
    expect(writes.at(-1)).toMatch(/c9/);
    expect(screen.queryByRole('button', { name: 'Open it' })).toBeNull();
  });
});
