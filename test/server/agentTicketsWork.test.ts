/**
 * Working tickets over real HTTP on 127.0.0.1 (PATCH /api/v1/agent/tickets/:id, runtime/agents/agentTickets.ts):
 * an agent or an admin marks a ticket done, reopens it, assigns it; the list filters by status and assignee; the
 * change is stored (survives a restart of the runtime on the same data folder), pushed to the agents who may see the
 * ticket (not to other teams), and refused in words for an unknown ticket or agent, an agent who may not serve the
 * flow, an empty or malformed body. With two instances on one real Redis, a change on A is read and pushed on B.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RedisStore } from '../../runtime/store/redisStore';
import { requireProgram } from '../support/requireProgram';
import { startTestRedis } from './redisServer';
import { auth } from './runtimeFixtures';
import { agent, flowWithTakeover, startAgentRuntime, tok, type AgentRuntime } from './agentFixtures';
import { openStream } from './agentSse';

const ann = agent('ann'); // team support
const bob = agent('bob'); // team support
const sam = agent('sam', { teams: ['sales'] });
const boss = agent('boss', { teams: [], admin: true });
const flow = flowWithTakeover({ teams: ['Support'] });

let rts: AgentRuntime[] = [];
afterEach(async () => {
  for (const r of rts) await r.stop();
  rts = [];
});

async function openTicket(r: AgentRuntime, email: string, issue: string) {
  const c = await r.post('/api/v1/flows/shop/conversations', {});
  const say = (body: unknown) => r.post(`/api/v1/conversations/${c.body.conversationId}/messages`, body, auth(c.body.token));
  expect((await say({ choice: 'problem' })).status).toBe(200);
  expect((await say({ text: email })).status).toBe(200);
  expect((await say({ text: issue })).status).toBe(200);
  const list = await r.get('/api/v1/agent/tickets', tok(boss));
  return list.body.tickets.find((t: any) => t.conversationId === c.body.conversationId) as { id: string; number: string; conversationId: string };
}

const path = (id: string) => `/api/v1/agent/tickets/${encodeURIComponent(id)}`;

describe('working tickets', () => {
  it('PATCH {assignee: "me"} gives the ticket to the caller, as the list filter reads "me"; "me" and "none" cannot be agent ids (hostile s5 #14)', async () => {
    const rt = await startAgentRuntime({ agents: [ann, bob, boss], flow });
    rts.push(rt);
    const t = await openTicket(rt, 'me@example.com', 'Parcel missing');
    const mine = await rt.patch(path(t.id), { assignee: 'me' }, tok(bob));
    expect(mine.status).toBe(200);
    expect(mine.body.ticket.assignee).toEqual({ id: 'bob', name: 'Bob' });
    expect((await rt.get('/api/v1/agent/tickets?assignee=me', tok(bob))).body.tickets.map((x: any) => x.id)).toEqual([t.id]);
    const body = { name: 'Me', email: 'me-agent@example.com', teams: ['support'], skills: [], languages: [], maxChats: 2, admin: false, password: 'a-long-password' };
    for (const id of ['me', 'None']) {
      const r = await fetch(`${rt.url}/api/v1/agent/agents/${id}`, { method: 'PUT', headers: { 'content-type': 'application/json', ...tok(boss) }, body: JSON.stringify(body) });
      expect(r.status).toBe(400);
      expect(JSON.stringify(await r.json())).toContain('reserved');
    }
  });

  it('done, reopen, assign; filters; pushed to the agents who see it; stored across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-tickets-work-'));
    try {
      let rt = await startAgentRuntime({ agents: [ann, bob, sam, boss], flow, dir });
      rts.push(rt);
      const t1 = await openTicket(rt, 'one@example.com', 'Charged twice');
      rt.clock.now += 1000;
      const t2 = await openTicket(rt, 'two@example.com', 'Wrong size');
      // Untouched tickets are open and nobody's.
      const fresh = (await rt.get('/api/v1/agent/tickets', tok(ann))).body.tickets;
      expect(fresh.map((t: any) => [t.id, t.status, t.assignee, t.updatedBy])).toEqual([
        [t2.id, 'open', null, null],
        [t1.id, 'open', null, null],
      ]);
      // The detail says who may be given it: the flow's team and the admin, not sales.
      const detail = (await rt.get(path(t1.id), tok(ann))).body;
      expect(detail.assignable.map((a: any) => a.id)).toEqual(['ann', 'bob', 'boss']);

      // Bob and Sam listen on their push streams.
      const bobStream = await openStream(`${rt.url}/api/v1/agent/events?token=${encodeURIComponent(bob.token!)}`, {});
      const samStream = await openStream(`${rt.url}/api/v1/agent/events?token=${encodeURIComponent(sam.token!)}`, {});

      // Ann assigns t1 to Bob, then marks it done.
      rt.clock.now += 60_000;
      const given = await rt.patch(path(t1.id), { assignee: 'bob' }, tok(ann));
      expect(given.status).toBe(200);
      expect(given.body.ticket).toMatchObject({ id: t1.id, status: 'open', assignee: { id: 'bob', name: 'Bob' }, updatedBy: { id: 'ann', name: 'Ann' }, updatedAt: rt.clock.now });
      const pushed = await bobStream.until((f) => f.event === 'ticket', 'ticket event for Bob');
      expect(pushed.data).toEqual({ ticket: given.body.ticket }); // no list of recipients on the wire
      const done = await rt.patch(path(t1.id), { status: 'done' }, tok(ann));
      expect(done.body.ticket).toMatchObject({ status: 'done', assignee: { id: 'bob' }, doneAt: rt.clock.now, doneBy: { id: 'ann', name: 'Ann' } });
      await bobStream.until((f) => f.event === 'ticket' && f.data.ticket.status === 'done', 'done event for Bob');
      // Sam (sales) may not see the ticket: he gets a later event everyone gets, and no ticket event before it.
      await rt.post('/api/v1/agent/presence', { status: 'online' }, tok(sam));
      await samStream.until((f) => f.event === 'presence', 'presence for Sam');
      expect(samStream.frames.filter((f) => f.event === 'ticket')).toEqual([]);
      bobStream.close();
      samStream.close();

      // Filters: open / done / mine / nobody's.
      const ids = async (q: string, who = ann) => (await rt.get(`/api/v1/agent/tickets?${q}`, tok(who))).body.tickets.map((t: any) => t.id);
      expect(await ids('status=open')).toEqual([t2.id]);
      expect(await ids('status=done')).toEqual([t1.id]);
      expect(await ids('assignee=me', bob)).toEqual([t1.id]);
      expect(await ids('assignee=me')).toEqual([]);
      expect(await ids('assignee=bob&status=done')).toEqual([t1.id]);
      expect(await ids('assignee=none')).toEqual([t2.id]);
      expect((await rt.get('/api/v1/agent/tickets?status=closed', tok(ann))).status).toBe(400);

      // The admin reopens it and takes it; doing it again changes nothing but the "last change".
      rt.clock.now += 1000;
      const reopened = await rt.patch(path(t1.id), { status: 'open', assignee: 'boss' }, tok(boss));
      expect(reopened.body.ticket).toMatchObject({ status: 'open', doneAt: null, doneBy: null, assignee: { id: 'boss', name: 'Boss' }, updatedBy: { id: 'boss' } });
      // Nobody: assignee null.
      const nobody = await rt.patch(path(t2.id), { assignee: null, status: 'done' }, tok(bob));
      expect(nobody.body.ticket).toMatchObject({ status: 'done', assignee: null, doneBy: { id: 'bob' } });

      // Two agents change one ticket at the same moment: both changes land (each applied to a fresh read, in turn).
      const [x, y] = await Promise.all([rt.patch(path(t2.id), { status: 'open' }, tok(ann)), rt.patch(path(t2.id), { assignee: 'ann' }, tok(bob))]);
      expect([x.status, y.status]).toEqual([200, 200]);
      expect((await rt.get(path(t2.id), tok(ann))).body.ticket).toMatchObject({ status: 'open', assignee: { id: 'ann' } });
      await rt.patch(path(t2.id), { assignee: null, status: 'done' }, tok(bob));

      // Stored: a restart on the same data folder reads it all back.
      await rt.stop();
      rts = [];
      rt = await startAgentRuntime({ agents: [ann, bob, sam, boss], flow, dir });
      rts.push(rt);
      const after = (await rt.get('/api/v1/agent/tickets', tok(ann))).body.tickets;
      expect(after.map((t: any) => [t.id, t.status, t.assignee?.id ?? null])).toEqual([
        [t2.id, 'done', null],
        [t1.id, 'open', 'boss'],
      ]);
      // The ticket's own fields are untouched by the work.
      expect((await rt.get(path(t1.id), tok(ann))).body.ticket).toMatchObject({ number: t1.number, contact: { email: 'one@example.com' }, issue: 'Charged twice' });
    } finally {
      for (const r of rts) await r.stop();
      rts = [];
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses in words: unknown ticket or agent, an agent who may not serve the flow, other teams, bad bodies, no token', async () => {
    const rt = await startAgentRuntime({ agents: [ann, bob, sam, boss], flow });
    rts.push(rt);
    const t = await openTicket(rt, 'c@example.com', 'Broken lid');
    const unknownTicket = await rt.patch(path('nope:T1'), { status: 'done' }, tok(ann));
    expect(unknownTicket.status).toBe(404);
    expect(unknownTicket.body).toMatchObject({ error: 'ticket_not_found', field: 'id' });
    expect(unknownTicket.body.message).toContain('No ticket "nope:T1" that you can see');
    // Another team's agent: the same 404 (its id is not confirmed) and nothing changes.
    const other = await rt.patch(path(t.id), { status: 'done' }, tok(sam));
    expect(other.status).toBe(404);
    const unknownAgent = await rt.patch(path(t.id), { assignee: 'zed' }, tok(ann));
    expect(unknownAgent.status).toBe(400);
    expect(unknownAgent.body).toMatchObject({ error: 'agent_not_found', field: 'body.assignee' });
    expect(unknownAgent.body.message).toContain('no agent "zed"');
    const cannot = await rt.patch(path(t.id), { assignee: 'sam' }, tok(ann));
    expect(cannot.status).toBe(400);
    expect(cannot.body.error).toBe('agent_cannot_serve');
    expect(cannot.body.message).toContain('Sam does not serve flow "shop"');
    const empty = await rt.patch(path(t.id), {}, tok(ann));
    expect(empty.status).toBe(400);
    expect(empty.body.message).toContain('give status');
    const badStatus = await rt.patch(path(t.id), { status: 'closed' }, tok(ann));
    expect(badStatus.status).toBe(400);
    expect(JSON.stringify(badStatus.body)).toContain('status');
    expect((await rt.patch(path(t.id), { status: 'done', extra: 1 }, tok(ann))).status).toBe(400);
    const noToken = await rt.patch(path(t.id), { status: 'done' });
    expect(noToken.status).toBe(401);
    // None of that changed the ticket.
    expect((await rt.get(path(t.id), tok(ann))).body.ticket).toMatchObject({ status: 'open', assignee: null, updatedAt: null });
    // A ticket whose conversation was pruned (retention) cannot change any more: 409 saying why.
    const store = rt.store as { getConversation: (id: string) => Promise<unknown> };
    const real = store.getConversation.bind(store);
    store.getConversation = async (id: string) => (id === t.conversationId ? null : real(id));
    const pruned = await rt.patch(path(t.id), { status: 'done' }, tok(boss));
    expect(pruned.status).toBe(409);
    expect(pruned.body.error).toBe('conversation_pruned');
    expect(pruned.body.message).toContain('retention');
  });

  const haveRedis = requireProgram('redis-server');
  it.skipIf(!haveRedis)('with --redis: a change on instance A is read on B and pushed to an agent stream on B', async () => {
    const redis = await startTestRedis();
    try {
      const prefix = `tickets-${Date.now()}:`;
      for (let i = 0; i < 2; i++) {
        const store = await RedisStore.connect({ url: redis.url, prefix, warn: () => undefined });
        rts.push(await startAgentRuntime({ agents: [ann, bob, boss], flow, store }));
      }
      const [a, b] = rts;
      const t = await openTicket(a, 'r@example.com', 'Lost parcel');
      const onB = await openStream(`${b.url}/api/v1/agent/events?token=${encodeURIComponent(bob.token!)}`, {});
      const r = await a.patch(path(t.id), { status: 'done', assignee: 'bob' }, tok(ann));
      expect(r.status).toBe(200);
      const ev = await onB.until((f) => f.event === 'ticket', 'ticket event on B');
      expect(ev.data.ticket).toMatchObject({ id: t.id, status: 'done', assignee: { id: 'bob' } });
      expect((await b.get(path(t.id), tok(bob))).body.ticket).toMatchObject({ status: 'done', doneBy: { id: 'ann' } });
      onB.close();
    } finally {
      for (const r of rts) await r.stop();
      rts = [];
      await redis.stop();
    }
  });
});
