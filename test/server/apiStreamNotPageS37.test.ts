/**
 * Session 37 (README "Not finished", from session 35's newcomer pass): a customer who closed the live stream and never
 * called the API again counted as gone: "Customer's page closed", served after everyone who asked later. For a REST or
 * bridge client (it opens /events with its Authorization header, closes it, and waits, e.g. for its webhooks) that was
 * wrong: it never had a page. Only a page's stream (a browser's EventSource, which gives its token in the query: the
 * widget) now tells that a page opened or closed; an API client's stream tells that the customer is there while it is
 * open, and its close says nothing (unknown, as any API client: there). A page closed for good still counts as gone.
 * Real HTTP on 127.0.0.1, a manual clock, the customer-page grace shortened.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { customerPresenceTiming } from '../../runtime/agents/customerPresence';
import { auth } from './runtimeFixtures';
import { agent, autoAssign, flowWithTakeover, handoffOf, hid, online, startAgentRuntime, stopAgentRuntimes, tok, type AgentRuntime } from './agentFixtures';
import { openPage, openStream } from './agentSse';

const ann = agent('ann', { maxChats: 1 });
const saved = { ...customerPresenceTiming };
beforeAll(() => void Object.assign(customerPresenceTiming, { closeGraceMs: 100, heartbeatMs: 100, ttlMs: 1_000 }));
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

/** Ann holds one chat (her only seat); then `first` asks, then `later`; returns once both wait. */
async function twoWaiting(closeFirst: (rt: AgentRuntime, c: { id: string; token: string }) => Promise<void>) {
  const rt = await startAgentRuntime({ agents: [ann], flow: flow() });
  await online(rt, ann);
  const held = await rt.customerWantsPerson();
  await ticks(rt);
  expect((await handoffOf(rt, held.id)).status).toBe('assigned');
  const first = await rt.customerWantsPerson();
  await closeFirst(rt, first);
  await sleep(300); // a page's close is told after the (shortened) grace
  await ticks(rt);
  rt.clock.now += 5_000;
  const later = await rt.customerWantsPerson();
  await ticks(rt);
  return { rt, held, first, later };
}

describe("an API client's push stream is not a page (session 37)", () => {
  it('a REST client that closed /events and never called again keeps its place and gets the freed seat', async () => {
    const { rt, held, first, later } = await twoWaiting(async (r, c) => {
      const stream = await openStream(`${r.url}/api/v1/conversations/${c.id}/events`, auth(c.token));
      await ticks(r);
      stream.close();
    });
    const rows = await unassigned(rt);
    expect(rows.map((r) => r.conversationId)).toEqual([first.id, later.id]);
    expect(rows[0].customerPage).toBeNull(); // unknown, as any API client: no "page closed"
    expect((await rt.post(`${hid((await handoffOf(rt, held.id)).id)}/resolve`, {}, tok(ann))).status).toBe(200);
    await ticks(rt);
    expect((await handoffOf(rt, first.id)).status).toBe('assigned');
    expect((await handoffOf(rt, later.id)).status).toBe('pending');
  });

  it('a chat page closed for good (the widget: token in the query) still counts as gone', async () => {
    const { rt, first, later } = await twoWaiting(async (r, c) => {
      const page = await openPage(r.url, c);
      await ticks(r);
      page.close();
    });
    const rows = await unassigned(rt);
    expect(rows.map((r) => r.conversationId)).toEqual([later.id, first.id]);
    expect(rows[1].customerPage).toMatchObject({ open: false });
  });
});
