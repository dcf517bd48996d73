/**
 * One shard of `baton serve --workers N` (see shardPool.ts): a worker thread that owns the conversations whose id
 * hashes to it. It has its own embedded store on the process's data folder (same lmdb environment, writes inline
 * in this thread, its own journal lane), its own conversation service (engine, escalation, planning), the
 * per-conversation message limit, and an effect runner used only for HTTP request blocks (timers and the outbox
 * are run by the main thread). The main thread sends small messages: a customer message is
 * {id, token, body, idempotency key} in and the answer's JSON text out; every other use of a conversation
 * (reads, locks, commits of timers and agent events, push subscriptions) is a store call answered here, so each
 * conversation has exactly one writer and one hot cache.
 */
import { envSwitchOff } from '../serve/envCheck';
import { parentPort } from 'node:worker_threads';
import pino from 'pino';
import type { Input, QueuedHandoff } from '../../shared/engine/types';
import type { AgentPresence } from '../../shared/handoff/types';
import { effectRunnerFor } from '../effects/effectRunner';
import type { ServeConfig } from '../serve/config';
import { fullCollection, memoryReducingCollection, startIdleGc } from '../serve/idleGc';
import { warmUp } from '../serve/warmUp';
import { stdoutLogDestination } from '../serve/stdoutLog';
import { ConversationLimiter } from '../server/conversationLimiter';
import { ConversationService, hashBody } from '../server/conversationService';
import { FlowCatalog } from '../server/flowCatalog';
import type { RuntimeMetrics } from '../server/metrics';
import { EmbeddedStore } from '../store/embeddedStore';
import type { LogEntry, StepWrite } from '../store/types';
import { errorToWire, ownerOf, type MetricOp, type ShardReply, type ShardRequest } from './shardProtocol';

export interface ShardWorkerData {
  batonShard: true;
  index: number;
  count: number;
  dir: string;
  config: ServeConfig;
  writer: 'thread' | 'inline';
  /**
   * 'real': Date.now (baton serve). 'main': the main thread's clock, sent with each batch of requests (tests run
   * the runtime with a manual clock; the shard's steps must see the same time as the main thread's timers).
   */
  clock: 'real' | 'main';
  /** Environment for secrets ({{secrets.NAME}} from BATON_SECRET_NAME), as the main thread's runtime was given. */
  env: Record<string, string | undefined>;
  /** The main thread's log level. */
  logLevel: string;
  /** Give this thread's garbage back when it goes idle (runtime/serve/idleGc.ts). */
  idleGc?: boolean;
}

/**
 * An idle shard gives its young generation's pages back (idleGc.ts memoryReducingCollection, shardPool.ts
 * shardSemiFloorMb): 10,000 idle conversations ~230-245 MB instead of ~280-300. On by default since session 18 (issue
 * 8: under 300 MB in every run, with a margin, by default); `BATON_IDLE_RELEASE=0` turns it off.
 *
 * What it costs: the next burst after an idle spell (a second or more with no work) touches the young generation's
 * pages again, ~16,000 minor page faults for its 64 MB (measured session 18: ~30 ms of CPU to touch 64 MB of fresh
 * memory on this host at load 18; ~0.15-0.4 s of CPU per idle spell in all in runtimeCpu's rounds on a loaded host),
 * paid per idle spell, not per message, and at most once a minute (idleGc.ts REDUCE_EVERY: an idle spell within the
 * minute releases at its 30 s follow-up instead); a server under steady traffic never goes idle and never pays it. Session 17 made it opt-in after runtimeCpu's alternating rounds (each server idle
 * ~12 s before each of its rounds, so every round pays it) read 0.197 against 0.148 ms per message at load 14-17;
 * session 18's same comparisons read +8% (0.161 against 0.149, load 7-16) and rounds overlapping at load 24-27
 * (docs/runtime.md "Session 18"). Session 18 also checked session 17's guess that the memory-reducing collection
 * drops compiled code: with --trace-opt the bursts after idling re-optimised as many functions with it as without it
 * (47-131 against 34-163 per round), and no bytecode was flushed by it.
 */
export function releasesYoung(env: Record<string, string | undefined>): boolean {
  return !envSwitchOff(env.BATON_IDLE_RELEASE); // " 0" too, as envCheck reads it (review s19 R10)
}

