// @vitest-environment jsdom
/**
 * The agent inbox (renderer/inbox) against a scripted agent API: sign-in errors, views with counts, the
 * conversation with bot turns marked and hostile text inert, the context panel, accept/reply/private note,
 * alerts (sound/notification + badge) for a new pending handoff from the push channel, editable variables.
 */
import './support/setup';
import { act, configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Inbox, parsePlace } from '../../renderer/inbox/Inbox';
import { InboxError, type AgentEventHandlers, type Entry, type HandoffDetail, type HandoffRow, type InboxApi } from '../../renderer/inbox/inboxApi';
import type { Alerts } from '../../renderer/inbox/notify';

configure({ asyncUtilTimeout: 5_000 });

const HOSTILE = '<img src=x onerror="window.__pwned=1"> {{constructor}}';
const ann = { id: 'ann', name: 'Ann Lee', email: 'ann@example.com', teams: ['support'], admin: false };

const row = (over: Partial<HandoffRow> = {}): HandoffRow => ({
  id: 'c1:h1',
  conversationId: 'c1',
  flowId: 'shop',
  status: 'pending',
  priority: 'normal',
  reason: 'explicit_request',
  summary: 'Customer wants a refund for order NW-1',
  assignation: 'simple',
  teams: ['support'],
  agentId: null,
  agentName: null,
  requestedAt: Date.now() - 60_000,
  updatedAt: Date.now(),
  deadline: null,
  ...over,
});

const e = (seq: number, from: Entry['from'], text: string, more: Partial<Entry> = {}): Entry => ({ id: `c1:${seq}`, seq, from, text, at: Date.now() - (10 - seq) * 1000, ...more });

function fakeApi() {
  let handoff = row();
  let events: AgentEventHandlers | null = null;
  const transcript: Entry[] = [e(1, 'bot', 'What can I help you with?'), e(2, 'customer', 'I want my money back'), e(3, 'customer', HOSTILE)];
  const notes: HandoffDetail['notes'] = [];
  let variables: Record<string, unknown> = { customerName: 'Dana', orderNumber: 'NW-1' };
  const api: InboxApi = {
    signIn: vi.fn(async (login, password) => {
      if (password !== 'pw') throw new InboxError('Wrong email or password.', 401, 'invalid_credentials');
      return { token: 'tok', agent: ann };
    }),
    signOut: vi.fn(async () => undefined),
    me: vi.fn(async () => ({ agent: ann, status: 'offline' as const, activeChats: 0 })),
    agents: vi.fn(async () => [ann, { id: 'bob', name: 'Bob', email: 'b@x', teams: ['support'], admin: false, status: 'online' as const }]),
    setPresence: vi.fn(async (_t, s) => s),
    list: vi.fn(async (_t, view) => {
      const open = handoff.status !== 'resolved';
      const inView = view === 'unassigned' ? handoff.status === 'pending' : view === 'mine' ? handoff.status === 'assigned' : view === 'all' ? open : !open;
      return {
        counts: { unassigned: handoff.status === 'pending' ? 1 : 0, mine: handoff.status === 'assigned' ? 1 : 0, all: open ? 1 : 0, closed: open ? 0 : 1 },
        handoffs: inView ? [handoff] : [],
      };
    }),
    detail: vi.fn(async () => ({
      handoff,
      context: {
        reason: 'explicit_request',
        signals: [{ reason: 'explicit_request', score: 1, threshold: 0.5, evidence: ['money back'], explanation: 'The customer asked for a person ("money back").' }],
        intents: [{ intent: 'refund', confidence: 0.91 }],
        entities: [{ type: 'order_number', value: 'NW-1' }],
        summary: 'Customer wants a refund for order NW-1',
        suggestedResolution: 'Check the order and refund.',
      },
      conversation: { id: 'c1', flowId: 'shop', mode: 'waiting', createdAt: 0, lastSeq: transcript.length },
      variables,
      transcript: [...transcript],
      notes: [...notes],
      alsoViewing: ['bob'],
    })),
    act: vi.fn(async (_t, _id, action) => {
      if (action === 'accept') handoff = { ...handoff, status: 'assigned', agentId: 'ann', agentName: 'Ann Lee' };
      if (action === 'resolve') handoff = { ...handoff, status: 'resolved' };
      return { ok: true };
    }),
    say: vi.fn(async (_t, _id, text, isPrivate) => {
      if (isPrivate) notes.push({ id: `n${notes.length}`, agentName: 'Ann Lee', text, at: Date.now() });
      else transcript.push(e(transcript.length + 1, 'agent', text, { name: 'Ann Lee' }));
      return { ok: true };
    }),
    transfer: vi.fn(async () => ({ ok: true })),
    setVariables: vi.fn(async (_t, _c, v) => (variables = { ...variables, ...v })),
    events: vi.fn((_t, h) => {
      events = h;
      return () => undefined;
    }),
  };
  return { api, emit: (type: string, data: unknown) => act(() => events!.onEvent(type, data)), setHandoff: (h: HandoffRow) => (handoff = h) };
}

