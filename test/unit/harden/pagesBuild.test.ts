// scripts/pagesBuild.mjs: which pages need building, shared by `npm start` (scripts/start.mjs: missing or stale
// studio page) and `baton serve` / `baton studio` (runtime/cli/ensurePagesBuilt.ts: missing pages).
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { canBuildPages, missingPages, stalePages } from '../../../scripts/pagesBuild.mjs';

const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

function file(path: string, secondsAgo: number): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, 'x');
  const t = Date.now() / 1000 - secondsAgo;
  utimesSync(path, t, t);
}

function checkout(): string {
  const root = mkdtempSync(join(tmpdir(), 'baton-pagesbuild-'));
  roots.push(root);
  return root;
}

describe('pagesBuild', () => {
  it('lists missing pages', () => {
    const root = checkout();
    file(join(root, 'dist/renderer/inbox/index.html'), 10);
    expect(missingPages(root, ['studio', 'inbox', 'widget'])).toEqual(['studio', 'widget']);
  });

  it('a page older than a file under renderer/ or shared/ is stale; a newer one is not', () => {
    const root = checkout();
    file(join(root, 'dist/renderer/studio/index.html'), 100);
    file(join(root, 'dist/renderer/inbox/index.html'), 10);
    file(join(root, 'renderer/studio/deep/App.tsx'), 200);
    file(join(root, 'shared/flow/schema.ts'), 50);
    expect(stalePages(root, ['studio', 'inbox'])).toEqual(['studio']);
    file(join(root, 'renderer/inbox/Inbox.tsx'), 1);
    expect(stalePages(root, ['studio', 'inbox', 'widget'])).toEqual(['studio', 'inbox', 'widget']);
  });

  it('can build only with vite.config.ts and node_modules/vite', () => {
    const root = checkout();
    expect(canBuildPages(root)).toBe(false);
    writeFileSync(join(root, 'vite.config.ts'), '');
    expect(canBuildPages(root)).toBe(false);
    mkdirSync(join(root, 'node_modules/vite'), { recursive: true });
    expect(canBuildPages(root)).toBe(true);
  });
});
