/**
 * Closing the embedded store after a failed commit (a full disk) must end: lmdb never settles the flush of a commit
 * that failed, and its close waits for that flush, so `baton serve --workers 0` never finished its SIGTERM drain
 * (shard2, session 7, /tmp/shard2/repro). Every acknowledged write already waited for its own flush, so a bounded
 * wait loses nothing. Simulated here: lmdb's last flush and its close never settle.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedStore, closeWait } from '../../runtime/store/embeddedStore';
import { conversation } from './storeContract';

const rec = (id: string) => conversation(id, { flowId: 'f', tokenHash: 'ab', state: { v: 2 }, createdAt: 1, updatedAt: 1 });

describe('embedded store close after a failed commit', () => {
  const saved = closeWait.ms;
  afterEach(() => {
    closeWait.ms = saved;
  });

  it('ends (and frees the data folder) when lmdb never settles its last flush', async () => {
    closeWait.ms = 300;
    const dir = mkdtempSync(join(tmpdir(), 'baton-close-'));
    const store = new EmbeddedStore({ dir, writer: 'inline' });
    await store.commit({ conversation: rec('c'), create: true, append: [{ from: 'customer', text: 'kept', at: 1 }] });
    const root = (store as unknown as { root: { close(): Promise<void>; flushed: unknown } }).root;
    const realClose = root.close.bind(root);
    const never = new Promise<void>(() => undefined);
    Object.defineProperty(root, 'flushed', { get: () => never, configurable: true });
    root.close = () => never;
    const closed = await Promise.race([store.close().then(() => 'closed'), new Promise((r) => setTimeout(() => r('still pending after 5 s'), 5000))]);
    expect(closed).toBe('closed');
    expect(existsSync(join(dir, 'baton.lock'))).toBe(false); // a restart can take the folder
    await realClose();
    const again = new EmbeddedStore({ dir });
    try {
      expect((await again.readLog('c', 0)).map((e) => e.text)).toEqual(['kept']); // what was acknowledged is there
    } finally {
      await again.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
