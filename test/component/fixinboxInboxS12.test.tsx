// @vitest-environment jsdom
/**
 * fixinbox, session 12 (newcomer s11 report), inbox side:
 * - #7: an agents file broken by hand is said on the Agents screen as soon as it opens (was: only when an admin's
 *   save was refused, at the bottom of the drawer). The server's side (GET /agents answers fileProblem) is fixhost's
 *   s11 test (test/server/fixhostAgentsFile.test.ts); the e2e fixinboxS12 breaks a real file in Chromium.
 * - #9: an Unassigned row shows its place in the queue and how long it has waited.
 * - #23: the customer's rating after Resolve reads as a rating: on the Closed row, the chat header, and in the
 *   timeline (was: a bare customer bubble "4").
 */
import './support/setup';
import { configure, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { AgentsScreen } from '../../renderer/inbox/admin/AgentsScreen';
import { createAdminApi, type AdminAgent, type AdminApi } from '../../renderer/inbox/admin/adminApi';
import { Inbox } from '../../renderer/inbox/Inbox';
import type { Entry } from '../../renderer/inbox/inboxApi';
import { annOnline, fakeInboxApi, handoffDetail, handoffRow, placeAt, quietAlerts, signedInStorage } from './support/inboxFakes';

configure({ asyncUtilTimeout: 10_000 });

describe('#7 the Agents screen says the agents file is broken when it opens', () => {
  it('a hand edit that broke the file shows a banner naming the problem, before any save; gone once fixed', async () => {
    const ada: AdminAgent = { id: 'ada', name: 'Ada Admin', email: 'ada@example.com', teams: ['support'], skills: [], languages: ['en'], maxChats: 5, admin: true, status: 'online', activeChats: 0, revision: 0 };
    const bob: AdminAgent = { ...ada, id: 'bob', name: 'Bob', email: 'bob@example.com', admin: false, status: 'offline' };
    // What GET /api/v1/agent/agents answers while the file is broken (runtime/agents/agentRoutes.ts, fixhost s11).
    let problem: string | null = '/srv/baton/agents.json: not valid JSON (Expected \',\' or \'}\' after property value in JSON at position 454).';
    let list = [ada, bob];
    const api = { agents: vi.fn(async () => list), agentsFile: vi.fn(async () => ({ agents: list, fileProblem: problem })) } as unknown as AdminApi;
    render(<AgentsScreen api={api} token="tok" me={{ id: 'ada', name: 'Ada Admin' }} onUnauthorized={() => {}} pollMs={0} />);
    const banner = await screen.findByRole('alert');
    expect(banner).toHaveTextContent("The agents file was edited on disk and cannot be read: /srv/baton/agents.json: not valid JSON (Expected ',' or '}' after property value in JSON at position 454). Fix the file on disk");
    expect(banner).toHaveTextContent('Fix the file on disk');
    // The agents as they were are still listed (nothing lost on screen).
    expect(screen.getByText('Bob')).toBeInTheDocument();

    // Fixed on disk: the banner goes at the next load.
    problem = null;
    list = [ada, { ...bob, name: 'Bobby' }];
    await userEvent.click(screen.getByRole('button', { name: 'Refresh agents and presence' }));
    expect(await screen.findByText('Bobby')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('the real admin client reads fileProblem from the agents answer', async () => {
    const body = { agents: [], fileProblem: 'not valid JSON at position 454' };
    const fetch = vi.fn(async () => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } }));
    const api = createAdminApi({ baseUrl: 'http://127.0.0.1:1', fetch: fetch as unknown as typeof globalThis.fetch });
    expect(await api.agentsFile!('tok')).toEqual({ agents: [], fileProblem: 'not valid JSON at position 454' });
    fetch.mockImplementationOnce(async () => new Response(JSON.stringify({ agents: [] }), { status: 200 }));
    expect(await api.agentsFile!('tok')).toEqual({ agents: [], fileProblem: null });
  });
});

describe('#9 an Unassigned row says where the chat is in the queue and how long it has waited', () => {
  it('"#2 in queue · waiting 3 min", "#1 in queue · waiting 4 min"', async () => {
    const now = Date.now();
    const first = handoffRow({ id: 'c1:h1', conversationId: 'c1', status: 'pending', agentId: null, agentName: null, customer: 'Quinn', requestedAt: now - 4 * 60_000, queuedSince: now - 4 * 60_000, queue: { position: 1, wait: 'under a minute' } });
    const second = handoffRow({ id: 'c2:h1', conversationId: 'c2', status: 'pending', agentId: null, agentName: null, customer: 'Ray', requestedAt: now - 3 * 60_000, queuedSince: now - 3 * 60_000, queue: { position: 2, wait: 'about 4 minutes' } });
    const api = fakeInboxApi({ ...annOnline(0), list: async () => ({ counts: { unassigned: 2, mine: 0, all: 2, closed: 0 }, handoffs: [first, second] }) });
    render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={placeAt('#/unassigned')} />);
    const rayRow = (await screen.findByText('Ray')).closest('button')!;
    expect(within(rayRow).getByText('#2 in queue · waiting 3 min')).toBeInTheDocument();
    expect(within(rayRow).getByTitle('The customer was told: expected wait about 4 minutes.')).toBeInTheDocument();
    const quinnRow = screen.getByText('Quinn').closest('button')!;
    expect(within(quinnRow).getByText('#1 in queue · waiting 4 min')).toBeInTheDocument();
  });
});

