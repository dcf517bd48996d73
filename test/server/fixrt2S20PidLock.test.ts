/**
 * Hostile s19 #16 (runtime/pidLock.ts): an old lock (the format before session 12: no process start time) whose pid
 * now belongs to an unrelated live node process blocked the data folder for as long as that process lived, though the
 * lock file was an hour older than the process (it cannot have written it). Now such a lock is stale when the file is
 * older than the process's start (/proc/PID/stat) by more than LOCK_OLDER_THAN_PROCESS_MS; a lock written after the
 * process started is still believed (it may be the baton that wrote it). Linux only (/proc).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { processStartedAtMs, takePidLock, type PidLockOwner } from '../../runtime/pidLock';

let dir: string;
const children: ChildProcess[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fixrt2-lock-'));
});
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const linux = existsSync('/proc/self/stat');
const inUse = (owner: PidLockOwner | null) => new Error(`in use by process ${owner?.pid}`);
const settle = () => new Promise((ok) => setTimeout(ok, 300));

describe.runIf(linux)('hostile s19 #16: an old lock older than the live node process it names', () => {
  const nodeChild = () => {
    const c = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1e6)'], { stdio: 'ignore' });
    children.push(c);
    return c.pid!;
  };

  it('processStartedAtMs reads a process start to within seconds', async () => {
    const before = Date.now();
    const pid = nodeChild();
    await settle();
    const at = processStartedAtMs(pid)!;
    expect(at).toBeGreaterThan(before - 3000);
    expect(at).toBeLessThan(Date.now() + 3000);
  });

  for (const form of ['json', 'bare'] as const) {
    it(`${form} pid, lock an hour older than the process: taken over`, async () => {
      const pid = nodeChild();
      await settle();
      const file = join(dir, 'baton.lock');
      writeFileSync(file, form === 'json' ? JSON.stringify({ pid }) : String(pid));
      const hourAgo = new Date(Date.now() - 3600_000);
      utimesSync(file, hourAgo, hourAgo);
      const l = takePidLock(file, { inUse, contended: () => new Error('contended') });
      expect(JSON.parse(readFileSync(file, 'utf8')).pid).toBe(process.pid);
      l.release();
    });
  }

  it('a lock written after the node process started: still refused (it may be the baton that wrote it)', async () => {
    const pid = nodeChild();
    await settle();
    const file = join(dir, 'baton.lock');
    writeFileSync(file, JSON.stringify({ pid }));
    expect(() => takePidLock(file, { inUse, contended: () => new Error('contended') })).toThrow(`in use by process ${pid}`);
  });
});
