/**
 * Session 37 (newcomer s35, the put-back memory; seen in session 36's CI): an auto-assigned chat Ann did not open in
 * time went back to Unassigned and her inbox said "it won't come back to you by itself". After a restart of
 * `baton serve` the hub gave it to her again at her next sign-in: who declined a chat was kept in memory only (with the
 * embedded store). It is now read again from the handoff's stored history (agentHub declinedOf), so it survives a
 * restart with the embedded store, with `--workers` (shards) and with Redis. A chat she gave back by going offline or
 * signing out is not a refusal: after a restart it may still go to her again, as before one.
 * Real HTTP on 127.0.0.1, a manual clock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RedisStore } from '../../runtime/store/redisStore';
import { requireProgram } from '../support/requireProgram';
import { agent, autoAssign, flowWithTakeover, handoffOf, hid, online, startAgentRuntime, stopAgentRuntimes, tok, type AgentRuntime } from './agentFixtures';
import { startTestRedis, type TestRedis } from './redisServer';

afterEach(stopAgentRuntimes);
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The agents stay online through the test (no inactivity timeout in the minutes the clock moves). */
const STAY = { offlineAfterSeconds: 3600 };
const ann = agent('ann', { name: 'Ann' });
const boss = agent('boss', { name: 'Boss', admin: true });
const flow = () => flowWithTakeover({ ...autoAssign('least_busy', 3), queueTimeoutMinutes: 60 });

async function ticks(rt: AgentRuntime, n: number, stepMs = 1_000) {
  for (let i = 0; i < n; i++) {
    rt.clock.now += stepMs;
    await rt.tick();
  }
}

type Start = (clockStart?: number) => Promise<AgentRuntime>;
function embedded(workers?: number): Start {
  const dir = mkdtempSync(join(tmpdir(), 'baton-putback-restart-'));
  dirs.push(dir);
  return (clockStart) => startAgentRuntime({ agents: [ann, boss], settings: STAY, flow: flow(), dir, ...(workers !== undefined ? { workers } : {}), ...(clockStart !== undefined ? { clockStart } : {}) });
}

/** Ann does not open the chat auto-assigned to her: after notOpenedAfterMinutes (2) it goes back to Unassigned. */
async function notOpenedByAnn(rt: AgentRuntime) {
  await online(rt, ann);
  const sam = await rt.customerWantsPerson();
  await ticks(rt, 2);
  expect(await handoffOf(rt, sam.id, boss)).toMatchObject({ status: 'assigned', agentId: 'ann' });
  rt.clock.now += 121_000;
  await ticks(rt, 3);
  // Session 41 (hostile s40 M9): nobody else can take it, so it is offered to her once more; not opened again, it stays
  // in the queue and is not given to her a third time.
  expect(await handoffOf(rt, sam.id, boss)).toMatchObject({ status: 'assigned', agentId: 'ann', joined: false });
  rt.clock.now += 121_000;
  await ticks(rt, 3);
  const back = await handoffOf(rt, sam.id, boss);
  expect(back).toMatchObject({ status: 'pending', putBack: { byId: 'ann', why: 'not_opened' } });
  return sam;
}

async function restartedKeepsItFromAnn(start: Start) {
  let rt = await start();
  const sam = await notOpenedByAnn(rt);
  // She declines another one by hand (the inbox's "Give back"): not offered to her again either.
  const lee = await rt.customerWantsPerson();
  await ticks(rt, 2);
  const leeH = await handoffOf(rt, lee.id, boss);
  expect(leeH).toMatchObject({ status: 'assigned', agentId: 'ann' });
  expect((await rt.post(`${hid(leeH.id)}/reject`, {}, tok(ann))).status).toBe(200);
  await ticks(rt, 2);
  expect(await handoffOf(rt, lee.id, boss)).toMatchObject({ status: 'pending' });
  const at = rt.clock.now;
  await rt.stop();

  rt = await start(at + 5_000);
  // She signs in again after the restart (her inbox sets her online): neither chat is given to her.
  await online(rt, ann);
  await ticks(rt, 10);
  expect(await handoffOf(rt, sam.id, boss)).toMatchObject({ status: 'pending', agentId: null });
  expect(await handoffOf(rt, lee.id, boss)).toMatchObject({ status: 'pending', agentId: null });
  // Still hers to take from Unassigned.
  const h = await handoffOf(rt, sam.id, boss);
  expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(200);
  expect(await handoffOf(rt, sam.id, boss)).toMatchObject({ status: 'assigned', agentId: 'ann' });
}

describe('the put-back memory survives a restart (session 37)', () => {
  it('embedded store: a chat Ann did not open in time, or declined, is not given to her again after a restart', async () => {
    await restartedKeepsItFromAnn(embedded());
  }, 90_000);

  it('--workers 2 (shards): the same', async () => {
    await restartedKeepsItFromAnn(embedded(2));
  }, 120_000);

  it('a chat she gave back by going offline is not a refusal: after a restart it is hers again when she is back', async () => {
    const start = embedded();
    let rt = await start();
    await online(rt, ann);
    const sam = await rt.customerWantsPerson();
    await ticks(rt, 2);
    expect(await handoffOf(rt, sam.id, boss)).toMatchObject({ status: 'assigned', agentId: 'ann' });
    // Session 41 (newcomer s40 N2): the boss is signed in (busy), so the chat waits (with nobody else it would leave by No agent).
    expect((await rt.post('/api/v1/agent/presence', { status: 'busy' }, tok(boss))).status).toBe(200);
    expect((await rt.post('/api/v1/agent/presence', { status: 'offline', chats: 'requeue' }, tok(ann))).body).toMatchObject({ requeued: 1 });
    expect(await handoffOf(rt, sam.id, boss)).toMatchObject({ status: 'pending' });
    const at = rt.clock.now;
    await rt.stop();
    rt = await start(at + 5_000);
    await online(rt, ann);
    await ticks(rt, 5);
    expect(await handoffOf(rt, sam.id, boss)).toMatchObject({ status: 'assigned', agentId: 'ann' });
  }, 30_000);
});

const haveRedis = requireProgram('redis-server');
describe.skipIf(!haveRedis)('the put-back memory with Redis (two instances, then a new one)', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startTestRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('every instance restarted: the chat Ann did not open is not given to her again', async () => {
    const prefix = `putback-${Date.now()}:`;
    const start: Start = async (clockStart) =>
      startAgentRuntime({ agents: [ann, boss], settings: STAY, flow: flow(), store: await RedisStore.connect({ url: redis.url, prefix, warn: () => undefined }), ...(clockStart !== undefined ? { clockStart } : {}) });
    const a = await start();
    const sam = await notOpenedByAnn(a);
    const at = a.clock.now;
    await a.stop();
    const b = await start(at + 5_000);
    await online(b, ann);
    await ticks(b, 10);
    expect(await handoffOf(b, sam.id, boss)).toMatchObject({ status: 'pending', agentId: null });
  }, 30_000);
});
