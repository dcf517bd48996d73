import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { open } from 'lmdb';
import { describe, expect, it } from 'vitest';
import { DataFolderInUseError, EmbeddedStore, storedWindowRefs } from '../../runtime/store/embeddedStore';
import { runStoreContract, type StoreHarness } from './storeContract';
import { auth, startTestRuntime } from './runtimeFixtures';
import { storeRecord } from '../support/storeRecord';

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
    // A lock naming this very process that this process does not hold: left by an earlier run that had the same pid
    // (a container's server is restarted as the same pid after a kill). Taken over; a second store is still refused.
    writeFileSync(join(dir, 'baton.lock'), String(process.pid));
    const c = new EmbeddedStore({ dir });
    try {
      expect(() => new EmbeddedStore({ dir })).toThrow(DataFolderInUseError);
    } finally {
      await c.close();
    }
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('embedded store: the transcript window is stored as references to the log', () => {
  const rec = storeRecord;
  type Entry = { from: string; text: string; at: number; blockId?: string; name?: string; buttons?: Array<Record<string, string>> };
  const customer = (n: number): Entry => ({ from: 'customer', text: `message ${n}`, at: 1000 + n });
  const bot = (n: number, buttons?: Entry['buttons']): Entry => ({ from: 'bot', text: `answer ${n}`, at: 1000 + n, blockId: `block${n}`, ...(buttons ? { buttons } : {}) });
  /** What the runtime appends to the log for a transcript entry (runtime/effects/planStep.ts toLogEntry). */
  const logged = (e: Entry) => {
    const out: Record<string, unknown> = { from: e.from, text: e.text, at: e.at };
    if (e.buttons && e.buttons.length > 0) out.buttons = e.buttons.map((b) => ({ id: b.id, label: b.label }));
    if (e.name) out.name = e.name;
    return out as { from: 'bot'; text: string; at: number };
  };
  const status = (at: number) => ({ from: 'system' as const, text: 'The bot is answering.', at, status: { mode: 'bot' } });
  /** Slides a window of at most 3 entries like the engine does: kept entries are the same objects. */
  const slide = (w: Entry[], add: Entry[]) => [...w, ...add].slice(-3);
  const inside = (store: EmbeddedStore) =>
    store as unknown as { convs: { get(k: string): any; put(k: string, v: unknown): Promise<boolean> }; window: { getKeysCount(): number; put(k: unknown, v: unknown): Promise<boolean> } };
  /** Window references of the stored record: numbers and [seq, blockId] pairs refer to the log, objects are entries kept whole. */
  const refs = (store: EmbeddedStore, id: string) => storedWindowRefs(inside(store).convs.get(id)) as unknown[];
  const kept = (store: EmbeddedStore, id: string) => refs(store, id).filter((r) => !Array.isArray(r) && typeof r === 'object');

  it('writes no window entries of its own, and rebuilds the same window from the log after a reopen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-window-'));
    let store = new EmbeddedStore({ dir });
    try {
      let win: Entry[] = [bot(0, [{ id: 'a', label: 'A' }])];
      let state = { v: 2, turn: 0, recentTranscript: win, variables: { a: 1 } };
      await store.commit({ conversation: rec('c1', state), create: true, append: [logged(win[0]), status(1000)] });
      for (let n = 1; n <= 7; n++) {
        const add = n % 2 ? [customer(n), bot(n)] : [customer(n), bot(n, [{ id: 'y', label: 'Yes' }, { id: 'n', label: 'No' }])];
        win = slide(win, add);
        state = { ...state, turn: n, recentTranscript: win };
        await store.commit({ conversation: rec('c1', state), append: [...add.map(logged), status(1000 + n)] });
        expect((await store.getConversation('c1'))!.state).toEqual(state);
        expect(refs(store, 'c1')).toHaveLength(3);
        expect(kept(store, 'c1')).toEqual([]); // every entry is a log reference
      }
      expect(inside(store).window.getKeysCount()).toBe(0);
      expect(inside(store).convs.get('c1').state.recentTranscript).toBeNull();
      await store.close();
      store = new EmbeddedStore({ dir });
      const read = (await store.getConversation('c1'))!;
      expect(JSON.stringify(read.state)).toBe(JSON.stringify(state)); // same values, same field order
      // The next step after a reopen shares entries with the window rebuilt from the log: still only references.
      const add = [customer(8)];
      const next = { ...state, turn: 8, recentTranscript: slide((read.state as typeof state).recentTranscript, add) };
      await store.commit({ conversation: { ...read, state: next }, append: add.map(logged) });
      expect(kept(store, 'c1')).toEqual([]);
      expect(refs(store, 'c1')).toEqual([21, [22, 'block7'], 24]); // seqs of the log entries (status events between them)
      await store.close();
      store = new EmbeddedStore({ dir });
      expect(JSON.stringify((await store.getConversation('c1'))!.state)).toBe(JSON.stringify(next));
      // The record left the in-memory cache between the read and the commit (another copy is read from disk): its
      // entries are equal, not the same objects, and are still matched (no entry is kept whole).
      const again = (await store.getConversation('c1'))!;
      (store as unknown as { hot: Map<string, unknown> }).hot.clear();
      const add9 = [customer(9), bot(9)];
      const after = { ...next, turn: 9, recentTranscript: slide((again.state as typeof state).recentTranscript, add9) };
      await store.commit({ conversation: { ...again, state: after }, append: add9.map(logged) });
      expect(kept(store, 'c1')).toEqual([]);
      expect(refs(store, 'c1')).toEqual([24, 25, [26, 'block9']]);
      expect((await store.getConversation('c1'))!.state).toEqual(after);
      const empty = { ...next, recentTranscript: [] };
      await store.commit({ conversation: { ...read, state: empty } });
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

  it('keeps whole the entries the log cannot give back exactly, and reads them back as written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-window-odd-'));
    let store = new EmbeddedStore({ dir });
    try {
      const odd: Entry[] = [
        { from: 'bot', text: 'no log entry for me', at: 5 }, // a state built elsewhere: nothing appended
        { ...bot(1), buttons: [{ id: 'x', label: 'X', extra: 'kept' }] }, // the log keeps {id, label} only
        { ...bot(2), buttons: [] }, // the log drops an empty list
        { from: 'agent', text: 'hello', at: 7, name: '' }, // the log drops an empty name
        { from: 'bot', text: 'a field the log has not', at: 8, mood: 'calm' } as Entry,
        { from: 'bot', text: 'undefined blockId', at: 8, blockId: undefined },
        { from: 'agent', text: 'hi again', at: 9, name: 'Ann' }, // this one the log does rebuild
      ];
      const state = { v: 2, recentTranscript: odd };
      await store.commit({ conversation: rec('c1', state), create: true, append: odd.slice(1).map(logged) });
      expect(kept(store, 'c1')).toHaveLength(6);
      expect(refs(store, 'c1')[6]).toBe(6);
      await store.close();
      store = new EmbeddedStore({ dir });
      const read = (await store.getConversation('c1'))!.state as typeof state;
      expect(JSON.stringify(read)).toBe(JSON.stringify(state));
      // Records are JSON text since session 5 (as in the Redis store): a field set to undefined reads as undefined.
      expect(read.recentTranscript[5].blockId).toBeUndefined();
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads data folders written by older versions (msgpack records; window inline or in its own table) and converts records on the next write', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-window-old-'));
    const inline = { v: 2, recentTranscript: [customer(1), customer(2)], turn: 2 };
    const table = { v: 2, recentTranscript: [customer(3), bot(4)], turn: 4 };
    // Written the way older versions did, with lmdb's default encoding (msgpackr records): session 2 stored the
    // record with the whole state; session 3 stored the window's entries under [id, n] in the transcriptWindow table
    // and `w` = [first, end) in a record whose window is null.
    const old = open({ path: join(dir, 'baton.lmdb'), compression: false, maxDbs: 20 });
    await old.openDB({ name: 'conversations' }).put('old', { ...rec('old', inline), lastSeq: 1 });
    await old.openDB({ name: 'log' }).put(['old', 1], { from: 'customer', text: 'message 2', at: 1002, id: 'old:1', seq: 1 });
    await old.openDB({ name: 'transcriptWindow' }).put(['split', 7], table.recentTranscript[0]);
    await old.openDB({ name: 'transcriptWindow' }).put(['split', 8], table.recentTranscript[1]);
    await old.openDB({ name: 'conversations' }).put('split', { ...rec('split', { ...table, recentTranscript: null }), lastSeq: 0, w: [7, 9] });
    await old.close();
    let store = new EmbeddedStore({ dir });
    try {
      const oldRec = (await store.getConversation('old'))!;
      const split = (await store.getConversation('split'))!;
      expect(oldRec.state).toEqual(inline);
      expect(await store.readLog('old', 0)).toEqual([{ from: 'customer', text: 'message 2', at: 1002, id: 'old:1', seq: 1 }]);
      expect(split.state).toEqual(table);
      expect(split).not.toHaveProperty('w');
      const more = [customer(5)];
      const nextOld = { ...inline, recentTranscript: [...(oldRec.state as typeof inline).recentTranscript, ...more], turn: 3 };
      const nextSplit = { ...table, recentTranscript: [...(split.state as typeof table).recentTranscript, ...more], turn: 5 };
      await store.commit({ conversation: { ...oldRec, state: nextOld }, append: more.map(logged) });
      await store.commit({ conversation: { ...split, state: nextSplit }, append: more.map(logged) });
      expect(inside(store).window.getKeysCount()).toBe(0); // the old table's entries are gone
      expect(refs(store, 'split')).toEqual([table.recentTranscript[0], table.recentTranscript[1], 1]);
      expect(refs(store, 'old')).toEqual([inline.recentTranscript[0], inline.recentTranscript[1], 2]);
      await store.close();
      store = new EmbeddedStore({ dir });
      expect((await store.getConversation('old'))!.state).toEqual(nextOld);
      expect((await store.getConversation('split'))!.state).toEqual(nextSplit);
      expect((await store.readLog('old', 0)).map((e) => e.text)).toEqual(['message 2', 'message 5']);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('embedded store under the real runtime', () => {
  it('stores every window entry of a real conversation as a log reference, and a restart reads the same state', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-window-rt-'));
    const rt = await startTestRuntime({ dir });
    let stopped = false;
    try {
      const start = await rt.post('/api/v1/flows/shop/conversations', {});
      expect(start.status).toBe(201);
      const { conversationId: id, token } = start.body;
      for (const body of [{ text: 'hello' }, { choice: 'order' }, { text: 'NW-1234' }, { text: 'thanks' }, { text: 'I want a refund' }]) {
        const res = await rt.post(`/api/v1/conversations/${id}/messages`, body, auth(token));
        expect([200, 409]).toContain(res.status);
      }
      const before = (await rt.store.getConversation(id))!;
      const stored = (rt.store as unknown as { convs: { get(k: string): any } }).convs.get(id);
      const r = storedWindowRefs(stored)!;
      expect(r.length).toBe((before.state as { recentTranscript: unknown[] }).recentTranscript.length);
      expect(r.length).toBeGreaterThan(5);
      expect(r.filter((x: unknown) => !Array.isArray(x) && typeof x === 'object')).toEqual([]);
      await rt.stop();
      stopped = true;
      const store = new EmbeddedStore({ dir });
      try {
        expect(JSON.stringify((await store.getConversation(id))!)).toBe(JSON.stringify(before));
      } finally {
        await store.close();
      }
    } finally {
      if (!stopped) await rt.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
