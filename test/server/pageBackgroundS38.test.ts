/**
 * Session 38 (README "Not finished", newcomer s35 rest): a phone browser that freezes the widget's page in the
 * background closes its push stream as a page closed for good would, so the customer counted as gone ("Customer's page
 * closed", served after everyone who asked later). The widget now says when its page goes to the background (hidden,
 * frozen, back-forward cache), comes back, or is closing for good: POST /api/v1/conversations/:id/page. A page closed
 * while in the background is shown as such (customerPage.backgroundAt) and keeps its place; a page closing for good
 * (or back in the foreground before its stream closed) still counts as gone.
 * Real HTTP on 127.0.0.1, a manual clock, the customer-page grace shortened.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { customerPresenceTiming } from '../../runtime/agents/customerPresence';
import { auth } from './runtimeFixtures';
import { agent, autoAssign, flowWithTakeover, handoffOf, hid, online, startAgentRuntime, stopAgentRuntimes, tok, type AgentRuntime } from './agentFixtures';
import { openPage } from './agentSse';

const ann = agent('ann', { maxChats: 1 });
const saved = { ...customerPresenceTiming };
beforeAll(() => void Object.assign(customerPresenceTiming, { closeGraceMs: 100, heartbeatMs: 100, ttlMs: 1_000, backgroundGoneMs: 60_000 }));
afterAll(() => void Object.assign(customerPresenceTiming, saved));
afterEach(stopAgentRuntimes);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const flow = () => flowWithTakeover({ ...autoAssign('round_robin', 1), queueTimeoutMinutes: 600 });
async function ticks(rt: AgentRuntime, n = 3, stepMs = 300) {
  for (let i = 0; i < n; i++) {
    rt.clock.now += stepMs;
    await rt.tick();
  }
}
const unassigned = async (rt: AgentRuntime): Promise<Array<{ conversationId: string; customerPage: any }>> =>
  (await rt.get('/api/v1/agent/handoffs?view=unassigned', tok(ann))).body.handoffs;
const say = (rt: AgentRuntime, c: { id: string; token: string }, state: string) => rt.post(`/api/v1/conversations/${c.id}/page`, { state }, auth(c.token));

/** Ann holds one chat (her only seat); `first` asks with its page open, then `page` runs, then `later` asks. */
async function twoWaiting(page: (rt: AgentRuntime, c: { id: string; token: string }, close: () => void) => Promise<void>) {
  const rt = await startAgentRuntime({ agents: [ann], flow: flow() });
  await online(rt, ann);
  const held = await rt.customerWantsPerson();
  await ticks(rt);
  expect((await handoffOf(rt, held.id)).status).toBe('assigned');
  const first = await rt.customerWantsPerson();
  const stream = await openPage(rt.url, first);
  await ticks(rt);
  await page(rt, first, () => stream.close());
  await sleep(300); // a page's close is told after the (shortened) grace
  await ticks(rt);
  rt.clock.now += 5_000;
  const later = await rt.customerWantsPerson();
  await ticks(rt);
  return { rt, held, first, later };
}

describe('a page frozen in the background is not a page closed for good (session 38)', () => {
  it('background, then the stream closes: shown in the background, keeps its place, gets the freed seat', async () => {
    const { rt, held, first, later } = await twoWaiting(async (r, c, close) => {
      expect((await say(r, c, 'background')).body).toEqual({ ok: true });
      close();
    });
    const rows = await unassigned(rt);
    expect(rows.map((x) => x.conversationId)).toEqual([first.id, later.id]);
    expect(rows[0].customerPage).toMatchObject({ open: false, backgroundAt: expect.any(Number) });
    expect(rows[0].customerPage.backgroundAt).toBeLessThanOrEqual(rows[0].customerPage.at);
    expect((await rt.post(`${hid((await handoffOf(rt, held.id)).id)}/resolve`, {}, tok(ann))).status).toBe(200);
    await ticks(rt);
    expect((await handoffOf(rt, first.id)).status).toBe('assigned');
    expect((await handoffOf(rt, later.id)).status).toBe('pending');
  });

  it('background, then closing for good (a tab closed while hidden): gone, served after the later customer', async () => {
    const { rt, first, later } = await twoWaiting(async (r, c, close) => {
      await say(r, c, 'background');
      await say(r, c, 'closing');
      close();
    });
    const rows = await unassigned(rt);
    expect(rows.map((x) => x.conversationId)).toEqual([later.id, first.id]);
    expect(rows[1].customerPage).toMatchObject({ open: false });
    expect(rows[1].customerPage.backgroundAt).toBeUndefined();
  });

  it('back in the foreground before the stream closed: a close then is a departure again', async () => {
    const { rt, first, later } = await twoWaiting(async (r, c, close) => {
      await say(r, c, 'background');
      await say(r, c, 'foreground');
      close();
    });
    expect((await unassigned(rt)).map((x) => x.conversationId)).toEqual([later.id, first.id]);
  });

  it('the page comes back (its stream opens again): open, and nothing stays in the background', async () => {
    const { rt, first } = await twoWaiting(async (r, c, close) => {
      await say(r, c, 'background');
      close();
    });
    const again = await openPage(rt.url, first);
    expect((await say(rt, first, 'foreground')).status).toBe(200);
    await ticks(rt);
    const row = (await unassigned(rt)).find((x) => x.conversationId === first.id)!;
    expect(row.customerPage).toMatchObject({ open: true });
    again.close();
    await sleep(300);
    await ticks(rt);
    const closed = (await unassigned(rt)).find((x) => x.conversationId === first.id)!;
    expect(closed.customerPage).toMatchObject({ open: false });
    expect(closed.customerPage.backgroundAt).toBeUndefined();
  });

  it('session 39: in the background past the limit with its connection closed (a phone killed it): gone until it comes back', async () => {
    const { rt, first, later } = await twoWaiting(async (r, c, close) => {
      await say(r, c, 'background');
      close();
    });
    // Within the limit (60 s here, 10 minutes by default): still in front.
    rt.clock.now += 50_000;
    await ticks(rt, 1);
    expect((await unassigned(rt)).map((x) => x.conversationId)).toEqual([first.id, later.id]);
    // Past it: served after the customer who is there, and shown as such (backgroundAt kept, backgroundGone).
    rt.clock.now += 15_000;
    await ticks(rt, 1);
    const rows = await unassigned(rt);
    expect(rows.map((x) => x.conversationId)).toEqual([later.id, first.id]);
    expect(rows[1].customerPage).toMatchObject({ open: false, backgroundAt: expect.any(Number), backgroundGone: true });
    // The page comes back: its place again, nothing gone.
    const again = await openPage(rt.url, first);
    await say(rt, first, 'foreground');
    await ticks(rt, 1);
    const back = await unassigned(rt);
    expect(back.map((x) => x.conversationId)).toEqual([first.id, later.id]);
    expect(back[0].customerPage).toMatchObject({ open: true });
    expect(back[0].customerPage.backgroundGone).toBeUndefined();
    again.close();
  });

  it('refuses a wrong token and an unknown state', async () => {
    const rt = await startAgentRuntime({ agents: [ann], flow: flow() });
    const c = await rt.customerWantsPerson();
    expect((await rt.post(`/api/v1/conversations/${c.id}/page`, { state: 'background' }, auth('not-the-token'))).status).toBe(401);
    const bad = await say(rt, c, 'asleep');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('state');
  });
});
