/**
 * Session 8, "writing less per message": the embedded store writes the state fields that did not change under their
 * own keys once (`stateParts`) instead of re-serialising them into every record write, and stores the window's log
 * references as runs. These tests check what a user would lose if that went wrong: a state that reads back different
 * (after a restart, after a field changed back and forth), an old data folder that no longer loads, a prune that
 * leaves a conversation's pieces behind.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { EmbeddedStore, storedWindowRefs } from '../../runtime/store/embeddedStore';
import { conversation } from './storeContract';
import type { ConversationRecord, LogEntry } from '../../runtime/store/types';
import { startRuntime } from '../../runtime/serve/startRuntime';
import { loadFlowText } from '../../shared/flow/loadFlowText';

type Inside = {
  convs: { get(k: string): any };
  parts: { get(k: [string, string]): unknown; getKeys(o?: unknown): Iterable<[string, string]> };
  writer: { send(req: Record<string, unknown>): Promise<unknown> };
};
const inside = (s: EmbeddedStore) => s as unknown as Inside;

/** Records every write plan the store sends to its writer (the plan says what is written, byte for byte). */
function spyPlans(s: EmbeddedStore): Array<Record<string, unknown>> {
  const plans: Array<Record<string, unknown>> = [];
  const w = inside(s).writer;
  const send = w.send.bind(w);
  w.send = (req) => {
    plans.push(req);
    return send(req);
  };
  return plans;
}

/** The contract suite's conversation record with this file's values (flow 'f', times 1) and the given state. */
const rec = (id: string, state: Record<string, unknown>, extra: Partial<ConversationRecord> = {}): ConversationRecord =>
  conversation(id, { flowId: 'f', tokenHash: 'ab', state, createdAt: 1, updatedAt: 1, ...extra });

