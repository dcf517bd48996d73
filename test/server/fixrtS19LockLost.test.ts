/**
 * Session 19 (fixrt; hostile s13 #5 rest, s17 #9 rest): a `baton serve` told its data folder's lock was lost (another
 * process took the folder over while this one stalled, or the lock file was removed) went on writing beside the new
 * holder. Real processes over real HTTP: the lock file is taken over under a running server (as a baton in another
 * container does after a `docker pause`), then a customer's message is answered 503 with what happened and what to
 * do, nothing is written, /readyz is not ready, and the log says why. With worker threads (the default, the shard's
 * store writes) and without (--workers 0, the main thread's store writes).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { currentPidSpace, HEARTBEAT_MS, lockToken, takePidLock } from '../../runtime/pidLock';
import { EmbeddedStore } from '../../runtime/store/embeddedStore';

const root = fileURLToPath(new URL('../../', import.meta.url));
let dir: string;
const children: ChildProcess[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fixrt-s19-lock-'));
});
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

async function serve(args: string[]): Promise<{ url: string; stderr: () => string }> {
  const child = spawn(process.execPath, [join(root, 'bin/baton.js'), 'serve', join(root, 'flows/customer-support.json'), '--port', '0', '--host', '127.0.0.1', ...args], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const url = await new Promise<string>((ok, fail) => {
    const t = setTimeout(() => fail(new Error(`serve did not start: ${err.slice(0, 800)}`)), 60_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /ready at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(t);
        ok(m[1]);
      }
    });
    child.on('exit', () => fail(new Error(`serve exited: ${err.slice(0, 800)}`)));
  });
  return { url, stderr: () => err + out };
}

async function call(url: string, method: string, body?: unknown, token?: string) {
  const r = await fetch(url, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: r.status, json, text };
}

/** What another baton writes when it takes the folder over (another container: another pid namespace and host). */
const takeOver = (file: string) =>
  writeFileSync(file, JSON.stringify({ pid: 24, pidStart: '4242', ...currentPidSpace(), host: 'web-2', pidNs: 'pid:[4026532999]', bootId: 'another-boot', token: 'theirs' }));

describe.each([['worker threads (default)', []], ['--workers 0', ['--workers', '0']]] as const)('the data folder lock lost under a running baton serve: %s', (_name, extra) => {
  it('refuses every write (503, says why and what to do), writes nothing, /readyz is not ready, the log says why', async () => {
    const data = join(dir, 'data');
    const s = await serve(['--data', data, ...extra]);
    const conv = await call(`${s.url}/api/v1/flows/customer-support/conversations`, 'POST', {});
    expect(conv.status).toBe(201);
    const { conversationId, token } = conv.json as { conversationId: string; token: string };
    const ok = await call(`${s.url}/api/v1/conversations/${conversationId}/messages`, 'POST', { text: 'hello' }, token);
    expect(ok.status).toBe(200);
    expect((await call(`${s.url}/readyz`, 'GET')).status).toBe(200);
    const before = await call(`${s.url}/api/v1/conversations/${conversationId}`, 'GET', undefined, token);

    takeOver(join(data, 'baton.lock'));
    const lmdb = join(data, 'baton.lmdb');
    const sizeAndTime = () => {
      const st = statSync(lmdb);
      return `${st.size}/${st.mtimeMs}`;
    };
    const disk = sizeAndTime();
    // Before the heartbeat's next look too: the write itself looks (at most a second after the last look).
    await new Promise((r) => setTimeout(r, 1100));
    const refused = await call(`${s.url}/api/v1/conversations/${conversationId}/messages`, 'POST', { text: 'where is my order NW-104233' }, token);
    expect(refused.status).toBe(503);
    expect(refused.json.error).toBe('storage_unavailable');
    expect(String(refused.json.message)).toContain('no longer holds the lock on its data folder');
    expect(String(refused.json.message)).toMatch(/taken over/);
    expect(String(refused.json.message)).toMatch(/Stop this server/);
    const fresh = await call(`${s.url}/api/v1/flows/customer-support/conversations`, 'POST', {});
    expect(fresh.status).toBe(503);
    await new Promise((r) => setTimeout(r, HEARTBEAT_MS + 300));
    const ready = await call(`${s.url}/readyz`, 'GET');
    expect(ready.status).toBe(503);
    expect(ready.text).toContain('no longer holds the lock');
    // Reads still work, and show nothing new; the folder was not written.
    const after = await call(`${s.url}/api/v1/conversations/${conversationId}`, 'GET', undefined, token);
    expect(after.status).toBe(200);
    expect(after.text).toBe(before.text);
    expect(sizeAndTime()).toBe(disk);
    expect(JSON.parse(readFileSync(join(data, 'baton.lock'), 'utf8')).token).toBe('theirs');
    expect(s.stderr()).toMatch(/data folder lock lost: writes refused/);
    expect(s.stderr()).toMatch(/no longer holds the lock on its data folder/);
  }, 90_000);
});

