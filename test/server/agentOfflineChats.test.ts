/**
 * Going offline with chats open (newcomer s7 #21, HIGH): over real HTTP on 127.0.0.1. With `chats: 'requeue'` (what
 * the inbox sends after asking) every chat the agent holds goes back to the queue at once, the customers told
 * someone else is coming; with someone else signed in (busy) those chats WAIT for their queue timeout instead of ending with
 * "no one is available" in the same second; the next agent online gets them. `chats` goes with offline only.
 * Session 41 (newcomer s40 N2): with nobody else signed in at all, they no longer wait in a queue nobody serves (the
 * customer read "finding someone else ... stay with us" for ten minutes): test/server/queueS41.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { auth } from './runtimeFixtures';
import { agent, autoAssign, flowWithTakeover, handoffOf, online, startAgentRuntime, stopAgentRuntimes, tok, type AgentRuntime } from './agentFixtures';

const ann = agent('ann');
const bob = agent('bob');
afterEach(stopAgentRuntimes);

async function said(rt: AgentRuntime, c: { id: string; token: string }) {
  const r = await rt.get(`/api/v1/conversations/${c.id}?after=0`, auth(c.token));
  return (r.body.messages as Array<{ from: string; text: string }>).filter((m) => m.from !== 'customer').map((m) => m.text).join('\n');
}

describe('an agent going offline with chats open', () => {
  it("chats: 'requeue' gives every chat back; with nobody else online (Bob busy) they wait, then go to the next agent", async () => {
    const rt = await startAgentRuntime({ agents: [ann, bob], flow: flowWithTakeover(autoAssign()) });
    await online(rt, ann);
    // Session 41: Bob is signed in but busy (he may still pick a chat from the queue), so the chats wait for him.
    expect((await rt.post('/api/v1/agent/presence', { status: 'busy' }, tok(bob))).status).toBe(200);
    const chats = [await rt.customerWantsPerson(), await rt.customerWantsPerson()];
    await rt.tick();
    for (const c of chats) expect((await handoffOf(rt, c.id)).agentId).toBe('ann');
    // Ann answered one of them (answered chats used to stay with her until the inactivity timeout).
    const h0 = await handoffOf(rt, chats[0].id);
    expect((await rt.post(`/api/v1/agent/handoffs/${encodeURIComponent(h0.id)}/messages`, { text: 'Hi, Ann here.' }, tok(ann))).status).toBe(200);

    expect((await rt.post('/api/v1/agent/presence', { status: 'busy', chats: 'requeue' }, tok(ann))).status).toBe(400);
    const off = await rt.post('/api/v1/agent/presence', { status: 'offline', chats: 'requeue' }, tok(ann));
    expect(off.status).toBe(200);
    expect(off.body).toEqual({ status: 'offline', requeued: 2 });
    rt.clock.now += 5_000;
    await rt.tick();
    await rt.tick();
    for (const c of chats) {
      expect((await handoffOf(rt, c.id)).status).toBe('pending');
      const text = await said(rt, c);
      expect(text).toMatch(/someone else/i);
      expect(text).not.toMatch(/no one from our team is available|nobody is available/i);
    }
    await online(rt, bob);
    await rt.tick();
    for (const c of chats) expect((await handoffOf(rt, c.id))).toMatchObject({ status: 'assigned', agentId: 'bob' });
  });

  it('plain offline (no chats key): the unanswered chat goes back and waits, with nobody online', async () => {
    const rt = await startAgentRuntime({ agents: [ann, bob], flow: flowWithTakeover(autoAssign()) });
    await online(rt, ann);
    const c = await rt.customerWantsPerson();
    await rt.tick();
    expect((await handoffOf(rt, c.id)).agentId).toBe('ann');
    expect((await rt.post('/api/v1/agent/presence', { status: 'offline' }, tok(ann))).status).toBe(200);
    rt.clock.now += 5_000;
    await rt.tick();
    expect((await handoffOf(rt, c.id)).status).toBe('pending');
    expect(await said(rt, c)).not.toMatch(/no one from our team is available/i);
  });
});

describe('chats given back are not a refusal (hostile s7 07:03, newcomer s7 #28)', () => {
  it('offline + requeue, then the same agent back online alone: the chats go back to him', async () => {
    const rt = await startAgentRuntime({ agents: [ann, bob], flow: flowWithTakeover(autoAssign()) });
    await online(rt, ann);
    // Session 41: Bob signed in (busy), so the chats wait in the queue rather than leave by No agent (queueS41.test.ts).
    expect((await rt.post('/api/v1/agent/presence', { status: 'busy' }, tok(bob))).status).toBe(200);
    const chats = [await rt.customerWantsPerson(), await rt.customerWantsPerson()];
    await rt.tick();
    expect((await rt.post('/api/v1/agent/presence', { status: 'offline', chats: 'requeue' }, tok(ann))).body.requeued).toBe(2);
    await rt.tick();
    for (const c of chats) expect((await handoffOf(rt, c.id)).status).toBe('pending');
    await online(rt, ann);
    await rt.tick();
    for (const c of chats) expect(await handoffOf(rt, c.id)).toMatchObject({ status: 'assigned', agentId: 'ann' });
  });
});
