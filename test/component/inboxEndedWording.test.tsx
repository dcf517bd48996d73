// @vitest-environment jsdom
/**
 * newcomer s9 #5: after a hand back the chat read "Back with the bot with Bob" in the header while the footer said the
 * bot was talking with the customer again, the customer saw "This conversation has ended." and the chat was in
 * Closed: four states at once. Now one: "Ended after hand back (Bob handed it back)" and a footer saying the bot closed
 * the conversation. And #10: a chat resolved while the bot asks the customer for the rating says exactly that.
 */
import './support/setup';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Inbox } from '../../renderer/inbox/Inbox';
import type { HandoffRow } from '../../renderer/inbox/inboxApi';
import { annOnline, fakeInboxApi, handoffDetail, handoffRow, placeAt, quietAlerts, signedInStorage } from './support/inboxFakes';

function show(over: Partial<HandoffRow>, mode: 'bot' | 'closed') {
  const h = handoffRow({ status: 'resolved', agentId: 'bob', agentName: 'Bob', customer: 'maria@example.com', ...over });
  const api = fakeInboxApi({
    ...annOnline(0),
    list: async () => ({ counts: { unassigned: 0, mine: 0, all: 0, closed: 1 }, handoffs: [h] }),
    detail: async () =>
      handoffDetail(h, {
        conversation: { id: 'c1', flowId: 'shop', mode, createdAt: Date.now(), lastSeq: 2 },
        transcript: [
          { id: 'e1', seq: 1, from: 'customer', text: 'no that is great, thank you Bob', at: Date.now() },
          { id: 'e2', seq: 2, from: 'bot', text: 'How would you rate this chat, from 1 (bad) to 5 (great)?', at: Date.now() },
        ],
      }),
  });
  render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={placeAt('#/closed/c1:h1')} />);
}

describe('one state after the agent is done (newcomer s9 #5, #10)', () => {
  it('handed back, then the bot ended the conversation: "Ended after hand back", nothing about talking again', async () => {
    show({ endedAs: 'handback' }, 'closed');
    await screen.findByText('no that is great, thank you Bob');
    const header = document.querySelector('.ib-conv-title')!;
    expect(header).toHaveTextContent('Ended after hand back (Bob handed it back)');
    expect(header.textContent).not.toMatch(/Back with the bot with/);
    expect(screen.getByText(/^Ended after the hand back: Bob handed the chat back to the bot, which closed the conversation\./)).toBeInTheDocument();
    expect(screen.queryByText(/talking with the customer again/)).toBeNull();
  });

  it('handed back and the bot still talking: "Back with the bot (Bob handed it back)"', async () => {
    show({ endedAs: 'handback' }, 'bot');
    await screen.findByText('no that is great, thank you Bob');
    expect(document.querySelector('.ib-conv-title')!).toHaveTextContent('Back with the bot (Bob handed it back)');
    expect(screen.getByText(/Handed back to the bot: the bot is talking with the customer again/)).toBeInTheDocument();
  });

  it('resolved while the bot asks for the rating says so', async () => {
    show({ endedAs: 'closed' }, 'bot');
    await screen.findByText('no that is great, thank you Bob');
    expect(screen.getByText('This conversation is resolved. The bot is asking the customer to rate the chat; the conversation ends after that.')).toBeInTheDocument();
  });
});
