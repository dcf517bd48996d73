/**
 * Hostile s16 H#18 (two runtimes on 127.0.0.1 sharing one real redis-server, real HTTP and a real push stream): Bob
 * opened his inbox on instance B and closed it. B showed him offline (inbox closed), A still "online", and A's
 * assignment pass gave him the new chats, whichever instance the customers came through, each told "Expected wait:
 * under a minute". Now each instance tells the others when an agent's push streams there open and close, so the
 * closed inbox counts everywhere (runtime/agents/agentHub.ts inboxesElsewhere); opening it again, on B, gives him the
 * chat that waited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStore } from '../../runtime/store/redisStore';
import { requireProgram } from '../support/requireProgram';
import { listenSse } from '../support/sse';
import { startTestRedis, type TestRedis } from './redisServer';
import { agent, autoAssign, flowWithTakeover, startAgentRuntime, tok, type AgentRuntime } from './agentFixtures';

const haveRedis = requireProgram('redis-server');
const bob = agent('bob', { name: 'Bob', maxChats: 3 });
const boss = agent('boss', { name: 'Boss', admin: true });
const said = (reply: any) => (reply.messages as Array<{ text: string }>).map((m) => String(m.text)).join(' ');

async function until(what: string, ok: () => Promise<boolean> | boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(!haveRedis)('hostile s16 H#18: an inbox closed on one instance counts on the other', () => {
  let redis: TestRedis;
  const instances: AgentRuntime[] = [];
  beforeAll(async () => {
    redis = await startTestRedis();
  });
  afterAll(async () => {
    for (const r of instances) await r.stop();
    await redis?.stop();
  });

  it('no chat goes to Bob from A while his only inbox, on B, is closed; reopened on B, the next chat is his', async () => {
    const prefix = `inbox-${Date.now()}:`;
    for (let i = 0; i < 2; i++) {
      const store = await RedisStore.connect({ url: redis.url, prefix, warn: () => undefined });
      instances.push(await startAgentRuntime({ agents: [bob, boss], store, flow: flowWithTakeover(autoAssign('least_busy', 3)) }));
    }
    const [a, b] = instances;
    const both = async (ms: number) => {
      for (const r of instances) r.clock.now += ms;
      for (const r of instances) await r.tick();
    };
    expect((await b.post('/api/v1/agent/presence', { status: 'online' }, tok(bob))).status).toBe(200);
    const statusOnA = async () => (await a.get('/api/v1/agent/agents', tok(boss))).body.agents.find((x: any) => x.id === 'bob');
    await until('A to see Bob online', async () => (await statusOnA()).status === 'online');

    // His inbox on B: the push stream opens, then the tab is closed.
    const events: unknown[] = [];
    const stream = listenSse(`${b.url}/api/v1/agent/events`, (e) => events.push(e), tok(bob));
    await until('the stream to open on B', () => b.agentHub!.inboxClosedSince('bob') === null && (b.agentHub as any).streams.has('bob'));
    stream.abort();
    await until('B to see it closed', () => !(b.agentHub as any).streams.has('bob'));
    await both(5000);
    // A says what B says: not online, since when the inbox closed (checked with the admin's token, not his).
    await until('A to show his inbox closed', async () => typeof (await statusOnA()).inboxClosedAt === 'number');
    expect((await statusOnA()).status).not.toBe('online');

    // Customers on A and on B: none is given to Bob, none told "under a minute".
    const onA = await a.customerWantsPerson();
    const onB = await b.customerWantsPerson();
    // Nobody reachable now (hostile s16 H#22's rule, now on both instances): told so at once, no chat queued for him.
    for (const c of [onA, onB]) expect(said(c.reply)).toMatch(/Nobody is free right now/);
    await both(1000);
    await both(1000);
    const rows = async (ids: string[]) => {
      const all = [...(await a.get('/api/v1/agent/handoffs?view=all', tok(boss))).body.handoffs, ...(await a.get('/api/v1/agent/handoffs?view=closed', tok(boss))).body.handoffs];
      return all.filter((h: any) => ids.includes(h.conversationId));
    };
    for (const h of await rows([onA.id, onB.id])) expect(h.agentId).toBeNull();

    // He opens his inbox again on B: the next customer on A is his (the open state crossed over too).
    const again = listenSse(`${b.url}/api/v1/agent/events`, () => undefined, tok(bob));
    try {
      await until('the stream to open again on B', () => (b.agentHub as any).streams.has('bob'));
      await until('A to see his inbox open', async () => (await statusOnA()).inboxClosedAt === undefined);
      const next = await a.customerWantsPerson();
      expect(said(next.reply)).toMatch(/under a minute/);
      await until('the chat to be his', async () => {
        await both(500);
        return (await rows([next.id])).some((h: any) => h.agentId === 'bob');
      });
    } finally {
      again.abort();
    }
  }, 60_000);

  it('hostile s17 H#17: Bob answered a chat and closed his inbox on B: told "stepped away" within the grace, then the chat goes back, whichever instance leads', async () => {
    const prefix = `grace-${Date.now()}:`;
    const pair: AgentRuntime[] = [];
    for (let i = 0; i < 2; i++) {
      const store = await RedisStore.connect({ url: redis.url, prefix, warn: () => undefined });
      const r = await startAgentRuntime({ agents: [bob, boss], store, flow: flowWithTakeover(autoAssign('least_busy', 3)), settings: { awayGraceMinutes: 0.2 } });
      pair.push(r);
      instances.push(r);
    }
    const [a, b] = pair;
    const both = async (ms: number) => {
      for (const r of pair) r.clock.now += ms;
      for (const r of pair) await r.tick();
    };
    const stream = listenSse(`${b.url}/api/v1/agent/events`, () => undefined, tok(bob));
    await until('the stream to open on B', () => (b.agentHub as any).streams.has('bob'));
    expect((await b.post('/api/v1/agent/presence', { status: 'online' }, tok(bob))).status).toBe(200);
    await until('A to see Bob online', async () => (await a.get('/api/v1/agent/agents', tok(boss))).body.agents.find((x: any) => x.id === 'bob').status === 'online');
    const c = await a.customerWantsPerson();
    const row = async () => {
      const all = [...(await a.get('/api/v1/agent/handoffs?view=all', tok(boss))).body.handoffs, ...(await a.get('/api/v1/agent/handoffs?view=closed', tok(boss))).body.handoffs];
      return all.find((h: any) => h.conversationId === c.id);
    };
    await until('the chat to be his', async () => {
      await both(200);
      return (await row())?.agentId === 'bob';
    });
    const h = await row();
    expect((await b.post(`/api/v1/agent/handoffs/${encodeURIComponent(h.id)}/messages`, { text: 'Hello, I am looking at it.' }, tok(bob))).status).toBe(200);
    stream.abort();
    await until('B to see it closed', () => !(b.agentHub as any).streams.has('bob'));
    const customerSees = async () => JSON.stringify((await a.get(`/api/v1/conversations/${c.id}`, { authorization: `Bearer ${c.token}` })).body);
    await until('"stepped away" within the 12 s grace', async () => {
      await both(1000);
      return (await customerSees()).includes('Bob has stepped away');
    }, 10_000);
    // 12 s of grace, then back in the queue (not after his presence expires, 120 s): well before 40 s.
    let waited = 0;
    await until('the chat to leave him after the grace', async () => {
      await both(2000);
      waited += 2000;
      return (await row())?.agentId !== 'bob';
    }, 15_000);
    expect(waited).toBeLessThan(40_000);
  }, 60_000);
});
