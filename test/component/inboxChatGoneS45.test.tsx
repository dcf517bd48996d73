// @vitest-environment jsdom
/**
 * Session 45 (retest-studio s45 M2): a chat the agent had open that they may no longer see (handed back to the bot,
 * transferred, closed for them) showed the server's 404 words to the agent ("No chat with this id that you can see; list
 * yours with GET /api/v1/agent/handoffs.") as an error that stayed for minutes, over a pane stuck on "Loading…". Now the
 * chat closes and the inbox says why in its own words, as a notice.
 */
import './support/setup';
import { configure, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CHAT_GONE, Inbox } from '../../renderer/inbox/Inbox';
import { InboxError } from '../../renderer/inbox/inboxApi';
import { annOnline, fakeInboxApi, handoffRow, placeAt, quietAlerts, signedInStorage } from './support/inboxFakes';

configure({ asyncUtilTimeout: 10_000 });

describe('the open chat is no longer the agent\'s to see', () => {
  it.each(['handoff_not_found', 'conversation_not_found'])('a 404 %s closes the chat with a notice in the inbox\'s words', async (code) => {
    const row = handoffRow();
    const api = fakeInboxApi({
      ...annOnline(1),
      list: async () => ({ counts: { unassigned: 0, mine: 1, all: 1, closed: 0 }, handoffs: [row] }),
      detail: async () => {
        throw new InboxError('No chat with this id that you can see; list yours with GET /api/v1/agent/handoffs.', 404, code);
      },
    });
    render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={placeAt('#/mine/c1%3Ah1')} />);
    expect(await screen.findByText(CHAT_GONE)).toBeInTheDocument();
    expect(screen.queryByText(/GET \/api\/v1/)).toBeNull();
    expect(screen.queryByText('Loading…')).toBeNull();
    expect(screen.getByText('Pick a conversation on the left.')).toBeInTheDocument();
  });

  it('another failure of the same call still shows its error (not the notice)', async () => {
    const row = handoffRow();
    const api = fakeInboxApi({
      ...annOnline(1),
      list: async () => ({ counts: { unassigned: 0, mine: 1, all: 1, closed: 0 }, handoffs: [row] }),
      detail: async () => {
        throw new InboxError('The server could not read the chat: storage unavailable.', 503, 'storage_unavailable');
      },
    });
    render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={placeAt('#/mine/c1%3Ah1')} />);
    expect(await screen.findByText(/storage unavailable/)).toBeInTheDocument();
    expect(screen.queryByText(CHAT_GONE)).toBeNull();
  });
});
