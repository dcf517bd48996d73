/**
 * `baton studio [FLOW.json] [--port 4873] [--no-open] [--home DIR]`: starts the browser studio and prints
 * `Baton Studio: http://127.0.0.1:PORT/...` once it is ready. Given a flow file, the printed link opens it
 * on the canvas (the file is edited in place). Runs until Ctrl+C (or SIGTERM), then closes cleanly.
 */
import { ensurePagesBuilt } from './ensurePagesBuilt';
import { spawn } from 'node:child_process';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { StudioError } from '../studio/flowStore';
import { startStudioServer } from '../studio/startStudioServer';
import { StudioHomeInUseError } from '../studio/homeLock';
import { formatProblems } from './formatProblems';

/** Where the browser studio keeps its flows unless --home says otherwise. */
export function defaultStudioHome(): string {
  return process.env.BATON_STUDIO_HOME || join(homedir(), '.baton', 'studio');
}

/** Opens a link in the system's browser; silent when there is none (the link is printed anyway). */
export function openInBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]] : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args as string[], { detached: true, stdio: 'ignore' });
    child.on('error', () => {});
    child.unref();
  } catch {
    // no browser opener: the printed link is enough
  }
}

export interface StudioCommandOptions {
  port: string;
  open: boolean;
  home?: string;
}

export async function runStudio(file: string | undefined, opts: StudioCommandOptions, fail: (message: string) => never): Promise<void> {
  const port = Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port: "${opts.port}" is not a port number (0-65535; 0 picks a free one)`);
  const home = resolve(opts.home ?? defaultStudioHome());
  let studio;
  try {
    studio = await startStudioServer({ home, port });
  } catch (err) {
    if (err instanceof StudioHomeInUseError) fail(err.message);
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') fail(`port ${port} is already in use (another Baton Studio?); pass --port with another number, or --port 0 for a free one`);
    if (code === 'EACCES' || code === 'EPERM') fail(`cannot use ${home} or port ${port}: permission denied; pass --home with a folder you can write, or another --port`);
    throw err;
  }
  let url = studio.url;
  if (file !== undefined) {
    try {
      const { key } = await studio.store.openPath(file);
      url = studio.flowUrl(key);
    } catch (err) {
      await studio.close();
      if (err instanceof StudioError) {
        if (err.problems.length) process.stderr.write(formatProblems(file, err.problems) + '\n');
        fail(`${err.message} ${err.hint}`);
      }
      throw err;
    }
  }
  // Right after `npm install` the studio page is not built yet: build it before printing the link.
  ensurePagesBuilt(['studio', 'inbox', 'widget']);
  process.stdout.write(`Baton Studio: ${url}\n`);
  process.stdout.write(`Flows are kept in ${home}. Press Ctrl+C to stop.\n`);
  if (opts.open) openInBrowser(url);
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void studio.close().then(done, done);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export function registerStudioCommand(program: Command): void {
  program
    .command('studio')
    .description('start the browser studio; given a flow file, open it on the canvas')
    .argument('[flow]', 'flow JSON file to open (edited in place)')
    .option('--port <n>', 'port on 127.0.0.1 (0 picks a free one)', '4873')
    .option('--no-open', 'do not open a browser, just print the link')
    .option('--home <dir>', `folder for the studio's flows, versions and index (default ${defaultStudioHome()})`)
    .action(async (file: string | undefined, opts: StudioCommandOptions) => {
      await runStudio(file, opts, (message) => program.error(`baton studio: ${message}`, { exitCode: 2, code: 'baton.studio' }));
    });
}
