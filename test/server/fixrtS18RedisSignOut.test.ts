/**
 * Hostile s17 H#29 (two runtimes on 127.0.0.1 sharing one real redis-server, real HTTP): Ann, signed in with her
 * password on instance A with her inbox open there, signs out (204). Instance B still listed her Online 10 s and 45 s
 * later and gave her every new chat (6 of 6), which then waited on nobody for 2 minutes. The hostile's agents file (and
 * so its sessions file) was shared with earlier runs: Ann still had other sessions that had not been signed out, so A
 * kept her status (she may be signed in elsewhere) and showed her offline only because her inbox there had closed,
 * which B did not know (s16 H#18, mended in 13f0715 by telling every instance when an inbox opens and closes). Both
 * cases are here: her last session (A sets her offline and tells B before the 204) and one of several.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStore } from '../../runtime/store/redisStore';
import { requireProgram } from '../support/requireProgram';
import { listenSse } from '../support/sse';
import { auth } from './runtimeFixtures';
import { startTestRedis, type TestRedis } from './redisServer';
import { agent, autoAssign, flowWithTakeover, PASSWORD, startAgentRuntime, tok, type AgentRuntime } from './agentFixtures';

const haveRedis = requireProgram('redis-server');
const ann = agent('ann', { name: 'Ann', token: undefined });
const boss = agent('boss', { name: 'Boss', admin: true });

async function until(what: string, ok: () => Promise<boolean> | boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(!haveRedis)('hostile s17 H#29: a sign-out on one instance reaches the other', () => {
  let redis: TestRedis;
  const instances: AgentRuntime[] = [];
  beforeAll(async () => {
    redis = await startTestRedis();
  });
  afterAll(async () => {
    for (const r of instances) await r.stop();
    await redis?.stop();
  });

  for (const older of [false, true]) it(`signed out on A${older ? ' (an older session of hers not signed out)' : ''}: B lists her offline and gives her no new chat`, async () => {
    const prefix = `signout-${older}-${Date.now()}:`;
    for (let i = 0; i < 2; i++) {
      const store = await RedisStore.connect({ url: redis.url, prefix, warn: () => undefined });
      instances.push(await startAgentRuntime({ agents: [ann, boss], store, flow: flowWithTakeover(autoAssign('least_busy', 3)) }));
    }
    const [a, b] = instances;
    const both = async (ms: number) => {
      for (const r of instances) r.clock.now += ms;
      for (const r of instances) await r.tick();
    };
    if (older) expect((await a.post('/api/v1/agent/session', { login: 'ann@example.com', password: PASSWORD })).status).toBe(200);
    const s = await a.post('/api/v1/agent/session', { login: 'ann@example.com', password: PASSWORD });
    expect(s.status).toBe(200);
    const session = auth(s.body.token);
    const stream = listenSse(`${a.url}/api/v1/agent/events`, () => undefined, session);
    try {
      await until('her inbox to open on A', () => (a.agentHub as any).streams.has('ann'));
      expect((await a.post('/api/v1/agent/presence', { status: 'online' }, session)).status).toBe(200);
      const onB = async () => (await b.get('/api/v1/agent/agents', tok(boss))).body.agents.find((x: any) => x.id === 'ann');
      await until('B to see her online', async () => (await onB()).status === 'online');

      const out = await fetch(`${a.url}/api/v1/agent/session`, { method: 'DELETE', headers: session });
      expect(out.status).toBe(204);
      // Her last session: offline on B at once. One of several: B shows her inbox closed after a few seconds.
      if (older) {
        await until('her push stream on A to be closed (signed_out)', () => !(a.agentHub as any).streams.has('ann'));
        await both(5000);
      }
      await until('B to list her offline', async () => (await onB()).status === 'offline', 3000);
      await both(10_000);
      expect((await onB()).status).toBe('offline');

      const c = await b.customerWantsPerson();
      expect(JSON.stringify(c.reply)).not.toMatch(/under a minute/);
      await both(1000);
      await both(1000);
      const all = (await b.get('/api/v1/agent/handoffs?view=all', tok(boss))).body.handoffs;
      expect(all.find((h: any) => h.conversationId === c.id)?.agentId ?? null).toBeNull();
    } finally {
      stream.abort();
    }
  }, 60_000);
});
