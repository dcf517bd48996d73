/**
 * The contract every `RuntimeStore` passes (embedded lmdb here, Redis in its own test file):
 *
 *   runStoreContract('redis', async () => ({ store: await makeRedisStore(), reopen: ..., cleanup: ... }));
 *
 * `make()` returns a fresh, empty store. `reopen` (optional) closes it and opens the same data again, to
 * check durability across a restart.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { StoreConflictError, type ConversationRecord, type RuntimeStore, type StepWrite } from '../../runtime/store/types';

export interface StoreHarness {
  store: RuntimeStore;
  /** Close and open the same data again (a restart); returns the new store. */
  reopen?: () => Promise<RuntimeStore>;
  cleanup: () => Promise<void>;
}

const T0 = Date.parse('2026-11-30T10:00:00Z');

export function conversation(id: string, over: Partial<ConversationRecord> = {}): ConversationRecord {
  return {
    id,
    flowId: 'support',
    flowRevision: 'r1',
    tokenHash: 'h-' + id,
    state: { id, n: 0 },
    mode: 'bot',
    lastSeq: 0,
    createdAt: T0,
    updatedAt: T0,
    closedAt: null,
    ...over,
  };
}

function msg(text: string, at = T0) {
  return { from: 'bot' as const, text, at };
}

