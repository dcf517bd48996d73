import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedStore } from '../../runtime/store/embeddedStore';
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
