/**
 * newcomer s9 #15 (HIGH): the agent's list did not show who waits for an answer. Each open chat's row now carries its
 * last message and `waitingSince` (the customer's first message after the last agent message; null once answered),
 * and Mine lists the customers waiting longest first.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { auth } from './runtimeFixtures';
import { agent, hid, online, startAgentRuntime, stopAgentRuntimes, tok } from './agentFixtures';

afterEach(stopAgentRuntimes);
const ann = agent('ann');
const min = 60_000;

describe("the agent's list: who waits for an answer", () => {
  it('last message, waiting since, and Mine sorted by the longest wait', async () => {
    const rt = await startAgentRuntime({ agents: [ann] });
    await online(rt, ann);
    const a = await rt.customerWantsPerson();
    const b = await rt.customerWantsPerson();
    const rows = async (view: string) => (await rt.get(`/api/v1/agent/handoffs?view=${view}`, tok(ann))).body.handoffs as any[];
    const [ha, hb] = [(await rows('unassigned')).find((r) => r.conversationId === a.id), (await rows('unassigned')).find((r) => r.conversationId === b.id)];
    for (const h of [ha, hb]) expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(200);
    await rt.post(`${hid(ha.id)}/messages`, { text: 'Hi, Ann here.' }, tok(ann));
    await rt.post(`${hid(hb.id)}/messages`, { text: 'Hi, Ann here too.' }, tok(ann));

    // b writes at 10:02, a at 10:05: both wait; b longer, so b comes first although its handoff is newer.
    rt.clock.now += 2 * min;
    await rt.post(`/api/v1/conversations/${b.id}/messages`, { text: 'are you still there? I am still waiting for my refund' }, auth(b.token));
    rt.clock.now += 3 * min;
    await rt.post(`/api/v1/conversations/${a.id}/messages`, { text: 'thanks, when exactly?' }, auth(a.token));
    let mine = await rows('mine');
    expect(mine.map((r) => r.conversationId)).toEqual([b.id, a.id]);
    expect(mine[0]).toMatchObject({ lastMessage: { from: 'customer', text: 'are you still there? I am still waiting for my refund' }, waitingSince: rt.clock.now - 3 * min });
    expect(mine[1].waitingSince).toBe(rt.clock.now);

    // Ann answers b: b no longer waits and goes after a.
    await rt.post(`${hid(hb.id)}/messages`, { text: 'Your refund went out today.' }, tok(ann));
    mine = await rows('mine');
    expect(mine.map((r) => r.conversationId)).toEqual([a.id, b.id]);
    expect(mine[1]).toMatchObject({ lastMessage: { from: 'agent', text: 'Your refund went out today.' }, waitingSince: null });
  });
});
