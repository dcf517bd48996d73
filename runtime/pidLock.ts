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
 * - The process start is recorded whether or not `info` is given (hostile s12 #7: baton.lock held the bare pid, so a
 *   crash, then the pid reused by any process, refused every start for good).
 * - Hostile s12 #8: two processes in different pid namespaces (two containers on one volume) both took the lock (each
 *   saw the other's pid as "not alive", or as its own earlier run), and one's release removed the other's lock. The
 *   lock records where its pid means something (boot id + pid namespace, and the host name to say it). A lock from
 *   another pid namespace cannot be checked by pid: its holder refreshes the file's time every HEARTBEAT_MS, and such a
 *   lock is stale only when that stopped FOREIGN_STALE_MS ago (a crashed container's lock is free after that); until
 *   then it is refused, naming the host. The same host after a reboot (another boot id) is stale at once.
 * - `release` and `update` touch the file only while it holds this very lock's token (never another holder's lock).
 *
 * - Hostile s13 #5: a holder that stalled longer than FOREIGN_STALE_MS (SIGSTOP, `docker pause`) may have lost its lock to
 *   another namespace. Its heartbeat notices (the file no longer holds its token, or is gone) and calls `onLost` with a
 *   sentence naming the new holder and the stall; without `onLost` it says so on stderr. The holder must stop writing.
 * - Hostile s13 #6: a foreign lock's liveness is its file time CHANGING between two looks (HEARTBEAT_MS apart), not its
 *   distance from this clock: a time in the future (clock stepped back, a fast clock on a shared volume) or far in the
 *   past (a live holder with a slow clock) is looked at twice before it is judged. "Rebooted" (free at once) needs the
 *   same host name AND the same pid namespace with another boot id: two machines called "ubuntu" are foreign.
 *
 * - Hostile s19 #16: such an old lock naming a live node process is stale too when the lock file is older than that
 *   process's start (/proc/PID/stat starttime against the file's time; LOCK_OLDER_THAN_PROCESS_MS).
 *
 * The file holds `{pid, ...info, pidStart, host, bootId, pidNs, token}` as JSON; an older bare pid is still read.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, lstatSync, openSync, readFileSync, readlinkSync, rmSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';

/** Who holds a lock: its pid and whatever else its JSON said (origin, startedAt...). */
export interface PidLockOwner {
  pid: number;
  info: Record<string, unknown>;
  /**
   * Set when the holder runs in another pid namespace or on another machine (hostile s12 #8), so its pid cannot be
   * checked from here: where it runs and when the lock becomes free, in words ("on host web-2 (another container or
   * machine), alive 3 s ago; ..."). Messages built from `pid` should add it.
   */
  elsewhere?: string;
}

