/**
 * Hostile report, HIGH: a named pipe in the studio's flows/ folder froze the studio (open() of a FIFO blocks a
 * libuv thread for ever; four of them block every file operation). Now anything that is not a regular file is
 * skipped: the studio starts, lists and saves with a FIFO in flows/. Needs `mkfifo` (coreutils).
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startStudioServer, type StudioServer } from '../../runtime/studio/startStudioServer';
import { readRegularFile, NotRegularFileError } from '../../runtime/studio/readRegularFile';

let home: string;
let studio: StudioServer | null = null;
afterEach(async () => {
  await studio?.close();
  studio = null;
  await rm(home, { recursive: true, force: true });
});

const withTimeout = <T>(p: Promise<T>, ms: number, what: string) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} hung for ${ms} ms`)), ms))]);

describe('a named pipe in flows/', () => {
  it('does not block start, listing, opening or saving', async () => {
    home = await mkdtemp(join(tmpdir(), 'baton-fifo-'));
    await mkdir(join(home, 'flows'), { recursive: true });
    await writeFile(join(home, 'flows', 'ok.json'), JSON.stringify({ version: 1, id: 'ok', name: 'OK', blocks: [{ id: 'start', kind: 'start', data: {} }], edges: [] }));
    for (const n of [1, 2, 3, 4, 5]) execFileSync('mkfifo', [join(home, 'flows', `pipe${n}.json`)]);

    await expect(withTimeout(readRegularFile(join(home, 'flows', 'pipe1.json')), 2000, 'readRegularFile')).rejects.toBeInstanceOf(NotRegularFileError);

    studio = await withTimeout(startStudioServer({ home, port: 0 }), 10_000, 'studio start');
    const get = async (path: string) => {
      const res = await withTimeout(fetch(studio!.origin + path, { headers: { 'x-baton-secret': studio!.secret } }), 5000, `GET ${path}`);
      return { status: res.status, json: (await res.json()) as any };
    };
    for (let i = 0; i < 6; i++) {
      const list = await get('/api/flows');
      expect(list.status).toBe(200);
      const keys = JSON.stringify(list.json);
      expect(keys).toContain('ok');
      expect(keys).not.toContain('pipe1');
    }
    const opened = await get('/api/flows/ok');
    expect(opened.status).toBe(200);
  }, 40_000);
});
