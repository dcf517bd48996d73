/**
 * An agent signs out while holding a chat (newcomer s5 item 4), over real HTTP on 127.0.0.1.
 * DELETE /api/v1/agent/session?chats=requeue: the chat goes back to the queue at once (the customer is told someone
 * else is being found), the agent is offline, and a colleague who is not an admin can accept it. Without the query the
 * chat stays with the agent while she is signed in elsewhere; signing out of her last session puts it back at once
 * unless ?chats=keep (hostile s45 M4).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { auth } from './runtimeFixtures';
import { agent, handoffOf, hid, PASSWORD, startAgentRuntime, stopAgentRuntimes, tok, type AgentRuntime } from './agentFixtures';

afterEach(stopAgentRuntimes);

const ann = agent('ann');
const bob = agent('bob');

/** Ann signs in with her password, goes online, accepts a customer's chat and answers; returns her session token. */
async function annHoldsAChat(rt: AgentRuntime) {
  const s = await rt.post('/api/v1/agent/session', { login: 'ann@example.com', password: PASSWORD });
  const session = auth(s.body.token);
  expect((await rt.post('/api/v1/agent/presence', { status: 'online' }, session)).status).toBe(200);
  const c = await rt.customerWantsPerson();
  const h = await handoffOf(rt, c.id);
  expect((await rt.post(`${hid(h.id)}/accept`, {}, session)).status).toBe(200);
  expect((await rt.post(`${hid(h.id)}/messages`, { text: 'Hi, Ann here.' }, session)).status).toBe(200);
  await rt.post(`/api/v1/conversations/${c.id}/messages`, { text: 'Yes, around 10am works' }, auth(c.token));
  return { token: s.body.token as string, c, h };
}

const signOut = (rt: AgentRuntime, token: string, query = '') => fetch(`${rt.url}/api/v1/agent/session${query}`, { method: 'DELETE', headers: auth(token) });

describe('agent signs out holding a chat', () => {
  it('?chats=requeue: the chat goes back to the queue now, the customer is told, a colleague takes it', async () => {
    const rt = await startAgentRuntime({ agents: [ann, bob] });
    const { token, c, h } = await annHoldsAChat(rt);
    expect((await handoffOf(rt, c.id)).status).toBe('assigned');
    // Session 41 (newcomer s40 N2): Bob is signed in (busy), so someone may still take the chat: it waits for him. With
    // nobody else signed in it would leave by No agent at once (test/server/queueS41.test.ts).
    expect((await rt.post('/api/v1/agent/presence', { status: 'busy' }, tok(bob))).status).toBe(200);

    expect((await signOut(rt, token, '?chats=requeue')).status).toBe(204);
    expect((await rt.get('/api/v1/agent/me', auth(token))).status).toBe(401);

    const back = await handoffOf(rt, c.id, bob);
    expect(back.status).toBe('pending');
    expect(back.agentId ?? null).toBeNull();
    const transcript = (await rt.get(`/api/v1/conversations/${c.id}?after=0`, auth(c.token))).body;
    expect(transcript.mode).toBe('waiting');
    const afterReply = transcript.messages.slice(transcript.messages.findIndex((m: { text: string }) => m.text === 'Yes, around 10am works'));
    expect(afterReply.some((m: { from: string; text: string }) => m.from === 'bot' && m.text === 'I am finding someone else to help you. Please stay with us.')).toBe(true);
    expect((await rt.get('/api/v1/agent/agents', tok(bob))).body.agents.find((a: { id: string }) => a.id === 'ann').status).toBe('offline');

    // Bob (not an admin) sees it waiting and takes it.
    expect((await rt.post('/api/v1/agent/presence', { status: 'online' }, tok(bob))).status).toBe(200);
    expect((await rt.get('/api/v1/agent/handoffs?view=unassigned', tok(bob))).body.counts.unassigned).toBe(1);
    expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(bob))).status).toBe(200);
    expect((await handoffOf(rt, c.id, bob)).agentId).toBe('bob');
  });

  it('without it the chat stays while the agent is signed in elsewhere; a bad value is a 400', async () => {
    const rt = await startAgentRuntime({ agents: [ann, bob] });
    const { token, c } = await annHoldsAChat(rt);
    const other = (await rt.post('/api/v1/agent/session', { login: 'ann@example.com', password: PASSWORD })).body.token as string;
    const bad = await signOut(rt, token, '?chats=drop');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { field?: string }).field).toContain('chats');
    expect((await signOut(rt, token)).status).toBe(204);
    expect((await handoffOf(rt, c.id, bob)).status).toBe('assigned');
    expect((await rt.get('/api/v1/agent/me', auth(other))).status).toBe(200);
  });

  it('hostile s45 M4: signing out of the last session without ?chats= puts the held chat back at once, the customer told', async () => {
    const rt = await startAgentRuntime({ agents: [ann, bob] });
    const { token, c } = await annHoldsAChat(rt);
    expect((await rt.post('/api/v1/agent/presence', { status: 'busy' }, tok(bob))).status).toBe(200);
    expect((await signOut(rt, token)).status).toBe(204);
    const back = await handoffOf(rt, c.id, bob);
    expect(back.status).toBe('pending');
    expect(back.agentId ?? null).toBeNull();
    const texts = (await rt.get(`/api/v1/conversations/${c.id}?after=0`, auth(c.token))).body.messages.map((m: { text: string }) => m.text);
    expect(texts).toContain('I am finding someone else to help you. Please stay with us.');
    expect(texts.some((t: string) => /stepped away|back shortly/.test(t))).toBe(false);
  });

  it('?chats=keep on the last session keeps the answered chat with the agent (until the inactivity timeout)', async () => {
    const rt = await startAgentRuntime({ agents: [ann, bob] });
    const { token, c } = await annHoldsAChat(rt);
    expect((await signOut(rt, token, '?chats=keep')).status).toBe(204);
    expect((await handoffOf(rt, c.id, bob)).status).toBe('assigned');
  });
});
