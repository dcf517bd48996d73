// @vitest-environment jsdom
/**
 * fixui, session 18 (newcomer s17 N#7, inbox part): an agent wrote "your temporary password is Tulip-2291" and the
 * server masked it to "[hidden]" (hostile s16 H#2) without a word: her bubble read "[hidden]" and nothing told her the
 * customer could not use it. The send answer says what was hidden (`secretsHidden`, runtime/agents/agentRoutes.ts);
 * the inbox now says so at her message (and at a private note), with what to do instead. An ordinary message says nothing.
 */
import './support/setup';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { Inbox } from '../../renderer/inbox/Inbox';
import type { AgentEventHandlers, Entry, Note } from '../../renderer/inbox/inboxApi';
import { annOnline, fakeInboxApi, handoffDetail, handoffRow, placeAt, quietAlerts, signedInStorage } from './support/inboxFakes';

const row = handoffRow({ id: 'c1:h1', status: 'assigned', agentId: 'ann' });

function serverMasking() {
  const transcript: Entry[] = [{ id: 'e1', seq: 1, from: 'customer', text: 'I cannot log in', at: Date.now() - 60_000 }];
  const notes: Note[] = [];
  let seq = 1;
  let push: AgentEventHandlers | null = null;
  const api = fakeInboxApi({
    events: (_t, h) => {
      push = h;
      return () => undefined;
    },
    ...annOnline(1),
    list: async () => ({ counts: { unassigned: 0, mine: 1, all: 1, closed: 0 }, handoffs: [row] }),
    detail: async () => handoffDetail(row, { transcript: [...transcript], notes: [...notes] }),
    say: async (_t, _id, text, isPrivate) => {
      // As the runtime does: a password's value and a card's digits but the last 4 are masked.
      const masked = text.replace(/(password is )\S+?(?=,|$)/, '$1[hidden]').replace(/\b(?:\d{4} ){3}(\d{4})\b/, '•••• $1');
      const kinds = [...(masked.includes('[hidden]') ? ['password'] : []), ...(masked.includes('••••') ? ['card'] : [])];
      if (isPrivate) {
        const note = { id: `n${++seq}`, agentId: 'ann', agentName: 'Ann Lee', text: masked, at: Date.now() };
        notes.push(note);
        return { ok: true, note, ...(kinds.length ? { secretsHidden: kinds } : {}) } as never;
      }
      const entry: Entry = { id: `e${++seq}`, seq, from: 'agent', name: 'Ann Lee', text: masked, at: Date.now() };
      transcript.push(entry);
      // The message comes back on the push channel, as from the runtime.
      setTimeout(() => push?.onEvent('message', { handoffId: 'c1:h1', conversationId: 'c1', message: entry }), 0);
      return { ok: true, messages: [{ text: masked }], ...(kinds.length ? { secretsHidden: kinds } : {}) } as never;
    },
  });
  return api;
}

describe('an agent is told when her message was masked (newcomer s17 N#7)', () => {
  it('a password: the note at her message says the customer sees "[hidden]" and what to do; a plain message: no note', async () => {
    render(<Inbox api={serverMasking()} storage={signedInStorage()} alerts={quietAlerts} place={placeAt('#/mine/c1%3Ah1')} />);
    const box = await screen.findByLabelText('Reply to the customer');
    await userEvent.type(box, 'Your order ships on Monday{Enter}');
    await userEvent.type(box, 'I reset it for you: your temporary password is Tulip-2291, please change it after you log in.{Enter}');
    const log = screen.getByRole('list', { name: 'Messages' });
    const masked = await within(log).findByText(/your temporary password is \[hidden\], please change it/);
    const item = masked.closest('li')!;
    expect(within(item).getByRole('note')).toHaveTextContent(/The password in this message was hidden from the customer: they see “\[hidden\]” and cannot use it\. Give it another way/);
    const plain = within(log).getByText('Your order ships on Monday').closest('li')!;
    expect(within(plain).queryByRole('note')).toBeNull();
  });

  it('a card number in a private note: the note says only the last 4 digits are kept', async () => {
    render(<Inbox api={serverMasking()} storage={signedInStorage()} alerts={quietAlerts} place={placeAt('#/mine/c1%3Ah1')} />);
    await screen.findByLabelText('Reply to the customer');
    await userEvent.click(screen.getByRole('tab', { name: /Private note/ }));
    await userEvent.type(screen.getByLabelText('Private note', { selector: 'textarea' }), 'She read me her card 4111 1111 1111 1111{Enter}');
    const masked = await within(screen.getByRole('list', { name: 'Messages' })).findByText(/She read me her card •••• 1111/);
    expect(within(masked.closest('li')!).getByRole('note')).toHaveTextContent('The card number in this note was hidden: the transcript, export and search keep only its last 4 digits.');
  });

  it('the server marking the entry itself (after a reload) is shown too', async () => {
    const entry: Entry = { id: 'e2', seq: 2, from: 'agent', name: 'Ann Lee', text: 'PIN is [hidden]', at: Date.now(), secretsHidden: ['pin', 'password'] };
    const api = fakeInboxApi({
      ...annOnline(1),
      list: async () => ({ counts: { unassigned: 0, mine: 1, all: 1, closed: 0 }, handoffs: [row] }),
      detail: async () => handoffDetail(row, { transcript: [entry] }),
    });
    render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={placeAt('#/mine/c1%3Ah1')} />);
    const bubble = await screen.findByText('PIN is [hidden]');
    expect(within(bubble.closest('li')!).getByRole('note')).toHaveTextContent('The PIN and password in this message were hidden from the customer');
  });
});
