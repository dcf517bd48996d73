/**
 * Session 8: the embedded store's prune no longer reads every idempotency record, timer, handoff and outbox item of
 * the data folder (one pass per prune took ~1 s with 100,000 idempotency records, and customers' commits waited
 * behind it). A removed conversation's timers, handoffs and finished outbox items are found by key; old idempotency
 * records and finished outbox items through time indexes, in short transactions. These tests check that it still
 * removes exactly what it removed before (and nothing else), also for keys that do not follow the usual
 * `${conversationId}:` form and for a data folder written before the indexes existed.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../runtime/store/embeddedStore';
import { conversation } from './storeContract';
import type { ConversationRecord, IdempotencyRecord } from '../../runtime/store/types';

const T = Date.parse('2026-11-30T10:00:00Z');
const BEFORE = T + 1000;

/** The contract suite's conversation record with this file's values (flow 'f', times 1). */
const rec = (id: string, extra: Partial<ConversationRecord> = {}): ConversationRecord =>
  conversation(id, { flowId: 'f', tokenHash: 'ab', state: { v: 2, recentTranscript: [] }, createdAt: 1, updatedAt: 1, ...extra });
const handoff = (id: string, conversationId: string) => ({ id, conversationId, flowId: 'f', status: 'pending', priority: 'normal', requestedAt: T, updatedAt: T, request: null, handoff: null });
const outbox = (id: string, conversationId: string, createdAt: number) => ({ id, conversationId, kind: 'notify', payload: {}, nextAt: createdAt, createdAt });
const idem = (key: string, at: number): IdempotencyRecord => ({ key, requestHash: 'h', response: { ok: key }, at });

type Table = { getRange(o?: Record<string, unknown>): Iterable<unknown>; getKeys(o?: Record<string, unknown>): Iterable<unknown> };
/** Counts reads of a whole table (a range without a start) on the store's databases (the inline writer uses the same objects). */
function countWholeTableReads(store: EmbeddedStore, names: string[]): { n: number } {
  const count = { n: 0 };
  for (const name of names) {
    const db = (store as unknown as Record<string, Table>)[name];
    for (const m of ['getRange', 'getKeys'] as const) {
      const orig = db[m].bind(db);
      db[m] = (o?: Record<string, unknown>) => {
        if (!o || o.start === undefined) count.n++;
        return orig(o);
      };
    }
  }
  return count;
}

