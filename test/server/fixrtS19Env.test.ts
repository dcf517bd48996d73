/**
 * Hostile s18 #13: a bad BATON_MAX_CONNECTIONS ("20k", "-1") silently removed the connection cap and a bad
 * BATON_REQUEST_TIMEOUT_MS was ignored. `baton serve` now refuses to start, naming each variable, its value and what
 * it takes (runtime/serve/envCheck.ts); good values and unset ones start as before.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { connectionLimits } from '../../runtime/server/leanRoute';
import { serveEnvProblems } from '../../runtime/serve/envCheck';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'fixrt-s19-env-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('serveEnvProblems', () => {
  it('names the variable, its value and what it takes; good and unset values pass', () => {
    expect(serveEnvProblems({})).toEqual([]);
    expect(
      serveEnvProblems({ BATON_MAX_CONNECTIONS: '5000', BATON_REQUEST_TIMEOUT_MS: '0', BATON_LOG_BUFFER_BYTES: '', BATON_IDLE_GC: '0', BATON_IDLE_RELEASE: '1', BATON_STORE_WRITER: 'inline', BATON_SHARD_YOUNG_MB: '32' }),
    ).toEqual([]);
    for (const v of ['20k', '-1', '1e4', '12.5', 'none', '99999999999']) {
      const p = serveEnvProblems({ BATON_MAX_CONNECTIONS: v });
      expect(p).toHaveLength(1);
      expect(p[0]).toContain(`BATON_MAX_CONNECTIONS=${JSON.stringify(v)} is not a value it takes: use a whole number from 0 to`);
      expect(p[0]).toContain('0: no cap');
    }
    expect(serveEnvProblems({ BATON_REQUEST_TIMEOUT_MS: '30s' })[0]).toMatch(/^BATON_REQUEST_TIMEOUT_MS="30s" is not a value it takes: use a whole number from 0 to \d+ \(milliseconds/);
    expect(serveEnvProblems({ BATON_IDLE_GC: 'off' })[0]).toMatch(/^BATON_IDLE_GC="off" is not a value it takes: 0 turns/);
    expect(serveEnvProblems({ BATON_IDLE_RELEASE: 'no' })[0]).toMatch(/^BATON_IDLE_RELEASE="no"/);
    expect(serveEnvProblems({ BATON_STORE_WRITER: 'inlined' })[0]).toMatch(/^BATON_STORE_WRITER="inlined" is not a value it takes: use thread .* or inline/);
    expect(serveEnvProblems({ BATON_LOG_BUFFER_BYTES: '0' })[0]).toMatch(/^BATON_LOG_BUFFER_BYTES="0" .* from 1 to/);
    expect(serveEnvProblems({ BATON_SHARD_YOUNG_MB: 'big' })[0]).toMatch(/^BATON_SHARD_YOUNG_MB="big"/);
    expect(serveEnvProblems({ BATON_MAX_CONNECTIONS: 'x', BATON_REQUEST_TIMEOUT_MS: 'y' })).toHaveLength(2);
    // What passes is what the server applies.
    expect(connectionLimits({ BATON_MAX_CONNECTIONS: '5000', BATON_REQUEST_TIMEOUT_MS: '9000' })).toMatchObject({ maxConnections: 5000, requestTimeoutMs: 9000 });
  });
});

function serveWith(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((ok) => {
    const child = spawn(process.execPath, [join(root, 'bin/baton.js'), 'serve', join(root, 'flows/customer-support.json'), '--port', '0', '--data', join(dir, 'd')], {
      cwd: dir,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
      if (stdout.includes('ready at')) child.kill('SIGTERM');
    });
    child.stderr.on('data', (d) => (stderr += d));
    const t = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(t);
      ok({ code, stderr, stdout });
    });
  });
}

describe('baton serve with bad BATON_* values (a real process)', () => {
  it('refuses to start, one line per variable; the cap is never silently dropped', async () => {
    const r = await serveWith({ BATON_MAX_CONNECTIONS: '20k', BATON_REQUEST_TIMEOUT_MS: 'abc' });
    expect(r.code).toBe(2);
    expect(r.stdout).not.toContain('ready at');
    expect(r.stderr).toContain('baton serve: BATON_MAX_CONNECTIONS="20k" is not a value it takes: use a whole number from 0 to');
    expect(r.stderr).toContain('baton serve: BATON_REQUEST_TIMEOUT_MS="abc" is not a value it takes');
  }, 90_000);
});
