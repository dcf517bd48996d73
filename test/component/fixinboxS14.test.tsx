// @vitest-environment jsdom
/**
 * fixinbox, session 14: the newcomer's inbox findings.
 * - N#13: Resolve with a rating question, then the rating: the timeline said "Handoff resolved" twice (the runtime logs a
 *   status line per mode change: bot on Resolve, closed after the rating); the second now says "Conversation ended";
 * - N#10: Resolve (hand back, transfer) with text in the reply box dropped it without a word; now asked first;
 * - N#17: a chat just taken over from the bot said "waiting 4 min" and "The customer was handed over to a person";
 *   an agent's own reply was previewed as "You/agent:";
 * - N#23: on a phone the "A chat was assigned to you (…)" toast was four lines over the top bar: one short line now;
 * - N#12 (inbox side): a colleague's rating blanked by the server (ratingHidden) reads as "Rated the chat (…)", not an empty bubble.
 */
import './support/setup';
import { act, configure, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { customerOfSummary, Inbox, previewWho, RATING_HIDDEN, repeatedStatusLines, summaryNow, waitingShown } from '../../renderer/inbox/Inbox';
import type { Entry, InboxApi } from '../../renderer/inbox/inboxApi';
import { ann, annOnline, fakeInboxApi, handoffDetail, handoffRow, placeAt, quietAlerts, signedInStorage } from './support/inboxFakes';

configure({ asyncUtilTimeout: 10_000 });

const sysLines = (log: HTMLElement) => [...log.querySelectorAll('.ib-sys')].map((li) => (li.textContent ?? '').replace(/ · .*$/, ''));

describe('N#13: one "Handoff resolved" line', () => {
  const at = Date.now() - 120_000;
  const resolved = (seq: number, mode: string): Entry => ({ id: `c1:${seq}`, seq, from: 'system', text: '', status: { mode, handoff: { id: 'c1:h1', status: 'resolved', reason: 'explicit_request' } }, at: at + seq * 1000 });

  it('Resolve, the rating, the end: "Handoff resolved" once, then "Conversation ended"', async () => {
    const row = handoffRow({ status: 'resolved', customer: 'Kim', endedAs: 'closed', agentId: 'ann' });
    // The log as runtime/effects/planStep.ts writes it: a status line on Resolve (mode bot) and one when the bot closes.
    const transcript: Entry[] = [
      { id: 'c1:1', seq: 1, from: 'agent', name: 'Ann Lee', text: 'All sorted.', at: at + 1000 },
      resolved(2, 'bot'),
      { id: 'c1:3', seq: 3, from: 'bot', text: 'How would you rate this chat?', buttons: ['1', '2', '3', '4', '5'].map((x) => ({ id: x, label: x })), at: at + 3000 },
      { id: 'c1:4', seq: 4, from: 'customer', text: '5', at: at + 4000 },
      { id: 'c1:5', seq: 5, from: 'bot', text: 'Have a lovely day!', at: at + 5000 },
      resolved(6, 'closed'),
    ];
    const api = fakeInboxApi({ ...annOnline(0), list: async () => ({ counts: { unassigned: 0, mine: 0, all: 0, closed: 1 }, handoffs: [row] }), detail: async () => handoffDetail(row, { transcript, conversation: { id: 'c1', flowId: 'shop', mode: 'closed', createdAt: at, lastSeq: 6 } }) });
    render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={placeAt('#/closed/c1%3Ah1')} />);
    const log = await screen.findByRole('list', { name: 'Messages' });
    await within(log).findByText('Have a lovely day!');
    expect(sysLines(log)).toEqual(['Handoff resolved', 'Conversation ended']);
  });

  it('a hand back whose conversation the bot ended later: "Handed back to the bot", then "Conversation ended"', () => {
    const lines = repeatedStatusLines([resolved(2, 'bot'), { id: 'c1:3', seq: 3, from: 'bot', text: 'Anything else?', at }, resolved(4, 'closed')]);
    expect([...lines]).toEqual([[4, 'Conversation ended']]);
    // A new state of the handoff (pending, then assigned) is not a repeat; a second handoff's first line is not either.
    const pending = (seq: number, id: string, status: string, mode: string): Entry => ({ id: `c1:${seq}`, seq, from: 'system', text: '', status: { mode, handoff: { id, status, reason: 'explicit_request' } }, at });
    expect(repeatedStatusLines([pending(1, 'c1:h1', 'pending', 'waiting'), pending(2, 'c1:h1', 'assigned', 'agent'), pending(3, 'c1:h2', 'assigned', 'agent')]).size).toBe(0);
  });
});

