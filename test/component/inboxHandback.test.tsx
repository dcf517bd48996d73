// @vitest-environment jsdom
/**
 * Hand back is not Resolve in the inbox (newcomer s7 #3): a handoff the agent handed back to the bot reads "Back with
 * the bot" in the row and the header, and the footer says the bot is talking with the customer and where to find the
 * chat (Live); a handoff the agent closed still reads "Resolved".
 */
import './support/setup';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Inbox, statusWords, summaryNow } from '../../renderer/inbox/Inbox';
import type { HandoffDetail, HandoffRow } from '../../renderer/inbox/inboxApi';
import { ann, annOnline, fakeInboxApi, handoffDetail, handoffRow, placeAt, quietAlerts, signedInStorage } from './support/inboxFakes';

const row = (over: Partial<HandoffRow>): HandoffRow =>
  handoffRow({ status: 'resolved', summary: 'The customer (ada@example.com) is waiting.', customer: 'ada@example.com', ...over });

function show(h: HandoffRow) {
  const detail: HandoffDetail = handoffDetail(h, {
    conversation: { id: 'c1', flowId: 'shop', mode: h.endedAs === 'handback' ? 'bot' : 'closed', createdAt: Date.now(), lastSeq: 1 },
    transcript: [
      { id: 'e1', seq: 1, from: 'customer', text: 'Where is my parcel?', at: Date.now() },
      h.endedAs === 'handback'
        ? { id: 'e2', seq: 2, from: 'system', text: 'The bot is answering.', at: Date.now(), status: { mode: 'bot', handoff: { id: h.id, status: 'resolved', reason: h.reason } } }
        : { id: 'e2', seq: 2, from: 'system', text: 'The conversation has ended.', at: Date.now(), status: { mode: 'closed', handoff: { id: h.id, status: 'resolved', reason: h.reason } } },
    ],
  });
  const api = fakeInboxApi({
    ...annOnline(0),
    list: async () => ({ counts: { unassigned: 0, mine: 0, all: 0, closed: 1 }, handoffs: [h] }),
    detail: async () => detail,
  });
  const place = placeAt('#/closed/c1:h1');
  render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={place} />);
}

describe('hand back is not resolve', () => {
  it('the words', () => {
    expect(statusWords({ status: 'resolved', endedAs: 'handback' })).toBe('Back with the bot');
    expect(statusWords({ status: 'resolved', endedAs: 'closed' })).toBe('Resolved');
    expect(statusWords({ status: 'resolved' })).toBe('Resolved');
    expect(summaryNow('The customer is waiting.', 'resolved', 'handback')).toBe('The customer was handed over to a person, then back to the bot.');
  });

  it('a request the customer withdrew in the queue reads "Withdrawn", not a customer who left (hostile s38 H1)', async () => {
    expect(statusWords({ status: 'cancelled', endedAs: 'withdrawn' })).toBe('Withdrawn');
    expect(statusWords({ status: 'cancelled' })).toBe('Cancelled');
    expect(summaryNow('The customer is waiting.', 'cancelled', 'withdrawn')).toBe('The customer withdrew the request for a person before anyone took the chat.');
    expect(summaryNow('The customer is waiting.', 'cancelled', null)).toBe('The customer left before anyone took the chat (cancelled).');
    show(row({ status: 'cancelled', endedAs: 'withdrawn', agentId: null, agentName: null }));
    await screen.findByText('Where is my parcel?');
    expect(screen.getAllByText(/Withdrawn/).length).toBeGreaterThanOrEqual(1);
    expect(screen.getAllByText(/withdrew the request for a person/).length).toBeGreaterThanOrEqual(1);
  });

  it('a handed-back chat reads "Back with the bot" in the row, the header and the footer', async () => {
    show(row({ endedAs: 'handback' }));
    await screen.findByText('Where is my parcel?');
    expect(screen.getAllByText(/Back with the bot/).length).toBeGreaterThanOrEqual(2);
    expect(screen.getByText(/Handed back to the bot: the bot is talking with the customer again/)).toBeInTheDocument();
    expect(screen.queryByText(/This conversation is resolved/)).toBeNull();
    // The timeline's status line says so too (it said "Handoff resolved").
    expect(screen.getByText(/^Handed back to the bot ·/)).toBeInTheDocument();
    expect(screen.queryByText(/Handoff resolved/)).toBeNull();
  });

  it('a chat the agent closed still reads "Resolved"', async () => {
    show(row({ endedAs: 'closed' }));
    await screen.findByText('Where is my parcel?');
    expect(screen.getByText('This conversation is resolved.')).toBeInTheDocument();
    expect(screen.getByText(/Handoff resolved/)).toBeInTheDocument();
    expect(screen.queryByText(/Back with the bot/)).toBeNull();
  });
});

describe('more words (newcomer s7 #18, #20)', () => {
  it('a customer who left while an agent had the chat did not leave "before anyone took it"', async () => {
    const { summaryNow } = await import('../../renderer/inbox/Inbox');
    expect(summaryNow('The customer (zed@example.com) is waiting.', 'cancelled', null, 'Ann')).toBe(
      'The customer (zed@example.com) left the chat while Ann had it (closed the chat or started a new one).',
    );
    expect(summaryNow('The customer is waiting.', 'cancelled')).toBe('The customer left before anyone took the chat (cancelled).');
  });

  it('accepting over the limit says so', async () => {
    const { acceptedWords } = await import('../../renderer/inbox/Inbox');
    expect(acceptedWords({ activeChats: 3, maxChats: 3 })).toBe('You have the chat. The customer sees your name.');
    expect(acceptedWords({ activeChats: 4, maxChats: 3 })).toMatch(/You now have 4 chats, over your limit of 3/);
    expect(acceptedWords(undefined)).toBe('You have the chat. The customer sees your name.');
  });
});
