/**
 * The `baton` command line. Never a stack trace. Exit codes:
 *   0  success (also: --help, --version, and when the reader of our output closes the pipe early, e.g. `| head -1`;
 *      `serve` and `studio` keep running then, dropping their output)
 *   1  a flow is invalid (`validate`)
 *   2  the command could not run: unreadable file (missing, a folder, a named pipe, a device, too big), bad JSON,
 *      an invalid flow for `chat`/`simulate`, bad arguments or options (unknown command, bad --now)
 *   3  an unexpected internal error (a bug: the message asks to report it)
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { chatCommand } from './chatCommand';
import { formatProblems, SHOWN_PER_CODE } from './formatProblems';
import { readFlowFile } from './readFlowFile';
import { registerServeCommand } from '../serve/serveCommand';
import { DEFAULT_CLOCK_WORDS, simulateCommand } from './simulateCommand';
import { parseZonedTime } from '../../shared/flow/zonedTime';
import { registerStudioCommand } from './studioCommand';
import { isScenarioFile, registerTestCommand, validateScenarioFile } from './testCommand';
import type { Flow } from '../../shared/flow/schema';
import { DEFAULT_SCENARIO_NOW } from '../../shared/simulator/scenarioSchema';

/** Earliest and latest --now accepted: the virtual clock must stay a real, printable date after any /wait. */
const MIN_NOW = Date.UTC(1970, 0, 1);
const MAX_NOW = Date.UTC(9999, 0, 1);

/**
 * Reads --now strictly (ISO 8601, a real calendar day); with no offset it is the flow's time zone's wall time, as a
 * designer reading the flow's opening hours means it (hostile s18 #22: it was the machine's zone, "Feb 31" was 3 March
 * and a time the clocks skip moved silently). A note (a time that happens twice, an unknown zone) goes to stderr.
 */
export function parseNow(value: string, timeZone = 'UTC', warn: (line: string) => void = (l) => process.stderr.write(l + '\n')): number {
  const read = parseZonedTime(value, timeZone);
  if (!read.ok) throw new CliError(`--now: ${read.message}`);
  const t = read.at;
  if (!Number.isFinite(t) || t < MIN_NOW || t >= MAX_NOW) throw new CliError(`--now: "${value}" is out of range; use a date between 1970 and 9998, e.g. 2026-11-23T10:00:00Z`);
  if (read.note) warn(`--now: ${read.note}`);
  return t;
}

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

/** Loads a flow for commands that need a valid one; prints problems and throws exit 2 otherwise. */
async function loadValidFlow(file: string): Promise<Flow> {
  const result = await readFlowFile(file);
  if (result.status === 'unreadable') throw new CliError(result.message);
  if (result.status === 'invalid') {
    process.stderr.write(formatProblems(file, result.problems) + '\n');
    throw new CliError(`${file} is not a valid flow; fix the problems above (baton validate ${file} lists them too)`);
  }
  return result.flow;
}

