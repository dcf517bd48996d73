/**
 * The data folder's lock (runtime/pidLock.ts):
 * - Session 17's review: a read of the lock that fails for a reason that does not pass by itself (EACCES, EPERM,
 *   EISDIR...) was taken as one more missed beat, silently, for ever. It is now said once, naming the file, the error
 *   and what to do (onUnreadable, stderr by default); a transient failure (a half-written file, EMFILE) is not.
 *   Simulated with a folder in the file's place (EISDIR: root ignores permissions, so EACCES cannot be made here).
 * - Hostile s18 H#14: a lock in the format before session 12 (no start time) naming a live process that is not node
 *   blocked the folder for ever, blaming that process. Taken over now; a live node process is still believed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HEARTBEAT_MS, takePidLock, type PidLockOwner } from '../../runtime/pidLock';

const beats = (n: number) => new Promise((ok) => setTimeout(ok, n * HEARTBEAT_MS + 300));

let dir: string;
const children: ChildProcess[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fixrt-lock-'));
});
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('the lock tells an unreadable file from a missed beat (review s17)', () => {
  it('said once with the path, the error and what to do; not lost; a half-written file says nothing', async () => {
    const file = join(dir, 'baton.lock');
    const lost: string[] = [];
    const unreadable: string[] = [];
    const l = takePidLock(file, { inUse: () => new Error('in use'), contended: () => new Error('contended'), onLost: (w) => lost.push(w), onUnreadable: (w) => unreadable.push(w) });
    const mine = readFileSync(file, 'utf8');
    writeFileSync(file, mine.slice(0, Math.floor(mine.length / 2))); // half written: passes by itself
    await beats(1);
    expect(unreadable).toEqual([]);
    rmSync(file);
    mkdirSync(file);
    await beats(2); // two beats: said once
    expect(unreadable).toHaveLength(1);
    expect(unreadable[0]).toContain(file);
    expect(unreadable[0]).toMatch(/EISDIR/);
    expect(unreadable[0]).toMatch(/Give the user running baton read and write access/);
    expect(lost).toEqual([]);
    rmSync(file, { recursive: true });
    writeFileSync(file, mine);
    await beats(1);
    expect(lost).toEqual([]);
    expect(l.holds()).toBe(true);
    l.release();
  }, 20_000);
});

describe('hostile s18 H#14: an old lock (no start time) naming a live process', () => {
  const inUse = (owner: PidLockOwner | null) => new Error(`in use by process ${owner?.pid}${owner?.elsewhere ? ` ${owner.elsewhere}` : ''}`);
  const oldLockOf = (cmd: string, args: string[]) => {
    const c = spawn(cmd, args, { stdio: 'ignore' });
    children.push(c);
    const file = join(dir, 'baton.lock');
    writeFileSync(file, JSON.stringify({ pid: c.pid }));
    return { file, pid: c.pid! };
  };
  const settle = () => new Promise((ok) => setTimeout(ok, 200)); // the child's exec has happened

  it('a live process that is not node (a recycled pid): the lock is taken over', async () => {
    const { file } = oldLockOf('sleep', ['30']);
    await settle();
    const l = takePidLock(file, { inUse, contended: () => new Error('contended') });
    expect(JSON.parse(readFileSync(file, 'utf8')).pid).toBe(process.pid);
    l.release();
  });

  it('a live node process: still refused (it may be the baton that wrote it)', async () => {
    const { file, pid } = oldLockOf(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    await settle();
    expect(() => takePidLock(file, { inUse, contended: () => new Error('contended') })).toThrow(`in use by process ${pid}`);
  });
});
