/**
 * `baton serve --workers N --agents FILE` (session 7): customer messages are stepped in worker threads, the agent
 * hub stays on the main thread. What differs from the unsharded runtime, over real HTTP with 2 shards:
 * - the engine in each shard sees the hub's presence and queue (ctx.agents, ctx.queue) as they are when the
 *   message arrives: nobody online -> no_agent at once; someone online -> the chat waits, with the wait estimate
 *   counting the chats ahead on the other shard too;
 * - a shard's worker that stopped and was started again is told the presence before its first message;
 * - /readyz answers 503 when a shard's writes fail (each shard writes its own commits), 200 again once they work.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Worker } from 'node:worker_threads';
import { ownerOf } from '../../runtime/shard/shardProtocol';
import type { ShardedStore } from '../../runtime/shard/shardPool';
import { auth, startTestRuntime, type TestRuntime } from './runtimeFixtures';
import { agent, tok } from './agentFixtures';

const ann = agent('ann');
const NOBODY = 'Nobody is free right now; we will email you.';
let rt: TestRuntime | null = null;
afterEach(async () => {
  await rt?.stop();
  rt = null;
});

/** A new conversation whose id the given shard (of 2) owns. */
async function conversationOn(r: TestRuntime, shard: number): Promise<{ id: string; token: string }> {
  for (let i = 0; i < 50; i++) {
    const c = await r.post('/api/v1/flows/shop/conversations', {});
    expect(c.status).toBe(201);
    if (ownerOf(c.body.conversationId, 2) === shard) return { id: c.body.conversationId, token: c.body.token };
  }
  throw new Error(`no conversation landed on shard ${shard} in 50 tries`);
}

async function askForPerson(r: TestRuntime, c: { id: string; token: string }) {
  const res = await r.post(`/api/v1/conversations/${c.id}/messages`, { choice: 'person' }, auth(c.token));
  expect(res.status).toBe(200);
  return res.body as { mode: string; messages: Array<{ text?: string }> };
}

const told = (reply: { messages: Array<{ text?: string }> }, text: string) => reply.messages.some((m) => m.text === text);
const waits = (reply: { messages: Array<{ text?: string }> }) => reply.messages.flatMap((m) => [...String(m.text ?? '').matchAll(/Expected wait: ([^.]+)\./g)].map((x) => x[1]));

describe('--workers 2 with --agents', () => {
  it("each shard's engine sees who is online and the queue, as they change", async () => {
    rt = await startTestRuntime({ workers: 2, agents: { agents: [ann] } });
    expect(rt.store.description).toContain('2 worker threads');
    // Nobody online: on both shards the takeover leaves by no_agent at once.
    for (const shard of [0, 1]) {
      const reply = await askForPerson(rt, await conversationOn(rt, shard));
      expect(reply.mode).toBe('bot');
      expect(told(reply, NOBODY)).toBe(true);
    }
    // Ann comes online: the next customers on both shards wait for her.
    expect((await rt.post('/api/v1/agent/presence', { status: 'online' }, tok(ann))).status).toBe(200);
    const first = await askForPerson(rt, await conversationOn(rt, 0));
    expect(first.mode).toBe('waiting');
    expect(told(first, NOBODY)).toBe(false);
    expect(waits(first)).toEqual(['under a minute']);
    // The queue crosses shards: customers on shard 1 count the chats waiting ahead of them (three fill Ann's
    // seats, the fourth waits for a seat), the same as unsharded.
    await rt.agentHub!.tick();
    await askForPerson(rt, await conversationOn(rt, 1));
    await rt.agentHub!.tick();
    await askForPerson(rt, await conversationOn(rt, 0));
    await rt.agentHub!.tick();
    const fourth = await askForPerson(rt, await conversationOn(rt, 1));
    expect(fourth.mode).toBe('waiting');
    expect(waits(fourth)).toHaveLength(1);
    expect(waits(fourth)[0]).not.toBe('under a minute');
    // Ann goes offline: no_agent at once again, on both shards.
    expect((await rt.post('/api/v1/agent/presence', { status: 'offline' }, tok(ann))).status).toBe(200);
    for (const shard of [0, 1]) {
      const reply = await askForPerson(rt, await conversationOn(rt, shard));
      expect(told(reply, NOBODY)).toBe(true);
    }
  });

  it('a shard started again after its worker stopped knows who is online before its first message', async () => {
    rt = await startTestRuntime({ workers: 2, agents: { agents: [ann] } });
    expect(told(await askForPerson(rt, await conversationOn(rt, 0)), NOBODY)).toBe(true);
    const next = await conversationOn(rt, 0);
    // The worker of shard 0 stops (as after a crash); the next request to it starts a new one, which must be told
    // that nobody is online (the presence did not change, so only the restart can send it).
    const channel = (rt.store as unknown as { pool: { channels: Array<{ worker: Worker | null }> } }).pool.channels[0];
    const old = channel.worker!;
    await old.terminate();
    const reply = await askForPerson(rt, next);
    expect(channel.worker).not.toBe(old);
    expect(told(reply, NOBODY)).toBe(true);
    // ... and learns when Ann comes online.
    expect((await rt.post('/api/v1/agent/presence', { status: 'online' }, tok(ann))).status).toBe(200);
    const waiting = await askForPerson(rt, await conversationOn(rt, 0));
    expect(waiting.mode).toBe('waiting');
    expect(told(waiting, NOBODY)).toBe(false);
  });
});

describe('--workers 2: /readyz', () => {
  it("answers 503 naming the folder while a shard's writes fail, 200 once they work again", async () => {
    rt = await startTestRuntime({ workers: 2 });
    const c = await conversationOn(rt, 1);
    expect((await rt.get('/readyz')).status).toBe(200);
    await (rt.store as ShardedStore).simulateCommitFailures(1000);
    const refused = await rt.post(`/api/v1/conversations/${c.id}/messages`, { text: 'hello' }, auth(c.token));
    expect(refused.status).toBe(507);
    expect(refused.body.message).toContain(rt.dir);
    const notReady = await rt.get('/readyz');
    expect(notReady.status).toBe(503);
    expect(notReady.body.message).toContain(rt.dir);
    // The conversation is still readable, and the refused message was not half saved.
    const read = await rt.get(`/api/v1/conversations/${c.id}`, auth(c.token));
    expect(read.status).toBe(200);
    expect(read.body.messages.some((m: { text?: string }) => m.text === 'hello')).toBe(false);
    await (rt.store as ShardedStore).simulateCommitFailures(0);
    await new Promise((r) => setTimeout(r, 1100)); // the readiness probe write runs at most once a second
    expect((await rt.get('/readyz')).status).toBe(200);
    expect((await rt.post(`/api/v1/conversations/${c.id}/messages`, { text: 'hello again' }, auth(c.token))).status).toBe(200);
  });
});
