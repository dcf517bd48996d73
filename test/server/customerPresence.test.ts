/**
 * Customer presence for the agents (newcomer s6 #24), over real HTTP on 127.0.0.1: the agent can tell whether the
 * customer's chat page is open (its push channel connected), when it closed and when it came back, in the handoff
 * list, the handoff detail, the agent push channel (`customer_page` frames) and the Live list; a reconnect within the
 * grace period is not a close; several tabs count as one page open while any is; with two instances on one real
 * Redis, a page held by instance B is seen by an agent on instance A, and B dying counts as the page closing.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { customerPresenceTiming } from '../../runtime/agents/customerPresence';
import { RedisStore } from '../../runtime/store/redisStore';
import { requireProgram } from '../support/requireProgram';
import { startTestRedis } from './redisServer';
import { auth } from './runtimeFixtures';
import { agent, flowWithTakeover, hid, online, startAgentRuntime, stopAgentRuntimes, tok, type AgentRuntime } from './agentFixtures';
import { openPage, openStream } from './agentSse';

const ann = agent('ann');
const boss = agent('boss', { teams: [], admin: true });
const T0 = Date.parse('2026-11-30T10:00:00Z');
const min = 60_000;
const saved = { ...customerPresenceTiming };

beforeAll(() => {
  Object.assign(customerPresenceTiming, { closeGraceMs: 150, heartbeatMs: 100, ttlMs: 1_000 });
});
afterAll(() => {
  Object.assign(customerPresenceTiming, saved);
});
afterEach(stopAgentRuntimes);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function pageInList(rt: AgentRuntime, conversationId: string) {
  const rows = (await rt.get('/api/v1/agent/handoffs?view=all', tok(ann))).body.handoffs as Array<{ conversationId: string; customerPage: unknown }>;
  return rows.find((r) => r.conversationId === conversationId)?.customerPage;
}

describe("the customer's page, as the agent sees it", () => {
  it('open, closed at 10:04 (after the grace period, not on a reconnect), back at 10:07 with two tabs', async () => {
    const rt = await startAgentRuntime({ agents: [ann, boss] });
    await online(rt, ann);
    const c = await rt.customerWantsPerson();
    const h = (await rt.get('/api/v1/agent/handoffs', tok(ann))).body.handoffs[0];
    // No page seen yet (an API client, or a page not loaded since the server started): unknown, not "closed".
    expect(h.customerPage).toBeNull();

    const events = await openStream(`${rt.url}/api/v1/agent/events`, tok(ann));
    const url = `${rt.url}/api/v1/conversations/${c.id}/events`;
    const tab = await openStream(`${url}?token=${encodeURIComponent(c.token)}`, {});
    await events.until((f) => f.event === 'customer_page' && f.data.page?.open === true, 'page open');
    expect(await pageInList(rt, c.id)).toEqual({ open: true, at: T0 });
    const first = events.frames.find((f) => f.event === 'customer_page')!;
    expect(first.id).toBeNull(); // id-less: the agent stream's resume point is unchanged
    expect(first.data).toEqual({ conversationId: c.id, handoffIds: [h.id], page: { open: true, at: T0 } });

    // The customer closes the tab at 10:04: told once the grace period has passed.
    rt.clock.now = T0 + 4 * min;
    tab.close();
    expect((await rt.get(hid(h.id), tok(ann))).body.handoff.customerPage).toEqual({ open: true, at: T0 });
    await events.until((f) => f.event === 'customer_page' && f.data.page?.open === false, 'page closed');
    rt.clock.now = T0 + 6 * min;
    const closed = { open: false, at: T0 + 4 * min };
    expect((await rt.get(hid(h.id), tok(ann))).body.handoff.customerPage).toEqual(closed);
    expect(await pageInList(rt, c.id)).toEqual(closed);

    // Back at 10:07 in two tabs.
    rt.clock.now = T0 + 7 * min;
    const tab1 = await openStream(`${url}?token=${encodeURIComponent(c.token)}`, {});
    const tab2 = await openStream(`${url}?token=${encodeURIComponent(c.token)}`, {});
    const back = { open: true, at: T0 + 7 * min, closedAt: T0 + 4 * min };
    await events.until((f) => f.event === 'customer_page' && f.data.page?.open === true && f.data.page.closedAt, 'page back');
    expect((await rt.get(hid(h.id), tok(ann))).body.handoff.customerPage).toEqual(back);
    // One tab closed: the page is still open (the other tab).
    const before = events.frames.length;
    tab1.close();
    await sleep(400);
    expect((await rt.get(hid(h.id), tok(ann))).body.handoff.customerPage).toEqual(back);
    // A reconnect (the stream drops and the widget opens it again within the grace period) is not a close.
    tab2.close();
    const tab3 = await openStream(`${url}?token=${encodeURIComponent(c.token)}`, {});
    await sleep(400);
    expect(events.frames.slice(before).filter((f) => f.event === 'customer_page')).toEqual([]);
    expect(await pageInList(rt, c.id)).toEqual(back);
    tab3.close();
    await events.until((f) => f.event === 'customer_page' && f.data.page?.open === false && f.data.page.at === T0 + 7 * min, 'closed again');
    events.close();
  });

  it("an agent who cannot see the handoff is not told; the Live list shows a bot conversation's page", async () => {
    const other = agent('olga', { teams: ['billing'] });
    const rt = await startAgentRuntime({ agents: [ann, boss, other], flow: flowWithTakeover({ teams: ['support'] }) });
    const olgaEvents = await openStream(`${rt.url}/api/v1/agent/events`, tok(other));
    const bossEvents = await openStream(`${rt.url}/api/v1/agent/events`, tok(boss));
    await online(rt, ann);
    const c = await rt.customerWantsPerson();
    await rt.tick(); // the hub reads the new handoff (baton serve's loop does so every 250 ms)
    const tab = await openPage(rt.url, c);
    await bossEvents.until((f) => f.event === 'customer_page', 'page open (admin)');
    await sleep(200);
    expect(olgaEvents.frames.filter((f) => f.event === 'customer_page')).toEqual([]);
    tab.close();
    olgaEvents.close();
    bossEvents.close();

    // A conversation the bot handles alone: its row in the Live list says whether the page is open.
    const bot = (await rt.post('/api/v1/flows/shop/conversations', {})).body;
    await rt.post(`/api/v1/conversations/${bot.conversationId}/messages`, { text: 'hello' }, auth(bot.token));
    const liveRow = async () => ((await rt.get('/api/v1/agent/conversations?mode=bot', tok(boss))).body.conversations as any[]).find((x) => x.id === bot.conversationId);
    expect((await liveRow()).customerPage).toBeNull();
    const botTab = await openPage(rt.url, { id: bot.conversationId, token: bot.token });
    await botTab.until((f) => f.event === 'message', 'backlog');
    expect((await liveRow()).customerPage).toEqual({ open: true, at: T0 });
    rt.clock.now = T0 + 2 * min;
    botTab.close();
    await sleep(400);
    expect((await liveRow()).customerPage).toEqual({ open: false, at: T0 + 2 * min });
  });

  const haveRedis = requireProgram('redis-server');
  it.skipIf(!haveRedis)("with --redis, an agent on instance A sees the page held by instance B, and B's death as the page closing", async () => {
    const redis = await startTestRedis();
    try {
      const prefix = `cpage-${Date.now()}:`;
      const rts: AgentRuntime[] = [];
      for (let i = 0; i < 2; i++) {
        const store = await RedisStore.connect({ url: redis.url, prefix, warn: () => undefined });
        rts.push(await startAgentRuntime({ agents: [ann, boss], store }));
      }
      const [a, b] = rts;
      await online(a, ann);
      const c = await b.customerWantsPerson();
      await a.tick();
      const events = await openStream(`${a.url}/api/v1/agent/events`, tok(ann));
      const url = `${b.url}/api/v1/conversations/${c.id}/events`;
      const tab = await openStream(`${url}?token=${encodeURIComponent(c.token)}`, {});
      await events.until((f) => f.event === 'customer_page' && f.data.page?.open === true, 'open on B, seen on A');
      expect(await pageInList(a, c.id)).toEqual({ open: true, at: T0 });
      b.clock.now = T0 + 3 * min;
      tab.close();
      await events.until((f) => f.event === 'customer_page' && f.data.page?.open === false, 'closed on B, seen on A');
      expect(await pageInList(a, c.id)).toEqual({ open: false, at: T0 + 3 * min });

      // Back on B; then B dies without a word: once B's heartbeats are older than the TTL, A counts the page closed.
      b.clock.now = T0 + 5 * min;
      await openStream(`${url}?token=${encodeURIComponent(c.token)}`, {});
      await events.until((f) => f.event === 'customer_page' && f.data.page?.open === true && f.data.page.at === T0 + 5 * min, 'back on B');
      await sleep(300); // a few heartbeats from B
      a.clock.now = b.clock.now;
      expect(await pageInList(a, c.id)).toEqual({ open: true, at: T0 + 5 * min, closedAt: T0 + 3 * min });
      await b.stop();
      a.clock.now = b.clock.now + 2_000;
      await events.until((f) => f.event === 'customer_page' && f.data.page?.open === false && f.data.page.at === T0 + 5 * min, 'B gone');
      expect((await pageInList(a, c.id)) as any).toMatchObject({ open: false });
      events.close();
    } finally {
      await stopAgentRuntimes();
      await redis.stop();
    }
  });
});