for (const writer of ['thread', 'inline'] as const) {
  describe(`embedded store (${writer} writer): state fields that did not change are not written again`, () => {
    it('writes an unchanged field once under its own key, then not again; a changed field reads back changed, also after a restart', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'baton-split-'));
      let store = new EmbeddedStore({ dir, writer });
      try {
        let plans = spyPlans(store);
        const big = { action: 'handoff', reason: 'loop', signals: [{ reason: 'loop', score: 1, evidence: ['where is my order', '3 times'] }], explanation: 'Handed over.' };
        let win: unknown[] = [];
        let state: Record<string, unknown> = { v: 2, mode: 'bot', variables: { a: 1 }, recentTranscript: win, turn: 0, intents: [{ name: 'greeting', turn: 0 }], lastEscalation: big, timers: [], step: 0 };
        let at = 1000;
        const step = async (change: Record<string, unknown>, create = false) => {
          const e = { from: 'customer' as const, text: `m${at}`, at: at++ };
          win = [...win, e].slice(-30);
          state = { ...state, ...change, recentTranscript: win, step: (state.step as number) + 1, turn: (state.turn as number) + 1 };
          await store.commit({ conversation: rec('c', state), create, append: [e] });
          return plans[plans.length - 1];
        };
        const read = async () => (await store.getConversation('c'))!.state as Record<string, unknown>;

        const p1 = await step({}, true);
        expect(p1.parts).toBeUndefined(); // a new conversation: everything in the record
        expect(p1.conv as string).toContain('Handed over.');
        const p2 = await step({ variables: { a: 2 } }); // intents and lastEscalation are the same objects: stored apart now
        expect(p2.parts).toEqual(['intents', JSON.stringify(state.intents), 'lastEscalation', JSON.stringify(big)]);
        expect(p2.conv as string).not.toContain('Handed over.');
        expect(p2.conv as string).toContain('"a":2'); // variables changed: in the record
        // A copy with the same members counts as unchanged (the engine copies objects it did not change).
        const p3 = await step({ lastEscalation: { ...big }, intents: [...(state.intents as unknown[])] });
        expect(p3.parts).toEqual(['variables', '{"a":2}']); // the only field newly unchanged
        expect(p3.conv as string).not.toContain('Handed over.');
        expect(await read()).toEqual(state);

        // Changed: written in the record (the part on disk is stale and must not be read back).
        const changed = { ...big, explanation: 'Handed over again.' };
        const p4 = await step({ lastEscalation: changed });
        expect(p4.conv as string).toContain('Handed over again.');
        await store.close();
        store = new EmbeddedStore({ dir, writer });
        plans = spyPlans(store);
        expect(await read()).toEqual(state);
        expect(JSON.stringify(await read())).toBe(JSON.stringify(state)); // the field order too
        expect((await read()).lastEscalation).toEqual(changed);
        // As the runtime does after a restart: the next step starts from the state read back.
        state = await read();
        win = state.recentTranscript as unknown[];

        // Stable again: stored apart again (its new value), then null (in the record).
        const p5 = await step({});
        expect(p5.parts).toEqual(['lastEscalation', JSON.stringify(changed)]); // variables and intents: on disk already
        await step({ lastEscalation: null, intents: [] });
        await store.close();
        store = new EmbeddedStore({ dir, writer });
        plans = spyPlans(store);
        const back = await read();
        expect(back.lastEscalation).toBeNull();
        expect(back.intents).toEqual([]);
        expect(JSON.stringify(back)).toBe(JSON.stringify(state));
        state = back;
        win = state.recentTranscript as unknown[];
        // After a restart the fields read from disk are the prior: unchanged ones are not written again.
        const p7 = await step({});
        expect(p7.parts).toBeUndefined();
        expect(JSON.stringify(await read())).toBe(JSON.stringify(state));
      } finally {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('stores the window references as runs and reads back the same window', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'baton-split-'));
      let store = new EmbeddedStore({ dir, writer });
      try {
        let win: Array<Record<string, unknown>> = [];
        let state: Record<string, unknown> = { v: 2, recentTranscript: win };
        for (let n = 1; n <= 40; n++) {
          const entries: Array<Record<string, unknown>> = [{ from: 'customer', text: `q${n}`, at: n, blockId: 'wait' }];
          if (n % 10 === 0) entries.push({ from: 'bot', text: `a${n}`, at: n, blockId: `b${n}`, buttons: [] }); // not rebuilt by the log: kept whole
          win = [...win, ...entries].slice(-30);
          state = { ...state, recentTranscript: win };
          const append = entries.map((e) => ({ from: e.from, text: e.text, at: e.at }) as LogEntry);
          await store.commit({ conversation: rec('w', state), create: n === 1, append });
        }
        const stored = inside(store).convs.get('w');
        expect(stored.r).toBeUndefined();
        expect(stored.q.length).toBeLessThan(10); // 30 references in a few runs
        expect(storedWindowRefs(stored)).toHaveLength(30);
        await store.close();
        store = new EmbeddedStore({ dir, writer });
        expect(JSON.stringify((await store.getConversation('w'))!.state)).toBe(JSON.stringify(state));
      } finally {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('a prune removes the state fields stored apart with the conversation', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'baton-split-'));
      const store = new EmbeddedStore({ dir, writer });
      try {
        const state = { v: 2, recentTranscript: [], intents: [{ name: 'x' }], timers: [{ id: 't' }] };
        for (const id of ['old', 'kept']) {
          await store.commit({ conversation: rec(id, state), create: true });
          await store.commit({ conversation: rec(id, { ...state, step: 1 }) });
          await store.commit({ conversation: rec(id, { ...state, step: 2 }, id === 'old' ? { mode: 'closed', closedAt: 5 } : {}) });
        }
        expect([...inside(store).parts.getKeys()].map((k) => k.join('/')).sort()).toEqual(['kept/intents', 'kept/timers', 'old/intents', 'old/timers']);
        expect(await store.pruneClosed(10)).toBe(1);
        expect([...inside(store).parts.getKeys()].map((k) => k.join('/')).sort()).toEqual(['kept/intents', 'kept/timers']);
        expect((await store.getConversation('kept'))!.state).toEqual({ ...state, step: 2 });
      } finally {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

describe('a data folder written at the start of session 8 (/tmp/s8start: one record per conversation, references as `r`)', () => {
  const fixture = join(__dirname, '../fixtures/store-s8start');
  type Expected = { id: string; token: string; record: ConversationRecord; log: LogEntry[]; idem: unknown };
  const expected = JSON.parse(readFileSync(join(fixture, 'expected.json'), 'utf8')) as Expected[];
  const unpack = () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-s8start-'));
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'data/baton.lmdb'), gunzipSync(readFileSync(join(fixture, 'baton.lmdb.gz'))));
    return dir;
  };

  it('reads every conversation, transcript and idempotency record as that version wrote them', async () => {
    const dir = unpack();
    const store = new EmbeddedStore({ dir: join(dir, 'data') });
    try {
      expect(inside(store).convs.get(expected[0].id).r).toBeDefined(); // really the old layout
      for (const e of expected) {
        expect(JSON.stringify(await store.getConversation(e.id))).toBe(JSON.stringify(e.record));
        expect(await store.readLog(e.id, 0)).toEqual(e.log);
        expect(await store.getIdempotency(`${e.id}:idem-1`)).toEqual(e.idem);
      }
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('continues those conversations under the real runtime, converts them, and a restart reads what was answered', async () => {
    const dir = unpack();
    const parsed = loadFlowText(readFileSync(join(__dirname, '../../flows/customer-support.json'), 'utf8'));
    const start = () =>
      startRuntime({
        flows: [parsed.flow!],
        port: 0,
        dataDir: join(dir, 'data'),
        logger: pino({ level: 'silent' }),
        effectLoop: false,
        config: { rateLimit: { perAddressPerMinute: 1e9, perConversationPerMinute: 1e9 }, retentionDays: 0 } as never,
      });
    let rt = await start();
    try {
      const after: Record<string, string> = {};
      for (const e of expected) {
        for (const text of ['hi', 'thanks', 'ok']) await rt.service.send(e.id, { type: 'text', text });
        const now = (await rt.store.getConversation(e.id))!;
        expect(now.lastSeq).toBeGreaterThan(e.record.lastSeq);
        after[e.id] = JSON.stringify(now);
        const log = await rt.store.readLog(e.id, 0);
        expect(log.slice(0, e.log.length)).toEqual(e.log); // the old transcript, then the new messages
        expect(log.map((x) => x.seq)).toEqual(log.map((_, i) => i + 1));
      }
      await rt.close();
      rt = await start();
      for (const e of expected) {
        const stored = inside(rt.store as EmbeddedStore).convs.get(e.id);
        expect(stored.q).toBeDefined(); // converted to the new layout on its first write
        expect(stored.r).toBeUndefined();
        expect(JSON.stringify(await rt.store.getConversation(e.id))).toBe(after[e.id]);
        await rt.service.getAuthorized(e.id, e.token); // the customer's token still works
      }
      // The waiting conversations' handoff, timers and escalation decision no longer ride along in every write.
      const waiting = expected.filter((e) => e.record.mode === 'waiting');
      expect(waiting.length).toBeGreaterThan(0);
      for (const e of waiting) {
        const stored = inside(rt.store as EmbeddedStore).convs.get(e.id);
        const text = JSON.stringify(stored);
        for (const absent of ['"transitions"', '"queue_timeout"', '"signals"']) expect(text).not.toContain(absent); // handoff, timers, lastEscalation
        const state = (await rt.store.getConversation(e.id))!.state as Record<string, unknown>;
        expect(state.handoff).toMatchObject({ transitions: expect.any(Array) });
        expect(JSON.stringify(stored).length).toBeLessThan(JSON.stringify(e.record).length / 2);
      }
      // The way back to an older version (hostile s8 #1): every record rewritten in the old layout, whole states.
      await rt.close();
      const down = new EmbeddedStore({ dir: join(dir, 'data') });
      expect(down.downgradeForOlderVersions()).toBe(expected.length);
      await down.close();
      const reread = new EmbeddedStore({ dir: join(dir, 'data') });
      try {
        for (const e of expected) {
          const raw = inside(reread).convs.get(e.id);
          expect(raw.q ?? raw.p ?? raw.d).toBeUndefined();
          expect(raw.r).toHaveLength(((JSON.parse(after[e.id]) as { state: { recentTranscript: unknown[] } }).state.recentTranscript).length);
          const { recentTranscript: _w, ...inline } = JSON.parse(after[e.id]).state;
          expect({ ...raw.state, recentTranscript: undefined }).toEqual({ ...inline, recentTranscript: undefined }); // whole state inline
          expect(JSON.stringify(await reread.getConversation(e.id))).toBe(after[e.id]);
        }
        expect([...inside(reread).parts.getKeys()]).toEqual([]);
        expect((reread as unknown as { metaDb: { get(k: string): unknown } }).metaDb.get('indexes')).toBe(1); // rebuilt at this open
      } finally {
        await reread.close();
      }
      rt = await start(); // and this version goes on from the downgraded folder
      for (const e of expected) expect(JSON.stringify(await rt.store.getConversation(e.id))).toBe(after[e.id]);
    } finally {
      await rt.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
