/**
 * runtime/pidLock.ts: the one pid lock file behind the studio's home lock and the embedded store's data-folder lock.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isProcessAlive, readPidLock, takePidLock, type PidLockOwner } from '../../runtime/pidLock';

class Busy extends Error {
  constructor(readonly owner: PidLockOwner | null) {
    super(owner ? `held by ${owner.pid}` : 'being created');
  }
}
const opts = (info?: Record<string, unknown>) => ({ info, inUse: (o: PidLockOwner | null) => new Busy(o), contended: () => new Error('contended') });
const refusal = (f: () => unknown): Busy => {
  try {
    f();
  } catch (e) {
    if (e instanceof Busy) return e;
    throw e;
  }
  throw new Error('not refused');
};
/** The pid of a process that has exited. */
const deadPid = () => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString());

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'baton-pidlock-'));
  file = join(dir, 'x.lock');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('pid lock', () => {
  it('one holder at a time in this process; release frees it; bare pid or JSON with more about the owner', () => {
    const a = takePidLock(file, opts());
    // JSON even without `info` (hostile s12 #7: the process start is recorded, so a recycled pid is stale).
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ pid: process.pid });
    expect(refusal(() => takePidLock(file, opts())).owner).toEqual({ pid: process.pid, info: {} });
    a.release();
    a.release();
    expect(existsSync(file)).toBe(false);
    const b = takePidLock(file, opts({ startedAt: 'then' }));
    b.update({ origin: 'http://127.0.0.1:4873' });
    expect(readPidLock(file)).toEqual({ pid: process.pid, info: { startedAt: 'then', origin: 'http://127.0.0.1:4873' } });
    expect(refusal(() => takePidLock(file, opts())).owner?.info.origin).toBe('http://127.0.0.1:4873');
    b.release();
  });

  it('a live process holds it; a gone process or an earlier run with our pid does not', () => {
    const parent = process.ppid; // alive, and not us
    expect(isProcessAlive(parent)).toBe(true);
    writeFileSync(file, JSON.stringify({ pid: parent, origin: 'http://a' }));
    expect(refusal(() => takePidLock(file, opts())).owner).toEqual({ pid: parent, info: { origin: 'http://a' } });

    const gone = deadPid();
    expect(isProcessAlive(gone)).toBe(false);
    writeFileSync(file, String(gone));
    takePidLock(file, opts()).release();

    writeFileSync(file, String(process.pid)); // left by an earlier run with this pid: not held here
    const c = takePidLock(file, opts());
    expect(() => takePidLock(file, opts())).toThrow(Busy);
    c.release();
  });

  it('an empty lock is another process starting, unless it is old (a crash mid-write)', () => {
    writeFileSync(file, '');
    expect(refusal(() => takePidLock(file, opts())).owner).toBeNull();
    const old = new Date(Date.now() - 60_000);
    utimesSync(file, old, old);
    takePidLock(file, opts()).release();
    writeFileSync(file, 'garbage{');
    utimesSync(file, old, old);
    takePidLock(file, opts()).release();
  });

  it('release leaves a lock another process took over alone', () => {
    const a = takePidLock(file, opts());
    writeFileSync(file, String(process.ppid));
    a.release();
    expect(readFileSync(file, 'utf8')).toBe(String(process.ppid));
  });
});
