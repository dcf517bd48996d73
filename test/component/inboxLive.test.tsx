// @vitest-environment jsdom
/**
 * The inbox's "Live" view (renderer/inbox/LiveList.tsx) against a scripted agent API: live bot conversations
 * with preview, current block and turns; "Take over" refused -> the server's sentence on that row, nothing lost;
 * accepted -> the conversation opens in "Mine" and the agent can reply; hostile text stays text; paging.
 */
import './support/setup';
import { configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Inbox } from '../../renderer/inbox/Inbox';
import { InboxError, type Entry, type HandoffDetail, type HandoffRow, type InboxApi, type LiveRow } from '../../renderer/inbox/inboxApi';
import type { Alerts } from '../../renderer/inbox/notify';

configure({ asyncUtilTimeout: 5_000 });

const HOSTILE = '<img src=x onerror="window.__pwned=1"> {{constructor}}';
const ann = { id: 'ann', name: 'Ann Lee', email: 'ann@example.com', teams: ['support'], admin: false };
const t0 = Date.now();

const liveRow = (id: string, over: Partial<LiveRow> = {}): LiveRow => ({
  id,
  flowId: 'shop',
  startedAt: t0 - 120_000,
  lastActivityAt: t0 - 5_000,
  lastMessage: { from: 'bot', text: 'What do you need?', at: t0 - 5_000 },
  currentBlock: { id: 'menu', kind: 'buttons', label: null },
  turns: 0,
  ...over,
});

function fakeApi(opts: { refuse?: InboxError; many?: number } = {}) {
  let live: LiveRow[] = opts.many
    ? Array.from({ length: opts.many }, (_, i) => liveRow(`c${i}`, { lastActivityAt: t0 - i * 1000 }))
    : [liveRow('c1', { lastMessage: { from: 'customer', text: HOSTILE, at: t0 - 1000 }, turns: 2, currentBlock: { id: 'q', kind: 'question', label: 'Ask order number' } }), liveRow('c2')];
  let taken: HandoffRow | null = null;
  const transcript: Entry[] = [
    { id: 'c1:1', seq: 1, from: 'bot', text: 'What do you need?', at: t0 - 9000 },
    { id: 'c1:2', seq: 2, from: 'customer', text: HOSTILE, at: t0 - 1000 },
    { id: 'c1:3', seq: 3, from: 'system', text: 'Ann Lee from the team joined the conversation.', at: t0 },
  ];
  const api: InboxApi = {
    signIn: vi.fn(async () => ({ token: 'tok', agent: ann })),
    signOut: vi.fn(async () => undefined),
    me: vi.fn(async () => ({ agent: ann, status: 'online' as const, activeChats: 0 })),
    agents: vi.fn(async () => [ann]),
    setPresence: vi.fn(async (_t, s) => s),
    list: vi.fn(async (_t, view) => {
      const inView = taken !== null && (view === 'mine' || view === 'all');
      return { counts: { unassigned: 0, mine: taken ? 1 : 0, all: taken ? 1 : 0, closed: 0 }, handoffs: inView ? [taken!] : [] };
    }),
    detail: vi.fn(async (): Promise<HandoffDetail> => ({
      handoff: taken!,
      context: { reason: 'flow', signals: [], intents: [], entities: [], summary: 'Ann Lee took this conversation over from the bot.', suggestedResolution: '' },
      conversation: { id: 'c1', flowId: 'shop', mode: 'agent', createdAt: t0 - 120_000, lastSeq: transcript.length },
      variables: {},
      transcript: [...transcript],
      notes: [],
      alsoViewing: [],
    })),
    act: vi.fn(async () => ({ ok: true })),
    say: vi.fn(async (_t, _id, text) => {
      transcript.push({ id: `c1:${transcript.length + 1}`, seq: transcript.length + 1, from: 'agent', text, name: 'Ann Lee', at: Date.now() });
      return { ok: true };
    }),
    transfer: vi.fn(async () => ({ ok: true })),
    setVariables: vi.fn(async (_t, _c, v) => v),
    events: vi.fn(() => () => undefined),
    live: vi.fn(async (_t, page = {}) => {
      const offset = page.offset ?? 0;
      const limit = page.limit ?? 50;
      const slice = live.slice(offset, offset + limit);
      return { total: live.length, offset, limit, nextOffset: offset + slice.length < live.length ? offset + slice.length : null, conversations: slice };
    }),
    takeover: vi.fn(async (_t, id) => {
      if (opts.refuse) throw opts.refuse;
      taken = {
        id: `${id}:takeover`, conversationId: id, flowId: 'shop', status: 'assigned', priority: 'normal', reason: 'flow', summary: 'Ann Lee took this conversation over from the bot.',
        assignation: 'simple', teams: [], agentId: 'ann', agentName: 'Ann Lee', requestedAt: Date.now(), updatedAt: Date.now(), deadline: null,
      };
      live = live.filter((c) => c.id !== id);
      return { ok: true, mode: 'agent', handoff: taken };
    }),
  };
  return api;
}

const memoryStorage = () => {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
};
const alerts = (): Alerts => ({ newHandoff: vi.fn(), setBadge: vi.fn(), askPermission: vi.fn(async () => 'granted' as const), permission: () => 'granted' as const });