describe('#23 a rating after Resolve reads as a rating', () => {
  it('on the Closed row, in the header and in the timeline', async () => {
    const at = Date.now() - 60_000;
    const scale = ['1', '2', '3', '4', '5'].map((x) => ({ id: x, label: x }));
    const transcript: Entry[] = [
      { id: 'c1:1', seq: 1, from: 'customer', text: 'Where is my parcel?', at },
      { id: 'c1:2', seq: 2, from: 'agent', name: 'Ann Lee', text: 'It arrives tomorrow.', at: at + 1000 },
      { id: 'c1:3', seq: 3, from: 'bot', text: 'How would you rate this chat?', buttons: scale, at: at + 2000 },
      { id: 'c1:4', seq: 4, from: 'customer', text: '4', at: at + 3000 },
      { id: 'c1:5', seq: 5, from: 'bot', text: 'Thank you for your feedback.', at: at + 3000 },
    ];
    const row = handoffRow({ status: 'resolved', customer: 'Kim', endedAs: 'closed', rating: { score: 4, at: at + 3000 } });
    const api = fakeInboxApi({
      ...annOnline(0),
      list: async () => ({ counts: { unassigned: 0, mine: 0, all: 0, closed: 1 }, handoffs: [row] }),
      detail: async () => handoffDetail(row, { transcript, conversation: { id: 'c1', flowId: 'shop', mode: 'closed', createdAt: at, lastSeq: 5 } }),
    });
    render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={placeAt('#/closed/c1%3Ah1')} />);
    const kimRow = (await screen.findAllByText('Kim'))[0].closest('button')!;
    expect(within(kimRow).getByText(/Rated 4\/5 \(satisfied\)/)).toBeInTheDocument();
    const header = await screen.findByRole('heading', { level: 2, name: 'Kim' });
    expect(within(header.closest('header')!).getByText('Rated 4/5 (satisfied)')).toBeInTheDocument();
    const log = screen.getByRole('list', { name: 'Messages' });
    const rating = within(log).getByLabelText("Rated 4/5 (satisfied): the customer's answer to the rating question");
    expect(rating).toHaveTextContent('★★★★☆ Rated 4/5 (satisfied)');
    // The customer's other words stay as they wrote them; no bare "4" bubble.
    expect(within(log).getByText('Where is my parcel?')).toBeInTheDocument();
    expect([...log.querySelectorAll('.ib-bubble')].map((b) => b.textContent)).not.toContain('4');
  });
});

describe('s12 #11 ratings per agent on the Agents screen', () => {
  it('each agent with their average and count; an agent without ratings says so', async () => {
    const ada: AdminAgent = { id: 'ada', name: 'Ada Admin', email: 'ada@example.com', teams: ['support'], skills: [], languages: ['en'], maxChats: 5, admin: true, status: 'online', activeChats: 0, revision: 0 };
    const bob: AdminAgent = { ...ada, id: 'bob', name: 'Bob', email: 'bob@example.com', admin: false, status: 'offline' };
    const api = {
      agents: vi.fn(async () => [ada, bob]),
      csat: vi.fn(async () => ({ total: 3, offset: 0, limit: 1, nextOffset: 1, average: 2.7, scores: [], byAgent: [{ agentId: 'bob', agentName: 'Bob', count: 3, average: 2.67 }, { agentId: null, agentName: null, count: 1, average: 3 }] })),
    } as unknown as AdminApi;
    render(<AgentsScreen api={api} token="tok" me={{ id: 'ada', name: 'Ada Admin' }} onUnauthorized={() => {}} pollMs={0} />);
    expect(await screen.findByRole('columnheader', { name: 'Rating' })).toBeInTheDocument();
    const bobRow = screen.getByText('Bob').closest('tr')!;
    expect(within(bobRow).getByText('2.7')).toBeInTheDocument();
    expect(within(bobRow).getByText('3 ratings')).toBeInTheDocument();
    const adaRow = screen.getByText('Ada Admin').closest('tr')!;
    expect(within(adaRow).getByText('no ratings yet')).toBeInTheDocument();
  });
});

describe('s11 #27 the timeline shows one queue line per wait', () => {
  it('the newest place, once, where the first was', async () => {
    const at = Date.now() - 120_000;
    const row = handoffRow({ status: 'pending', agentId: null, agentName: null, customer: 'Max' });
    const transcript: Entry[] = [
      { id: 'c1:1', seq: 1, from: 'customer', text: 'I want a person', at },
      { id: 'c1:2', seq: 2, from: 'system', text: 'You are number 3 in the queue. Expected wait: about 6 minutes.', at: at + 1000 },
      { id: 'c1:3', seq: 3, from: 'customer', text: 'still there?', at: at + 2000 },
      { id: 'c1:4', seq: 4, from: 'system', text: 'You are number 2 in the queue. Expected wait: about 4 minutes.', at: at + 3000 },
      { id: 'c1:5', seq: 5, from: 'system', text: 'You are next in line. Expected wait: under a minute.', at: at + 4000 },
    ];
    const api = fakeInboxApi({ ...annOnline(0), list: async () => ({ counts: { unassigned: 1, mine: 0, all: 1, closed: 0 }, handoffs: [row] }), detail: async () => handoffDetail(row, { transcript, conversation: { id: 'c1', flowId: 'shop', mode: 'waiting', createdAt: at, lastSeq: 5 } }) });
    render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={placeAt('#/unassigned/c1%3Ah1')} />);
    const log = await screen.findByRole('list', { name: 'Messages' });
    await within(log).findByText('still there?');
    const lines = [...log.querySelectorAll('.ib-sys')].map((li) => li.textContent ?? '').filter((t) => /in the queue|next in line/.test(t));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^You are next in line\. Expected wait: under a minute\./);
    // Where the first place was said: before the customer's "still there?".
    const items = [...log.children].map((li) => li.textContent ?? '');
    expect(items.findIndex((t) => /next in line/.test(t))).toBeLessThan(items.findIndex((t) => t.includes('still there?')));
  });
});
