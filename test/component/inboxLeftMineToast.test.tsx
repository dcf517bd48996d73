// @vitest-environment jsdom
/**
 * Newcomer s35 #4: the toast "A chat was assigned to you … It is in Mine. [Open it]" stayed after the chat had left
 * Mine. Now, when the chat a toast is about leaves Mine, the toast goes if it was her own doing (she went offline or
 * signed out putting it back), and otherwise says where the chat is and why: an auto-assigned chat she did not open in
 * time went back to Unassigned and is not given to her again, and "Open it" finds it there.
 */
import './support/setup';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Inbox } from '../../renderer/inbox/Inbox';
import type { AgentEventHandlers, HandoffRow } from '../../renderer/inbox/inboxApi';
import { annOnline, fakeInboxApi, handoffRow, placeAt, quietAlerts, signedInStorage } from './support/inboxFakes';

const ada = (over: Partial<HandoffRow>) =>
  handoffRow({ id: 'c9:h1', conversationId: 'c9', customer: 'Ada Auto', summary: 'The customer asked for a person.', assignation: 'custom', joined: false, ...over });

async function inboxWithPush() {
  let push: AgentEventHandlers | null = null;
  const api = fakeInboxApi({
    ...annOnline(0),
    list: async () => ({ counts: { unassigned: 0, mine: 0, all: 0, closed: 0 }, handoffs: [] }),
    events: (_t, h) => {
      push = h;
      return () => undefined;
    },
  });
  const writes: string[] = [];
  const place = { ...placeAt('#/unassigned'), write: (hash: string) => void writes.push(hash) };
  render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={place} />);
  await screen.findByText(/No one is waiting/);
  const send = (handoff: HandoffRow, previous: { status: string; agentId: string | null }) => act(async () => push!.onEvent('handoff', { handoff, previous }));
  await send(ada({}), { status: 'pending', agentId: null });
  expect(screen.getByRole('status')).toHaveTextContent(/Assigned to you: .*in Mine/);
  return { send, writes };
}

describe('the "It is in Mine" toast follows the chat (newcomer s35 #4)', () => {
  it('goes when she went offline and put the chat back', async () => {
    const { send } = await inboxWithPush();
    await send(ada({ status: 'pending', agentId: null, agentName: null, putBack: { byId: 'ann', why: 'other', note: 'Ann Lee went offline; the chat went back to the queue.', at: Date.now() } }), { status: 'assigned', agentId: 'ann' });
    expect(screen.queryByText(/Assigned to you:|in Mine$/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Open it' })).toBeNull();
  });

  it('says why when the chat went back because she did not open it in time, and Open it finds it in Unassigned', async () => {
    const { send, writes } = await inboxWithPush();
    await send(ada({ status: 'pending', agentId: null, agentName: null, putBack: { byId: 'ann', why: 'not_opened', note: 'Not opened in time: reassigned.', at: Date.now() } }), { status: 'assigned', agentId: 'ann' });
    expect(screen.queryByText(/Assigned to you:|in Mine$/)).toBeNull();
    // Session 36: a headline and one short line; the whole explanation is the toast's tooltip (it was a ten-line paragraph).
    const toast = screen.getByRole('status');
    expect(toast.querySelector('.ib-flash-text')?.firstChild?.textContent).toBe("Ada Auto's chat went back to Unassigned");
    expect(toast.querySelector('.ib-flash-detail')?.textContent).toBe('Not opened in time: it is offered to the other agents first.'); // session 41 (hostile s40 M9)
    expect(toast.getAttribute('title')).toBe(
      "Ada Auto's chat went back to Unassigned: you did not open it in time, so it is offered to the other agents first; if nobody else can take it, it is given to you once more (not after a second time). It is still waiting: open it from Unassigned to take it.",
    );
    expect((toast.querySelector('.ib-flash-text')?.textContent ?? '').length).toBeLessThanOrEqual(100);
    fireEvent.click(screen.getByRole('button', { name: 'Open it' }));
    await act(async () => undefined);
    expect(writes.at(-1)).toMatch(/^#\/unassigned\/c9%3Ah1|^#\/unassigned\/c9:h1/);
  });

  it('away too long is no refusal: the toast does not promise the chat will not come back (session 37)', async () => {
    const { send } = await inboxWithPush();
    await send(ada({ status: 'pending', agentId: null, agentName: null, putBack: { byId: 'ann', why: 'away', note: 'Away too long: back to the queue.', at: Date.now() } }), { status: 'assigned', agentId: 'ann' });
    const toast = screen.getByRole('status');
    expect(toast.querySelector('.ib-flash-text')?.firstChild?.textContent).toBe("Ada Auto's chat went back to Unassigned");
    expect(toast.querySelector('.ib-flash-detail')?.textContent).toBe('You were away too long: it is offered to the other agents.');
    expect(toast.textContent).not.toMatch(/won't come back/);
    expect(toast.getAttribute('title')).toContain('it may be given to you again once you are active');
    expect(screen.getByRole('button', { name: 'Open it' })).toBeTruthy();
  });

  it('says who has it when a colleague got it', async () => {
    const { send } = await inboxWithPush();
    await send(ada({ agentId: 'bob', agentName: 'Bob', joined: true }), { status: 'assigned', agentId: 'ann' });
    expect(screen.getByRole('status')).toHaveTextContent("Ada Auto's chat is no longer in Mine: Bob has it now.");
  });
});
