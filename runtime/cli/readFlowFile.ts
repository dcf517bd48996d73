/**
 * Reads and validates a flow file for the CLI. Never throws: an unreadable file, bad JSON or an invalid
 * flow come back as problems with the file name attached.
 */
import { readFile } from 'node:fs/promises';
import type { FlowProblem } from '../../shared/flow/flowProblem';
import { loadFlowText } from '../../shared/flow/loadFlowText';
import type { Flow } from '../../shared/flow/schema';

export type FlowFileResult =
  | { status: 'ok'; file: string; flow: Flow; problems: FlowProblem[] }
  | { status: 'invalid'; file: string; problems: FlowProblem[] }
  | { status: 'unreadable'; file: string; message: string };

export async function readFlowFile(file: string): Promise<FlowFileResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    return { status: 'unreadable', file, message: describeReadError(file, err) };
  }
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
