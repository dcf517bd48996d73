// Types of runtime/store/embeddedWriter.mjs (plain JavaScript: the embedded store's writer thread entry, whose
// write logic embeddedStore.ts also runs on its own thread in `writer: 'inline'` mode).
import type { Database, RootDatabase } from 'lmdb';

/** A refused write: an existing conversation id or external key on create. */
export declare class WriteConflict extends Error {}

/** The write logic over `db` (store field -> database): `run(plan)` must be called inside a write transaction. */
export declare function writeOps(db: Record<string, Database<any, any>>): (plan: { k: string } & Record<string, unknown>) => void;

/** Opens the databases of `names` (store field -> database name, null: the root database) in `root`. */
export declare function openDatabases(root: RootDatabase, names: Record<string, string | null>): Record<string, Database<any, any>>;

/** Store field names of the databases whose values are JSON text (session 5): conversation records and log entries. */
export declare const JSON_FIELDS: readonly string[];

/** Store field names of the databases whose values are always JSON text (session 8): state fields stored apart. */
export declare const PLAIN_JSON_FIELDS: readonly string[];

/** In this thread, an Error from lmdb's code that lmdb prints itself (a failed commit) becomes one JSON line on stderr. */
export declare function quietLmdbConsole(): void;
