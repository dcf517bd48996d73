/**
 * Review s19 R9 (hostile s13 #5 rest): a `baton serve` whose data-folder lock was removed by hand (no other process
 * holding it) answered 503 to every write until someone restarted it by hand; it never exited, so no supervisor
 * restarted it. Now it says so, waits BATON_LOCK_LOST_EXIT_MS (default 15 s; /readyz is 503 meanwhile), drains and
 * exits with code 75; started again on the same folder it takes the lock and serves. Real processes, real HTTP.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
let dir: string;
const children: ChildProcess[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fixrt2-lockexit-'));
});
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function serve(data: string, env: Record<string, string>) {
  const child = spawn(process.execPath, [join(root, 'bin/baton.js'), 'serve', join(root, 'flows/customer-support.json'), '--port', '0', '--host', '127.0.0.1', '--data', data], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  children.push(child);
  let out = '';
  child.stderr!.on('data', (d) => (out += d));
  child.stdout!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
  const url = new Promise<string>((ok, fail) => {
    const t = setTimeout(() => fail(new Error(`serve did not start: ${out.slice(0, 800)}`)), 60_000);
    const look = () => {
      const m = /ready at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(t);
        ok(m[1]);
      }
    };
    child.stdout!.on('data', look);
    void exited.then(() => fail(new Error(`serve exited: ${out.slice(0, 800)}`)));
  });
  return { url, exited, log: () => out };
}

describe('review s19 R9: the data folder lock lost', () => {
  it('baton serve says so, exits with code 75 after the wait, and a new start serves the folder', async () => {
    const data = join(dir, 'data');
    const s = serve(data, { BATON_LOCK_LOST_EXIT_MS: '3000' });
    const url = await s.url;
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    const t0 = Date.now();
    rmSync(join(data, 'baton.lock')); // an operator's clean-up; nobody else holds the folder
    // Not ready while it waits; then it exits by itself.
    for (const until = Date.now() + 8000; Date.now() < until; ) {
      const r = await fetch(`${url}/readyz`).catch(() => null);
      if (r?.status === 503) break;
      await new Promise((ok) => setTimeout(ok, 200));
    }
    const code = await Promise.race([s.exited, new Promise((ok) => setTimeout(() => ok('still running'), 20_000))]);
    expect(code).toBe(75);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(3000);
    expect(s.log()).toMatch(/data folder lock lost: exiting with code 75 in 3 s so a supervisor starts baton serve again/);
    // What a supervisor does next: start it again. It takes the folder and serves.
    const again = serve(data, {});
    const url2 = await again.url;
    expect((await fetch(`${url2}/readyz`)).status).toBe(200);
    expect((await fetch(`${url2}/api/v1/flows/customer-support/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(201);
  }, 120_000);
});
