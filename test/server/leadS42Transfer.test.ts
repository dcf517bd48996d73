/**
 * Session 42 (lead, hostile s42 L7): an admin's two transfers of one chat at once, to two colleagues: both answered 200
 * and the customer heard "transferring you to Bob", then "to Cat" (the admin's rescue rule let the second through). The
 * second waited for the first, and the chat had moved meanwhile: it is refused (409) with where the chat is now; the
 * customer hears one transfer. Over real HTTP on 127.0.0.1.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { auth } from './runtimeFixtures';
import { agent, flowWithTakeover, handoffOf, hid, online, startAgentRuntime, stopAgentRuntimes, tok } from './agentFixtures';

afterEach(stopAgentRuntimes);

const STAY = { offlineAfterSeconds: 3600 };
const ann = agent('ann', { admin: true });
const bob = agent('bob');
const cat = agent('cat');

describe('hostile s42 L7: two transfers of one chat at once', () => {
  it("an admin's second transfer, to someone else, is refused once the first moved the chat; one transfer line", async () => {
    const rt = await startAgentRuntime({ agents: [ann, bob, cat], settings: STAY, flow: flowWithTakeover({ queueTimeoutMinutes: 10 }) });
    await online(rt, ann, bob, cat);
    const c = await rt.customerWantsPerson();
    const h = await handoffOf(rt, c.id);
    expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(200);
    const [toBob, toCat] = await Promise.all([
      rt.post(`${hid(h.id)}/transfer`, { agentId: 'bob' }, tok(ann)),
      rt.post(`${hid(h.id)}/transfer`, { agentId: 'cat' }, tok(ann)),
    ]);
    expect([toBob.status, toCat.status].sort()).toEqual([200, 409]);
    const refused = toBob.status === 409 ? toBob : toCat;
    const winner = toBob.status === 200 ? 'bob' : 'cat';
    expect(refused.body.message).toMatch(/transferred while your transfer waited: it is now with (Bob|Cat)/i);
    expect(await handoffOf(rt, c.id)).toMatchObject({ status: 'assigned', agentId: winner });
    const said = ((await rt.get(`/api/v1/conversations/${c.id}`, auth(c.token))).body.messages as any[]).map((m) => m.text).join('\n');
    expect(said.match(/is transferring you to|is taking over your chat from|Your chat is moving from/g)).toHaveLength(1);
  });

  it('an admin moving a chat someone else holds, alone, still works (the rescue rule is unchanged)', async () => {
    const rt = await startAgentRuntime({ agents: [ann, bob, cat], settings: STAY, flow: flowWithTakeover({ queueTimeoutMinutes: 10 }) });
    await online(rt, ann, bob, cat);
    const c = await rt.customerWantsPerson();
    const h = await handoffOf(rt, c.id);
    expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(bob))).status).toBe(200);
    const moved = await rt.post(`${hid(h.id)}/transfer`, { agentId: 'cat' }, tok(ann));
    expect(moved.status).toBe(200);
    expect(await handoffOf(rt, c.id)).toMatchObject({ status: 'assigned', agentId: 'cat' });
  });
});
