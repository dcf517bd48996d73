/**
 * The idle agent hub with --redis (two instances on one real Redis): idle ticks do not re-read the handoffs (the
 * mode counts, one SCARD each, show nothing moved) and run no passes; a handoff created on the other instance moves
 * the counts and is read on the next tick. Before, every instance read every handoff every 250 ms.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStore } from '../../runtime/store/redisStore';
import { requireProgram } from '../support/requireProgram';
import { startTestRedis, type TestRedis } from './redisServer';
import { agent, startAgentRuntime, stopAgentRuntimes, tok, type AgentRuntime } from './agentFixtures';

const haveRedis = requireProgram('redis-server');

describe.skipIf(!haveRedis)('idle agent hub on Redis', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startTestRedis();
  });
  afterAll(async () => {
    await stopAgentRuntimes();
    await redis?.stop();
  });

  it('reads nothing while idle; a chat opened on the other instance is seen on the next tick', async () => {
    const ann = agent('ann');
    const prefix = `idle-${Date.now()}:`;
    const instances: AgentRuntime[] = [];
    for (let i = 0; i < 2; i++) {
      const store = await RedisStore.connect({ url: redis.url, prefix, warn: () => undefined });
      instances.push(await startAgentRuntime({ agents: [ann], store }));
    }
    const [a, b] = instances;
    await a.post('/api/v1/agent/presence', { status: 'busy' }, tok(ann)); // signed in, takes no automatic chat
    for (let i = 0; i < 3; i++) await b.customerWantsPerson();
    for (let i = 0; i < 4; i++) {
      a.clock.now += 250;
      await a.tick();
    }
    const hub = a.agentHub!;
    expect(hub.handoffList().filter((h) => h.status === 'pending')).toHaveLength(3);
    const before = { ...hub.work };
    for (let i = 0; i < 6; i++) {
      a.clock.now += 250; // 1.5 s, under the 2 s safety read
      await a.tick();
    }
    expect(hub.work.handoffReads - before.handoffReads).toBe(0);
    expect(hub.work.queuePasses - before.queuePasses).toBe(0);

    await b.customerWantsPerson(); // on the other instance: no signal here but the counts
    a.clock.now += 250;
    await a.tick();
    expect(hub.work.handoffReads - before.handoffReads).toBe(1);
    expect(hub.handoffList().filter((h) => h.status === 'pending')).toHaveLength(4);
  });
});
