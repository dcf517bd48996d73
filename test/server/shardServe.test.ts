/**
 * `baton serve --workers N` (runtime/shard/): conversations spread over worker threads, each owning its
 * conversations' state and store writes, over real HTTP on 127.0.0.1. What a customer or operator would notice if
 * sharding broke: answers (HTTP request blocks included), the order of one conversation's messages, push events
 * from steps made on either thread, timers fired once, outbox notifications, metrics, and the data folder working
 * with any number of workers after a restart. (Every other server suite can run sharded too:
 * `BATON_TEST_WORKERS=2 npx vitest run test/server/runtimeApi.test.ts ...`.)
 */
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ownerOf } from '../../runtime/shard/shardProtocol';
import { startRuntime } from '../../runtime/serve/startRuntime';
import type { RuntimeStore } from '../../runtime/store/types';
import { auth, shopFlow, startTestRuntime, type TestRuntime } from './runtimeFixtures';
import { readSeqEvents, type SeqEvent } from '../support/sse';

let rt: TestRuntime | null = null;
afterEach(async () => {
  await rt?.stop();
  rt = null;
});

/** An order API and a webhook receiver in this process. */
let api: { url: string; calls: string[]; close(): void };
beforeAll(async () => {
  const calls: string[] = [];
  const srv = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      calls.push(`${req.method} ${req.url} ${body}`);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'shipped' }));
    });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  api = { url: `http://127.0.0.1:${(srv.address() as { port: number }).port}`, calls, close: () => srv.close() };
});
afterAll(() => api.close());

async function newConversation(r: TestRuntime) {
  const res = await r.post('/api/v1/flows/shop/conversations', {});
  expect(res.status).toBe(201);
  return res.body as { conversationId: string; token: string };
}

/** Opens the push channel and collects `message` events (id = seq) until `until` says stop (8 s at most: workers start slower). */
const readEvents = (url: string, headers: Record<string, string>, until: (events: SeqEvent[]) => boolean, onOpen?: () => void) => readSeqEvents(url, headers, until, onOpen, 8000);

