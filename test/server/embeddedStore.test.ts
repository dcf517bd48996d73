import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DataFolderInUseError, EmbeddedStore } from '../../runtime/store/embeddedStore';
import { runStoreContract, type StoreHarness } from './storeContract';

runStoreContract('embedded (lmdb)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'baton-store-'));
  const h: StoreHarness = {
    store: new EmbeddedStore({ dir }),
    reopen: async () => {
      await h.store.close();
      h.store = new EmbeddedStore({ dir });
      return h.store;
    },
    cleanup: async () => {
      await h.store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
});

describe('embedded store data folder', () => {
  it('refuses a second owner of a data folder, and takes over a lock left by a dead process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-lock-'));
    const a = new EmbeddedStore({ dir });
    try {
      expect(() => new EmbeddedStore({ dir })).toThrow(DataFolderInUseError);
    } finally {
      await a.close();
    }
    writeFileSync(join(dir, 'baton.lock'), '999999999'); // a pid that does not exist
    const b = new EmbeddedStore({ dir });
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('embedded store: the transcript window is stored apart from the record', () => {
  const rec = (id: string, state: unknown) => ({
    id,
    flowId: 'f',
    flowRevision: 'r1',
    tokenHash: 'ab',
    state,
    mode: 'bot' as const,
    lastSeq: 0,
    createdAt: 1,
    updatedAt: 1,
    closedAt: null,
  });
  const entry = (n: number) => ({ from: 'customer', text: `message ${n}`, at: 1000 + n });
  /** Slides a window of at most 3 entries like the engine does: kept entries are the same objects. */
  const slide = (w: unknown[], add: unknown[]) => [...w, ...add].slice(-3);

  it('reads back the same state after each step, after a reopen, and keeps only the window\'s entries on disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-window-'));
    let store = new EmbeddedStore({ dir });
    try {
      let win: unknown[] = [entry(0)];
      let state = { v: 2, turn: 0, recentTranscript: win, variables: { a: 1 } };
      await store.commit({ conversation: rec('c1', state), create: true });
      for (let n = 1; n <= 7; n++) {
        win = slide(win, n % 2 ? [entry(n)] : [entry(n), entry(n + 100)]);
        state = { ...state, turn: n, recentTranscript: win };
        await store.commit({ conversation: rec('c1', state) });
        expect((await store.getConversation('c1'))!.state).toEqual(state);
      }
      // A state built elsewhere (no shared entries) rewrites the window whole; an empty window is kept empty.
      const foreign = { ...state, recentTranscript: [entry(50), entry(51)] };
      await store.commit({ conversation: rec('c1', foreign) });
      const windowKeys = () => (store as unknown as { window: { getKeysCount(): number } }).window.getKeysCount();
      expect(windowKeys()).toBe(2);
      await store.close();
      store = new EmbeddedStore({ dir });
      const read = (await store.getConversation('c1'))!;
      expect(read.state).toEqual(foreign);
      expect(Object.keys(read.state as object)).toEqual(Object.keys(foreign)); // same field order as written
      // The next step after a reopen shares entries with the window read from disk: only the new one is written.
      const next = { ...foreign, recentTranscript: slide((read.state as typeof foreign).recentTranscript, [entry(52)]) };
      await store.commit({ conversation: { ...read, state: next } });
      expect(windowKeys()).toBe(3);
      const empty = { ...next, recentTranscript: [] };
      await store.commit({ conversation: { ...read, state: empty } });
      expect(windowKeys()).toBe(0);
      await store.close();
      store = new EmbeddedStore({ dir });
      expect((await store.getConversation('c1'))!.state).toEqual(empty);
      // States that are not engine states (no window array) are stored as they are.
      await store.commit({ conversation: rec('c2', 'opaque'), create: true });
      expect((await store.getConversation('c2'))!.state).toBe('opaque');
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a record written whole by an older version (window inline), and splits it on the next write', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-window-old-'));
    let store = new EmbeddedStore({ dir });
    const state = { v: 2, recentTranscript: [entry(1), entry(2)], turn: 2 };
    try {
      // What the previous version stored: the record with the whole state, no window keys.
      const convs = (store as unknown as { convs: { put(k: string, v: unknown): Promise<boolean> } }).convs;
      await convs.put('old', { ...rec('old', state), lastSeq: 0 });
      await store.close();
      store = new EmbeddedStore({ dir });
      const read = (await store.getConversation('old'))!;
      expect(read.state).toEqual(state);
      const next = { ...state, recentTranscript: [...state.recentTranscript, entry(3)], turn: 3 };
      await store.commit({ conversation: { ...read, state: next } });
      await store.close();
      store = new EmbeddedStore({ dir });
      expect((await store.getConversation('old'))!.state).toEqual(next);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
