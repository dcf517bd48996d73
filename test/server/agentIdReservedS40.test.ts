/**
 * Session 40 (fixq, hostile s40 L5): PUT /api/v1/agent/agents/__proto__ was accepted (200 created) while every body key
 * `__proto__` is refused; the id goes into the agents file and every map keyed by agent id. Such ids are refused
 * in words (400), and an ordinary id is still accepted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { agent, flowWithTakeover, startAgentRuntime, tok, type AgentRuntime } from './agentFixtures';

const boss = agent('boss', { teams: [], admin: true });
const flow = flowWithTakeover({ teams: ['Support'] });
let rts: AgentRuntime[] = [];
afterEach(async () => {
  for (const r of rts) await r.stop();
  rts = [];
});

describe('hostile s40 L5: prototype names are not agent ids', () => {
  it('refuses __proto__, constructor, prototype, toString with 400; accepts an ordinary id', async () => {
    const rt = await startAgentRuntime({ agents: [boss], flow });
    rts.push(rt);
    const body = { name: 'P', email: 'p@example.com', teams: [], skills: [], languages: [], maxChats: 2, admin: false, password: 'another-long-password' };
    const put = (id: string) => fetch(`${rt.url}/api/v1/agent/agents/${id}`, { method: 'PUT', headers: { 'content-type': 'application/json', ...tok(boss) }, body: JSON.stringify(body) });
    for (const id of ['__proto__', 'constructor', 'prototype', 'toString']) {
      const r = await put(id);
      expect(r.status, id).toBe(400);
      expect(JSON.stringify(await r.json()), id).toContain('reserved JavaScript name');
    }
    const list = await rt.get('/api/v1/agent/agents', tok(boss));
    expect(JSON.stringify(list.body)).not.toContain('__proto__');
    const ok = await put('proto');
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { created: boolean }).created).toBe(true);
  });
});
