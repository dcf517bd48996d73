/**
 * `baton serve FLOW... [--port 3000] [--host 127.0.0.1] [--data DIR] [--config FILE] [--default-flow ID]`:
 * serves each flow under its id with the embedded store. Refuses to start on an invalid flow (printing its
 * problems), prints one ready line with the URLs, then structured logs (pino, JSON on stdout). SIGTERM or
 * Ctrl+C drains: no new requests, work in progress finishes, the store is closed, exit 0.
 */
import { placeholderUrlNotes } from './placeholderUrlNotes';
import { openingHoursNotes } from './openingHoursNote';
import { notifyConfigNotes } from '../effects/notifyConfigNotes';
import { identityNotes } from './identityNotes';
import { availableParallelism } from 'node:os';
import { accessSync, constants as fsConstants, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { formatProblems } from '../cli/formatProblems';
import { readFlowFile } from '../cli/readFlowFile';
import type { Flow } from '../../shared/flow/schema';
import { loadServeConfig } from './config';
import { envWhole, serveEnvProblems } from './envCheck';
import { identitySettings, rasaAccessOf, rasaChannelNote, startRuntime } from './startRuntime';
import { ensurePagesBuilt } from '../cli/ensurePagesBuilt';
import { agentCoverageWarnings, agentNameWarnings, loadAgentsFile } from '../agents/agentDirectory';
import { RedisStore } from '../store/redisStore';

interface ServeOptions {
  port: string;
  host: string;
  data: string;
  config?: string;
  defaultFlow?: string;
  redis?: string;
  agents?: string;
  workers?: string;
}

/**
 * How many worker threads when --workers is not given: BATON_WORKERS, else 1 (session 7: one shard takes the
 * engine and the store's writes off the HTTP thread: more messages a second and a lower p99 than 0 in the same
 * quiet run, 10,000 idle conversations still under 300 MB; 2 costs a second engine's memory, over 300 MB), and 0
 * with --redis (worker threads share the embedded store only).
 */
export function defaultWorkers(o: { redis?: string }, env: NodeJS.ProcessEnv = process.env): string {
  return env.BATON_WORKERS ?? (o.redis ? '0' : '1');
}

class ServeError extends Error {}

/**
 * Hostile s18 #19: at SIGTERM, requests arriving meanwhile on connections already open got a connection reset (node's
 * server.close() closes idle keep-alive connections at once, while the client may be sending on them). For up to this
 * long they are answered 503 "draining" instead (each such connection then closed), before the rest are closed.
 */
export const DRAIN_GRACE_MS = 1500;

/**
 * Review s19 R9 (hostile s13 #5 rest): a server whose data-folder lock was lost (taken over by another process, or the
 * file removed by hand) refused every write with 503 for as long as it ran, and nothing restarted it (it was alive,
 * /healthz 200). Now, once it knows, it says so and, LOCK_LOST_EXIT_MS later (load balancers see /readyz 503 first),
 * drains and exits with LOCK_LOST_EXIT_CODE, so a supervisor (systemd Restart=on-failure, docker/k8s restart policies)
 * starts it again: the new start takes a lock that was simply removed, and is refused, saying by whom, while another
 * process really holds the folder. BATON_LOCK_LOST_EXIT_MS overrides the wait.
 */
export const LOCK_LOST_EXIT_MS = 15_000;
/** EX_TEMPFAIL (sysexits.h): "try again later". */
export const LOCK_LOST_EXIT_CODE = 75;
const LOCK_LOST_CHECK_MS = 2000;

/**
 * Why `--data <dir>` cannot hold the embedded store, in words, or null when it can (hostile s14 H#21: a file, a
 * read-only disk, a symbolic link loop or /proc gave bare errno lines, and EACCES was reported as a port problem).
 * Creates the folder when missing (as the store does) and writes and removes a small file in it.
 */
export function dataFolderProblem(dir: string): string | null {
  // Hostile s15 H#13: a blank --data (an unset shell variable in quotes) made a folder named " " in the working folder,
  // and '' said "ENOENT: no such file or directory, mkdir ''".
  if (dir.trim() === '') return `--data ${JSON.stringify(dir)} is empty: give a folder for the data (it is created if missing; default ./baton-data)`;
  const where = `--data ${dir}`;
  const say = (err: unknown): string => {
    const e = err as NodeJS.ErrnoException;
    switch (e.code) {
      case 'EEXIST':
      case 'ENOTDIR':
        return `${where}: it (or a folder on its path) is a file, not a folder: give a folder for the data (it is created if missing)`;
      case 'EROFS':
        return `${where} is on a read-only disk: give a folder on a disk this process can write`;
      case 'EACCES':
      case 'EPERM':
        return `${where}: this process may not write there (permission denied): give a folder it can write, or change the folder's owner or permissions`;
      case 'ELOOP':
        return `${where}: its path is a loop of symbolic links: give a real folder`;
      case 'ENOSPC':
        return `${where}: the disk is full: free some space or give a folder on another disk`;
      default:
        return `${where} cannot be used as the data folder (${e.message}): give a folder this process can create and write`;
    }
  };
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    // mkdir -p under a read-only parent says ENOENT on some systems: name the parent's real problem when there is one.
    const parent = dirname(dir);
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && parent !== dir && existsSync(parent)) {
      try {
        accessSync(parent, fsConstants.W_OK);
      } catch (inner) {
        return say(inner);
      }
    }
    return say(err);
  }
  if (!statSync(dir).isDirectory()) return `${where}: it is not a folder: give a folder for the data (it is created if missing)`;
  const probe = join(dir, `.baton-write-check-${process.pid}`);
  try {
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
  } catch (err) {
    return say(err);
  }
  return null;
}

