/**
 * Starts the runtime: store, flow catalog, conversation service, effect interpreter and HTTP server.
 * Used by `baton serve` (runtime/serve/serveCommand.ts) and by the server tests in-process.
 */
import pino, { type Logger } from 'pino';
import { stdoutLogDestination } from './stdoutLog';
import type { Flow } from '../../shared/flow/schema';
import { effectRunnerFor, type EffectRunner } from '../effects/effectRunner';
import { buildServer, type RuntimeServer } from '../server/buildServer';
import { ApiError, ConversationService } from '../server/conversationService';
import type { IdentitySettings } from '../server/startDetails';
import { weakSecretProblem } from '../server/identityToken';
import { FlowCatalog } from '../server/flowCatalog';
import { RuntimeMetrics } from '../server/metrics';
import { EmbeddedStore } from '../store/embeddedStore';
import type { RuntimeStore } from '../store/types';
import { MemorySharedState } from '../store/sharedState';
import { SharedSessionMap, loadSharedSession } from './sharedSessions';
import { serveConfigSchema, type ServeConfig } from './config';
import { AgentDirectory, agentCoverageWarnings, agentNameWarnings, EDIT_CLAIM_MS, agentSettingsSchema, type Agent, type AgentSettings, type CannedReply } from '../agents/agentDirectory';
import { AgentHub } from '../agents/agentHub';
import { registerAgentRoutes } from '../agents/agentRoutes';
import { customerSignals } from '../agents/customerSignals';
import { ShardPool } from '../shard/shardPool';
import { MAIN_MIN_GARBAGE_MB, fullCollection, startIdleGc } from './idleGc';
import { warmUp } from './warmUp';

/**
 * Pending connections the kernel queues for the server to accept (listen(2)'s backlog; Linux caps it at
 * net.core.somaxconn, 4096 on current kernels). Node's default is 511. Session 16 (helper rtfast): when more than 511
 * clients connect at once (the fixed-rate bench's 1,000 connections; customers reconnecting after a restart or a load
 * balancer's failover) while the main thread is busy, the kernel drops the SYNs past the full queue and each such
 * client retries only after its 1 s SYN timeout: hundreds of connections, each with ~4 messages 100-700 ms late at
 * 5,000 msgs/s, which was the fixed-rate p99 over 50 ms and its ~600 ms max (measured: /proc/net/netstat
 * ListenOverflows = the connections whose first message took > 300 ms; docs/runtime.md "Session 16").
 */
export const LISTEN_BACKLOG = 4096;

export interface RuntimeOptions {
  flows: Flow[];
  port?: number;
  host?: string;
  /** Data folder for the embedded store (ignored when `store` is given). */
  dataDir?: string;
  store?: RuntimeStore;
  config?: Partial<ServeConfig>;
  defaultFlowId?: string;
  logger?: Logger;
  now?: () => number;
  env?: NodeJS.ProcessEnv;
  pollMs?: number;
  /** Run the timer and outbox loops (default true); tests turn them off and call `runner.tick()`. */
  effectLoop?: boolean;
  /** Agents (`--agents FILE`, parsed by loadAgentsFile): turns on the agent API, presence and assignment. */
  /** `inboxOptional`: agents reachable without an open inbox (the studio's Run designer: AgentHub deps.inboxOptional). */
  agents?: { agents: Agent[]; settings?: Partial<AgentSettings>; file?: string; cannedReplies?: CannedReply[]; inboxOptional?: string[] };
  /**
   * `--workers N` (runtime/shard/): conversations spread over N worker threads, each stepping and storing its own
   * (embedded store only). 0 (default here; `baton serve` defaults to 1): everything on the main thread.
   */
  workers?: number;
  /**
   * Give each thread's garbage back when it goes idle (runtime/serve/idleGc.ts; `baton serve` turns it on, tests and
   * the studio's Run leave it off).
   */
  idleGc?: boolean;
  /**
   * Session 19 (hostile s18 #19): at close, how long requests arriving on connections already open are still answered
   * (503 "draining", then the connection is closed) before the remaining idle connections are closed (default 0;
   * `baton serve`: DRAIN_GRACE_MS). See runtime/server/leanRoute.ts `drain`.
   */
  drainGraceMs?: number;
}

