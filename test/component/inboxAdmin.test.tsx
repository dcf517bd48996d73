// @vitest-environment jsdom
/**
 * The inbox admin screens (renderer/inbox/admin) against a scripted agent API served through a fake `fetch`
 * (so createAdminApi's parsing of the server's `{error, message, field, issues}` bodies is exercised too):
 * admins see Agents / Canned replies, non-admins never do; validation errors from the API appear next to their
 * fields and keep what was typed; a new token is shown once; removing yourself / the last admin is refused with a
 * sentence; removal asks first; canned replies save, with a duplicate shortcut marked on its row.
 */
import './support/setup';
import { configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Inbox } from '../../renderer/inbox/Inbox';
import type { InboxApi } from '../../renderer/inbox/inboxApi';
import type { Alerts } from '../../renderer/inbox/notify';
import { AgentsScreen } from '../../renderer/inbox/admin/AgentsScreen';
import { CannedRepliesScreen, clearCannedDrafts } from '../../renderer/inbox/admin/CannedRepliesScreen';
import { TicketsScreen } from '../../renderer/inbox/admin/TicketsScreen';
import { createAdminApi, issuesOf, newToken, type AdminAgent, type CannedReply } from '../../renderer/inbox/admin/adminApi';
import { issuesByField, plainMessage, splitList } from '../../renderer/inbox/admin/words';

configure({ asyncUtilTimeout: 5_000 });
afterEach(() => {
  clearCannedDrafts();
  localStorage.clear();
});

const ada: AdminAgent = { id: 'ada', name: 'Ada Admin', email: 'ada@example.com', teams: ['support'], skills: [], languages: ['en'], maxChats: 5, admin: true, status: 'online', activeChats: 1 };
const ann: AdminAgent = { id: 'ann', name: 'Ann Lee', email: 'ann@example.com', teams: ['support'], skills: ['refunds'], languages: ['en', 'fr'], maxChats: 3, admin: false, status: 'busy', activeChats: 2 };
const cal: AdminAgent = { id: 'cal', name: 'Cal Diaz', email: 'cal@example.com', teams: ['sales'], skills: [], languages: [], maxChats: 2, admin: false, status: 'offline', activeChats: 0 };

const HOSTILE = '<img src=x onerror="window.__pwned=1"> {{constructor}}';
const T0 = Date.UTC(2026, 10, 30, 12, 0, 0);
const TICKETS = [
  { id: 'c2:T3', number: 'c2:T3', conversationId: 'c2', flowId: 'shop', at: T0 - 5 * 60_000, contact: { name: null, email: 'bo@example.com', phone: null }, issue: HOSTILE, priority: 'high', summary: 'Customer asked for a person; nobody was online.' },
  { id: 'c1:T2', number: 'c1:T2', conversationId: 'c1', flowId: 'shop', at: T0 - 3 * 3_600_000, contact: { name: 'Ann Customer', email: 'ann.c@example.com', phone: '+44 20 7946 0000' }, issue: 'Charged twice', priority: 'normal', summary: '' },
];
const TRANSCRIPT = [
  { seq: 1, from: 'bot', text: 'What do you need?', at: T0 - 6 * 60_000 },
  { seq: 2, from: 'customer', text: HOSTILE, at: T0 - 5 * 60_000 },
  { seq: 3, from: 'bot', text: 'Ticket c2:T3 is open.', at: T0 - 5 * 60_000 },
];

interface Call {
  method: string;
  path: string;
  body?: Record<string, unknown>;
}

const bad = (status: number, body: Record<string, unknown>) => ({ status, body });

