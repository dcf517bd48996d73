/**
 * Hostile s12 #7 and #8: runtime/pidLock.ts (baton serve's data-folder lock baton.lock, the studio's studio.lock).
 * - #7: baton.lock held the bare pid (no process start), so after a crash, the pid reused by any process refused every
 *   start for good ("in use by process N; stop it").
 * - #8: a lock from another pid namespace (two containers on one volume) was taken over (its pid "not alive" here, or
 *   "our own earlier run"), and a release removed whatever lock named its pid, including the other holder's.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { currentPidSpace, FOREIGN_STALE_MS, HEARTBEAT_MS, isProcessAlive, processStart, takePidLock, type PidLockOwner } from '../../runtime/pidLock';
import { DataFolderInUseError, EmbeddedStore } from '../../runtime/store/embeddedStore';
import { lockStudioHome, StudioHomeInUseError } from '../../runtime/studio/homeLock';

class Busy extends Error {
  constructor(readonly owner: PidLockOwner | null) {
    super(owner ? `held by ${owner.pid}${owner.elsewhere ? ` ${owner.elsewhere}` : ''}` : 'being created');
  }
}
const opts = () => ({ inUse: (o: PidLockOwner | null) => new Busy(o), contended: () => new Error('contended') });
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'baton-fixhost-lock12-'));
});
afterEach(() => {
  vi.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
});

describe('hostile s12 #7: the data-folder lock records the process start', () => {
  it('baton.lock names the process start; a live process that got the pid after a crash does not hold the folder', async () => {
    const store = new EmbeddedStore({ dir });
    const lock = JSON.parse(readFileSync(join(dir, 'baton.lock'), 'utf8')) as Record<string, unknown>;
    expect(lock).toMatchObject({ pid: process.pid, pidStart: processStart(process.pid) });
    expect(() => new EmbeddedStore({ dir })).toThrow(DataFolderInUseError);
    await store.close();
    // The crash: the lock stays; its pid now belongs to another live process (here: our parent, started earlier).
    const reused = process.ppid;
    expect(isProcessAlive(reused)).toBe(true);
    expect(processStart(reused)).not.toBe(lock.pidStart);
    writeFileSync(join(dir, 'baton.lock'), JSON.stringify({ ...lock, pid: reused }));
    const again = new EmbeddedStore({ dir });
    expect(JSON.parse(readFileSync(join(dir, 'baton.lock'), 'utf8')).pid).toBe(process.pid);
    await again.close();
  });
});

describe('hostile s12 #8: a lock from another pid namespace', () => {
  const foreign = (pid: number) => ({ pid, pidStart: '4242', ...currentPidSpace(), host: 'web-2', pidNs: 'pid:[1]', token: 'theirs' });

  it('is refused while its holder is alive (fresh), naming the host, even when it names our own pid or a pid dead here', () => {
    const file = join(dir, 'x.lock');
    for (const pid of [process.pid, 999_999]) {
      writeFileSync(file, JSON.stringify(foreign(pid)));
      let err: unknown;
      try {
        takePidLock(file, opts());
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(Busy);
      expect((err as Busy).owner?.elsewhere).toMatch(/on host "web-2" \(another container or machine.*alive \d+ s ago/);
      expect(JSON.parse(readFileSync(file, 'utf8')).token).toBe('theirs');
    }
    // The studio says it in its refusal too.
    const home = join(dir, 'home');
    const studioLock = join(home, 'studio.lock');
    mkdirSync(home, { recursive: true });
    writeFileSync(studioLock, JSON.stringify({ ...foreign(1234), origin: 'http://127.0.0.1:4873' }));
    expect(() => lockStudioHome(home)).toThrow(StudioHomeInUseError);
    expect(() => lockStudioHome(home)).toThrow(/process 1234, http:\/\/127\.0\.0\.1:4873, on host "web-2"/);
  });

  it('is taken over once its holder stopped refreshing it for FOREIGN_STALE_MS; a lock from before this host rebooted at once', () => {
    const file = join(dir, 'x.lock');
    writeFileSync(file, JSON.stringify(foreign(process.pid)));
    const old = new Date(Date.now() - FOREIGN_STALE_MS - 1000);
    utimesSync(file, old, old);
    const l = takePidLock(file, opts());
    expect(JSON.parse(readFileSync(file, 'utf8')).token).not.toBe('theirs');
    l.release();
    const mine = currentPidSpace();
    // (hostile s13 #6c: "rebooted" needs this host name AND this pid namespace; the name alone is another machine's too)
    writeFileSync(file, JSON.stringify({ pid: 999_999, host: mine.host, bootId: 'an-earlier-boot', ...(mine.pidNs ? { pidNs: mine.pidNs } : {}) }));
    takePidLock(file, opts()).release();
  });

  it('a holder refreshes its lock (the sign of life), and release never removes a lock another process now holds', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const file = join(dir, 'x.lock');
    const l = takePidLock(file, opts());
    const old = new Date(Date.now() - 60_000);
    utimesSync(file, old, old);
    vi.advanceTimersByTime(HEARTBEAT_MS + 10);
    expect(Date.now() - statSync(file).mtimeMs).toBeLessThan(10_000);
    // Another process (same pid in its own namespace) took the file over meanwhile: ours is not to remove.
    writeFileSync(file, JSON.stringify(foreign(process.pid)));
    l.release();
    expect(JSON.parse(readFileSync(file, 'utf8')).token).toBe('theirs');
  });
});
