/**
 * hostile s5 #1: `baton serve ... | head -1` hung for good (process.exit on EPIPE ran pino's exit-time
 * flushSync, which retries a broken pipe forever): the port and the data folder stayed held and SIGTERM was
 * ignored. A server whose stdout closes keeps serving (logs dropped) and still stops on SIGTERM.
 * Real processes (bin/baton.js), real HTTP on 127.0.0.1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const children: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Starts `baton ARGS`, waits for its first stdout line, then closes our end of the pipe like `head -1` does. */
async function startThenCloseStdout(args: string[]): Promise<{ child: ChildProcess; first: string; stderr: () => string }> {
  const child = spawn(process.execPath, ['bin/baton.js', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const first = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no stdout line within 60 s; stderr: ${err}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve(out.slice(0, nl));
      }
    });
    child.once('exit', (code) => reject(new Error(`exited ${code} before printing; stderr: ${err}`)));
  });
  child.stdout!.destroy();
  return { child, first, stderr: () => err };
}

const exited = (child: ChildProcess, ms: number) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    const t = setTimeout(() => resolve(null), ms);
    child.once('exit', (code) => {
      clearTimeout(t);
      resolve(code);
    });
  });

async function getOk(url: string): Promise<number> {
  // A few tries: the server prints its log lines while it is still starting.
  let last: unknown;
  for (let i = 0; i < 40; i++) {
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(3000) });
      return r.status;
    } catch (e) {
      last = e;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw last;
}

describe('a server whose stdout closes (| head -1)', () => {
  it('baton serve keeps serving, then stops on SIGTERM and frees the port', async () => {
    const data = mkdtempSync(join(tmpdir(), 'baton-closed-out-'));
    dirs.push(data);
    const port = 48200 + Math.floor(Math.random() * 500);
    const { child, stderr } = await startThenCloseStdout(['serve', 'flows/customer-support.json', '--port', String(port), '--data', data]);
    // Let the later writes (the ready line, more logs) hit the closed pipe.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await getOk(`http://127.0.0.1:${port}/healthz`)).toBe(200);
    expect(child.exitCode).toBe(null);
    child.kill('SIGTERM');
    expect(await exited(child, 15_000)).toBe(0);
    expect(stderr()).toContain('still running, logs are dropped');
    expect(stderr()).not.toMatch(/\n\s+at .+:\d+:\d+/);
  }, 90_000);

  it('baton studio keeps serving, then stops on SIGTERM', async () => {
    const home = mkdtempSync(join(tmpdir(), 'baton-closed-studio-'));
    dirs.push(home);
    const port = 48700 + Math.floor(Math.random() * 200);
    const { child, first } = await startThenCloseStdout(['studio', '--no-open', '--port', String(port), '--home', home]);
    expect(first).toMatch(/127\.0\.0\.1/);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await getOk(`http://127.0.0.1:${port}/api/health`)).toBeLessThan(500);
    expect(child.exitCode).toBe(null);
    child.kill('SIGTERM');
    expect(await exited(child, 15_000)).not.toBe(null);
  }, 90_000);
});
