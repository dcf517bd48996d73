/**
 * GET /api/v1/agent/tickets[/:id] and /api/v1/agent/csat over real HTTP on 127.0.0.1 (runtime/agents/agentTickets.ts):
 * tickets opened by a Ticket block and CSAT scores, newest first, paged, with the transcript; visible to admins
 * and to agents allowed on the flow's Human Takeover block, 404 for others; 401 without a token.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { auth } from './runtimeFixtures';
import { agent, flowWithTakeover, startAgentRuntime, stopAgentRuntimes, tok, type AgentRuntime } from './agentFixtures';

let rt: AgentRuntime | null = null;
afterEach(stopAgentRuntimes);

const ann = agent('ann'); // team support
const sam = agent('sam', { teams: ['sales'] });
const boss = agent('boss', { teams: [], admin: true });

async function openTicket(r: AgentRuntime, email: string, issue: string) {
  const c = await r.post('/api/v1/flows/shop/conversations', {});
  expect(c.status).toBe(201);
  const say = (body: unknown) => r.post(`/api/v1/conversations/${c.body.conversationId}/messages`, body, auth(c.body.token));
  expect((await say({ choice: 'problem' })).status).toBe(200);
  expect((await say({ text: email })).status).toBe(200);
  const last = await say({ text: issue });
  expect(last.status).toBe(200);
  return { id: c.body.conversationId as string, token: c.body.token as string, reply: last.body };
}

describe('tickets and CSAT for agents', () => {
  it('lists tickets newest first with contact, issue and summary; pages; one ticket has the full transcript', async () => {
    rt = await startAgentRuntime({ agents: [ann, sam, boss], flow: flowWithTakeover({ teams: ['Support'] }) });
    expect((await rt.get('/api/v1/agent/tickets')).status).toBe(401);
    expect((await rt.get('/api/v1/agent/tickets')).body).toMatchObject({ error: 'invalid_agent_token' });

    const a = await openTicket(rt, 'ann.customer@example.com', 'My parcel was charged twice');
    rt.clock.now += 1000;
    const b = await openTicket(rt, 'bo@example.com', '<img src=x onerror=alert(1)> wrong size');
    const told = JSON.stringify(b.reply);
    expect(told).toContain('Ticket ');

    const list = await rt.get('/api/v1/agent/tickets', tok(ann));
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 2, offset: 0, nextOffset: null });
    expect(list.body.tickets.map((t: any) => t.conversationId)).toEqual([b.id, a.id]);
    const first = list.body.tickets[0];
    expect(first).toMatchObject({ flowId: 'shop', contact: { email: 'bo@example.com' }, issue: '<img src=x onerror=alert(1)> wrong size', priority: 'normal' });
    expect(typeof first.summary).toBe('string');
    // The number is what the customer was told.
    expect(told).toContain(first.number);

    const p1 = await rt.get('/api/v1/agent/tickets?limit=1', tok(ann));
    expect(p1.body).toMatchObject({ total: 2, nextOffset: 1 });
    const p2 = await rt.get('/api/v1/agent/tickets?limit=1&offset=1', tok(ann));
    expect(p2.body.tickets[0].conversationId).toBe(a.id);
    expect((await rt.get('/api/v1/agent/tickets?limit=0', tok(ann))).status).toBe(400);

    const one = await rt.get(`/api/v1/agent/tickets/${encodeURIComponent(list.body.tickets[1].id)}`, tok(ann));
    expect(one.status).toBe(200);
    expect(one.body.ticket.contact.email).toBe('ann.customer@example.com');
    const texts = one.body.transcript.map((e: any) => `${e.from}:${e.text}`);
    expect(texts).toContain('customer:My parcel was charged twice');
    expect(texts.some((t: string) => t.startsWith('bot:What email address'))).toBe(true);
  });

  it('an agent of another team sees none and gets 404 for an id; an admin sees all', async () => {
    rt = await startAgentRuntime({ agents: [ann, sam, boss], flow: flowWithTakeover({ teams: ['Support'] }) });
    await openTicket(rt, 'c@example.com', 'Broken lid');
    const forSam = await rt.get('/api/v1/agent/tickets', tok(sam));
    expect(forSam.body).toMatchObject({ total: 0, tickets: [] });
    const id = (await rt.get('/api/v1/agent/tickets', tok(boss))).body.tickets[0].id;
    expect((await rt.get(`/api/v1/agent/tickets/${encodeURIComponent(id)}`, tok(sam))).status).toBe(404);
    expect((await rt.get(`/api/v1/agent/tickets/${encodeURIComponent(id)}`, tok(sam))).body.error).toBe('ticket_not_found');
    expect((await rt.get(`/api/v1/agent/tickets/${encodeURIComponent(id)}`, tok(boss))).status).toBe(200);
    expect((await rt.get('/api/v1/agent/tickets/nope', tok(boss))).status).toBe(404);
  });

  it('lists CSAT scores with their average', async () => {
    rt = await startAgentRuntime({ agents: [ann, boss], flow: flowWithTakeover({ teams: ['Support'] }) });
    for (const score of ['5', '3']) {
      const c = await rt.post('/api/v1/flows/shop/conversations', {});
      const say = (body: unknown) => rt!.post(`/api/v1/conversations/${c.body.conversationId}/messages`, body, auth(c.body.token));
      expect((await say({ choice: 'rate' })).status).toBe(200);
      expect((await say({ text: score })).status).toBe(200);
      rt.clock.now += 1000;
    }
    const res = await rt.get('/api/v1/agent/csat', tok(ann));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 2, average: 4 });
    expect(res.body.scores.map((s: any) => s.score)).toEqual([3, 5]);
  });
});
