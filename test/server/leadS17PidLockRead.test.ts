/**
 * Hostile s17 H#9, the lock part (hunk by rtfast, applied by the lead): with `baton serve` out of file descriptors the
 * holder's heartbeat could not read baton.lock (EMFILE), took "cannot read it" for "it is gone", said "removed by
 * another process ... must stop writing" and stopped beating, while the server went on writing. The holder now reads
 * its lock strictly: only a missing file or another token is a lost lock; a read that fails for now or a half-written
 * file is a missed beat. Simulated here with a file that cannot be read for a while (a directory in its place, as
 * root ignores permissions) and a half-written file, each put back before the next beats.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HEARTBEAT_MS, takePidLock } from '../../runtime/pidLock';

const opts = (lost: string[]) => ({ inUse: () => new Error('in use'), contended: () => new Error('contended'), onLost: (why: string) => lost.push(why) });
const beats = (n: number) => new Promise((ok) => setTimeout(ok, n * HEARTBEAT_MS + 300));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lead-lock-read-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('a lock that cannot be read for a while is not a lost lock (hostile s17 H#9)', () => {
  it('unreadable, then half written, then back: never lost, holds() stays true', async () => {
    const file = join(dir, 'baton.lock');
    const lost: string[] = [];
    const l = takePidLock(file, opts(lost));
    const mine = readFileSync(file, 'utf8');
    rmSync(file);
    mkdirSync(file); // EISDIR on every read: like EMFILE, a read that fails for now
    await beats(1);
    expect(lost).toEqual([]);
    rmSync(file, { recursive: true });
    writeFileSync(file, mine.slice(0, Math.floor(mine.length / 2))); // half written
    await beats(1);
    expect(lost).toEqual([]);
    writeFileSync(file, mine);
    await beats(1);
    expect(lost).toEqual([]);
    expect(l.holds()).toBe(true);
    l.release();
  }, 20_000);

  it('a lock file that is really gone is still lost at the next beat', async () => {
    const file = join(dir, 'baton.lock');
    const lost: string[] = [];
    const l = takePidLock(file, opts(lost));
    rmSync(file);
    await beats(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatch(/was removed by another process/);
    l.release();
  }, 20_000);
});
