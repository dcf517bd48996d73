import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open } from 'lmdb';
import { describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../runtime/store/embeddedStore';
import { openDatabases } from '../../runtime/store/embeddedWriter.mjs';
import { storeRecord } from '../support/storeRecord';

/**
 * Session 15 (rtfast): inside a write transaction the JSON text of records, log entries and state parts is written
 * through one reused buffer instead of a new Buffer per put (embeddedWriter.mjs `textBytes`). The bytes on disk must be
 * exactly the text's UTF-8 bytes, whatever the text (multi-byte characters, texts longer than the buffer, texts longer
 * than the largest shared buffer), and two values written in one transaction must not share bytes.
 */
const rec = storeRecord;

function raw(store: EmbeddedStore, db: 'convs' | 'journal', key: unknown): Buffer {
  const d = (store as unknown as Record<string, { getBinary(k: unknown): Buffer | undefined }>)[db];
  const b = d.getBinary(key);
  if (!b) throw new Error(`no value under ${JSON.stringify(key)} in ${db}`);
  return Buffer.from(b);
}

describe('rtfast15: JSON text written through the reused buffer', () => {
  for (const writer of ['inline', 'thread'] as const) {
    it(`stores exactly the text's UTF-8 bytes, short, multi-byte, longer than the buffer and longer than the largest shared one (${writer} writer)`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'baton-rtf15-'));
      let store = new EmbeddedStore({ dir, writer });
      try {
        const texts = [
          'hi',
          'Zoë 😀 İstanbul — “quoted” \\ back\nslash \u2028',
          'é'.repeat(30_000), // 60,000 bytes: over the first 64 KB buffer's 3-bytes-per-character bound
          '😀'.repeat(200_000), // 800,000 bytes, 400,000 UTF-16 units: over the largest shared buffer, written as lmdb does
          'after the long ones',
        ];
        const state = { v: 2, turn: 1, variables: { name: 'Zoë 😀', long: 'ü'.repeat(40_000) } };
        await store.commit({ conversation: rec('c1', state), create: true, append: texts.map((text, i) => ({ from: 'customer' as const, text, at: i })) });
        const convText = raw(store, 'convs', 'c1').toString('utf8');
        const stored = JSON.parse(convText) as { g: number[]; state: { variables: { long: string } } };
        expect(stored.state.variables.long).toBe('ü'.repeat(40_000));
        const g0 = stored.g[2];
        for (let i = 0; i < texts.length; i++) {
          const bytes = raw(store, 'journal', g0 + i);
          expect(bytes.equals(Buffer.from(JSON.stringify({ from: 'customer', text: texts[i], at: i }), 'utf8'))).toBe(true);
        }
        // A second commit in the same conversation (smaller record after a large one: no stale tail bytes).
        await store.commit({ conversation: rec('c1', { v: 2, turn: 2, variables: {} }, texts.length), append: [{ from: 'bot', text: 'ok', at: 9 }] });
        expect(JSON.parse(raw(store, 'convs', 'c1').toString('utf8')).state.turn).toBe(2);
        await store.close();
        store = new EmbeddedStore({ dir, writer });
        const log = await store.readLog('c1', 0);
        expect(log.map((e) => e.text)).toEqual([...texts, 'ok']);
        expect((await store.getConversation('c1'))!.state).toEqual({ v: 2, turn: 2, variables: {} });
      } finally {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it('two values put in one transaction keep their own bytes; a put outside a transaction gets its own copy', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-rtf15-'));
    const root = open({ path: join(dir, 'x.lmdb'), compression: false, maxDbs: 8, eventTurnBatching: false });
    try {
      const db = openDatabases(root, { journal: 'journal', parts: 'stateParts' }) as Record<string, { put(k: unknown, v: unknown): Promise<boolean>; get(k: unknown): unknown; getBinary(k: unknown): Uint8Array | undefined }>;
      await root.transaction(() => {
        db.journal.put(1, '{"text":"first, longer than the second"}');
        db.journal.put(2, '{"text":"2nd"}');
        db.parts.put(['c', 'waiting'], JSON.stringify({ kind: 'input', blockId: 'ask' }));
      });
      // Outside a transaction lmdb queues the put with a pointer to its bytes: the later puts must not change them.
      const queued = db.journal.put(3, '{"text":"queued outside a transaction"}');
      (db.journal as unknown as { putSync(k: unknown, v: unknown): boolean }).putSync(4, '{"text":"written at once while 3 waited"}');
      await queued;
      expect(db.journal.get(1)).toEqual({ text: 'first, longer than the second' });
      expect(db.journal.get(2)).toEqual({ text: '2nd' });
      expect(Buffer.from(db.journal.getBinary(2)!).toString('utf8')).toBe('{"text":"2nd"}');
      expect(db.parts.get(['c', 'waiting'])).toEqual({ kind: 'input', blockId: 'ask' });
      expect(db.journal.get(3)).toEqual({ text: 'queued outside a transaction' });
      expect(db.journal.get(4)).toEqual({ text: 'written at once while 3 waited' });
    } finally {
      await root.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
