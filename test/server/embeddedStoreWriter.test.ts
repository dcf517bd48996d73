/**
 * The embedded store's writer thread (runtime/store/embeddedWriter.mjs, session 5): writes are planned on the main
 * thread and written by a worker thread. These tests pin what the move must not change: order and numbering of
 * one conversation's commits sent at once, conflicts found by the writer in commit order, reads that see a write as
 * soon as its commit resolved, close() draining every write sent, and a writer thread that dies (pending writes
 * fail with a clear StoreWriteError, the next write works).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedStore, StoreWriteError } from '../../runtime/store/embeddedStore';
import { StoreConflictError, type ConversationRecord } from '../../runtime/store/types';
import { runStoreContract, type StoreHarness } from './storeContract';

// The same contract with writes on the calling thread (`writer: 'inline'`, BATON_STORE_WRITER=inline): both ways
// run the same write plans (embeddedWriter.mjs `writeOps`). The writer-thread way runs it in embeddedStore.test.ts.
runStoreContract('embedded (lmdb, writes inline)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'baton-store-inline-'));
  const h: StoreHarness = {
    store: new EmbeddedStore({ dir, writer: 'inline' }),
    reopen: async () => {
      await h.store.close();
      h.store = new EmbeddedStore({ dir, writer: 'inline' });
      return h.store;
    },
    cleanup: async () => {
      await h.store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
});

const rec = (id: string, extra: Partial<ConversationRecord> = {}): ConversationRecord => ({
  id,
  flowId: 'f',
  flowRevision: 'r1',
  tokenHash: 'ab',
  state: { step: 0 },
  mode: 'bot',
  lastSeq: 0,
  createdAt: 1,
  updatedAt: 1,
  closedAt: null,
  ...extra,
});

const dirs: string[] = [];
const stores: EmbeddedStore[] = [];
function newStoreIn(dir = mkdtempSync(join(tmpdir(), 'baton-writer-')), writer: 'thread' | 'inline' = 'thread'): { store: EmbeddedStore; dir: string } {
  if (!dirs.includes(dir)) dirs.push(dir);
  const store = new EmbeddedStore({ dir, writer });
  stores.push(store);
  return { store, dir };
}
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The store's writer thread (private; reached into only to kill it). */
const writerWorker = (s: EmbeddedStore) => (s as unknown as { writer: { worker: Worker | null } }).writer.worker;