const memoryStorage = () => {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
};

const fakeAlerts = (): Alerts & { newHandoff: ReturnType<typeof vi.fn>; setBadge: ReturnType<typeof vi.fn> } => ({
  newHandoff: vi.fn(),
  setBadge: vi.fn(),
  askPermission: vi.fn(async () => 'granted'),
  permission: () => 'granted',
});

async function signIn(api: InboxApi, alerts = fakeAlerts()) {
  render(<Inbox api={api} storage={memoryStorage()} alerts={alerts} />);
  await userEvent.type(screen.getByLabelText('Email or agent id'), 'ann@example.com');
  await userEvent.type(screen.getByLabelText('Password'), 'pw');
  await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
  await screen.findByRole('navigation', { name: 'Inbox views' });
  return alerts;
}

describe('agent inbox', () => {
  it('shows the server sentence for a wrong password and keeps what was typed', async () => {
    const { api } = fakeApi();
    render(<Inbox api={api} storage={memoryStorage()} alerts={fakeAlerts()} />);
    await userEvent.type(screen.getByLabelText('Email or agent id'), 'ann@example.com');
    await userEvent.type(screen.getByLabelText('Password'), 'nope');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong email or password.');
    expect(screen.getByLabelText('Email or agent id')).toHaveValue('ann@example.com');
  });

  it('signs in, goes online, lists views with counts; the conversation marks bot turns and keeps hostile text inert', async () => {
    const { api } = fakeApi();
    const alerts = await signIn(api);
    await waitFor(() => expect(api.setPresence).toHaveBeenCalledWith('tok', 'online'));
    expect(await screen.findByLabelText('1 unassigned')).toBeInTheDocument();
    expect(alerts.setBadge).toHaveBeenLastCalledWith(1);
    await userEvent.click(screen.getByRole('button', { name: /Asked for a person/ }));
    const log = await screen.findByRole('list', { name: 'Messages' });
    await within(log).findByText(HOSTILE);
    expect(log.querySelector('img')).toBeNull();
    expect(within(log).getAllByText('Bot')).toHaveLength(1);
    const ctx = screen.getByRole('complementary', { name: 'Context' });
    expect(within(ctx).getByText('The customer asked for a person ("money back").')).toBeInTheDocument();
    expect(within(ctx).getByText('refund 91%')).toBeInTheDocument();
    expect(within(ctx).getByText('order_number')).toBeInTheDocument();
    expect(screen.getByText(/Also viewing: Bob/)).toBeInTheDocument();
  });

  it('accepts, replies, adds a private note, resolves', async () => {
    const { api } = fakeApi();
    await signIn(api);
    await userEvent.click(await screen.findByRole('button', { name: /Asked for a person/ }));
    await userEvent.click(await screen.findByRole('button', { name: 'Accept' }));
    expect(api.act).toHaveBeenCalledWith('tok', 'c1:h1', 'accept');
    const reply = await screen.findByLabelText('Reply to the customer');
    await userEvent.type(reply, 'Hello Dana{Enter}');
    await waitFor(() => expect(api.say).toHaveBeenCalledWith('tok', 'c1:h1', 'Hello Dana', false));
    await userEvent.click(screen.getByRole('tab', { name: /Private note/ }));
    await userEvent.type(screen.getByLabelText('Private note'), 'Check the refund policy{Enter}');
    await waitFor(() => expect(api.say).toHaveBeenCalledWith('tok', 'c1:h1', 'Check the refund policy', true));
    expect(await screen.findByText('Check the refund policy')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Resolve' }));
    await waitFor(() => expect(api.act).toHaveBeenCalledWith('tok', 'c1:h1', 'resolve', {}));
    expect(await screen.findByText(/This conversation is resolved/)).toBeInTheDocument();
  });

  it('rings, notifies and badges for a new pending handoff from the push channel, not for one it already knew', async () => {
    const f = fakeApi();
    const alerts = await signIn(f.api);
    await screen.findByLabelText('1 unassigned');
    f.emit('handoff', { handoff: row(), previous: null });
    expect(alerts.newHandoff).not.toHaveBeenCalled();
    const fresh = row({ id: 'c2:h1', conversationId: 'c2', reason: 'negative_sentiment', summary: 'Angry about a late parcel' });
    f.emit('handoff', { handoff: fresh, previous: null });
    expect(alerts.newHandoff).toHaveBeenCalledWith('Customer is upset: Angry about a late parcel');
  });

  it('shows who is typing in the open conversation', async () => {
    const f = fakeApi();
    await signIn(f.api);
    await userEvent.click(await screen.findByRole('button', { name: /Asked for a person/ }));
    await screen.findByRole('list', { name: 'Messages' });
    f.emit('typing', { handoffId: 'c1:h1', from: 'customer' });
    const typingLine = (t: string) => screen.findByText((_, el) => el?.className === 'ib-typing' && el.textContent === t);
    expect(await typingLine('The customer is typing…')).toBeInTheDocument();
    f.emit('typing', { handoffId: 'c1:h1', agentId: 'bob', name: 'Bob' });
    expect(await typingLine('Bob is typing…')).toBeInTheDocument();
  });

  it('keeps "is typing…" while the signals keep coming, and clears it 4 s after the last one', async () => {
    const f = fakeApi();
    await signIn(f.api);
    await userEvent.click(await screen.findByRole('button', { name: /Asked for a person/ }));
    await screen.findByRole('list', { name: 'Messages' });
    const line = () => document.querySelector('.ib-typing')?.textContent ?? null;
    vi.useFakeTimers();
    try {
      f.emit('typing', { handoffId: 'c1:h1', from: 'customer' });
      expect(line()).toBe('The customer is typing…');
      act(() => vi.advanceTimersByTime(2500));
      f.emit('typing', { handoffId: 'c1:h1', from: 'customer' });
      act(() => vi.advanceTimersByTime(2000)); // 4.5 s after the first signal, 2 s after the last
      expect(line()).toBe('The customer is typing…');
      act(() => vi.advanceTimersByTime(2100));
      expect(line()).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it('edits a variable and shows the server error when it refuses', async () => {
    const f = fakeApi();
    await signIn(f.api);
    await userEvent.click(await screen.findByRole('button', { name: /Asked for a person/ }));
    // Nobody holds the chat yet: the fields are read-only and say why (the API refuses anyone but the holder or an admin).
    const ctx = await screen.findByRole('complementary', { name: 'Context' });
    expect(within(ctx).getByDisplayValue('NW-1')).toHaveAttribute('readonly');
    expect(within(ctx).getByText('Accept the chat to edit these.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Accept' }));
    await waitFor(() => expect(within(ctx).getByDisplayValue('NW-1')).not.toHaveAttribute('readonly'));
    const input = within(ctx).getByDisplayValue('NW-1');
    await userEvent.clear(input);
    await userEvent.type(input, 'NW-2{Enter}');
    await waitFor(() => expect(f.api.setVariables).toHaveBeenCalledWith('tok', 'c1', { orderNumber: 'NW-2' }));
    vi.mocked(f.api.setVariables).mockRejectedValueOnce(new InboxError('variables.orderNumber: expected a string, got number.', 400, 'invalid_variable'));
    await userEvent.type(input, '3{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('expected a string');
  });

  it('a saved variable says what changed, with Undo that puts the old value back (newcomer s42 N7)', async () => {
    const f = fakeApi();
    await signIn(f.api);
    await userEvent.click(await screen.findByRole('button', { name: /Asked for a person/ }));
    const ctx = await screen.findByRole('complementary', { name: 'Context' });
    await userEvent.click(screen.getByRole('button', { name: 'Accept' }));
    await waitFor(() => expect(within(ctx).getByDisplayValue('NW-1')).not.toHaveAttribute('readonly'));
    // Nothing changed yet: no note.
    expect(within(ctx).queryByText(/^Changed/)).toBeNull();
    const input = within(ctx).getByDisplayValue('NW-1');
    await userEvent.clear(input);
    await userEvent.type(input, 'Hi Sam, Ann here{Enter}');
    await waitFor(() => expect(f.api.setVariables).toHaveBeenCalledWith('tok', 'c1', { orderNumber: 'Hi Sam, Ann here' }));
    const note = await within(ctx).findByTestId('variable-changed');
    expect(note).toHaveTextContent('Changed orderNumber (it was “NW-1”). Undo');
    await userEvent.click(within(note).getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(f.api.setVariables).toHaveBeenLastCalledWith('tok', 'c1', { orderNumber: 'NW-1' }));
    await waitFor(() => expect(within(ctx).getByDisplayValue('NW-1')).toBeInTheDocument());
    expect(within(ctx).queryByText(/^Changed/)).toBeNull();
  });

  it('session 45 (retest s44 #3): no Undo once the chat is closed, and no internal id in a refusal', async () => {
    const f = fakeApi();
    await signIn(f.api);
    await userEvent.click(await screen.findByRole('button', { name: /Asked for a person/ }));
    const ctx = await screen.findByRole('complementary', { name: 'Context' });
    await userEvent.click(screen.getByRole('button', { name: 'Accept' }));
    await waitFor(() => expect(within(ctx).getByDisplayValue('NW-1')).not.toHaveAttribute('readonly'));
    const input = within(ctx).getByDisplayValue('NW-1');
    await userEvent.clear(input);
    await userEvent.type(input, 'NW-9{Enter}');
    await within(ctx).findByTestId('variable-changed');
    // A refusal quoting the conversation's id (an older server): the agent reads it without the id.
    vi.mocked(f.api.setVariables).mockRejectedValueOnce(new InboxError('Conversation "a0fede14-cced-48c0-906b-bc82935262cd" is closed: its variables can no longer be changed.', 409, 'conversation_closed'));
    await userEvent.type(within(ctx).getByDisplayValue('NW-9'), '9{Enter}');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Conversation is closed: its variables can no longer be changed.');
    expect(alert.textContent).not.toMatch(/a0fede14/);
    // Resolved: the fields are read-only and the Undo of the earlier change is gone.
    await userEvent.click(screen.getByRole('button', { name: /^Resolve/ }));
    const confirm = screen.queryAllByRole('button', { name: /^Resolve/ });
    if (confirm.length > 1) await userEvent.click(confirm[confirm.length - 1]!);
    await waitFor(() => expect(within(ctx).getByText('The conversation is closed.')).toBeInTheDocument());
    expect(within(ctx).queryByTestId('variable-changed')).toBeNull();
    expect(within(ctx).queryByRole('button', { name: 'Undo' })).toBeNull();
  });

  it('a 401 from the server signs the agent out with a sentence', async () => {
    const f = fakeApi();
    vi.mocked(f.api.list).mockRejectedValue(new InboxError('Sign in first.', 401, 'invalid_agent_token'));
    render(<Inbox api={f.api} storage={memoryStorage()} alerts={fakeAlerts()} initialToken="tok" />);
    expect(await screen.findByRole('alert')).toHaveTextContent('Your session ended. Sign in again.');
  });

  it("'/' in a reply searches the team's canned replies from the server; arrows + Enter pick one", async () => {
    const f = fakeApi();
    f.api.cannedReplies = vi.fn(async () => [
      { shortcut: 'refund', text: 'Your refund is on its way.' },
      { shortcut: 'hours', text: 'We are open 9 to 5.' },
      { shortcut: 'ref-policy', text: 'Refunds within 30 days.' },
    ]);
    await signIn(f.api);
    await userEvent.click(await screen.findByRole('button', { name: /Asked for a person/ }));
    await userEvent.click(await screen.findByRole('button', { name: 'Accept' }));
    const draft = await screen.findByLabelText('Reply to the customer');
    await userEvent.type(draft, '/ref');
    const box = await screen.findByRole('listbox', { name: 'Canned replies' });
    expect(within(box).getAllByRole('option').map((o) => o.textContent)).toEqual(['/refund Your refund is on its way.', '/ref-policy Refunds within 30 days.']);
    expect(draft).toHaveAttribute('aria-activedescendant', 'ib-slash-0');
    await userEvent.keyboard('{ArrowDown}{Enter}');
    expect(draft).toHaveValue('Refunds within 30 days.');
    expect(screen.queryByRole('listbox', { name: 'Canned replies' })).toBeNull();
    expect(f.api.say).not.toHaveBeenCalled(); // Enter picked the reply, it did not send "/ref"
    // Nothing matches: says so; Escape closes the list and Enter then sends the text as typed.
    await userEvent.clear(draft);
    await userEvent.type(draft, '/zzz');
    expect(await screen.findByText('No canned reply matches “zzz”.')).toBeInTheDocument();
    // The menu button lists the server's replies too.
    await userEvent.click(screen.getByRole('button', { name: /Canned replies/ }));
    expect(screen.getByRole('menuitem', { name: /\/hours We are open/ })).toBeInTheDocument();
  });

  it("a canned reply's {{variables}} are filled from the chat's variables; one with no value stays and is named (newcomer s9 #21)", async () => {
    const f = fakeApi();
    f.api.cannedReplies = vi.fn(async () => [{ shortcut: 'track', text: 'Hi {{customerName}}, order {{ orderNumber }} is on its way. Email: {{customerEmail}} {{secrets.KEY}}' }]);
    await signIn(f.api);
    await userEvent.click(await screen.findByRole('button', { name: /Asked for a person/ }));
    await userEvent.click(await screen.findByRole('button', { name: 'Accept' }));
    const draft = await screen.findByLabelText('Reply to the customer');
    await userEvent.type(draft, '/track');
    await screen.findByRole('listbox', { name: 'Canned replies' });
    await userEvent.keyboard('{Enter}');
    expect(draft).toHaveValue('Hi Dana, order NW-1 is on its way. Email: {{customerEmail}} {{secrets.KEY}}');
    expect(screen.getByText(/No value in this chat/)).toHaveTextContent('No value in this chat for {{customerEmail}}, {{secrets.KEY}}: edit the reply before sending.');
    // The agent edits the placeholders away: the note goes.
    await userEvent.clear(draft);
    await userEvent.type(draft, 'Hi Dana, order NW-1 is on its way.');
    expect(screen.queryByText(/No value in this chat/)).toBeNull();
  });

  it('bidi overrides and control characters in customer text and names are shown as visible markers, not obeyed', async () => {
    const f = fakeApi();
    const base = await f.api.detail('tok', 'c1:h1');
    vi.mocked(f.api.detail).mockImplementation(async () => ({
      ...base,
      variables: { ...base.variables, customerName: 'Eve\u202E' },
      transcript: [...base.transcript, e(9, 'customer', 'invoice\u202Efdp.exe\u0007 ok\nline two')],
    }));
    await signIn(f.api);
    await userEvent.click(await screen.findByRole('button', { name: /Asked for a person/ }));
    const log = await screen.findByRole('list', { name: 'Messages' });
    const bubble = await within(log).findByText(/invoice/);
    expect(bubble.textContent).toBe('invoice[U+202E]fdp.exe\uFFFD ok\nline two');
    expect(bubble).toHaveAttribute('dir', 'auto');
    expect(log.textContent).not.toContain('\u202E');
    expect(within(screen.getByRole('region', { name: 'Conversation' })).getByRole('heading', { level: 2 }).textContent).toBe('Eve[U+202E]');
  });

  it('rows are named after the customer; an admin can take a chat another agent holds (offline) and the list follows', async () => {
    const f = fakeApi();
    const boss = { ...ann, admin: true };
    vi.mocked(f.api.signIn).mockResolvedValue({ token: 'tok', agent: boss });
    vi.mocked(f.api.agents).mockResolvedValue([boss, { id: 'bob', name: 'Bob', email: 'b@x', teams: ['support'], admin: false, status: 'offline' }]);
    f.setHandoff(row({ status: 'assigned', agentId: 'bob', agentName: 'Bob', customer: 'Dana Scully' }));
    vi.mocked(f.api.transfer).mockImplementation(async () => {
      f.setHandoff(row({ status: 'assigned', agentId: 'ann', agentName: 'Ann Lee', customer: 'Dana Scully' }));
      return { ok: true };
    });
    await signIn(f.api);
    await userEvent.click(screen.getByRole('button', { name: /^All/ }));
    const rowBtn = await screen.findByRole('button', { name: /Dana Scully/ });
    expect(rowBtn).toHaveTextContent('shop');
    await userEvent.click(rowBtn);
    const conv = await screen.findByRole('region', { name: 'Conversation' });
    expect(within(conv).getByText('offline')).toBeInTheDocument();
    // Not the holder: no hand back / resolve, but "Take this chat" and Transfer for the admin.
    expect(within(conv).queryByRole('button', { name: 'Hand back to bot' })).toBeNull();
    expect(within(conv).getByRole('combobox', { name: 'Transfer to' })).toBeInTheDocument();
    // Session 45 (ui9, retest s44 #9): the list offers neither the admin herself ("Take this chat" is that) nor Bob, who holds it.
    const choices = within(within(conv).getByRole('combobox', { name: 'Transfer to' })).getAllByRole('option').map((o) => o.textContent);
    expect(choices).not.toContain('Ann Lee');
    expect(choices.some((c) => c?.startsWith('Bob'))).toBe(false);
    await userEvent.click(within(conv).getByRole('button', { name: 'Take this chat' }));
    expect(f.api.transfer).toHaveBeenCalledWith('tok', 'c1:h1', { agentId: 'ann' });
    await within(conv).findByRole('button', { name: 'Hand back to bot' });
    expect(screen.getByRole('button', { name: /^Mine/ })).toHaveAttribute('aria-current', 'page');
  });

  it('newcomer s46 N17: "Hand back to bot" is one label inside its flex button (no flex gap inside the words)', async () => {
    const f = fakeApi();
    f.setHandoff(row({ status: 'assigned', agentId: 'ann', agentName: 'Ann Lee' }));
    await signIn(f.api);
    await userEvent.click(screen.getByRole('button', { name: /^Mine/ }));
    await userEvent.click(await screen.findByRole('button', { name: /Asked for a person/ }));
    const conv = await screen.findByRole('region', { name: 'Conversation' });
    const button = await within(conv).findByRole('button', { name: 'Hand back to bot' });
    // Each child of a flex box is its own flex item with the gap between: the words must be in one element.
    const items = Array.from(button.childNodes).filter((n) => n.nodeType !== Node.TEXT_NODE || n.textContent!.trim() !== '');
    expect(items.map((n) => n.nodeName)).toEqual(['svg', 'SPAN']);
    expect(items[1].textContent).toBe('Hand back to bot');
  });

  it('hand back: says the question the bot asks next and fills its variable first (PATCH, then handback)', async () => {
    const f = fakeApi();
    const base = await f.api.detail('tok', 'c1:h1');
    f.setHandoff(row({ status: 'assigned', agentId: 'ann', agentName: 'Ann Lee' }));
    const order: string[] = [];
    vi.mocked(f.api.detail).mockImplementation(async () => ({
      ...base,
      handoff: row({ status: 'assigned', agentId: 'ann', agentName: 'Ann Lee' }),
      variables: { customerName: 'Dana' },
      resumesAt: { blockId: 'askOrder', kind: 'question', question: { text: "What's your order number?", variable: 'orderNumber', skipIfKnown: true } },
    }));
    vi.mocked(f.api.setVariables).mockImplementation(async (_t, _c, v) => (order.push(`patch ${JSON.stringify(v)}`), { customerName: 'Dana', ...v }));
    vi.mocked(f.api.act).mockImplementation(async (_t, _id, action) => (order.push(action), { ok: true }));
    await signIn(f.api);
    await userEvent.click(screen.getByRole('button', { name: /^Mine/ }));
    await userEvent.click(await screen.findByRole('button', { name: /Asked for a person/ }));
    const conv = await screen.findByRole('region', { name: 'Conversation' });
    await userEvent.click(await within(conv).findByRole('button', { name: 'Hand back to bot' }));
    // Nothing is handed back yet: the agent sees what the bot will ask.
    expect(order).toEqual([]);
    const form = within(conv).getByRole('form', { name: 'Hand back to the bot' });
    expect(form).toHaveTextContent("The bot will ask next: What's your order number? (saved in orderNumber)");
    await userEvent.type(within(form).getByLabelText('Value for orderNumber'), 'NW-104233');
    await userEvent.click(within(form).getByRole('button', { name: 'Hand back now' }));
    await waitFor(() => expect(order).toEqual(['patch {"orderNumber":"NW-104233"}', 'handback']));
    expect(f.api.setVariables).toHaveBeenCalledWith('tok', 'c1', { orderNumber: 'NW-104233' });
  });

  it('a non-admin who does not hold the chat gets neither Take this chat nor Transfer', async () => {
    const f = fakeApi();
    f.setHandoff(row({ status: 'assigned', agentId: 'bob', agentName: 'Bob' }));
    await signIn(f.api);
    await userEvent.click(screen.getByRole('button', { name: /^All/ }));
    await userEvent.click(await screen.findByRole('button', { name: /Asked for a person/ }));
    const conv = await screen.findByRole('region', { name: 'Conversation' });
    await within(conv).findByText('Bob', { selector: 'bdi' });
    expect(within(conv).queryByRole('button', { name: 'Take this chat' })).toBeNull();
    expect(within(conv).queryByRole('combobox', { name: 'Transfer to' })).toBeNull();
  });

  it('keeps the view and the open chat in the URL: a reload comes back to them, Back returns to the previous place', async () => {
    const f = fakeApi();
    let hash = '#/all/c1%3Ah1';
    const writes: Array<[string, boolean]> = [];
    let pop: (() => void) | null = null;
    const place = {
      read: () => hash,
      write: (h: string, push: boolean) => {
        writes.push([h, push]);
        hash = h;
      },
      listen: (fn: () => void) => ((pop = fn), () => (pop = null)),
    };
    render(<Inbox api={f.api} storage={memoryStorage()} alerts={fakeAlerts()} initialToken="tok" place={place} />);
    // Opened where the URL says: the All view with the chat open.
    const conv = await screen.findByRole('region', { name: 'Conversation' });
    expect(within(conv).getByRole('heading', { level: 2 })).toHaveTextContent('Dana');
    expect(screen.getByRole('button', { name: /^All/ })).toHaveAttribute('aria-current', 'page');
    expect(writes[0]).toEqual(['#/all/c1%3Ah1', false]);
    await userEvent.click(screen.getByRole('button', { name: /^Closed/ }));
    await waitFor(() => expect(writes.at(-1)).toEqual([expect.stringMatching(/^#\/closed/), true]));
    // Back: the browser restores the old hash and tells us.
    hash = '#/all/c1%3Ah1';
    act(() => pop!());
    await waitFor(() => expect(screen.getByRole('button', { name: /^All/ })).toHaveAttribute('aria-current', 'page'));
    expect(parsePlace('#/live')).toEqual({ view: 'unassigned', live: true, selected: null });
    expect(parsePlace('#/nonsense/x')).toBeNull();
    expect(parsePlace('#token=abc')).toBeNull();
  });

  it('after the push channel comes back it tells the server the presence again; a signed_out event signs the agent out', async () => {
    const f = fakeApi();
    let link: ((s: 'live' | 'reconnecting') => void) | null = null;
    const inner = f.api.events;
    f.api.events = vi.fn((t, h) => {
      link = h.onLink;
      return inner(t, h);
    });
    await signIn(f.api);
    await waitFor(() => expect(f.api.setPresence).toHaveBeenCalledWith('tok', 'online'));
    vi.mocked(f.api.setPresence).mockClear();
    act(() => link!('reconnecting'));
    act(() => link!('live'));
    await waitFor(() => expect(f.api.setPresence).toHaveBeenCalledWith('tok', 'online'));
    f.emit('signed_out', { reason: 'Your session ended. Sign in again.' });
    expect(await screen.findByRole('alert')).toHaveTextContent('Your session ended. Sign in again.');
    expect(screen.getByLabelText('Password')).toBeInTheDocument();
  });
});
