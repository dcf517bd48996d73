// @vitest-environment jsdom
/**
 * The variables panel follows the conversation (newcomer s7 #6: `lastMessage` kept the old text while the agent had
 * the chat, and changed only after a hand back): a customer message pushed for the open chat refetches its detail
 * once (a burst of messages: one refetch), so the panel shows the new values.
 */
import './support/setup';
import { act, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Inbox } from '../../renderer/inbox/Inbox';
import type { AgentEventHandlers, HandoffDetail, HandoffRow } from '../../renderer/inbox/inboxApi';
import { ann, annOnline, fakeInboxApi, handoffDetail, handoffRow, placeAt, quietAlerts, signedInStorage } from './support/inboxFakes';

const h: HandoffRow = handoffRow();

describe('variables panel', () => {
  it("shows the customer's new lastMessage after their message arrives", async () => {
    let push: AgentEventHandlers | null = null;
    let last = 'ada@example.com';
    let details = 0;
    const detail = (): HandoffDetail =>
      handoffDetail(h, { variables: { lastMessage: last }, transcript: [{ id: 'e1', seq: 1, from: 'customer', text: 'hello there', at: Date.now() }] });
    const api = fakeInboxApi({
      ...annOnline(1),
      list: async () => ({ counts: { unassigned: 0, mine: 1, all: 1, closed: 0 }, handoffs: [h] }),
      detail: async () => {
        details += 1;
        return detail();
      },
      events: (_t, x) => {
        push = x;
        return () => undefined;
      },
    });
    const place = placeAt('#/mine/c1:h1');
    render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={place} />);
    await screen.findByDisplayValue('ada@example.com');
    const before = details;
    last = 'My parcel never arrived, order NW-104233';
    await act(async () => {
      for (const seq of [2, 3]) push!.onEvent('message', { handoffId: 'c1:h1', message: { id: `e${seq}`, seq, from: 'customer', text: last, at: Date.now() } });
    });
    await waitFor(() => expect(screen.getByDisplayValue('My parcel never arrived, order NW-104233')).toBeInTheDocument());
    expect(details - before).toBe(1);
  });
});
