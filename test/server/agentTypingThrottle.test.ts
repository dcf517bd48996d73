/**
 * Agent typing is throttled like customer typing (hostile tester, session 5: 5,000 typing calls gave the customer
 * 5,000 frames and pushed a private note out of the hub's replay buffer): at most one event per agent and handoff
 * per second; extra calls answer {ok: true, throttled: true} and send nothing. Another agent, or another handoff,
 * has its own second. Real HTTP on 127.0.0.1, manual clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { auth } from './runtimeFixtures';
import { agent, startAgentRuntime, tok, type AgentRuntime } from './agentFixtures';
import { openStream } from './agentSse';

const ann = agent('ann');
const bob = agent('bob');
const hid = (id: string) => `/api/v1/agent/handoffs/${encodeURIComponent(id)}`;

let rt: AgentRuntime | null = null;
afterEach(async () => {
  await rt?.stop();
  rt = null;
});

describe('agent typing throttle', () => {
  it('a flood of typing calls sends one event per second to the customer and to the agents', async () => {
    rt = await startAgentRuntime({ agents: [ann, bob] });
    for (const a of [ann, bob]) await rt.post('/api/v1/agent/presence', { status: 'online' }, tok(a));
    const c = await rt.customerWantsPerson();
    const h = (await rt.get('/api/v1/agent/handoffs', tok(ann))).body.handoffs[0];
    expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(200);
    const customer = await openStream(`${rt.url}/api/v1/conversations/${c.id}/events`, auth(c.token));
    await customer.until((f) => f.event === 'agent' && f.data.name === 'Ann', 'holder frame');
    const bobStream = await openStream(`${rt.url}/api/v1/agent/events`, tok(bob));

    const answers = await Promise.all(Array.from({ length: 50 }, () => rt!.post(`${hid(h.id)}/typing`, {}, tok(ann))));
    expect(answers.every((a) => a.status === 200 && a.body.ok === true)).toBe(true);
    expect(answers.filter((a) => a.body.throttled !== true)).toHaveLength(1);
    expect(answers.filter((a) => a.body.throttled === true)).toHaveLength(49);

    // Bob (watching) has his own second; his typing is not the customer's business but reaches the agents.
    expect((await rt.post(`${hid(h.id)}/typing`, {}, tok(bob))).body).toEqual({ ok: true });
    expect((await rt.post(`${hid(h.id)}/typing`, {}, tok(bob))).body).toEqual({ ok: true, throttled: true });

    // A second later Ann's typing goes out again.
    rt.clock.now += 1000;
    expect((await rt.post(`${hid(h.id)}/typing`, {}, tok(ann))).body).toEqual({ ok: true });
    await rt.post(`${hid(h.id)}/messages`, { text: 'Hello from Ann' }, tok(ann));
    await customer.until((f) => f.event === 'message' && f.data.text === 'Hello from Ann', 'Ann message');
    expect(customer.frames.filter((f) => f.event === 'typing')).toHaveLength(2);
    await bobStream.until((f) => f.event === 'message' && f.data.message?.text === 'Hello from Ann', 'message on the agent stream');
    const agentTyping = bobStream.frames.filter((f) => f.event === 'typing');
    expect(agentTyping.filter((f) => f.data.agentId === 'ann')).toHaveLength(2);
    expect(agentTyping.filter((f) => f.data.agentId === 'bob')).toHaveLength(1);
    customer.close();
    bobStream.close();
  });

  it('a message ends the typing: the next keystroke reaches the customer at once, even within the second', async () => {
    // The inbox announces typing again right after a send; the throttle must not swallow it (e2e handoff test).
    rt = await startAgentRuntime({ agents: [ann] });
    await rt.post('/api/v1/agent/presence', { status: 'online' }, tok(ann));
    const c = await rt.customerWantsPerson();
    const h = (await rt.get('/api/v1/agent/handoffs', tok(ann))).body.handoffs[0];
    // Typing before accepting goes to the agents only, and does not use up the customer's second.
    expect((await rt.post(`${hid(h.id)}/typing`, {}, tok(ann))).body).toEqual({ ok: true });
    expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(200);
    const customer = await openStream(`${rt.url}/api/v1/conversations/${c.id}/events`, auth(c.token));
    await customer.until((f) => f.event === 'agent' && f.data.name === 'Ann', 'holder frame');
    expect((await rt.post(`${hid(h.id)}/typing`, {}, tok(ann))).body).toEqual({ ok: true });
    await rt.post(`${hid(h.id)}/messages`, { text: 'First answer' }, tok(ann));
    expect((await rt.post(`${hid(h.id)}/typing`, {}, tok(ann))).body).toEqual({ ok: true }); // same second, after a message
    expect((await rt.post(`${hid(h.id)}/typing`, {}, tok(ann))).body).toEqual({ ok: true, throttled: true });
    await rt.post(`${hid(h.id)}/messages`, { text: 'Second answer' }, tok(ann));
    await customer.until((f) => f.event === 'message' && f.data.text === 'Second answer', 'second message');
    expect(customer.frames.filter((f) => f.event === 'typing')).toHaveLength(2);
    customer.close();
  });
});
