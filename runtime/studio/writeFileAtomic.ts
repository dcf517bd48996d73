/**
 * Atomic file writes: the file on disk is always either the old content or the new content, never a torn
 * mix, even when the process is killed or the machine loses power mid-write.
 *
 * Write a temp file in the same folder, fsync it, rename it over the target (atomic on POSIX and on NTFS),
 * then fsync the folder so the rename itself is durable.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export async function writeFileAtomic(path: string, data: string): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fh = await open(tmp, 'w', 0o644);
  try {
    await fh.writeFile(data, 'utf8');
    await fh.sync();
  } catch (err) {
    await fh.close().catch(() => {});
    await rm(tmp, { force: true });
    throw err;
  }
  await fh.close();
  try {
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  await syncDir(dir);
}

/** fsync a folder so a rename or a new file in it survives a crash (a no-op where folders cannot be opened). */
export async function syncDir(dir: string): Promise<void> {
  let fh;
  try {
    fh = await open(dir, 'r');
    await fh.sync();
  } catch {
    // Windows cannot open a folder for fsync; NTFS renames are journaled anyway.
  } finally {
    await fh?.close().catch(() => {});
  }
}

/** Appends one line and fsyncs it (the crash journal: an acknowledged entry is on disk). */
export async function appendLineDurable(path: string, line: string): Promise<void> {
  const fh = await open(path, 'a', 0o644);
  try {
    await fh.writeFile(line.endsWith('\n') ? line : line + '\n', 'utf8');
    await fh.datasync();
  } finally {
    await fh.close();
  }
}
