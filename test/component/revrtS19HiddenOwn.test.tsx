// @vitest-environment jsdom
/**
 * revrt, session 19 (review of s18's 0401840, #9): the inbox remembered which of her sends the server masked by the
 * masked TEXT, and looked every agent message up by it: a colleague's message with the same words ("your temporary
 * password is [hidden]") was also marked "hidden from the customer" as if she had sent it. Only her own sends now.
 */
import './support/setup';
import { act, screen, render, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { Inbox } from '../../renderer/inbox/Inbox';
import type { AgentEventHandlers, Entry } from '../../renderer/inbox/inboxApi';
import { annOnline, fakeInboxApi, handoffDetail, handoffRow, placeAt, quietAlerts, signedInStorage } from './support/inboxFakes';

const row = handoffRow({ id: 'c1:h1', status: 'assigned', agentId: 'ann' });

describe("a colleague's message with the same masked words is not marked as hers (revrt #9)", () => {
  it('her masked send has the note; Bob saying the same words after her does not', async () => {
    const transcript: Entry[] = [{ id: 'e1', seq: 1, from: 'customer', text: 'I cannot log in', at: Date.now() - 60_000 }];
    let seq = 1;
    let push: AgentEventHandlers | null = null;
    const api = fakeInboxApi({
      events: (_t, h) => {
        push = h;
        return () => undefined;
      },
      ...annOnline(1),
      list: async () => ({ counts: { unassigned: 0, mine: 1, all: 1, closed: 0 }, handoffs: [row] }),
      detail: async () => handoffDetail(row, { transcript: [...transcript] }),
      say: async (_t, _id, text) => {
        const masked = text.replace(/(password is )\S+/, '$1[hidden]');
        const entry: Entry = { id: `e${++seq}`, seq, from: 'agent', name: 'Ann Lee', text: masked, at: Date.now() };
        transcript.push(entry);
        setTimeout(() => push?.onEvent('message', { handoffId: 'c1:h1', conversationId: 'c1', message: entry }), 0);
        return { ok: true, messages: [{ text: masked }], secretsHidden: ['password'] } as never;
      },
    });
    render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={placeAt('#/mine/c1%3Ah1')} />);
    const box = await screen.findByLabelText('Reply to the customer');
    await userEvent.type(box, 'your temporary password is Tulip-2291{Enter}');
    const log = screen.getByRole('list', { name: 'Messages' });
    const hers = await within(log).findByText('your temporary password is [hidden]');
    expect(within(hers.closest('li')!).getByRole('note')).toHaveTextContent('The password in this message was hidden from the customer');
    // Bob (who took part in the chat) writes the same words; the server masked nothing of his (no secretsHidden).
    const bobs: Entry = { id: 'e9', seq: 9, from: 'agent', name: 'Bob', text: 'your temporary password is [hidden]', at: Date.now() };
    transcript.push(bobs);
    await act(async () => push!.onEvent('message', { handoffId: 'c1:h1', conversationId: 'c1', message: bobs }));
    const both = await within(log).findAllByText('your temporary password is [hidden]');
    expect(both).toHaveLength(2);
    expect(within(both[1].closest('li')!).queryByRole('note')).toBeNull();
  });
});
