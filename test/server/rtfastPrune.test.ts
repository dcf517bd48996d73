/**
 * Session 14 (rtfast): a commit planned while no prune is under way is written without lmdb's "does this
 * conversation still exist" read (embeddedStore.ts `pruning`, `CommitRequest.known`); while a prune runs, every commit
 * still gets that check. And a prune that fails part-way forgets, in `hot`, the conversations it already removed (a
 * read during a batch's flight could bring one back), so no later commit writes a removed conversation back.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../runtime/store/embeddedStore';
import { conversation } from './storeContract';

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-30T10:00:00Z');
const say = (text: string) => ({ from: 'customer' as const, text, at: T0 });

/** Counts the existence reads of the store's conversations table (the inline writer runs on the same handle). */
function countExistenceReads(store: EmbeddedStore): { reads: number } {
  const convs = (store as unknown as { convs: { doesExist: (...a: unknown[]) => boolean } }).convs;
  const counter = { reads: 0 };
  const original = convs.doesExist.bind(convs);
  convs.doesExist = (...a: unknown[]) => {
    counter.reads++;
    return original(...a);
  };
  return counter;
}

describe('rtfast: the existence check of a commit, and prunes', () => {
  it('reads whether the conversation exists only for commits planned while a prune runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rtfast-known-'));
    const store = new EmbeddedStore({ dir, writer: 'inline' });
    try {
      await store.commit({ conversation: conversation('a'), create: true, append: [say('hello')] });
      await store.commit({ conversation: conversation('old', { mode: 'closed', closedAt: T0 }), create: true });
      const counter = countExistenceReads(store);
      const a1 = await store.getConversation('a');
      await store.commit({ conversation: { ...a1!, updatedAt: T0 + 1 }, append: [say('again')] });
      expect(counter.reads, 'no prune under way: no existence read').toBe(0);
      const pruning = store.pruneClosed(T0 + DAY);
      const a2 = await store.getConversation('a');
      const during = store.commit({ conversation: { ...a2!, updatedAt: T0 + 2 }, append: [say('during the prune')] });
      await Promise.all([pruning, during]);
      expect(counter.reads, 'planned while the prune ran: checked').toBeGreaterThanOrEqual(1);
      expect((await store.readLog('a', 0)).map((e) => e.text)).toEqual(['hello', 'again', 'during the prune']);
      expect(await store.getConversation('old')).toBeNull();
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a prune that fails part-way does not leave a removed conversation readable or writable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rtfast-prune-fail-'));
    const store = new EmbeddedStore({ dir, writer: 'inline' });
    try {
      // 501 closed conversations: two prune batches (500 + 1), in key order: 'v0' goes in the first.
      const ids = Array.from({ length: 501 }, (_, i) => `v${i}`);
      await Promise.all(ids.map((id) => store.commit({ conversation: conversation(id, { mode: 'closed', closedAt: T0 }), create: true, append: [say(id)] })));
      const pruning = store.pruneClosed(T0 + DAY);
      // While the first batch is on its way, a read brings v0 back into the hot cache (lmdb still has it) ...
      const stale = await store.getConversation('v0');
      expect(stale).not.toBeNull();
      // ... and the second batch fails (a full disk).
      store.simulateCommitFailures(1);
      await expect(pruning).rejects.toThrow(/No space|full|write/i);
      // v0 was removed by the first batch: not readable, and its old record is not written back.
      expect(await store.getConversation('v0')).toBeNull();
      await expect(store.commit({ conversation: { ...stale!, mode: 'bot', closedAt: null, updatedAt: T0 + 5 }, append: [say('late')] })).rejects.toThrow(/does not exist/);
      expect(await store.getConversation('v0')).toBeNull();
      // The second batch's conversation (the last id in key order, 'v99') is still there: its batch failed. The next
      // prune removes it.
      expect(await store.countByMode()).toEqual({ bot: 0, waiting: 0, agent: 0, closed: 1 });
      expect(await store.getConversation('v99')).not.toBeNull();
      expect(await store.pruneClosed(T0 + DAY)).toBe(1);
      expect(await store.countByMode()).toEqual({ bot: 0, waiting: 0, agent: 0, closed: 0 });
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
