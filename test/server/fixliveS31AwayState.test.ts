/**
 * Session 31, live (review debt of hostile s28 H12): after a restart the hub learnt whether the customer of a held chat
 * had been told its agent was away by reading the conversation's log for the exact wording ("We're reconnecting you
 * with Ann. ..."). The state is kept with the conversation now (ConversationRecord.agentAway: handoff, agent, when,
 * which line) and read from there: a change of the agent's name between two starts (or of the wording in an upgrade)
 * made the old reading miss the line, so the customer was told again and the away grace started again. Embedded store
 * and --redis (a second process on the same Redis takes over).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RedisStore } from '../../runtime/store/redisStore';
import { requireProgram } from '../support/requireProgram';
import { agent, autoAssign, flowWithTakeover, handoffOf, hid, online, startAgentRuntime, stopAgentRuntimes, tok, type AgentRuntime } from './agentFixtures';
import { openStream } from './agentSse';
import { startTestRedis, type TestRedis } from './redisServer';
import { auth } from './runtimeFixtures';

afterEach(stopAgentRuntimes);

const ann = agent('ann', { name: 'Ann', maxChats: 1 });
const boss = agent('boss', { name: 'Boss', admin: true });
const flow = () => flowWithTakeover({ ...autoAssign('least_busy', 3), queueTimeoutMinutes: 30 });
const settings = { awayGraceMinutes: 1 };
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const customerSaw = async (rt: AgentRuntime, c: { id: string; token: string }) =>
  ((await rt.get(`/api/v1/conversations/${c.id}`, auth(c.token))).body.messages as Array<{ text: string }>).map((m) => String(m.text));
const AWAY = /^(We're reconnecting you with|.* has stepped away)/;

async function ticks(rt: AgentRuntime, ms: number, step = 5_000) {
  for (let t = 0; t < ms; t += step) {
    rt.clock.now += step;
    await rt.tick();
  }
}

/** Ann holds Sam's chat and has answered it; then she goes (her inbox closes for good) and the server stops. */
async function annAnswersThenGoes(o: { dir?: string; store?: RedisStore }) {
  const rt = await startAgentRuntime({ agents: [ann, boss], flow: flow(), settings, ...o });
  const stream = await openStream(`${rt.url}/api/v1/agent/events`, tok(ann));
  await online(rt, ann);
  const sam = await rt.customerWantsPerson();
  await rt.tick();
  const h = await handoffOf(rt, sam.id, boss);
  expect([h.status, h.agentId]).toEqual(['assigned', 'ann']);
  expect((await rt.post(`${hid(h.id)}/messages`, { text: 'Hi Sam, Ann here.' }, tok(ann))).status).toBe(200);
  stream.close();
  return { rt, sam, h };
}

describe('review of hostile s28 H12: "the customer was told she is away" is state, not wording read back', () => {
  it('embedded: stored with the conversation; after a restart with her name changed it is not said again and the grace counts from it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-away-state-'));
    dirs.push(dir);
    const first = await annAnswersThenGoes({ dir });
    await first.rt.stop();
    // Start 1 (she is gone): after the restart's quiet 30 s, "reconnecting", kept with the conversation.
    let rt = await startAgentRuntime({ agents: [ann, boss], flow: flow(), dir, settings, clockStart: first.rt.clock.now + 1_000 });
    await ticks(rt, 40_000);
    expect((await customerSaw(rt, first.sam)).filter((t) => AWAY.test(t))).toEqual(["We're reconnecting you with Ann. Please stay with us: your chat stays with Ann."]);
    const kept = (await rt.store.getConversation(first.sam.id))!.agentAway;
    expect(kept).toMatchObject({ handoffId: first.h.id, agentId: 'ann', reconnecting: true });
    const toldAt = kept!.at;
    const clock = rt.clock.now + 1_000;
    await rt.stop();

    // Start 2: the agents file now names her "Ann Lee" (the words in the log no longer match). Not told again; the
    // grace (1 min) counts from the line, so the chat goes back to the queue within it.
    const annLee = agent('ann', { name: 'Ann Lee', maxChats: 1 });
    rt = await startAgentRuntime({ agents: [annLee, boss], flow: flow(), dir, settings, clockStart: clock });
    await ticks(rt, 60_000);
    const said = await customerSaw(rt, first.sam);
    expect(said.filter((t) => AWAY.test(t))).toHaveLength(1);
    expect(rt.clock.now - toldAt).toBeGreaterThan(60_000);
    expect((await handoffOf(rt, first.sam.id, boss)).status).toBe('pending');
  }, 60_000);

  it('embedded, control: she comes back: "connected again", and the kept state is gone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-away-state-'));
    dirs.push(dir);
    const first = await annAnswersThenGoes({ dir });
    await first.rt.stop();
    const rt = await startAgentRuntime({ agents: [ann, boss], flow: flow(), dir, settings, clockStart: first.rt.clock.now + 1_000 });
    await ticks(rt, 35_000);
    expect((await rt.store.getConversation(first.sam.id))!.agentAway).toMatchObject({ agentId: 'ann' });
    const again = await openStream(`${rt.url}/api/v1/agent/events`, tok(ann));
    await online(rt, ann);
    await ticks(rt, 2_000, 1_000);
    const said = await customerSaw(rt, first.sam);
    expect(said[said.length - 1]).toBe("You're connected with Ann again.");
    expect((await rt.store.getConversation(first.sam.id))!.agentAway).toBeUndefined();
    again.close();
  }, 60_000);
});

const haveRedis = requireProgram('redis-server');
describe.skipIf(!haveRedis)('--redis: the away state is read by the next process on the same Redis', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startTestRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('told once across a restart, the grace counting from it; the kept state is in Redis', async () => {
    const prefix = `away-${Date.now()}:`;
    const connect = () => RedisStore.connect({ url: redis.url, prefix, warn: () => undefined });
    const first = await annAnswersThenGoes({ store: await connect() });
    // Her inbox closed: after the grace's first seconds the customer is told she stepped away (kept in Redis).
    await ticks(first.rt, 10_000, 1_000);
    expect((await customerSaw(first.rt, first.sam)).filter((t) => AWAY.test(t))).toHaveLength(1);
    const kept = (await first.rt.store.getConversation(first.sam.id))!.agentAway;
    expect(kept).toMatchObject({ handoffId: first.h.id, agentId: 'ann', reconnecting: false });
    const clock = first.rt.clock.now + 1_000;
    await first.rt.stop();

    const annLee = agent('ann', { name: 'Ann Lee', maxChats: 1 });
    const rt = await startAgentRuntime({ agents: [annLee, boss], flow: flow(), settings: { ...settings, offlineAfterSeconds: 5 }, store: await connect(), clockStart: clock });
    await ticks(rt, 60_000);
    expect((await customerSaw(rt, first.sam)).filter((t) => AWAY.test(t))).toHaveLength(1);
    expect((await handoffOf(rt, first.sam.id, boss)).status).toBe('pending');
  }, 60_000);
});