export interface RunningRuntime {
  url: string;
  port: number;
  store: RuntimeStore;
  service: ConversationService;
  runner: EffectRunner;
  server: RuntimeServer;
  /** Present when started with agents. */
  agentHub: AgentHub | null;
  /** Stops taking requests, finishes the work in progress, closes the store. */
  close(): Promise<void>;
}

/**
 * How the Rasa REST channel (POST /webhooks/rest/webhook) answers (hostile s47 H1: it was open to anyone unless a
 * token was set, so anyone who knew a sender id, often a phone number, read that customer's agent replies and wrote as
 * them): `token` (config rasa.token or BATON_RASA_TOKEN: only callers sending it), `open` (config
 * rasa.allowWithoutToken: true, Rasa's own unauthenticated behaviour, warned at start) or `off` (neither: 403).
 */
export type RasaAccess = { mode: 'token'; token: string } | { mode: 'open' } | { mode: 'off' };

/**
 * A token from the environment (BATON_RASA_TOKEN, BATON_ADMIN_TOKEN, BATON_METRICS_TOKEN), held to the config file's rule
 * (session 49, lead, hostile s49 M9: BATON_RASA_TOKEN=a opened the Rasa channel to a guessable token, where the config
 * file refuses fewer than 16 characters). Unset or empty: undefined.
 */
export function envToken(env: NodeJS.ProcessEnv, name: 'BATON_RASA_TOKEN' | 'BATON_ADMIN_TOKEN' | 'BATON_METRICS_TOKEN'): string | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  if (value.length < 16) throw new Error(`${name} is ${value.length} character${value.length === 1 ? '' : 's'} long: use at least 16 (a random one: node -e "console.log(require('crypto').randomBytes(24).toString('base64url'))"), or unset it.`);
  return value;
}

export function rasaAccessOf(config: Pick<ServeConfig, 'rasa'>, env: NodeJS.ProcessEnv): RasaAccess {
  const token = config.rasa.token ?? envToken(env, 'BATON_RASA_TOKEN');
  if (token && config.rasa.allowWithoutToken)
    throw new Error('--config rasa.allowWithoutToken is true but BATON_RASA_TOKEN is set: the channel would need the token anyway. Unset BATON_RASA_TOKEN to run it without one, or remove "allowWithoutToken" to keep the token.');
  if (token) return { mode: 'token', token };
  return config.rasa.allowWithoutToken ? { mode: 'open' } : { mode: 'off' };
}

/** What `baton serve` says at start about the Rasa channel: how to turn it on when off, the risk when open. */
export function rasaChannelNote(access: RasaAccess, host: string): string | null {
  if (access.mode === 'off')
    return 'the Rasa channel POST /webhooks/rest/webhook is off (it answers 403): to use it, set "rasa": {"token": "<at least 16 characters>"} in --config (or BATON_RASA_TOKEN) and add ?token=<token> to your Rasa client\'s webhook URL; "rasa": {"allowWithoutToken": true} opens it without a token (not recommended).';
  if (access.mode === 'open')
    return `WARNING: the Rasa channel POST /webhooks/rest/webhook needs no token ("rasa": {"allowWithoutToken": true}): anyone who can reach ${host} and knows or guesses a sender id (often a phone number) reads that customer's replies, agents' included, and writes as them; each reply goes out once, to the first call for that sender: a reply such a caller takes never reaches the customer's own client (it stays in the transcript). Set "rasa": {"token": "..."} instead and add ?token=<token> to the client's webhook URL.`;
  return null;
}

/**
 * What `baton serve` warns about at start-up: the Rasa channel opened without a token (rasa.allowWithoutToken: on
 * every address, the team chose it), and, when listening on an address other than loopback (the studio's Run and
 * local tries stay quiet), /metrics without a token.
 */
export function securityWarnings(o: { rasa?: RasaAccess; metricsToken?: string; host: string }): string[] {
  const out: string[] = [];
  const loopback = o.host === 'localhost' || o.host === '::1' || o.host.startsWith('127.');
  if (o.rasa?.mode === 'open') out.push(`Rasa channel POST /webhooks/rest/webhook is open without a token (rasa.allowWithoutToken) to anyone who can reach ${o.host}: anyone who knows a sender id reads and writes that customer's chat (each reply goes out once, to the first call for that sender); set "rasa": {"token": "..."} in --config or BATON_RASA_TOKEN instead`);
  if (!o.metricsToken && !loopback) out.push(`GET /metrics is public on ${o.host}: set "metricsToken" in --config or BATON_METRICS_TOKEN`);
  return out;
}

