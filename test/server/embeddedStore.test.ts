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