describe('only a missing lock or another token is a lost lock (hostile s19 #26, review s19 R7/R8)', () => {
  it('lockToken: a read error or an empty file is "cannot tell now", not "removed"', () => {
    const file = join(dir, 'baton.lock');
    expect(lockToken(file)).toBeNull();
    writeFileSync(file, '');
    expect(lockToken(file)).toBeUndefined();
    writeFileSync(file, '{"pid": 12, "tok');
    expect(lockToken(file)).toBeUndefined();
    rmSync(file);
    mkdirSync(file); // EISDIR: the read fails, as with EMFILE
    expect(lockToken(file)).toBeUndefined();
    rmSync(file, { recursive: true });
    takeOver(file);
    expect(lockToken(file)).toBe('theirs');
  });

  it('the holder: an empty lock file for a beat is a missed beat, not a lost lock', async () => {
    const file = join(dir, 'x.lock');
    const lost: string[] = [];
    const l = takePidLock(file, { inUse: () => new Error('in use'), contended: () => new Error('contended'), onLost: (w) => lost.push(w) });
    const mine = readFileSync(file, 'utf8');
    writeFileSync(file, '');
    expect(l.holds()).toBe(true);
    await new Promise((r) => setTimeout(r, HEARTBEAT_MS + 300));
    expect(lost).toEqual([]);
    writeFileSync(file, mine);
    expect(l.holds()).toBe(true);
    l.release();
  }, 10_000);

  it("a shard's store keeps writing through a failed read of the lock; once taken over, it claims no outbox item or timer even without a write", async () => {
    const data = join(dir, 'data');
    const main = new EmbeddedStore({ dir: data, writer: 'inline' });
    const shard = new EmbeddedStore({ dir: data, writer: 'inline', shard: { journalLane: 1, owns: () => true } });
    try {
      const file = join(data, 'baton.lock');
      const mine = readFileSync(file, 'utf8');
      rmSync(file);
      mkdirSync(file); // the shard's next look cannot read the lock (as under EMFILE)
      await new Promise((r) => setTimeout(r, 1100));
      await shard.setActiveRevision('f', 'r1');
      rmSync(file, { recursive: true });
      writeFileSync(file, mine);
      await new Promise((r) => setTimeout(r, 1100));
      await shard.setActiveRevision('f', 'r2');
      expect(await shard.getActiveRevision('f')).toBe('r2');
      // Taken over: the shard's claims look at the lock themselves (no write, no /readyz in between).
      takeOver(file);
      await new Promise((r) => setTimeout(r, 1100));
      expect(await shard.claimOutbox(Date.now() + 3_600_000, 10, 1000)).toEqual([]);
      expect((shard as unknown as { lockLost: unknown }).lockLost).not.toBeNull();
      expect(await shard.claimDueTimers(Date.now() + 3_600_000, 10, 1000)).toEqual([]);
      await expect(shard.setActiveRevision('f', 'r3')).rejects.toThrow(/no longer holds the lock/);
      expect(await shard.getActiveRevision('f')).toBe('r2');
    } finally {
      await shard.close();
      await main.close();
    }
  }, 20_000);
});
