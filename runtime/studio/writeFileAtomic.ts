/**
 * Atomic file writes: the file on disk is always either the old content or the new content, never a torn
 * mix, even when the process is killed or the machine loses power mid-write.
 *
 * Write a temp file in the same folder, fsync it, rename it over the target (atomic on POSIX and on NTFS),
 * then fsync the folder so the rename itself is durable.
 *
 * A target that is a symbolic link is written through (hostile s9 #4: `baton studio current.json`, a link to
 * real/lead.json, replaced the link by a plain file and never changed the real flow), and an existing file keeps
 * its permissions (a 0600 flow or agents file stayed private; it became 0644).
 */
import { randomBytes } from 'node:crypto';
import { open, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The file a write to `path` must replace: the end of its symbolic links (the path itself when it does not exist yet). */
async function writeTarget(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return path;
  }
}

/**
 * `beforeRename`: runs after the temp file is written and synced, right before it replaces the target; throwing
 * there leaves the target as it was (the temp file is removed) and rejects with that error. A writer that must not
 * overwrite a file edited by someone else checks it there, where the window left is microseconds, not the fsync's
 * milliseconds (hostile s11 #2). It is given the file the rename will replace (the end of the path's links, chosen
 * before the temp file was written).
 */
export async function writeFileAtomic(path: string, data: string, opts: { beforeRename?: (target: string) => Promise<void> | void } = {}): Promise<void> {
  const target = await writeTarget(path);
  const mode = await stat(target).then((st) => st.mode & 0o7777, () => 0o644);
  const dir = dirname(target);
  const tmp = join(dir, `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fh = await open(tmp, 'w', mode);
  try {
    // open's mode is masked by the umask: set the old file's permissions exactly.
    if (mode !== 0o644) await fh.chmod(mode);
    await fh.writeFile(data, 'utf8');
    await fh.sync();
  } catch (err) {
    await fh.close().catch(() => {});
    await rm(tmp, { force: true });
    throw err;
  }
  await fh.close();
  try {
    // `target` is what the rename replaces: a check made here must look at that very file (hostile s13 #4: the path was a
    // link to another flow's file when the target was chosen and a plain file again when the caller re-read the path).
    await opts.beforeRename?.(target);
    await rename(tmp, target);
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
