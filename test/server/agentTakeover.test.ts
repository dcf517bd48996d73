/**
 * An agent takes over a live bot conversation over real HTTP on 127.0.0.1 (issue 10, "take over"): the bot pauses
 * at once, the customer's next message gets no bot reply and reaches the agent's push channel, the agent replies,
 * hands back, and the bot asks the question it was waiting at again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readEvents } from '../support/sse';
import { auth } from './runtimeFixtures';
import { agent, flowWithTakeover, hid, startAgentRuntime, stopAgentRuntimes, tok, type AgentRuntime } from './agentFixtures';

let rt: AgentRuntime | null = null;
afterEach(stopAgentRuntimes);

const ann = agent('ann');
const bob = agent('bob');

describe('agent takeover of a live bot conversation', () => {
  it('pauses the bot at once, relays the customer to the agent, and the bot asks again after handback', async () => {
    rt = await startAgentRuntime({ agents: [ann, bob] });
    await rt.post('/api/v1/agent/presence', { status: 'online' }, tok(ann));
    const c = await rt.post('/api/v1/flows/shop/conversations', {});
    expect(c.status).toBe(201);
    const id: string = c.body.conversationId;
    const customer = auth(c.body.token);
    expect(c.body.messages.at(-1)).toMatchObject({ from: 'bot', text: 'What do you need?' });

    // No token: 401; unknown conversation: 404.
    expect((await rt.post(`/api/v1/agent/conversations/${id}/takeover`, {})).status).toBe(401);
    const missing = await rt.post('/api/v1/agent/conversations/nope/takeover', {}, tok(ann));
    expect(missing.status).toBe(404);
    expect(missing.body.error).toBe('conversation_not_found');

    const take = await rt.post(`/api/v1/agent/conversations/${id}/takeover`, {}, tok(ann));
    expect(take.status).toBe(200);
    expect(take.body.mode).toBe('agent');
    expect(take.body.handoff).toMatchObject({ conversationId: id, status: 'assigned', agentId: 'ann' });
    expect(take.body.messages.some((m: any) => m.from === 'system' && m.text === 'Ann from the team joined the conversation.')).toBe(true);
    const h = take.body.handoff;

    // A second agent cannot take it over too: a clear 409 with the reason.
    const second = await rt.post(`/api/v1/agent/conversations/${id}/takeover`, {}, tok(bob));
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ error: 'takeover_refused' });
    expect(second.body.message).toContain('Ann already has this conversation');

    // It is in Ann's "mine" view with the context and the transcript (the bot's turns included).
    const mine = (await rt.get('/api/v1/agent/handoffs?view=mine', tok(ann))).body;
    expect(mine.counts.mine).toBe(1);
    expect(mine.handoffs[0].id).toBe(h.id);
    const detail = (await rt.get(hid(h.id), tok(ann))).body;
    expect(detail.context.summary).toMatch(/^Ann took this conversation over from the bot\./);
    expect(detail.transcript.some((m: any) => m.from === 'bot' && m.text === 'What do you need?')).toBe(true);
    expect(detail.conversation).toMatchObject({ id, mode: 'agent' });

    // The customer's next message: no bot reply, and it reaches Ann's push channel.
    const live = await readEvents(`${rt.url}/api/v1/agent/events`, tok(ann), (ev) =>
      ev.some((e) => e.event === 'message' && e.data.message.text === 'Order status'),
    );
    const said = await rt.post(`/api/v1/conversations/${id}/messages`, { text: 'Order status' }, customer);
    expect(said.status).toBe(200);
    expect(said.body.mode).toBe('agent');
    expect(said.body.messages.filter((m: any) => m.from === 'bot')).toEqual([]);
    await live.done;
    const relayed = live.events.find((e) => e.event === 'message' && e.data.message.text === 'Order status');
    expect(relayed?.data).toMatchObject({ handoffId: h.id, conversationId: id, message: { from: 'customer' } });

    // Ann replies; the customer sees it with her name. Bob cannot write in it.
    expect((await rt.post(`${hid(h.id)}/messages`, { text: 'Hi, I am on it.' }, tok(bob))).status).not.toBe(200);
    const reply = await rt.post(`${hid(h.id)}/messages`, { text: 'Hi, I am on it.' }, tok(ann));
    expect(reply.status).toBe(200);
    const log = (await rt.get(`/api/v1/conversations/${id}`, customer)).body.messages;
    expect(log.some((m: any) => m.from === 'agent' && m.name === 'Ann' && m.text === 'Hi, I am on it.')).toBe(true);
    // The bot never answered the customer's text while Ann held the chat: no bot entry after the takeover.
    const joinedAt = log.findIndex((m: any) => m.from === 'system' && m.text === 'Ann from the team joined the conversation.');
    expect(joinedAt).toBeGreaterThan(-1);
    expect(log.slice(joinedAt).filter((m: any) => m.from === 'bot')).toEqual([]);

    // Hand back: the bot asks its question again, with its buttons, and the flow carries on from there.
    const back = await rt.post(`${hid(h.id)}/handback`, {}, tok(ann));
    expect(back.status).toBe(200);
    expect(back.body.mode).toBe('bot');
    const asked = back.body.messages.filter((m: any) => m.from === 'bot');
    expect(asked.at(-1)).toMatchObject({ text: 'What do you need?' });
    expect(asked.at(-1).buttons.map((b: any) => b.id)).toEqual(['order', 'person', 'rate', 'problem']);
    expect((await rt.get('/api/v1/agent/handoffs?view=closed', tok(ann))).body.counts).toMatchObject({ closed: 1, mine: 0 });
    const rate = await rt.post(`/api/v1/conversations/${id}/messages`, { choice: 'rate' }, customer);
    expect(rate.body.messages.some((m: any) => m.from === 'bot' && m.text === 'How would you rate us, 1 to 5?')).toBe(true);
  });

  it('a taken-over chat can be transferred to another agent, who hands it back to the bot', async () => {
    rt = await startAgentRuntime({ agents: [ann, bob] });
    for (const a of [ann, bob]) await rt.post('/api/v1/agent/presence', { status: 'online' }, tok(a));
    const c = await rt.post('/api/v1/flows/shop/conversations', {});
    const id: string = c.body.conversationId;
    const take = await rt.post(`/api/v1/agent/conversations/${id}/takeover`, {}, tok(ann));
    expect(take.status).toBe(200);
    const h = take.body.handoff;
    const moved = await rt.post(`${hid(h.id)}/transfer`, { agentId: 'bob' }, tok(ann));
    expect(moved.status).toBe(200);
    expect(moved.body.handoff).toMatchObject({ status: 'assigned', agentId: 'bob' });
    expect((await rt.get('/api/v1/agent/handoffs?view=mine', tok(bob))).body.counts.mine).toBe(1);
    expect((await rt.get('/api/v1/agent/handoffs?view=mine', tok(ann))).body.counts.mine).toBe(0);
    const log = (await rt.get(`/api/v1/conversations/${id}`, auth(c.body.token))).body.messages;
    // Session 41 (newcomer s40 N3): Bob has not opened it yet: he "will be with you shortly"; joined when he opens it.
    expect(log.some((m: any) => m.from === 'system' && m.text === 'Bob from the team will be with you shortly.')).toBe(true);
    expect(log.some((m: any) => m.text === 'Bob from the team joined the conversation.')).toBe(false);
    // Session 46 (ui10, newcomer s45 N4): opening it tells the customer nothing; his first message says he joined.
    expect((await rt.get(hid(h.id), tok(bob))).status).toBe(200);
    const opened = (await rt.get(`/api/v1/conversations/${id}`, auth(c.body.token))).body.messages;
    expect(opened.some((m: any) => m.text === 'Bob from the team joined the conversation.')).toBe(false);
    expect((await rt.post(`${hid(h.id)}/messages`, { text: 'Hi, Bob here' }, tok(bob))).status).toBe(200);
    const wrote = (await rt.get(`/api/v1/conversations/${id}`, auth(c.body.token))).body.messages;
    expect(wrote.filter((m: any) => m.from === 'system' && m.text === 'Bob from the team joined the conversation.')).toHaveLength(1);
    // A transfer is told as one, not as a lost agent.
    expect(log.some((m: any) => m.from === 'bot' && m.text === 'Ann is transferring you to Bob. Please stay with us.')).toBe(true);
    expect(log.some((m: any) => /finding someone else/.test(m.text))).toBe(false);
    const back = await rt.post(`${hid(h.id)}/handback`, {}, tok(bob));
    expect(back.status).toBe(200);
    expect(back.body.messages.filter((m: any) => m.from === 'bot').at(-1)).toMatchObject({ text: 'What do you need?' });
  });

  it('a non-admin may take over only flows whose Human Takeover block allows them (like the live list)', async () => {
    const sales = agent('sal', { teams: ['sales'] });
    const boss = agent('boss', { teams: [], admin: true });
    rt = await startAgentRuntime({ agents: [ann, sales, boss], flow: flowWithTakeover({ teams: ['support'] }) });
    const c = await rt.post('/api/v1/flows/shop/conversations', {});
    const id: string = c.body.conversationId;
    const denied = await rt.post(`/api/v1/agent/conversations/${id}/takeover`, {}, tok(sales));
    expect(denied.status).toBe(404);
    expect(denied.body.error).toBe('conversation_not_found');
    expect((await rt.get(`/api/v1/conversations/${id}`, auth(c.body.token))).body.mode).toBe('bot');
    const allowed = await rt.post(`/api/v1/agent/conversations/${id}/takeover`, {}, tok(ann));
    expect(allowed.status).toBe(200);
    const second = await rt.post(`/api/v1/agent/conversations/${id}/takeover`, {}, tok(boss));
    expect(second.status).toBe(409);
  });

  it('refuses a conversation already waiting for a person, and a closed one, with the reason', async () => {
    rt = await startAgentRuntime({ agents: [ann] });
    await rt.post('/api/v1/agent/presence', { status: 'online' }, tok(ann));
    const waiting = await rt.customerWantsPerson();
    const r = await rt.post(`/api/v1/agent/conversations/${waiting.id}/takeover`, {}, tok(ann));
    expect(r.status).toBe(409);
    expect(r.body.error).toBe('takeover_refused');
    expect(r.body.message).toContain('accept that handoff instead');
    // Nothing changed: still waiting, one pending handoff.
    expect((await rt.get(`/api/v1/conversations/${waiting.id}`, auth(waiting.token))).body.mode).toBe('waiting');
    expect((await rt.get('/api/v1/agent/handoffs', tok(ann))).body.counts.unassigned).toBe(1);

    const c = await rt.post('/api/v1/flows/shop/conversations', {});
    await rt.post(`/api/v1/conversations/${c.body.conversationId}/messages`, { choice: 'rate' }, auth(c.body.token));
    await rt.post(`/api/v1/conversations/${c.body.conversationId}/messages`, { text: '5' }, auth(c.body.token));
    expect((await rt.get(`/api/v1/conversations/${c.body.conversationId}`, auth(c.body.token))).body.mode).toBe('closed');
    const closed = await rt.post(`/api/v1/agent/conversations/${c.body.conversationId}/takeover`, {}, tok(ann));
    expect(closed.status).toBe(409);
    expect(closed.body.message).toContain('closed');
  });
});
