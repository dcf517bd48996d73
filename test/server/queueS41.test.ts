/**
 * Session 41 (queue): live handoff queue edge cases, over real HTTP on 127.0.0.1 with a manual clock.
 * - newcomer s40 N2: the last agent who could take a chat goes offline: the customer is told the truth once and the chat
 *   leaves by the block's No agent exit (not "finding someone else ... stay with us" and a queue nobody serves).
 * - hostile s40 M9: a chat put back because its only agent did not open it is offered to her again, before newer chats.
 * - hostile s40 M2: "never mind, I sorted it" after the chat was assigned but before the agent opened it withdraws it.
 * - newcomer s40 N3: after a transfer the customer hears the new agent joined only when she opens the chat.
 * - newcomer s40 N12: a chat sent to a person by the flow's "Talk to a person" button says so in its summary.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { auth } from './runtimeFixtures';
import { agent, autoAssign, flowWithTakeover, handoffOf, hid, online, startAgentRuntime, stopAgentRuntimes, tok, type AgentRuntime } from './agentFixtures';

afterEach(stopAgentRuntimes);

/** The agents stay online through the test (no inactivity timeout in the minutes the clock moves). */
const STAY = { offlineAfterSeconds: 3600 };
const ann = agent('ann');
const bob = agent('bob');
const texts = async (r: AgentRuntime, c: { id: string; token: string }): Promise<string[]> =>
  ((await r.get(`/api/v1/conversations/${c.id}?after=0`, auth(c.token))).body.messages as any[]).map((m) => m.text as string);
const say = (r: AgentRuntime, c: { id: string; token: string }, text: string) => r.post(`/api/v1/conversations/${c.id}/messages`, { text }, auth(c.token));

describe('newcomer s40 N2: the last agent goes offline while a customer waits', () => {
  it('Bob gives it back, then Ann: the customer is told once that nobody else is available, and the No agent exit follows', async () => {
    const rt = await startAgentRuntime({ agents: [ann, bob], settings: STAY, flow: flowWithTakeover({ ...autoAssign('round_robin'), queueTimeoutMinutes: 10 }) });
    await online(rt, ann, bob);
    const c = await rt.customerWantsPerson();
    await rt.tick();
    const first = (await handoffOf(rt, c.id)).agentId as string;
    const [holder, other] = first === 'ann' ? [ann, bob] : [bob, ann];
    // The first holder goes offline giving her chats back: the other is online, so the chat goes to him (true words).
    expect((await rt.post('/api/v1/agent/presence', { status: 'offline', chats: 'requeue' }, tok(holder))).body).toMatchObject({ requeued: 1 });
    await rt.tick();
    expect(await handoffOf(rt, c.id, other)).toMatchObject({ status: 'assigned', agentId: other.id });
    expect(await texts(rt, c)).toContain('I am finding someone else to help you. Please stay with us.');
    // Now the last one goes: nobody else is signed in.
    expect((await rt.post('/api/v1/agent/presence', { status: 'offline', chats: 'requeue' }, tok(other))).body).toMatchObject({ requeued: 1 });
    for (let i = 0; i < 3; i++) {
      rt.clock.now += 5_000;
      await rt.tick();
    }
    const said = await texts(rt, c);
    const gone = said.indexOf(`Sorry, ${other.name} has had to leave and no one else from our team is available right now.`);
    expect(gone, said.join(' | ')).toBeGreaterThan(0);
    // Then the flow's No agent path (here a message, then the menu), not "finding someone else" or a queue line.
    expect(said.slice(gone + 1)).toContain('Nobody is free right now; we will email you.');
    expect(said.slice(gone).filter((t) => /finding someone else|next in line|in the queue|Expected wait/.test(t))).toEqual([]);
    const h = await handoffOf(rt, c.id, other);
    expect(h.status).toBe('rejected');
    // The transcript is kept: the whole conversation is still there, the customer's own messages too.
    expect(said.filter((t) => /will be with you shortly/.test(t))).toHaveLength(2);
    expect((await rt.get(`/api/v1/conversations/${c.id}?after=0`, auth(c.token))).body.mode).toBe('bot');
  });

  it('a chat put back while a colleague was signed in leaves by No agent once nobody is left, after a minute (not the 10-minute timeout)', async () => {
    const rt = await startAgentRuntime({ agents: [ann, bob], settings: STAY, flow: flowWithTakeover({ ...autoAssign('round_robin'), queueTimeoutMinutes: 10 }) });
    await online(rt, ann);
    expect((await rt.post('/api/v1/agent/presence', { status: 'busy' }, tok(bob))).status).toBe(200);
    const c = await rt.customerWantsPerson();
    await rt.tick();
    expect((await handoffOf(rt, c.id)).agentId).toBe('ann');
    // Ann gives it back while Bob (busy) is signed in: it waits for someone.
    await rt.post('/api/v1/agent/presence', { status: 'offline', chats: 'requeue' }, tok(ann));
    await rt.tick();
    expect((await handoffOf(rt, c.id, bob)).status).toBe('pending');
    // Bob signs off too (plain offline): nobody is left who could take it.
    expect((await rt.post('/api/v1/agent/presence', { status: 'offline' }, tok(bob))).status).toBe(200);
    rt.clock.now += 30_000;
    await rt.tick();
    expect((await handoffOf(rt, c.id, bob)).status).toBe('pending'); // the put-back settles first
    rt.clock.now += 31_000;
    await rt.tick();
    await rt.tick();
    expect((await handoffOf(rt, c.id, bob)).status).toBe('rejected');
    const said = await texts(rt, c);
    const nobody = said.indexOf('Sorry, no one from our team is available right now.');
    expect(nobody, said.join(' | ')).toBeGreaterThan(said.indexOf('I am finding someone else to help you. Please stay with us.'));
    expect(said.slice(nobody + 1)).toContain('Nobody is free right now; we will email you.');
  });
});

