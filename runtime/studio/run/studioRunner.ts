/**
 * The studio's "Run" button, server side: serves the open flow with the real runtime (`startRuntime`) in this
 * process, on its own loopback port, with the embedded store under the studio's home (`<home>/runtime`).
 * A local agent (the designer, named by designerName(); static token made per studio launch) signs the inbox in with one link.
 *
 *   POST   /api/flows/:key/run  -> { runtimeUrl, widgetUrl, inboxUrl, flowId, flows }   (422 + problems if invalid)
 *   GET    /api/flows/:key/run  -> the same when this flow is being served, else { running: false } (session 46, N21)
 *   GET    /api/run             -> { running, runtimeUrl?, flows }
 *   DELETE /api/run             -> { running: false }
 *
 * Running another (or an edited) flow restarts the runtime with the latest version of every flow run so far, on
 * the same port, so open widget and inbox pages reconnect by themselves.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import pino, { type Logger } from 'pino';
import { stdoutLogDestination } from '../../serve/stdoutLog';
import type { Flow } from '../../../shared/flow/schema';
import { validateFlow } from '../../../shared/flow/validateFlow';
import type { Agent } from '../../agents/agentDirectory';
import { PortInUseError, startRuntime, type RunningRuntime } from '../../serve/startRuntime';
import { StudioError, type FlowStore } from '../flowStore';
import { DESIGNER_ID, designerAccess } from './designerAccess';

export interface RunInfo {
  runtimeUrl: string;
  widgetUrl: string;
  inboxUrl: string;
  flowId: string;
  flows: string[];
  /** What Run arranged so the designer can take the flows' handoffs, and what it could not (one sentence each). */
  notes: string[];
}

/** Account names that are no one's name: the designer's agent is called DEFAULT_DESIGNER_NAME instead. */
const NOT_A_NAME = new Set(['root', 'admin', 'administrator', 'user', 'ubuntu', 'node', 'runner', 'vscode', 'codespace', 'pi', 'guest', 'owner', 'default', 'dev', 'developer', 'test']);
export const DEFAULT_DESIGNER_NAME = 'Designer';

/**
 * Session 27 (convo, newcomer s26 F18): the name the designer's agent goes by in a Run. The customer reads it in
 * "{{agentName}} from Northwind Goods has joined the chat." and beside each agent message, so it was wrong to call it
 * "You (designer)" (the customer was told "You (designer) from Northwind Goods has joined the chat"). It is the
 * computer account's name when that reads as a first name ("jane" or "jane.doe" -> "Jane"), else "Designer"; the inbox
 * shows the same name as the signed-in agent.
 */
export function designerName(account: string = safeUserName()): string {
  const first = account.trim().split(/[._\-\s]+/)[0] ?? '';
  if (!/^[A-Za-z]{2,20}$/.test(first) || NOT_A_NAME.has(first.toLowerCase())) return DEFAULT_DESIGNER_NAME;
  return first[0]!.toUpperCase() + first.slice(1).toLowerCase();
}
function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}

export class StudioRunner {
  private runtime: RunningRuntime | null = null;
  private port = 0;
  private readonly flows = new Map<string, Flow>();
  private readonly agentToken = randomBytes(24).toString('base64url');
  private queue: Promise<unknown> = Promise.resolve();

  /**
   * `now`: the clock the availability notes read (tests); default the real one. `designerName`: the name the designer's
   * agent goes by (default: designerName()).
   */
  constructor(private readonly o: { home: string; logger?: Logger; host?: string; now?: () => number; designerName?: string }) {}

  private notes: string[] = [];
  /** This press of Run: the widget link starts a new chat once per key (the widget's newChatKey). */
  private runKey = '';

  private designer(access: { teams: string[]; skills: string[] }): Agent {
    return {
      id: DESIGNER_ID,
      name: this.o.designerName ?? designerName(),
      email: 'designer@localhost',
      token: this.agentToken,
      teams: access.teams,
      skills: access.skills,
      languages: [],
      maxChats: 20,
      admin: true,
    } as unknown as Agent;
  }