/** The port asked for is taken by another program. */
export class PortInUseError extends Error {
  readonly code = 'EADDRINUSE';
  constructor(
    readonly port: number,
    readonly host: string,
  ) {
    super(`port ${port} on ${host} is already in use by another program: stop it, or choose another port (--port).`);
  }
}

/** With a store that counts hits for every instance (Redis): the per-conversation limit, as ConversationLimiter words it. */
function conversationLimitOf(store: RuntimeStore, perMinute: number): ((id: string, now: number) => Promise<void>) | undefined {
  const counter = store as { hit?: (key: string, windowMs: number) => Promise<{ count: number; ttlMs: number }> };
  const hit = counter.hit?.bind(store);
  if (!hit) return undefined;
  return async (id) => {
    const { count, ttlMs } = await hit(`conv:${id}`, 60_000);
    if (count > perMinute) {
      const retry = Math.max(1, Math.ceil(ttlMs / 1000));
      throw new ApiError(429, 'rate_limited', `Too many messages in this conversation: at most ${perMinute} a minute; retry after ${retry} s.`, undefined, { 'Retry-After': String(retry) });
    }
  };
}

/**
 * Session 47 (apisec2): signed identity. The secret from --config ("identity": {"secret"}) or BATON_IDENTITY_SECRET (at
 * least 32 characters), the previous one while a site switches, and what unsigned details get; session 49 (apisec4):
 * a flow's own secret from "identity": {"flows": {"<flow id>": {"secret", "previousSecret"?, "unsigned"?}}}.
 */
export function identitySettings(config: ServeConfig, env: NodeJS.ProcessEnv): IdentitySettings {
  const fromEnv = env.BATON_IDENTITY_SECRET;
  const weak = fromEnv !== undefined && fromEnv !== '' ? weakSecretProblem(fromEnv) : null;
  if (weak !== null) throw new Error(`BATON_IDENTITY_SECRET: ${weak}`);
  const secret = config.identity.secret ?? (fromEnv || undefined);
  const secrets = (...xs: Array<string | undefined>) => xs.filter((s): s is string => typeof s === 'string' && s !== '');
  // Session 49 (apisec4): a flow listed in identity.flows has its own secret (and may say its own "unsigned").
  const byFlow: NonNullable<IdentitySettings['byFlow']> = {};
  for (const [flowId, f] of Object.entries(config.identity.flows ?? {})) byFlow[flowId] = { secrets: secrets(f.secret, f.previousSecret), unsigned: f.unsigned ?? config.identity.unsigned };
  return { secrets: secrets(secret, config.identity.previousSecret), unsigned: config.identity.unsigned, ...(Object.keys(byFlow).length > 0 ? { byFlow } : {}) };
}