describe('hostile s40 M9: a chat its only agent did not open', () => {
  it('is offered to her again before a newer chat, and the newer customer is the one told "next in line"', async () => {
    const rt = await startAgentRuntime({ agents: [ann], settings: STAY, flow: flowWithTakeover({ ...autoAssign('least_busy', 1), queueTimeoutMinutes: 10 }) });
    await online(rt, ann);
    const old = await rt.customerWantsPerson();
    await rt.tick();
    expect(await handoffOf(rt, old.id)).toMatchObject({ status: 'assigned', agentId: 'ann', joined: false });
    rt.clock.now += 60_000;
    const newer = await rt.customerWantsPerson();
    await rt.tick();
    expect((await handoffOf(rt, newer.id)).status).toBe('pending'); // Ann's one seat is taken
    rt.clock.now += 61_000; // the old chat not opened for 121 s: put back
    await rt.tick();
    await rt.tick();
    // Before session 41 the newer chat went to Ann and the old one waited, "position 1, under a minute", for its timeout.
    expect(await handoffOf(rt, old.id)).toMatchObject({ status: 'assigned', agentId: 'ann', joined: false });
    const n = await handoffOf(rt, newer.id);
    expect(n.status).toBe('pending');
    expect(n.queue.position).toBe(1);
    const saidOld = await texts(rt, old);
    expect(saidOld).toContain('Sorry for the wait. Your chat keeps its place at the front of the queue: the first colleague free will pick it up. Please stay with us.');
    expect(saidOld.filter((t) => t === 'Ann will be with you shortly.')).toHaveLength(2);
    expect(saidOld.some((t) => /finding someone else/.test(t))).toBe(false);
    // She opens it now: recorded, the customer is told nothing (session 46, ui10); her first message says she joined.
    const oldId = (await handoffOf(rt, old.id)).id;
    expect((await rt.get(hid(oldId), tok(ann))).status).toBe(200);
    expect(await texts(rt, old)).not.toContain('Ann has joined the conversation.');
    expect((await rt.post(`${hid(oldId)}/messages`, { text: 'Hi, Ann here' }, tok(ann))).status).toBe(200);
    expect(await texts(rt, old)).toContain('Ann has joined the conversation.');
  });
});