export async function runShardWorker(data: ShardWorkerData): Promise<void> {
  const port = parentPort!;
  const { index, count, config } = data;
  let out: ShardReply[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    const batch = out;
    out = [];
    if (metricOps.length > 0 || counted.size > 0) {
      for (const [name, byLabels] of counted) for (const [labels, times] of byLabels) metricOps.push([name, 'inc', labels, times]);
      counted.clear();
      batch.push({ t: 'm', ops: metricOps });
      metricOps = [];
    }
    port.postMessage(batch);
  };
  const push = (r: ShardReply) => {
    out.push(r);
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };

  let store: EmbeddedStore;
  try {
    // Each shard keeps its share of the hot conversations (the unsharded store keeps 2,048): the same memory in all.
    const hotConversations = Math.max(256, Math.ceil(2048 / count));
    store = new EmbeddedStore({ dir: data.dir, writer: data.writer, hotConversations, shard: { journalLane: index, owns: (id) => ownerOf(id, count) === index } });
  } catch (err) {
    port.postMessage([{ t: 'fail', message: (err as Error).message }]);
    return;
  }
  // Counters the service and the effect runner bump: sent to the main thread's registry with the next replies.
  let metricOps: MetricOp[] = [];
  // Increments added up until the batch is sent, per metric and labels object (the service's labels are shared
  // constants, e.g. {from: 'bot'}, so one message's two or three counts become one op per batch).
  const counted = new Map<string, Map<Record<string, string> | null, number>>();
  const forward = (name: string) => ({
    inc: (labels?: Record<string, string>) => {
      let byLabels = counted.get(name);
      if (!byLabels) counted.set(name, (byLabels = new Map()));
      const key = labels ?? null;
      byLabels.set(key, (byLabels.get(key) ?? 0) + 1);
    },
    observe: (value: number) => void metricOps.push([name, 'observe', value]),
  });
  const metrics = { messages: forward('messages'), escalations: forward('escalations'), handoffs: forward('handoffs'), waitSeconds: forward('waitSeconds'), effectFailures: forward('effectFailures') } as unknown as RuntimeMetrics;
  let mainNow = Date.now();
  const now = data.clock === 'main' ? () => mainNow : Date.now;
  // Straight to fd 1, synchronously, like the main thread's logs (runtime/serve/stdoutLog.ts: no exit hook, EPIPE safe).
  const logger = pino({ level: data.logLevel, base: { service: 'baton-serve', shard: index } }, stdoutLogDestination());
  const catalog = new FlowCatalog(store); // pinned revisions only, read from the store (the main thread deploys)
  const service = new ConversationService({ store, catalog, metrics, logger, now });
  const runner = effectRunnerFor({ store, service, metrics, logger, now }, config, data.env as NodeJS.ProcessEnv);
  // HTTP request blocks are called from here (the customer's answer includes their result); new outbox items are
  // sent by the main thread's loop, told at once.
  service.setHttpPerformer({ performHttp: (job) => runner.performHttp(job), kick: () => push({ t: 'kick' }) });
  const limiter = new ConversationLimiter(config.rateLimit.perConversationPerMinute);
  const locks = new Map<number, () => void>();
  let agents: { agents: AgentPresence[] | null; queue: QueuedHandoff[] } | null = null;
  // Handoffs this shard's steps opened that the main thread's snapshot does not count yet: messages posted together
  // are all stepped here before the main thread hears of the first handoff ('h') and sends a new snapshot, so each
  // read a queue without the others (hostile s16 H#13: ten customers at once all told "under a minute"). Dropped when
  // a snapshot lists their id, when they leave pending, or after OWN_QUEUE_MS (the main thread has long heard of them).
  const ownQueue = new Map<string, { q: QueuedHandoff; at: number }>();
  const OWN_QUEUE_MS = 2000;
  const queueWithOwn = (): QueuedHandoff[] => {
    if (ownQueue.size === 0) return agents!.queue;
    const t = now();
    const extra: QueuedHandoff[] = [];
    for (const [id, o] of ownQueue) {
      if (t - o.at > OWN_QUEUE_MS) ownQueue.delete(id);
      else extra.push(o.q);
    }
    return extra.length === 0 ? agents!.queue : [...agents!.queue, ...extra];
  };
  const noteOwn = (handoffs: Array<{ id: string; status: string; priority: string; request: unknown }>) => {
    const t = now();
    for (const h of handoffs) {
      if (h.status !== 'pending') {
        ownQueue.delete(h.id);
        continue;
      }
      if (ownQueue.has(h.id)) continue;
      const teams = ((h.request as { teams?: string[] } | null)?.teams ?? []).filter((x) => typeof x === 'string' && x.trim() !== '');
      ownQueue.set(h.id, { q: { teams, priority: h.priority }, at: t });
    }
  };
  const watching = new Map<string, () => void>();

  const send = async (q: Extract<ShardRequest, { t: 'send' }>): Promise<string> => {
    await service.getAuthorized(q.id, q.token);
    limiter.take(q.id, now());
    const b = q.body;
    const input: Input = b.text !== undefined ? { type: 'text', text: b.text } : { type: 'choice', buttonId: b.choice! };
    const result = await service.send(q.id, input, q.idem !== undefined ? { key: q.idem, requestHash: hashBody(b) } : undefined);
    return JSON.stringify(result);
  };

  /** Compiles the engine's code on this thread before the first customer (runtime/serve/warmUp.ts). */
  const warm = async (flows: Array<[string, string]>) => {
    const loaded = [];
    for (const [flowId, revision] of flows) {
      const d = await catalog.pinned(flowId, revision);
      if (d) loaded.push(d.flow);
    }
    for (const f of warmUp(loaded, now())) logger.debug({ err: f.err, flowId: f.flowId }, 'warm-up of a flow failed (served as usual)');
    // The warm-up's garbage (the classifier's decoding makes tens of MB) is collected now, before the runtime listens,
    // instead of by idleGc's check a quarter of a second later, when the first customers may already be here.
    // Session 17 (by default since session 18; BATON_IDLE_RELEASE=0: off): V8's memory-reducing collection, which also gives back the pages of the young generation the
    // warm-up filled (its size stays: shardPool.ts shardSemiFloorMb): ~16 MB less resident in an empty server.
    if (data.idleGc) ((releasesYoung(data.env) ? memoryReducingCollection() : null) ?? fullCollection())?.();
    return true;
  };

  const answer = (n: number, p: Promise<unknown>) =>
    p.then(
      (ok) => push({ n, ok }),
      (err) => push({ n, err: errorToWire(err) }),
    );

  port.on('message', (msg: { now: number; reqs: ShardRequest[] }) => {
    mainNow = msg.now;
    for (const q of msg.reqs) {
      switch (q.t) {
        case 'send':
          answer(q.n, send(q));
          break;
        case 'get':
          answer(q.n, store.getConversation(q.id));
          break;
        case 'getMany':
          answer(
            q.n,
            Promise.all(q.ids.map((id) => store.getConversation(id))).then((rs) => rs.filter((r) => r !== null)),
          );
          break;
        case 'log':
          answer(q.n, store.readLog(q.id, q.after, q.limit));
          break;
        case 'commit':
          answer(q.n, store.commit(q.w as StepWrite));
          break;
        case 'lock':
          // Held until the main thread's 'unlock' (its runExclusive's function has finished).
          void store.runExclusive(q.id, () => new Promise<void>((release) => {
            locks.set(q.n, release);
            push({ n: q.n, ok: true });
          }));
          break;
        case 'unlock': {
          const release = locks.get(q.k);
          locks.delete(q.k);
          release?.();
          break;
        }
        case 'watch':
          if (!watching.has(q.id)) watching.set(q.id, store.subscribe(q.id, (entries: LogEntry[]) => push({ t: 'e', id: q.id, entries })));
          break;
        case 'unwatch':
          watching.get(q.id)?.();
          watching.delete(q.id);
          break;
        case 'prune':
          answer(q.n, store.pruneClosed(q.before));
          break;
        case 'agents':
          // Posted by the main thread before the first message of a runtime with agents, then whenever the hub's
          // presence or queue changed: the engine reads this snapshot at each step, as it reads the hub unsharded.
          // The handoffs a step writes go to the hub at once (before the step's answer), so the snapshot sent before
          // the next message counts them (hostile s15 H#7).
          if (!agents) {
            // null: the hub's start-up grace (who is online is not known yet), as unsharded (agentHub presenceForEngine).
            service.setAgentPresence(() => agents!.agents ?? undefined, queueWithOwn, (handoffs) => {
              noteOwn(handoffs);
              push({ t: 'h', handoffs });
            });
          }
          agents = { agents: q.agents, queue: q.queue };
          // The hub's queue items carry their handoff id (agentHub queueForEstimate).
          for (const item of q.queue) ownQueue.delete((item as { id?: string }).id ?? '');
          break;
        case 'problem':
          answer(q.n, store.writeProblem());
          break;
        case 'failWrites':
          store.simulateCommitFailures(q.count);
          answer(q.n, Promise.resolve(true));
          break;
        case 'warm':
          answer(q.n, warm(q.flows));
          break;
        case 'close':
          answer(
            q.n,
            (async () => {
              for (const release of locks.values()) release();
              await store.close();
              return true;
            })(),
          );
          break;
      }
    }
  });
  // reduce (session 17; by default since session 18, BATON_IDLE_RELEASE=0: off): each idle spell's first collection also gives the young generation's pages back.
  if (data.idleGc) startIdleGc({ reduce: releasesYoung(data.env) });
  port.postMessage([{ t: 'ready' }]);
}
