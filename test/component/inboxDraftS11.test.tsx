// @vitest-environment jsdom
/**
 * Newcomer s11 #25: a half-written reply was lost on a reload (or a browser restart). The unsent reply is kept per
 * agent and chat, comes back when the chat is opened again, and is gone once sent.
 */
import './support/setup';
import { annOnline, fakeInboxApi, handoffDetail, handoffRow, placeAt, quietAlerts, signedInStorage } from './support/inboxFakes';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Inbox } from '../../renderer/inbox/Inbox';

const row = handoffRow({ id: 'c1:h1', status: 'assigned', agentId: 'ann' });

function api() {
  return fakeInboxApi({
    ...annOnline(1),
    signOut: async () => undefined,
    list: async () => ({ counts: { unassigned: 0, mine: 1, all: 1, closed: 0 }, handoffs: [row] }),
    detail: async () => handoffDetail(row),
    say: vi.fn(async () => undefined),
    act: vi.fn(async () => ({ ok: true })) as never,
  });
}

describe('inbox: the reply draft survives a reload (newcomer s11 #25)', () => {
  it('comes back in the same chat after the page is opened again; is gone once sent', async () => {
    const storage = signedInStorage();
    const a = api();
    render(<Inbox api={a} storage={storage} alerts={quietAlerts} place={placeAt('#/mine/c1%3Ah1')} />);
    await userEvent.type(await screen.findByLabelText('Reply to the customer'), 'Let me check the warehouse for you');
    cleanup(); // the tab is reloaded

    const b = api();
    render(<Inbox api={b} storage={storage} alerts={quietAlerts} place={placeAt('#/mine/c1%3Ah1')} />);
    const box = await screen.findByLabelText('Reply to the customer');
    expect(box).toHaveValue('Let me check the warehouse for you');
    await userEvent.type(box, ', one moment{Enter}');
    await waitFor(() => expect(b.say).toHaveBeenCalledWith('tok', 'c1:h1', 'Let me check the warehouse for you, one moment', false));
    cleanup();

    render(<Inbox api={api()} storage={storage} alerts={quietAlerts} place={placeAt('#/mine/c1%3Ah1')} />);
    expect(await screen.findByLabelText('Reply to the customer')).toHaveValue('');
  });
});
