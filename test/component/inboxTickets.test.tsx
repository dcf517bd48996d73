// @vitest-environment jsdom
/**
 * Working tickets in the inbox's Tickets screen (renderer/inbox/admin/TicketsScreen.tsx) against a scripted agent
 * API behind a fake `fetch` with the runtime's rules (runtime/agents/agentTickets.ts): filters Open / Mine / Done /
 * All ask the server with status= and assignee=; "Mark done", "Reopen", "Assigned to" and "Assign to me" send PATCH
 * and show the stored result; a refusal is shown in the server's words and changes nothing; a change pushed by
 * another agent (`changed`) updates the list and the open ticket.
 */
import './support/setup';
import { configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { TicketsScreen } from '../../renderer/inbox/admin/TicketsScreen';
import { createAdminApi, type TicketRow } from '../../renderer/inbox/admin/adminApi';

configure({ asyncUtilTimeout: 5_000 });

const T0 = Date.UTC(2026, 10, 30, 12, 0, 0);
const AGENTS = [
  { id: 'ann', name: 'Ann Lee' },
  { id: 'bob', name: 'Bob Stone' },
];
const base = (id: string, at: number, issue: string): TicketRow => ({
  id,
  number: `T-${id.toUpperCase()}`,
  conversationId: id,
  flowId: 'shop',
  at,
  contact: { name: null, email: `${id}@example.com`, phone: null },
  issue,
  priority: 'normal',
  summary: '',
  status: 'open',
  assignee: null,
  doneAt: null,
  doneBy: null,
  updatedAt: null,
  updatedBy: null,
});

function fakeServer(me = AGENTS[0]) {
  const tickets = [base('t2', T0 - 60_000, 'Wrong size'), base('t1', T0 - 3_600_000, 'Charged twice')];
  const calls: Array<{ method: string; url: string; body?: any }> = [];
  let refuseNext: { status: number; body: unknown } | null = null;
  const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    const u = new URL(String(url));
    const method = init?.method ?? 'GET';
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method, url: u.pathname + u.search, body });
    const json = (status: number, b: unknown) => new Response(JSON.stringify(b), { status, headers: { 'content-type': 'application/json' } });
    if (u.pathname === '/api/v1/agent/csat') return json(200, { total: 0, average: null, offset: 0, limit: 10, nextOffset: null, scores: [] });
    if (method === 'GET' && u.pathname === '/api/v1/agent/tickets') {
      const status = u.searchParams.get('status');
      const who = u.searchParams.get('assignee') === 'me' ? me.id : u.searchParams.get('assignee');
      const rows = tickets.filter((t) => (!status || t.status === status) && (!who || (who === 'none' ? t.assignee === null : t.assignee?.id === who)));
      return json(200, { total: rows.length, offset: 0, limit: 50, nextOffset: null, tickets: rows });
    }
    const id = decodeURIComponent(u.pathname.split('/').pop()!);
    const t = tickets.find((x) => x.id === id);
    if (!t) return json(404, { error: 'ticket_not_found', message: `No ticket "${id}" that you can see; list them with GET /api/v1/agent/tickets.`, field: 'id' });
    if (method === 'GET') return json(200, { ticket: t, transcript: [{ seq: 1, from: 'customer', text: t.issue, at: t.at }], assignable: AGENTS });
    if (method === 'PATCH') {
      if (refuseNext) {
        const r = refuseNext;
        refuseNext = null;
        return json(r.status, r.body);
      }
      const agent = body.assignee === undefined ? undefined : body.assignee === null ? null : AGENTS.find((a) => a.id === body.assignee);
      if (agent === undefined && body.assignee !== undefined) return json(400, { error: 'agent_not_found', message: `body.assignee: no agent "${body.assignee}"`, field: 'body.assignee' });
      const at = T0;
      if (agent !== undefined) t.assignee = agent;
      if (body.status) {
        t.doneAt = body.status === 'done' ? at : null;
        t.doneBy = body.status === 'done' ? me : null;
        t.status = body.status;
      }
      t.updatedAt = at;
      t.updatedBy = me;
      return json(200, { ticket: { ...t } });
    }
    return json(404, { error: 'not_found', message: 'no route' });
  });
  const api = createAdminApi({ baseUrl: 'http://127.0.0.1:9', fetch: fetch as unknown as typeof globalThis.fetch });
  return { api, calls, tickets, refuse: (status: number, body: unknown) => (refuseNext = { status, body }) };
}

const listRows = async () => within(await screen.findByRole('list', { name: 'Tickets' })).getAllByRole('button');

