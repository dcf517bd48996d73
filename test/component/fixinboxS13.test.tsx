// @vitest-environment jsdom
/**
 * fixinbox, session 13: session 12's leftovers in the inbox.
 * - newcomer s12 #15 rest: the Canned replies screen says the agents file is broken when it opens (as the Agents
 *   screen does); a save refused because of it says so and keeps the edits (was: "the list was changed by another
 *   admin" and a merge);
 * - newcomer s12 #15 rest: an agent whose inbox closed reads "Inbox closed", not "Online", on the Agents screen;
 * - a hand back whose conversation has ended reads "Ended after hand back" on its Closed row (was "Back with the bot");
 * - Resolve with a rating question leaves the bot asking: the timeline no longer reads "Handed back to the bot";
 * - the timeline's "Handoff pending" line after a failed HTTP call names the call, as the list and summary do.
 */
import './support/setup';
import { configure, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { AgentsScreen } from '../../renderer/inbox/admin/AgentsScreen';
import { CannedRepliesScreen, clearCannedDrafts } from '../../renderer/inbox/admin/CannedRepliesScreen';
import { createAdminApi, type AdminAgent, type AdminApi } from '../../renderer/inbox/admin/adminApi';
import { Inbox } from '../../renderer/inbox/Inbox';
import type { Entry } from '../../renderer/inbox/inboxApi';
import { annOnline, fakeInboxApi, handoffDetail, handoffRow, placeAt, quietAlerts, signedInStorage } from './support/inboxFakes';

configure({ asyncUtilTimeout: 10_000 });

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('the Canned replies screen and a broken agents file (newcomer s12 #15)', () => {
  it('says so when it opens; a refused save says why and keeps the edit; gone once the file is fixed', async () => {
    clearCannedDrafts();
    const replies = [{ shortcut: 'hello', text: 'Hi, thanks for waiting!' }];
    let problem: string | null = "/srv/baton/agents.json: not valid JSON (Expected ',' or '}' after property value in JSON at position 454).";
    // What the runtime answers (runtime/agents/agentRoutes.ts): GET with fileProblem for admins, PUT 409 while broken.
    const fetch = vi.fn(async (_url: string, init?: RequestInit) => {
      if (!init?.method || init.method === 'GET') return json(200, { replies, revision: 1, ...(problem ? { fileProblem: problem } : {}) });
      if (problem) return json(409, { error: 'agents_file_changed', message: 'The canned replies were not saved: the agents file cannot be read.' });
      return json(200, { replies: JSON.parse(String(init.body)).replies, revision: 2 });
    });
    const api = createAdminApi({ baseUrl: 'http://127.0.0.1:1', fetch: fetch as unknown as typeof globalThis.fetch });
    const { unmount } = render(<CannedRepliesScreen api={api} token="ada" onUnauthorized={vi.fn()} />);
    const banner = await screen.findByRole('alert');
    expect(banner).toHaveTextContent("The agents file was edited on disk and cannot be read: /srv/baton/agents.json: not valid JSON (Expected ',' or '}' after property value in JSON at position 454).");
    expect(banner).toHaveTextContent('Fix the file on disk');
    expect(screen.getByLabelText('Shortcut 1')).toHaveValue('hello');

    await userEvent.click(screen.getByRole('button', { name: 'Add reply' }));
    await userEvent.type(screen.getByLabelText('Shortcut 2'), 'delay');
    await userEvent.type(screen.getByLabelText('Reply 2'), 'Sorry for the delay.');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/Not saved: the agents file cannot be read \(see above\)\. Your changes are kept here/)).toBeInTheDocument();
    expect(screen.queryByText(/the list was changed after you opened it/)).toBeNull();
    expect(screen.getByLabelText('Shortcut 2')).toHaveValue('delay');

    // Fixed on disk: the next Save goes through, and the banner is gone.
    problem = null;
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/Saved 2 canned replies/)).toBeInTheDocument();
    expect(screen.queryByText(/cannot be read/)).toBeNull();
    unmount();
    clearCannedDrafts();
  });
});