/**
 * BATON_WRITE_GROUPS (runtime/store/embeddedStore.ts: off|false|0|no turn write grouping off) with any other value
 * than those, on|true|1|yes or empty: in words (hostile s15 H#13: "nope", "disabled" started silently with grouping on).
 */
export function writeGroupsProblem(env: NodeJS.ProcessEnv = process.env): string | null {
  const v = env.BATON_WRITE_GROUPS;
  if (v === undefined || /^\s*(off|false|0|no|on|true|1|yes)?\s*$/i.test(v)) return null;
  return `BATON_WRITE_GROUPS=${JSON.stringify(v)} is not a value it takes: use off (or false, 0, no) to turn write grouping off, on (or true, 1, yes) or leave it unset to keep it on`;
}

async function serve(files: string[], opts: ServeOptions): Promise<number> {
  const groups = writeGroupsProblem();
  const envProblems = [...serveEnvProblems(), ...(groups ? [groups] : [])];
  if (envProblems.length > 0) throw new ServeError(envProblems.join('\nbaton serve: '));
  const port = Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ServeError(`--port ${opts.port}: use a number from 0 to 65535`);
  const workersArg = opts.workers ?? defaultWorkers(opts);
  const workers = Number(workersArg);
  const said = opts.workers === undefined ? `BATON_WORKERS=${workersArg}` : `--workers ${workersArg}`;
  const cores = availableParallelism();
  if (workersArg.trim() === '' || !Number.isInteger(workers) || workers < 0 || workers > 16) throw new ServeError(`${said}: use a whole number from 0 (everything on the main thread) to 16 (this machine has ${cores} cores; each worker takes ~50 MB)`);
  if (workers > cores) process.stderr.write(`baton serve: ${said} on ${cores} cores: more worker threads than cores only adds memory (~50 MB each); ${Math.max(1, cores - 1)} is enough here\n`);
  if (workers > 0 && opts.redis) throw new ServeError(`${said}: worker threads share the embedded store only; with --redis, run several instances instead (or leave ${opts.workers === undefined ? 'BATON_WORKERS unset' : '--workers out'})`);
  const config = await loadServeConfig(opts.config).catch((err: Error) => {
    throw new ServeError(err.message);
  });
  const flows: Flow[] = [];
  let bad = 0;
  for (const file of files) {
    const r = await readFlowFile(file);
    if (r.status === 'unreadable') {
      process.stderr.write(`baton serve: ${r.message}\n`);
      bad++;
    } else if (r.status === 'invalid') {
      process.stderr.write(formatProblems(file, r.problems) + '\n');
      bad++;
    } else if (flows.some((f) => f.id === r.flow.id)) {
      process.stderr.write(`baton serve: ${file}: another file also has the flow id "${r.flow.id}"; each served flow needs its own id\n`);
      bad++;
    } else flows.push(r.flow);
  }
  if (bad > 0) throw new ServeError(`not starting: ${bad} flow file${bad === 1 ? ' has' : 's have'} problems (listed above; baton validate shows the same)`);
  // The inbox and the widget are built pages: right after `npm install` they do not exist yet.
  ensurePagesBuilt(['inbox', 'widget']);

  const agents = opts.agents ? { ...(await loadAgentsFile(opts.agents).catch((err: Error) => Promise.reject(new ServeError(err.message)))), file: opts.agents } : undefined;

  // --redis: several instances share conversations, queues and timers through one Redis (runtime/store/redisStore.ts).
  const store = opts.redis ? await RedisStore.connect({ url: opts.redis }).catch((err: Error) => Promise.reject(new ServeError(err.message))) : undefined;
  const dataProblem = store ? null : dataFolderProblem(opts.data);
  if (dataProblem) {
    throw new ServeError(dataProblem);
  }
  let rt;
  try {
    rt = await startRuntime({ flows, port, host: opts.host, dataDir: opts.data, store, config, defaultFlowId: opts.defaultFlow, agents, workers, idleGc: true, drainGraceMs: DRAIN_GRACE_MS });
  } catch (err) {
    await store?.close();
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') throw new ServeError(`port ${port} on ${opts.host} is already in use; pick another with --port`);
    if (e.code === 'EACCES') throw new ServeError(`not allowed to listen on ${opts.host}:${port}; use a port above 1023`);
    throw new ServeError(e.message);
  }
  const flowLinks = flows.map((f) => `${f.id} -> POST ${rt.url}/api/v1/flows/${f.id}/conversations`).join('; ');
  process.stdout.write(
    `baton serve: ready at ${rt.url} (flows: ${flowLinks}; OpenAPI ${rt.url}/openapi.json; metrics ${rt.url}/metrics; data ${rt.store.description})\n`,
  );
  // Where a person tries it: the demo chat page of each flow, and the agent inbox when agents are configured.
  const chats = flows.map((f) => `${rt.url}/chat/${encodeURIComponent(f.id)}`).join(', ');
  process.stdout.write(`baton serve: try it: chat ${chats}${agents ? `; agent inbox ${rt.url}/inbox` : ' (add --agents FILE for the agent inbox)'}\n`);
  // What would surprise someone trying it (newcomer s7 #2, #16): a takeover outside its opening hours right now, and
  // notifications the --config file cannot send.
  for (const note of openingHoursNotes(flows.map((flow, i) => ({ flow, file: files[i] })), Date.now())) process.stdout.write(`baton serve: note: ${note}\n`);
  for (const note of notifyConfigNotes(flows, config, opts.config !== undefined)) process.stdout.write(`baton serve: note: ${note}\n`);
  for (const note of placeholderUrlNotes(flows)) process.stdout.write(`baton serve: note: ${note}\n`);
  // Hostile s47 H1: the Rasa channel is off without a token (say how to turn it on), or opened without one on purpose
  // (say the risk).
  const rasaNote = rasaChannelNote(rasaAccessOf(config, process.env), opts.host);
  if (rasaNote) process.stdout.write(`baton serve: note: ${rasaNote}\n`);
  // Session 47 (apisec2): a flow that takes a variable only signed, on a server with no identity secret.
  for (const note of identityNotes(flows, identitySettings(config, process.env))) process.stdout.write(`baton serve: note: ${note}\n`);
  // Newcomer s19 F8: a takeover no agent in the --agents file may take (or whose language / skill none has) was said
  // only as a JSON log line among the logs; it is a note like the others now (the structured log line stays, for log
  // pipelines).
  if (agents) for (const w of [...agentNameWarnings(agents.agents), ...agentCoverageWarnings(agents.agents, flows)]) process.stdout.write(`baton serve: note: agents (${agents.file}): ${w}\n`);
  return new Promise<number>((resolve) => {
    let stopping = false;
    let lockWatch: NodeJS.Timeout | null = null;
    const stop = (signal: string, code = 0) => {
      if (stopping) {
        process.stderr.write(`baton serve: ${signal} again, exiting without draining\n`);
        process.exit(1);
      }
      stopping = true;
      if (lockWatch) clearInterval(lockWatch);
      process.stderr.write(`baton serve: ${signal}: draining (finishing requests in progress)\n`);
      rt.close().then(
        () => {
          process.stderr.write('baton serve: stopped\n');
          resolve(code);
        },
        (err: Error) => {
          process.stderr.write(`baton serve: error while stopping: ${err.message}\n`);
          resolve(1);
        },
      );
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
    // Review s19 R9: the data folder's lock lost -> exit after a while, so a supervisor restarts this server.
    const writeProblem = (rt.store as { writeProblem?: () => Promise<string | null> }).writeProblem?.bind(rt.store);
    if (!store && writeProblem) {
      const waitMs = envWhole(process.env.BATON_LOCK_LOST_EXIT_MS, LOCK_LOST_EXIT_MS);
      lockWatch = setInterval(() => {
        void writeProblem().then(
          (problem) => {
            if (!problem || !/no longer holds the lock on its data folder/.test(problem) || stopping || !lockWatch) return;
            clearInterval(lockWatch);
            lockWatch = null;
            process.stderr.write(
              `${JSON.stringify({ level: 50, time: Date.now(), msg: `data folder lock lost: exiting with code ${LOCK_LOST_EXIT_CODE} in ${Math.round(waitMs / 1000)} s so a supervisor starts baton serve again (a new start is refused while another process holds the folder)`, err: { message: problem } })}\n`,
            );
            setTimeout(() => !stopping && stop('data folder lock lost', LOCK_LOST_EXIT_CODE), waitMs).unref();
          },
          () => undefined,
        );
      }, LOCK_LOST_CHECK_MS);
      lockWatch.unref();
    }
  });
}

/** Adds `serve` to the `baton` program; `setExitCode` receives the command's exit code. */
export function registerServeCommand(program: Command, setExitCode: (code: number) => void = (c) => (process.exitCode = c)): void {
  program
    .command('serve')
    .description('serve flows to customers over HTTP (customer API, push, Rasa channel) with an embedded store')
    .argument('<flow...>', 'flow JSON files; each is served under its id')
    .option('--port <n>', 'port to listen on', '3000')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--data <dir>', 'folder of the embedded store', './baton-data')
    .option('--config <file>', 'JSON config: secrets, adminToken, smtp, slack, webhook, corsOrigins, rateLimit, retentionDays, rasa {token | allowWithoutToken}, metricsToken, identity (secret, previousSecret, unsigned, flows: a secret per flow)')
    .option('--default-flow <id>', 'flow used by the Rasa REST channel (default: the only flow)')
    .option('--agents <file>', 'JSON list of agents {id, name, email, token | passwordHash, teams, skills, languages, maxChats, admin?}: turns on the agent API, presence and assignment (admin edits are saved back to the file)')
    .option('--redis <url>', 'share conversations, handoff queues, timers, agent presence, notes, redeployed flows and rate limits with other instances through Redis (redis://host:6379; run redis-server with --appendonly yes --appendfsync always); --data is then unused')
    .option('--workers <n>', 'conversations on N worker threads, each stepping and storing its own (embedded store only); 0: everything on the main thread (default BATON_WORKERS, else 1; 0 with --redis)')
    .action(async (files: string[], opts: ServeOptions) => {
      try {
        setExitCode(await serve(files, opts));
      } catch (err) {
        process.stderr.write(`baton serve: ${(err as Error).message}\n`);
        setExitCode(2);
      }
    });
}
