/**
 * Agent typing reaches the customer by push, over real HTTP on 127.0.0.1: the customer's own push channel
 * (GET /api/v1/conversations/:id/events, the stream the widget reads) carries id-less `typing` and `agent` frames
 * besides the `message` frames. Only the agent holding the chat is shown typing; a transfer changes the holder the
 * customer sees; Last-Event-ID resumption still counts messages only; with two instances on one real Redis, typing on
 * instance A reaches a customer stream held by instance B. The old polling route is gone.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { RedisStore } from '../../runtime/store/redisStore';
import { requireProgram } from '../support/requireProgram';
import { startTestRedis } from './redisServer';
import { auth } from './runtimeFixtures';
import { agent, startAgentRuntime, tok, type AgentRuntime } from './agentFixtures';
import { openStream } from './agentSse';

const ann = agent('ann');
const bob = agent('bob');
const boss = agent('boss', { teams: [], admin: true });
const hid = (id: string) => `/api/v1/agent/handoffs/${encodeURIComponent(id)}`;

let rts: AgentRuntime[] = [];
afterEach(async () => {
  for (const r of rts) await r.stop();
  rts = [];
});

describe('agent typing on the customer push channel', () => {
  it("shows the holding agent's typing (nobody else's), follows a transfer, and leaves resumption by message seq unchanged", async () => {
    const rt = await startAgentRuntime({ agents: [ann, bob, boss] });
    rts.push(rt);
    for (const a of [ann, bob, boss]) await rt.post('/api/v1/agent/presence', { status: 'online' }, tok(a));
    const c = await rt.customerWantsPerson();
    const h = (await rt.get('/api/v1/agent/handoffs', tok(ann))).body.handoffs[0];
    const url = `${rt.url}/api/v1/conversations/${c.id}/events`;
    // The stream needs the customer's token.
    const refused = await fetch(url);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: string }).error).toBe('invalid_token');
    const s = await openStream(url, auth(c.token));
    await s.until((f) => f.event === 'message' && f.data.status?.mode === 'waiting', 'backlog');

    // Nobody holds the chat: an agent typing (a note, say) is not the customer's business.
    expect((await rt.post(`${hid(h.id)}/typing`, {}, tok(bob))).status).toBe(200);
    expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(200);
    const holder = await s.until((f) => f.event === 'agent', 'agent frame');
    expect(holder).toEqual({ id: null, event: 'agent', data: { name: 'Ann' } });
    // Bob is watching, not holding: not shown. Ann types: shown, with her name only (no id, no agent id).
    await rt.post(`${hid(h.id)}/typing`, {}, tok(bob));
    await rt.post(`${hid(h.id)}/typing`, {}, tok(ann));
    const typing = await s.until((f) => f.event === 'typing', 'typing frame');
    expect(typing).toEqual({ id: null, event: 'typing', data: { name: 'Ann' } });
    expect(s.frames.filter((f) => f.event === 'typing')).toHaveLength(1);
    expect(s.frames.indexOf(holder)).toBeLessThan(s.frames.indexOf(typing));

    // Her message arrives as an ordinary message frame whose id is its seq.
    await rt.post(`${hid(h.id)}/messages`, { text: 'Hi, Ann here.' }, tok(ann));
    const msg = await s.until((f) => f.event === 'message' && f.data.from === 'agent', 'agent message');
    expect(msg.id).toBe(String(msg.data.seq));
    expect(s.frames.filter((f) => f.event !== 'message').every((f) => f.id === null)).toBe(true);

    // A transfer: the customer's stream says who holds the chat now, before the new agent writes.
    expect((await rt.post(`${hid(h.id)}/transfer`, { agentId: 'bob' }, tok(ann))).status).toBe(200);
    await s.until((f) => f.event === 'agent' && f.data.name === 'Bob', 'holder Bob');
    // Ann no longer holds it: her typing is not shown; Bob's is (a second later: one typing event per agent and
    // handoff per second, test/server/agentTypingThrottle.test.ts).
    rt.clock.now += 1000;
    await rt.post(`${hid(h.id)}/typing`, {}, tok(ann));
    await rt.post(`${hid(h.id)}/typing`, {}, tok(bob));
    await s.until((f) => f.event === 'typing' && f.data.name === 'Bob', 'Bob typing');
    expect(s.frames.filter((f) => f.event === 'typing').map((f) => f.data.name)).toEqual(['Ann', 'Bob']);
    s.close();

    // Resuming from the last message seq: the holder frame again (the current state), no message repeated.
    const last = Math.max(...s.frames.filter((f) => f.event === 'message').map((f) => Number(f.id)));
    await rt.post(`/api/v1/conversations/${c.id}/messages`, { text: 'still there?' }, auth(c.token));
    const again = await openStream(url, { ...auth(c.token), 'last-event-id': String(last) });
    await again.until((f) => f.event === 'message' && f.data.text === 'still there?', 'the missed message');
    expect(again.frames.filter((f) => f.event === 'message').map((f) => f.data.seq)).toEqual([last + 1]);
    expect(again.frames.find((f) => f.event === 'agent')?.data).toEqual({ name: 'Bob' });
    // Hand back to the bot: nobody holds the chat any more.
    expect((await rt.post(`${hid(h.id)}/handback`, {}, tok(bob))).status).toBe(200);
    await again.until((f) => f.event === 'agent' && f.data.name === null, 'holder cleared');
    again.close();

    // The 2-second poll's route is gone.
    expect((await rt.get(`/api/v1/conversations/${c.id}/agent-typing`, auth(c.token))).status).toBe(404);
  });

  it('a runtime without agents sends message frames only', async () => {
    const { startTestRuntime } = await import('./runtimeFixtures');
    const rt = await startTestRuntime();
    try {
      const conv = (await rt.post('/api/v1/flows/shop/conversations', {})).body;
      const s = await openStream(`${rt.url}/api/v1/conversations/${conv.conversationId}/events`, auth(conv.token));
      await rt.post(`/api/v1/conversations/${conv.conversationId}/messages`, { choice: 'person' }, auth(conv.token));
      await s.until((f) => f.event === 'message' && f.data.from === 'customer', 'customer message');
      expect(s.frames.every((f) => f.event === 'message' && f.id === String(f.data.seq))).toBe(true);
      s.close();
    } finally {
      await rt.stop();
    }
  });

  const haveRedis = requireProgram('redis-server');
  it.skipIf(!haveRedis)('with --redis, typing on instance A reaches the customer stream held by instance B', async () => {
    const redis = await startTestRedis();
    try {
      const prefix = `typing-${Date.now()}:`;
      for (let i = 0; i < 2; i++) {
        const store = await RedisStore.connect({ url: redis.url, prefix, warn: () => undefined });
        rts.push(await startAgentRuntime({ agents: [ann, bob], store }));
      }
      const [a, b] = rts;
      await a.post('/api/v1/agent/presence', { status: 'online' }, tok(ann));
      const c = await b.customerWantsPerson();
      // The customer's stream is on B; Ann works on A.
      const s = await openStream(`${b.url}/api/v1/conversations/${c.id}/events`, auth(c.token));
      const h = (await a.get('/api/v1/agent/handoffs', tok(ann))).body.handoffs.find((x: any) => x.conversationId === c.id);
      expect(h).toBeTruthy();
      expect((await a.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(200);
      await b.tick(); // B's hub re-reads the handoffs (its loop does this every 250 ms in baton serve)
      await s.until((f) => f.event === 'agent' && f.data.name === 'Ann', 'holder Ann from B');
      await a.post(`${hid(h.id)}/typing`, {}, tok(ann));
      expect((await s.until((f) => f.event === 'typing', 'typing from A')).data).toEqual({ name: 'Ann' });
      await a.post(`${hid(h.id)}/messages`, { text: 'Typed on A' }, tok(ann));
      await s.until((f) => f.event === 'message' && f.data.text === 'Typed on A', 'message from A');
      s.close();
    } finally {
      for (const r of rts) await r.stop();
      rts = [];
      await redis.stop();
    }
  });
});
