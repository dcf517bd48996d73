import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensurePagesBuilt } from '../../../runtime/cli/ensurePagesBuilt';

function checkout(opts: { vite: boolean; built: string[] }): string {
  const root = mkdtempSync(join(tmpdir(), 'baton-pages-'));
  if (opts.vite) {
    writeFileSync(join(root, 'vite.config.ts'), '');
    mkdirSync(join(root, 'node_modules/vite'), { recursive: true });
  }
  for (const p of opts.built) {
    mkdirSync(join(root, 'dist/renderer', p), { recursive: true });
    writeFileSync(join(root, 'dist/renderer', p, 'index.html'), '<!doctype html>');
  }
  return root;
}

const fakeBuild = (pages: string[]) => (root: string) => {
  for (const p of pages) {
    mkdirSync(join(root, 'dist/renderer', p), { recursive: true });
    writeFileSync(join(root, 'dist/renderer', p, 'index.html'), '<!doctype html>');
  }
  return { ok: true };
};

describe('ensurePagesBuilt (baton serve / baton studio right after npm install)', () => {
  it('does nothing when the pages exist', () => {
    const root = checkout({ vite: true, built: ['inbox', 'widget'] });
    const lines: string[] = [];
    let builds = 0;
    const r = ensurePagesBuilt(['inbox', 'widget'], { root, log: (l) => lines.push(l), build: () => ((builds += 1), { ok: true }) });
    expect(r).toEqual({ built: false, missing: [] });
    expect(builds).toBe(0);
    expect(lines).toEqual([]);
    rmSync(root, { recursive: true, force: true });
  });

  it('builds once when a page is missing, and says so', () => {
    const root = checkout({ vite: true, built: ['inbox'] });
    const lines: string[] = [];
    const r = ensurePagesBuilt(['inbox', 'widget'], { root, log: (l) => lines.push(l), build: fakeBuild(['widget']) });
    expect(r).toEqual({ built: true, missing: ['widget'] });
    expect(lines.join('\n')).toMatch(/building the widget page first/);
    rmSync(root, { recursive: true, force: true });
  });

  it('a failed build says how to see the errors', () => {
    const root = checkout({ vite: true, built: [] });
    const lines: string[] = [];
    const r = ensurePagesBuilt(['studio'], { root, log: (l) => lines.push(l), build: () => ({ ok: false, detail: 'npm run build exited with 1' }) });
    expect(r.built).toBe(false);
    expect(lines.at(-1)).toMatch(/building the pages failed \(npm run build exited with 1\); run `npm run build`/);
    rmSync(root, { recursive: true, force: true });
  });

  it('an installation without vite says what to install instead of trying', () => {
    const root = checkout({ vite: false, built: [] });
    const lines: string[] = [];
    let builds = 0;
    const r = ensurePagesBuilt(['inbox'], { root, log: (l) => lines.push(l), build: () => ((builds += 1), { ok: true }) });
    expect(builds).toBe(0);
    expect(r).toMatchObject({ built: false, missing: ['inbox'] });
    expect(lines[0]).toMatch(/not built .*run `npm install` then `npm run build`/);
    rmSync(root, { recursive: true, force: true });
  });
});

describe('ensurePagesBuilt: pages older than their sources (newcomer s7 #15: after git pull, serve kept the old inbox)', () => {
  function staleCheckout(): string {
    const root = checkout({ vite: true, built: ['inbox', 'widget'] });
    mkdirSync(join(root, 'renderer/inbox'), { recursive: true });
    const src = join(root, 'renderer/inbox/Inbox.tsx');
    writeFileSync(src, 'export {}');
    // The source changed after the build (as a pull does).
    const later = new Date(Date.now() + 60_000);
    utimesSync(src, later, later);
    return root;
  }

  it('rebuilds once and says why', () => {
    const root = staleCheckout();
    const lines: string[] = [];
    let builds = 0;
    const r = ensurePagesBuilt(['inbox', 'widget'], { root, log: (l) => lines.push(l), build: () => ((builds += 1), { ok: true }) });
    expect(builds).toBe(1);
    expect(r).toEqual({ built: true, missing: [], stale: ['inbox', 'widget'] });
    expect(lines.join('\n')).toMatch(/inbox, widget pages are older than their sources .* rebuilding first/);
    rmSync(root, { recursive: true, force: true });
  });

  it('a failed rebuild keeps serving the previous build and says how to see the errors', () => {
    const root = staleCheckout();
    const lines: string[] = [];
    const r = ensurePagesBuilt(['inbox'], { root, log: (l) => lines.push(l), build: () => ({ ok: false, detail: 'npm run build exited with 1' }) });
    expect(r.built).toBe(false);
    expect(lines.at(-1)).toMatch(/rebuilding the pages failed \(npm run build exited with 1\); the previous build is served/);
    rmSync(root, { recursive: true, force: true });
  });

  it('an installation that cannot build serves what it has without a word', () => {
    const root = checkout({ vite: false, built: ['inbox'] });
    mkdirSync(join(root, 'renderer'), { recursive: true });
    const src = join(root, 'renderer/x.ts');
    writeFileSync(src, '');
    const later = new Date(Date.now() + 60_000);
    utimesSync(src, later, later);
    const lines: string[] = [];
    const r = ensurePagesBuilt(['inbox'], { root, log: (l) => lines.push(l), build: () => { throw new Error('must not build'); } });
    expect(r).toEqual({ built: false, missing: [] });
    expect(lines).toEqual([]);
    rmSync(root, { recursive: true, force: true });
  });
});
