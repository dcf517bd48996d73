/**
 * `baton studio` as a user runs it: the real CLI in a child process, its printed link, a flow file given on
 * the command line, clean stop on SIGTERM, and clear errors (bad file, port in use, bad port).
 */
import { spawn } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../../runtime/studio/startStudioServer';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baton-cli-studio-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function studio(args: string[]) {
  const child = spawn(process.execPath, [join(repoRoot, 'bin/baton.js'), 'studio', '--no-open', '--home', join(dir, 'home'), ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const link = new Promise<string>((resolve, reject) => {
    const t = setInterval(() => {
      const m = /^Baton Studio: (\S+)$/m.exec(stdout);
      if (m) {
        clearInterval(t);
        resolve(m[1]);
      }
    }, 20);
    void exited.then(() => {
      clearInterval(t);
      reject(new Error(`exited before printing its link:\n${stdout}\n${stderr}`));
    });
  });
  link.catch(() => {}); // awaited only by the tests that expect a link
  return { child, link, exited, out: () => stdout, err: () => stderr };
}

describe('baton studio', () => {
  it('prints its link when ready, opens a given flow file on the canvas, stops cleanly on SIGTERM', async () => {
    const file = join(dir, 'my-flow.json');
    await copyFile(join(repoRoot, 'flows/lead-gen.json'), file);
    const s = studio(['--port', '0', file]);
    const url = await s.link;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/studio\/\?token=[\w-]+#\/flow\/lead-gen$/);
    const origin = new URL(url).origin;
    const secret = new URL(url).searchParams.get('token')!;
    const opened = await fetch(`${origin}/api/flows/lead-gen`, { headers: { 'x-baton-secret': secret } });
    expect(opened.status).toBe(200);
    expect(((await opened.json()) as { path: string }).path).toBe(file);
    expect((await fetch(`${origin}/api/flows`)).status).toBe(401);
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    // opening did not rewrite the file
    expect(await readFile(file, 'utf8')).toBe(await readFile(join(repoRoot, 'flows/lead-gen.json'), 'utf8'));
  });

  it('a broken flow file: its problems, exit 2, file unchanged', async () => {
    const file = join(dir, 'broken.json');
    await copyFile(join(repoRoot, 'test/fixtures/cli/bad-json.json'), file);
    const before = await readFile(file, 'utf8');
    const s = studio(['--port', '0', file]);
    expect(await s.exited).toBe(2);
    expect(s.err()).toMatch(/not a flow Baton can read/);
    expect(s.err()).not.toMatch(/\n\s+at /);
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('a port already in use or not a port: a sentence and exit 2', async () => {
    const first = studio(['--port', '0']);
    const port = new URL(await first.link).port;
    // Another home (the same home is refused first: one studio per home, hostile s9 #9).
    const second = studio(['--port', port, '--home', join(dir, 'home2')]);
    expect(await second.exited).toBe(2);
    expect(second.err()).toContain(`port ${port} is already in use`);
    const sameHome = studio(['--port', '0']);
    expect(await sameHome.exited).toBe(2);
    expect(sameHome.err()).toContain(`another Baton Studio (process ${first.child.pid}, http://127.0.0.1:${port}) uses the home folder ${join(dir, 'home')}`);
    first.child.kill('SIGTERM');
    await first.exited;
    const bad = studio(['--port', 'abc']);
    expect(await bad.exited).toBe(2);
    expect(bad.err()).toContain('--port: "abc" is not a port number');
  });
});