describe('N#10: an unsent reply and Resolve', () => {
  const setup = (say = vi.fn(async () => undefined)) => {
    const row = handoffRow({ customer: 'Kim' });
    // act() also carries 'typing' (each keystroke burst): the tests look at the 'resolve' calls.
    const act = vi.fn(async (..._a: unknown[]) => ({}));
    const api = fakeInboxApi({ ...annOnline(1), list: async () => ({ counts: { unassigned: 0, mine: 1, all: 1, closed: 0 }, handoffs: [row] }), detail: async () => handoffDetail(row), act: act as unknown as InboxApi['act'], say: say as unknown as InboxApi['say'] });
    render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={placeAt('#/mine/c1%3Ah1')} />);
    const resolves = () => act.mock.calls.filter((c) => c[2] === 'resolve');
    return { act, say, resolves };
  };

  it('asks first; Keep writing keeps the text and does nothing', async () => {
    const { say, resolves } = setup();
    const box = await screen.findByLabelText('Reply to the customer');
    await userEvent.type(box, 'I am checking your order now');
    await userEvent.click(screen.getByRole('button', { name: 'Resolve' }));
    const ask = await screen.findByRole('dialog', { name: 'Send your unsent reply first?' });
    expect(ask).toHaveTextContent('I am checking your order now');
    expect(ask).toHaveTextContent('If you resolve now without sending it, it is deleted.');
    expect(resolves()).toEqual([]);
    await userEvent.click(within(ask).getByRole('button', { name: 'Keep writing' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(box).toHaveValue('I am checking your order now');
    expect(resolves()).toEqual([]);
    expect(say).not.toHaveBeenCalled();
  });

  it('Send it, then resolve: the reply goes out first, then Resolve', async () => {
    const order: string[] = [];
    const say = vi.fn(async () => void order.push('say'));
    const { act: acted } = setup(say);
    acted.mockImplementation(async (...a: unknown[]) => (a[2] === 'resolve' && order.push('resolve'), {}));
    await userEvent.type(await screen.findByLabelText('Reply to the customer'), 'Your parcel left today.');
    await userEvent.click(screen.getByRole('button', { name: 'Resolve' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Send it, then resolve' }));
    expect(await screen.findByText('Resolved.')).toBeInTheDocument();
    expect(say).toHaveBeenCalledWith('tok', 'c1:h1', 'Your parcel left today.', false);
    expect(acted).toHaveBeenCalledWith('tok', 'c1:h1', 'resolve', {});
    expect(order).toEqual(['say', 'resolve']);
  });

  it('a failed send stops the Resolve and keeps the text', async () => {
    const say = vi.fn(async () => Promise.reject(Object.assign(new Error('The server did not answer.'), { code: 'network' })));
    const { resolves } = setup(say);
    const box = await screen.findByLabelText('Reply to the customer');
    await userEvent.type(box, 'One moment please');
    await userEvent.click(screen.getByRole('button', { name: 'Resolve' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Send it, then resolve' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The server did not answer.');
    expect(resolves()).toEqual([]);
    expect(box).toHaveValue('One moment please');
  });

  it('Delete it and resolve: resolves without sending, the box is empty', async () => {
    const { act: acted, say } = setup();
    const box = await screen.findByLabelText('Reply to the customer');
    await userEvent.type(box, 'scratch');
    await userEvent.click(screen.getByRole('button', { name: 'Resolve' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Delete it and resolve' }));
    await vi.waitFor(() => expect(acted).toHaveBeenCalledWith('tok', 'c1:h1', 'resolve', {}));
    expect(say).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(box).toHaveValue(''));
  });

  it('an empty box resolves at once, as before', async () => {
    const { act: acted } = setup();
    await screen.findByLabelText('Reply to the customer');
    await userEvent.click(screen.getByRole('button', { name: 'Resolve' }));
    await vi.waitFor(() => expect(acted).toHaveBeenCalledWith('tok', 'c1:h1', 'resolve', {}));
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('N#17: a takeover in the list, and who said the last message', () => {
  const now = Date.now();
  const takeover = { reason: 'flow', summary: 'Ann Lee took this conversation over from the bot. The customer (sam@example.com) is waiting. Topic: order_status (91% sure).' };

  it('a takeover whose customer the bot had answered is not "waiting"; a message after the takeover is, from then', () => {
    const base = { ...takeover, status: 'assigned', requestedAt: now - 10_000 };
    // The server counts the wait from the customer's first message since the last agent message: 4 minutes ago.
    expect(waitingShown({ ...base, waitingSince: now - 240_000, lastMessage: { from: 'bot', text: 'Your order ships today.', at: now - 239_000 } })).toBeNull();
    expect(waitingShown({ ...base, waitingSince: now - 240_000, lastMessage: { from: 'customer', text: 'hello?', at: now - 5000 } })).toBe(now - 10_000);
    // A handoff the customer asked for still counts from their message.
    expect(waitingShown({ ...base, reason: 'explicit_request', summary: 'Sam is waiting.', waitingSince: now - 240_000, lastMessage: { from: 'bot', text: 'Connecting you.', at: now - 239_000 } })).toBe(now - 240_000);
  });

  it('the row: no waiting badge, "You:" for my own reply, and the summary does not say the customer was handed over', async () => {
    const row = handoffRow({ ...takeover, customer: 'sam@example.com', requestedAt: now - 5000, waitingSince: now - 240_000, lastMessage: { from: 'bot', text: 'Your order ships today.', at: now - 239_000 } });
    const replied = handoffRow({ id: 'c2:h1', conversationId: 'c2', customer: 'Kim', lastMessage: { from: 'agent', text: 'Hi, Ann here', at: now }, waitingSince: null });
    const api = fakeInboxApi({ ...annOnline(2), list: async () => ({ counts: { unassigned: 0, mine: 2, all: 2, closed: 0 }, handoffs: [row, replied] }), detail: async () => handoffDetail(row) });
    render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={placeAt('#/mine')} />);
    const sam = (await screen.findByText('sam@example.com')).closest('button')!;
    expect(within(sam).getByTestId('row-last-message')).toHaveTextContent(/^Bot: Your order ships today\.$/);
    expect(sam.querySelector('.ib-waiting')).toBeNull();
    const kim = screen.getByText('Kim').closest('button')!;
    expect(within(kim).getByTestId('row-last-message')).toHaveTextContent(/^You: Hi, Ann here$/);
    expect(kim.textContent).not.toContain('You/agent');
    expect(summaryNow(takeover.summary, 'assigned')).toBe('Ann Lee took this conversation over from the bot. The customer (sam@example.com) was talking with the bot. Topic: order_status (91% sure).');
  });

  it('a colleague\'s message is previewed with their name', () => {
    expect(previewWho({ agentId: 'bob', agentName: 'Bob', lastMessage: { from: 'agent', text: 'x', at: now } }, ann)).toBe('Bob: ');
    expect(previewWho({ agentId: 'ann', agentName: 'Ann Lee', lastMessage: { from: 'agent', text: 'x', at: now, name: 'Bob' } }, ann)).toBe('Bob: ');
    expect(previewWho({ agentId: 'bob', agentName: 'Bob', lastMessage: { from: 'agent', text: 'x', at: now, name: 'Ann Lee' } }, ann)).toBe('You: ');
    expect(previewWho({ agentId: 'ann', agentName: 'Ann Lee', lastMessage: { from: 'customer', text: 'x', at: now } }, ann)).toBe('');
  });
});

describe('N#23: the assigned-chat toast on a phone', () => {
  const realMatchMedia = window.matchMedia;
  afterEach(() => {
    window.matchMedia = realMatchMedia;
  });

  it('names the customer from the summary', () => {
    expect(customerOfSummary('The customer (sam@example.com) is waiting. Handed over because …')).toBe('sam@example.com');
    expect(customerOfSummary('Kim (kim@example.com, +44 20) needs help with: a refund.')).toBe('Kim');
    expect(customerOfSummary('Ann Lee took this conversation over from the bot. The customer (sam@example.com, +1 555) is waiting.')).toBe('sam@example.com');
    expect(customerOfSummary('The customer is waiting.')).toBeNull();
    expect(customerOfSummary('')).toBeNull();
  });

  const assignedPush = async (phone: boolean) => {
    window.matchMedia = ((q: string) => ({ matches: phone && q === '(max-width: 700px)', media: q, addEventListener() {}, removeEventListener() {} })) as unknown as typeof window.matchMedia;
    let push: Parameters<InboxApi['events']>[1] | null = null;
    const api = fakeInboxApi({
      ...annOnline(0),
      list: async () => ({ counts: { unassigned: 0, mine: 0, all: 0, closed: 0 }, handoffs: [] }),
      events: (_t, h) => ((push = h), () => undefined),
    });
    render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={placeAt('#/unassigned')} />);
    await screen.findByText('No one is waiting. New handoffs appear here with a sound.');
    const summary = 'The customer (sam@example.com) is waiting. Handed over because they asked for a person. Key message: "I want to talk to a human right now"';
    act(() => push!.onEvent('handoff', { handoff: handoffRow({ summary, agentId: 'ann' }), previous: { status: 'pending', agentId: null } }));
    await vi.waitFor(() => expect(document.querySelector('.ib-flash')).not.toBeNull());
  };

  it('a phone shows one short line (the whole text as its tooltip)', async () => {
    await assignedPush(true);
    const toast = document.querySelector<HTMLElement>('.ib-flash')!;
    expect(toast.querySelector('.ib-flash-text')).toHaveTextContent(/^New chat for you: sam@example\.com \(in Mine\)\.$/);
    expect(toast.title).toMatch(/^A chat was assigned to you \(Asked for a person: The customer \(sam@example\.com\) is waiting\./);
  });

  it('a wider screen says who and why in two short lines, the whole sentence on hover (newcomer s39 N5)', async () => {
    await assignedPush(false);
    const toast = document.querySelector<HTMLElement>('.ib-flash')!;
    expect(toast.querySelector('.ib-flash-text')!.firstChild!.textContent).toBe('Assigned to you: sam@example.com');
    expect(toast.querySelector('.ib-flash-detail')).toHaveTextContent(/^Asked for a person · in Mine$/);
    expect(toast).not.toHaveTextContent(/Key message/);
    expect(toast.title).toMatch(/^A chat was assigned to you \(Asked for a person: The customer \(sam@example\.com\) is waiting\..* It is in Mine\.$/);
  });
});

describe('N#12: a colleague\'s rating, hidden by the server for a plain agent', () => {
  it('the answer reads as a rating whose score is not shown, not as an empty bubble', async () => {
    const at = Date.now() - 60_000;
    const row = handoffRow({ status: 'resolved', customer: 'Kim', endedAs: 'closed', agentId: 'bob', agentName: 'Bob Ray' });
    // What GET /api/v1/agent/handoffs/:id gives a plain agent for Bob's chat (runtime/agents/ratingPrivacy.ts, 30bc0ba).
    const transcript: Entry[] = [
      { id: 'c1:1', seq: 1, from: 'bot', text: 'How would you rate this chat?', buttons: ['1', '2', '3', '4', '5'].map((x) => ({ id: x, label: x })), at },
      { id: 'c1:2', seq: 2, from: 'customer', text: '', ratingHidden: true, at: at + 1000 },
      { id: 'c1:3', seq: 3, from: 'bot', text: 'Thank you for your feedback.', at: at + 2000 },
    ];
    const api = fakeInboxApi({ ...annOnline(0), list: async () => ({ counts: { unassigned: 0, mine: 0, all: 0, closed: 1 }, handoffs: [row] }), detail: async () => handoffDetail(row, { transcript, conversation: { id: 'c1', flowId: 'shop', mode: 'closed', createdAt: at, lastSeq: 3 } }) });
    render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={placeAt('#/closed/c1%3Ah1')} />);
    const log = await screen.findByRole('list', { name: 'Messages' });
    await within(log).findByText('Thank you for your feedback.');
    expect(within(log).getByText(RATING_HIDDEN)).toHaveClass('ib-rating-hidden');
    expect(log.textContent).not.toMatch(/Rated \d\/5/);
    expect(log.querySelectorAll('.ib-bubble:empty')).toHaveLength(0);
  });
});
