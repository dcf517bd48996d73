/**
 * Session 43 (hostq, hostile s43 L5): an admin's two transfers of one chat at once, to two colleagues, were both applied
 * 1 time in 4 (session 42's refusal held for a non-admin and for the other 3): the first transfer could move the chat
 * while the second read the handoff, which then saw it already with Bob and the admin's rescue rule moved it again.
 * Over real HTTP on 127.0.0.1, the race is run many times (the second request sent 0-3 ms after the first, and every
 * other read of the handoffs slowed by 0-40 ms as a loaded store's would be): exactly
 * one 200 each time, the customer hears one transfer, and a later, deliberate move by the admin still works.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { auth } from './runtimeFixtures';
import { agent, flowWithTakeover, handoffOf, hid, online, startAgentRuntime, stopAgentRuntimes, tok } from './agentFixtures';

afterEach(stopAgentRuntimes);

const STAY = { offlineAfterSeconds: 3600 };
const ann = agent('ann', { admin: true, maxChats: 100 });
const bob = agent('bob', { maxChats: 100 });
const cat = agent('cat', { maxChats: 100 });
const ROUNDS = 16;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("hostile s43 L5: an admin's two simultaneous transfers", () => {
  it(`exactly one of two concurrent transfers is applied, ${ROUNDS} times over`, async () => {
    const rt = await startAgentRuntime({ agents: [ann, bob, cat], settings: STAY, flow: flowWithTakeover({ queueTimeoutMinutes: 60 }) });
    await online(rt, ann, bob, cat);
    // A slow store read (Redis or LMDB under load) before a request reads the handoff: every other read waits 0-40 ms,
    // so the second request may read the chat while the first moves it, or after it moved it.
    const hub = rt.agentHub!;
    const read = hub.refresh.bind(hub);
    let reads = 0;
    hub.refresh = async () => {
      const n = reads++;
      if (n % 2 === 1) await sleep((n * 7) % 41);
      return read();
    };
    const outcomes: number[][] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const c = await rt.customerWantsPerson();
      const h = await handoffOf(rt, c.id);
      expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(200);
      const [first, second] = i % 2 === 0 ? ['bob', 'cat'] : ['cat', 'bob'];
      const [r1, r2] = await Promise.all([
        rt.post(`${hid(h.id)}/transfer`, { agentId: first }, tok(ann)),
        sleep(i % 4).then(() => rt.post(`${hid(h.id)}/transfer`, { agentId: second }, tok(ann))),
      ]);
      outcomes.push([r1.status, r2.status]);
      const said = ((await rt.get(`/api/v1/conversations/${c.id}`, auth(c.token))).body.messages as any[]).map((m) => m.text).join('\n');
      expect(said.match(/is transferring you to|is taking over your chat from|Your chat is moving from/g), `round ${i}: ${said}`).toHaveLength(1);
      const winner = r1.status === 200 ? first : second;
      expect(await handoffOf(rt, c.id)).toMatchObject({ status: 'assigned', agentId: winner });
      const refused = r1.status === 200 ? r2 : r1;
      expect(refused.body.message).toMatch(/transferred while your transfer waited: it is now with (Bob|Cat)/i);
    }
    expect(outcomes.map((o) => [...o].sort().join('+'))).toEqual(Array(ROUNDS).fill('200+409'));
  }, 120_000);

  it('a deliberate second move, sent after the first was answered, still goes through (the rescue rule)', async () => {
    const rt = await startAgentRuntime({ agents: [ann, bob, cat], settings: STAY, flow: flowWithTakeover({ queueTimeoutMinutes: 60 }) });
    await online(rt, ann, bob, cat);
    const c = await rt.customerWantsPerson();
    const h = await handoffOf(rt, c.id);
    expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(200);
    expect((await rt.post(`${hid(h.id)}/transfer`, { agentId: 'bob' }, tok(ann))).status).toBe(200);
    expect((await rt.post(`${hid(h.id)}/transfer`, { agentId: 'cat' }, tok(ann))).status).toBe(200);
    expect(await handoffOf(rt, c.id)).toMatchObject({ status: 'assigned', agentId: 'cat' });
  });

  it('the same transfer twice at once (a double click) is answered as done, not refused', async () => {
    const rt = await startAgentRuntime({ agents: [ann, bob, cat], settings: STAY, flow: flowWithTakeover({ queueTimeoutMinutes: 60 }) });
    await online(rt, ann, bob, cat);
    const c = await rt.customerWantsPerson();
    const h = await handoffOf(rt, c.id);
    expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(200);
    const both = await Promise.all([rt.post(`${hid(h.id)}/transfer`, { agentId: 'bob' }, tok(ann)), rt.post(`${hid(h.id)}/transfer`, { agentId: 'bob' }, tok(ann))]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    expect(both.some((r) => r.body.alreadyDone === true)).toBe(true);
  });
});
