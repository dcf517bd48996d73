/**
 * POST /api/v1/conversations/:id/leave over real HTTP on 127.0.0.1: the customer leaves (the widget sends it before
 * "Start a new conversation"). A handoff waiting in the queue or held by an agent is cancelled, so no agent answers
 * a customer who is gone; a bot conversation is closed and leaves the inbox's Live list; leaving twice is harmless.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { auth } from './runtimeFixtures';
import { agent, handoffOf, hid, startAgentRuntime, stopAgentRuntimes, tok } from './agentFixtures';

afterEach(stopAgentRuntimes);

const ann = agent('ann');
const leave = (id: string) => `/api/v1/conversations/${encodeURIComponent(id)}/leave`;

describe('customer leaves a conversation', () => {
  it('a handoff waiting in the queue is cancelled and shown closed to agents; leaving again changes nothing', async () => {
    const rt = await startAgentRuntime({ agents: [ann] });
    await rt.post('/api/v1/agent/presence', { status: 'online' }, tok(ann));
    const c = await rt.customerWantsPerson();
    expect(c.reply.mode).toBe('waiting');
    expect((await handoffOf(rt, c.id)).status).toBe('pending');

    // Only the conversation's own token may leave it.
    expect((await rt.post(leave(c.id), {})).status).toBe(401);
    const stranger = await rt.post('/api/v1/flows/shop/conversations', {});
    expect((await rt.post(leave(c.id), {}, auth(stranger.body.token))).status).toBe(401);
    expect((await rt.get(`/api/v1/agent/handoffs?view=unassigned`, tok(ann))).body.counts.unassigned).toBe(1);

    const left = await rt.post(leave(c.id), {}, auth(c.token));
    expect(left.status).toBe(200);
    expect(left.body.mode).toBe('closed');
    expect(left.body.handoff).toMatchObject({ status: 'cancelled' });
    expect(left.body.messages.some((m: { from: string; text: string }) => m.from === 'system' && m.text === 'The customer left the conversation.')).toBe(true);

    const h = await handoffOf(rt, c.id);
    expect(h.status).toBe('cancelled');
    expect((await rt.get(`/api/v1/agent/handoffs?view=unassigned`, tok(ann))).body.counts.unassigned).toBe(0);

    const again = await rt.post(leave(c.id), {}, auth(c.token));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ mode: 'closed', messages: [] });
  });

  it('a chat an agent holds is cancelled: the agent is told the customer left and cannot write to nobody', async () => {
    const rt = await startAgentRuntime({ agents: [ann] });
    await rt.post('/api/v1/agent/presence', { status: 'online' }, tok(ann));
    const c = await rt.customerWantsPerson();
    const h = await handoffOf(rt, c.id);
    expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(200);
    expect((await handoffOf(rt, c.id)).status).toBe('assigned');

    const left = await rt.post(leave(c.id), {}, auth(c.token));
    expect(left.status).toBe(200);
    expect(left.body.mode).toBe('closed');

    const detail = (await rt.get(hid(h.id), tok(ann))).body;
    expect(detail.handoff.status).toBe('cancelled');
    expect(detail.transcript.some((m: { from: string; text: string }) => m.from === 'system' && m.text === 'The customer left the conversation.')).toBe(true);
    const reply = await rt.post(`${hid(h.id)}/messages`, { text: 'Hello?' }, tok(ann));
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.status).toBeLessThan(500);
  });

  it('a bot conversation is closed and leaves the Live list', async () => {
    const rt = await startAgentRuntime({ agents: [ann] });
    const c = await rt.post('/api/v1/flows/shop/conversations', {});
    const liveTotal = async () => (await rt.get('/api/v1/agent/conversations?mode=bot', tok(ann))).body.total;
    expect(await liveTotal()).toBe(1);
    const left = await rt.post(leave(c.body.conversationId), {}, auth(c.body.token));
    expect(left.status).toBe(200);
    expect(left.body.mode).toBe('closed');
    expect(await liveTotal()).toBe(0);
    // The customer's stored chat now reads as ended: the widget starts a new one instead of resuming it.
    expect((await rt.get(`/api/v1/conversations/${c.body.conversationId}`, auth(c.body.token))).body.mode).toBe('closed');
  });
});
