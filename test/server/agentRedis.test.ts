/**
 * Crossover guarantees with two runtime instances on one real Redis: two agents accepting the same handoff on
 * different instances at the same moment -> exactly one wins, the other gets 409; once an agent holds the chat,
 * the bot stays silent whichever instance the customer's message reaches.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStore } from '../../runtime/store/redisStore';
import { requireProgram } from '../support/requireProgram';
import { startTestRedis, type TestRedis } from './redisServer';
import { auth } from './runtimeFixtures';
import { agent, startAgentRuntime, tok, type AgentRuntime } from './agentFixtures';

const haveRedis = requireProgram('redis-server');

describe.skipIf(!haveRedis)('agents on two instances sharing Redis', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startTestRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('double accept across instances: one 200, one 409; no bot reply while the agent holds the chat', async () => {
    const ann = agent('ann');
    const bob = agent('bob');
    const prefix = `agents-${Date.now()}:`;
    const instances: AgentRuntime[] = [];
    try {
      for (let i = 0; i < 2; i++) {
        const store = await RedisStore.connect({ url: redis.url, prefix, warn: () => undefined });
        instances.push(await startAgentRuntime({ agents: [ann, bob], store }));
      }
      const [a, b] = instances;
      // Presence is shared through Redis: set once, on either instance.
      await a.post('/api/v1/agent/presence', { status: 'online' }, tok(ann));
      await b.post('/api/v1/agent/presence', { status: 'online' }, tok(bob));
      // (through pub/sub at once, or the shared hash on the next tick)
      for (const [r, x] of [[b, ann], [a, bob]] as const) {
        let status = '';
        for (let i = 0; i < 40 && status !== 'online'; i++) {
          status = (await r.get('/api/v1/agent/me', tok(x))).body.status;
          if (status !== 'online') await new Promise((res) => setTimeout(res, 50));
        }
        expect(status).toBe('online');
      }
      const c = await a.customerWantsPerson();
      expect(c.reply.mode).toBe('waiting');
      const h = (await b.get('/api/v1/agent/handoffs', tok(bob))).body.handoffs.find((x: any) => x.conversationId === c.id);
      expect(h).toBeTruthy();
      const path = `/api/v1/agent/handoffs/${encodeURIComponent(h.id)}/accept`;
      const [ra, rb] = await Promise.all([a.post(path, {}, tok(ann)), b.post(path, {}, tok(bob))]);
      expect([ra.status, rb.status].sort()).toEqual([200, 409]);
      // The customer writes through the other instance: mode agent, no bot message.
      const quiet = await b.post(`/api/v1/conversations/${c.id}/messages`, { text: 'hello? I want a refund' }, auth(c.token));
      expect(quiet.body.mode).toBe('agent');
      expect(quiet.body.messages.filter((m: any) => m.from === 'bot')).toEqual([]);
    } finally {
      for (const r of instances) await r.stop();
    }
  });
});
