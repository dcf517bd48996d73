// @vitest-environment jsdom
/**
 * newcomer s9 #15 (HIGH): in Mine, a customer's new message in a chat that is not open marks the row unread (dot,
 * bold), shows the message and "waiting", moves the row to the top, and sounds the new-chat alert; opening the chat
 * clears the mark.
 */
import './support/setup';
import { act, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Inbox } from '../../renderer/inbox/Inbox';
import type { AgentEventHandlers, HandoffRow } from '../../renderer/inbox/inboxApi';
import { annOnline, fakeInboxApi, handoffDetail, handoffRow, placeAt, quietAlerts, signedInStorage } from './support/inboxFakes';

describe('Mine follows the customers', () => {
  it('a new customer message: unread, preview, waiting, first; alert; cleared when opened', async () => {
    const t = Date.now();
    const first = handoffRow({ id: 'c1:h1', conversationId: 'c1', customer: 'ana@example.com', lastMessage: { from: 'agent', text: 'Hi, Ann here.', at: t }, waitingSince: null });
    const second = handoffRow({ id: 'c2:h2', conversationId: 'c2', customer: 'bo@example.com', lastMessage: { from: 'agent', text: 'Hi again.', at: t }, waitingSince: null });
    let push: AgentEventHandlers | null = null;
    const alerted: string[] = [];
    const api = fakeInboxApi({
      ...annOnline(2),
      list: async () => ({ counts: { unassigned: 0, mine: 2, all: 2, closed: 0 }, handoffs: [first, second] as HandoffRow[] }),
      detail: async (_t, id) => handoffDetail(id === 'c2:h2' ? second : first),
      events: (_t, h) => {
        push = h;
        return () => undefined;
      },
    });
    render(<Inbox api={api} storage={signedInStorage()} alerts={{ ...quietAlerts, newHandoff: (s: string) => void alerted.push(s) }} place={placeAt('#/mine/c1:h1')} />);
    const rowOf = async (name: string) => (await screen.findByText(name)).closest('button')!;
    expect((await rowOf('bo@example.com')).className).not.toContain('is-unread');

    act(() => push!.onEvent('message', { handoffId: 'c2:h2', message: { id: 'c2:9', seq: 9, from: 'customer', text: 'are you still there? I am still waiting for my refund', at: Date.now() } }));
    const bo = await rowOf('bo@example.com');
    expect(bo.className).toContain('is-unread');
    expect(within(bo).getByTestId('row-last-message').textContent).toMatch(/waiting for your reply · <1 min.*are you still there\? I am still waiting for my refund/);
    const rows = screen.getAllByRole('listitem').map((li) => li.textContent ?? '');
    expect(rows.findIndex((x) => x.includes('bo@example.com'))).toBeLessThan(rows.findIndex((x) => x.includes('ana@example.com')));
    expect(alerted.some((a) => a.startsWith('New message from bo@example.com'))).toBe(true);

    act(() => bo.click());
    expect((await rowOf('bo@example.com')).className).not.toContain('is-unread');
  });
});