describe('inbox: working tickets', () => {
  it('filters Open / Mine / Done / All through the server; marks done, reopens, assigns, and takes a ticket', async () => {
    const s = fakeServer();
    render(<TicketsScreen api={s.api} token="tok" onUnauthorized={vi.fn()} me={AGENTS[0]} now={() => T0} />);
    // Opens on the open tickets, each saying its state and owner.
    let rows = await listRows();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('Open');
    expect(rows[0]).toHaveTextContent('Unassigned');
    expect(s.calls[0].url).toBe('/api/v1/agent/tickets?limit=50&offset=0&status=open');
    expect(screen.getByRole('tab', { name: /Open/ })).toHaveAttribute('aria-selected', 'true');

    // Open t1: assign it to Bob, then take it myself.
    await userEvent.click(rows[1]);
    const detail = screen.getByRole('region', { name: 'Ticket' });
    const work = await within(detail).findByRole('group', { name: 'Work on this ticket' });
    expect(within(work).getByRole('status')).toHaveTextContent('Open · nobody has worked on it yet');
    const select = within(work).getByLabelText('Assigned to');
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['Nobody', 'Ann Lee (you)', 'Bob Stone']);
    await userEvent.selectOptions(select, 'bob');
    await waitFor(() => expect(s.calls.filter((c) => c.method === 'PATCH')).toEqual([{ method: 'PATCH', url: '/api/v1/agent/tickets/t1', body: { assignee: 'bob' } }]));
    await waitFor(() => expect(within(work).getByLabelText('Assigned to')).toHaveValue('bob'));
    expect(within(await listRows().then((r) => r[1])).getByText(/Bob Stone/)).toBeInTheDocument();
    await userEvent.click(within(work).getByRole('button', { name: 'Assign to me' }));
    await waitFor(() => expect(within(work).getByLabelText('Assigned to')).toHaveValue('ann'));
    expect(within(work).queryByRole('button', { name: 'Assign to me' })).toBeNull();
    rows = await listRows();
    expect(rows[1]).toHaveTextContent('You');

    // Mine: only t1.
    await userEvent.click(screen.getByRole('tab', { name: /Mine/ }));
    await waitFor(() => expect(s.calls.some((c) => c.url === '/api/v1/agent/tickets?limit=50&offset=0&status=open&assignee=me')).toBe(true));
    await waitFor(async () => expect(await listRows()).toHaveLength(1));

    // Mark done: it leaves the open lists; the ticket says who and when; Done lists it; Reopen brings it back.
    await userEvent.click(within(work).getByRole('button', { name: 'Mark done' }));
    await waitFor(() => expect(within(work).getByRole('status')).toHaveTextContent(/Done · by Ann Lee/));
    expect(s.calls.find((c) => c.method === 'PATCH' && c.body.status === 'done')).toBeTruthy();
    expect(await screen.findByText('No open tickets are assigned to you.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('tab', { name: /Done/ }));
    rows = await listRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveTextContent('T-T1');
    expect(rows[0]).toHaveTextContent('Done');
    await userEvent.click(within(work).getByRole('button', { name: 'Reopen' }));
    await waitFor(() => expect(within(work).getByRole('status')).toHaveTextContent(/^Open · last change by Ann Lee/));
    expect(await screen.findByText('No ticket is marked done yet.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('tab', { name: /All/ }));
    expect(await listRows()).toHaveLength(2);
  });

  it("shows the server's refusal in words and keeps the ticket as it was", async () => {
    const s = fakeServer();
    render(<TicketsScreen api={s.api} token="tok" onUnauthorized={vi.fn()} me={AGENTS[0]} now={() => T0} />);
    await userEvent.click((await listRows())[0]);
    const work = await screen.findByRole('group', { name: 'Work on this ticket' });
    s.refuse(409, { error: 'conversation_pruned', message: 'Ticket T-T2 belongs to a conversation that was deleted after the retention period; its status and assignee can no longer be changed.', field: 'id' });
    await userEvent.click(within(work).getByRole('button', { name: 'Mark done' }));
    expect(await within(work).findByRole('alert')).toHaveTextContent('its status and assignee can no longer be changed');
    expect(within(work).getByRole('status')).toHaveTextContent(/^Open/);
    expect(s.tickets[0].status).toBe('open');
    // The next successful change clears the error.
    await userEvent.click(within(work).getByRole('button', { name: 'Mark done' }));
    await waitFor(() => expect(within(work).getByRole('status')).toHaveTextContent(/^Done/));
    expect(within(work).queryByRole('alert')).toBeNull();
  });

  it("follows another agent's change pushed on the agent channel (list and open ticket)", async () => {
    const s = fakeServer();
    const { rerender } = render(<TicketsScreen api={s.api} token="tok" onUnauthorized={vi.fn()} me={AGENTS[0]} now={() => T0} changed={null} />);
    await userEvent.click((await listRows())[0]);
    const work = await screen.findByRole('group', { name: 'Work on this ticket' });
    // Bob marks t2 done elsewhere: the server has it, and the push event arrives.
    // A re-render of the parent (new callback functions) fetches nothing again.
    const before = s.calls.length;
    rerender(<TicketsScreen api={s.api} token="tok" onUnauthorized={vi.fn()} me={AGENTS[0]} now={() => T0} changed={null} />);
    await new Promise((r) => setTimeout(r, 50));
    expect(s.calls.length).toBe(before);
    Object.assign(s.tickets[0], { status: 'done', doneAt: T0, doneBy: AGENTS[1], updatedAt: T0, updatedBy: AGENTS[1], assignee: AGENTS[1] });
    rerender(<TicketsScreen api={s.api} token="tok" onUnauthorized={vi.fn()} me={AGENTS[0]} now={() => T0} changed={{ ticket: { ...s.tickets[0] }, n: 1 }} />);
    await waitFor(() => expect(within(work).getByRole('status')).toHaveTextContent(/Done · by Bob Stone/));
    expect(within(work).getByLabelText('Assigned to')).toHaveValue('bob');
    // The Open list no longer has it.
    await waitFor(async () => expect(await listRows()).toHaveLength(1));
    expect((await listRows())[0]).toHaveTextContent('T-T1');
  });
});
