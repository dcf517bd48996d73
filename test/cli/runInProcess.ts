/**
 * Runs the `baton` CLI inside the test process (no child process, no tsx start-up): `main(argv)` with
 * stdout and stderr captured, and `chat` with a scripted input stream. The real binary is still spawned
 * by a few tests in cli.test.ts (exit codes, closed pipes, named pipes) where only a process can tell.
 */
import { Readable } from 'node:stream';
import { vi } from 'vitest';
import { main } from '../../runtime/cli/main';
import { chatCommand } from '../../runtime/cli/chatCommand';
import { readFlowFile } from '../../runtime/cli/readFlowFile';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  all: string;
}

export async function batonInProcess(args: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await main(args);
    return { code, stdout, stderr, all: stdout + stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** `baton chat FLOW` with `lines` typed by the tester (no terminal: each line is echoed). */
export async function chatInProcess(file: string, lines: string[], now: number, http: 'live' | 'fail' = 'fail'): Promise<CliResult> {
  const loaded = await readFlowFile(file);
  if (loaded.status !== 'ok') throw new Error(`${file} does not load`);
  let stdout = '';
  const code = await chatCommand(file, loaded.flow, {
    now,
    http,
    color: false,
    input: Readable.from(lines.map((l) => `${l}\n`)),
    interactive: false,
    write: (s) => {
      stdout += s;
    },
  });
  return { code, stdout, stderr: '', all: stdout };
}
