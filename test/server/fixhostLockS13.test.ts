/**
 * Hostile s13 #5 and #6: runtime/pidLock.ts (the studio's studio.lock, baton serve's baton.lock).
 * - #5: a holder that stalled past the stale time lost its lock to another pid namespace and never noticed: two holders.
 * - #6: staleness judged by the file time against this clock: (a) a time in the future was never stale ("alive 0 s ago"
 *   for hours; an empty lock or a crashed `.takeover` likewise), (b) a live holder with a slow clock was taken over at
 *   once, (c) another machine with this host name was "this host rebooted" and taken over at once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { currentPidSpace, HEARTBEAT_MS, takePidLock, type PidLockOwner } from '../../runtime/pidLock';
import { startStudioServer } from '../../runtime/studio/startStudioServer';
import { studioApi } from '../support/studioApi';

class Busy extends Error {
  constructor(readonly owner: PidLockOwner | null) {
    super(owner ? `held by ${owner.pid}${owner.elsewhere ? ` ${owner.elsewhere}` : ''}` : 'being created');
  }
}
const opts = (more: Record<string, unknown> = {}) => ({ inUse: (o: PidLockOwner | null) => new Busy(o), contended: () => new Error('contended'), ...more });
const foreign = (extra: Record<string, unknown> = {}) => ({ pid: 24, pidStart: '4242', ...currentPidSpace(), host: 'gone-container', pidNs: 'pid:[4026532999]', bootId: 'another-boot', token: 'theirs', ...extra });
const tokenIn = (file: string) => JSON.parse(readFileSync(file, 'utf8')).token as string;
const taken = (file: string, o = opts()): 'took' | Busy => {
  try {
    takePidLock(file, o).release();
    return 'took';
  } catch (e) {
    if (e instanceof Busy) return e;
    throw e;
  }
};

let dir: string;
let child: ChildProcess | null = null;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'baton-fixhost-lock13-'));
});
afterEach(() => {
  child?.kill('SIGKILL');
  child = null;
  rmSync(dir, { recursive: true, force: true });
});

describe('hostile s13 #5: a holder whose lock was taken over while it stalled', () => {
  it('notices at its next heartbeat (onLost names the new holder and the stall) and holds() is false at once', async () => {
    const file = join(dir, 'x.lock');
    const lost: string[] = [];
    const l = takePidLock(file, opts({ onLost: (why: string) => lost.push(why) }));
    expect(l.holds()).toBe(true);
    // The stall (SIGSTOP, docker pause): the event loop does not run; meanwhile another namespace takes the lock.
    writeFileSync(file, JSON.stringify(foreign({ host: 'web-2' })));
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2 * HEARTBEAT_MS + 1500);
    await new Promise((ok) => setTimeout(ok, HEARTBEAT_MS + 300));
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatch(/was taken over by process 24 on host "web-2" after this process stalled for \d+ s/);
    expect(l.holds()).toBe(false);
    l.release();
    expect(tokenIn(file)).toBe('theirs');
  }, 20_000);

  it('the studio refuses every write (503, nothing written) once another studio took its home', async () => {
    const home = join(dir, 'home');
    const studio = await startStudioServer({ home, port: 0 });
    const api = studioApi(() => studio);
    try {
      const made = await api('/api/flows', { method: 'POST', body: { name: 'lock lost' } });
      expect(made.status).toBe(201);
      const o = await api(`/api/flows/${made.json.key}`);
      const before = await readFile(o.json.path, 'utf8');
      writeFileSync(join(home, 'studio.lock'), JSON.stringify(foreign({ host: 'web-2', origin: 'http://127.0.0.1:4999' })));
      const s = await api(`/api/flows/${made.json.key}`, { method: 'PUT', body: { flow: { ...o.json.flow, description: 'second writer' }, journalSeq: 0 } });
      expect(s.status).toBe(503);
      expect(s.json.error.code).toBe('home_lock_lost');
      expect(s.json.error.message).toContain('taken over by process 24 on host "web-2"');
      expect(await readFile(o.json.path, 'utf8')).toBe(before);
      expect((await api('/api/flows', { method: 'POST', body: { name: 'not made' } })).status).toBe(503);
      // Reading still works (the designer can copy their work out).
      expect((await api(`/api/flows/${made.json.key}`)).status).toBe(200);
    } finally {
      await studio.close();
    }
  });
});

describe('hostile s13 #6: liveness by the heartbeat changing the file time, not by this clock', () => {
  it('(a) a foreign lock with a time 2 hours ahead and no heartbeat is taken (was: refused for 2 h, "alive 0 s ago")', () => {
    const file = join(dir, 'x.lock');
    writeFileSync(file, JSON.stringify(foreign()));
    const future = new Date(Date.now() + 2 * 3600_000);
    utimesSync(file, future, future);
    expect(taken(file)).toBe('took');
  }, 20_000);

  it('(a) an empty lock dated in the future, and a crashed .takeover dated in the future, do not block for hours', () => {
    const file = join(dir, 'y.lock');
    const future = new Date(Date.now() + 2 * 3600_000);
    writeFileSync(file, '');
    utimesSync(file, future, future);
    expect(taken(file, opts({ startingGraceMs: 800 }))).toBe('took');
    writeFileSync(file, JSON.stringify(foreign()));
    const old = new Date(Date.now() - 60_000);
    utimesSync(file, old, old);
    writeFileSync(`${file}.takeover`, '');
    utimesSync(`${file}.takeover`, future, future);
    expect(taken(file)).toBe('took');
  }, 30_000);

  it('(b) a live holder whose clock is 16 s slow (its heartbeat keeps moving the time) is refused (was: taken at once)', async () => {
    const file = join(dir, 'x.lock');
    writeFileSync(file, JSON.stringify(foreign({ host: 'slow-clock' })));
    const slow = new Date(Date.now() - 16_000);
    utimesSync(file, slow, slow);
    // The holder: another process refreshing the file every 500 ms with its slow clock.
    child = spawn(process.execPath, ['-e', `const fs=require('fs');setInterval(()=>{const t=new Date(Date.now()-16000);fs.utimesSync(${JSON.stringify(file)},t,t)},500)`], { stdio: 'ignore' });
    await new Promise((ok) => setTimeout(ok, 700));
    const r = taken(file);
    expect(r).toBeInstanceOf(Busy);
    expect((r as Busy).owner?.elsewhere).toContain('being refreshed');
    expect((r as Busy).owner?.elsewhere).not.toContain('alive 0 s ago');
    expect(tokenIn(file)).toBe('theirs');
  }, 20_000);

  it('(c) another machine with this host name (another boot and pid namespace), fresh, is refused (was: "rebooted", taken)', () => {
    const file = join(dir, 'x.lock');
    writeFileSync(file, JSON.stringify(foreign({ host: currentPidSpace().host })));
    const r = taken(file);
    expect(r).toBeInstanceOf(Busy);
    expect(tokenIn(file)).toBe('theirs');
    // This very machine before a reboot (same host and pid namespace, another boot) is still free at once.
    writeFileSync(file, JSON.stringify(foreign({ host: currentPidSpace().host, pidNs: currentPidSpace().pidNs })));
    expect(taken(file)).toBe('took');
  });
});