async function openLive(api: InboxApi) {
  render(<Inbox api={api} storage={memoryStorage()} alerts={alerts()} initialToken="tok" />);
  const nav = await screen.findByRole('navigation', { name: 'Inbox views' });
  await userEvent.click(within(nav).getByRole('button', { name: /Live/ }));
  return screen.findByRole('list', { name: 'Live bot conversations' });
}

describe('inbox Live view', () => {
  it('lists live bot conversations with preview, current block and turns; hostile text stays text', async () => {
    const api = fakeApi();
    const list = await openLive(api);
    expect(api.live).toHaveBeenCalledWith('tok', { limit: 50, offset: 0 });
    const c1 = within(list).getByRole('listitem', { name: 'Live conversation c1' });
    expect(within(c1).getByText(HOSTILE)).toBeInTheDocument();
    expect(c1.querySelector('img')).toBeNull();
    expect(within(c1).getByText('At: Ask order number')).toBeInTheDocument();
    expect(within(c1).getByText('2 turns')).toBeInTheDocument();
    const c2 = within(list).getByRole('listitem', { name: 'Live conversation c2' });
    expect(within(c2).getByText('At: Buttons')).toBeInTheDocument();
    expect(within(c2).getByText('0 turns')).toBeInTheDocument();
    expect(await screen.findByLabelText('2 live')).toBeInTheDocument();
  });

  it('shows the server refusal on the row and keeps the list when the takeover is not available', async () => {
    const refuse = new InboxError('Taking over a live bot conversation is not available yet.', 409, 'takeover_unavailable');
    const api = fakeApi({ refuse });
    const list = await openLive(api);
    await userEvent.click(within(list).getByRole('button', { name: 'Take over conversation c2' }));
    const c2 = within(list).getByRole('listitem', { name: 'Live conversation c2' });
    expect(await within(c2).findByRole('alert')).toHaveTextContent('Taking over a live bot conversation is not available yet.');
    expect(api.takeover).toHaveBeenCalledWith('tok', 'c2');
    // Still in Live, both rows still there, the button usable again.
    expect(screen.getByRole('heading', { name: 'Live' })).toBeInTheDocument();
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    expect(within(list).getByRole('button', { name: 'Take over conversation c2' })).toBeEnabled();
  });

  it('takes over: the conversation moves to Mine, opens, and the agent can reply', async () => {
    const api = fakeApi();
    const list = await openLive(api);
    await userEvent.click(within(list).getByRole('button', { name: 'Take over conversation c1' }));
    expect(await screen.findByRole('heading', { name: 'Mine' })).toBeInTheDocument();
    expect(screen.getByText(/You took over the conversation/)).toBeInTheDocument();
    expect(await screen.findByText(/Ann Lee from the team joined the conversation\./)).toBeInTheDocument();
    await waitFor(() => expect(api.detail).toHaveBeenCalledWith('tok', 'c1:takeover'));
    const reply = await screen.findByLabelText('Reply to the customer');
    await userEvent.type(reply, 'Hi, Ann here.{Enter}');
    await waitFor(() => expect(api.say).toHaveBeenCalledWith('tok', 'c1:takeover', 'Hi, Ann here.', false));
    // Back in Live: it is gone from there.
    await userEvent.click(within(screen.getByRole('navigation', { name: 'Inbox views' })).getByRole('button', { name: /Live/ }));
    const again = await screen.findByRole('list', { name: 'Live bot conversations' });
    expect(within(again).queryByRole('listitem', { name: 'Live conversation c1' })).toBeNull();
    expect(within(again).getByRole('listitem', { name: 'Live conversation c2' })).toBeInTheDocument();
    expect(await screen.findByLabelText('1 live')).toBeInTheDocument();
  });

  it('pages through many live conversations', async () => {
    const api = fakeApi({ many: 60 });
    const list = await openLive(api);
    expect(within(list).getAllByRole('listitem')).toHaveLength(50);
    expect(screen.getByText('1–50 of 60')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Older' }));
    expect(await screen.findByText('51–60 of 60')).toBeInTheDocument();
    expect(api.live).toHaveBeenLastCalledWith('tok', { limit: 50, offset: 50 });
    expect(within(screen.getByRole('list', { name: 'Live bot conversations' })).getAllByRole('listitem')).toHaveLength(10);
  });

  it('reads the last messages of a live conversation before taking it over (Read / Hide)', async () => {
    const api = fakeApi();
    api.liveTranscript = vi.fn(async () => [
      { seq: 1, from: 'bot' as const, text: 'What can I help you with?', at: 1 },
      { seq: 2, from: 'customer' as const, text: 'my order NW-1 <b>late</b>', at: 2 },
    ]);
    const list = await openLive(api);
    const c1 = within(list).getByRole('listitem', { name: 'Live conversation c1' });
    await userEvent.click(within(c1).getByRole('button', { name: 'Read' }));
    const preview = await within(c1).findByRole('list', { name: 'Last messages of c1' });
    expect(api.liveTranscript).toHaveBeenCalledWith('tok', 'c1');
    expect(within(preview).getByText('my order NW-1 <b>late</b>')).toBeInTheDocument();
    expect(preview.querySelector('b')).toBeNull();
    await userEvent.click(within(c1).getByRole('button', { name: 'Hide' }));
    expect(within(c1).queryByRole('list', { name: 'Last messages of c1' })).toBeNull();
  });
});
