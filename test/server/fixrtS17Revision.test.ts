/**
 * Hostile s16 H#24 (runtime server, real HTTP): canned replies PUT with an empty `?revision=` was read as revision 0 (a
 * save on an unchecked list passed), and a revision never given (?revision=1e3) was answered "changed by another admin
 * after you opened it". Both are now a 400 saying what to send; the agents' PUT/DELETE ?revision= too.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { agent, startAgentRuntime, stopAgentRuntimes, tok, type AgentRuntime } from './agentFixtures';

afterEach(stopAgentRuntimes);

const boss = agent('boss', { name: 'Boss', admin: true });
const bob = agent('bob', { name: 'Bob' });

async function call(rt: AgentRuntime, method: string, path: string, body?: unknown) {
  const res = await fetch(rt.url + path, { method, headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...tok(boss) }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
const replies = (text: string) => ({ replies: [{ shortcut: 'hi', text }] });

describe('hostile s16 H#24: ?revision= that GET never gave', () => {
  it('canned replies: empty -> 400 naming what to send; from the future -> 400 "never given"; the real one -> 200', async () => {
    const rt = await startAgentRuntime({ agents: [boss, bob] });
    const first = (await rt.get('/api/v1/agent/canned-replies', tok(boss))).body;
    const rev = first.revision as number;
    expect(rev).toBe(0);
    const empty = await call(rt, 'PUT', '/api/v1/agent/canned-replies?revision=', replies('Hello!'));
    expect(empty.status).toBe(400);
    expect(empty.body.message).toMatch(/revision/);
    expect(empty.body.message).toMatch(/send the revision number GET gave \(e\.g\. \?revision=3\), or leave \?revision out/);
    for (const q of ['1e3', '1000']) {
      const future = await call(rt, 'PUT', `/api/v1/agent/canned-replies?revision=${q}`, replies('Hello!'));
      expect(future.status).toBe(400);
      if (q === '1000') expect(future.body.message).toMatch(/revision: 1000 was never given for the canned replies \(its revision is 0/);
    }
    // Nothing was saved by the refused calls; the real revision saves, and the one before it is then a 409 as before.
    expect((await rt.get('/api/v1/agent/canned-replies', tok(boss))).body.replies).toEqual(first.replies);
    const ok = await call(rt, 'PUT', `/api/v1/agent/canned-replies?revision=${rev}`, replies('Hello!'));
    expect(ok.status).toBe(200);
    expect(ok.body.revision).toBe(rev + 1);
    expect((await call(rt, 'PUT', `/api/v1/agent/canned-replies?revision=${rev}`, replies('Hi there!'))).status).toBe(409);
    expect((await call(rt, 'PUT', '/api/v1/agent/canned-replies', replies('Hi there!'))).status).toBe(200);
  });

  it('agents: PUT and DELETE with an empty or never-given revision -> 400; nothing changed', async () => {
    const rt = await startAgentRuntime({ agents: [boss, bob] });
    const body = { name: 'Bob B', email: 'bob@example.com', teams: ['support'], skills: [], languages: ['en'], maxChats: 3, admin: false };
    for (const q of ['', '7']) {
      const put = await call(rt, 'PUT', `/api/v1/agent/agents/bob?revision=${q}`, body);
      expect(put.status).toBe(400);
      expect(put.body.message).toMatch(q === '' ? /send the revision number GET gave/ : /revision: 7 was never given for agent "bob"/);
      expect((await call(rt, 'DELETE', `/api/v1/agent/agents/bob?revision=${q}`)).status).toBe(400);
    }
    const list = (await rt.get('/api/v1/agent/agents', tok(boss))).body.agents;
    expect(list.find((a: any) => a.id === 'bob').name).toBe('Bob');
    expect((await call(rt, 'PUT', '/api/v1/agent/agents/bob?revision=0', body)).status).toBe(200);
    expect((await call(rt, 'DELETE', '/api/v1/agent/agents/bob?revision=1')).status).toBe(204);
  });
});