export async function startRuntime(opts: RuntimeOptions): Promise<RunningRuntime> {
  const config = serveConfigSchema.parse(opts.config ?? {});
  const env = opts.env ?? process.env;
  const identity = identitySettings(config, env);
  const logger = opts.logger ?? pino({ level: config.logLevel, base: { service: 'baton-serve' } }, stdoutLogDestination());
  const now = opts.now ?? Date.now;
  const rasaAccess = rasaAccessOf(config, env); // before anything is opened: a conflicting setting starts nothing
  const workers = opts.workers ?? 0;
  let pool: ShardPool | null = null;
  if (workers > 0) {
    if (opts.store) throw new Error(`--workers ${workers}: worker threads share the embedded store only; with --redis, run several instances instead (or leave --workers out)`);
    pool = await ShardPool.start({ dir: opts.dataDir ?? './baton-data', workers, config, logger, now: opts.now, env, idleGc: opts.idleGc });
  }
  const store: RuntimeStore = pool?.store ?? opts.store ?? new EmbeddedStore({ dir: opts.dataDir ?? './baton-data' });
  // Presence, notes, assignment inputs and redeploys: shared by every instance on Redis, this process otherwise.
  const shared = store.sharedState?.() ?? new MemorySharedState();
  const catalog = new FlowCatalog(store);
  if (shared.kind === 'redis') await catalog.watch(shared, { logger, all: true });
  for (const flow of opts.flows) {
    // A revision deployed through the admin API outlives a restart while the flow file is unchanged (flowCatalog.ts).
    const r = await catalog.deployAtStart(flow, now());
    logger.info({ flowId: flow.id, revision: r.revision, newRevision: r.changed, ...(r.kept ? { keptDeployed: true } : {}) }, 'flow loaded');
    if (r.note) logger.warn(r.note.fields, r.note.msg);
  }
  if (opts.defaultFlowId && !catalog.active(opts.defaultFlowId)) {
    await store.close();
    throw new Error(`--default-flow ${opts.defaultFlowId}: no such flow; served flows: ${catalog.flowIds().join(', ')}`);
  }
  // The threads that step conversations compile the engine's code and decode the classifier before the first
  // customer (warmUp.ts): the shards (shardPool.ts `warm`) and this thread (it starts conversations, and steps them
  // when there are no shards), at the same time.
  const served = catalog.flowIds().map((id) => catalog.active(id)!);
  const shardsWarm = pool?.warm(served.map((d) => [d.flow.id, d.revision]));
  for (const f of warmUp(served.map((d) => d.flow), now(), pool !== null)) logger.debug({ err: f.err, flowId: f.flowId }, 'warm-up of a flow failed (served as usual)');
  await shardsWarm;
  const metrics = new RuntimeMetrics(store);
  const service = new ConversationService({ store, catalog, metrics, logger, now, identity });
  const runner = effectRunnerFor({ store, service, metrics, logger, now, pollMs: opts.pollMs }, config, env);
  service.setHttpPerformer(runner);
  pool?.attach({ metrics, kick: () => runner.kick() });
  let agentHub: AgentHub | null = null;
  let registerRoutes: ((app: Parameters<typeof registerAgentRoutes>[0]) => Promise<void>) | undefined;
  if (opts.agents) {
    // Several instances: sign-in sessions live in the shared state too (runtime/serve/sharedSessions.ts).
    const sessions = shared.kind === 'redis' ? new SharedSessionMap() : undefined;
    // ... and admin edits of agents and canned replies are passed on to the other instances (each saves its own file).
    const onSaved =
      shared.kind === 'redis'
        ? (doc: unknown) => void shared.publish({ type: 'directory', handoffId: null, data: doc }).catch((err) => logger.warn({ err }, 'sharing an agents edit failed'))
        : undefined;
    // Hostile s19 #20: two admins saving the same item on two instances at once: one 200, one 409 (AgentDirectory.claim).
    const claims =
      shared.kind === 'redis' && shared.claimEdit && shared.releaseEdit
        ? { claimEdit: (key: string, expect: string, next: string) => shared.claimEdit!(key, expect, next, EDIT_CLAIM_MS), releaseEdit: (key: string, value: string) => shared.releaseEdit!(key, value) }
        : {};
    const directory = new AgentDirectory(opts.agents.agents, agentSettingsSchema.parse(opts.agents.settings ?? {}), { file: opts.agents.file, now, cannedReplies: opts.agents.cannedReplies, sessions, onSaved, ...claims });
    const unsubscribeSessions = sessions?.attach(shared, now, logger);
    const unsubscribeDirectory =
      shared.kind === 'redis'
        ? shared.subscribe((e) => {
            if (e.type !== 'directory' || e.origin === shared.instanceId) return;
            void directory
              .adopt(e.data as Parameters<AgentDirectory['adopt']>[0])
              .then(() => logger.info('agents and canned replies updated by an admin on another instance'))
              .catch((err) => logger.warn({ err }, 'applying an agents edit from another instance failed'));
          })
        : undefined;
    for (const w of agentNameWarnings(directory.list())) logger.warn({ agents: opts.agents.file ?? 'in-process' }, `agents: ${w}`);
    for (const w of agentCoverageWarnings(directory.list(), opts.flows)) logger.warn({ agents: opts.agents.file ?? 'in-process' }, `agents: ${w}`);
    const hub = new AgentHub({ store, service, directory, logger, now, pollMs: opts.pollMs, shared, inboxOptional: opts.agents.inboxOptional });
    agentHub = hub;
    service.setAgentPresence(() => hub.presenceForEngine(), () => hub.queueForEstimate(), (records) => hub.noteHandoffs(records));
    // --workers: the shards step customer messages with the hub's snapshot, sent when it changed (shardPool.ts).
    // The same presence as unsharded (session 37: with --workers, a new customer in the start-up grace was told nobody is available).
    pool?.attachAgents(() => ({ agents: hub.presenceForEngine() ?? null, queue: hub.queueForEstimate() }), () => hub.snapshotVersion, (records) => hub.noteHandoffs(records));
    registerRoutes = async (app) => {
      if (sessions) {
        app.addHook('onRequest', loadSharedSession({ shared, sessions, directory, now }));
        app.addHook('onClose', async () => {
          unsubscribeSessions?.();
          unsubscribeDirectory?.();
        });
      }
      await registerAgentRoutes(app, { store, directory, hub, now });
    };
  }
  const server = await buildServer({
    drainGraceMs: opts.drainGraceMs,
    store,
    catalog,
    service,
    metrics,
    logger,
    now,
    defaultFlowId: opts.defaultFlowId,
    adminToken: config.adminToken ?? envToken(env, 'BATON_ADMIN_TOKEN'),
    corsOrigins: config.corsOrigins,
    perAddressPerMinute: config.rateLimit.perAddressPerMinute,
    perConversationPerMinute: config.rateLimit.perConversationPerMinute,
    bodyLimitBytes: config.bodyLimitBytes,
    registerRoutes,
    customerSignals: agentHub ? customerSignals(agentHub) : undefined,
    rasa: rasaAccess,
    metricsToken: config.metricsToken ?? envToken(env, 'BATON_METRICS_TOKEN'),
    rateLimitRedis: (store as { client?: unknown }).client,
    conversationLimit: conversationLimitOf(store, config.rateLimit.perConversationPerMinute),
    routeMessage: pool ? (id, body, headers) => pool.sendMessage(id, body, headers) : undefined,
  });
  for (const w of securityWarnings({ rasa: rasaAccess, metricsToken: config.metricsToken ?? envToken(env, 'BATON_METRICS_TOKEN'), host: opts.host ?? '127.0.0.1' })) logger.warn(w);
  try {
    await server.app.listen({ port: opts.port ?? 3000, host: opts.host ?? '127.0.0.1', backlog: LISTEN_BACKLOG });
  } catch (err) {
    // Nothing is served: release what was opened (the data folder's lock above all), so a retry can start.
    await server.app.close().catch(() => undefined);
    catalog.stop();
    await store.close().catch(() => undefined);
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new PortInUseError(opts.port ?? 3000, opts.host ?? '127.0.0.1');
    throw err;
  }
  const address = server.app.server.address();
  const port = typeof address === 'object' && address ? address.port : (opts.port ?? 3000);
  const host = opts.host ?? '127.0.0.1';
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  if (opts.effectLoop !== false) runner.start();
  if (agentHub) {
    await agentHub.refresh();
    if (opts.effectLoop !== false) agentHub.start();
  }
  let prune: NodeJS.Timeout | null = null;
  let firstPrune: NodeJS.Timeout | null = null;
  if (config.retentionDays > 0) {
    const run = () =>
      store
        .pruneClosed(now() - config.retentionDays * 86_400_000)
        .then((n) => n > 0 && logger.info({ pruned: n }, 'pruned closed conversations'))
        .catch((err) => logger.warn({ err }, 'pruning failed'));
    prune = setInterval(run, 3_600_000);
    prune.unref();
    // Also once soon after start-up: a server restarted more often than hourly would otherwise never prune
    // (storetest, session 6). A second after ready, so start-up is not slowed by a large prune.
    firstPrune = setTimeout(run, 1000);
    firstPrune.unref();
  }
  // Session 17: the start-up's garbage (loading, flows, the warm-up) is collected first, so the idle collection's
  // floor is what the main thread really keeps (it was read with that garbage in it, and a burst that added less than
  // the threshold on top of it left the main thread's ~20 MB of request garbage in place: one 10,000-conversation run
  // in two was over 300 MB); the main thread keeps little per conversation, so a lower threshold (MAIN_MIN_GARBAGE_MB).
  // Without shards (--workers 0, --redis) the main thread runs the conversations: as before.
  if (opts.idleGc && pool) fullCollection()?.();
  const stopIdleGc = opts.idleGc ? startIdleGc(pool ? { minGarbageMb: MAIN_MIN_GARBAGE_MB } : {}) : () => undefined;
  server.setReady(true);
  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    store,
    service,
    runner,
    server,
    agentHub,
    close() {
      closing ??= (async () => {
        server.setReady(false);
        stopIdleGc();
        if (prune) clearInterval(prune);
        if (firstPrune) clearTimeout(firstPrune);
        await server.app.close();
        await agentHub?.stop();
        catalog.stop();
        await runner.stop();
        await store.close();
      })();
      return closing;
    },
  };
}
