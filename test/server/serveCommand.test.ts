/**
 * `baton serve` as a user runs it: refuses an invalid flow (printing its problems) or a broken --config, and
 * never starts twice on one data folder. Real processes; exit code 2 and words, never a stack trace.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../runtime/store/embeddedStore';
import { shopFlow } from './runtimeFixtures';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'baton-serve-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'bin/baton.js'), 'serve', ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    // A stuck start is killed, well before the test's 60 s (a start here takes 1 s quiet, 5-8 s at load 20, and was
    // killed by the earlier 30 s once at load 20: code null).
    const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('baton serve refuses to start on bad input', () => {
  it('prints the problems of an invalid flow and exits 2', async () => {
    const good = join(dir, 'good.json');
    const bad = join(dir, 'bad.json');
    writeFileSync(good, JSON.stringify(shopFlow()));
    writeFileSync(bad, JSON.stringify({ version: 1, id: 'broken', name: 'Broken', blocks: [{ id: 'hello', kind: 'message', data: { text: 'hi' } }] }));
    const r = await run([good, bad, '--port', '0', '--data', join(dir, 'd1')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad.json');
    expect(r.stderr).toMatch(/no Start block/i);
    expect(r.stderr).toContain('not starting');
    expect(r.stdout).not.toContain('ready at');
    expect(r.stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/); // no stack trace
  });

  it('reports a broken --config with the path of the wrong key', async () => {
    const flow = join(dir, 'shop.json');
    writeFileSync(flow, JSON.stringify(shopFlow()));
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ rateLimit: { perAddressPerMinute: 'lots' }, smpt: {} }));
    const r = await run([flow, '--port', '0', '--data', join(dir, 'd2'), '--config', config]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('rateLimit.perAddressPerMinute');
    expect(r.stderr).toMatch(/smpt/);
  });

  it('will not share a data folder with a running store', async () => {
    const flow = join(dir, 'shop.json');
    writeFileSync(flow, JSON.stringify(shopFlow()));
    const data = join(dir, 'd3');
    const holder = new EmbeddedStore({ dir: data }); // stands for another running baton serve
    try {
      const r = await run([flow, '--port', '0', '--data', data]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/in use by process \d+/);
    } finally {
      await holder.close();
    }
  });
});
