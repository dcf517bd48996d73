/**
 * Hostile s9 #9: two studios on one home folder (the port-in-use message led there; or the desktop app plus
 * `baton studio`) numbered their saves from their own index and overwrote each other's versions and studio.json.
 * A studio now locks its home: a second one is refused with a message naming the first (process and address); the
 * lock goes with a clean stop, and a lock left by a process that is gone is taken over.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startStudioServer, type StudioServer } from '../../runtime/studio/startStudioServer';
import { studioApi } from '../support/studioApi';

const root = fileURLToPath(new URL('../../', import.meta.url));
let home: string;
const started: StudioServer[] = [];
const start = async () => {
  const s = await startStudioServer({ home, port: 0 });
  started.push(s);
  return s;
};

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'baton-studio-lock-'));
});
afterEach(async () => {
  for (const s of started.splice(0)) await s.close().catch(() => {});
  await rm(home, { recursive: true, force: true });
});

async function call(s: StudioServer, path: string, method = 'GET', body?: unknown) {
  const r = await studioApi(() => s)(path, { method, body });
  return { status: r.status, json: r.json as Record<string, unknown> };
}

describe('hostile s9 #9: one studio per home folder', () => {
  it('refuses a second studio on the same home, naming the first; the first keeps working and nothing is overwritten', async () => {
    const a = await start();
    const made = await call(a, '/api/flows', 'POST', { template: 'customer-support' });
    expect(made.status).toBe(201);
    const index = await readFile(join(home, 'studio.json'), 'utf8');

    await expect(startStudioServer({ home, port: 0 })).rejects.toThrow(new RegExp(`another Baton Studio \\(process ${process.pid}, ${a.origin.replace(/[.]/g, '\\.')}\\) uses the home folder`));
    expect(await readFile(join(home, 'studio.json'), 'utf8')).toBe(index);

    // The real command, as a user runs it: refused with the same words, exit code 1, nothing started.
    const r = spawnSync(process.execPath, ['bin/baton.js', 'studio', '--home', home, '--port', '0', '--no-open'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(`another Baton Studio (process ${process.pid}, ${a.origin}) uses the home folder ${home}`);
    expect(r.stderr).toMatch(/pass --home with another folder/);
    expect(r.stdout).not.toMatch(/Baton Studio: http/);

    // The first studio is untouched.
    const key = (made.json as { key: string }).key;
    expect((await call(a, `/api/flows/${key}`)).status).toBe(200);
  });

  it('a clean stop releases the home; a lock left by a process that is gone is taken over', async () => {
    const a = await start();
    expect(existsSync(join(home, 'studio.lock'))).toBe(true);
    await a.close();
    started.length = 0;
    expect(existsSync(join(home, 'studio.lock'))).toBe(false);
    const b = await start();
    await b.close();
    started.length = 0;

    // A crashed studio's lock (its process has exited).
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    await writeFile(join(home, 'studio.lock'), JSON.stringify({ pid: Number(gone.stdout), origin: 'http://127.0.0.1:4873' }));
    const c = await start();
    expect(JSON.parse(await readFile(join(home, 'studio.lock'), 'utf8'))).toMatchObject({ pid: process.pid, origin: c.origin });
  });
});