for (const writer of ['inline', 'thread'] as const) {
  describe(`embedded store prune without whole-table passes (${writer} writer)`, () => {
    it('removes the pruned conversation’s timers, handoffs and finished outbox items (any key), old idempotency records and old finished outbox items; keeps the rest', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'baton-prune-idx-'));
      const store = new EmbeddedStore({ dir, writer });
      try {
        // The victim: closed before the cut-off; timers, handoffs and outbox items with usual and unusual keys.
        await store.commit({ conversation: rec('v'), create: true });
        await store.commit({
          conversation: rec('v', { mode: 'closed', closedAt: T }),
          setTimers: [
            { key: 'v:t1', conversationId: 'v', timerId: 't1', at: T + 5000 },
            { key: 'timer-without-prefix', conversationId: 'v', timerId: 't2', at: T + 6000 },
          ],
          handoffs: [handoff('v:h1', 'v'), handoff('handoff-without-prefix', 'v')],
          outbox: [outbox('v:o1', 'v', T + 500), outbox('outbox-without-prefix', 'v', T + 500), outbox('v:pending', 'v', T + 500)],
          idempotency: idem('v:k', T + 5000),
        });
        // Kept: an open conversation whose id starts like the victim's ("v" is a prefix of "v2" but not of "v2:").
        await store.commit({ conversation: rec('v2'), create: true });
        await store.commit({
          conversation: rec('v2'),
          setTimers: [{ key: 'v2:t1', conversationId: 'v2', timerId: 't1', at: T + 5000 }],
          handoffs: [handoff('v2:h1', 'v2')],
          outbox: [outbox('v2:old', 'v2', T - 10), outbox('v2:new', 'v2', T + 5000), outbox('v2:oldPending', 'v2', T - 10)],
          idempotency: idem('v2:old', T - 10),
        });
        await store.commit({ conversation: rec('v2'), idempotency: idem('v2:new', T + 5000) });
        for (const id of ['v:o1', 'outbox-without-prefix', 'v2:old', 'v2:new']) await store.completeOutbox(id, T);

        const reads = writer === 'inline' ? countWholeTableReads(store, ['idem', 'timers', 'handoffs', 'outbox', 'idemIdx', 'finishedIdx']) : null;
        expect(await store.pruneClosed(BEFORE)).toBe(1);
        if (reads) expect(reads.n).toBe(0); // nothing read a whole table

        expect(await store.getConversation('v')).toBeNull();
        const timers = await store.claimDueTimers(T + 10_000, 100, 1);
        expect(timers.map((t) => t.key)).toEqual(['v2:t1']);
        expect((await store.listHandoffs()).map((h) => h.id)).toEqual(['v2:h1']);
        expect(await store.getOutbox('v:o1')).toBeNull();
        expect(await store.getOutbox('outbox-without-prefix')).toBeNull();
        expect((await store.getOutbox('v:pending'))?.status).toBe('pending'); // still to be sent: kept, as before
        expect(await store.getOutbox('v2:old')).toBeNull(); // finished and older than the cut-off
        expect((await store.getOutbox('v2:new'))?.status).toBe('done');
        expect((await store.getOutbox('v2:oldPending'))?.status).toBe('pending');
        expect(await store.getIdempotency('v:k')).not.toBeNull(); // idempotency records go by time, not by conversation
        expect(await store.getIdempotency('v2:old')).toBeNull();
        expect(await store.getIdempotency('v2:new')).not.toBeNull();
        expect((await store.getConversation('v2'))?.mode).toBe('bot');
        // The stray-key list keeps only what is still there (the pending outbox item's key has the prefix).
        const stray = [...(store as unknown as { stray: Table }).stray.getKeys({ start: [''] })];
        expect(stray).toEqual([]);
        // A later prune takes the victim's idempotency record once it is old enough.
        await store.pruneClosed(T + 5000 + 1);
        expect(await store.getIdempotency('v:k')).toBeNull();
      } finally {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('removes a backlog of old idempotency records in several short transactions and keeps the newer ones', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'baton-prune-idx-'));
      const store = new EmbeddedStore({ dir, writer });
      try {
        const writes: Promise<unknown>[] = [];
        for (let i = 0; i < 4500; i++) writes.push(store.commit({ conversation: rec(`c${i}`), create: true, idempotency: idem(`c:${i}`, i < 4200 ? T - 1 - i : T + 1 + i) }));
        await Promise.all(writes);
        const sent: string[] = [];
        const w = (store as unknown as { writer: { send(r: { k: string }): Promise<unknown> } }).writer;
        const send = w.send.bind(w);
        w.send = (r) => (sent.push(r.k), send(r));
        await store.pruneClosed(T);
        expect(sent.filter((k) => k === 'sweep').length).toBe(3); // 2,000 + 2,000 + 200
        for (const i of [0, 1999, 2000, 4199]) expect(await store.getIdempotency(`c:${i}`)).toBeNull();
        for (const i of [4200, 4499]) expect(await store.getIdempotency(`c:${i}`)).not.toBeNull();
      } finally {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

describe('prune of a data folder written before the indexes existed (session 8 start)', () => {
  it('builds the indexes once at open, so old idempotency records are still pruned on time', async () => {
    const fixture = join(__dirname, '../fixtures/store-s8start');
    const expected = JSON.parse(readFileSync(join(fixture, 'expected.json'), 'utf8')) as Array<{ id: string; idem: IdempotencyRecord | null }>;
    const withIdem = expected.find((e) => e.idem !== null)!;
    const dir = mkdtempSync(join(tmpdir(), 'baton-s8start-'));
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'data/baton.lmdb'), gunzipSync(readFileSync(join(fixture, 'baton.lmdb.gz'))));
    let store = new EmbeddedStore({ dir: join(dir, 'data') });
    try {
      const key = `${withIdem.id}:idem-1`;
      await store.pruneClosed(withIdem.idem!.at); // not older than the cut-off: kept
      expect(await store.getIdempotency(key)).toEqual(withIdem.idem);
      await store.close();
      store = new EmbeddedStore({ dir: join(dir, 'data') }); // the indexes are not built twice (and still used)
      await store.pruneClosed(withIdem.idem!.at + 1);
      expect(await store.getIdempotency(key)).toBeNull();
      for (const e of expected) expect(await store.getConversation(e.id)).not.toBeNull(); // open conversations stay
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