export interface PidLock {
  /** The lock file's absolute path. */
  readonly file: string;
  /** Rewrites the lock with more about the owner (e.g. the address it listens on); a courtesy, never fails. */
  update(info: Record<string, unknown>): void;
  /** Gives the lock up (idempotent). */
  release(): void;
  /**
   * Hostile s13 #5: true while the lock file is still this lock (read now, not at the last heartbeat): a writer checks it
   * before writing, so a holder resumed after a stall never writes beside the process that took the lock over.
   * False after release or once lost (onLost is then called, once, if the heartbeat has not done it yet).
   */
  holds(): boolean;
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
  /**
   * Hostile s13 #5: called once when the holder finds the lock is no longer its own (taken over after this process
   * stalled, or removed): the holder must stop writing. `why` says by whom and after how long a stall.
   */
  onLost?(why: string): void;
  /**
   * Session 17's review: the lock file cannot be read or touched for a reason that will not pass by itself (EACCES,
   * EPERM, EROFS...: its permissions or the folder changed). Told once, apart from a missed beat (EMFILE, EIO: retried
   * at the next beat): `why` names the file, the error and what to do. The lock is still this process's; without the
   * heartbeat another namespace may take it over after its grace. Without this option it is said on stderr.
   */
  onUnreadable?(why: string): void;
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

/** Linux's USER_HZ: /proc's clock ticks per second (100 on every architecture Linux reports them for). */
const USER_HZ = 100;

/**
 * When process `pid` started, in ms since the epoch (Linux: its /proc/PID/stat starttime, in USER_HZ ticks after the
 * boot time /proc/stat gives as btime), or null where that cannot be read. To the second or so (btime's precision).
 */
export function processStartedAtMs(pid: number): number | null {
  const ticks = Number(processStart(pid));
  if (!Number.isFinite(ticks) || ticks < 0) return null;
  try {
    const m = /^btime\s+(\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'));
    return m ? Number(m[1]) * 1000 + (ticks * 1000) / USER_HZ : null;
  } catch {
    return null;
  }
}

/**
 * How much older than its named process's start an old-format lock file must be to be judged not written by it
 * (hostile s19 #16). A process cannot write a file before it starts; the margin covers btime's second, the file
 * system's time granularity and a small step of the wall clock between the write and now (NTP). A wall clock stepped
 * forward by more than this after a pre-session-12 baton wrote its lock would make that live baton's lock look stale:
 * that needs an old version and a clock jump of over a minute on the same folder, against a folder blocked for as long
 * as an unrelated node process lives.
 */
export const LOCK_OLDER_THAN_PROCESS_MS = 60_000;

/** Read errors that pass by themselves (out of descriptors, I/O hiccup, interrupted): a missed beat, retried. */
const TRANSIENT = new Set(['EMFILE', 'ENFILE', 'EIO', 'EAGAIN', 'EINTR', 'EBUSY', 'ENOMEM', 'ETIMEDOUT']);

/**
 * The command line of process `pid` (Linux /proc), or null where it cannot be read. Hostile s18 H#14: a lock in the
 * format before session 12 (no start time) naming a live process that is not node (a recycled pid) blocked the folder
 * for ever, blaming that process. (A live node process is still believed: it may be the baton that wrote it.)
 */
export function processCommand(pid: number): string | null {
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
    return cmd || null;
  } catch {
    return null;
  }
}

/** Whether a command line could be a baton process (node running bin/baton.js, or a packaged baton). */
const couldBeBaton = (cmd: string) => /baton/i.test(cmd) || /^(\S*\/)?(node|nodejs)(\.exe)?(\s|$)/i.test(cmd);

/** How often a holder refreshes its lock file's time, and how long a lock from another pid namespace stays valid without it. */
export const HEARTBEAT_MS = 2000;
export const FOREIGN_STALE_MS = 15_000;

/** Where a pid means something: this boot of this kernel and this pid namespace (null parts: not readable here). */
export interface PidSpace {
  host: string;
  bootId: string | null;
  pidNs: string | null;
}

export function currentPidSpace(): PidSpace {
  const read = (f: () => string) => {
    try {
      return f().trim() || null;
    } catch {
      return null;
    }
  };
  return { host: hostname(), bootId: read(() => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8')), pidNs: read(() => readlinkSync('/proc/self/ns/pid')) };
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

/** What a lock file recorded besides its owner (kept out of `info`). */
interface LockRecord {
  owner: PidLockOwner;
  pidStart: string | null;
  space: Partial<PidSpace>;
  token: string | null;
}

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * The owner and what identifies its process (`pidStart`, host, boot id, pid namespace, token), or null. `strict`
 * (the holder's heartbeat and `holds`, hostile s17 H#9): only a missing file is null; a file that cannot be read now
 * (EMFILE when the process is out of file descriptors, EIO) or is half written throws, so the holder does not take
 * "cannot read it" for "it is gone" and give its lock up while it goes on writing.
 */
function readLock(file: string, strict = false): LockRecord | null {
  try {
    const raw = readFileSync(file, 'utf8').trim();
    if (raw.startsWith('{')) {
      const parsed = JSON.parse(raw) as Record<string, unknown>;
      const { pid, pidStart, host, bootId, pidNs, token, ...info } = parsed;
      if (!(typeof pid === 'number' && Number.isInteger(pid) && pid > 0)) return null;
      return { owner: { pid, info }, pidStart: str(pidStart) ?? null, space: { host: str(host), bootId: str(bootId), pidNs: str(pidNs) }, token: str(token) ?? null };
    }
    const pid = Number(raw);
    return raw !== '' && Number.isInteger(pid) && pid > 0 ? { owner: { pid, info: {} }, pidStart: null, space: {}, token: null } : null;
  } catch (err) {
    if (strict && (err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    return null;
  }
}

/**
 * The token of the lock now in `file`: null when there is no lock file; undefined when it cannot be told now (a read
 * error such as EMFILE, an empty or half-written file, an older lock without a token): no judgement, look again
 * later (hostile s19 #26: one failed read took the shard's store off writing for good). Session 19 (fixrt): a store
 * that takes no lock of its own (a shard's, in a worker thread of the process holding it) remembers the token at its
 * start and stops writing once the file holds another (the lock was taken over or removed).
 */
export function lockToken(file: string): string | null | undefined {
  let rec: LockRecord | null;
  try {
    rec = readLock(file, true);
  } catch {
    return undefined; // unreadable for now (EMFILE, EIO, half written): no judgement (hostile s19 #26)
  }
  if (rec === null) return lockFilePresent(file) ? undefined : null;
  return rec.token ?? undefined;
}

/**
 * Hostile s19 #26 / review s19 R8: whether something is at the lock's path. A lock read as null (empty, or not a lock
 * yet: a rewrite caught half way) while the file is there is a missed look, not a removed lock; only a missing file
 * (or another token) is a lost lock. An error other than ENOENT counts as present.
 */
function lockFilePresent(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

/**
 * Whether a lock's pid can be checked from here: 'same' (this boot and pid namespace, or a lock that did not record
 * them), 'rebooted' (this host, another boot: its process is gone), or 'foreign' (another pid namespace or machine).
 */
function spaceOf(lock: LockRecord, mine: PidSpace): 'same' | 'rebooted' | 'foreign' {
  const { host, bootId, pidNs } = lock.space;
  // Hostile s13 #6c: a host name alone is no identity (replicas given one `hostname:`, VMs all called "ubuntu"): an
  // earlier boot of this very machine also had this pid namespace (the root one's number is fixed).
  if (bootId && mine.bootId && bootId !== mine.bootId) return host === mine.host && pidNs !== undefined && pidNs === mine.pidNs ? 'rebooted' : 'foreign';
  if (pidNs && mine.pidNs && pidNs !== mine.pidNs) return 'foreign';
  if (!bootId && !pidNs && host && host !== mine.host) return 'foreign';
  return 'same';
}

/** How far ahead of this clock a file time may be before it is read as "time unknown" (clocks differ a little). */
const CLOCK_SKEW_MS = 2000;

/**
 * Hostile s13 #6: is a foreign lock's holder alive? Its heartbeat moves the file's time every HEARTBEAT_MS, whatever its
 * clock says. A recent time (within FOREIGN_STALE_MS, not in the future) is alive at once; otherwise the file is looked at
 * again for up to twice HEARTBEAT_MS: a time (or content) that changed is alive, one that did not is stale.
 */
function foreignAlive(file: string, st: { mtimeMs: number; size: number; ino: number }): { alive: boolean; silentMs: number | null } {
  const age = Date.now() - st.mtimeMs;
  if (age >= -CLOCK_SKEW_MS && age < FOREIGN_STALE_MS) return { alive: true, silentMs: Math.max(0, age) };
  const until = Date.now() + 2 * HEARTBEAT_MS + 500;
  while (Date.now() < until) {
    pause(100);
    const now = lstatSync(file, { throwIfNoEntry: false });
    if (!now) return { alive: false, silentMs: null };
    if (now.mtimeMs !== st.mtimeMs || now.size !== st.size || now.ino !== st.ino) return { alive: true, silentMs: null };
  }
  return { alive: false, silentMs: null };
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
    // Left by a crash mid-takeover; a time far in the future (clock stepped back: hostile s13 #6a) is as stale.
    if (st && Math.abs(Date.now() - st.mtimeMs) > 10_000) rmSync(takeover, { force: true });
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
  let info = opts.info ?? {};
  const myStart = processStart(process.pid);
  const space = currentPidSpace();
  const token = randomBytes(8).toString('hex');
  const text = () => JSON.stringify({ pid: process.pid, ...info, ...(myStart ? { pidStart: myStart } : {}), host: space.host, ...(space.bootId ? { bootId: space.bootId } : {}), ...(space.pidNs ? { pidNs: space.pidNs } : {}), token });
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
        const where = spaceOf(lock, space);
        if (where === 'foreign') {
          // Its pid means nothing here: alive while its holder keeps refreshing the file (hostile s12 #8), judged by the
          // file's time moving, not by this clock (hostile s13 #6).
          const { alive, silentMs } = foreignAlive(file, st);
          if (alive) {
            const host = lock.space.host ? `host "${lock.space.host}"` : 'another host';
            const seen = silentMs === null ? 'its lock file is being refreshed (its clock differs from this one)' : `alive ${Math.round(silentMs / 1000)} s ago`;
            throw opts.inUse({
              ...owner,
              elsewhere: `on ${host} (another container or machine, whose processes cannot be seen from here), ${seen}; if it is gone, the lock is free ${FOREIGN_STALE_MS / 1000} s after its last sign of life, or remove ${file}`,
            });
          }
        } else if (where === 'same') {
          const ours = owner.pid === process.pid;
          // Alive, and the same process that wrote the lock (when it recorded its start): a recycled pid is stale.
          let alive = isProcessAlive(owner.pid) && !(pidStart && processStart(owner.pid) !== null && processStart(owner.pid) !== pidStart);
          // No start time (a lock written before session 12): its pid may have been given to another program since.
          // A live process that is not node/baton is not its writer (hostile s18 H#14: taken over); node is believed.
          const cmd = alive && !pidStart && !ours ? processCommand(owner.pid) : null;
          if (cmd !== null && !couldBeBaton(cmd)) alive = false;
          // A live node process is not its writer either when the lock file is older than that process (hostile s19
          // #16: an hour-old lock blocked the folder while an unrelated node program held the recycled pid).
          if (alive && !pidStart && !ours) {
            const started = processStartedAtMs(owner.pid);
            if (started !== null && st.mtimeMs < started - LOCK_OLDER_THAN_PROCESS_MS) alive = false;
          }
          if (ours ? held.has(file) : alive) throw opts.inUse(owner);
        }
        // 'rebooted': written on this host before its last boot; its process is gone.
      } else {
        const age = Date.now() - st.mtimeMs;
        // A time in the future (hostile s13 #6a: refused for hours) is no age: the file is watched for the grace instead.
        if (age < -CLOCK_SKEW_MS) {
          const until = Date.now() + grace;
          let moved = false;
          while (!moved && Date.now() < until) {
            pause(100);
            const now = lstatSync(file, { throwIfNoEntry: false });
            moved = !now || now.mtimeMs !== st.mtimeMs || now.size !== st.size || now.ino !== st.ino;
          }
          if (moved) {
            attempt--;
            if (busyWaits++ > 200) throw opts.inUse(null);
            continue;
          }
        } else if (age < grace) throw opts.inUse(null);
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
    /** True while the file is still this lock (never touch a lock another process took over). */
    const stillMine = () => readLock(file)?.token === token;
    let lastBeat = Date.now();
    let lost = false;
    const loseIt = (now: LockRecord | null, stalledMs: number) => {
      lost = true;
      clearInterval(heartbeat);
      held.delete(file);
      const by = now ? `was taken over by process ${now.owner.pid}${now.space.host ? ` on host "${now.space.host}"` : ''}` : 'was removed by another process';
      const stall = stalledMs > HEARTBEAT_MS * 2 ? ` after this process stalled for ${Math.round(stalledMs / 1000)} s (paused, stopped, or blocked)` : '';
      const why = `the lock ${file} ${by}${stall}; this process no longer holds it and must stop writing`;
      if (opts.onLost) opts.onLost(why);
      else process.stderr.write(`baton: ${why}\n`);
    };
    /** The error code last said by the heartbeat (said once until it changes or a beat works). */
    let unreadableSaid: string | null = null;
    // The sign of life a process in another pid namespace goes by (hostile s12 #8); unref'd: never keeps a process up.
    const heartbeat = setInterval(() => {
      const stalledMs = Date.now() - lastBeat;
      lastBeat = Date.now();
      try {
        const now = readLock(file, true); // throws when unreadable for now (EMFILE...): a missed beat, not a lost lock
        if (now?.token === token) {
          const t = new Date();
          utimesSync(file, t, t);
          unreadableSaid = null;
          return;
        }
        if (now === null && lockFilePresent(file)) return; // empty or half rewritten: a missed beat (review s19 R8)
        if (lost || released) return;
        // Hostile s13 #5: the file is no longer this lock: another process took it over (this one stalled), or it was
        // removed. Said once; the holder stops writing (onLost), never runs on as a second holder without a word.
        loseIt(now, stalledMs);
      } catch (err) {
        // The lock holds. A missed beat (EMFILE, EIO...) only shortens what another namespace waits; one that cannot
        // pass by itself is said once, with the file, the error and what to do.
        const code = (err as NodeJS.ErrnoException)?.code;
        if (!code || TRANSIENT.has(code)) {
          unreadableSaid = null;
          return;
        }
        if (unreadableSaid === code) return;
        unreadableSaid = code;
        const why = `cannot read or refresh the lock ${file} (${code}: ${(err as Error).message}); this process still holds it, but without its heartbeat a baton in another container may take the folder over after ${FOREIGN_STALE_MS / 1000} s. Give the user running baton read and write access to ${file} and its folder (or stop this process)`;
        if (opts.onUnreadable) opts.onUnreadable(why);
        else process.stderr.write(`baton: ${why}\n`);
      }
    }, HEARTBEAT_MS);
    heartbeat.unref?.();
    return {
      file,
      update(more: Record<string, unknown>) {
        if (released) return;
        info = { ...info, ...more };
        try {
          if (stillMine()) writeFileSync(file, text());
        } catch {
          // a courtesy for the message of a second process; the lock itself holds
        }
      },
      holds() {
        if (released || lost) return false;
        let now: LockRecord | null = null;
        try {
          now = readLock(file, true);
        } catch {
          return true; // unreadable for a moment: the heartbeat decides
        }
        if (now?.token === token) return true;
        if (now === null && lockFilePresent(file)) return true; // empty or half rewritten: the heartbeat decides
        loseIt(now, Date.now() - lastBeat);
        return false;
      },
      release() {
        if (released) return;
        released = true;
        clearInterval(heartbeat);
        held.delete(file);
        if (stillMine()) rmSync(file, { force: true });
      },
    };
  }
  throw opts.contended();
}