describe.each(['thread', 'inline'] as const)('embedded store writes (%s)', (mode) => {
  const newStore = (dir?: string) => newStoreIn(dir, mode);
  it("numbers one conversation's commits sent at once in the order they were sent", async () => {
    const { store, dir } = newStore();
    await store.commit({ conversation: rec('c1'), create: true, append: [{ from: 'bot', text: 'hello', at: 1 }] });
    // 50 commits without waiting for each other (the runtime waits, but the store must not depend on it).
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        store.commit({ conversation: rec('c1', { state: { step: i + 1 }, updatedAt: i + 2 }), append: [{ from: 'customer', text: `m${i}`, at: i + 2 }, { from: 'bot', text: `a${i}`, at: i + 2 }] }),
      ),
    );
    expect(results.map((r) => r.lastSeq)).toEqual(Array.from({ length: 50 }, (_, i) => 3 + 2 * i));
    expect(results[7].appended.map((e) => [e.seq, e.text])).toEqual([[16, 'm7'], [17, 'a7']]);
    const log = await store.readLog('c1', 0);
    expect(log.map((e) => e.seq)).toEqual(Array.from({ length: 101 }, (_, i) => i + 1));
    expect(log.at(-1)!.text).toBe('a49');
    expect((await store.getConversation('c1'))!.state).toEqual({ step: 50 });
    // And on disk, not only in the cache.
    await store.close();
    const again = newStore(dir).store;
    expect((await again.getConversation('c1'))!).toMatchObject({ lastSeq: 101, state: { step: 50 } });
    expect((await again.readLog('c1', 99)).map((e) => e.text)).toEqual(['m49', 'a49']);
  });

  it('finds conflicts in commit order: two creations with one external key, one outbox id queued twice', async () => {
    const { store } = newStore();
    const [a, b] = await Promise.allSettled([
      store.commit({ conversation: rec('first', { externalKey: 'rasa:ann' }), create: true }),
      store.commit({ conversation: rec('second', { externalKey: 'rasa:ann' }), create: true }),
    ]);
    expect(a.status).toBe('fulfilled');
    expect(b.status).toBe('rejected');
    expect((b as PromiseRejectedResult).reason).toBeInstanceOf(StoreConflictError);
    expect((b as PromiseRejectedResult).reason.message).toBe('external key rasa:ann is already mapped');
    // The refused creation wrote nothing: no record, no mode index entry, no log.
    expect(await store.getConversation('second')).toBeNull();
    expect((await store.findByExternalKey('rasa:ann'))!.id).toBe('first');
    expect((await store.countByMode()).bot).toBe(1);
    // A conversation created twice at once: the second is refused by the writer (its plan could not know).
    const twice = await Promise.allSettled([store.commit({ conversation: rec('dup'), create: true }), store.commit({ conversation: rec('dup'), create: true })]);
    expect(twice.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect((twice[1] as PromiseRejectedResult).reason).toBeInstanceOf(StoreConflictError);
    // Enqueueing an outbox id that exists is a no-op, also when both commits are in flight at once.
    const item = (text: string) => ({ id: 'notify-1', conversationId: 'first', kind: 'email', payload: { text }, nextAt: 5, createdAt: 5 });
    await Promise.all([store.commit({ conversation: rec('first', { externalKey: 'rasa:ann' }), outbox: [item('one')] }), store.commit({ conversation: rec('first', { externalKey: 'rasa:ann' }), outbox: [item('two')] })]);
    expect(await store.getOutbox('notify-1')).toMatchObject({ payload: { text: 'one' }, status: 'pending', attempts: 0 });
    expect((await store.claimOutbox(10, 10, 1000)).map((o) => o.id)).toEqual(['notify-1']);
  });

  it('reads see a write as soon as its commit resolved (log, indexes, timers), even from an open read snapshot', async () => {
    const { store } = newStore();
    await store.commit({ conversation: rec('r'), create: true });
    for (let i = 1; i <= 30; i++) {
      // A read right before the commit opens lmdb's read snapshot in this turn; the reads after must not use it.
      expect((await store.readLog('r', 0)).length).toBe(i - 1);
      await store.commit({
        conversation: rec('r', { mode: i % 2 ? 'waiting' : 'bot' }),
        append: [{ from: 'customer', text: `m${i}`, at: i }],
        setTimers: [{ key: `r:t${i}`, conversationId: 'r', timerId: `t${i}`, at: i }],
        cancelTimers: i > 1 ? [`r:t${i - 1}`] : [],
      });
      expect((await store.readLog('r', i - 1)).map((e) => e.text)).toEqual([`m${i}`]);
      expect((await store.countByMode())[i % 2 ? 'waiting' : 'bot']).toBe(1);
      expect(await store.nextTimerAt()).toBe(i);
    }
  });

  it('close() waits for every write already sent, and all of it is there after reopening', async () => {
    const { store, dir } = newStore();
    const sent = Array.from({ length: 300 }, (_, i) => store.commit({ conversation: rec(`k${i}`), create: true, append: [{ from: 'bot', text: `hi ${i}`, at: i }] }));
    await store.close();
    expect((await Promise.allSettled(sent)).every((r) => r.status === 'fulfilled')).toBe(true);
    await expect(store.commit({ conversation: rec('late'), create: true })).rejects.toThrow('store is closed');
    const again = newStore(dir).store;
    expect((await again.countByMode()).bot).toBe(300);
    expect((await again.readLog('k299', 0))[0].text).toBe('hi 299');
  });

});

describe('embedded store writer thread', () => {
  const newStore = (dir?: string) => newStoreIn(dir, 'thread');
  it('a writer thread that dies fails its pending writes with a StoreWriteError (503), and the next write works', async () => {
    const { store } = newStore();
    await store.commit({ conversation: rec('w'), create: true, append: [{ from: 'bot', text: 'before', at: 1 }] });
    const worker = writerWorker(store)!;
    expect(worker).toBeTruthy();
    // Sent in this turn (posted on the next), then the thread is killed before it can answer.
    const pending = store.commit({ conversation: rec('w'), append: [{ from: 'customer', text: 'lost', at: 2 }] });
    await new Promise((r) => setImmediate(r));
    await worker.terminate();
    const err = await pending.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(StoreWriteError);
    expect((err as StoreWriteError).statusCode).toBe(503);
    expect((err as StoreWriteError).message).toContain('writer thread stopped');
    // Nothing half-remembered: the conversation reads as it is on disk, and the next write starts a new thread.
    const after = await store.commit({ conversation: rec('w'), append: [{ from: 'customer', text: 'again', at: 3 }] });
    expect(writerWorker(store)).not.toBe(worker);
    const texts = (await store.readLog('w', 0)).map((e) => e.text);
    expect(texts[0]).toBe('before');
    expect(texts.at(-1)).toBe('again');
    expect(after.lastSeq).toBe(texts.length);
    expect(await store.writeProblem()).toBeNull();
  });
});