export async function main(argv: string[]): Promise<number> {
  const program = new Command();
  let exitCode = 0;
  program
    .name('baton')
    .version(packageVersion(), '-V, --version', 'print the version of baton')
    .description('Design, check and run chatbot flows that hand over to a person at the right moment.')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  program
    .command('validate')
    .description('check flow files; prints every problem with where it is and what to do')
    .argument('<flow...>', 'flow JSON files')
    .option('--all', `list every problem and hint (by default ${SHOWN_PER_CODE} of each kind, then a count and the blocks)`)
    .action(async (files: string[], opts: { all?: boolean }) => {
      for (const file of files) {
        // flows/*.json also matches the scenario files beside the flows: check those as scenarios.
        if (isScenarioFile(file)) {
          exitCode = Math.max(exitCode, await validateScenarioFile(file, { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }));
          continue;
        }
        const result = await readFlowFile(file);
        if (result.status === 'unreadable') {
          process.stderr.write(`baton validate: ${result.message}\n`);
          exitCode = Math.max(exitCode, 2);
          continue;
        }
        const syntax = result.problems.some((p) => p.code === 'json_syntax');
        const out = formatProblems(file, result.problems, { all: opts.all });
        if (result.status === 'ok') process.stdout.write(out + '\n');
        else process.stderr.write(out + '\n');
        if (result.status === 'invalid') exitCode = Math.max(exitCode, syntax ? 2 : 1);
      }
    });

  program
    .command('chat')
    .description('chat with a flow in the terminal simulator (play the customer and, after a handoff, the agent)')
    .argument('<flow>', 'flow JSON file')
    .option('--now <iso>', `start the virtual clock at this time: ISO 8601; without Z or an offset it is the flow's time zone (default: the scenario file's "now", else ${DEFAULT_CLOCK_WORDS}, as in the studio's simulator)`)
    .addOption(new Option('--http <mode>', 'HTTP request blocks: live requests ({{secrets.NAME}} filled from the BATON_SECRET_NAME environment variable, never printed), or fail (take the error exit)').choices(['live', 'fail']).default('live'))
    .option('--no-color', 'plain output')
    .option('--save-scenario <name>', 'when the chat ends, save it as a scenario with this name (or type /save NAME during the chat)')
    .option('--scenarios <file>', 'scenario file for /save and --save-scenario (default: FLOW.scenarios.json)')
    .action(async (file: string, opts: { now?: string; http: 'live' | 'fail'; color: boolean; saveScenario?: string; scenarios?: string }) => {
      const flow = await loadValidFlow(file);
      const now = opts.now ? parseNow(opts.now, flow.settings.timezone) : undefined;
      exitCode = await chatCommand(file, flow, {
        now,
        http: opts.http,
        color: opts.color && Boolean(process.stdout.isTTY),
        input: process.stdin,
        interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
        write: (s) => process.stdout.write(s),
        saveScenario: opts.saveScenario,
        scenarioFile: opts.scenarios,
      });
    });

  program
    .command('simulate')
    .description('play recorded conversations (JSONL) through a flow; one JSON result per line on stdout, a summary on stderr')
    .argument('<flow>', 'flow JSON file')
    .requiredOption('--conversations <file>', 'JSONL file: {"id": "...", "turns": ["customer message", ...]} per line')
    .option('--now <iso>', `virtual clock start: ISO 8601; without Z or an offset it is the flow's time zone (default: ${DEFAULT_CLOCK_WORDS}, the studio simulator's clock)`)
    .action(async (file: string, opts: { conversations: string; now?: string }) => {
      const flow = await loadValidFlow(file);
      // Newcomer s23 #4: the real clock by default made out-of-hours runs hand nobody over while the studio's Batch tab
      // (DEFAULT_SCENARIO_NOW) did: the same default now, said in the summary.
      const now = opts.now ? parseNow(opts.now, flow.settings.timezone) : Date.parse(DEFAULT_SCENARIO_NOW);
      exitCode = await simulateCommand(flow, { conversations: opts.conversations, now, nowGiven: Boolean(opts.now) });
    });

  registerStudioCommand(program);

  registerServeCommand(program, (code) => (exitCode = code));

  registerTestCommand(program, (code) => (exitCode = code));

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version are not errors; everything else is a usage error.
      // `commander.help` is the help shown because no command was given: a usage error too.
      return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' ? 0 : 2;
    }
    if (err instanceof CliError) {
      process.stderr.write(`baton: ${err.message}\n`);
      return err.exitCode;
    }
    process.stderr.write(`baton: unexpected error: ${(err as Error)?.message ?? String(err)}\nPlease report this with the command you ran.\n`);
    return 3;
  }
  return exitCode;
}

/**
 * Runs the CLI as a process (bin/baton.js): a closed pipe on stdout (`baton simulate ... | head -1`) ends the
 * command quietly with exit 0 instead of an EPIPE stack trace; any other stream error is reported in words.
 */
export async function runCli(argv: string[]): Promise<void> {
  // `baton test` and `baton validate` are CI gates: `baton test x.json | head` must still fail the job when a
  // scenario fails, so a closed stdout only silences them and the command's own exit code stands.
  const gate = argv[0] === 'test' || argv[0] === 'validate';
  // `baton serve` and `baton studio` are servers: a closed log pipe must not take the service down (nor leave a
  // half-exited process holding the port, hostile s5 #1). They keep serving; what they print is dropped.
  const server = argv[0] === 'serve' || argv[0] === 'studio';
  let closed = false;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') {
        if (!gate && !server) process.exit(0);
        if (server && !closed && stream === process.stdout) {
          // Say it once where it can still be read; if stderr is closed too, its own error lands here, quietly.
          process.stderr.write(`baton ${argv[0]}: the output was closed (${err.code}); still running, logs are dropped. Stop with Ctrl+C or SIGTERM.\n`);
        }
        closed = true;
        return;
      }
      if (closed) return;
      try {
        process.stderr.write(`baton: cannot write the output: ${err.message}\n`);
      } finally {
        process.exit(2);
      }
    });
  }
  try {
    process.exitCode = await main(argv);
  } catch (err) {
    process.stderr.write(`baton: unexpected error: ${(err as Error)?.message ?? String(err)}\n`);
    process.exitCode = 3;
  }
}