describe('an agent whose inbox closed (newcomer s12 #15)', () => {
  it('reads "Inbox closed" on the Agents screen and is not counted online', async () => {
    const ada: AdminAgent = { id: 'ada', name: 'Ada Admin', email: 'ada@example.com', teams: ['support'], skills: [], languages: ['en'], maxChats: 5, admin: true, status: 'online', activeChats: 0, revision: 0 };
    // What GET /agents answers 3 s after Eve's last inbox closed without signing out.
    const eve: AdminAgent = { ...ada, id: 'eve', name: 'Eve', email: 'eve@example.com', admin: false, status: 'offline', inboxClosedAt: Date.now() - 5000, activeChats: 1 };
    const api = { agents: vi.fn(async () => [ada, eve]) } as unknown as AdminApi;
    render(<AgentsScreen api={api} token="tok" me={{ id: 'ada', name: 'Ada Admin' }} onUnauthorized={() => {}} pollMs={0} />);
    const eveRow = (await screen.findByText('Eve')).closest('tr')!;
    expect(within(eveRow).getByText('Inbox closed')).toHaveAttribute('title', expect.stringMatching(/the tab was closed without signing out\): gets no new chats/));
    expect(within(eveRow).queryByText('Online')).toBeNull();
    expect(screen.getByText(/2 agents · 1 online/)).toBeInTheDocument();
  });
});

describe('the inbox after a hand back or a Resolve', () => {
  it('a hand back whose conversation ended reads "Ended after hand back" on its Closed row', async () => {
    const ended = handoffRow({ id: 'c1:h1', conversationId: 'c1', status: 'resolved', customer: 'Kim', endedAs: 'handback', conversationEnded: true });
    const goingOn = handoffRow({ id: 'c2:h1', conversationId: 'c2', status: 'resolved', customer: 'Lou', endedAs: 'handback', conversationEnded: false });
    const api = fakeInboxApi({ ...annOnline(0), list: async () => ({ counts: { unassigned: 0, mine: 0, all: 0, closed: 2 }, handoffs: [ended, goingOn] }) });
    render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={placeAt('#/closed')} />);
    const kim = (await screen.findByText('Kim')).closest('button')!;
    expect(within(kim).getByText(/Ended after hand back/)).toBeInTheDocument();
    expect(within(kim).queryByText(/Back with the bot/)).toBeNull();
    const lou = screen.getByText('Lou').closest('button')!;
    expect(within(lou).getByText(/Back with the bot/)).toBeInTheDocument();
  });

  it('Resolve with a rating question: the timeline says "Handoff resolved", not "Handed back to the bot"', async () => {
    const at = Date.now() - 60_000;
    const row = handoffRow({ status: 'resolved', customer: 'Kim', endedAs: 'closed' });
    const transcript: Entry[] = [
      { id: 'c1:1', seq: 1, from: 'customer', text: 'Where is my parcel?', at },
      { id: 'c1:2', seq: 2, from: 'agent', name: 'Ann Lee', text: 'It arrives tomorrow.', at: at + 1000 },
      { id: 'c1:3', seq: 3, from: 'system', text: '', status: { mode: 'bot', handoff: { id: 'c1:h1', status: 'resolved', reason: 'explicit_request' } }, at: at + 2000 },
      { id: 'c1:4', seq: 4, from: 'bot', text: 'How would you rate this chat?', at: at + 2000 },
    ];
    const api = fakeInboxApi({ ...annOnline(0), list: async () => ({ counts: { unassigned: 0, mine: 0, all: 0, closed: 1 }, handoffs: [row] }), detail: async () => handoffDetail(row, { transcript, conversation: { id: 'c1', flowId: 'shop', mode: 'bot', createdAt: at, lastSeq: 4 } }) });
    render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={placeAt('#/closed/c1%3Ah1')} />);
    const log = await screen.findByRole('list', { name: 'Messages' });
    await within(log).findByText('It arrives tomorrow.');
    const lines = [...log.querySelectorAll('.ib-sys')].map((li) => li.textContent ?? '');
    expect(lines.some((t) => t.startsWith('Handoff resolved'))).toBe(true);
    expect(lines.join(' | ')).not.toContain('Handed back to the bot');
  });

  it('a real hand back still reads "Handed back to the bot" in the timeline', async () => {
    const at = Date.now() - 60_000;
    const row = handoffRow({ status: 'resolved', customer: 'Kim', endedAs: 'handback' });
    const transcript: Entry[] = [
      { id: 'c1:1', seq: 1, from: 'agent', name: 'Ann Lee', text: 'The bot can take it from here.', at },
      { id: 'c1:2', seq: 2, from: 'system', text: '', status: { mode: 'bot', handoff: { id: 'c1:h1', status: 'resolved', reason: 'explicit_request' } }, at: at + 1000 },
    ];
    const api = fakeInboxApi({ ...annOnline(0), list: async () => ({ counts: { unassigned: 0, mine: 0, all: 0, closed: 1 }, handoffs: [row] }), detail: async () => handoffDetail(row, { transcript, conversation: { id: 'c1', flowId: 'shop', mode: 'bot', createdAt: at, lastSeq: 2 } }) });
    render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={placeAt('#/closed/c1%3Ah1')} />);
    const log = await screen.findByRole('list', { name: 'Messages' });
    await within(log).findByText('The bot can take it from here.');
    expect([...log.querySelectorAll('.ib-sys')].map((li) => li.textContent ?? '').join(' | ')).toContain('Handed back to the bot');
  });

  it('after a failed HTTP call the timeline\'s "Handoff pending" line names the call', async () => {
    const at = Date.now() - 60_000;
    const summary = 'The customer is waiting. Handed over because the flow reached a human takeover after "Look up the order" failed (HTTP 503). Last message: "NW-104233"';
    const row = handoffRow({ status: 'pending', agentId: null, agentName: null, customer: 'Kim', reason: 'flow', summary });
    const transcript: Entry[] = [
      { id: 'c1:1', seq: 1, from: 'customer', text: 'NW-104233', at },
      { id: 'c1:2', seq: 2, from: 'system', text: '', status: { mode: 'waiting', handoff: { id: 'c1:h1', status: 'pending', reason: 'flow' } }, at: at + 1000 },
    ];
    const api = fakeInboxApi({ ...annOnline(0), list: async () => ({ counts: { unassigned: 1, mine: 0, all: 1, closed: 0 }, handoffs: [row] }), detail: async () => handoffDetail(row, { transcript, conversation: { id: 'c1', flowId: 'shop', mode: 'waiting', createdAt: at, lastSeq: 2 } }) });
    render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={placeAt('#/unassigned/c1%3Ah1')} />);
    const log = await screen.findByRole('list', { name: 'Messages' });
    await within(log).findByText('NW-104233');
    const lines = [...log.querySelectorAll('.ib-sys')].map((li) => li.textContent ?? '');
    expect(lines.some((t) => t.startsWith('Handoff waiting · The flow handed over: "Look up the order" failed'))).toBe(true);
  });
});

