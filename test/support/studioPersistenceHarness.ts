/**
 * What the studio-persistence server tests share (studioPersistence, studioConflict, studioReadOnlyRestoreS14,
 * studioTrashedS14): a real studio server per test in a fresh home, the studio's API client on it, an in-memory
 * browser storage, and a poll-until helper.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { createStudioApi, type StudioApi } from '../../renderer/studio/api/studioApi';
import type { KeyValueStorage } from '../../renderer/studio/persistence/flowPersistence';
import { startStudioServer, type StudioServer } from '../../runtime/studio/startStudioServer';

export interface StudioPerTest {
  home: string;
  studio: StudioServer;
  api: StudioApi;
}

/** Starts a studio server in a fresh home before each test (handing it to `use`) and stops it and removes the home after. */
export function studioServerPerTest(prefix: string, use: (s: StudioPerTest) => void): void {
  let current: StudioPerTest | null = null;
  beforeEach(async () => {
    const home = await mkdtemp(join(tmpdir(), prefix));
    const studio = await startStudioServer({ home, port: 0 });
    current = { home, studio, api: createStudioApi({ baseUrl: studio.origin, secret: studio.secret }) };
    use(current);
  });
  afterEach(async () => {
    if (current === null) return;
    await current.studio.close();
    await rm(current.home, { recursive: true, force: true });
    current = null;
  });
}

/** The browser's localStorage, in memory (`data` to look inside). */
export function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

export const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every 10 ms until it holds; throws after `ms`. */
export async function until(check: () => boolean, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await wait(10);
  }
}
