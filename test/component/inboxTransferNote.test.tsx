// @vitest-environment jsdom
/**
 * newcomer s9 #2, the inbox side: the Transfer control takes an optional note for the colleague, and a chat a
 * colleague transferred to me says so in the toast ("Bob transferred this chat to you: “...”") with the customer's
 * latest message, not the bot's old handoff summary ("The flow handed over ... Last message: 'Talk to a person'").
 */
import './support/setup';
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Inbox } from '../../renderer/inbox/Inbox';
import type { AgentEventHandlers, AgentInfo } from '../../renderer/inbox/inboxApi';
import { ann, annOnline, fakeInboxApi, handoffDetail, handoffRow, placeAt, quietAlerts, signedInStorage } from './support/inboxFakes';

const bob: AgentInfo = { id: 'bob', name: 'Bob', email: 'bob@example.com', teams: ['support'], admin: false, status: 'online' };

describe('transfer with a note (newcomer s9 #2)', () => {
  it('sends the note typed for the colleague with the transfer', async () => {
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
    expect(screen.queryByRole('textbox', { name: 'Note for the colleague (optional)' })).toBeNull();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Transfer to' }), 'agent:bob');
    await userEvent.type(screen.getByRole('textbox', { name: 'Note for the colleague (optional)' }), 'Refund approved, needs the claim form');
    // Session 41 (newcomer s41 N5): the confirm is named after the choice (was an icon named "Transfer").
    await userEvent.click(screen.getByRole('button', { name: 'Transfer to Bob' }));
    expect(transfer).toHaveBeenCalledWith('tok', 'c1:h1', { agentId: 'bob', note: 'Refund approved, needs the claim form' });
  });

  it("a colleague's transfer says who, their note and the customer's latest message", async () => {
    let push: AgentEventHandlers | null = null;
    const alerted: string[] = [];
    const row = handoffRow({
      id: 'c9:h1',
      conversationId: 'c9',
      reason: 'flow',
      summary: 'The customer (maria@example.com) is waiting. Handed over because the flow reached a human takeover. Last message: "Talk to a person"',
      transfer: { byId: 'bob', by: 'Bob', note: 'She wants the refund today', at: Date.now() },
    });
    const api = fakeInboxApi({
      ...annOnline(0),
      list: async () => ({ counts: { unassigned: 0, mine: 0, all: 0, closed: 0 }, handoffs: [] }),
      detail: async () =>
        handoffDetail(row, {
          transcript: [
            { id: 'e1', seq: 1, from: 'customer', text: 'Talk to a person', at: 1 },
            { id: 'e2', seq: 2, from: 'customer', text: 'It was supposed to arrive last Friday', at: 2 },
            { id: 'e3', seq: 3, from: 'bot', text: 'Bob is transferring you to Ann Lee. Please stay with us.', at: 3 },
          ],
        }),
      events: (_t, hs) => {
        push = hs;
        return () => undefined;
      },
    });
    render(<Inbox api={api} storage={signedInStorage()} alerts={{ ...quietAlerts, newHandoff: (t) => alerted.push(t) }} place={placeAt('#/unassigned')} />);
    await screen.findByText(/No one is waiting/);
    await act(async () => push!.onEvent('handoff', { handoff: row, previous: { status: 'pending', agentId: null } }));
    expect(alerted).toEqual(['Bob transferred this chat to you: “She wants the refund today”.']);
    // Session 40: who, and one short line quoting the note; the whole sentence (with the customer's last message) is the
    // toast's tooltip, once the peek at the transcript has answered.
    const status = await waitFor(() => document.querySelector('.ib-flash') as HTMLElement);
    await waitFor(() => expect(status.getAttribute('title')).toBe('Bob transferred this chat to you: “She wants the refund today”. The customer\'s last message: “It was supposed to arrive last Friday”. It is in Mine.'));
    expect(status.querySelector('.ib-flash-text')!.firstChild!.textContent).toBe('Bob transferred a chat to you');
    expect(status.querySelector('.ib-flash-detail')).toHaveTextContent(/^Note: “She wants the refund today”$/);
    expect(status.textContent).not.toMatch(/flow handed over|Talk to a person/);
  });

  it('without a note the toast quotes the customer\'s last message in one short line, cut at a word, the whole in its tooltip', async () => {
    let push: AgentEventHandlers | null = null;
    const long = 'My parcel was supposed to arrive last Friday and nobody answers my emails, I want the money back today please';
    const row = handoffRow({ id: 'c8:h1', conversationId: 'c8', reason: 'flow', summary: 'The customer is waiting.', transfer: { byId: 'bob', by: 'Bob', at: Date.now() } });
    const api = fakeInboxApi({
      ...annOnline(0),
      list: async () => ({ counts: { unassigned: 0, mine: 0, all: 0, closed: 0 }, handoffs: [] }),
      detail: async () => handoffDetail(row, { transcript: [{ id: 'e1', seq: 1, from: 'customer', text: long, at: 1 }] }),
      events: (_t, hs) => {
        push = hs;
        return () => undefined;
      },
    });
    render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={placeAt('#/unassigned')} />);
    await screen.findByText(/No one is waiting/);
    await act(async () => push!.onEvent('handoff', { handoff: row, previous: { status: 'pending', agentId: null } }));
    const detail = await waitFor(() => {
      const d = document.querySelector('.ib-flash .ib-flash-detail');
      expect(d?.textContent).toMatch(/^Customer: /);
      return d!;
    });
    expect(detail.textContent).toBe('Customer: “My parcel was supposed to…”');
    expect(detail.classList.contains('ib-flash-line')).toBe(true);
    const toast = document.querySelector('.ib-flash')!;
    expect(toast.getAttribute('title')).toBe(`Bob transferred this chat to you. The customer's last message: “${long}”. It is in Mine.`);
  });

  it("session 45 (retest s44 #5): the notice names the customer as the list does, not by the email in the bot's summary", async () => {
    let push: AgentEventHandlers | null = null;
    // Ann renamed the customer; the push row carries the list's name (customer), the summary still says the email, and
    // the customer's last message was the email typed at the takeover's question.
    const row = handoffRow({ id: 'c7:h1', conversationId: 'c7', reason: 'explicit_request', customer: 'Dana Scully', summary: 'The customer (dana@example.com) is waiting.', transfer: { byId: 'bob', by: 'Bob', at: Date.now() } });
    const api = fakeInboxApi({
      ...annOnline(0),
      list: async () => ({ counts: { unassigned: 0, mine: 0, all: 0, closed: 0 }, handoffs: [] }),
      detail: async () => handoffDetail(row, { transcript: [{ id: 'e1', seq: 1, from: 'customer', text: 'dana@example.com', at: 1 }] }),
      events: (_t, hs) => {
        push = hs;
        return () => undefined;
      },
    });
    render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={placeAt('#/unassigned')} />);
    await screen.findByText(/No one is waiting/);
    await act(async () => push!.onEvent('handoff', { handoff: row, previous: { status: 'pending', agentId: null } }));
    const detail = await waitFor(() => {
      const d = document.querySelector('.ib-flash .ib-flash-detail');
      expect(d?.textContent).toMatch(/“/);
      return d!;
    });
    expect(detail.textContent).toBe('Dana Scully: “dana@example.com”');
    expect(document.querySelector('.ib-flash')!.textContent).not.toMatch(/Customer: /);
  });
});
