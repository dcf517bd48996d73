/**
 * Runtimes for the end-to-end and multi-instance tests: the same setup the inbox, widget and Redis tests need.
 *
 *   const flow = supportFlowOpenQueue();                          // customer-support, queue open every day
 *   const run = await startRuntimeWithAgents({ flows: [flow], agents: [ann], prefix: 'baton-handoff-e2e-' });
 *   run.rt.url ... await run.rt.close(); await run.start(); ... await run.close();   // in-process, 127.0.0.1
 *
 *   const a = await startServe([flowFile, '--redis', url, '--data', dir]);   // `baton serve` in its own process
 *   const r = await callJson(`${a.url}/api/v1/...`, 'POST', body, token);
 *   await waitUntil('B sees it', async () => ..., 5000);
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadAgentsFile, type Agent } from '../../runtime/agents/agentDirectory';
import { startRuntime, type RunningRuntime } from '../../runtime/serve/startRuntime';
import { repoRoot } from '../../runtime/studio/startStudioServer';
import type { Flow } from '../../shared/flow/schema';
import { validateFlow } from '../../shared/flow/validateFlow';

/** flows/customer-support.json, validated (defaults filled in). */
export function supportFlow(): Flow {
  const checked = validateFlow(JSON.parse(readFileSync(join(repoRoot, 'flows/customer-support.json'), 'utf8')) as Flow);
  if (!checked.ok || !checked.flow) throw new Error('customer-support flow invalid');
  return checked.flow;
}

/**
 * The customer-support template with a queue any online agent can take (no auto-assign), open every day, all day.
 * Session 31 (live): it ended at 23:59, and ranges are [from, to): closed from 23:59 to midnight UTC. Session 29's
 * fresh-clone CI ran e2e fixjoinS29WidgetJoin at 23:59:49 UTC (its vitest.json): the customer was out of hours, so
 * "will be with you shortly" never came. 24:00 is the end of the day.
 */
export function supportFlowOpenQueue(): Flow {
  const flow = JSON.parse(readFileSync(join(repoRoot, 'flows/customer-support.json'), 'utf8')) as Flow;
  const allDay = [{ from: '00:00', to: '24:00' }];
  const checked = validateFlow({
    ...flow,
    blocks: flow.blocks.map((b) =>
      b.id === 'human_agent'
        ? ({
            ...b,
            data: {
              ...b.data,
              assignation: 'simple',
              autoAssign: { enabled: false, strategy: 'least_busy', maxChatsPerAgent: 3 },
              askEmail: false,
              waitingEmailTo: [],
              availability: { timezone: 'UTC', weekly: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay }, closedDates: [] },
            },
          } as typeof b)
        : b,
    ),
  });
  if (!checked.ok || !checked.flow) throw new Error(`test flow invalid: ${JSON.stringify(checked.problems.slice(0, 3))}`);
  return checked.flow;
}

export interface RuntimeWithAgents {
  /** The running runtime (a new object after `restart()`). */
  rt: RunningRuntime;
  /** The temp folder: the store is in DIR/data. */
  dir: string;
  /** DIR/agents.json: the agents file, when the options gave `agentsFile`. */
  agentsPath: string;
  /** Starts the runtime again (after `rt.close()`) on the same data folder and agents file (read again); sets `rt`. */
  start(): Promise<RunningRuntime>;
  /** Closes the runtime and removes the temp folder. */
  close(): Promise<void>;
}

export interface RuntimeWithAgentsOptions {
  flows: Flow[];
  /** Temp folder prefix, e.g. 'baton-handoff-e2e-'. */
  prefix: string;
  /** Agents given in memory ... */
  agents?: Agent[];
  /** ... or written to DIR/agents.json and loaded from it, like `baton serve --agents FILE` (admin edits land there). */
  agentsFile?: { agents: unknown[] } & Record<string, unknown>;
  /** The --config document (e.g. an identity secret: session 47). */
  config?: Record<string, unknown>;
}

/** `startRuntime` in-process on an ephemeral port with agents, a silent log and its own temp folder. */
export async function startRuntimeWithAgents(o: RuntimeWithAgentsOptions): Promise<RuntimeWithAgents> {
  const dir = mkdtempSync(join(tmpdir(), o.prefix));
  const file = join(dir, 'agents.json');
  if (o.agentsFile) writeFileSync(file, JSON.stringify(o.agentsFile));
  const start = async () =>
    startRuntime({
      flows: o.flows,
      port: 0,
      dataDir: join(dir, 'data'),
      logger: pino({ level: 'silent' }),
      agents: o.agentsFile ? { ...(await loadAgentsFile(file)), file } : { agents: o.agents ?? [] },
      ...(o.config ? { config: o.config as never } : {}),
    });
  const handle: RuntimeWithAgents = {
    rt: undefined as unknown as RunningRuntime,
    dir,
    agentsPath: file,
    async start() {
      handle.rt = await start();
      return handle.rt;
    },
    async close() {
      await handle.rt?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    handle.rt = await start();
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return handle;
}

export interface ServeProcess {
  url: string;
  child: ChildProcess;
  /** What the process wrote so far (stdout, then stderr). */
  output: () => string;
}

/**
 * `baton serve ARGS --port 0` in its own process (the real CLI), resolved once it prints its address. The
 * environment gets BATON_ADMIN_TOKEN=`adminToken` and BATON_SECRET_SHOP_KEY=k (the shop flow's HTTP secret).
 */
export function startServe(args: string[], adminToken: string): Promise<ServeProcess> {
  const child = spawn(process.execPath, [join(repoRoot, 'bin/baton.js'), 'serve', ...args, '--port', '0'], {
    cwd: repoRoot,
    env: { ...process.env, BATON_ADMIN_TOKEN: adminToken, BATON_SECRET_SHOP_KEY: 'k' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // not left running behind a failed test
      reject(new Error('baton serve did not get ready in 30 s\n' + out + err));
    }, 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d;
      const m = /ready at (http:\/\/[^\s]+) /.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], child, output: () => out + err });
      }
    });
    child.stderr!.on('data', (d: Buffer) => (err += d));
    child.on('exit', (code) => reject(new Error(`baton serve exited with ${code}\n${out}${err}`)));
  });
}

/** A JSON call: body sent as JSON when given, `token` as a bearer token; answers status, parsed body, headers. */
export async function callJson(url: string, method: string, body?: unknown, token?: string): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(url, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any, headers: res.headers };
}

/** Polls `check` every 100 ms until it holds; throws "timed out waiting for WHAT" after `ms`. */
export async function waitUntil(what: string, check: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}