export function runStoreContract(name: string, make: () => Promise<StoreHarness>) {
  describe(`RuntimeStore contract: ${name}`, () => {
    let h: StoreHarness | null = null;
    const open = async () => (h = await make());
    afterEach(async () => {
      if (h) await h.cleanup();
      h = null;
    });

    it('creates a conversation, numbers its log from 1 and reads it after a seq', async () => {
      const { store } = await open();
      const r1 = await store.commit({ conversation: conversation('c1'), create: true, append: [msg('hi'), msg('how can I help?')] });
      expect(r1.appended.map((e) => [e.seq, e.id, e.text])).toEqual([
        [1, 'c1:1', 'hi'],
        [2, 'c1:2', 'how can I help?'],
      ]);
      const r2 = await store.commit({ conversation: conversation('c1', { state: { n: 1 } }), append: [{ from: 'customer', text: 'order', at: T0 + 1 }] });
      expect(r2.lastSeq).toBe(3);
      expect((await store.getConversation('c1'))?.state).toEqual({ n: 1 });
      expect((await store.getConversation('c1'))?.lastSeq).toBe(3);
      expect((await store.readLog('c1', 1)).map((e) => e.text)).toEqual(['how can I help?', 'order']);
      expect(await store.readLog('c1', 3)).toEqual([]);
      expect(await store.getConversation('nope')).toBeNull();
    });

    it('keeps logs of different conversations apart', async () => {
      const { store } = await open();
      await store.commit({ conversation: conversation('a'), create: true, append: [msg('for a')] });
      await store.commit({ conversation: conversation('b'), create: true, append: [msg('for b 1'), msg('for b 2')] });
      expect((await store.readLog('a', 0)).map((e) => e.text)).toEqual(['for a']);
      expect((await store.readLog('b', 0)).map((e) => e.seq)).toEqual([1, 2]);
    });

    it('refuses to create twice, or to update a conversation that does not exist, and changes nothing', async () => {
      const { store } = await open();
      await store.commit({ conversation: conversation('c1'), create: true, append: [msg('one')] });
      await expect(store.commit({ conversation: conversation('c1', { state: 'x' }), create: true, append: [msg('two')] })).rejects.toBeInstanceOf(StoreConflictError);
      await expect(store.commit({ conversation: conversation('ghost') })).rejects.toBeInstanceOf(StoreConflictError);
      expect((await store.getConversation('c1'))?.state).toEqual({ id: 'c1', n: 0 });
      expect((await store.readLog('c1', 0)).map((e) => e.text)).toEqual(['one']);
      expect(await store.getConversation('ghost')).toBeNull();
    });

    it('maps an external key to one conversation', async () => {
      const { store } = await open();
      await store.commit({ conversation: conversation('c1', { externalKey: 'rasa:alice' }), create: true });
      expect((await store.findByExternalKey('rasa:alice'))?.id).toBe('c1');
      expect(await store.findByExternalKey('rasa:bob')).toBeNull();
      await expect(store.commit({ conversation: conversation('c2', { externalKey: 'rasa:alice' }), create: true })).rejects.toBeInstanceOf(StoreConflictError);
    });

    it('serialises work on one conversation, and not across conversations', async () => {
      const { store } = await open();
      const order: string[] = [];
      const slow = (tag: string, ms: number) => async () => {
        order.push(tag + '>');
        await new Promise((r) => setTimeout(r, ms));
        order.push('<' + tag);
        return tag;
      };
      const results = await Promise.all([store.runExclusive('c1', slow('a', 30)), store.runExclusive('c1', slow('b', 1)), store.runExclusive('c2', slow('x', 1))]);
      expect(results).toEqual(['a', 'b', 'x']);
      expect(order.indexOf('<a')).toBeLessThan(order.indexOf('b>'));
      expect(order.indexOf('<x')).toBeLessThan(order.indexOf('<a')); // c2 did not wait for c1
      // a failing task does not block the next one
      await expect(store.runExclusive('c1', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
      expect(await store.runExclusive('c1', async () => 'after')).toBe('after');
    });

    it('gives consecutive seqs under concurrent exclusive commits', async () => {
      const { store } = await open();
      await store.commit({ conversation: conversation('c1'), create: true });
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          store.runExclusive('c1', () => store.commit({ conversation: conversation('c1', { state: i }), append: [msg('m' + i)] })),
        ),
      );
      const log = await store.readLog('c1', 0);
      expect(log.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(log.map((e) => e.text)).toEqual(Array.from({ length: 20 }, (_, i) => 'm' + i));
    });

    it('returns due timers earliest first, hides claimed ones until the lease ends, removes them on commit', async () => {
      const { store } = await open();
      const write: StepWrite = {
        conversation: conversation('c1'),
        create: true,
        setTimers: [
          { key: 'c1:late', conversationId: 'c1', timerId: 'late', at: T0 + 5000 },
          { key: 'c1:soon', conversationId: 'c1', timerId: 'soon', at: T0 + 1000, payload: { p: 1 } },
          { key: 'c1:later', conversationId: 'c1', timerId: 'later', at: T0 + 60_000 },
        ],
      };
      await store.commit(write);
      expect(await store.nextTimerAt()).toBe(T0 + 1000);
      expect(await store.claimDueTimers(T0, 10, 1000)).toEqual([]);
      const due = await store.claimDueTimers(T0 + 5000, 10, 1000);
      expect(due.map((t) => t.timerId)).toEqual(['soon', 'late']);
      expect(due[0].payload).toEqual({ p: 1 });
      expect(await store.claimDueTimers(T0 + 5500, 10, 1000)).toEqual([]); // claimed
      expect((await store.claimDueTimers(T0 + 6001, 10, 1000)).map((t) => t.timerId)).toEqual(['soon', 'late']); // lease over
      await store.commit({ conversation: conversation('c1'), cancelTimers: ['c1:soon', 'c1:late', 'c1:unknown'] });
      expect(await store.claimDueTimers(T0 + 100_000, 10, 1000).then((ts) => ts.map((t) => t.timerId))).toEqual(['later']);
      // moving a timer replaces its deadline
      await store.commit({ conversation: conversation('c1'), setTimers: [{ key: 'c1:later', conversationId: 'c1', timerId: 'later', at: T0 + 200_000 }] });
      expect(await store.nextTimerAt()).toBe(T0 + 200_000);
    });

    it('queues outbox items once per id, retries with backoff and marks dead', async () => {
      const { store } = await open();
      const item = { id: 'eff-1', conversationId: 'c1', kind: 'notify', payload: { to: 'a@b.c' }, nextAt: T0, createdAt: T0 };
      await store.commit({ conversation: conversation('c1'), create: true, outbox: [item] });
      await store.commit({ conversation: conversation('c1'), outbox: [{ ...item, payload: { to: 'other' } }] }); // same id: ignored
      const claimed = await store.claimOutbox(T0, 10, 30_000);
      expect(claimed.map((o) => [o.id, o.attempts, o.status])).toEqual([['eff-1', 0, 'pending']]);
      expect(claimed[0].payload).toEqual({ to: 'a@b.c' });
      expect(await store.claimOutbox(T0 + 1, 10, 30_000)).toEqual([]);
      await store.failOutbox('eff-1', 'connection refused', T0 + 2000);
      expect(await store.claimOutbox(T0 + 1000, 10, 30_000)).toEqual([]); // backoff
      const again = await store.claimOutbox(T0 + 2000, 10, 30_000);
      expect(again.map((o) => [o.attempts, o.lastError])).toEqual([[1, 'connection refused']]);
      await store.completeOutbox('eff-1', T0 + 2001);
      expect((await store.getOutbox('eff-1'))?.status).toBe('done');
      expect(await store.claimOutbox(T0 + 100_000, 10, 1)).toEqual([]);
      // done items stay done: re-enqueueing after a crash replay does not send twice
      await store.commit({ conversation: conversation('c1'), outbox: [item] });
      expect(await store.claimOutbox(T0 + 200_000, 10, 1)).toEqual([]);
      await store.commit({ conversation: conversation('c1'), outbox: [{ ...item, id: 'eff-2' }] });
      await store.failOutbox('eff-2', 'bad address', null);
      expect((await store.getOutbox('eff-2'))?.status).toBe('dead');
      expect(await store.claimOutbox(T0 + 300_000, 10, 1)).toEqual([]);
    });

    it('stores handoffs (upsert by id), tickets, CSAT and idempotency records', async () => {
      const { store } = await open();
      const h = { id: 'h1', conversationId: 'c1', flowId: 'support', status: 'pending', priority: 'normal', requestedAt: T0, updatedAt: T0, request: { skill: '' }, handoff: {} };
      await store.commit({
        conversation: conversation('c1', { mode: 'waiting' }),
        create: true,
        handoffs: [h],
        records: [
          { id: 't1', kind: 'ticket', conversationId: 'c1', flowId: 'support', at: T0, data: { issue: 'broken' } },
          { id: 's1', kind: 'csat', conversationId: 'c1', flowId: 'support', at: T0, data: { score: 4 } },
        ],
        idempotency: { key: 'c1:k1', requestHash: 'abc', response: { ok: 1 }, at: T0 },
      });
      expect((await store.listHandoffs({ status: 'pending' })).map((x) => x.id)).toEqual(['h1']);
      await store.commit({ conversation: conversation('c1', { mode: 'bot' }), handoffs: [{ ...h, status: 'expired' }] });
      expect(await store.listHandoffs({ status: 'pending' })).toEqual([]);
      expect((await store.listHandoffs()).map((x) => x.status)).toEqual(['expired']);
      expect((await store.getHandoff('h1'))?.request).toEqual({ skill: '' });
      expect(await store.getHandoff('h2')).toBeNull();
      expect((await store.listRecords('ticket')).map((r) => r.data)).toEqual([{ issue: 'broken' }]);
      expect((await store.listRecords('csat', { flowId: 'other' }))).toEqual([]);
      expect((await store.getIdempotency('c1:k1'))?.response).toEqual({ ok: 1 });
      expect(await store.getIdempotency('c1:k2')).toBeNull();
    });

    it('counts conversations by mode and prunes old closed ones', async () => {
      const { store } = await open();
      await store.commit({ conversation: conversation('a'), create: true, append: [msg('x')] });
      await store.commit({ conversation: conversation('b', { externalKey: 'rasa:b' }), create: true, append: [msg('y')] });
      await store.commit({ conversation: conversation('c'), create: true });
      await store.commit({
        conversation: conversation('b', { mode: 'closed', closedAt: T0 + 10, externalKey: 'rasa:b' }),
        handoffs: [{ id: 'hb', conversationId: 'b', flowId: 'support', status: 'expired', priority: 'normal', requestedAt: T0, updatedAt: T0, request: {}, handoff: {} }],
      });
      await store.commit({ conversation: conversation('c', { mode: 'closed', closedAt: T0 + 1_000_000 }) });
      expect(await store.countByMode()).toEqual({ bot: 1, waiting: 0, agent: 0, closed: 2 });
      expect(await store.pruneClosed(T0 + 1000)).toBe(1);
      expect(await store.getConversation('b')).toBeNull();
      expect(await store.readLog('b', 0)).toEqual([]);
      expect(await store.findByExternalKey('rasa:b')).toBeNull();
      expect(await store.getHandoff('hb')).toBeNull();
      expect(await store.getConversation('c')).not.toBeNull();
      expect(await store.countByMode()).toEqual({ bot: 1, waiting: 0, agent: 0, closed: 1 });
    });

    it('keeps flow revisions and the active one', async () => {
      const { store } = await open();
      await store.putFlowRevision({ flowId: 'support', revision: 'r1', flow: { id: 'support', v: 1 }, deployedAt: T0 });
      await store.putFlowRevision({ flowId: 'support', revision: 'r2', flow: { id: 'support', v: 2 }, deployedAt: T0 + 1 });
      await store.setActiveRevision('support', 'r2');
      expect(await store.getActiveRevision('support')).toBe('r2');
      expect((await store.getFlowRevision('support', 'r1'))?.flow).toEqual({ id: 'support', v: 1 });
      expect(await store.getFlowRevision('support', 'r3')).toBeNull();
      expect(await store.getActiveRevision('other')).toBeNull();
    });

    it('tells subscribers about appended entries after they are stored', async () => {
      const { store } = await open();
      const seen: number[] = [];
      const off = store.subscribe('c1', (entries) => seen.push(...entries.map((e) => e.seq)));
      await store.commit({ conversation: conversation('c1'), create: true, append: [msg('a'), msg('b')] });
      await store.commit({ conversation: conversation('c2'), create: true, append: [msg('other')] });
      await new Promise((r) => setTimeout(r, 50));
      expect(seen).toEqual([1, 2]);
      off();
      await store.commit({ conversation: conversation('c1'), append: [msg('c')] });
      await new Promise((r) => setTimeout(r, 50));
      expect(seen).toEqual([1, 2]);
    });

    it('claims a key once until its time (session 48: a signed identity token starts one chat), also after a restart', async () => {
      const harness = await open();
      let store = harness.store;
      const now = Date.now();
      expect(await store.claimOnce('tok-a', now + 60_000, now)).toBe(true);
      expect(await store.claimOnce('tok-a', now + 60_000, now + 1)).toBe(false);
      expect(await Promise.all([store.claimOnce('tok-b', now + 60_000, now), store.claimOnce('tok-b', now + 60_000, now)])).toEqual(expect.arrayContaining([true, false]));
      // Past its time the key is free again (Redis: its expiry, wall clock; embedded: the time given).
      expect(await store.claimOnce('tok-c', now + 300, now)).toBe(true);
      await new Promise((r) => setTimeout(r, 450));
      expect(await store.claimOnce('tok-c', now + 60_000, now + 400)).toBe(true);
      if (harness.reopen) {
        store = await harness.reopen();
        harness.store = store;
        expect(await store.claimOnce('tok-a', now + 60_000, now + 2)).toBe(false);
        expect(await store.claimOnce('tok-d', now + 60_000, now + 2)).toBe(true);
      }
    });

    it('keeps everything committed across a restart', async () => {
      const harness = await open();
      if (!harness.reopen) return;
      const { store } = harness;
      await store.commit({
        conversation: conversation('c1', { mode: 'waiting' }),
        create: true,
        append: [msg('a'), msg('b')],
        setTimers: [{ key: 'c1:t', conversationId: 'c1', timerId: 't', at: T0 + 10 }],
        outbox: [{ id: 'o1', conversationId: 'c1', kind: 'notify', payload: {}, nextAt: T0, createdAt: T0 }],
      });
      await store.claimDueTimers(T0 + 10, 10, 60_000); // claimed, then the process "dies"
      const again = await harness.reopen();
      harness.store = again;
      expect((await again.getConversation('c1'))?.mode).toBe('waiting');
      expect((await again.readLog('c1', 0)).map((e) => e.text)).toEqual(['a', 'b']);
      expect((await again.claimDueTimers(T0 + 20, 10, 1000)).map((t) => t.key)).toEqual(['c1:t']);
      expect((await again.claimOutbox(T0, 10, 1000)).map((o) => o.id)).toEqual(['o1']);
      const r = await again.commit({ conversation: conversation('c1'), append: [msg('c')] });
      expect(r.appended[0].seq).toBe(3);
    });
  });
}
