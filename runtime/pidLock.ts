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
 * The file holds the bare pid, or `{pid, ...info}` as JSON when `info` is given; both forms are read.
 */
import { closeSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
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
  try {
    const raw = readFileSync(file, 'utf8').trim();
    if (raw.startsWith('{')) {
      const parsed = JSON.parse(raw) as Record<string, unknown>;
      const { pid, ...info } = parsed;
      return typeof pid === 'number' && Number.isInteger(pid) && pid > 0 ? { pid, info } : null;
    }
    const pid = Number(raw);
    return raw !== '' && Number.isInteger(pid) && pid > 0 ? { pid, info: {} } : null;
  } catch {
    return null;
  }
}

/** Takes `file` for this process or throws `opts.inUse(owner)`. */
export function takePidLock(fileIn: string, opts: PidLockOptions): PidLock {
  const file = resolve(fileIn);
  const grace = opts.startingGraceMs ?? 5000;
  let info = opts.info;
  const text = () => (info ? JSON.stringify({ pid: process.pid, ...info }) : String(process.pid));
  for (let attempt = 0; attempt < (opts.attempts ?? 3); attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = readPidLock(file);
      if (owner) {
        const ours = owner.pid === process.pid;
        if (ours ? held.has(file) : isProcessAlive(owner.pid)) throw opts.inUse(owner);
      } else {
        const age = Date.now() - (statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0);
        if (age < grace) throw opts.inUse(null);
      }
      rmSync(file, { force: true }); // stale: its owner is gone (or it crashed mid-write)
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
