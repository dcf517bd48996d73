// @vitest-environment jsdom
/**
 * The open chat is no longer in the list beside it (newcomer s8 #12): Ann handed chat A back to the bot; the same
 * customer started again and chat B is in Mine. The pane still showed chat A with nothing saying so, both named
 * after the customer, so a reply could go to the wrong chat. Now the pane says chat A is not in Mine and what it is,
 * and offers the customer's newer chat.
 */
import './support/setup';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { Inbox } from '../../renderer/inbox/Inbox';
import { annOnline, fakeInboxApi, handoffDetail, handoffRow, placeAt, quietAlerts, signedInStorage } from './support/inboxFakes';

const old = handoffRow({ id: 'c1:h1', conversationId: 'c1', status: 'resolved', endedAs: 'handback', customer: 'jo@example.com' });
const fresh = handoffRow({ id: 'c2:h1', conversationId: 'c2', status: 'assigned', customer: 'jo@example.com' });

describe('the open chat is not in the view', () => {
  it('says so and offers the same customer’s newer chat', async () => {
    const api = fakeInboxApi({
      ...annOnline(1),
      list: async () => ({ counts: { unassigned: 0, mine: 1, all: 1, closed: 1 }, handoffs: [fresh] }),
      detail: async (_t, id) =>
        id === 'c1:h1'
          ? handoffDetail(old, { conversation: { id: 'c1', flowId: 'shop', mode: 'bot', createdAt: Date.now(), lastSeq: 1 }, transcript: [{ id: 'e1', seq: 1, from: 'customer', text: 'My card was charged twice', at: Date.now() }] })
          : handoffDetail(fresh, { transcript: [{ id: 'e1', seq: 1, from: 'customer', text: 'Hello again, it is Jo', at: Date.now() }] }),
    });
    render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={placeAt('#/mine/c1:h1')} />);
    await screen.findByText('My card was charged twice');
    expect(await screen.findByText('Not in Mine: this chat is back with the bot. jo@example.com has a newer chat in Mine.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Open the newer chat' }));
    await screen.findByText('Hello again, it is Jo');
    expect(screen.queryByText(/^Not in Mine/)).toBeNull();
  });

  it('says nothing while the open chat is in the list', async () => {
    const api = fakeInboxApi({
      ...annOnline(1),
      list: async () => ({ counts: { unassigned: 0, mine: 1, all: 1, closed: 0 }, handoffs: [fresh] }),
      detail: async () => handoffDetail(fresh, { transcript: [{ id: 'e1', seq: 1, from: 'customer', text: 'Hello again, it is Jo', at: Date.now() }] }),
    });
    render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={placeAt('#/mine/c2:h1')} />);
    await screen.findByText('Hello again, it is Jo');
    expect(screen.queryByText(/^Not in Mine/)).toBeNull();
  });
});
