// @vitest-environment jsdom
/**
 * Newcomer s39 N5 / N6 / N21 in the inbox:
 * - N5: "A chat was assigned to you" held the whole handoff summary (17 lines over the context panel): now who, why and
 *   "Open it"; the summary is the tooltip. (Its place, bottom of the list column, is checked in a browser:
 *   test/e2e/inboxS39Layout.test.ts.)
 * - N6: a chat handed back and then ended by the bot said "Not in Mine: this chat is back with the bot." under the
 *   header's "Ended after hand back".
 * - N21: a variable's value wider than its field can be read whole (tooltip); the header's buttons keep their names.
 */
import './support/setup';
import { act, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Inbox } from '../../renderer/inbox/Inbox';
import type { AgentEventHandlers, HandoffDetail, HandoffRow } from '../../renderer/inbox/inboxApi';
import { annOnline, fakeInboxApi, handoffDetail, handoffRow, placeAt, quietAlerts, signedInStorage } from './support/inboxFakes';

const longSummary =
  'The customer (sam@example.com) is waiting. Handed over because a sensitive topic came up. Key message: "I was charged twice for order NW-104233, I want my money back". The customer sounded upset. Reference: NW-104233.';

describe('N5: the toast for a chat assigned to me is short', () => {
  it('who and why beside Open it; the long summary only on hover', async () => {
    let push: AgentEventHandlers | null = null;
    const api = fakeInboxApi({
      ...annOnline(0),
      list: async () => ({ counts: { unassigned: 0, mine: 0, all: 0, closed: 0 }, handoffs: [] }),
      events: (_t, h) => ((push = h), () => undefined),
    });
    render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={placeAt('#/unassigned')} />);
    await screen.findByText(/No one is waiting/);
    const row = handoffRow({ id: 'c9:h1', conversationId: 'c9', reason: 'sensitive_topic', summary: longSummary, customer: 'sam@example.com', assignation: 'custom' });
    await act(async () => push!.onEvent('handoff', { handoff: row, previous: { status: 'pending', agentId: null } }));
    const toast = screen.getByRole('status');
    expect(toast.querySelector('.ib-flash-text')!.firstChild!.textContent).toBe('Assigned to you: sam@example.com');
    expect(toast.querySelector('.ib-flash-detail')!.textContent).toBe('Sensitive topic · in Mine');
    // Nothing of the summary in the toast itself (it was "... Key message: ... Reference: NW-104233.). It is in Mine.").
    expect(toast.textContent).not.toMatch(/charged twice|Reference|Handed over because/);
    expect((toast.querySelector('.ib-flash-text')!.textContent ?? '').length).toBeLessThanOrEqual(90);
    expect(toast.getAttribute('title')).toBe(`A chat was assigned to you (Sensitive topic: ${longSummary}). It is in Mine.`);
    expect(screen.getByRole('button', { name: 'Open it' })).toBeTruthy();
  });
});

function endedDetail(over: { conversationMode: string }): HandoffDetail {
  const h = handoffRow({ id: 'c1:h1', conversationId: 'c1', status: 'resolved', endedAs: 'handback', agentId: 'ann', agentName: 'Ann Lee', customer: 'sam@example.com', reason: 'sensitive_topic' });
  const d = handoffDetail(h, {
    transcript: [
      { seq: 1, from: 'customer', text: 'I want my money back', at: Date.now() - 60_000 },
      { seq: 2, from: 'agent', text: 'Refunded.', at: Date.now() - 50_000, name: 'Ann Lee' },
    ] as HandoffDetail['transcript'],
    variables: { customerEmail: 'samantha.longname@example-company.com', lastMessage: 'No that is all, thanks! (sent from my second tab)' },
  });
  return { ...d, conversation: { ...d.conversation!, mode: over.conversationMode } };
}

async function openEnded(mode: string) {
  const d = endedDetail({ conversationMode: mode });
  const api = fakeInboxApi({
    ...annOnline(0),
    list: async () => ({ counts: { unassigned: 0, mine: 0, all: 0, closed: 1 }, handoffs: [] as HandoffRow[] }),
    detail: async () => d,
  });
  render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={placeAt('#/mine/c1%3Ah1')} />);
  return d;
}

describe('N6: the banner after a hand back that ended the chat', () => {
  it('says the chat has ended, not that it is back with the bot', async () => {
    await openEnded('closed');
    const banner = await waitFor(() => {
      const b = document.querySelector('.ib-not-in-view');
      if (!b) throw new Error('no banner yet');
      return b;
    });
    expect(banner.textContent).toBe('Not in Mine: this chat has ended.');
    expect(screen.getAllByText('Ended after hand back').length).toBeGreaterThan(0);
  });

  it('a hand back whose conversation goes on still says it is back with the bot', async () => {
    await openEnded('bot');
    await waitFor(() => expect(document.querySelector('.ib-not-in-view')).not.toBeNull());
    expect(document.querySelector('.ib-not-in-view')!.textContent).toBe('Not in Mine: this chat is back with the bot.');
  });
});

describe('N21: a variable wider than its field reads whole on hover', () => {
  it('each field has its value (and its name) as a tooltip', async () => {
    await openEnded('closed');
    const email = await screen.findByDisplayValue('samantha.longname@example-company.com');
    expect(email).toHaveAttribute('title', 'samantha.longname@example-company.com');
    expect(screen.getByDisplayValue('No that is all, thanks! (sent from my second tab)')).toHaveAttribute('title', 'No that is all, thanks! (sent from my second tab)');
    // An empty field has no tooltip (its placeholder says "—").
    const phone = screen.getByText('customerPhone').closest('label')!.querySelector('input')!;
    expect(phone.value).toBe('');
    expect(phone.hasAttribute('title')).toBe(false);
    expect(screen.getByText('customerEmail')).toHaveAttribute('title', 'customerEmail');
  });
});
