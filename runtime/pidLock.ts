/**
 * One process per folder: a lock file created exclusively ('wx') holding the owner's pid. Used by the studio's home
 * lock (runtime/studio/homeLock.ts: studio.lock, one studio per home) and the embedded store's data-folder lock
 * (runtime/store/embeddedStore.ts: baton.lock, one `baton serve` per data folder).
 *
 * - A lock whose process is gone (a crash, SIGKILL, power loss) is taken over.
 * - A lock naming this very process that this process does not hold was left by an earlier run that had the same pid
 *   (a container restarts its server as the same pid after a kill: hostile s6): stale, taken over. A second lock on
 *   the same file from this process is still refused.
 * - An empty or unreadable lock file younger than `startingGraceMs` is another process between creating and writing
 *   it: refused (`inUse(null)`); an older one was left by a crash mid-write: taken over.
 * - `release` removes the file only while it still names this process (never a lock a later process took over).
 *
 * - A stale lock is taken over under a short second lock (`<file>.takeover`) and only if it is still the very file
 *   found stale: two processes finding the same stale lock at once cannot both end up holding it (hostile s11 #7:
 *   B removed the lock A had just created over the stale one, 1 start in 50).
 * - The JSON form also records the owner's process start (Linux /proc): a lock whose pid now belongs to another
 *   process (a crash, then the pid recycled) is stale (hostile s11 #8: `{"pid":1}` blocked for ever).
 * - A folder or a symbolic link at the lock's path is not taken for a lock: PidLockFileError says what to remove.
 *
 * The file holds the bare pid, or `{pid, ...info}` as JSON when `info` is given; both forms are read.
 */