/** A scripted agent API with the runtime's rules and error shapes (runtime/agents/agentRoutes.ts, buildServer.ts). */
function fakeServer(opts: { agents?: AdminAgent[]; canned?: CannedReply[]; me?: string; status?: number } = {}) {
  const agents = new Map((opts.agents ?? [ada, ann, cal]).map((a) => [a.id, { ...a }]));
  let canned: CannedReply[] = opts.canned ?? [
    { shortcut: 'hello', text: 'Hi, thanks for waiting!' },
    { shortcut: 'order', text: 'Could you give me your order number, please?' },
  ];
  const me = opts.me ?? 'ada';
  const calls: Call[] = [];
  const handle = (method: string, path: string, body?: Record<string, unknown>): { status: number; body?: unknown } => {
    if (opts.status) return bad(opts.status, opts.status === 401 ? { error: 'invalid_agent_token', message: 'Sign in first.' } : { error: 'admin_only', message: 'Only an admin agent can do this.' });
    if (method === 'GET' && path === '/api/v1/agent/agents') return { status: 200, body: { agents: [...agents.values()] } };
    if (method === 'GET' && path === '/api/v1/agent/canned-replies') return { status: 200, body: { replies: canned } };
    if (method === 'GET' && path === '/api/v1/agent/tickets') return { status: 200, body: { total: TICKETS.length, offset: 0, limit: 50, nextOffset: null, tickets: TICKETS } };
    if (method === 'GET' && path.startsWith('/api/v1/agent/tickets/')) {
      const t = TICKETS.find((x) => x.id === decodeURIComponent(path.slice('/api/v1/agent/tickets/'.length)));
      if (!t) return bad(404, { error: 'ticket_not_found', message: 'No ticket "x" that you can see; list them with GET /api/v1/agent/tickets.', field: 'id' });
      return { status: 200, body: { ticket: t, transcript: TRANSCRIPT } };
    }
    if (method === 'GET' && path === '/api/v1/agent/csat') return { status: 200, body: { total: 2, average: 4, offset: 0, limit: 10, nextOffset: null, scores: [{ id: 's2', conversationId: 'c2', flowId: 'shop', at: 2, score: 3 }, { id: 's1', conversationId: 'c1', flowId: 'shop', at: 1, score: 5 }] } };
    if (method === 'PUT' && path === '/api/v1/agent/canned-replies') {
      const replies = (body!.replies as CannedReply[]) ?? [];
      const seen = new Map<string, number>();
      for (const [i, r] of replies.entries()) {
        if (!/^[a-z0-9][a-z0-9_-]*$/i.test(r.shortcut))
          return bad(400, { error: 'invalid_request', message: `body.replies.${i}.shortcut: letters, digits, _ and - only`, field: `body.replies.${i}.shortcut`, issues: [{ field: `body.replies.${i}.shortcut`, message: 'letters, digits, _ and - only (no spaces), e.g. "order-number"' }] });
        if (!r.text.trim()) return bad(400, { error: 'invalid_request', message: `body.replies.${i}.text: the reply text is empty`, field: `body.replies.${i}.text`, issues: [{ field: `body.replies.${i}.text`, message: 'the reply text is empty' }] });
        if (seen.has(r.shortcut.toLowerCase()))
          return bad(400, { error: 'duplicate_shortcut', message: `replies.${i}.shortcut: "/${r.shortcut}" is used twice; each shortcut must be unique.`, field: `body.replies.${i}.shortcut` });
        seen.set(r.shortcut.toLowerCase(), i);
      }
      canned = replies;
      return { status: 200, body: { replies: canned } };
    }
    const m = /^\/api\/v1\/agent\/agents\/([^/]+)$/.exec(path);
    if (m && method === 'PUT') {
      const id = decodeURIComponent(m[1]);
      const issues: Array<{ field: string; message: string }> = [];
      if (!String(body!.name ?? '').trim()) issues.push({ field: 'body.name', message: 'Too small: expected string to have >=1 characters' });
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(String(body!.email ?? ''))) issues.push({ field: 'body.email', message: 'Invalid email address' });
      if (typeof body!.password === 'string' && body!.password.length < 8) issues.push({ field: 'body.password', message: 'Too small: expected string to have >=8 characters' });
      if (typeof body!.maxChats === 'number' && body!.maxChats > 100) issues.push({ field: 'body.maxChats', message: 'Too big: expected number to be <=100' });
      if (issues.length) return bad(400, { error: 'invalid_request', message: issues.map((i) => `${i.field}: ${i.message}`).join('; '), field: issues[0].field, issues });
      if (id === me && body!.admin === false) return bad(409, { error: 'last_admin', message: 'You cannot remove your own admin right.', field: 'body.admin' });
      const prev = agents.get(id);
      if ([...agents.values()].some((a) => a.id !== id && a.email === body!.email)) return bad(400, { error: 'invalid_agent', message: `email: "${String(body!.email)}" is already used by another agent.`, field: 'body' });
      if (!prev && !body!.password && !body!.token) return bad(400, { error: 'invalid_agent', message: 'give a "password" or a "token" (or the agent can never sign in).', field: 'body' });
      const { password: _p, token: _t, ...rest } = body as Record<string, unknown>;
      const saved = { ...(prev ?? { status: 'offline', activeChats: 0 }), ...rest, id } as AdminAgent;
      agents.set(id, saved);
      return { status: 200, body: { agent: saved, created: !prev } };
    }
    if (m && method === 'DELETE') {
      const id = decodeURIComponent(m[1]);
      if (id === me) return bad(409, { error: 'remove_self', message: 'You cannot remove yourself.' });
      if (!agents.delete(id)) return bad(404, { error: 'agent_not_found', message: `No agent "${id}".`, field: 'id' });
      return { status: 204 };
    }
    return bad(404, { error: 'not_found', message: 'no route' });
  };
  const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    const u = new URL(String(url));
    const body = init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : undefined;
    calls.push({ method: init?.method ?? 'GET', path: u.pathname, body });
    const r = handle(init?.method ?? 'GET', u.pathname, body);
    return new Response(r.status === 204 ? null : JSON.stringify(r.body), { status: r.status, headers: { 'content-type': 'application/json' } });
  });
  const api = createAdminApi({ baseUrl: 'http://127.0.0.1:9', fetch: fetch as unknown as typeof globalThis.fetch });
  return { api, calls, fetch, agents, canned: () => canned };
}