describe('inbox search (newcomer s9 #29)', () => {
  it('typing shows the chats found, open and closed, with where they matched; a result opens; Clear goes back to the view', async () => {
    const waiting = handoffRow({ id: 'c9:h1', conversationId: 'c9', status: 'pending', agentId: null, agentName: null, customer: 'Ray' });
    const kim = handoffRow({ id: 'c1:h1', conversationId: 'c1', status: 'resolved', customer: 'kim.lee@example.com', endedAs: 'closed' });
    const search = vi.fn(async (_t: string, q: string) => ({ handoffs: q.includes('blender') ? [{ ...kim, match: { in: 'transcript', text: 'Customer: The blender NW-55821 arrived cracked' } }] : [] }));
    const detail = vi.fn(async () => handoffDetail(kim, { transcript: [{ id: 'c1:1', seq: 1, from: 'customer', text: 'The blender NW-55821 arrived cracked', at: Date.now() - 60_000 }], conversation: { id: 'c1', flowId: 'shop', mode: 'closed', createdAt: Date.now() - 60_000, lastSeq: 1 } }));
    const api = fakeInboxApi({ ...annOnline(0), list: async () => ({ counts: { unassigned: 1, mine: 0, all: 1, closed: 1 }, handoffs: [waiting] }), search, detail });
    render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={placeAt('#/unassigned')} />);
    expect(await screen.findByText('Ray')).toBeInTheDocument();
    const box = screen.getByRole('searchbox', { name: /Search chats/ });
    await userEvent.type(box, 'blender');
    const results = await screen.findByRole('list', { name: 'Search results' });
    expect(screen.getByText(/1 chat matches “blender”, open and closed\./)).toBeInTheDocument();
    expect(search).toHaveBeenLastCalledWith('tok', 'blender');
    const row = within(results).getByText('kim.lee@example.com').closest('button')!;
    expect(row).toHaveTextContent('Said: Customer: The blender NW-55821 arrived cracked');
    expect(screen.queryByText('Ray')).toBeNull();
    await userEvent.click(row);
    expect(await screen.findByRole('heading', { level: 2, name: 'kim.lee@example.com' })).toBeInTheDocument();

    await userEvent.clear(box);
    await userEvent.type(box, 'zzz');
    expect(await screen.findByText(/No chat matches “zzz”\./)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Clear search' }));
    expect(await screen.findByText('Ray')).toBeInTheDocument();
    expect(box).toHaveValue('');
  });
});

