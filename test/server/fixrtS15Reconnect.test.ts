/**
 * newcomer s15 N#7: chats that queued while an Online agent's inbox was closed (she gets no new chat then) were not
 * given to her when she opened the inbox again: her status had not changed, so the assignment pass saw nothing new
 * and they waited for the next customer's arrival. Now whether her inbox is open is one of the pass's inputs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { agent, autoAssign, flowWithTakeover, handoffOf, online, startAgentRuntime, stopAgentRuntimes, tok } from './agentFixtures';

afterEach(stopAgentRuntimes);

const ann = agent('ann', { name: 'Ann' });
const boss = agent('boss', { name: 'Boss', admin: true });
const bob = agent('bob', { name: 'Bob' });

describe('newcomer s15 N#7: an Online agent opening her inbox again gets the chats that queued meanwhile', () => {
  it('queued while her inbox was closed; assigned to her at the first pass after it opens, no new customer needed', async () => {
    const rt = await startAgentRuntime({ agents: [ann, boss, bob], flow: flowWithTakeover(autoAssign('least_busy', 3)) });
    await online(rt, ann);
    // Bob is signed in but Busy: the chats queue (with nobody reachable the takeover says so at once: hostile s16 H#22).
    expect((await rt.post('/api/v1/agent/presence', { status: 'busy' }, tok(bob))).status).toBe(200);
    const hub = rt.agentHub!;
    hub.streamOpened('ann');
    hub.streamClosed('ann');
    rt.clock.now += 5000;
    await rt.tick();
    const cs = [await rt.customerWantsPerson(), await rt.customerWantsPerson()];
    for (let i = 0; i < 3; i++) {
      rt.clock.now += 1000;
      await rt.tick();
    }
    const status = async () => Promise.all(cs.map(async (c) => (await handoffOf(rt, c.id, boss)).status));
    expect(await status()).toEqual(['pending', 'pending']); // her inbox is closed: no new chat (newcomer s9 #32)
    hub.streamOpened('ann');
    rt.clock.now += 1000;
    await rt.tick();
    await rt.tick();
    const hs = await Promise.all(cs.map((c) => handoffOf(rt, c.id, boss)));
    expect(hs.map((h) => [h.status, h.agentId])).toEqual([
      ['assigned', 'ann'],
      ['assigned', 'ann'],
    ]);
  });
});