describe('baton serve --workers N', () => {
  it('answers conversations on every worker thread, HTTP request blocks and outbox notifications included', async () => {
    const r = (rt = await startTestRuntime({ workers: 2, flows: [shopFlow({ apiUrl: `${api.url}/orders/1`, webhookUrl: `${api.url}/hook` })] }));
    expect(r.store.description).toMatch(/2 worker threads/);
    const convs = await Promise.all(Array.from({ length: 10 }, () => newConversation(r)));
    // Random ids spread over both shards (10 conversations all on one side: 1 in 512).
    expect(new Set(convs.map((c) => ownerOf(c.conversationId, 2))).size).toBe(2);
    const answers = await Promise.all(convs.map((c) => r.post(`/api/v1/conversations/${c.conversationId}/messages`, { choice: 'order' }, auth(c.token))));
    for (const a of answers) {
      expect(a.status).toBe(200);
      expect(a.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(a.headers.get('x-content-type-options')).toBe('nosniff');
      expect(a.body.messages.map((m: any) => m.text)).toContain('Your order is shipped.');
      expect(Object.keys(a.body)).toEqual(['mode', 'messages', 'handoff', 'lastSeq']);
    }
    expect(api.calls.filter((c) => c.startsWith('GET /orders/1'))).toHaveLength(10);
    // The Notify block's webhook leaves through the main thread's outbox, each once.
    await r.runner.tick();
    await r.runner.tick();
    expect(api.calls.filter((c) => c.startsWith('POST /hook'))).toHaveLength(10);
    // Reading back: consecutive seqs, the customer's click and the answers, from either thread's conversations.
    for (const c of convs) {
      const log = await r.get(`/api/v1/conversations/${c.conversationId}`, auth(c.token));
      const seqs = log.body.messages.map((m: any) => m.seq);
      expect(seqs).toEqual(seqs.map((_: number, i: number) => i + 1));
      expect(log.body.messages.filter((m: any) => m.from === 'customer').map((m: any) => m.text)).toEqual(['Order status']);
    }
    // Errors keep their shapes: a wrong token, an unknown conversation.
    expect((await r.post(`/api/v1/conversations/${convs[0].conversationId}/messages`, { text: 'hi' }, auth('wrong'))).status).toBe(401);
    expect((await r.post('/api/v1/conversations/nope/messages', { text: 'hi' }, auth('x'))).body.error).toBe('conversation_not_found');
    const metrics = (await r.get('/metrics')).body as string;
    expect(metrics).toMatch(/baton_messages_total\{from="customer"\} 10\b/);
  });

  it("keeps one conversation's messages in order when many arrive at once", async () => {
    const r = (rt = await startTestRuntime({ workers: 2 }));
    const c = await newConversation(r);
    const texts = Array.from({ length: 15 }, (_, i) => `question ${i}`);
    const res = await Promise.all(texts.map((text) => r.post(`/api/v1/conversations/${c.conversationId}/messages`, { text }, auth(c.token))));
    expect(res.map((x) => x.status)).toEqual(texts.map(() => 200));
    const log = await r.get(`/api/v1/conversations/${c.conversationId}`, auth(c.token));
    const seqs = log.body.messages.map((m: any) => m.seq);
    expect(seqs).toEqual(seqs.map((_: number, i: number) => i + 1));
    expect(log.body.messages.filter((m: any) => m.from === 'customer').map((m: any) => m.text).sort()).toEqual([...texts].sort());
    // Each answer's lastSeq is a different point of the one log.
    expect(new Set(res.map((x) => x.body.lastSeq)).size).toBe(15);
  });

  it('pushes events of steps made on the worker and on the main thread (a timer), and fires the timer once', async () => {
    const r = (rt = await startTestRuntime({ workers: 2 }));
    const c = await newConversation(r);
    const url = `${r.url}/api/v1/conversations/${c.conversationId}/events`;
    let opened!: () => void;
    const open = new Promise<void>((res) => (opened = res));
    const live = readEvents(url, auth(c.token), (ev) => ev.some((e) => /Nobody is free/.test(e.data.text)), () => opened());
    await open;
    const click = await r.post(`/api/v1/conversations/${c.conversationId}/messages`, { choice: 'person' }, auth(c.token));
    expect(click.body.mode).toBe('waiting');
    // The queue times out after 1 minute: the main thread's timer loop steps the conversation through its owner.
    r.clock.now += 61_000;
    await r.runner.tick();
    await r.runner.tick();
    const events = await live;
    const ids = events.map((e) => e.id);
    expect(ids).toEqual(ids.map((_, i) => i + 1)); // backlog then live: nothing missed, nothing repeated
    expect(events.some((e) => e.data.from === 'customer' && e.data.text === 'Talk to a person')).toBe(true);
    const log = await r.get(`/api/v1/conversations/${c.conversationId}`, auth(c.token));
    expect(log.body.messages.filter((m: any) => /Nobody is free/.test(m.text))).toHaveLength(1);
    // Resuming from the middle gives exactly what came after.
    const half = Math.floor(ids.length / 2);
    const resumed = await readEvents(url, { ...auth(c.token), 'last-event-id': String(half) }, (ev) => ev.length >= ids.length - half);
    expect(resumed.map((e) => e.id)).toEqual(ids.slice(half));
  });

  it('serves the same data folder after a restart with another number of workers (or none)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-shard-'));
    try {
      let r = await startTestRuntime({ workers: 2, dir });
      const convs = await Promise.all(Array.from({ length: 6 }, () => newConversation(r)));
      for (const c of convs) await r.post(`/api/v1/conversations/${c.conversationId}/messages`, { text: 'first' }, auth(c.token));
      await r.stop();
      for (const workers of [0, 3, 1]) {
        r = await startTestRuntime({ workers, dir });
        for (const c of convs) expect((await r.post(`/api/v1/conversations/${c.conversationId}/messages`, { text: `with ${workers}` }, auth(c.token))).status).toBe(200);
        await r.stop();
      }
      r = await startTestRuntime({ workers: 2, dir });
      for (const c of convs) {
        const log = await r.get(`/api/v1/conversations/${c.conversationId}`, auth(c.token));
        const seqs = log.body.messages.map((m: any) => m.seq);
        expect(seqs).toEqual(seqs.map((_: number, i: number) => i + 1));
        expect(log.body.messages.filter((m: any) => m.from === 'customer').map((m: any) => m.text)).toEqual(['first', 'with 0', 'with 3', 'with 1']);
      }
      await r.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a store of its own (--redis), saying what to do', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-shard-'));
    try {
      // A store of its own (--redis): worker threads share the embedded store only. (--agents works since session 7.)
      const redisLike = { description: 'redis' } as unknown as RuntimeStore;
      await expect(startRuntime({ flows: [shopFlow()], dataDir: dir, port: 0, workers: 2, store: redisLike })).rejects.toThrow(/--workers 2: worker threads share the embedded store only; with --redis, run several instances instead/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
