/**
 * Reads a text file only when it is a regular file. A named pipe (FIFO), socket or device dropped into the
 * studio's folders would block `readFile` in open() for ever, holding one of libuv's 4 threadpool threads; four
 * such reads froze every file operation of the studio (hostile report). Opening with O_NONBLOCK never waits
 * for a FIFO's writer, and fstat on the opened handle refuses anything that is not a regular file.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

export class NotRegularFileError extends Error {
  readonly code = 'ENOTREG';
}

/** Flow files the studio opens, as `baton validate` reads them (hostile s9 #5: a 100 MB flow took 900 MB and 7 s per list). */
export const MAX_FLOW_FILE_BYTES = 64 * 1024 * 1024;

/** A file over the reader's limit: refused before any byte is read. */
export class FileTooLargeError extends Error {
  readonly code = 'EFBIG';
  constructor(
    readonly path: string,
    readonly size: number,
    readonly limit: number,
  ) {
    super(`${path} is ${Math.round(size / (1024 * 1024))} MB, more than the ${Math.round(limit / (1024 * 1024))} MB the studio opens`);
  }
}

export async function readRegularFile(path: string, maxBytes?: number): Promise<string> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new NotRegularFileError(`${path} is not a regular file (a named pipe, socket or device), so it is not read`);
    if (maxBytes !== undefined && info.size > maxBytes) throw new FileTooLargeError(path, info.size, maxBytes);
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

/** The bytes of a regular file (same refusals as readRegularFile), for readers that check the encoding. */
export async function readRegularBytes(path: string): Promise<Buffer> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new NotRegularFileError(`${path} is not a regular file (a named pipe, socket or device), so it is not read`);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
