/**
 * Two real `baton serve` processes (the CLI, each its own process, different ports) sharing one real
 * redis-server: a conversation started on one continues on the other, push events cross over, the handoff
 * queue is shared, a timer set on one fires once, and concurrent messages to one conversation through both
 * instances are processed one at a time, in order. Then SIGKILL of one instance: the other carries on.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireProgram } from '../support/requireProgram';
import { callJson as call, startServe, waitUntil as until, type ServeProcess } from '../support/runtimeHarness';
import { listenSse } from '../support/sse';
import { RedisStore } from '../../runtime/store/redisStore';
import { startTestRedis, type TestRedis } from './redisServer';
import { ADMIN, shopFlow } from './runtimeFixtures';

const haveRedis = requireProgram('redis-server');
const root = fileURLToPath(new URL('../../', import.meta.url));

type Instance = ServeProcess;
const serve = (flowFile: string | string[], redisUrl: string, dataDir: string) => startServe([...[flowFile].flat(), '--redis', redisUrl, '--data', dataDir], ADMIN);
/** Reads an SSE stream's data into `events` until aborted. */
const listen = (url: string, events: any[]) => listenSse(url, (e) => events.push(e.data));

describe.skipIf(!haveRedis)('several baton serve instances sharing one Redis', () => {
  let redis: TestRedis;
  let a: Instance;
  let b: Instance;
  const dir = mkdtempSync(join(tmpdir(), 'baton-multi-'));
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    redis = await startTestRedis();
    const flowFile = join(dir, 'shop.json');
    writeFileSync(flowFile, JSON.stringify(shopFlow({ queueTimeoutMinutes: 0.1 }))); // 6 s queue timeout
    // "echo": the same flow without escalation, so every text is exactly one engine step (fallback -> menu)
    const echoFile = join(dir, 'echo.json');
    const shop = shopFlow();
    writeFileSync(echoFile, JSON.stringify({ ...shop, id: 'echo', escalation: { ...shop.escalation, enabled: false } }));
    const files = [flowFile, echoFile];
    [a, b] = await Promise.all([serve(files, redis.url, join(dir, 'a')), serve(files, redis.url, join(dir, 'b'))]);
    children.push(a.child, b.child);
  }, 60_000);
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('continues a conversation across instances, pushes across, shares the handoff queue and fires the queue timer once', async () => {
    expect(a.url).not.toBe(b.url);
    const started = await call(`${a.url}/api/v1/flows/shop/conversations`, 'POST', {});
    expect(started.status).toBe(201);
    const { conversationId: id, token } = started.body;
    // B knows the conversation A started, with the same log.
    const onB = await call(`${b.url}/api/v1/conversations/${id}`, 'GET', undefined, token);
    expect(onB.status).toBe(200);
    expect(onB.body.messages.map((m: any) => m.text)).toEqual(started.body.messages.map((m: any) => m.text));

    // A customer's push channel is open on B; the message is processed by A.
    const pushedToB: any[] = [];
    const sse = listen(`${b.url}/api/v1/conversations/${id}/events?token=${token}`, pushedToB);
    await until('B to replay the backlog', () => pushedToB.length === started.body.messages.length);
    const asked = await call(`${a.url}/api/v1/conversations/${id}/messages`, 'POST', { choice: 'person' }, token);
    expect(asked.status).toBe(200);
    expect(asked.body.mode).toBe('waiting');
    await until('B to push what A processed', () => pushedToB.some((e) => e.seq === asked.body.lastSeq));
    expect(pushedToB.map((e) => e.seq)).toEqual(pushedToB.map((_, i) => i + 1)); // in order, nothing missing or repeated

    // The handoff A queued is in B's queue.
    const queue = await call(`${b.url}/api/v1/admin/handoffs?status=pending`, 'GET', undefined, ADMIN);
    expect(queue.body.handoffs.map((h: any) => h.conversationId)).toContain(id);

    // The 6 s queue timeout was set by A; both instances run their timer loops; it fires exactly once.
    const nobody = 'Nobody is free right now; we will email you.';
    await until('the queue timeout to fire', () => pushedToB.some((e) => e.text === nobody));
    await new Promise((r) => setTimeout(r, 1500)); // time for a wrong second firing to show up
    const log = (await call(`${a.url}/api/v1/conversations/${id}`, 'GET', undefined, token)).body.messages;
    expect(log.filter((m: any) => m.text === nobody)).toHaveLength(1);
    expect(log.map((m: any) => m.seq)).toEqual(log.map((_: any, i: number) => i + 1));
    const expired = await call(`${b.url}/api/v1/admin/handoffs?status=expired`, 'GET', undefined, ADMIN);
    expect(expired.body.handoffs.map((h: any) => h.conversationId)).toContain(id);
    sse.abort();
  }, 60_000);

  it('processes concurrent messages to one conversation through both instances one at a time, in order', async () => {
    const { conversationId: id, token } = (await call(`${b.url}/api/v1/flows/echo/conversations`, 'POST', {})).body;
    const n = 24;
    // words only: a digit would pick a button by its number
    const text = (i: number) => `plover ${'abcdefghijklmnopqrstuvwxyz'[i]}${'zyxwvutsrqponmlkjihgfedcba'[i]}`;
    const peek = await RedisStore.connect({ url: redis.url });
    const stepOf = async () => ((await peek.getConversation(id))!.state as { step: number }).step;
    const before = await stepOf();
    const replies = await Promise.all(
      Array.from({ length: n }, (_, i) => call(`${(i % 2 ? a : b).url}/api/v1/conversations/${id}/messages`, 'POST', { text: text(i) }, token)),
    );
    for (const r of replies) expect(r.status).toBe(200);
    for (const r of replies) expect(r.body.messages.length).toBeGreaterThan(0);
    // No lost update: the stored engine state went through all n steps (two instances stepping the same prior
    // state at once would leave it fewer steps ahead).
    const rec = (await peek.getConversation(id))!;
    expect(rec.mode).toBe('bot');
    expect(await stepOf()).toBe(before + n);
    await peek.close();
    const log = (await call(`${a.url}/api/v1/conversations/${id}?after=0`, 'GET', undefined, token)).body.messages;
    expect(rec.lastSeq).toBe(log.length);
    expect(log.map((m: any) => m.seq)).toEqual(log.map((_: any, i: number) => i + 1));
    const customer = log.filter((m: any) => m.from === 'customer').map((m: any) => m.text);
    expect([...customer].sort()).toEqual(Array.from({ length: n }, (_, i) => text(i)).sort()); // each once
    // No interleaving: each answer's messages come right after its own customer message in the shared log.
    replies.forEach((r, i) => {
      const mine = log.find((m: any) => m.text === text(i));
      const seqs = r.body.messages.map((m: any) => m.seq);
      expect(seqs).toEqual(seqs.map((_: number, k: number) => mine.seq + 1 + k));
      expect(r.body.lastSeq).toBe(mine.seq + seqs.length);
      const next = log.find((m: any) => m.from === 'customer' && m.seq > mine.seq);
      if (next) expect(next.seq).toBeGreaterThan(r.body.lastSeq);
    });
  }, 60_000);

  it('refuses to start with a clear message when Redis cannot be reached', async () => {
    const flowFile = join(dir, 'shop.json');
    const child = spawn(process.execPath, [join(root, 'bin/baton.js'), 'serve', flowFile, '--port', '0', '--redis', 'redis://127.0.0.1:1'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d));
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(code).toBe(2);
    expect(err).toMatch(/baton serve: cannot reach Redis at redis:\/\/127\.0\.0\.1:1: .*is redis-server running there\?/);
    expect(err).not.toMatch(/\n\s+at /); // no stack trace
  }, 30_000);

  it('keeps serving when one instance is killed: the other continues its conversations and fires its timers', async () => {
    const { conversationId: id, token } = (await call(`${a.url}/api/v1/flows/shop/conversations`, 'POST', {})).body;
    const asked = await call(`${a.url}/api/v1/conversations/${id}/messages`, 'POST', { choice: 'person' }, token);
    expect(asked.status).toBe(200);
    a.child.kill('SIGKILL');
    await new Promise((r) => a.child.once('exit', r));
    // The 6 s queue timeout set through A fires on B.
    await until(
      'B to fire the timer A set',
      async () => (await call(`${b.url}/api/v1/conversations/${id}`, 'GET', undefined, token)).body.messages.some((m: any) => m.text === 'Nobody is free right now; we will email you.'),
      30_000,
    );
    const more = await call(`${b.url}/api/v1/conversations/${id}/messages`, 'POST', { choice: 'rate' }, token);
    expect(more.status).toBe(200);
    expect(more.body.messages.map((m: any) => m.text)).toContain('How would you rate us, 1 to 5?');
  }, 60_000);
});
