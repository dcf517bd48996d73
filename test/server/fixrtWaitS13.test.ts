/**
 * newcomer s13 #10 (README "Not finished"): a customer queued while every agent was full at their own limit (agents
 * file maxChats below the block's maxChatsPerAgent) was told "Expected wait: under a minute": the estimate counted the
 * block's seats only. Real HTTP. Needs startRuntime.ts to pass hub.presenceForEstimate() (rtfast's file).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { auth } from './runtimeFixtures';
import { agent, handoffOf, hid, online, startAgentRuntime, stopAgentRuntimes, tok } from './agentFixtures';

afterEach(stopAgentRuntimes);
const boss = agent('boss', { name: 'Boss', admin: true });

describe('newcomer s13 #10: the wait estimate when every agent is full at their own limit', () => {
  it('an agent with maxChats 1 holding a chat: the next customer is not told "under a minute"', async () => {
    const solo = agent('solo', { name: 'Solo', maxChats: 1 });
    const rt = await startAgentRuntime({ agents: [solo, boss] });
    await online(rt, solo);
    const first = await rt.customerWantsPerson();
    await rt.tick();
    const h = await handoffOf(rt, first.id, boss);
    const took = await rt.post(`${hid(h.id)}/accept`, {}, tok(solo));
    expect(took.status).toBe(200);
    expect(took.body).toMatchObject({ activeChats: 1, maxChats: 1 });
    rt.clock.now += 1000;
    const second = await rt.customerWantsPerson();
    for (let i = 0; i < 3; i++) {
      rt.clock.now += 1000;
      await rt.tick();
    }
    const texts = ((await rt.get(`/api/v1/conversations/${second.id}`, auth(second.token))).body.messages as Array<{ text: string }>).map((m) => String(m.text));
    const waits = texts.flatMap((t) => [...t.matchAll(/Expected wait: ([^.]+)\./g)].map((m) => m[1]));
    expect(waits.length).toBeGreaterThan(0);
    // The handoff message (the engine's estimate, from hub.presenceForEstimate through startRuntime).
    expect(waits.at(-1)).not.toBe('under a minute');
    expect(waits.at(-1)).toMatch(/^about /);
  });
});
