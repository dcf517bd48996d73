/**
 * Hostile s19 #20 (rest after 6f983d8): with --redis, two admins saving the same agent (or the canned replies) on two
 * instances at the same moment, with the same ?revision=, both got 200 (5 of 5 trials) and one edit was silently lost.
 * Now a save claims the item cluster-wide (a Redis compare-and-set on the content it was made on: AgentDirectory.claim):
 * one 200, one 409 agents_file_changed (the inbox shows its message), and both instances end with the saved edit.
 * A save made after the other instance's edit has arrived goes through. Two runtimes on one real redis-server, real HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStore } from '../../runtime/store/redisStore';
import { requireProgram } from '../support/requireProgram';
import { startTestRedis, type TestRedis } from './redisServer';
import { agent, startAgentRuntime, tok, type AgentRuntime } from './agentFixtures';

const haveRedis = requireProgram('redis-server');
const boss = agent('boss', { name: 'Boss', admin: true });
const cat = agent('cat', { name: 'Cat' });
const body = (name: string) => ({ name, email: 'cat@example.com', teams: ['support'], skills: [], languages: ['en'], maxChats: 3, admin: false });
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

describe.skipIf(!haveRedis)('hostile s19 #20: the same item saved on two instances at once', () => {
  let redis: TestRedis;
  const instances: AgentRuntime[] = [];
  beforeAll(async () => {
    redis = await startTestRedis();
    const prefix = `cas-${Date.now()}:`;
    for (let i = 0; i < 2; i++) {
      const store = await RedisStore.connect({ url: redis.url, prefix, warn: () => undefined });
      instances.push(await startAgentRuntime({ agents: [boss, cat], store }));
    }
  });
  afterAll(async () => {
    for (const r of instances) await r.stop();
    await redis?.stop();
  });

  const catOn = async (rt: AgentRuntime) => (await call(rt, 'GET', '/api/v1/agent/agents')).body.agents.find((a: any) => a.id === 'cat');

  it('agent: one 200 and one 409 in every trial; both instances end with the saved name', async () => {
    const [a, b] = instances;
    for (let t = 1; t <= 5; t++) {
      const r = (await catOn(a)).revision as number;
      await until('B to agree on the revision', async () => (await catOn(b)).revision === r);
      const [ra, rb] = await Promise.all([call(a, 'PUT', `/api/v1/agent/agents/cat?revision=${r}`, body(`CatA${t}`)), call(b, 'PUT', `/api/v1/agent/agents/cat?revision=${r}`, body(`CatB${t}`))]);
      expect([ra.status, rb.status].sort(), `trial ${t}`).toEqual([200, 409]);
      const lost = ra.status === 409 ? ra : rb;
      expect(lost.body.error).toBe('agents_file_changed');
      expect(lost.body.message).toMatch(/another admin/);
      const won = ra.status === 200 ? `CatA${t}` : `CatB${t}`;
      for (const rt of [a, b]) await until(`trial ${t}: both instances serve ${won}`, async () => (await catOn(rt)).name === won);
    }
    // After the edit has arrived, a save on the other instance goes through (no lasting claim).
    const r = (await catOn(b)).revision as number;
    expect((await call(b, 'PUT', `/api/v1/agent/agents/cat?revision=${r}`, body('Cat after'))).status).toBe(200);
    await until('A to have it', async () => (await catOn(a)).name === 'Cat after');
    const r2 = (await catOn(a)).revision as number;
    expect((await call(a, 'PUT', `/api/v1/agent/agents/cat?revision=${r2}`, body('Cat again'))).status).toBe(200);
  }, 60_000);

  it('canned replies: one 200 and one 409 in every trial; both instances serve the saved list', async () => {
    const [a, b] = instances;
    const listOn = async (rt: AgentRuntime) => (await call(rt, 'GET', '/api/v1/agent/canned-replies')).body;
    for (let t = 1; t <= 3; t++) {
      const r = (await listOn(a)).revision as number;
      await until('B to agree on the revision', async () => (await listOn(b)).revision === r);
      const [ra, rb] = await Promise.all([call(a, 'PUT', `/api/v1/agent/canned-replies?revision=${r}`, replies(`a${t}`)), call(b, 'PUT', `/api/v1/agent/canned-replies?revision=${r}`, replies(`b${t}`))]);
      expect([ra.status, rb.status].sort(), `trial ${t}`).toEqual([200, 409]);
      const won = ra.status === 200 ? `a${t}` : `b${t}`;
      for (const rt of [a, b]) await until(`trial ${t}: both serve ${won}`, async () => (await listOn(rt)).replies[0]?.text === won);
    }
  }, 60_000);
});
