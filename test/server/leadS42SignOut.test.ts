/**
 * Session 42 (lead, hostile s42 L5): an agent who signs out (her last session) while holding a chat transferred to her
 * and not yet opened kept it for about two minutes: the customer still read "Bob ... will be with you shortly", then
 * "Sorry for the wait", then a ticket. Her sign-out puts the chat back at once. Over real HTTP on 127.0.0.1.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { auth } from './runtimeFixtures';
import { agent, flowWithTakeover, handoffOf, hid, online, startAgentRuntime, stopAgentRuntimes, tok } from './agentFixtures';

afterEach(stopAgentRuntimes);

const STAY = { offlineAfterSeconds: 3600 };
const ann = agent('ann', { admin: true });
const bob = agent('bob');
const cat = agent('cat');

describe('hostile s42 L5: signing out gives back a transferred chat not yet opened', () => {
  it('Bob signs out (his only session) holding a chat Ann transferred to him: it leaves him at once', async () => {
    const rt = await startAgentRuntime({ agents: [ann, bob, cat], settings: STAY, flow: flowWithTakeover({ queueTimeoutMinutes: 10 }) });
    const signIn = await rt.post('/api/v1/agent/session', { login: 'bob', password: 'correct horse battery staple' });
    expect(signIn.status).toBe(200);
    const bobSession = auth(signIn.body.token);
    await online(rt, ann, cat);
    expect((await rt.post('/api/v1/agent/presence', { status: 'online' }, bobSession)).status).toBe(200);
    const c = await rt.customerWantsPerson();
    const h = await handoffOf(rt, c.id);
    expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(200);
    // Ann wrote to the customer before passing the chat on: her words are not Bob's answer.
    expect((await rt.post(`${hid(h.id)}/messages`, { text: 'Hi, Ann here' }, tok(ann))).status).toBe(200);
    expect((await rt.post(`${hid(h.id)}/transfer`, { agentId: 'bob' }, tok(ann))).status).toBe(200);
    expect(await handoffOf(rt, c.id)).toMatchObject({ status: 'assigned', agentId: 'bob' });
    // Ann and Cat go offline (signed in, not signed out), as in the report.
    for (const a of [ann, cat]) expect((await rt.post('/api/v1/agent/presence', { status: 'offline' }, tok(a))).status).toBe(200);
    const out = await fetch(`${rt.url}/api/v1/agent/session`, { method: 'DELETE', headers: bobSession });
    expect(out.status).toBe(204);
    const after = await handoffOf(rt, c.id);
    expect(after.agentId === 'bob' && after.status === 'assigned').toBe(false);
    const said = ((await rt.get(`/api/v1/conversations/${c.id}`, auth(c.token))).body.messages as any[]).map((m) => m.text);
    expect(said.at(-1)).not.toMatch(/Bob .*will be with you shortly/);
  });
});
