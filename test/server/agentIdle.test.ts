/**
 * An idle server does (almost) nothing (README "Not finished", session 7: with 1,000 waiting chats the agent hub
 * re-read every handoff and re-ran the queue's O(n^2) announcement pass every 250 ms, 5-14% of a core). Counted, not
 * timed: the hub's work counters stand still over idle ticks, and the next change is still seen on the next tick.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { auth } from './runtimeFixtures';
import { agent, autoAssign, flowWithTakeover, online, startAgentRuntime, stopAgentRuntimes } from './agentFixtures';

afterEach(stopAgentRuntimes);

const ann = agent('ann');

describe('idle agent hub', () => {
  it('does no reads and no passes while nothing happens; a new waiting chat is seen and told its place at once', async () => {
    const rt = await startAgentRuntime({ agents: [ann], flow: flowWithTakeover({ ...autoAssign('round_robin', 3), queueTimeoutMinutes: 600 }) });
    await online(rt, ann);
    for (let i = 0; i < 23; i++) await rt.customerWantsPerson();
    for (let i = 0; i < 4; i++) {
      rt.clock.now += 250;
      await rt.tick();
    }
    const hub = rt.agentHub!;
    expect(hub.handoffList().filter((h) => h.status === 'pending')).toHaveLength(20); // 3 with Ann, 20 waiting
    const before = { ...hub.work };
    for (let i = 0; i < 16; i++) {
      rt.clock.now += 250; // 4 s of ticks, nothing happening
      await rt.tick();
    }
    expect(hub.work.ticks - before.ticks).toBe(16);
    expect(hub.work.handoffReads - before.handoffReads).toBe(0);
    expect(hub.work.queuePasses - before.queuePasses).toBe(0);
    expect(hub.work.assignPasses - before.assignPasses).toBe(0);

    // Something happens: seen on the next tick, and the newcomer is told its place.
    const c = await rt.customerWantsPerson();
    rt.clock.now += 250;
    await rt.tick();
    expect(hub.work.queuePasses - before.queuePasses).toBe(1);
    const texts = (await rt.get(`/api/v1/conversations/${c.id}`, auth(c.token))).body.messages.map((m: { text: string }) => m.text);
    expect(texts.some((t: string) => /^You are number 21 in the queue\. Expected wait: about \d+ minutes\.$/.test(t))).toBe(true);

    // A safety re-read at least every 5 s (a change no signal reached), still without passes when nothing changed.
    const mid = { ...hub.work };
    for (let i = 0; i < 24; i++) {
      rt.clock.now += 250;
      await rt.tick();
    }
    expect(hub.work.handoffReads - mid.handoffReads).toBeGreaterThanOrEqual(1);
    expect(hub.work.handoffReads - mid.handoffReads).toBeLessThanOrEqual(4);
    expect(hub.work.queuePasses - mid.queuePasses).toBe(0);
  });
});
