/**
 * Session 44 (tidy; review of session 43, hostq's L5 guard): an admin's two transfers of one chat at once, sent to two
 * `baton serve` instances sharing one real Redis. Session 43's guard (a transfer done after another one's request
 * arrived refuses that request) numbered the actions per process, so the two instances could both apply theirs: the
 * chat moved to Bob, then to Cat, and the customer heard two transfers. The race runs ROUNDS times, each time through
 * both instances (A to one colleague, B to the other, B's request 0-3 ms after A's): exactly one is applied (200), the
 * other is refused (409, "transferred while your transfer waited"), the customer hears one transfer and the chat is with
 * the winner on both instances. A deliberate later move through the other instance still goes through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStore } from '../../runtime/store/redisStore';
import { requireProgram } from '../support/requireProgram';
import { startTestRedis, type TestRedis } from './redisServer';
import { auth } from './runtimeFixtures';
import { agent, flowWithTakeover, handoffOf, hid, startAgentRuntime, tok, type AgentRuntime } from './agentFixtures';

const haveRedis = requireProgram('redis-server');
const ann = agent('ann', { admin: true, maxChats: 100 });
const bob = agent('bob', { maxChats: 100 });
const cat = agent('cat', { maxChats: 100 });
const STAY = { offlineAfterSeconds: 3600 };
const ROUNDS = 12;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!haveRedis)("an admin's two simultaneous transfers through two instances on one Redis", () => {
  let redis: TestRedis;
  const instances: AgentRuntime[] = [];
  let a: AgentRuntime;
  let b: AgentRuntime;
  beforeAll(async () => {
    redis = await startTestRedis();
    const prefix = `transfer-${Date.now()}:`;
    for (let i = 0; i < 2; i++) {
      const store = await RedisStore.connect({ url: redis.url, prefix, warn: () => undefined });
      instances.push(await startAgentRuntime({ agents: [ann, bob, cat], settings: STAY, flow: flowWithTakeover({ queueTimeoutMinutes: 60 }), store }));
    }
    [a, b] = instances;
    for (const x of [ann, bob, cat]) expect((await a.post('/api/v1/agent/presence', { status: 'online' }, tok(x))).status).toBe(200);
    // Presence is shared through Redis: B sees all three online (pub/sub at once, or the shared hash on a later tick).
    for (const x of [ann, bob, cat]) {
      let status = '';
      for (let i = 0; i < 60 && status !== 'online'; i++) {
        status = (await b.get('/api/v1/agent/me', tok(x))).body.status;
        if (status !== 'online') await sleep(50);
      }
      expect(status).toBe('online');
    }
  }, 60_000);
  afterAll(async () => {
    for (const r of instances) await r.stop();
    await redis?.stop();
  });

  it(`exactly one of two concurrent transfers is applied, ${ROUNDS} times over`, async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const c = await a.customerWantsPerson();
      const h = await handoffOf(a, c.id);
      expect((await a.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(200);
      // B reads the handoff as Ann's (its next read of the shared handoffs) before the race starts.
      for (let k = 0; k < 60 && (await handoffOf(b, c.id))?.agentId !== 'ann'; k++) await sleep(50);
      const [first, second] = i % 2 === 0 ? ['bob', 'cat'] : ['cat', 'bob'];
      const [r1, r2] = await Promise.all([
        a.post(`${hid(h.id)}/transfer`, { agentId: first }, tok(ann)),
        sleep(i % 4).then(() => b.post(`${hid(h.id)}/transfer`, { agentId: second }, tok(ann))),
      ]);
      outcomes.push([r1.status, r2.status].sort().join('+'));
      const said = ((await a.get(`/api/v1/conversations/${c.id}`, auth(c.token))).body.messages as any[]).map((m) => m.text).join('\n');
      expect(said.match(/is transferring you to|is taking over your chat from|Your chat is moving from/g), `round ${i}: ${r1.status} ${JSON.stringify(r1.body)} / ${r2.status} ${JSON.stringify(r2.body)}\n${said}`).toHaveLength(1);
      const winner = r1.status === 200 ? first : second;
      expect(await handoffOf(a, c.id)).toMatchObject({ status: 'assigned', agentId: winner });
      const refused = r1.status === 200 ? r2 : r1;
      expect(refused.status).toBe(409);
      expect(refused.body.message).toMatch(/transferred while your transfer waited: it is now with (Bob|Cat)/i);
    }
    expect(outcomes).toEqual(Array(ROUNDS).fill('200+409'));
  }, 180_000);

  // Session 45 (tidy2, review of s44): the "already done" answer to a double click was per instance (agentRoutes'
  // doneTransfers): a repeat that reached the other instance was refused as "transferred while your transfer waited". The
  // last done transfer is now kept in Redis too. Before the change: '200+409' every round.
  it('a double click through the two instances (the same transfer twice at once): one transfer, the repeat answered as done', async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < 6; i++) {
      const c = await a.customerWantsPerson();
      const h = await handoffOf(a, c.id);
      expect((await a.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(200);
      for (let k = 0; k < 60 && (await handoffOf(b, c.id))?.agentId !== 'ann'; k++) await sleep(50);
      const to = i % 2 === 0 ? 'bob' : 'cat';
      const [r1, r2] = await Promise.all([a.post(`${hid(h.id)}/transfer`, { agentId: to }, tok(ann)), sleep(i % 3).then(() => b.post(`${hid(h.id)}/transfer`, { agentId: to }, tok(ann)))]);
      outcomes.push([r1.status, r2.status].join('+'));
      expect([r1.body.alreadyDone, r2.body.alreadyDone].filter(Boolean), `round ${i}: ${JSON.stringify(r1.body)} / ${JSON.stringify(r2.body)}`).toHaveLength(1);
      const said = ((await a.get(`/api/v1/conversations/${c.id}`, auth(c.token))).body.messages as any[]).map((m) => m.text).join('\n');
      expect(said.match(/is transferring you to|is taking over your chat from|Your chat is moving from/g)).toHaveLength(1);
      expect(await handoffOf(a, c.id)).toMatchObject({ status: 'assigned', agentId: to });
    }
    expect(outcomes).toEqual(Array(6).fill('200+200'));
  }, 120_000);

  it('a deliberate second move through the other instance, sent after the first was answered, still goes through', async () => {
    const c = await a.customerWantsPerson();
    const h = await handoffOf(a, c.id);
    expect((await a.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(200);
    expect((await a.post(`${hid(h.id)}/transfer`, { agentId: 'bob' }, tok(ann))).status).toBe(200);
    for (let k = 0; k < 60 && (await handoffOf(b, c.id))?.agentId !== 'bob'; k++) await sleep(50);
    const second = await b.post(`${hid(h.id)}/transfer`, { agentId: 'cat' }, tok(ann));
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    expect(await handoffOf(a, c.id)).toMatchObject({ status: 'assigned', agentId: 'cat' });
  }, 60_000);
});
