/**
 * Newcomer s11 #3, #4, #9 over real HTTP (manual clock, the agent loop ticked by hand):
 * - #3: a waiting customer is told a better place as soon as it moves (was: at most once per 30 s, so "number 2"
 *   reached the widget 20-25 s after the head of the queue was taken);
 * - #4: a chat whose customer closed the page is given out after the chats whose customers are there (it took an
 *   agent's slot while present customers waited); it still gets an agent once nobody present waits;
 * - #9: Unassigned rows carry the place in the queue and the expected wait the customer is told.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { customerPresenceTiming } from '../../runtime/agents/customerPresence';
import { auth } from './runtimeFixtures';
import { agent, autoAssign, flowWithTakeover, handoffOf, hid, online, startAgentRuntime, stopAgentRuntimes, tok, type AgentRuntime } from './agentFixtures';
import { openPage } from './agentSse';

const ann = agent('ann', { maxChats: 1 });
const saved = { ...customerPresenceTiming };
beforeAll(() => void Object.assign(customerPresenceTiming, { closeGraceMs: 100, heartbeatMs: 100, ttlMs: 1_000 }));
afterAll(() => void Object.assign(customerPresenceTiming, saved));
afterEach(stopAgentRuntimes);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function queueLines(rt: AgentRuntime, c: { id: string; token: string }): Promise<string[]> {
  const msgs = (await rt.get(`/api/v1/conversations/${c.id}`, auth(c.token))).body.messages as Array<{ from: string; text: string }>;
  return msgs.filter((m) => m.from === 'system' && /^You are (next in line|number \d+ in the queue)\./.test(m.text)).map((m) => m.text);
}

async function ticks(rt: AgentRuntime, n = 3, stepMs = 300) {
  for (let i = 0; i < n; i++) {
    rt.clock.now += stepMs;
    await rt.tick();
  }
}

describe('queue places (newcomer s11 #3, #9)', () => {
  it('the next customer is told "next in line" within a second of the head being taken, and the row shows the place', async () => {
    const rt = await startAgentRuntime({ agents: [ann], flow: flowWithTakeover({ ...autoAssign('round_robin', 1), queueTimeoutMinutes: 60 }) });
    await online(rt, ann);
    const first = await rt.customerWantsPerson();
    await ticks(rt);
    expect((await handoffOf(rt, first.id)).status).toBe('assigned');
    const second = await rt.customerWantsPerson();
    await ticks(rt);
    const third = await rt.customerWantsPerson();
    await ticks(rt);
    expect((await queueLines(rt, third)).at(-1)).toMatch(/^You are number 2 in the queue\./);

    // #9: the Unassigned list says where each waits and the wait the customer was told.
    const rows = (await rt.get('/api/v1/agent/handoffs?view=unassigned', tok(ann))).body.handoffs;
    expect(rows.map((r: any) => [r.conversationId, r.queue?.position])).toEqual([
      [second.id, 1],
      [third.id, 2],
    ]);
    expect(rows[1].queue.wait).toMatch(/minute/);

    // Ann resolves her chat 5 s later: the second customer gets her, the third is told "next" at once.
    rt.clock.now += 5_000;
    const h1 = await handoffOf(rt, first.id);
    expect((await rt.post(`${hid(h1.id)}/resolve`, {}, tok(ann))).status).toBe(200);
    await ticks(rt, 3, 300);
    expect((await handoffOf(rt, second.id)).status).toBe('assigned');
    expect((await queueLines(rt, third)).at(-1)).toMatch(/^You are next in line\./);
    const after = (await rt.get('/api/v1/agent/handoffs?view=unassigned', tok(ann))).body.handoffs;
    expect(after.map((r: any) => [r.conversationId, r.queue?.position])).toEqual([[third.id, 1]]);
  });
});

describe('a customer who left the page waits behind those who are there (newcomer s11 #4)', () => {
  it('the present customer gets the freed seat; the one who left is still served after', async () => {
    const rt = await startAgentRuntime({ agents: [ann], flow: flowWithTakeover({ ...autoAssign('round_robin', 1), queueTimeoutMinutes: 60 }) });
    await online(rt, ann);
    const held = await rt.customerWantsPerson();
    await ticks(rt);
    expect((await handoffOf(rt, held.id)).status).toBe('assigned');
    // Ray asks first, then closes the page; Quinn asks after him and keeps the page open.
    const ray = await rt.customerWantsPerson();
    const rayTab = await openPage(rt.url, ray);
    await ticks(rt);
    const quinn = await rt.customerWantsPerson();
    const quinnTab = await openPage(rt.url, quinn);
    await ticks(rt);
    rayTab.close();
    await sleep(400); // the close is told after the grace period (shortened here)
    await ticks(rt);
    const rows = (await rt.get('/api/v1/agent/handoffs?view=unassigned', tok(ann))).body.handoffs;
    expect(rows.map((r: any) => r.conversationId)).toEqual([quinn.id, ray.id]);
    expect(rows[1].customerPage.open).toBe(false);
    expect((await queueLines(rt, quinn)).at(-1)).toMatch(/^You are next in line\./);

    // Ann resolves: Quinn, who is there, gets her; Ray waits.
    expect((await rt.post(`${hid((await handoffOf(rt, held.id)).id)}/resolve`, {}, tok(ann))).status).toBe(200);
    await ticks(rt);
    expect((await handoffOf(rt, quinn.id)).status).toBe('assigned');
    expect((await handoffOf(rt, ray.id)).status).toBe('pending');

    // Nobody present waits any more: Ray's chat is given out when a seat frees up.
    expect((await rt.post(`${hid((await handoffOf(rt, quinn.id)).id)}/resolve`, {}, tok(ann))).status).toBe(200);
    await ticks(rt);
    expect((await handoffOf(rt, ray.id)).status).toBe('assigned');
    quinnTab.close();
  });
});

describe('a new customer is not told a wait counting customers who left (newcomer s12 #25)', () => {
  it('the first "Expected wait" counts only the customers who are there', async () => {
    const rt = await startAgentRuntime({ agents: [ann], flow: flowWithTakeover({ ...autoAssign('round_robin', 1), queueTimeoutMinutes: 60 }) });
    await online(rt, ann);
    await rt.customerWantsPerson();
    await ticks(rt);
    // Three customers wait, then close their pages.
    const gone = [];
    for (let i = 0; i < 3; i++) {
      const c = await rt.customerWantsPerson();
      gone.push(await openPage(rt.url, c));
      await ticks(rt);
    }
    const waitOf = async (c: { id: string; token: string }) => {
      const h = await handoffOf(rt, c.id);
      return (await rt.get(hid(h.id), tok(ann))).body.variables.estimatedWait as string;
    };
    // Asked while they are there: three ahead.
    const whileThere = await rt.customerWantsPerson();
    const withThree = await waitOf(whileThere);
    for (const s of gone) s.close();
    await sleep(400);
    await ticks(rt);
    // Asked once they have left: only the one customer still there is ahead; the same wait as in a queue of one.
    const after = await rt.customerWantsPerson();
    const told = await waitOf(after);
    expect(told).not.toBe(withThree);
    const rt2 = await startAgentRuntime({ agents: [ann], flow: flowWithTakeover({ ...autoAssign('round_robin', 1), queueTimeoutMinutes: 60 }) });
    await online(rt2, ann);
    for (let i = 0; i < 2; i++) {
      await rt2.customerWantsPerson();
      rt2.clock.now += 300;
      await rt2.tick();
    }
    const alone = await rt2.customerWantsPerson();
    const h = await handoffOf(rt2, alone.id);
    expect(told).toBe((await rt2.get(hid(h.id), tok(ann))).body.variables.estimatedWait);
  });
});
