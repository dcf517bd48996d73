/**
 * Newcomer s11 #5 and #23, the agent API over real HTTP on 127.0.0.1:
 * - #23: a resolved chat's row and detail carry the rating the customer gave after Resolve ({score, at}), so the inbox
 *   shows "Rated 4/5" instead of only a bare "4" in the timeline;
 * - #5: a customer who asks for a person again at the rating prompt is back in the queue; the Closed list no longer
 *   lists their resolved chat beside the open one (two rows for one customer, one of them "Resolved").
 */
import { afterEach, describe, expect, it } from 'vitest';
import { auth, ratedShopFlow } from './runtimeFixtures';
import { agent, handoffOf, hid, online, startAgentRuntime, stopAgentRuntimes, tok, type AgentRuntime } from './agentFixtures';

afterEach(stopAgentRuntimes);

const ann = agent('ann', { name: 'Ann Lee' });

/** A chat Ann takes and resolves: the bot now asks the customer for the rating. */
async function resolvedChat(rt: AgentRuntime) {
  const c = await rt.customerWantsPerson();
  await rt.tick();
  const h = await handoffOf(rt, c.id);
  expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(200);
  rt.clock.now += 1000;
  // Session 46 (studio10, newcomer s45 N10): the rating is asked only after the agent wrote.
  expect((await rt.post(`${hid(h.id)}/messages`, { text: 'Hello, I can help with that.' }, tok(ann))).status).toBe(200);
  expect((await rt.post(`${hid(h.id)}/resolve`, {}, tok(ann))).body.rating).toBe(true);
  rt.clock.now += 1000;
  return { c, h };
}

const closedRows = async (rt: AgentRuntime) => (await rt.get('/api/v1/agent/handoffs?view=closed', tok(ann))).body;

describe('the rating after Resolve, for the agents (newcomer s11 #23)', () => {
  it('the Closed row and the detail carry the score; a chat not rated carries none', async () => {
    const rt = await startAgentRuntime({ agents: [ann], flow: ratedShopFlow() });
    await online(rt, ann);
    const rated = await resolvedChat(rt);
    expect((await rt.post(`/api/v1/conversations/${rated.c.id}/messages`, { text: '4' }, auth(rated.c.token))).status).toBe(200);
    const unrated = await resolvedChat(rt);

    const body = await closedRows(rt);
    const row = (id: string) => body.handoffs.find((r: any) => r.id === id);
    expect(row(rated.h.id).rating).toMatchObject({ score: 4 });
    expect(row(unrated.h.id).rating).toBeNull();
    const detail = (await rt.get(hid(rated.h.id), tok(ann))).body;
    expect(detail.handoff.rating).toMatchObject({ score: 4 });
  });
});

describe('a question at the rating prompt hands over again (newcomer s11 #5)', () => {
  it('the resolved chat leaves the Closed list while the customer is back with a person', async () => {
    const rt = await startAgentRuntime({ agents: [ann], flow: ratedShopFlow() });
    await online(rt, ann);
    const { c, h } = await resolvedChat(rt);
    expect((await closedRows(rt)).handoffs.map((r: any) => r.id)).toEqual([h.id]);

    // At the rating prompt the customer asks for a person again.
    const again = await rt.post(`/api/v1/conversations/${c.id}/messages`, { text: 'wait, I want to talk to a person again please' }, auth(c.token));
    expect(again.status).toBe(200);
    expect(again.body.mode).toBe('waiting');
    await rt.tick();
    const open = (await rt.get('/api/v1/agent/handoffs?view=all', tok(ann))).body.handoffs.filter((r: any) => r.conversationId === c.id);
    expect(open).toHaveLength(1);
    expect(open[0].id).not.toBe(h.id);

    const closed = await closedRows(rt);
    expect(closed.handoffs.filter((r: any) => r.conversationId === c.id)).toEqual([]);
    expect(closed.counts.closed).toBe(0);
    // The old chat is still reachable by its id (a link, an open tab): it says what it is.
    expect((await rt.get(hid(h.id), tok(ann))).body.handoff.status).toBe('resolved');

    // Resolved again (and rated): the customer's chat is back in Closed, once per handoff, with its rating.
    expect((await rt.post(`${hid(open[0].id)}/accept`, {}, tok(ann))).status).toBe(200);
    rt.clock.now += 1000;
    // Session 46 (studio10, newcomer s45 N10): the rating is asked only after the agent wrote.
    expect((await rt.post(`${hid(open[0].id)}/messages`, { text: 'Hello again, I can help with that.' }, tok(ann))).status).toBe(200);
    expect((await rt.post(`${hid(open[0].id)}/resolve`, {}, tok(ann))).status).toBe(200);
    rt.clock.now += 1000;
    await rt.post(`/api/v1/conversations/${c.id}/messages`, { text: '5' }, auth(c.token));
    const after = await closedRows(rt);
    const mine = after.handoffs.filter((r: any) => r.conversationId === c.id);
    expect(mine.map((r: any) => [r.id, r.rating?.score ?? null])).toEqual([
      [open[0].id, 5],
      [h.id, null],
    ]);
  });
});

describe("colleagues' rating averages are for admins (hostile s12 #10)", () => {
  it('an agent gets their own row of byAgent only; an admin gets every row', async () => {
    const bob = agent('bob', { name: 'Bob Ray' });
    const boss = agent('boss', { teams: [], admin: true });
    const rt = await startAgentRuntime({ agents: [ann, bob, boss], flow: ratedShopFlow() });
    await online(rt, ann, bob);
    for (const who of [ann, bob]) {
      const c = await rt.customerWantsPerson();
      await rt.tick();
      const h = await handoffOf(rt, c.id, boss);
      expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(who))).status).toBe(200);
      rt.clock.now += 1000;
      // Session 46 (studio10, newcomer s45 N10): the rating is asked only after the agent wrote.
      expect((await rt.post(`${hid(h.id)}/messages`, { text: 'Hello, I can help with that.' }, tok(who))).status).toBe(200);
      expect((await rt.post(`${hid(h.id)}/resolve`, {}, tok(who))).body.rating).toBe(true);
      await rt.post(`/api/v1/conversations/${c.id}/messages`, { text: who === ann ? '5' : '2' }, auth(c.token));
      rt.clock.now += 1000;
    }
    const mine = (await rt.get('/api/v1/agent/csat', tok(ann))).body;
    expect(mine.byAgent).toEqual([{ agentId: 'ann', agentName: 'Ann Lee', count: 1, average: 5 }]);
    const all = (await rt.get('/api/v1/agent/csat', tok(boss))).body;
    expect(all.byAgent.map((x: any) => x.agentId).sort()).toEqual(['ann', 'bob']);
  });
});
