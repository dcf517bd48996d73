/**
 * Reads and validates a flow file for the CLI. Never throws: an unreadable file, bad JSON or an invalid
 * flow come back as problems with the file name attached.
 */
import { open } from 'node:fs/promises';
import type { FlowProblem } from '../../shared/flow/flowProblem';
import { loadFlowText } from '../../shared/flow/loadFlowText';
import type { Flow } from '../../shared/flow/schema';
import { decodeUtf8Strict, looksLikeUtf16, utf16Refusal, utf8Refusal } from '../../shared/simulator/utf8';

export type FlowFileResult =
  | { status: 'ok'; file: string; flow: Flow; problems: FlowProblem[] }
  | { status: 'invalid'; file: string; problems: FlowProblem[] }
  | { status: 'unreadable'; file: string; message: string };

/** Largest file the CLI reads (a flow of thousands of blocks is a few MB; conversation sets can be larger). */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

/**
 * Reads a regular file as UTF-8. Anything else is refused with a reason instead of hanging or exhausting
 * memory: a named pipe (FIFO) would block until someone writes to it, a device like /dev/zero never ends.
 * Returns the text, or the message to print.
 */
export async function readTextFile(file: string, maxBytes = MAX_FILE_BYTES): Promise<{ ok: true; text: string } | { ok: false; message: string }> {
  const r = await readFileBytes(file, maxBytes);
  if (!r.ok) return r;
  // Read as UTF-8, a UTF-16 file gave "not valid JSON (Unexpected token '\uFFFD', ...)" on every line (hostile s14 H#16).
  if (looksLikeUtf16(r.bytes)) return { ok: false, message: utf16Refusal(`cannot read ${file}`, r.bytes) };
  // Hostile s15 H#13(a): a byte that is not UTF-8 became U+FFFD silently ("valid", then customers were sent "\uFFFD(");
  // strict, as scenario files are read: where the byte is and what to do. A UTF-8 byte-order mark is dropped.
  const decoded = decodeUtf8Strict(r.bytes);
  if (!decoded.ok) return { ok: false, message: `cannot read ${file}: ${utf8Refusal(decoded.error)}` };
  return { ok: true, text: decoded.text };
}

/** The file's bytes (regular files only, at most `maxBytes`), for readers that check the encoding themselves. */
export async function readFileBytes(file: string, maxBytes = MAX_FILE_BYTES): Promise<{ ok: true; bytes: Buffer } | { ok: false; message: string }> {
  let handle;
  try {
    // O_NONBLOCK: opening a FIFO for reading must not wait for a writer before we can look at what it is.
    const { constants } = await import('node:fs');
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    return { ok: false, message: describeReadError(file, err) };
  }
  try {
    const st = await handle.stat();
    if (st.isDirectory()) return { ok: false, message: `cannot read ${file}: it is a folder, not a file` };
    if (!st.isFile()) {
      const what = st.isFIFO() ? 'a named pipe' : st.isSocket() ? 'a socket' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : 'not a regular file';
      return { ok: false, message: `cannot read ${file}: it is ${what}, not a regular file. Save the content to a file and pass that file.` };
    }
    if (st.size > maxBytes) {
      return { ok: false, message: `cannot read ${file}: it is ${Math.round(st.size / 1024 / 1024)} MB, more than the ${Math.round(maxBytes / 1024 / 1024)} MB this command reads.` };
    }
    return { ok: true, bytes: await handle.readFile() };
  } catch (err) {
    return { ok: false, message: describeReadError(file, err) };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

export async function readFlowFile(file: string): Promise<FlowFileResult> {
  const read = await readTextFile(file, 64 * 1024 * 1024);
  if (!read.ok) return { status: 'unreadable', file, message: read.message };
  const text = read.text;
  const result = loadFlowText(text);
  if (result.ok && result.flow) return { status: 'ok', file, flow: result.flow, problems: result.problems };
  return { status: 'invalid', file, problems: result.problems };
}

/** "cannot read FILE: why", in words rather than errno codes. */
export function describeReadError(file: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EISDIR'
        ? 'it is a folder, not a file'
        : code === 'EACCES'
          ? 'permission denied'
          : (err as Error).message;
  return `cannot read ${file}: ${why}`;
}
