// @vitest-environment jsdom
/**
 * Session 41 (studio), newcomer s40 N10: the transfer was confirmed by an icon-only button beside the select. The
 * confirm is now a labelled "Transfer" button that shows once a colleague or team is chosen, beside the note, and the
 * header's row keeps only the select (session 39's one-row header: e2e inboxS39Layout).
 */
import './support/setup';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Inbox } from '../../renderer/inbox/Inbox';
import type { AgentInfo } from '../../renderer/inbox/inboxApi';
import { ann, fakeInboxApi, handoffDetail, handoffRow, placeAt, quietAlerts, signedInStorage } from './support/inboxFakes';

const bob: AgentInfo = { id: 'bob', name: 'Bob', email: 'bob@example.com', teams: ['support'], admin: false, status: 'online' };

describe('transfer confirm (newcomer s40 N10)', () => {
  it('no confirm until a colleague is chosen; then "Transfer" in words, beside the note, and it sends', async () => {
    const h = handoffRow();
    const transfer = vi.fn(async () => ({ ok: true }));
    const api = fakeInboxApi({
      me: async () => ({ agent: ann, status: 'online', activeChats: 1 }),
      agents: async () => [{ ...ann, status: 'online' }, bob],
      setPresence: async (_t, s) => s,
      list: async () => ({ counts: { unassigned: 0, mine: 1, all: 1, closed: 0 }, handoffs: [h] }),
      detail: async () => handoffDetail(h, { transcript: [{ id: 'e1', seq: 1, from: 'customer', text: 'Where is my refund?', at: Date.now() }] }),
      transfer,
    });
    render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={placeAt('#/mine/c1:h1')} />);
    await screen.findByText('Where is my refund?');
    expect(screen.queryByRole('button', { name: 'Transfer' })).toBeNull();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Transfer to' }), 'agent:bob');
    const confirm = screen.getByRole('button', { name: 'Transfer' });
    // Its name is its visible text (no aria-label standing in for a missing word), and it sits with the note.
    expect(confirm).not.toHaveAttribute('aria-label');
    expect(confirm.textContent?.trim()).toBe('Transfer');
    const note = screen.getByRole('textbox', { name: 'Note for the colleague (optional)' });
    expect(confirm.parentElement).toBe(note.parentElement);
    expect(confirm).toBeEnabled();
    await userEvent.click(confirm);
    expect(transfer).toHaveBeenCalledWith('tok', 'c1:h1', { agentId: 'bob' });
    // Back to nothing chosen: the confirm goes.
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Transfer to' }), '');
    expect(screen.queryByRole('button', { name: 'Transfer' })).toBeNull();
  });
});
