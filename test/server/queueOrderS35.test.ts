/**
 * Newcomer s35 #2 over real HTTP: the queue kept "oldest first" only for customers holding a push stream.
 * (Session 37: the streams below are pages' streams, token in the query, as the widget opens them; a stream opened
 * with the Authorization header is an API client's and never counts as a page closed: apiStreamNotPageS37.)
 * - A REST customer who had opened /events once and closed it was served after everyone who asked later, although
 *   they kept reading the conversation through the API. A customer API call after the page closed now counts as
 *   being there (customerPage.activeAt), so they keep their place.
 * - After a restart, every customer whose page had not reconnected was shown "Page closed" and moved back, REST
 *   customers who never had a page among them. A page known closed only from the restart keeps its place; a customer
 *   who calls the API after the restart is simply unknown (an API client), not "closed".
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { customerPresenceTiming } from '../../runtime/agents/customerPresence';
import { auth } from './runtimeFixtures';
import { agent, autoAssign, flowWithTakeover, handoffOf, hid, online, startAgentRuntime, stopAgentRuntimes, tok, type AgentRuntime } from './agentFixtures';
import { openPage } from './agentSse';

const ann = agent('ann', { maxChats: 1 });
const T0 = Date.parse('2026-11-30T10:00:00Z');
const saved = { ...customerPresenceTiming };
const dirs: string[] = [];
beforeAll(() => void Object.assign(customerPresenceTiming, { closeGraceMs: 100, heartbeatMs: 100, ttlMs: 1_000 }));
afterAll(() => void Object.assign(customerPresenceTiming, saved));
afterEach(async () => {
  await stopAgentRuntimes();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const flow = () => flowWithTakeover({ ...autoAssign('round_robin', 1), queueTimeoutMinutes: 600 });

async function ticks(rt: AgentRuntime, n = 3, stepMs = 300) {
  for (let i = 0; i < n; i++) {
    rt.clock.now += stepMs;
    await rt.tick();
  }
}

async function unassigned(rt: AgentRuntime): Promise<Array<{ conversationId: string; customerPage: any; queue?: { position: number } }>> {
  return (await rt.get('/api/v1/agent/handoffs?view=unassigned', tok(ann))).body.handoffs;
}

describe('oldest first holds for customers of the REST API (newcomer s35 #2)', () => {
  it('a customer who closed /events but still reads the conversation keeps their place and gets the next seat', async () => {
    const rt = await startAgentRuntime({ agents: [ann], flow: flow() });
    await online(rt, ann);
    const held = await rt.customerWantsPerson();
    await ticks(rt);
    expect((await handoffOf(rt, held.id)).status).toBe('assigned');

    // Ada (REST) asks first, opens the push channel for a moment and closes it.
    const ada = await rt.customerWantsPerson();
    const tab = await openPage(rt.url, ada);
    await ticks(rt);
    tab.close();
    await sleep(300); // the close is told after the grace period (shortened here)
    await ticks(rt);
    expect((await unassigned(rt))[0].customerPage.open).toBe(false);
    // She keeps polling the conversation, as a REST client does.
    rt.clock.now += 5_000;
    expect((await rt.get(`/api/v1/conversations/${ada.id}`, auth(ada.token))).status).toBe(200);
    const polledAt = rt.clock.now;

    // Bob (REST, no stream) asks 5 s later.
    rt.clock.now += 5_000;
    const bob = await rt.customerWantsPerson();
    await ticks(rt);
    const rows = await unassigned(rt);
    expect(rows.map((r) => r.conversationId)).toEqual([ada.id, bob.id]);
    expect(rows.map((r) => r.queue?.position)).toEqual([1, 2]);
    expect(rows[0].customerPage).toMatchObject({ open: false, activeAt: polledAt });

    // The seat frees up: Ada, who asked first, gets it.
    expect((await rt.post(`${hid((await handoffOf(rt, held.id)).id)}/resolve`, {}, tok(ann))).status).toBe(200);
    await ticks(rt);
    expect((await handoffOf(rt, ada.id)).status).toBe('assigned');
    expect((await handoffOf(rt, bob.id)).status).toBe('pending');
  });

  it('a customer who closed the page and made no call since is still served after those who are there', async () => {
    const rt = await startAgentRuntime({ agents: [ann], flow: flow() });
    await online(rt, ann);
    await rt.customerWantsPerson();
    await ticks(rt);
    const ray = await rt.customerWantsPerson();
    const tab = await openPage(rt.url, ray);
    await ticks(rt);
    // A message sent while the page was open is no proof of presence after the close.
    expect((await rt.post(`/api/v1/conversations/${ray.id}/messages`, { text: 'still waiting' }, auth(ray.token))).status).toBe(200);
    tab.close();
    await sleep(300);
    rt.clock.now += 5_000;
    const quinn = await rt.customerWantsPerson();
    await ticks(rt);
    const rows = await unassigned(rt);
    expect(rows.map((r) => r.conversationId)).toEqual([quinn.id, ray.id]);
    expect(rows[1].customerPage.activeAt).toBeUndefined();
  });
});

describe('a restart does not move everyone back (newcomer s35 #2)', () => {
  it('the oldest waiting customer stays first although no page of theirs has connected since the restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-queue-restart-'));
    dirs.push(dir);
    let rt = await startAgentRuntime({ agents: [ann], flow: flow(), dir });
    rt.clock.now = T0 - 60 * 60_000; // the first run: 09:00; the restart: 10:00 (T0, each runtime's clock starts there)
    await online(rt, ann);
    await rt.customerWantsPerson();
    await ticks(rt);
    const old = await rt.customerWantsPerson(); // REST, never a page
    rt.clock.now += 60_000;
    const later = await rt.customerWantsPerson(); // a widget: the page is open
    const tab = await openPage(rt.url, later);
    await ticks(rt);
    expect((await unassigned(rt)).map((r) => r.conversationId)).toEqual([old.id, later.id]);
    tab.close();
    await rt.stop();

    rt = await startAgentRuntime({ agents: [ann], flow: flow(), dir });
    await online(rt, ann);
    const back = await openPage(rt.url, later);
    rt.clock.now = T0 + 60_000; // the restart's grace period is over
    let rows = await unassigned(rt);
    for (const end = Date.now() + 10_000; Date.now() < end && rows.some((r) => r.customerPage === null); ) {
      await sleep(50);
      await rt.tick();
      rows = await unassigned(rt);
    }
    expect(rows.map((r) => [r.conversationId, r.customerPage])).toEqual([
      [old.id, { open: false, at: T0, beforeRestart: true }],
      [later.id, { open: true, at: T0 }],
    ]);
    expect(rows.map((r) => r.queue?.position)).toEqual([1, 2]);

    // The old customer reads the conversation: an API client, unknown, not "not seen since the restart".
    expect((await rt.get(`/api/v1/conversations/${old.id}`, auth(old.token))).status).toBe(200);
    expect((await unassigned(rt)).find((r) => r.conversationId === old.id)?.customerPage).toBeNull();
    back.close();
  });
});
