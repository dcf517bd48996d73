import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open } from 'lmdb';
import { describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../runtime/store/embeddedStore';
import { storeRecord } from '../support/storeRecord';

/**
 * Session 5 (perf6): the embedded store writes conversation records and log entries as JSON text (made on the main
 * thread, written as bytes by the writer thread); values older versions wrote as msgpack are still read.
 */
const rec = storeRecord;

/** The bytes lmdb holds for a value (the store's private databases). */
function raw(store: EmbeddedStore, db: 'convs' | 'log' | 'journal', key: unknown): Buffer {
  const d = (store as unknown as Record<string, { getBinary(k: unknown): Buffer | undefined }>)[db];
  const b = d.getBinary(key);
  if (!b) throw new Error(`no value under ${JSON.stringify(key)} in ${db}`);
  return Buffer.from(b);
}

describe('embedded store: records and log entries as JSON text', () => {
  it('writes JSON and reads it back (a field set to undefined reads as undefined, as with the Redis store)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-json-'));
    let store = new EmbeddedStore({ dir });
    try {
      const state = { v: 2, turn: 1, variables: { name: 'Zoë 😀', n: 3.5, list: [1, 'two', null] }, note: undefined };
      await store.commit({
        conversation: rec('c1', state),
        create: true,
        append: [{ from: 'customer', text: 'héllo "quoted" \\ back\nslash', at: 5 }, { from: 'bot', text: 'hi', at: 6, buttons: [{ id: 'a', label: 'A' }] }],
      });
      const text = raw(store, 'convs', 'c1').toString('utf8');
      expect(text.startsWith('{"id":"c1"')).toBe(true);
      expect(JSON.parse(text).state.variables.name).toBe('Zoë 😀');
      // id and seq follow from the key [conversation, seq]: not stored again (readLog adds them back).
      const g = JSON.parse(text).g as number[]; // the run of this commit: [seq0, n, journal number of seq0]
      expect(g.slice(0, 2)).toEqual([1, 2]);
      expect(raw(store, 'journal', g[2] + 1).toString('utf8')).toBe('{"from":"bot","text":"hi","at":6,"buttons":[{"id":"a","label":"A"}]}');
      await store.close();
      store = new EmbeddedStore({ dir });
      const read = (await store.getConversation('c1'))!;
      expect(read.state).toEqual({ v: 2, turn: 1, variables: { name: 'Zoë 😀', n: 3.5, list: [1, 'two', null] } });
      expect((read.state as { note?: unknown }).note).toBeUndefined();
      expect(read.lastSeq).toBe(2);
      expect(await store.readLog('c1', 0)).toEqual([
        { from: 'customer', text: 'héllo "quoted" \\ back\nslash', at: 5, id: 'c1:1', seq: 1 },
        { from: 'bot', text: 'hi', at: 6, buttons: [{ id: 'a', label: 'A' }], id: 'c1:2', seq: 2 },
      ]);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a data folder written by the previous version (plain msgpack maps), then writes new values as JSON next to the old ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-json-old-'));
    // As session 4 / early session 5 wrote them: lmdb msgpack without records (useRecords: false).
    const old = open({ path: join(dir, 'baton.lmdb'), compression: false, maxDbs: 20, useRecords: false } as never);
    const window = [{ from: 'customer', text: 'one', at: 11 }];
    await old.openDB({ name: 'conversations' }).put('old', { ...rec('old', { v: 2, turn: 1, recentTranscript: null }, 1), r: [1] });
    await old.openDB({ name: 'log' }).put(['old', 1], { from: 'customer', text: 'one', at: 11, id: 'old:1', seq: 1 });
    await old.openDB({ name: 'modeIndex' }).put(['bot', 'old'], null);
    expect(old.openDB({ name: 'log' }).getBinary(['old', 1])![0]).toBe(0xde); // a msgpack map (map16, as msgpackr writes maps)
    await old.close();
    let store = new EmbeddedStore({ dir });
    try {
      const before = (await store.getConversation('old'))!;
      expect(before.state).toEqual({ v: 2, turn: 1, recentTranscript: window });
      expect(raw(store, 'convs', 'old')[0]).not.toBe(0x7b); // still msgpack until written
      const add = { from: 'bot' as const, text: 'two', at: 12 };
      const next = { v: 2, turn: 2, recentTranscript: [...(before.state as { recentTranscript: unknown[] }).recentTranscript, add] };
      await store.commit({ conversation: { ...before, state: next }, append: [add] });
      expect(raw(store, 'convs', 'old')[0]).toBe(0x7b); // converted on its next write
      const stored = JSON.parse(raw(store, 'convs', 'old').toString('utf8'));
      expect(stored.lo).toBe(1); // entries up to seq 1 stay in the older `log` table, and read
      expect(raw(store, 'journal', stored.g[2])[0]).toBe(0x7b); // the new one went to the journal
      expect(raw(store, 'log', ['old', 1])[0]).not.toBe(0x7b);
      await store.close();
      store = new EmbeddedStore({ dir });
      expect((await store.getConversation('old'))!.state).toEqual(next);
      expect(await store.readLog('old', 0)).toEqual([
        { from: 'customer', text: 'one', at: 11, id: 'old:1', seq: 1 },
        { from: 'bot', text: 'two', at: 12, id: 'old:2', seq: 2 },
      ]);
      expect(await store.listByMode('bot')).toHaveLength(1);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the log of a long conversation in order across runs moved out of the record, rebuilds its window after a reopen, and prunes it all', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-journal-'));
    let store = new EmbeddedStore({ dir });
    try {
      type E = { from: string; text: string; at: number; blockId?: string };
      let a = { ...rec('a', { v: 2, recentTranscript: [] as E[] }) };
      let b = { ...rec('b', { v: 2, recentTranscript: [] as E[] }) };
      await store.commit({ conversation: a, create: true });
      await store.commit({ conversation: b, create: true });
      // 48 commits each, interleaved (so their journal numbers interleave and runs cannot merge): runs move out of the
      // record at the 25th commit (RUNS_KEPT = 24 runs kept), and again at the 49th.
      const N = 48;
      for (let i = 1; i <= N; i++) {
        for (const which of ['a', 'b'] as const) {
          const cur = (await store.getConversation(which))!;
          const add: E[] = [{ from: 'customer', text: `${which} ${i}`, at: i }, { from: 'bot', text: `${which} answer ${i}`, at: i, blockId: `b${i}` }];
          const win = [...(cur.state as { recentTranscript: E[] }).recentTranscript, ...add].slice(-60); // a window longer than the runs a record keeps
          const next = { ...cur, state: { v: 2, recentTranscript: win } };
          await store.commit({ conversation: next, append: add.map(({ blockId: _b, ...e }) => e) as never });
          if (which === 'a') a = next as typeof a;
          else b = next as typeof b;
        }
      }
      const runsTable = (store as unknown as { logRuns: { getKeysCount(): number } }).logRuns;
      // While the commit that moves runs out of the record is on its way, reads still find every written entry.
      const c49 = (await store.getConversation('a'))!;
      const add49 = [{ from: 'customer' as const, text: 'a 49', at: 49 }];
      const spilled = runsTable.getKeysCount();
      const pending = store.commit({ conversation: { ...c49, state: { v: 2, recentTranscript: [...(c49.state as { recentTranscript: E[] }).recentTranscript, ...add49].slice(-60) } }, append: add49 });
      expect((await store.readLog('a', 0)).length).toBe(2 * N);
      await pending;
      expect((await store.readLog('a', 0)).length).toBe(2 * N + 1);
      expect(runsTable.getKeysCount()).toBe(spilled + 1);
      a = (await store.getConversation('a'))! as typeof a;
      expect(runsTable.getKeysCount()).toBeGreaterThan(0); // older runs moved out of the records
      const texts = (xs: Array<{ text: string }>) => xs.map((e) => e.text);
      const want = (w: string, from = 1) => Array.from({ length: N + 1 - from }, (_, k) => [`${w} ${k + from}`, `${w} answer ${k + from}`]).flat();
      const check = async (s: EmbeddedStore) => {
        const all = await s.readLog('a', 0);
        expect(texts(all)).toEqual([...want('a'), 'a 49']);
        expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 2 * N + 1 }, (_, k) => k + 1));
        expect(all[9]).toEqual({ from: 'bot', text: 'a answer 5', at: 5, id: 'a:10', seq: 10 });
        expect(texts(await s.readLog('b', 61))).toEqual(want('b', 31).slice(1 + 60 - 60));
        expect(texts(await s.readLog('a', 3, 4))).toEqual(['a answer 2', 'a 3', 'a answer 3', 'a 4']);
      };
      await check(store);
      await store.close();
      store = new EmbeddedStore({ dir });
      await check(store);
      // The window (last 60 entries: 30 commits) reaches back into runs moved out of the record: rebuilt the same.
      expect(JSON.stringify((await store.getConversation('a'))!.state)).toBe(JSON.stringify(a.state));
      expect(JSON.stringify((await store.getConversation('b'))!.state)).toBe(JSON.stringify(b.state));
      // Pruned: its journal entries and moved runs go with it; the other conversation is untouched.
      const closed = (await store.getConversation('a'))!;
      await store.commit({ conversation: { ...closed, mode: 'closed', closedAt: 5 } });
      expect(await store.pruneClosed(10)).toBe(1);
      const journal = (store as unknown as { journal: { getKeysCount(): number } }).journal;
      expect(journal.getKeysCount()).toBe(2 * N);
      expect(await store.readLog('a', 0)).toEqual([]);
      expect(texts(await store.readLog('b', 0))).toEqual(want('b'));
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
