/**
 * Hostile s11 #7 and #8: runtime/pidLock.ts (studio.lock, one studio per home).
 * - #7: several studios starting at the same instant on a home with a stale lock: more than one could hold it (B
 *   removed the lock A had just created over the stale one). Real processes racing, many rounds: never two holders.
 * - #8: a folder or a symbolic link loop at the lock's path gave "unexpected error ... Please report this"; a lock left
 *   by a crash whose pid now belongs to another process blocked for ever.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PidLockFileError, processStart, takePidLock, type PidLockOwner } from '../../runtime/pidLock';
import { lockStudioHome, StudioHomeInUseError } from '../../runtime/studio/homeLock';

const opts = (info?: Record<string, unknown>) => ({ info, inUse: (o: PidLockOwner | null) => new Error(`in use by ${o?.pid}`), contended: () => new Error('contended') });
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'baton-fixhost-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A child that, at each round's instant, tries the round's lock, says GOT/NO, and keeps what it got until the end. */
const CHILD = `
import { takePidLock } from ${JSON.stringify(resolve('runtime/pidLock.ts'))};
const [dir, go, rounds] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const out = [];
for (let r = 0; r < rounds; r++) {
  while (Date.now() < go + r * 60) {}
  try { takePidLock(dir + '/' + r + '.lock', { info: { r }, inUse: () => new Error('busy'), contended: () => new Error('contended') }); out.push('GOT'); } catch { out.push('NO'); }
}
// Every child stays alive until all rounds are over: a child that exited early (they start up to seconds late on a
// loaded machine) leaves stale locks, which a later child rightly takes over; the test is about two LIVE holders.
const end = go + rounds * 60 + 3000;
while (Date.now() < end) {}
process.stdout.write(out.join(' '));
`;

function child(script: string, args: string[]): Promise<string> {
  return new Promise((ok, fail) => {
    const p = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.on('error', fail);
    p.on('exit', () => ok(out));
  });
}

describe('pid lock under a race and with junk at its path (hostile s11 #7, #8)', () => {
  it('processes finding the same stale lock at the same instant: exactly one holds it, every round', async () => {
    const rounds = 60;
    const script = join(dir, 'child.mts');
    writeFileSync(script, CHILD);
    const old = new Date(Date.now() - 3_600_000);
    for (let r = 0; r < rounds; r++) {
      writeFileSync(join(dir, `${r}.lock`), '{"pid":999999}'); // a crash long ago
      utimesSync(join(dir, `${r}.lock`), old, old);
    }
    const go = Date.now() + 4000; // after the children's start-up
    const outs = await Promise.all([0, 1, 2, 3].map(() => child(script, [dir, String(go), String(rounds)])));
    const got = outs.map((o) => o.split(' '));
    expect(got.every((g) => g.length === rounds)).toBe(true);
    const holders = Array.from({ length: rounds }, (_, r) => got.filter((g) => g[r] === 'GOT').length);
    expect(holders.filter((n) => n !== 1)).toEqual([]);
  }, 60_000);

  it('a folder or a symbolic link at the lock path: a clear message saying what to remove', () => {
    const home = join(dir, 'home');
    mkdirSync(join(home, 'studio.lock'), { recursive: true });
    expect(() => lockStudioHome(home)).toThrow(StudioHomeInUseError);
    expect(() => lockStudioHome(home)).toThrow(/studio\.lock is a folder, not a lock file: remove it/);
    const loop = join(dir, 'loop.lock');
    symlinkSync(loop, loop);
    expect(() => takePidLock(loop, opts())).toThrow(PidLockFileError);
    expect(() => takePidLock(loop, opts())).toThrow(/is a symbolic link, not a lock file: remove it/);
  });

  it('a lock whose pid now belongs to another process (recycled after a crash) is taken over; a live holder still refuses', () => {
    const file = join(dir, 'x.lock');
    const parent = process.ppid; // alive
    expect(processStart(parent)).not.toBeNull();
    // Written by a process with that pid that started at another time: not the process alive now.
    writeFileSync(file, JSON.stringify({ pid: parent, pidStart: '1', startedAt: '2026-11-30T09:00:00Z' }));
    const l = takePidLock(file, opts({ startedAt: 'now' }));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ pid: process.pid, pidStart: processStart(process.pid) });
    l.release();
    // The same pid with its real start: held.
    writeFileSync(file, JSON.stringify({ pid: parent, pidStart: processStart(parent) }));
    expect(() => takePidLock(file, opts())).toThrow(`in use by ${parent}`);
  });
});
