import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStore } from '../../runtime/store/redisStore';
import { StoreConflictError } from '../../runtime/store/types';
import { requireProgram } from '../support/requireProgram';
import { startTestRedis, type TestRedis } from './redisServer';
import { conversation, runStoreContract, type StoreHarness } from './storeContract';

const haveRedis = requireProgram('redis-server');

describe.skipIf(!haveRedis)('Redis store', () => {
  let redis: TestRedis;
  let n = 0;
  beforeAll(async () => {
    redis = await startTestRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  // Each contract test gets its own key prefix (= an empty store); `reopen` SIGKILLs redis-server and starts it
  // again on the same folder, so "kept across a restart" means kept in Redis's fsynced append-only file.
  runStoreContract('redis', async () => {
    const prefix = `t${++n}:`;
    const open = () => RedisStore.connect({ url: redis.url, prefix, requireDurable: true });
    const h: StoreHarness = {
      store: await open(),
      reopen: async () => {
        await h.store.close();
        await redis.kill();
        await redis.restart();
        h.store = await open();
        return h.store;
      },
      cleanup: async () => {
        await h.store.close();
      },
    };
    return h;
  });

  it('refuses a Redis that does not fsync every write when requireDurable is set, and warns otherwise', async () => {
    const weak = await startTestRedis({ appendfsync: 'everysec' });
    try {
      await expect(RedisStore.connect({ url: weak.url, requireDurable: true })).rejects.toThrow(/appendfsync=everysec.*appendfsync always/);
      const warnings: string[] = [];
      const s = await RedisStore.connect({ url: weak.url, warn: (m) => warnings.push(m) });
      expect(s.durability).toEqual({ appendonly: 'yes', appendfsync: 'everysec', durable: false });
      expect(warnings.join('\n')).toMatch(/appendfsync=everysec/);
      await s.close();
    } finally {
      await weak.stop();
    }
  });

  it('loses no acknowledged commit when redis-server is SIGKILLed under load (append-only file)', async () => {
    const prefix = `k${++n}:`;
    const store = await RedisStore.connect({ url: redis.url, prefix, requireDurable: true, warn: () => undefined });
    const ids = Array.from({ length: 20 }, (_, i) => `c${i}`);
    for (const id of ids) await store.commit({ conversation: conversation(id), create: true });
    const acked = new Map<string, string[]>(ids.map((id) => [id, []]));
    let stop = false;
    const loops = ids.map(async (id) => {
      for (let i = 0; !stop; i++) {
        try {
          await store.runExclusive(id, async () => {
            const cur = (await store.getConversation(id))!;
            await store.commit({ conversation: { ...cur, state: i }, append: [{ from: 'customer', text: `${id} m${i}`, at: i }] });
          });
          acked.get(id)!.push(`${id} m${i}`);
        } catch {
          return; // Redis went away: this one was never acknowledged
        }
      }
    });
    await new Promise((r) => setTimeout(r, 400));
    await redis.kill();
    stop = true;
    await Promise.all(loops);
    const total = [...acked.values()].reduce((a, v) => a + v.length, 0);
    expect(total).toBeGreaterThan(20); // the kill really landed under load
    await store.close();
    await redis.restart();
    const again = await RedisStore.connect({ url: redis.url, prefix });
    try {
      for (const id of ids) {
        const log = await again.readLog(id, 0);
        const texts = new Set(log.map((e) => e.text));
        for (const t of acked.get(id)!) expect(texts.has(t), `${t} was acknowledged`).toBe(true);
        expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
      }
    } finally {
      await again.close();
    }
  }, 60_000);

  it('says clearly when Redis cannot be reached or the URL is wrong', async () => {
    await expect(RedisStore.connect({ url: 'not a url' })).rejects.toThrow(/not a URL; use redis:\/\/host:6379/);
    await expect(RedisStore.connect({ url: 'http://127.0.0.1:1' })).rejects.toThrow(/redis:\/\/ or rediss:\/\//);
    await expect(RedisStore.connect({ url: 'redis://127.0.0.1:1' })).rejects.toThrow(/cannot reach Redis at redis:\/\/127\.0\.0\.1:1/);
  });

  it('serialises one conversation across two store instances (two processes) and fences a holder whose lease ran out', async () => {
    const prefix = `x${++n}:`;
    const a = await RedisStore.connect({ url: redis.url, prefix, lockLeaseMs: 300 });
    const b = await RedisStore.connect({ url: redis.url, prefix, lockLeaseMs: 300 });
    try {
      await a.commit({ conversation: conversation('c1'), create: true });
      let inside = 0;
      let maxInside = 0;
      const work = (s: RedisStore, i: number) =>
        s.runExclusive('c1', async () => {
          inside++;
          maxInside = Math.max(maxInside, inside);
          const cur = (await s.getConversation('c1'))!;
          await new Promise((r) => setTimeout(r, 5));
          const r = await s.commit({ conversation: { ...cur, state: { n: ((cur.state as { n: number }).n ?? 0) + 1 } }, append: [{ from: 'customer', text: 'm' + i, at: 1 }] });
          inside--;
          return r.lastSeq;
        });
      const seqs = await Promise.all(Array.from({ length: 30 }, (_, i) => work(i % 2 ? a : b, i)));
      expect(maxInside).toBe(1);
      expect([...seqs].sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      expect(((await a.getConversation('c1'))!.state as { n: number }).n).toBe(30); // no lost update

      // Fencing: a holds the lock but stalls (renewal cannot help: we drop its lock key), b takes over and commits;
      // a's late commit is refused and writes nothing.
      const late = a.runExclusive('c1', async () => {
        const cur = (await a.getConversation('c1'))!;
        await (a as unknown as { redis: { del(k: string): Promise<number> } }).redis.del(`${prefix}lock:c1`); // as if the lease expired during a long GC pause
        await b.runExclusive('c1', async () => {
          const now = (await b.getConversation('c1'))!;
          await b.commit({ conversation: { ...now, state: 'from b' }, append: [{ from: 'bot', text: 'b', at: 2 }] });
        });
        return a.commit({ conversation: { ...cur, state: 'stale from a' }, append: [{ from: 'bot', text: 'a', at: 3 }] });
      });
      await expect(late).rejects.toBeInstanceOf(StoreConflictError);
      expect((await b.getConversation('c1'))!.state).toBe('from b');
      expect((await b.readLog('c1', 30)).map((e) => e.text)).toEqual(['b']);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('fans push events out to subscribers on another instance, and hands each due timer to one instance', async () => {
    const prefix = `y${++n}:`;
    const a = await RedisStore.connect({ url: redis.url, prefix });
    const b = await RedisStore.connect({ url: redis.url, prefix });
    try {
      const seen: string[] = [];
      b.subscribe('c1', (entries) => seen.push(...entries.map((e) => `${e.seq}:${e.id}:${e.text}`)));
      await a.commit({
        conversation: conversation('c1'),
        create: true,
        append: [{ from: 'bot', text: 'hello', at: 1 }],
        setTimers: Array.from({ length: 20 }, (_, i) => ({ key: `c1:t${i}`, conversationId: 'c1', timerId: `t${i}`, at: 1000 + i })),
      });
      await a.commit({ conversation: conversation('c1'), append: [{ from: 'customer', text: 'hi', at: 2 }] });
      // Pub/sub delivery is asynchronous: wait for two entries (up to 10 s; a fixed 100 ms is a bet a busy machine loses).
      for (const end = Date.now() + 10_000; Date.now() < end && seen.length < 2; ) await new Promise((r) => setTimeout(r, 20));
      expect(seen).toEqual(['1:c1:1:hello', '2:c1:2:hi']);
      const claims = await Promise.all([a, b, a, b].map((s) => s.claimDueTimers(5000, 20, 60_000)));
      const keys = claims.flat().map((t) => t.key);
      expect(keys.length).toBe(20);
      expect(new Set(keys).size).toBe(20);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
