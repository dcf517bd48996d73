/**
 * Newcomer s11 #16: a second `baton studio` on a home folder in use was refused with a link without the per-launch
 * token ("Open that one (http://127.0.0.1:4911/studio/)"), which opens "This Baton Studio is locked". It now prints the
 * running studio's full link, read from <home>/studio.link (its user only), and that link opens the studio.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startStudioServer, type StudioServer } from '../../runtime/studio/startStudioServer';

const root = fileURLToPath(new URL('../../', import.meta.url));
let home: string;
let studio: StudioServer | undefined;

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'baton-studio-link-'));
});
afterEach(async () => {
  await studio?.close().catch(() => {});
  studio = undefined;
  await rm(home, { recursive: true, force: true });
});

/** What a browser gets when it opens `link` (following the token's redirect by hand, keeping the cookie). */
async function openInBrowser(link: string): Promise<{ status: number; html: string }> {
  const first = await fetch(link, { redirect: 'manual' });
  const cookie = first.headers.get('set-cookie')?.split(';')[0];
  const to = first.headers.get('location');
  if (first.status >= 300 && first.status < 400 && to) {
    const next = await fetch(new URL(to, link), { headers: cookie ? { cookie } : {}, redirect: 'manual' });
    return { status: next.status, html: await next.text() };
  }
  return { status: first.status, html: await first.text() };
}

describe('newcomer s11 #16: the refused second studio gives a link that works', () => {
  it("prints the running studio's full link, and that link opens the studio (not the locked page)", async () => {
    studio = await startStudioServer({ home, port: 0 });
    const r = spawnSync(process.execPath, ['bin/baton.js', 'studio', '--home', home, '--port', '0', '--no-open'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).not.toBe(0);
    // Newcomer s13 #11a: the link ends its own line (a ';' glued to it was taken into the URL by terminals that make links).
    expect(r.stderr).toMatch(/Stop it first, or pass --home with another folder, or open that one with this link:\n/);
    const link = /open that one with this link:\n\s*(\S+)\s*$/m.exec(r.stderr)![1];
    expect(link).toBe(studio.url);
    const page = await openInBrowser(link);
    expect(page.status).toBe(200);
    expect(page.html).not.toContain('This Baton Studio is locked');
    // The bare address the old message gave is the locked page.
    const bare = await openInBrowser(`${studio.origin}/studio/`);
    expect(bare.html).toContain('This Baton Studio is locked');
  });

  it('keeps the link readable by its user only, removes it on stop, and does not trust a file others could read', async () => {
    studio = await startStudioServer({ home, port: 0 });
    const file = join(home, 'studio.link');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    // A link file that others can read (or that names another process) is not used: the message says where the link is.
    chmodSync(file, 0o644);
    await expect(startStudioServer({ home, port: 0 })).rejects.toThrow(/open that one with the link printed in its terminal \(the line "Baton Studio: http:\/\/127\.0\.0\.1:\d+\/studio\/\?token=\.\.\."/);
    writeFileSync(file, JSON.stringify({ pid: 1, url: studio.url }), { mode: 0o600 });
    chmodSync(file, 0o600);
    await expect(startStudioServer({ home, port: 0 })).rejects.toThrow(/link printed in its terminal/);
    await studio.close();
    studio = undefined;
    // This file named another process: left alone by the stop. A fresh start writes its own.
    expect(existsSync(file)).toBe(true);
    studio = await startStudioServer({ home, port: 0 });
    await studio.close();
    studio = undefined;
    expect(existsSync(file)).toBe(false);
  });
});