  /** One start/stop at a time. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  run(flowDoc: unknown): Promise<RunInfo> {
    return this.serial(async () => {
      const v = validateFlow(flowDoc);
      const errors = v.problems.filter((p) => (p as { severity?: string }).severity !== 'warning');
      if (!v.flow || errors.length > 0) {
        throw new StudioError(422, 'flow_invalid', `The flow cannot run: ${errors.length} problem${errors.length === 1 ? '' : 's'} to fix first.`, 'Fix the problems listed in the editor, then press Run again.', errors);
      }
      this.flows.set(v.flow.id, v.flow);
      // The designer must be able to take every handoff of the flows served (their teams, skills, allowed agents).
      const access = designerAccess([...this.flows.values()], (this.o.now ?? Date.now)());
      this.notes = access.notes;
      await this.runtime?.close();
      this.runtime = null;
      const start = (port: number) =>
        startRuntime({
          flows: access.flows,
          port,
          host: this.o.host ?? '127.0.0.1',
          dataDir: join(this.o.home, 'runtime'),
          logger: this.o.logger ?? pino({ level: 'warn' }, stdoutLogDestination()),
          // The designer counts as there while the inbox window is blocked or closed (newcomer s35 #3).
          agents: { agents: [this.designer(access)], inboxOptional: [DESIGNER_ID] },
          config: { retentionDays: 0 },
        });
      let rt: RunningRuntime;
      try {
        rt = await start(this.port);
      } catch (err) {
        // The port of the last run was taken by another program meanwhile: take any free one (open pages must be
        // reopened from the new links). startRuntime released the data folder, so this retry can open it.
        if (!(err instanceof PortInUseError) || this.port === 0) throw runFailure(err);
        this.o.logger?.warn({ port: this.port }, 'Run: the last port is taken; starting on a free one');
        rt = await start(0).catch((e: unknown) => {
          throw runFailure(e);
        });
      }
      this.runtime = rt;
      this.port = rt.port;
      // Newcomer s26 F17: browsers block the second window Run opens (the inbox), so the designer, the only agent, was
      // offline until they found its link, and the first "talk to a person" got "no one is available" and a ticket. Run
      // now counts the designer online from the start: a handoff waits in their Mine view for the inbox to open. They
      // can still choose Offline in the inbox (until the next Run).
      await rt.agentHub?.setPresence(DESIGNER_ID, 'online');
      this.runKey = randomBytes(9).toString('base64url');
      return this.info(v.flow.id);
    });
  }

  private info(flowId: string): RunInfo {
    const url = this.runtime!.url;
    return {
      runtimeUrl: url,
      // A new chat for each press of Run (newcomer s35 #6: Run again resumed the previous run's chat, old greeting and all).
      widgetUrl: `${url}/chat/${encodeURIComponent(flowId)}?newChat=${this.runKey}`,
      inboxUrl: `${url}/inbox/#token=${encodeURIComponent(this.agentToken)}`,
      flowId,
      flows: [...this.flows.keys()],
      notes: this.notes,
    };
  }

  /**
   * Session 46 (studio12, newcomer s46 N21): what Run serves for this flow, or null: a studio page opened (or reloaded)
   * while its flow is served shows "Run again", Stop and the links, as it did before the reload.
   */
  served(flowId: string): RunInfo | null {
    return this.runtime && this.flows.has(flowId) ? this.info(flowId) : null;
  }

  status(): { running: boolean; runtimeUrl?: string; flows: string[] } {
    return this.runtime ? { running: true, runtimeUrl: this.runtime.url, flows: [...this.flows.keys()] } : { running: false, flows: [] };
  }

  stop(): Promise<void> {
    return this.serial(async () => {
      await this.runtime?.close();
      this.runtime = null;
      this.flows.clear();
    });
  }
}

/** A runtime that could not start, as an answer the studio shows (never a bare 500). */
function runFailure(err: unknown): StudioError {
  if (err instanceof StudioError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new StudioError(503, 'run_failed', `The flow could not be started: ${message}`, 'Fix what the message says, then press Run again.');
}

/** Mounts the run routes on the studio server (behind its secret, like every /api route). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function registerRunRoutes(app: FastifyInstance<any, any, any, any, any>, d: { store: FlowStore; home: string; logger?: Logger }): StudioRunner {
  const runner = new StudioRunner({ home: d.home, logger: d.logger });
  app.post('/api/flows/:key/run', async (req: FastifyRequest) => {
    const opened = await d.store.open((req.params as { key: string }).key);
    return runner.run(opened.flow);
  });
  app.get('/api/run', async () => runner.status());
  app.get('/api/flows/:key/run', async (req: FastifyRequest) => {
    const opened = await d.store.open((req.params as { key: string }).key);
    return runner.served(opened.flow.id) ?? { running: false };
  });
  app.delete('/api/run', async () => {
    await runner.stop();
    return { running: false };
  });
  app.addHook('onClose', async () => runner.stop());
  return runner;
}
