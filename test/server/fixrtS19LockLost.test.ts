/**
 * Session 19 (fixrt; hostile s13 #5 rest, s17 #9 rest): a `baton serve` told its data folder's lock was lost (another
 * process took the folder over while this one stalled, or the lock file was removed) went on writing beside the new
 * holder. Real processes over real HTTP: the lock file is taken over under a running server (as a baton in another
 * container does after a `docker pause`), then a customer's message is answered 503 with what happened and what to
 * do, nothing is written, /readyz is not ready, and the log says why. With worker threads (the default, the shard's
 * store writes) and without (--workers 0, the main thread's store writes).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { currentPidSpace, HEARTBEAT_MS } from '../../runtime/pidLock';

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
