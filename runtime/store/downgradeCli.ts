/**
 * Before running an older `baton serve` (session 7, or the session 8 start) on a data folder this version wrote:
 *
 *   npx tsx runtime/store/downgradeCli.ts ./baton-data
 *
 * Stop the server first. Rewrites every conversation record in the older layout (see
 * `EmbeddedStore.downgradeForOlderVersions`); without it the older version reads the states this version stores in
 * pieces as broken ("Sorry, something went wrong" on every touched conversation: hostile s8 #1).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataFolderInUseError, EmbeddedStore } from './embeddedStore';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: npx tsx runtime/store/downgradeCli.ts <data folder>   (stop baton serve first)');
  process.exit(2);
}
if (!existsSync(join(dir, 'baton.lmdb'))) {
  console.error(`${dir} is not a Baton data folder (no baton.lmdb in it): give the folder baton serve used as --data (default ./baton-data). Nothing was changed.`);
  process.exit(2);
}
// Hostile s14 H#13: a folder in use by a running baton serve was refused (nothing changed) with Node's uncaught-error
// dump and the advice meant for a second baton serve ("give this one another --data folder"): one sentence instead.
let store: EmbeddedStore;
try {
  store = new EmbeddedStore({ dir, writer: 'inline' });
} catch (err) {
  const why = err instanceof DataFolderInUseError ? `${err.message.split(';')[0]}: stop baton serve first, then run this again` : `cannot open ${dir}: ${err instanceof Error ? err.message : String(err)}`;
  console.error(`${why}. Nothing was changed.`);
  process.exit(1);
}
try {
  const n = store.downgradeForOlderVersions();
  console.log(`${n} conversation records rewritten for an older baton serve in ${dir}`);
} finally {
  await store.close();
}
