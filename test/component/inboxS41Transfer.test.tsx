// @vitest-environment jsdom
/**
 * Session 41 (inbox2), the inbox side of newcomer s41 N1, N3, N5:
 * - N5: choosing a colleague opens a confirm named after the choice ("Transfer to Bob") with the note field; Cancel
 *   closes it; nothing is sent until the confirm.
 * - N3: a second click while the transfer is on its way sends nothing more (the confirm is disabled).
 * - N1: a colleague's presence pushed while the inbox is open enables him in the list; opening the list asks again.
 */
import './support/setup';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Inbox } from '../../renderer/inbox/Inbox';
import type { AgentEventHandlers, AgentInfo } from '../../renderer/inbox/inboxApi';
import { ann, fakeInboxApi, handoffDetail, handoffRow, placeAt, quietAlerts, signedInStorage } from './support/inboxFakes';

const bob = (status: 'online' | 'offline'): AgentInfo => ({ id: 'bob', name: 'Bob', email: 'bob@example.com', teams: ['support'], admin: false, status });

function show(o: { bobStatus: 'online' | 'offline'; transfer?: (...a: unknown[]) => Promise<unknown> }) {
  const h = handoffRow();
  let push: AgentEventHandlers | null = null;
  const agents = vi.fn(async () => [{ ...ann, status: 'online' as const }, bob(o.bobStatus)]);
  const transfer = vi.fn(o.transfer ?? (async () => ({ ok: true })));
  const api = fakeInboxApi({
    me: async () => ({ agent: ann, status: 'online', activeChats: 1 }),
    agents,
    setPresence: async (_t, s) => s,
    list: async () => ({ counts: { unassigned: 0, mine: 1, all: 1, closed: 0 }, handoffs: [h] }),
    detail: async () => handoffDetail(h, { transcript: [{ id: 'e1', seq: 1, from: 'customer', text: 'Where is my refund?', at: Date.now() }] }),
    transfer: transfer as never,
    events: (_t, hs) => {
      push = hs;
      return () => undefined;
    },
  });
  render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={placeAt('#/mine/c1:h1')} />);
  return { transfer, agents, push: () => push! };
}

describe('newcomer s41 N5: a labelled confirm for the transfer', () => {
  it('choosing Bob opens "Transfer to Bob" with the note; Cancel closes it and nothing is sent', async () => {
    const { transfer } = show({ bobStatus: 'online' });
    await screen.findByText('Where is my refund?');
    expect(screen.queryByRole('group', { name: 'Confirm the transfer' })).toBeNull();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Transfer to' }), 'agent:bob');
    const pop = screen.getByRole('group', { name: 'Confirm the transfer' });
    expect(within(pop).getByRole('textbox', { name: 'Note for the colleague (optional)' })).toBeInTheDocument();
    expect(within(pop).getByRole('button', { name: 'Transfer to Bob' })).toBeEnabled();
    await userEvent.click(within(pop).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('group', { name: 'Confirm the transfer' })).toBeNull();
    expect((screen.getByRole('combobox', { name: 'Transfer to' }) as HTMLSelectElement).value).toBe('');
    expect(transfer).not.toHaveBeenCalled();
  });
});

describe('newcomer s41 N3: one transfer per click', () => {
  it('a second click while the first is on its way sends nothing more', async () => {
    let answer: (v: unknown) => void = () => undefined;
    const { transfer } = show({ bobStatus: 'online', transfer: () => new Promise((r) => (answer = r)) });
    await screen.findByText('Where is my refund?');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Transfer to' }), 'agent:bob');
    const confirm = screen.getByRole('button', { name: 'Transfer to Bob' });
    await userEvent.click(confirm);
    expect(confirm).toBeDisabled();
    await userEvent.click(confirm);
    expect(transfer).toHaveBeenCalledTimes(1);
    await act(async () => answer({ ok: true }));
    await screen.findByText('Transferred.');
    expect(transfer).toHaveBeenCalledTimes(1);
  });
});

describe('newcomer s41 N1: a colleague who signs in later can be chosen without a reload', () => {
  it('a presence push enables Bob in the list', async () => {
    const { push } = show({ bobStatus: 'offline' });
    await screen.findByText('Where is my refund?');
    const option = () => within(screen.getByRole('combobox', { name: 'Transfer to' })).getByRole('option', { name: /^Bob/ }) as HTMLOptionElement;
    await waitFor(() => expect(option().textContent).toBe('Bob (offline)'));
    expect(option().disabled).toBe(true);
    await act(async () => push().onEvent('presence', { agentId: 'bob', status: 'online' }));
    expect(option().textContent).toBe('Bob');
    expect(option().disabled).toBe(false);
  });

  it('opening the list asks for the colleagues again', async () => {
    const { agents } = show({ bobStatus: 'offline' });
    await screen.findByText('Where is my refund?');
    await waitFor(() => expect(agents).toHaveBeenCalledTimes(1));
    agents.mockResolvedValue([{ ...ann, status: 'online' as const }, bob('online')]);
    await userEvent.click(screen.getByRole('combobox', { name: 'Transfer to' }));
    await waitFor(() => expect(agents).toHaveBeenCalledTimes(2));
    await waitFor(() => expect((within(screen.getByRole('combobox', { name: 'Transfer to' })).getByRole('option', { name: /^Bob/ }) as HTMLOptionElement).disabled).toBe(false));
  });
});