import { closeSync, lstatSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';

/** Who holds a lock: its pid and whatever else its JSON said (origin, startedAt...). */
export interface PidLockOwner {
  pid: number;
  info: Record<string, unknown>;
}

export interface PidLock {
  /** The lock file's absolute path. */
  readonly file: string;
  /** Rewrites the lock with more about the owner (e.g. the address it listens on); a courtesy, never fails. */
  update(info: Record<string, unknown>): void;
  /** Gives the lock up (idempotent). */
  release(): void;
}

export interface PidLockOptions {
  /** More about the owner, written with the pid as JSON; without it the file holds the bare pid. */
  info?: Record<string, unknown>;
  /** The error thrown while another process holds the lock; `owner` null = a lock file only just created, not yet written. */
  inUse(owner: PidLockOwner | null): Error;
  /** The error thrown when the lock file keeps coming back after a stale one was removed. */
  contended(): Error;
  /** See the file comment (default 5000 ms). */
  startingGraceMs?: number;
  /** Tries, each after removing a stale lock (default 3). */
  attempts?: number;
}

/** Something that is not a lock file sits at the lock's path (a folder, a symbolic link): the message says what to do. */
export class PidLockFileError extends Error {
  readonly code = 'ENOTLOCK';
}

/** When process `pid` started (clock ticks since boot, Linux /proc), or null where that cannot be read. */
export function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name "(...)": the 3rd field onwards; starttime is the 22nd.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** Sleeps the thread (the lock is taken synchronously at start-up, before anything else runs). */
const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Lock files this process holds (absolute paths). */
const held = new Set<string>();

/** True while process `pid` exists (EPERM: it exists but belongs to another user). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The owner a lock file names, or null when it is missing, empty or unreadable. */
export function readPidLock(file: string): PidLockOwner | null {
  return readLock(file)?.owner ?? null;
}

/** The owner and the process start the lock recorded (`pidStart`, kept out of `info`). */
function readLock(file: string): { owner: PidLockOwner; pidStart: string | null } | null {
  try {
    const raw = readFileSync(file, 'utf8').trim();
    if (raw.startsWith('{')) {
      const parsed = JSON.parse(raw) as Record<string, unknown>;
      const { pid, pidStart, ...info } = parsed;
      return typeof pid === 'number' && Number.isInteger(pid) && pid > 0 ? { owner: { pid, info }, pidStart: typeof pidStart === 'string' ? pidStart : null } : null;
    }
    const pid = Number(raw);
    return raw !== '' && Number.isInteger(pid) && pid > 0 ? { owner: { pid, info: {} }, pidStart: null } : null;
  } catch {
    return null;
  }
}

/**
 * Removes the stale lock `seen` (its lstat when it was judged stale) while holding `<file>.takeover`, only if the file
 * is still that one. 'busy': another process is taking it over right now.
 */
function removeStale(file: string, seen: { ino: number; size: number; mtimeMs: number }): 'busy' | 'done' {
  const takeover = `${file}.takeover`;
  let fd: number;
  try {
    fd = openSync(takeover, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const st = lstatSync(takeover, { throwIfNoEntry: false });
    if (st && Date.now() - st.mtimeMs > 10_000) rmSync(takeover, { force: true }); // left by a crash mid-takeover
    return 'busy';
  }
  closeSync(fd);
  try {
    const now = lstatSync(file, { throwIfNoEntry: false });
    if (now && now.ino === seen.ino && now.size === seen.size && now.mtimeMs === seen.mtimeMs) rmSync(file, { force: true });
    return 'done'; // removed, or already replaced by someone: looked at again either way
  } finally {
    rmSync(takeover, { force: true });
  }
}

/** Takes `file` for this process or throws `opts.inUse(owner)`. */
export function takePidLock(fileIn: string, opts: PidLockOptions): PidLock {
  const file = resolve(fileIn);
  const grace = opts.startingGraceMs ?? 5000;
  let info = opts.info;
  const myStart = processStart(process.pid);
  const text = () => (info ? JSON.stringify({ pid: process.pid, ...info, ...(myStart ? { pidStart: myStart } : {}) }) : String(process.pid));
  let busyWaits = 0;
  for (let attempt = 0; attempt < (opts.attempts ?? 3); attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const st = lstatSync(file, { throwIfNoEntry: false });
      if (!st) continue; // removed meanwhile: try again
      if (st.isDirectory()) throw new PidLockFileError(`${file} is a folder, not a lock file: remove it (rmdir "${file}"), then start again`);
      if (!st.isFile()) throw new PidLockFileError(`${file} is ${st.isSymbolicLink() ? 'a symbolic link' : 'not a regular file'}, not a lock file: remove it (rm "${file}"), then start again`);
      const lock = readLock(file);
      if (lock) {
        const { owner, pidStart } = lock;
        const ours = owner.pid === process.pid;
        // Alive, and the same process that wrote the lock (when it recorded its start): a recycled pid is stale.
        const alive = isProcessAlive(owner.pid) && !(pidStart && processStart(owner.pid) !== null && processStart(owner.pid) !== pidStart);
        if (ours ? held.has(file) : alive) throw opts.inUse(owner);
      } else {
        const age = Date.now() - st.mtimeMs;
        if (age < grace) throw opts.inUse(null);
      }
      // Stale: its owner is gone (or it crashed mid-write). Taken over only if nobody else is doing so right now.
      if (removeStale(file, st) === 'busy' && busyWaits++ < 200) {
        pause(10);
        attempt--;
      }
      continue;
    }
    try {
      writeSync(fd, text());
    } finally {
      closeSync(fd);
    }
    held.add(file);
    let released = false;
    return {
      file,
      update(more: Record<string, unknown>) {
        if (released) return;
        info = { ...info, ...more };
        try {
          writeFileSync(file, text());
        } catch {
          // a courtesy for the message of a second process; the lock itself holds
        }
      },
      release() {
        if (released) return;
        released = true;
        held.delete(file);
        if (readPidLock(file)?.pid === process.pid) rmSync(file, { force: true });
      },
    };
  }
  throw opts.contended();
}
