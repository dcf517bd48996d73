/**
 * GET /api/v1/agent/conversations?mode=bot over real HTTP on 127.0.0.1: live bot conversations, newest activity
 * first, paged, filtered by who may serve the flow; a taken-over conversation leaves the list.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { RedisStore } from '../../runtime/store/redisStore';
import { requireProgram } from '../support/requireProgram';
import { startTestRedis } from './redisServer';
import { auth } from './runtimeFixtures';
import { agent, flowWithTakeover, startAgentRuntime, stopAgentRuntimes, tok, type AgentRuntime } from './agentFixtures';

let rt: AgentRuntime | null = null;
afterEach(stopAgentRuntimes);

const ann = agent('ann');
const sales = agent('sam', { teams: ['sales'] });
const boss = agent('boss', { teams: [], admin: true });
const LIST = '/api/v1/agent/conversations?mode=bot';

describe('live bot conversations for agents', () => {
  it('lists them newest activity first with preview, current block and turns; pages; takeover removes one', async () => {
    rt = await startAgentRuntime({ agents: [ann, sales, boss], flow: flowWithTakeover({ teams: ['Support'] }) });
    expect((await rt.get(LIST)).status).toBe(401);
    await rt.post('/api/v1/agent/presence', { status: 'online' }, tok(ann));

    const a = await rt.post('/api/v1/flows/shop/conversations', {});
    rt.clock.now += 1000;
    const b = await rt.post('/api/v1/flows/shop/conversations', {});
    rt.clock.now += 1000;
    const c = await rt.post('/api/v1/flows/shop/conversations', {});
    rt.clock.now += 1000;
    for (const x of [a, b, c]) expect(x.status).toBe(201);
    // A conversation that asked for a person is a handoff, not a live bot conversation.
    const waiting = await rt.customerWantsPerson();
    rt.clock.now += 1000;
    // `a` becomes the most recent activity: the customer types something the buttons do not match.
    const said = await rt.post(`/api/v1/conversations/${a.body.conversationId}/messages`, { text: 'hello <b>there</b>' }, auth(a.body.token));
    expect(said.status).toBe(200);

    const res = await rt.get(LIST, tok(ann));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ mode: 'bot', total: 3, offset: 0, nextOffset: null });
    const ids = res.body.conversations.map((x: any) => x.id);
    expect(ids).not.toContain(waiting.id);
    expect(ids[0]).toBe(a.body.conversationId);
    expect(ids).toEqual([a.body.conversationId, c.body.conversationId, b.body.conversationId]);
    const first = res.body.conversations[0];
    expect(first).toMatchObject({ flowId: 'shop', turns: 1, currentBlock: { kind: 'buttons' } });
    expect(typeof first.startedAt).toBe('number');
    expect(first.lastActivityAt).toBeGreaterThanOrEqual(first.startedAt);
    expect(first.lastMessage.from).toMatch(/^(bot|customer|system)$/);
    expect(first.lastMessage.text.length).toBeGreaterThan(0);
    const fresh = res.body.conversations.find((x: any) => x.id === b.body.conversationId);
    expect(fresh).toMatchObject({ turns: 0, lastMessage: { from: 'bot', text: 'What do you need?' } });

    // Paging: 2 + 1, nothing repeated, same order.
    const p1 = (await rt.get(`${LIST}&limit=2`, tok(ann))).body;
    expect(p1.conversations).toHaveLength(2);
    expect(p1.nextOffset).toBe(2);
    const p2 = (await rt.get(`${LIST}&limit=2&offset=2`, tok(ann))).body;
    expect(p2.conversations).toHaveLength(1);
    expect(p2.nextOffset).toBeNull();
    expect([...p1.conversations, ...p2.conversations].map((x: any) => x.id)).toEqual(ids);

    // Bad queries: a clear 400, never a 500.
    for (const q of ['?mode=agent', '?limit=0', '?limit=abc', '?offset=-1', '?mode=bot&x=1']) {
      const bad = await rt.get(`/api/v1/agent/conversations${q}`, tok(ann));
      expect(bad.status, q).toBe(400);
      expect(typeof bad.body.message).toBe('string');
    }

    // Visibility: a sales agent may not serve this flow (its only takeover block allows team Support); an admin may.
    expect((await rt.get(LIST, tok(sales))).body).toMatchObject({ total: 0, conversations: [] });
    expect((await rt.get(LIST, tok(boss))).body.total).toBe(3);

    // Ann takes `b` over: it leaves the live list and is hers.
    const take = await rt.post(`/api/v1/agent/conversations/${b.body.conversationId}/takeover`, {}, tok(ann));
    expect(take.status).toBe(200);
    const after = (await rt.get(LIST, tok(ann))).body;
    expect(after.total).toBe(2);
    expect(after.conversations.map((x: any) => x.id)).not.toContain(b.body.conversationId);
    const mine = (await rt.get('/api/v1/agent/handoffs?view=mine', tok(ann))).body;
    expect(mine.handoffs.map((h: any) => h.conversationId)).toContain(b.body.conversationId);
  });

  it('a flow whose takeover block names agents is served by those agents only', async () => {
    rt = await startAgentRuntime({ agents: [ann, agent('bob')], flow: flowWithTakeover({ agents: ['bob'] }) });
    await rt.post('/api/v1/flows/shop/conversations', {});
    expect((await rt.get(LIST, tok(ann))).body.total).toBe(0);
    expect((await rt.get(LIST, tok(agent('bob')))).body.total).toBe(1);
  });
});

describe.skipIf(!requireProgram('redis-server'))('live bot conversations on Redis', () => {
  it('lists the same conversations from another instance sharing the store', async () => {
    const redis = await startTestRedis();
    const prefix = `live-${Date.now()}:`;
    const others: AgentRuntime[] = [];
    try {
      rt = await startAgentRuntime({ agents: [ann], store: await RedisStore.connect({ url: redis.url, prefix, warn: () => undefined }) });
      others.push(await startAgentRuntime({ agents: [ann], store: await RedisStore.connect({ url: redis.url, prefix, warn: () => undefined }) }));
      const a = await rt.post('/api/v1/flows/shop/conversations', {});
      rt.clock.now += 1000;
      const b = await rt.post('/api/v1/flows/shop/conversations', {});
      rt.clock.now += 1000;
      await rt.post(`/api/v1/conversations/${a.body.conversationId}/messages`, { text: 'anything' }, auth(a.body.token));
      const res = (await others[0].get(LIST, tok(ann))).body;
      expect(res.total).toBe(2);
      expect(res.conversations.map((x: any) => x.id)).toEqual([a.body.conversationId, b.body.conversationId]);
      expect(res.conversations[0]).toMatchObject({ turns: 1, currentBlock: { kind: 'buttons' } });
    } finally {
      for (const o of others) await o.stop();
      await redis.stop();
    }
  });
});

describe('live conversation transcript (read before taking over)', () => {
  it('returns the last messages to agents who may serve the flow; others 404; 401 without a token', async () => {
    rt = await startAgentRuntime({ agents: [ann, sales, boss], flow: flowWithTakeover({ teams: ['Support'] }) });
    const a = await rt.post('/api/v1/flows/shop/conversations', {});
    await rt.post(`/api/v1/conversations/${a.body.conversationId}/messages`, { text: 'hello <b>there</b>' }, auth(a.body.token));
    const path = `/api/v1/agent/conversations/${a.body.conversationId}/transcript`;
    expect((await rt.get(path)).status).toBe(401);
    expect((await rt.get(path, tok(sales))).status).toBe(404);
    const t = await rt.get(path, tok(ann));
    expect(t.status).toBe(200);
    expect(t.body.messages.some((m: any) => m.from === 'customer' && m.text === 'hello <b>there</b>')).toBe(true);
    expect(t.body.messages.some((m: any) => m.from === 'bot')).toBe(true);
    const short = await rt.get(`${path}?limit=1`, tok(boss));
    expect(short.body.messages).toHaveLength(1);
    expect((await rt.get('/api/v1/agent/conversations/nope/transcript', tok(boss))).status).toBe(404);
  });
});

