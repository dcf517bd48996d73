/**
 * Newcomer s11 #16: a second `baton studio` on a home folder in use was refused with "Open that one
 * (http://127.0.0.1:4911/studio/)", a link without the per-launch token, which opens only "This Baton Studio is locked".
 * The running studio now keeps its full link in `<home>/studio.link`, readable by its user only (0600, created
 * exclusively: never through a planted link; as Jupyter keeps its servers' tokens), and removes it when it stops. The
 * refused studio reads it and prints a link that opens the running one. A file another user could read or write, or one
 * naming another process, is not trusted.
 */
import { closeSync, lstatSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const FILE = 'studio.link';

/** Writes the running studio's link; the returned function removes it (only while it is still this process's). */
export function writeStudioLink(home: string, url: string): () => void {
  const file = join(home, FILE);
  try {
    rmSync(file, { force: true });
    const fd = openSync(file, 'wx', 0o600);
    try {
      writeSync(fd, JSON.stringify({ pid: process.pid, url }) + '\n');
    } finally {
      closeSync(fd);
    }
  } catch {
    // A courtesy for a second studio's message; the studio works without it.
    return () => {};
  }
  let removed = false;
  return () => {
    if (removed) return;
    removed = true;
    if (readLink(file)?.pid === process.pid) rmSync(file, { force: true });
  };
}

/** The link of the studio process `pid` that holds `home`, or null when it cannot be trusted or read. */
export function readStudioLink(home: string, pid: number): string | null {
  const file = join(home, FILE);
  const st = lstatSync(file, { throwIfNoEntry: false });
  if (!st || !st.isFile()) return null;
  if (process.platform !== 'win32' && ((st.mode & 0o077) !== 0 || (typeof process.getuid === 'function' && st.uid !== process.getuid()))) return null;
  const link = readLink(file);
  if (!link || link.pid !== pid) return null;
  return /^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d+\/studio\/\?token=[A-Za-z0-9_-]+$/.test(link.url) ? link.url : null;
}

function readLink(file: string): { pid: number; url: string } | null {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as { pid?: unknown; url?: unknown };
    return typeof v.pid === 'number' && typeof v.url === 'string' ? { pid: v.pid, url: v.url } : null;
  } catch {
    return null;
  }
}
