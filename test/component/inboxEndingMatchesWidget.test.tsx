// @vitest-environment jsdom
/**
 * The agent sees the ending the customer sees (README "Not finished", newcomer s7 #7): a chat the agent resolved in a
 * flow with the "Start again" button ends in the widget with its own footer ("This conversation has ended." and "Start
 * a new chat"), the flow's button dropped. The inbox showed "Buttons: Start again" instead; now it says what the
 * customer sees. Both are rendered here from the same transcript.
 */
import './support/setup';
import { cleanup, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Inbox } from '../../renderer/inbox/Inbox';
import type { Entry } from '../../renderer/inbox/inboxApi';
import { Widget } from '../../renderer/widget/Widget';
import { createChatClient } from '../../renderer/widget/chatClient';
import { annOnline, fakeInboxApi, handoffDetail, handoffRow, placeAt, quietAlerts, signedInStorage } from './support/inboxFakes';

const at = 1_700_000_000_000;
const ENDED: Entry[] = [
  { id: 'c1:1', seq: 1, from: 'bot', text: 'What do you need?', at, buttons: [{ id: 'order', label: 'Order status' }, { id: 'person', label: 'Talk to a person' }] },
  { id: 'c1:2', seq: 2, from: 'customer', text: 'Talk to a person', at: at + 1000 },
  { id: 'c1:3', seq: 3, from: 'agent', text: 'Your parcel leaves today.', name: 'Ann Lee', at: at + 2000 },
  { id: 'c1:4', seq: 4, from: 'system', text: '', at: at + 3000, status: { mode: 'closed', handoff: { id: 'c1:h1', status: 'resolved', reason: 'explicit_request' } } },
  { id: 'c1:5', seq: 5, from: 'bot', text: 'This conversation has ended. You can start again whenever you like.', at: at + 3000, buttons: [{ id: 'restart', label: 'Start again' }] },
];

describe('the ending an agent sees is the customer’s', () => {
  it('the widget: the flow’s "Start again" is not offered; its footer is', async () => {
    const fetch = (async () => new Response(JSON.stringify({ mode: 'closed', messages: ENDED, lastSeq: 5 }), { status: 200, headers: { 'content-type': 'application/json' } })) as typeof globalThis.fetch;
    const m = new Map([['baton.widget.shop', JSON.stringify({ conversationId: 'c1', token: 't' })]]);
    const storage = { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
    render(<Widget flowId="shop" title="Shop" client={createChatClient({ baseUrl: 'http://x', storage, fetch })} />);
    await screen.findByText('Your parcel leaves today.');
    expect(screen.queryByRole('button', { name: 'Start again' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Start a new chat' })).toBeInTheDocument();
    expect(screen.getByText('This conversation has ended.')).toBeInTheDocument();
    cleanup();
  });

  it('the inbox: no "Buttons: Start again"; the footer says what the customer sees', async () => {
    const h = handoffRow({ status: 'resolved', endedAs: 'closed' });
    const api = fakeInboxApi({
      ...annOnline(0),
      list: async () => ({ counts: { unassigned: 0, mine: 0, all: 0, closed: 1 }, handoffs: [h] }),
      detail: async () => handoffDetail(h, { conversation: { id: 'c1', flowId: 'shop', mode: 'closed', createdAt: at, lastSeq: 5 }, transcript: ENDED }),
    });
    render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={placeAt('#/closed/c1:h1')} />);
    await screen.findByText('Your parcel leaves today.');
    expect(screen.queryByText(/Buttons: Start again/)).toBeNull();
    expect(screen.getByText(/The customer sees “This conversation has ended.” and a “Start a new chat” button./)).toBeInTheDocument();
    // Earlier choices are still listed: the customer was offered them at the time.
    expect(screen.getByText('Buttons: Order status · Talk to a person')).toBeInTheDocument();
  });
});
