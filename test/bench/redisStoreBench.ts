/**
 * The storage layer alone (no HTTP, no engine): one customer message = runExclusive + read the record + commit
 * (~3 KB state overwrite + 2 log entries), from 200 concurrent writers over 1,000 conversations, for the
 * embedded lmdb store and the Redis store with appendfsync always (fsync before the reply: what `--redis`
 * asks for) and everysec (fsync once a second: faster, but a host crash or power cut loses up to ~1 s of
 * acknowledged messages; a crash of the redis-server process alone loses nothing, the writes are in the OS).
 *
 *   npx tsx test/bench/redisStoreBench.ts
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmbeddedStore } from '../../runtime/store/embeddedStore';
import { RedisStore } from '../../runtime/store/redisStore';
import type { ConversationRecord, RuntimeStore } from '../../runtime/store/types';
import { startTestRedis } from '../server/redisServer';

const SECONDS = Number(process.env.BENCH_STORE_SECONDS ?? 4);
const WRITERS = 200;
const CONVS = 1000;
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

function record(id: string): ConversationRecord {
  return { id, flowId: 'f', flowRevision: 'r', tokenHash: 'x'.repeat(64), state: { blob: 'y'.repeat(3000) }, mode: 'bot', lastSeq: 0, createdAt: 0, updatedAt: 0, closedAt: null };
}

async function drive(store: RuntimeStore): Promise<{ perSec: number; p50: number; p99: number }> {
  for (let i = 0; i < CONVS; i++) await store.commit({ conversation: record('c' + i), create: true });
  const lat: number[] = [];
  const end = performance.now() + SECONDS * 1000;
  let next = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (performance.now() < end) {
        const id = 'c' + (next++ % CONVS);
        const t0 = performance.now();
        await store.runExclusive(id, async () => {
          const cur = (await store.getConversation(id))!;
          await store.commit({ conversation: { ...cur, updatedAt: cur.updatedAt + 1 }, append: [{ from: 'customer', text: 'where is my order?', at: 1 }, { from: 'bot', text: 'It ships Friday.', at: 1 }] });
        });
        lat.push(performance.now() - t0);
      }
    }),
  );
  lat.sort((a, b) => a - b);
  return { perSec: lat.length / SECONDS, p50: lat[Math.floor(lat.length * 0.5)], p99: lat[Math.floor(lat.length * 0.99)] };
}

export async function redisStoreBench(): Promise<void> {
  if (!existsSync('/usr/bin/redis-server')) {
    console.log('\nStore bench: /usr/bin/redis-server is missing (apt-get install redis-server): skipped.');
    return;
  }
  const rows = [['store', 'messages/s', 'p50 ms', 'p99 ms', 'x lmdb']];
  const load0 = os.loadavg()[0];
  const dir = mkdtempSync(join(tmpdir(), 'baton-storebench-'));
  const lmdb = new EmbeddedStore({ dir });
  const base = await drive(lmdb);
  await lmdb.close();
  rmSync(dir, { recursive: true, force: true });
  rows.push(['baseline: embedded lmdb (fsync per group commit)', fmt(base.perSec), fmt(base.p50, 1), fmt(base.p99, 1), '1.00']);
  for (const mode of ['always', 'everysec'] as const) {
    const redis = await startTestRedis({ appendfsync: mode });
    const store = await RedisStore.connect({ url: redis.url, warn: () => undefined });
    const r = await drive(store);
    await store.close();
    await redis.stop();
    rows.push([`Redis 7, appendfsync ${mode}${mode === 'always' ? ' (the --redis setting)' : ' (up to 1 s lost on power cut)'}`, fmt(r.perSec), fmt(r.p50, 1), fmt(r.p99, 1), fmt(r.perSec / base.perSec, 2)]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  console.log(`\nStores alone: lock + read + commit of one message, ${WRITERS} concurrent writers over ${fmt(CONVS)} conversations, ${SECONDS} s each (load average ${fmt(load0, 1)} -> ${fmt(os.loadavg()[0], 1)} on ${os.cpus().length} cores)\n`);
  rows.forEach((r, n) => {
    console.log('| ' + r.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |');
    if (n === 0) console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await redisStoreBench();
}
