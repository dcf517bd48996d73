/**
 * Hostile s7, HIGH: on a full disk one conversation was wedged for good under `baton serve` (its messages and the
 * agent's accept never answered, also after space was freed). A commit that lmdb had committed waited for
 * `root.flushed` AFTER its commit, when lmdb's flush promise already belonged to a LATER batch; that batch's commit
 * failed (ENOSPC) and its flush promise never settles, so the first commit, and the conversation's commit queue and
 * lock behind it, waited for ever. Here many conversations commit at once on a small, really full tmpfs (needs root;
 * skipped elsewhere with a loud line): every commit must settle (done, or StoreWriteError), and after space is freed
 * every conversation takes a commit again. With the inline writer (what a `--workers` shard uses) and the writer
 * thread.
 */
import { rmSync, statfsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mountTmpfs, unmountTmpfs } from '../support/tmpfs';
import { EmbeddedStore, StoreWriteError } from '../../runtime/store/embeddedStore';
import type { ConversationRecord } from '../../runtime/store/types';


const rec = (id: string, n: number): ConversationRecord => ({
  id,
  flowId: 'f',
  flowRevision: 'r1',
  tokenHash: 'x'.repeat(64),
  state: { v: 2, turn: n, note: 'n'.repeat(300) },
  mode: 'bot',
  lastSeq: 0,
  createdAt: 1,
  updatedAt: n,
  closedAt: null,
});
const entry = (n: number) => ({ from: 'customer' as const, text: `message ${n} ` + 'm'.repeat(400), at: 1000 + n });

/** Resolves to 'ok', 'refused' (StoreWriteError) or 'hung' when the commit has not settled within `ms`. */
function settled(p: Promise<unknown>, ms: number): Promise<'ok' | 'refused' | 'hung' | 'other'> {
  return Promise.race([
    p.then(
      () => 'ok' as const,
      (err) => (err instanceof StoreWriteError ? ('refused' as const) : ('other' as const)),
    ),
    new Promise<'hung'>((r) => setTimeout(() => r('hung'), ms).unref()),
  ]);
}

const mount = mountTmpfs('baton-full-settle-');
if (!mount) console.warn('\n*** SKIPPED test/server/storeFullSettles.test.ts: mounting a tmpfs needs root (mount -t tmpfs) ***\n');

describe.skipIf(!mount)('commits on a really full disk all settle (tmpfs)', () => {
  afterAll(() => {
    if (mount) {
      unmountTmpfs(mount);
    }
  });

  for (const writer of ['inline', 'thread'] as const) {
    it(`every commit answers, and every conversation writes again once space is freed (${writer} writer)`, async () => {
      const dir = join(mount!, writer);
      const store = new EmbeddedStore({ dir, writer });
      const filler = join(mount!, `filler-${writer}`);
      try {
        const ids = Array.from({ length: 40 }, (_, i) => `c${i}`);
        for (const id of ids) await store.commit({ conversation: rec(id, 0), create: true, append: [entry(0)] });
        // Leave ~200 KB free, then write from every conversation at once, round after round, until the disk refuses.
        const s = statfsSync(mount!);
        writeFileSync(filler, Buffer.alloc(Math.max(0, Number(s.bavail) * Number(s.bsize) - 200 * 1024)));
        // Each conversation commits again as soon as its last commit settled (so batches overlap: a commit resolves
        // while later ones are queued), until the disk has refused a few hundred or 10 s passed.
        // Counted: 'ok' commits after the first refusal (the interleaving this test needs).
        const outcomes: string[] = [];
        const until = Date.now() + 10_000;
        let refused = 0;
        await Promise.all(
          ids.map(async (id) => {
            for (let n = 1; Date.now() < until && refused < 300; n++) {
              // Half the conversations write small commits (they keep fitting in pages lmdb has free), half big ones
              // (refused): commits that succeed and batches that fail, interleaved.
              const big = Number(id.slice(1)) % 2 === 1;
              const o = await settled(store.commit({ conversation: rec(id, n), append: big ? Array.from({ length: 40 }, (_, k) => entry(n + k / 100)) : [entry(n)] }), 15_000);
              outcomes.push(o);
              if (o === 'refused') refused++;
              if (o === 'hung') return;
            }
          }),
        );
        expect(outcomes).toContain('refused'); // the disk did fill up
        expect(outcomes.filter((o) => o === 'hung')).toEqual([]);
        expect(outcomes.filter((o) => o === 'other')).toEqual([]);
        // Space freed: every conversation (none left waiting behind a commit that never settled) takes a write.
        rmSync(filler);
        const after = await Promise.all(ids.map((id) => settled(store.commit({ conversation: rec(id, 1000), append: [entry(1000)] }), 15_000)));
        expect(after).toEqual(ids.map(() => 'ok'));
      } finally {
        rmSync(filler, { force: true });
        await settled(store.close(), 15_000);
      }
    }, 120_000);
  }
});
