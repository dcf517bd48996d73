/**
 * One studio per home folder (hostile s9 #9): two studio servers on one home each numbered their saves from their own
 * index, so one overwrote the other's versions (history/x/7.json held the other's edit) and dropped the other's new
 * flows from studio.json. The home holds `studio.lock` with the owner's pid and address; a second studio is refused
 * with a message naming that process and its address. A lock whose process is gone (a crash, SIGKILL) is taken over.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PidLockFileError, takePidLock, type PidLock } from '../pidLock';
import { readStudioLink } from './studioLink';

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

export interface HomeLock {
  /** Writes the address the studio listens on into the lock (so a second studio can name it). */
  setOrigin(origin: string): void;
  release(): void;
  /** Hostile s13 #5: false once another studio took the home over (this one stalled past the stale time): stop writing. */
  holds(): boolean;
}

/** Takes `<home>/studio.lock` or throws StudioHomeInUseError naming the studio that holds it (runtime/pidLock.ts). */
export function lockStudioHome(home: string, now: () => Date = () => new Date(), onLost?: (why: string) => void): HomeLock {
  mkdirSync(home, { recursive: true });
  const file = resolve(join(home, 'studio.lock'));
  let lock: PidLock;
  try {
    lock = takeLock(file, home, now, onLost);
  } catch (err) {
    // A folder or a link where the lock goes: said as what to do, not "unexpected error, please report" (hostile s11 #8).
    if (err instanceof PidLockFileError) throw new StudioHomeInUseError(`cannot lock the studio home ${home}: ${err.message}`, 0, null);
    throw err;
  }
  return {
    setOrigin: (origin: string) => lock.update({ origin }),
    release: () => lock.release(),
    holds: () => lock.holds(),
  };
}

function takeLock(file: string, home: string, now: () => Date, onLost?: (why: string) => void): PidLock {
  return takePidLock(file, {
    info: { startedAt: now().toISOString() },
    ...(onLost ? { onLost } : {}),
    inUse(owner) {
      if (!owner) return new StudioHomeInUseError(`another Baton Studio is starting on the home folder ${home}; wait for it, or pass --home with another folder`, 0, null);
      const origin = typeof owner.info.origin === 'string' ? owner.info.origin : null;
      // Hostile s12 #8: a studio in another container or on another machine is named by its host, not as a local process.
      const where = `${origin ? `, ${origin}` : ''}${owner.elsewhere ? `, ${owner.elsewhere}` : ''}`;
      // Newcomer s11 #16: the address alone opens a locked page; the running studio's full link (with its token) does.
      const link = readStudioLink(home, owner.pid);
      // Newcomer s13 #11a: the link is the end of the message, on its own line (a terminal that makes links took the ';'
      // printed after it into the URL, which then opened the locked page).
      const open = link
        ? `open that one with this link:\n  ${link}`
        : `open that one with the link printed in its terminal (the line "Baton Studio: ${origin ?? 'http://127.0.0.1:PORT'}/studio/?token=..."; the address without the token opens a locked page)`;
      return new StudioHomeInUseError(
        `another Baton Studio (process ${owner.pid}${where}) uses the home folder ${home}; two studios on one home would overwrite each other's versions. Stop it first, or pass --home with another folder, or ${open}`,
        owner.pid,
        origin,
      );
    },
    contended: () => new StudioHomeInUseError(`cannot lock the studio home ${home} (${file} keeps coming back); another studio may be starting there`, 0, null),
  });
}