describe('canned replies saved meanwhile by another admin (newcomer s13 #14)', () => {
  it('an amber warning (not the green saved box) names their new reply and mine, and my row is focused', async () => {
    clearCannedDrafts();
    let replies = [{ shortcut: 'hello', text: 'Hi!' }];
    let revision = 1;
    const fetch = vi.fn(async (url: string, init?: RequestInit) => {
      if (!init?.method || init.method === 'GET') return json(200, { replies, revision });
      if (Number(new URL(url).searchParams.get('revision')) !== revision) return json(409, { error: 'agents_file_changed', message: 'changed by another admin' });
      replies = JSON.parse(String(init.body)).replies;
      revision += 1;
      return json(200, { replies, revision });
    });
    const api = createAdminApi({ baseUrl: 'http://127.0.0.1:1', fetch: fetch as unknown as typeof globalThis.fetch });
    render(<CannedRepliesScreen api={api} token="bob" onUnauthorized={vi.fn()} />);
    expect(await screen.findByLabelText('Shortcut 1')).toHaveValue('hello');
    // Ann saves /wrap meanwhile.
    replies = [...replies, { shortcut: 'wrap', text: 'Anything else?' }];
    revision += 1;
    await userEvent.click(screen.getByRole('button', { name: 'Add reply' }));
    await userEvent.type(screen.getByLabelText('Shortcut 2'), 'late');
    await userEvent.type(screen.getByLabelText('Reply 2'), 'Sorry for the delay.');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    const warn = await screen.findByText(/Not saved yet: the list was changed after you opened it/);
    const box = warn.closest('p')!;
    expect(box).toHaveClass('ia-notice-warn');
    expect(box).toHaveTextContent('New or changed there: /wrap.');
    expect(box).toHaveTextContent('Your change is kept, marked "not saved yet": /late (reply 3).');
    expect(screen.getByLabelText('Shortcut 3')).toHaveValue('late');
    expect(screen.getByLabelText('Shortcut 3')).toHaveFocus();
    clearCannedDrafts();
  });
});

describe('unsent replies at sign-out (newcomer s13 #13, hostile s13 #14)', () => {
  it('the sign-out question says the unsent reply is deleted; "ann" signing out keeps "ann.lee"\'s drafts; a future-dated draft is swept', async () => {
    const m = new Map<string, string>([
      ['baton.inbox.session', JSON.stringify({ token: 'tok', agent: { id: 'ann', name: 'Ann Lee', email: 'ann@example.com', teams: ['support'], admin: false } })],
      ['baton.inbox.draft.ann|c9:h1', JSON.stringify({ text: 'Your refund is on its way', at: Date.now() - 60_000 })],
      ['baton.inbox.draft.ann.lee|c8:h1', JSON.stringify({ text: "Ann Lee's own reply", at: Date.now() - 60_000 })],
      ['baton.inbox.draft.bob|c7:h1', JSON.stringify({ text: 'from the future', at: Date.now() + 400 * 24 * 3600_000 })],
    ]);
    const storage = {
      get length() {
        return m.size;
      },
      key: (i: number) => [...m.keys()][i] ?? null,
      getItem: (k: string) => m.get(k) ?? null,
      setItem: (k: string, v: string) => void m.set(k, v),
      removeItem: (k: string) => void m.delete(k),
      clear: () => m.clear(),
    };
    const signOut = vi.fn(async () => undefined);
    const api = fakeInboxApi({ ...annOnline(0), list: async () => ({ counts: { unassigned: 0, mine: 0, all: 0, closed: 0 }, handoffs: [] }), signOut });
    render(<Inbox api={api} storage={storage} alerts={quietAlerts} place={placeAt('#/mine')} />);
    await screen.findByText('Nothing here.');
    // Swept at start: dated 400 days ahead.
    expect(m.has('baton.inbox.draft.bob|c7:h1')).toBe(false);
    // No chats open, but an unsent reply: asked first, and told.
    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    const dialog = await screen.findByRole('dialog', { name: 'Sign out with unsent replies?' });
    expect(dialog).toHaveTextContent('Your unsent reply is deleted from this browser when you sign out');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Sign out' }));
    await vi.waitFor(() => expect(signOut).toHaveBeenCalled());
    expect([...m.keys()].filter((k) => k.startsWith('baton.inbox.draft.'))).toEqual(['baton.inbox.draft.ann.lee|c8:h1']);
  });
});