describe('hostile s40 M2: the customer withdraws before the assigned agent opened the chat', () => {
  it('gets an answer, the request is withdrawn, and the agent sees it closed as withdrawn (no join into an empty chat)', async () => {
    const rt = await startAgentRuntime({ agents: [ann], settings: STAY, flow: flowWithTakeover({ ...autoAssign('round_robin'), queueTimeoutMinutes: 10 }) });
    await online(rt, ann);
    const c = await rt.customerWantsPerson();
    await rt.tick();
    const h = await handoffOf(rt, c.id);
    expect(h).toMatchObject({ status: 'assigned', agentId: 'ann', joined: false });
    const r = await say(rt, c, 'never mind, I sorted it');
    expect(r.status).toBe(200);
    expect(r.body.mode).toBe('bot');
    expect(r.body.messages.map((m: { text: string }) => m.text)).toContain("No problem, I've cancelled your request for a person.");
    await rt.tick();
    const closed = await handoffOf(rt, c.id);
    expect(closed).toMatchObject({ status: 'cancelled', endedAs: 'withdrawn' });
    // Her Mine is empty; opening the chat does not tell the customer she joined.
    expect((await rt.get('/api/v1/agent/handoffs?view=mine', tok(ann))).body.counts.mine).toBe(0);
    const opened = await rt.get(hid(h.id), tok(ann));
    expect(opened.status).toBe(200);
    expect(await texts(rt, c)).not.toContain('Ann has joined the conversation.');
    // She cannot write into it either.
    expect((await rt.post(`${hid(h.id)}/messages`, { text: 'Hi!' }, tok(ann))).status).toBe(409);
    // After the queue timeout nothing more happens to the customer (no ticket for a withdrawn request).
    const before = (await texts(rt, c)).length;
    rt.clock.now += 11 * 60_000;
    await rt.runner.tick();
    expect((await texts(rt, c)).length).toBe(before);
  });

  it('once the agent has opened the chat, the words go to her (she reads them herself)', async () => {
    const rt = await startAgentRuntime({ agents: [ann], settings: STAY, flow: flowWithTakeover({ ...autoAssign('round_robin'), queueTimeoutMinutes: 10 }) });
    await online(rt, ann);
    const c = await rt.customerWantsPerson();
    await rt.tick();
    const h = await handoffOf(rt, c.id);
    expect((await rt.get(hid(h.id), tok(ann))).status).toBe(200);
    const r = await say(rt, c, 'never mind, I sorted it');
    expect(r.body.mode).toBe('agent');
    expect((await handoffOf(rt, c.id)).status).toBe('assigned');
  });
});

describe('newcomer s40 N3: a transfer to a colleague', () => {
  it('tells the customer he will be with them shortly, and that he joined only when he writes (session 46: not when he opens it)', async () => {
    const rt = await startAgentRuntime({ agents: [ann, bob], settings: STAY });
    await online(rt, ann, bob);
    const c = await rt.customerWantsPerson();
    const h = await handoffOf(rt, c.id);
    expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(200);
    const moved = await rt.post(`${hid(h.id)}/transfer`, { agentId: 'bob', note: 'billing question' }, tok(ann));
    expect(moved.status).toBe(200);
    expect(moved.body.handoff).toMatchObject({ status: 'assigned', agentId: 'bob', joined: false });
    let said = await texts(rt, c);
    expect(said).toContain('Ann is transferring you to Bob. Please stay with us.');
    expect(said).toContain('Bob will be with you shortly.');
    expect(said).not.toContain('Bob has joined the conversation.');
    // A peek (the toast's look) is not opening it.
    expect((await rt.get(`${hid(h.id)}?peek=true`, tok(bob))).status).toBe(200);
    expect(await texts(rt, c)).not.toContain('Bob has joined the conversation.');
    expect((await rt.get(hid(h.id), tok(bob))).status).toBe(200);
    expect(await texts(rt, c)).not.toContain('Bob has joined the conversation.');
    expect((await rt.post(`${hid(h.id)}/messages`, { text: 'Hi, Bob here' }, tok(bob))).status).toBe(200);
    said = await texts(rt, c);
    expect(said.filter((t) => t === 'Bob has joined the conversation.')).toHaveLength(1);
    expect(said.indexOf('Bob has joined the conversation.')).toBeGreaterThan(said.indexOf('Bob will be with you shortly.'));
  });
});

describe("newcomer s40 N12: why the chat came, for a customer who pressed the flow's Talk to a person", () => {
  it("the row's summary names the button (the inbox shows Chose “Talk to a person” (the bot's offer))", async () => {
    const rt = await startAgentRuntime({ agents: [ann], settings: STAY });
    await online(rt, ann);
    const c = await rt.customerWantsPerson();
    const h = await handoffOf(rt, c.id);
    expect(h.reason).toBe('flow');
    expect(h.summary).toContain('Handed over because the customer chose "Talk to a person" where the flow offered a person.');
  });
});