const renderAgents = (s = fakeServer(), me = { id: 'ada', name: 'Ada Admin' }) => {
  const onUnauthorized = vi.fn();
  render(<AgentsScreen api={s.api} token="tok" me={me} onUnauthorized={onUnauthorized} pollMs={0} />);
  return { ...s, onUnauthorized };
};

const rowOf = async (name: string) => (await screen.findByText(name, { selector: 'strong' })).closest('tr')!;

/** The error text shown next to a field: the element its aria-describedby points to, and aria-invalid. */
function fieldError(input: HTMLElement): string {
  expect(input).toHaveAttribute('aria-invalid', 'true');
  const ids = (input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  const err = ids.map((id) => document.getElementById(id)).find((el) => el?.classList.contains('ia-field-error'));
  expect(err, 'an error element described-by the field').toBeTruthy();
  return err!.textContent ?? '';
}

describe('inbox admin: who sees it', () => {
  const inboxApi = (agent: { id: string; name: string; email: string; teams: string[]; admin: boolean }): InboxApi => ({
    signIn: vi.fn(),
    signOut: vi.fn(async () => undefined),
    me: vi.fn(async () => ({ agent, status: 'online' as const, activeChats: 0 })),
    agents: vi.fn(async () => [agent]),
    setPresence: vi.fn(async (_t, s) => s),
    list: vi.fn(async () => ({ counts: { unassigned: 0, mine: 0, all: 0, closed: 0 }, handoffs: [] })),
    detail: vi.fn(),
    act: vi.fn(),
    say: vi.fn(),
    transfer: vi.fn(),
    setVariables: vi.fn(),
    events: vi.fn(() => () => undefined),
  });
  const storage = () => {
    const m = new Map<string, string>();
    return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
  };
  const alerts = (): Alerts => ({ newHandoff: vi.fn(), setBadge: vi.fn(), askPermission: vi.fn(async () => 'granted' as const), permission: () => 'granted' as const });

  it('a non-admin agent never sees the Admin group (only Tickets) and no admin call is made', async () => {
    const s = fakeServer({ me: 'ann' });
    render(<Inbox api={inboxApi({ id: 'ann', name: 'Ann Lee', email: 'ann@example.com', teams: ['support'], admin: false })} adminApi={s.api} storage={storage()} alerts={alerts()} initialToken="tok" />);
    const nav = await screen.findByRole('navigation', { name: 'Inbox views' });
    await within(nav).findByText('Ann Lee');
    expect(within(nav).queryByRole('heading', { name: 'Admin' })).toBeNull();
    expect(within(nav).queryByRole('button', { name: 'Agents' })).toBeNull();
    expect(within(nav).queryByRole('button', { name: 'Canned replies' })).toBeNull();
    // Only the Tickets badge asks the server (tickets list); nothing admin-only.
    expect(await within(nav).findByLabelText('2 new tickets')).toBeInTheDocument();
    expect(s.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /api/v1/agent/tickets']);
    await userEvent.click(within(nav).getByRole('button', { name: /Tickets/ }));
    expect(await screen.findByRole('heading', { name: 'Tickets', level: 2 })).toBeInTheDocument();
    expect(s.calls.every((c) => c.method === 'GET' && /^\/api\/v1\/agent\/(tickets|csat)/.test(c.path))).toBe(true);
    // Opening Tickets marks them seen: the badge goes and stays gone after leaving.
    await waitFor(() => expect(within(nav).queryByLabelText(/new ticket/)).toBeNull());
    await userEvent.click(within(nav).getByRole('button', { name: /Unassigned/ }));
    expect(await screen.findByRole('heading', { name: 'Unassigned' })).toBeInTheDocument();
    await waitFor(() => expect(s.calls.filter((c) => c.path === '/api/v1/agent/tickets').length).toBeGreaterThanOrEqual(3));
    expect(within(nav).queryByLabelText(/new ticket/)).toBeNull();
  });

  it('an admin opens Agents and Canned replies from the sidebar, and goes back to a view', async () => {
    const s = fakeServer();
    render(<Inbox api={inboxApi({ id: 'ada', name: 'Ada Admin', email: 'ada@example.com', teams: [], admin: true })} adminApi={s.api} storage={storage()} alerts={alerts()} initialToken="tok" />);
    const nav = await screen.findByRole('navigation', { name: 'Inbox views' });
    expect(await within(nav).findByRole('heading', { name: 'Admin' })).toBeInTheDocument();
    await userEvent.click(within(nav).getByRole('button', { name: 'Agents' }));
    expect(await screen.findByRole('heading', { name: 'Agents', level: 2 })).toBeInTheDocument();
    expect(within(nav).getByRole('button', { name: 'Agents' })).toHaveAttribute('aria-current', 'page');
    expect(screen.queryByRole('region', { name: 'Conversations' })).toBeNull();
    await userEvent.click(within(nav).getByRole('button', { name: 'Canned replies' }));
    expect(await screen.findByRole('heading', { name: 'Canned replies', level: 2 })).toBeInTheDocument();
    // An unsaved edit survives a visit to another view.
    const reply1 = await screen.findByLabelText('Reply 1');
    await userEvent.type(reply1, ' (edited)');
    await userEvent.click(within(nav).getByRole('button', { name: /Unassigned/ }));
    expect(await screen.findByRole('heading', { name: 'Unassigned' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Canned replies', level: 2 })).toBeNull();
    await userEvent.click(within(nav).getByRole('button', { name: 'Canned replies' }));
    await waitFor(() => expect(screen.getByLabelText('Reply 1')).toHaveValue('Hi, thanks for waiting! (edited)'));
    expect(screen.getByText('Unsaved changes.')).toBeInTheDocument();
    expect(s.canned()[0].text).toBe('Hi, thanks for waiting!');
  });

  it('an admin right removed meanwhile: the API refuses (403) and the screen says why', async () => {
    renderAgents(fakeServer({ status: 403 }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Only an admin agent can manage agents.');
  });

  it('a 401 signs the agent out through onUnauthorized', async () => {
    const r = renderAgents(fakeServer({ status: 401 }));
    await waitFor(() => expect(r.onUnauthorized).toHaveBeenCalledWith('Your session ended. Sign in again.'));
  });
});

describe('inbox admin: Agents', () => {
  it('lists every agent with teams, skills, languages, max chats, role and presence now', async () => {
    renderAgents();
    const table = await screen.findByRole('table', { name: /Agents \(3\)/ });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Agent', 'Teams', 'Skills', 'Languages', 'Max chats', 'Role', 'Now', 'Actions']);
    expect(screen.getByText('3 agents · 1 online · 1 busy · 1 admin')).toBeInTheDocument();
    const annRow = await rowOf('Ann Lee');
    expect(annRow).toHaveTextContent('ann@example.com');
    expect(annRow).toHaveTextContent('refunds');
    expect(annRow).toHaveTextContent('Busy');
    expect(annRow).toHaveTextContent('2 / 3 chats');
    expect(await rowOf('Ada Admin')).toHaveTextContent('Admin');
    expect(await rowOf('Ada Admin')).toHaveTextContent('Online');
    expect(await rowOf('Cal Diaz')).toHaveTextContent('Offline');
    // Empty languages mean "any language" (assignment rule), said so.
    expect(within(await rowOf('Cal Diaz')).getByText('any')).toBeInTheDocument();
  });

  it('adding: the API errors appear next to their fields, keep what was typed, then the agent is added', async () => {
    const s = renderAgents();
    await userEvent.click(await screen.findByRole('button', { name: 'Add agent' }));
    const form = screen.getByRole('form', { name: 'Add an agent' });
    const name = within(form).getByLabelText('Name');
    expect(name).toHaveFocus();
    await userEvent.type(name, 'Bea Quinn');
    expect(within(form).getByLabelText('Id')).toHaveValue('bea-quinn');
    await userEvent.type(within(form).getByLabelText('Email'), 'bea@');
    await userEvent.type(within(form).getByLabelText('Password'), 'short');
    await userEvent.type(within(form).getByLabelText('Teams'), 'support, billing, , Support');
    await userEvent.click(within(form).getByRole('button', { name: 'Add agent' }));

    expect(fieldError(await within(form).findByLabelText('Email'))).toBe('Enter an email address like ann@example.com.');
    expect(fieldError(within(form).getByLabelText('Password'))).toBe('Use at least 8 characters.');
    expect(within(form).getByLabelText('Name')).not.toHaveAttribute('aria-invalid');
    // Nothing typed is lost.
    expect(within(form).getByLabelText('Email')).toHaveValue('bea@');
    expect(within(form).getByLabelText('Teams')).toHaveValue('support, billing, , Support');
    const put = s.calls.find((c) => c.method === 'PUT')!;
    expect(put.path).toBe('/api/v1/agent/agents/bea-quinn');
    expect(put.body).toMatchObject({ name: 'Bea Quinn', email: 'bea@', teams: ['support', 'billing'], maxChats: 3, admin: false, password: 'short' });

    // Typing in a field clears its error.
    await userEvent.clear(within(form).getByLabelText('Email'));
    await userEvent.type(within(form).getByLabelText('Email'), 'bea@example.com');
    expect(within(form).getByLabelText('Email')).not.toHaveAttribute('aria-invalid');
    await userEvent.clear(within(form).getByLabelText('Password'));
    await userEvent.type(within(form).getByLabelText('Password'), 'a long password');
    await userEvent.click(within(form).getByRole('button', { name: 'Add agent' }));
    expect(await screen.findByText('Bea Quinn was added.')).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Add an agent' })).toBeNull();
    expect(await rowOf('Bea Quinn')).toHaveTextContent('billing');
    expect(s.agents.get('bea-quinn')).toMatchObject({ email: 'bea@example.com', teams: ['support', 'billing'] });
    // No token asked for: none shown.
    expect(screen.queryByLabelText(/New API token/)).toBeNull();
  });

  it('an error without a field path (duplicate email) goes next to the field its sentence names', async () => {
    renderAgents();
    await userEvent.click(await screen.findByRole('button', { name: 'Edit Ann Lee' }));
    const form = screen.getByRole('form', { name: 'Edit Ann Lee' });
    const email = within(form).getByLabelText('Email');
    await userEvent.clear(email);
    await userEvent.type(email, 'cal@example.com');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(fieldError(await within(form).findByLabelText('Email'))).toBe('"cal@example.com" is already used by another agent.');
  });

  it('refuses a new agent with no way to sign in next to the password, and an id already taken before calling', async () => {
    const s = renderAgents();
    await userEvent.click(await screen.findByRole('button', { name: 'Add agent' }));
    const form = screen.getByRole('form', { name: 'Add an agent' });
    await userEvent.type(within(form).getByLabelText('Name'), 'Ann');
    await userEvent.clear(within(form).getByLabelText('Id'));
    await userEvent.type(within(form).getByLabelText('Id'), 'ann');
    await userEvent.type(within(form).getByLabelText('Email'), 'ann2@example.com');
    await userEvent.click(within(form).getByRole('button', { name: 'Add agent' }));
    expect(fieldError(within(form).getByLabelText('Id'))).toMatch(/"ann" is already used by another agent/);
    expect(s.calls.filter((c) => c.method === 'PUT')).toHaveLength(0);

    await userEvent.clear(within(form).getByLabelText('Id'));
    await userEvent.type(within(form).getByLabelText('Id'), 'ann2');
    await userEvent.click(within(form).getByRole('button', { name: 'Add agent' }));
    expect(fieldError(await within(form).findByLabelText('Password'))).toMatch(/give a "password" or a "token"/i);
  });

  it('creates an API token on request and shows it once, copyable', async () => {
    const s = renderAgents();
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await userEvent.click(await screen.findByRole('button', { name: 'Add agent' }));
    const form = screen.getByRole('form', { name: 'Add an agent' });
    await userEvent.type(within(form).getByLabelText('Name'), 'Bot Integration');
    await userEvent.type(within(form).getByLabelText('Email'), 'bot@example.com');
    await userEvent.click(within(form).getByLabelText(/Also create an API token/));
    await userEvent.click(within(form).getByRole('button', { name: 'Add agent' }));
    const box = await screen.findByLabelText('New API token for Bot Integration');
    const put = s.calls.find((c) => c.method === 'PUT')!;
    expect(put.body!.token).toMatch(/^bt_[A-Za-z0-9_-]{43}$/);
    expect(box).toHaveValue(put.body!.token);
    await userEvent.click(screen.getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledWith(put.body!.token);
    expect(await screen.findByRole('button', { name: 'Copied' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByLabelText('New API token for Bot Integration')).toBeNull();
  });

  it('reset token asks first, then PUTs the agent unchanged with a new token and shows it once', async () => {
    const s = renderAgents();
    await userEvent.click(await screen.findByRole('button', { name: 'Reset API token of Ann Lee' }));
    const ask = screen.getByRole('alertdialog', { name: 'Replace the API token of Ann Lee?' });
    expect(ask).toHaveTextContent('The current token stops working at once');
    await userEvent.click(within(ask).getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('button', { name: 'Reset API token of Ann Lee' })).toHaveFocus();
    expect(s.calls.filter((c) => c.method === 'PUT')).toHaveLength(0);
    await userEvent.click(screen.getByRole('button', { name: 'Reset API token of Ann Lee' }));
    await userEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'New token' }));
    const box = await screen.findByLabelText('New API token for Ann Lee');
    const put = s.calls.find((c) => c.method === 'PUT')!;
    expect(put.path).toBe('/api/v1/agent/agents/ann');
    expect(put.body).toEqual({ name: 'Ann Lee', email: 'ann@example.com', teams: ['support'], skills: ['refunds'], languages: ['en', 'fr'], maxChats: 3, admin: false, token: (box as HTMLInputElement).value });
  });

  it('editing: sets a new password, keeps the id read-only, and cannot take away your own admin right', async () => {
    const s = renderAgents();
    await userEvent.click(await screen.findByRole('button', { name: 'Edit Ada Admin' }));
    const form = screen.getByRole('form', { name: 'Edit Ada Admin' });
    expect(within(form).getByLabelText('Id')).toHaveAttribute('readonly');
    const admin = within(form).getByRole('checkbox', { name: 'Admin' });
    expect(admin).toBeChecked();
    expect(admin).toBeDisabled();
    expect(admin).toHaveAccessibleDescription('You cannot remove your own admin right.');
    await userEvent.type(within(form).getByLabelText('Set a new password'), 'new password 1');
    await userEvent.clear(within(form).getByLabelText('Max chats at once'));
    await userEvent.type(within(form).getByLabelText('Max chats at once'), '500');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(fieldError(await within(form).findByLabelText('Max chats at once'))).toBe('Use 100 or less.');
    await userEvent.clear(within(form).getByLabelText('Max chats at once'));
    await userEvent.type(within(form).getByLabelText('Max chats at once'), '8');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Ada Admin was saved.')).toBeInTheDocument();
    expect(s.calls.filter((c) => c.method === 'PUT').at(-1)!.body).toMatchObject({ maxChats: 8, admin: true, password: 'new password 1' });
  });

  it('Escape and Cancel close the form without saving (asking first when something was typed); focus goes back to the button that opened it', async () => {
    const s = renderAgents();
    await userEvent.click(await screen.findByRole('button', { name: 'Edit Cal Diaz' }));
    await userEvent.type(within(screen.getByRole('form', { name: 'Edit Cal Diaz' })).getByLabelText('Name'), ' Jr{Escape}');
    const ask = screen.getByRole('alertdialog', { name: 'Discard your changes?' });
    expect(within(ask).getByRole('button', { name: 'Keep editing' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    expect(screen.getByRole('form', { name: 'Edit Cal Diaz' })).toBeInTheDocument();
    expect(screen.getByLabelText('Name')).toHaveValue('Cal Diaz Jr');
    await userEvent.keyboard('{Escape}');
    await userEvent.click(within(screen.getByRole('alertdialog', { name: 'Discard your changes?' })).getByRole('button', { name: 'Discard' }));
    expect(screen.queryByRole('form', { name: 'Edit Cal Diaz' })).toBeNull();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Edit Cal Diaz' })).toHaveFocus());
    await userEvent.click(screen.getByRole('button', { name: 'Edit Cal Diaz' }));
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('form')).toBeNull();
    expect(s.calls.filter((c) => c.method !== 'GET')).toHaveLength(0);
  });

  it('removing yourself is refused with a sentence and no call', async () => {
    const s = renderAgents();
    await userEvent.click(await screen.findByRole('button', { name: 'Remove Ada Admin' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('You cannot remove yourself. Ask another admin to do it.');
    expect(s.calls.filter((c) => c.method === 'DELETE')).toHaveLength(0);
  });

  it('removing the last admin is refused (signed in as an agent the list does not hold, e.g. a stale session)', async () => {
    const s = renderAgents(fakeServer({ agents: [ada, ann], me: 'root' }), { id: 'root', name: 'Root' });
    await userEvent.click(await screen.findByRole('button', { name: 'Remove Ada Admin' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Ada Admin is the last admin: make another agent an admin first.');
    expect(s.calls.filter((c) => c.method === 'DELETE')).toHaveLength(0);
  });

  it('removing asks first; Cancel keeps the agent; confirming removes it', async () => {
    const s = renderAgents();
    await userEvent.click(await screen.findByRole('button', { name: 'Remove Cal Diaz' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Remove Cal Diaz?' });
    expect(dialog).toHaveTextContent('their open chats go back to the queue');
    expect(within(dialog).getByRole('button', { name: 'Remove Cal Diaz' })).toHaveFocus();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.getByRole('button', { name: 'Remove Cal Diaz' })).toHaveFocus();
    expect(s.calls.filter((c) => c.method === 'DELETE')).toHaveLength(0);

    await userEvent.click(screen.getByRole('button', { name: 'Remove Cal Diaz' }));
    await userEvent.keyboard('{Enter}'); // the focused confirm button
    expect(await screen.findByText(/Cal Diaz was removed\./)).toBeInTheDocument();
    expect(s.calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual(['/api/v1/agent/agents/cal']);
    await waitFor(() => expect(screen.queryByText('cal@example.com', { exact: false })).toBeNull());
  });

  it("the server's refusal of a removal is shown on the row and the agent stays", async () => {
    // The list does not know "ann" is the signed-in agent (me: someone else), the server refuses.
    renderAgents(fakeServer({ me: 'ann' }), { id: 'ada', name: 'Ada Admin' });
    await userEvent.click(await screen.findByRole('button', { name: 'Remove Ann Lee' }));
    await userEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Remove Ann Lee' }));
    // The sentence sits in the row right under Ann's.
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('You cannot remove yourself.');
    expect(alert.closest('tr')!.previousElementSibling).toBe(await rowOf('Ann Lee'));
    expect(await rowOf('Ann Lee')).toBeInTheDocument();
  });
});

describe('inbox admin: Canned replies', () => {
  const renderCanned = (s = fakeServer()) => {
    render(<CannedRepliesScreen api={s.api} token="tok" onUnauthorized={vi.fn()} />);
    return s;
  };

  it('edits, adds, reorders and saves; Save is off until something changed', async () => {
    const s = renderCanned();
    expect(await screen.findByLabelText('Shortcut 1')).toHaveValue('hello');
    expect(screen.getByLabelText('Reply 2')).toHaveValue('Could you give me your order number, please?');
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Add reply' }));
    expect(screen.getByLabelText('Shortcut 3')).toHaveFocus();
    await userEvent.type(screen.getByLabelText('Shortcut 3'), 'hours');
    await userEvent.type(screen.getByLabelText('Reply 3'), 'We are open 9 to 17.');
    await userEvent.click(screen.getByRole('button', { name: 'Move reply 3 up' }));
    expect(screen.getByLabelText('Shortcut 2')).toHaveValue('hours');
    expect(screen.getByText('Unsaved changes.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/Saved 3 canned replies/)).toBeInTheDocument();
    expect(s.canned().map((c) => c.shortcut)).toEqual(['hello', 'hours', 'order']);
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
  });

  it('a duplicate shortcut and an empty reply are marked on their row; nothing typed is lost', async () => {
    const s = renderCanned();
    await screen.findByLabelText('Shortcut 1');
    await userEvent.click(screen.getByRole('button', { name: 'Add reply' }));
    await userEvent.type(screen.getByLabelText('Shortcut 3'), 'hello');
    await userEvent.type(screen.getByLabelText('Reply 3'), 'Hello again');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(fieldError(await screen.findByLabelText('Shortcut 3'))).toBe('"/hello" is used twice; each shortcut must be unique.');
    expect(screen.getByLabelText('Shortcut 1')).not.toHaveAttribute('aria-invalid');
    expect(screen.getByText(/Not saved: one reply needs fixing/)).toBeInTheDocument();
    expect(screen.getByLabelText('Reply 3')).toHaveValue('Hello again');
    expect(s.canned()).toHaveLength(2);

    await userEvent.clear(screen.getByLabelText('Shortcut 3'));
    await userEvent.type(screen.getByLabelText('Shortcut 3'), 'again');
    await userEvent.clear(screen.getByLabelText('Reply 2'));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(fieldError(await screen.findByLabelText('Reply 2'))).toBe('The reply text is empty.');
  });

  it('deleting a reply and saving removes it; a leading "/" typed in a shortcut is dropped', async () => {
    const s = renderCanned();
    await screen.findByLabelText('Shortcut 1');
    await userEvent.click(screen.getByRole('button', { name: 'Delete reply 1 (/hello)' }));
    await userEvent.clear(screen.getByLabelText('Shortcut 1'));
    await userEvent.type(screen.getByLabelText('Shortcut 1'), '/order-no');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/Saved 1 canned reply\./)).toBeInTheDocument();
    expect(s.canned()).toEqual([{ shortcut: 'order-no', text: 'Could you give me your order number, please?' }]);
  });
});

describe('inbox admin: helpers', () => {
  it('splitList trims, drops empties and case-insensitive repeats', () => {
    expect(splitList(' en, fr ,, EN, de-CH ')).toEqual(['en', 'fr', 'de-CH']);
    expect(splitList('')).toEqual([]);
  });

  it("plainMessage words zod's messages; other sentences keep their text", () => {
    expect(plainMessage('Too small: expected string to have >=8 characters')).toBe('Use at least 8 characters.');
    expect(plainMessage('Too small: expected string to have >=1 characters')).toBe('This cannot be empty.');
    expect(plainMessage('Too big: expected number to be <=100')).toBe('Use 100 or less.');
    expect(plainMessage('the reply text is empty')).toBe('The reply text is empty.');
  });

  it('issuesOf / issuesByField map server paths to form fields', () => {
    expect(issuesOf({ field: 'body.teams.2', issues: [{ field: 'body.teams.2', message: 'Too big: expected string to have <=100 characters' }] })).toEqual([{ field: 'teams.2', message: 'Too big: expected string to have <=100 characters' }]);
    expect(issuesByField(issuesOf({ field: 'body.teams.2', issues: [{ field: 'body.teams.2', message: 'x' }] }), ['teams'])).toEqual({ teams: 'X.' });
    expect(issuesByField([{ field: 'nope', message: 'odd' }], ['email'])).toEqual({ '': 'Odd.' });
    expect(issuesByField([{ field: '', message: 'email: taken' }], ['email'])).toEqual({ email: 'Taken.' });
  });

  it('newToken makes distinct URL-safe tokens with 32 random bytes', () => {
    const a = newToken();
    expect(a).toMatch(/^bt_[A-Za-z0-9_-]{43}$/);
    expect(newToken()).not.toBe(a);
    expect(newToken(() => new Uint8Array(32))).toBe('bt_' + 'A'.repeat(43));
  });
});

describe('inbox: Tickets', () => {
  it('lists tickets newest first with number, contact, issue and priority; shows the CSAT average; customer text stays text', async () => {
    const s = fakeServer();
    render(<TicketsScreen api={s.api} token="tok" onUnauthorized={vi.fn()} now={() => T0} />);
    const list = await screen.findByRole('list', { name: 'Tickets' });
    const rows = within(list).getAllByRole('button');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('c2:T3');
    expect(rows[0]).toHaveTextContent('bo@example.com');
    expect(rows[0]).toHaveTextContent('high');
    expect(rows[0]).toHaveTextContent('5 min ago');
    expect(within(rows[0]).getByText(HOSTILE)).toBeInTheDocument();
    expect(list.querySelector('img')).toBeNull();
    expect(rows[1]).toHaveTextContent('Ann Customer');
    expect(rows[1]).toHaveTextContent('3 h ago');
    expect(screen.getByLabelText('Customer ratings')).toHaveTextContent('Customer rating 4.0 from 2 ratings · latest: 3, 5');
  });

  it('opens a ticket: contact with a mail link, issue, summary and the conversation', async () => {
    const s = fakeServer();
    render(<TicketsScreen api={s.api} token="tok" onUnauthorized={vi.fn()} now={() => T0} />);
    await userEvent.click(within(await screen.findByRole('list', { name: 'Tickets' })).getAllByRole('button')[0]);
    const detail = screen.getByRole('region', { name: 'Ticket' });
    expect(await within(detail).findByRole('heading', { name: 'Ticket c2:T3' })).toBeInTheDocument();
    expect(within(detail).getByRole('link', { name: /bo@example.com/ })).toHaveAttribute('href', 'mailto:bo@example.com?subject=Your%20request%20c2%3AT3');
    expect(within(detail).getByText('Customer asked for a person; nobody was online.')).toBeInTheDocument();
    const convo = within(detail).getByRole('list', { name: 'Conversation' });
    expect(within(convo).getAllByRole('listitem')).toHaveLength(3);
    expect(within(convo).getAllByText(HOSTILE)).toHaveLength(1);
    expect(detail.querySelector('img')).toBeNull();
    expect(s.calls.some((c) => c.path === '/api/v1/agent/tickets/c2%3AT3' || c.path === '/api/v1/agent/tickets/c2:T3')).toBe(true);
  });

  it('says so when there are no tickets', async () => {
    const s = fakeServer();
    s.fetch.mockImplementation(async (url: string | URL | Request) => {
      const path = new URL(String(url)).pathname;
      const body = path === '/api/v1/agent/csat' ? { total: 0, average: null, offset: 0, limit: 10, nextOffset: null, scores: [] } : { total: 0, offset: 0, limit: 50, nextOffset: null, tickets: [] };
      return new Response(JSON.stringify(body), { status: 200 });
    });
    render(<TicketsScreen api={s.api} token="tok" onUnauthorized={vi.fn()} />);
    // The screen opens on the open tickets; "All" says what tickets are.
    expect(await screen.findByText(/No open tickets\./)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('tab', { name: /All/ }));
    expect(await screen.findByText(/No tickets\./)).toBeInTheDocument();
    expect(screen.queryByLabelText('Customer ratings')).toBeNull();
  });
});
