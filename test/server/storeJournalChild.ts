/**
 * Child process for test/server/storeJournalCrash.test.ts (not a test file): opens the embedded store on a data
 * folder and prunes it, so the test can SIGKILL the process in the middle of the prune.
 *
 *   node --import tsx test/server/storeJournalChild.ts DIR thread|inline BEFORE
 *
 * Prints "pruning" just before calling pruneClosed(BEFORE), "pruned N in T ms" when it returned, then waits to be killed.
 */
import { EmbeddedStore } from '../../runtime/store/embeddedStore';

const [dir, writer, before] = process.argv.slice(2);
const store = new EmbeddedStore({ dir, writer: writer === 'inline' ? 'inline' : 'thread' });
// Wait for the writer to be ready to write: one harmless write first (the thread starts on the first write).
await store.setActiveRevision('crash-test', 'warm');
process.stdout.write('pruning\n');
const t = performance.now();
const n = await store.pruneClosed(Number(before));
process.stdout.write(`pruned ${n} in ${Math.round(performance.now() - t)} ms\n`);
setInterval(() => undefined, 60_000);
