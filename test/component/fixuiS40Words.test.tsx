// @vitest-environment jsdom
/**
 * Newcomer s40 (ui, session 40):
 * N18: the inbox context panel of a chat an agent took over from the bot was headed "Why the bot handed over"; the
 *      bot did not hand over. It is now headed "Why an agent has it"; a real handoff keeps its heading.
 * N13: Version history's "Blocks only moved" listed ids ("message-1") while the summaries use titles.
 */
import './support/setup';
import { ann, fakeInboxApi, handoffDetail, handoffRow, placeAt, quietAlerts, signedInStorage } from './support/inboxFakes';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Inbox } from '../../renderer/inbox/Inbox';
import { diffFlows } from '../../runtime/studio/diffFlows';
import { VersionDiff } from '../../renderer/studio/history/VersionDiff';

const inboxWith = (summary: string) => {
  const row = handoffRow({ reason: 'flow', summary });
  return fakeInboxApi({
    signOut: async () => undefined,
    me: async () => ({ agent: ann, status: 'online', activeChats: 1 }),
    agents: async () => [ann],
    setPresence: async (_t, s) => s,
    list: async () => ({ counts: { unassigned: 0, mine: 1, all: 1, closed: 0 }, handoffs: [row] }),
    detail: async () => handoffDetail(row),
  });
};

describe('inbox context heading (newcomer s40 N18)', () => {
  it('a live takeover is not headed "Why the bot handed over"', async () => {
    render(<Inbox api={inboxWith('Ann Lee took this conversation over from the bot. Order status.')} storage={signedInStorage()} alerts={quietAlerts} place={placeAt('#/mine/c1%3Ah1')} />);
    expect(await screen.findByRole('heading', { name: 'Why an agent has it' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Why the bot handed over' })).toBeNull();
  });

  it('a chat the flow handed over keeps "Why the bot handed over"', async () => {
    render(<Inbox api={inboxWith('The customer is waiting. Handed over because the flow reached a human takeover.')} storage={signedInStorage()} alerts={quietAlerts} place={placeAt('#/mine/c1%3Ah1')} />);
    expect(await screen.findByRole('heading', { name: 'Why the bot handed over' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Why an agent has it' })).toBeNull();
  });
});

describe('blocks only moved, by title (newcomer s40 N13)', () => {
  const flow = (y: number) => ({
    version: 1,
    id: 'f',
    name: 'F',
    settings: {},
    blocks: [
      { id: 'start', kind: 'start', position: { x: 0, y }, data: {} },
      { id: 'message-1', kind: 'message', position: { x: 0, y: y + 100 }, data: { text: 'Hi' } },
      { id: 'menu', kind: 'buttons', label: 'Main menu', position: { x: 0, y: y + 200 }, data: { text: 'Pick', options: [{ id: 'a', label: 'A' }], retryMessage: 'Please choose.', maxRetries: 2 } },
    ],
    edges: [],
  });

  it('lists titles (label, else the kind as the palette names it), ids only in the tooltip', () => {
    render(<VersionDiff diff={diffFlows(flow(0), flow(50))} />);
    expect(screen.getByText('Blocks only moved (3)')).toBeInTheDocument();
    const list = document.querySelector('p.bt-diff-moved');
    expect(list?.textContent).toBe('Start, Message, Main menu');
    expect(list?.textContent).not.toContain('message-1');
    expect(screen.getByTitle('message-1')).toHaveTextContent('Message');
  });
});

describe('inbox list and transfer (newcomer s40 N16, N10)', () => {
  const listOf = (rows: ReturnType<typeof handoffRow>[]) =>
    fakeInboxApi({
      signOut: async () => undefined,
      me: async () => ({ agent: ann, status: 'online', activeChats: 1 }),
      agents: async () => [ann, { id: 'bob', name: 'Bob', email: 'bob@example.com', teams: ['support'], admin: false, status: 'online' }],
      setPresence: async (_t, s) => s,
      list: async () => ({ counts: { unassigned: 0, mine: rows.length, all: rows.length, closed: 0 }, handoffs: rows }),
      detail: async () => handoffDetail(rows[0]!),
    });

  it('a last message that is the row title (the email the customer typed) is not shown a second time; others are', async () => {
    const rows = [
      handoffRow({ id: 'c1:h1', customer: 'sam@example.com', lastMessage: { from: 'customer', text: 'Sam@example.com ', at: Date.now() } }),
      handoffRow({ id: 'c2:h1', conversationId: 'c2', customer: 'kim@example.com', lastMessage: { from: 'customer', text: 'Where is my parcel?', at: Date.now() } }),
    ];
    render(<Inbox api={listOf(rows)} storage={signedInStorage()} alerts={quietAlerts} place={placeAt('#/mine')} />);
    expect(await screen.findByText('Where is my parcel?')).toBeInTheDocument();
    expect(screen.getAllByText('sam@example.com')).toHaveLength(1);
    expect(screen.queryByText(/Sam@example\.com/)).toBeNull();
  });
});
