/**
 * Review of session 17 (runtime): the `?revision=` check was written twice in the agent routes, and with --redis a
 * revision is per instance: a PUT sent to instance B with the revision GET gave on A was a 400 "never given" (it had
 * been a 409), and a revision read on B before an edit on A still matched on B, so the stale save passed and undid the
 * edit. Two runtimes on one real redis-server, real HTTP: the revision given on either instance is the one on both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStore } from '../../runtime/store/redisStore';
import { requireProgram } from '../support/requireProgram';
import { startTestRedis, type TestRedis } from './redisServer';
import { agent, startAgentRuntime, tok, type AgentRuntime } from './agentFixtures';

const haveRedis = requireProgram('redis-server');
const boss = agent('boss', { name: 'Boss', admin: true });
const bob = agent('bob', { name: 'Bob' });
const body = (name: string) => ({ name, email: 'bob@example.com', teams: ['support'], skills: [], languages: ['en'], maxChats: 3, admin: false });
const replies = (text: string) => ({ replies: [{ shortcut: 'hi', text }] });

async function call(rt: AgentRuntime, method: string, path: string, payload?: unknown) {
  const res = await fetch(rt.url + path, { method, headers: { ...(payload === undefined ? {} : { 'content-type': 'application/json' }), ...tok(boss) }, body: payload === undefined ? undefined : JSON.stringify(payload) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function until(what: string, ok: () => Promise<boolean> | boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(!haveRedis)('review s17: ?revision= across two instances', () => {
  let redis: TestRedis;
  const instances: AgentRuntime[] = [];
  beforeAll(async () => {
    redis = await startTestRedis();
    const prefix = `revision-${Date.now()}:`;
    for (let i = 0; i < 2; i++) {
      const store = await RedisStore.connect({ url: redis.url, prefix, warn: () => undefined });
      instances.push(await startAgentRuntime({ agents: [boss, bob], store }));
    }
  });
  afterAll(async () => {
    for (const r of instances) await r.stop();
    await redis?.stop();
  });

  const bobOn = async (rt: AgentRuntime) => (await call(rt, 'GET', '/api/v1/agent/agents')).body.agents.find((a: any) => a.id === 'bob');

  it('agents: a revision given on A saves on B; a revision read on B before an edit on A is a 409 there; one never given is a 400', async () => {
    const [a, b] = instances;
    // An edit on A (its revision moves on), seen on B.
    expect((await call(a, 'PUT', '/api/v1/agent/agents/bob', body('Bob A'))).status).toBe(200);
    await until('B to have the edit', async () => (await bobOn(b)).name === 'Bob A');
    const fromA = (await bobOn(a)).revision as number;
    expect((await bobOn(b)).revision).toBe(fromA);
    // The admin's inbox read on A, the save lands on B: saved.
    const saved = await call(b, 'PUT', `/api/v1/agent/agents/bob?revision=${fromA}`, body('Bob B'));
    expect(saved.status).toBe(200);
    await until('A to have it', async () => (await bobOn(a)).name === 'Bob B');

    // Read on B, then another admin edits on A: the stale save on B is refused (it passed before), nothing undone.
    const readOnB = (await bobOn(b)).revision as number;
    expect((await call(a, 'PUT', `/api/v1/agent/agents/bob?revision=${readOnB}`, body('Bob C'))).status).toBe(200);
    await until('B to have the second edit', async () => (await bobOn(b)).name === 'Bob C');
    const stale = await call(b, 'PUT', `/api/v1/agent/agents/bob?revision=${readOnB}`, body('Bob stale'));
    expect(stale.status).toBe(409);
    expect(stale.body.error).toBe('agents_file_changed');
    expect((await bobOn(a)).name).toBe('Bob C');

    // Never given anywhere: 400 on either instance, as on one (hostile s16 H#24), for PUT and DELETE.
    for (const rt of [a, b]) {
      const never = await call(rt, 'PUT', '/api/v1/agent/agents/bob?revision=1000', body('Bob never'));
      expect(never.status).toBe(400);
      expect(never.body.message).toMatch(/revision: 1000 was never given for agent "bob"/);
      expect((await call(rt, 'DELETE', '/api/v1/agent/agents/bob?revision=1000')).status).toBe(400);
    }
    expect((await bobOn(b)).name).toBe('Bob C');
  });

  it('canned replies: the revision from A saves on B; the one before it is then a 409 on A', async () => {
    const [a, b] = instances;
    expect((await call(a, 'PUT', '/api/v1/agent/canned-replies', replies('Hello from A'))).status).toBe(200);
    await until('B to have the list', async () => (await call(b, 'GET', '/api/v1/agent/canned-replies')).body.replies[0]?.text === 'Hello from A');
    const rev = (await call(a, 'GET', '/api/v1/agent/canned-replies')).body.revision as number;
    expect((await call(b, 'GET', '/api/v1/agent/canned-replies')).body.revision).toBe(rev);
    const onB = await call(b, 'PUT', `/api/v1/agent/canned-replies?revision=${rev}`, replies('Hello from B'));
    expect(onB.status).toBe(200);
    await until('A to have it', async () => (await call(a, 'GET', '/api/v1/agent/canned-replies')).body.replies[0]?.text === 'Hello from B');
    expect((await call(a, 'PUT', `/api/v1/agent/canned-replies?revision=${rev}`, replies('stale'))).status).toBe(409);
    expect((await call(a, 'PUT', '/api/v1/agent/canned-replies?revision=99999', replies('never'))).status).toBe(400);
  });
});
