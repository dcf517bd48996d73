/**
 * newcomer s9 #23: the place in the queue a waiting customer is told must never go backwards because an agent going
 * offline put her chats back in the queue (before: the customer who was next read "You are number 3 in the queue",
 * then "next", then "number 3" again as the agent came and went). Real HTTP, manual clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { auth } from './runtimeFixtures';
import { agent, flowWithTakeover, handoffOf, hid, online, startAgentRuntime, stopAgentRuntimes, tok } from './agentFixtures';

afterEach(stopAgentRuntimes);

const ann = agent('ann');
const bob = agent('bob');

describe('a place in the queue never goes backwards (newcomer s9 #23)', () => {
  it('chats an agent puts back when she goes offline queue behind the customer who was next', async () => {
    // Simple assignation: agents pick from the queue, so the chats wait while nobody takes them.
    const rt = await startAgentRuntime({ agents: [ann, bob], flow: flowWithTakeover({ queueTimeoutMinutes: 60 }) });
    await online(rt, ann);
    // Session 41 (newcomer s40 N2): Bob signed in (busy), so the chats Ann gives back wait for someone (with nobody else
    // signed in they would leave by No agent at once: test/server/queueS41.test.ts).
    expect((await rt.post('/api/v1/agent/presence', { status: 'busy' }, tok(bob))).status).toBe(200);
    const held = [];
    for (let i = 0; i < 2; i++) {
      const c = await rt.customerWantsPerson();
      held.push(c);
      rt.clock.now += 1000;
      await rt.tick();
      expect((await rt.post(`${hid((await handoffOf(rt, c.id)).id)}/accept`, {}, tok(ann))).status).toBe(200);
    }
    // The third customer asks later and is next in line.
    rt.clock.now += 60_000;
    const next = await rt.customerWantsPerson();
    await rt.tick();
    rt.clock.now += 5_000;
    const lines = async (c: { id: string; token: string }) =>
      (await rt.get(`/api/v1/conversations/${c.id}`, auth(c.token))).body.messages.map((m: any) => String(m.text)).filter((t: string) => /in the queue|next in line/.test(t));

    // Ann comes and goes twice, giving her chats back each time.
    for (let round = 0; round < 2; round++) {
      expect((await rt.post('/api/v1/agent/presence', { status: 'busy' }, tok(bob))).status).toBe(200); // still signed in (session 41)
      expect((await rt.post('/api/v1/agent/presence', { status: 'offline', chats: 'requeue' }, tok(ann))).status).toBe(200);
      for (let i = 0; i < 3; i++) {
        rt.clock.now += 31_000;
        await rt.tick();
      }
      await online(rt, ann);
      for (let i = 0; i < 2; i++) {
        rt.clock.now += 31_000;
        await rt.tick();
      }
      // She takes the two chats she had back (they are behind the waiting customer now: picked by hand).
      for (const c of held) {
        const h = await handoffOf(rt, c.id);
        if (h.status === 'pending') expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(200);
      }
    }
    const told = await lines(next);
    const places = told.map((t: string) => (/next in line/.test(t) ? 1 : Number(/number (\d+)/.exec(t)?.[1])));
    // One line, not a pile: never told a worse place than before.
    expect(told.length, told.join(" | ")).toBeLessThanOrEqual(2);
    for (let i = 1; i < places.length; i++) expect(places[i], told.join(' | ')).toBeLessThanOrEqual(places[i - 1]);
    expect(places.every((p: number) => p === 1), told.join(' | ')).toBe(true);

    // The agent's queue shows the same order: the waiting customer first, then the chats put back.
    const rows = (await rt.get('/api/v1/agent/handoffs?view=unassigned', tok(bob))).body.handoffs;
    if (rows.length > 1) expect(rows[0].conversationId).toBe(next.id);

    // A chat put back is told its place behind the customer who was waiting.
    expect((await rt.post('/api/v1/agent/presence', { status: 'busy' }, tok(bob))).status).toBe(200); // still signed in (session 41)
    expect((await rt.post('/api/v1/agent/presence', { status: 'offline', chats: 'requeue' }, tok(ann))).status).toBe(200);
    for (let i = 0; i < 3; i++) {
      rt.clock.now += 31_000;
      await rt.tick();
    }
    const order = (await rt.get('/api/v1/agent/handoffs?view=unassigned', tok(bob))).body.handoffs.map((h: any) => h.conversationId);
    expect(order).toEqual([next.id, held[0].id, held[1].id]);
  });
});
