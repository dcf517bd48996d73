/**
 * newcomer s9 #12: a CSAT score is tied to the agent who last held the rated chat, and the agent API's CSAT list gives
 * the average per agent (the inbox's Tickets page shows it). Real HTTP on 127.0.0.1.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { auth, ADMIN, ratedShopFlow } from './runtimeFixtures';
import { agent, handoffOf, hid, online, startAgentRuntime, stopAgentRuntimes, tok, type AgentRuntime } from './agentFixtures';

afterEach(stopAgentRuntimes);

const ann = agent('ann', { name: 'Ann Lee' });
const bob = agent('bob', { name: 'Bob Ray' });
const boss = agent('boss', { teams: [], admin: true });

/** A chat `who` takes and resolves; the customer then rates it `score`. */
async function ratedBy(rt: AgentRuntime, who: typeof ann, score: string) {
  const c = await rt.customerWantsPerson();
  await rt.tick();
  const h = await handoffOf(rt, c.id, boss);
  expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(who))).status).toBe(200);
  // Session 46 (studio10, newcomer s45 N10): Resolve asks the rating only once the agent wrote in the chat.
  expect((await rt.post(`${hid(h.id)}/messages`, { text: 'Hello, I can help with that.' }, tok(who))).status).toBe(200);
  expect((await rt.post(`${hid(h.id)}/resolve`, {}, tok(who))).body.rating).toBe(true);
  expect((await rt.post(`/api/v1/conversations/${c.id}/messages`, { text: score }, auth(c.token))).status).toBe(200);
  rt.clock.now += 1000;
  return c.id;
}

describe('CSAT per agent (newcomer s9 #12)', () => {
  it('each score names the agent who held the chat; the list averages per agent; a bot-only rating has no agent', async () => {
    const rt = await startAgentRuntime({ agents: [ann, bob, boss], flow: ratedShopFlow() });
    await online(rt, ann, bob);
    const a1 = await ratedBy(rt, ann, '5');
    await ratedBy(rt, ann, '4');
    await ratedBy(rt, bob, '2');
    // A customer who rates the bot from the menu, no person involved.
    const c = await rt.post('/api/v1/flows/shop/conversations', {});
    await rt.post(`/api/v1/conversations/${c.body.conversationId}/messages`, { choice: 'rate' }, auth(c.body.token));
    await rt.post(`/api/v1/conversations/${c.body.conversationId}/messages`, { text: '3' }, auth(c.body.token));

    const res = await rt.get('/api/v1/agent/csat', tok(boss));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 4, average: 3.5 });
    expect(res.body.byAgent).toEqual([
      { agentId: 'ann', agentName: 'Ann Lee', count: 2, average: 4.5 },
      { agentId: 'bob', agentName: 'Bob Ray', count: 1, average: 2 },
      { agentId: null, agentName: null, count: 1, average: 3 },
    ]);
    expect(res.body.scores.find((s: any) => s.conversationId === a1)).toMatchObject({ score: 5, agentId: 'ann', agentName: 'Ann Lee' });
    // The stored record carries it too (admin API, exports).
    const admin = await rt.get('/api/v1/admin/csat', auth(ADMIN));
    expect(admin.body.csat.find((r: any) => r.conversationId === a1).data).toMatchObject({ score: 5, agentId: 'ann', agentName: 'Ann Lee' });
  });
});
