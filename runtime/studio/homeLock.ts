/**
 * One studio per home folder (hostile s9 #9): two studio servers on one home each numbered their saves from their own
 * index, so one overwrote the other's versions (history/x/7.json held the other's edit) and dropped the other's new
 * flows from studio.json. The home holds `studio.lock` with the owner's pid and address; a second studio is refused
 * with a message naming that process and its address. A lock whose process is gone (a crash, SIGKILL) is taken over.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';

export class StudioHomeInUseError extends Error {
  readonly code = 'STUDIO_HOME_IN_USE';
  constructor(
    message: string,
    readonly pid: number,
    readonly url: string | null,
  ) {
    super(message);
  }
}

interface LockContent {
  pid: number;
  origin?: string;
  startedAt?: string;
}

/** Locks this process holds (a lock file naming our own pid that we do not hold is a previous run's: stale). */
const held = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockContent | null {
  try {
    const raw = readFileSync(file, 'utf8').trim();
    const parsed = raw.startsWith('{') ? (JSON.parse(raw) as Partial<LockContent>) : { pid: Number(raw) };
    return typeof parsed.pid === 'number' && Number.isInteger(parsed.pid) && parsed.pid > 0 ? (parsed as LockContent) : null;
  } catch {
    return null;
  }
}

export interface HomeLock {
  /** Writes the address the studio listens on into the lock (so a second studio can name it). */
  setOrigin(origin: string): void;
  release(): void;
}

/** Takes `<home>/studio.lock` or throws StudioHomeInUseError naming the studio that holds it. */
export function lockStudioHome(home: string, now: () => Date = () => new Date()): HomeLock {
  mkdirSync(home, { recursive: true });
  const file = resolve(join(home, 'studio.lock'));
  const content: LockContent = { pid: process.pid, startedAt: now().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      try {
        writeSync(fd, JSON.stringify(content));
      } finally {
        closeSync(fd);
      }
      held.add(file);
      let released = false;
      return {
        setOrigin(origin: string) {
          if (released) return;
          content.origin = origin;
          try {
            writeFileSync(file, JSON.stringify(content));
          } catch {
            // the address is a courtesy for the message of a second studio; the lock itself holds
          }
        },
        release() {
          if (released) return;
          released = true;
          held.delete(file);
          // Only our own lock is removed (never one a later studio took over after a stale takeover).
          if (readLock(file)?.pid === process.pid) rmSync(file, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = readLock(file);
      const ours = owner?.pid === process.pid;
      if (owner && ((ours && held.has(file)) || (!ours && alive(owner.pid)))) {
        const where = owner.origin ? `, ${owner.origin}` : '';
        throw new StudioHomeInUseError(
          `another Baton Studio (process ${owner.pid}${where}) uses the home folder ${home}; two studios on one home would overwrite each other's versions. Open that one${owner.origin ? ` (${owner.origin}/studio/)` : ''}, stop it first, or pass --home with another folder`,
          owner.pid,
          owner.origin ?? null,
        );
      }
      // An empty lock only just created: another studio is between creating and writing it.
      if (!owner) {
        const age = Date.now() - (statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0);
        if (age < 5000) throw new StudioHomeInUseError(`another Baton Studio is starting on the home folder ${home}; wait for it, or pass --home with another folder`, 0, null);
      }
      // Stale (its process is gone) or unreadable after a crash mid-write: taken over.
      rmSync(file, { force: true });
    }
  }
  throw new StudioHomeInUseError(`cannot lock the studio home ${home} (${file} keeps coming back); another studio may be starting there`, 0, null);
}
