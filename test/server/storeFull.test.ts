/**
 * Hostile report, HIGH: a full disk made `baton serve` answer 500s and then DIE on an unhandled rejection
 * (lmdb "Commit failed"). Now: 507 naming the data folder, reads keep working, /readyz 503 while writes fail,
 * the process survives. Injected failure (ENOSPC from the commit, with lmdb's unhandled `commitError` promise).
 * (Before session 3 a real full tmpfs was reported to block the event loop; the tmpfs test below checks
 * /healthz answers within 1 s while the disk is full.)
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mountTmpfs, unmountTmpfs } from '../support/tmpfs';
import { startTestRuntime, type TestRuntime } from './runtimeFixtures';
import type { EmbeddedStore } from '../../runtime/store/embeddedStore';

describe('a data folder that refuses writes (injected ENOSPC)', () => {
  let rt: TestRuntime;
  afterAll(async () => rt?.stop());

  it('answers 507 naming the folder, keeps serving reads, /readyz 503 until writes work again', async () => {
    rt = await startTestRuntime();
    const created = await rt.post('/api/v1/flows/shop/conversations', {});
    expect(created.status).toBe(201);
    const { conversationId, token } = created.body;

    (rt.store as EmbeddedStore).simulateCommitFailures(1000);
    const refused = await rt.post('/api/v1/flows/shop/conversations', {});
    expect(refused.status).toBe(507);
    expect(refused.body.error).toBe('storage_full');
    expect(refused.body.message).toContain(rt.dir);
    expect(refused.body.message).toMatch(/is full, so nothing was saved/);

    const read = await rt.get(`/api/v1/conversations/${conversationId}`, { authorization: `Bearer ${token}` });
    expect(read.status).toBe(200);
    expect(read.body.messages.length).toBeGreaterThan(0);

    const notReady = await rt.get('/readyz');
    expect(notReady.status).toBe(503);
    expect(notReady.body.message).toContain(rt.dir);

    (rt.store as EmbeddedStore).simulateCommitFailures(0); // space was freed
    await new Promise((r) => setTimeout(r, 1100)); // the readiness probe write runs at most once a second
    const ready = await rt.get('/readyz');
    expect(ready.status).toBe(200);
    expect((await rt.post('/api/v1/flows/shop/conversations', {})).status).toBe(201);
  });
});

/**
 * The same on a REAL full file system: a small tmpfs mounted for the test (needs root; elsewhere the test is skipped
 * with a loud line). The disk is filled around lmdb until a write fails with ENOSPC: the answer is 507, the process
 * keeps answering at once (no blocked event loop, no unhandled rejection: the store catches its own write promises,
 * with no process-wide handler), reads work, and writes work again once space is freed.
 */
import { rmSync as rm, statfsSync, writeFileSync as writeFile } from 'node:fs';
import { join as joinPath } from 'node:path';


describe('a data folder on a really full file system (tmpfs)', () => {
  const mount = mountTmpfs('baton-full-');
  if (!mount) console.warn('\n*** SKIPPED test/server/storeFull.test.ts (real tmpfs): mounting a tmpfs needs root (mount -t tmpfs); the injected-ENOSPC test above still runs ***\n');
  let rt: TestRuntime | undefined;
  afterAll(async () => {
    await rt?.stop();
    if (mount) {
      unmountTmpfs(mount);
    }
  });

  it.skipIf(!mount)('answers 507 at once, stays responsive, keeps reads, and writes again once space is freed', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (r: unknown) => unhandled.push(r);
    process.on('unhandledRejection', onUnhandled);
    try {
      rt = await startTestRuntime({ dir: joinPath(mount!, 'data'), config: { rateLimit: { perAddressPerMinute: 100000, perConversationPerMinute: 100000 } } as never });
      const created = await rt.post('/api/v1/flows/shop/conversations', {});
      expect(created.status).toBe(201);
      const { conversationId, token } = created.body;
      const auth = { authorization: `Bearer ${token}` };
      // Leave ~96 KB free, then write until the disk is full.
      const s = statfsSync(mount!);
      const filler = joinPath(mount!, 'filler');
      writeFile(filler, Buffer.alloc(Math.max(0, Number(s.bavail) * Number(s.bsize) - 96 * 1024)));
      let refused: { status: number; body: any } = { status: 0, body: null };
      for (let writes = 0; writes < 3000 && refused.status !== 507; writes++) {
        refused = await rt.post('/api/v1/flows/shop/conversations', {});
        expect([201, 507]).toContain(refused.status);
      }
      expect(refused.status).toBe(507);
      expect(refused.body).toMatchObject({ error: 'storage_full' });
      expect(refused.body.message).toContain(mount!);
      // Readiness retries a tiny probe write, which may fit in pages lmdb still has free: 503 or 200, answered at once.
      expect([200, 503]).toContain((await rt.get('/readyz')).status);
      const t0 = performance.now();
      const health = await rt.get('/healthz');
      expect(health.status).toBe(200);
      expect(performance.now() - t0).toBeLessThan(1000);
      // A smaller write may still fit in pages lmdb has free; either way a clear answer, never a 500.
      const again = await rt.post(`/api/v1/conversations/${conversationId}/messages`, { text: 'hello' }, auth);
      expect([200, 507]).toContain(again.status);
      const read = await rt.get(`/api/v1/conversations/${conversationId}`, auth);
      expect(read.status).toBe(200);

      rm(filler); // space freed
      await new Promise((r) => setTimeout(r, 1100)); // the readiness probe write runs at most once a second
      expect((await rt.get('/readyz')).status).toBe(200);
      expect((await rt.post('/api/v1/flows/shop/conversations', {})).status).toBe(201);
      const after = await rt.post(`/api/v1/conversations/${conversationId}/messages`, { text: 'hello again' }, auth);
      expect(after.status).toBe(200);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
